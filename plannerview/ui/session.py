"""Qt side of the review session: every typed session event re-emitted as a Qt signal.

The state lives in :class:`plannerview.review.session.ReviewSession` (Qt-free, shared with the
CLI); widgets connect to the typed signals here and change state through ``qs.model``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..review import session as rs


class QtSession(QObject):
    """Typed Qt signals for a :class:`ReviewSession` (one signal per event class)."""

    case_changed = Signal(object)  # CaseChanged
    selection_changed = Signal(object)  # SelectionChanged
    cursor_moved = Signal(object)  # CursorMoved
    probe_moved = Signal(object)  # ProbeMoved
    roi_visibility_changed = Signal(object)  # RoiVisibilityChanged
    contour_style_changed = Signal(object)  # ContourStyleChanged
    window_level_changed = Signal(object)  # WindowLevelChanged
    dose_display_changed = Signal(object)  # DoseDisplayChanged
    overlay_changed = Signal(object)  # OverlayChanged
    comparison_changed = Signal(object)  # ComparisonChanged
    review_recorded = Signal(object)  # ReviewRecorded

    def __init__(self, model: rs.ReviewSession | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model or rs.ReviewSession()
        table = {
            rs.CaseChanged: self.case_changed,
            rs.SelectionChanged: self.selection_changed,
            rs.CursorMoved: self.cursor_moved,
            rs.ProbeMoved: self.probe_moved,
            rs.RoiVisibilityChanged: self.roi_visibility_changed,
            rs.ContourStyleChanged: self.contour_style_changed,
            rs.WindowLevelChanged: self.window_level_changed,
            rs.DoseDisplayChanged: self.dose_display_changed,
            rs.OverlayChanged: self.overlay_changed,
            rs.ComparisonChanged: self.comparison_changed,
            rs.ReviewRecorded: self.review_recorded,
        }
        self._unsubscribe = [self.model.subscribe(etype, sig.emit) for etype, sig in table.items()]

    def detach(self) -> None:
        for u in self._unsubscribe:
            u()
        self._unsubscribe = []
