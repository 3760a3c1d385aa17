"""Qt side of the review session and its workspace: every typed event re-emitted as a Qt signal.

The state lives in :class:`plannerview.review.session.ReviewSession` and
:class:`plannerview.review.workspace.Workspace` (Qt-free, shared with the CLI); widgets connect to
the typed signals here, change state through ``qs.model`` and ask ``qs.workspace`` for results.
Workspace events may come from pool threads (a DVH job caches a result); they reach the signals
on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

from ..model import events as ev
from ..review import session as rs
from ..review.workspace import Workspace


class QtSession(QObject):
    """Typed Qt signals for a :class:`ReviewSession` and its :class:`Workspace` (one signal per event class).

    Give a ``workspace`` (the main window's) or a ``model``; without a workspace one is made for the
    session, so every QtSession has ``.workspace``.
    """

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
    object_added = Signal(object)  # model.events.ObjectAdded: a derived dose or structure set joined the case
    annotation_changed = Signal(object)  # model.events.AnnotationChanged
    result_ready = Signal(object)  # model.events.ResultReady
    _from_worker = Signal(object)  # a workspace event raised on a pool thread, queued to the GUI thread

    def __init__(self, model: rs.ReviewSession | None = None, parent: QObject | None = None, *,
                 workspace: Workspace | None = None) -> None:
        super().__init__(parent)
        if workspace is not None and model is not None and workspace.session is not model:
            raise ValueError("the workspace belongs to another review session")
        self.workspace = workspace if workspace is not None else Workspace(model)
        self.model = self.workspace.session
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
        self._ws_signals = {
            ev.ObjectAdded: self.object_added,
            ev.AnnotationChanged: self.annotation_changed,
            ev.ResultReady: self.result_ready,
        }
        self._from_worker.connect(self._dispatch)  # queued: the emitting thread is not this object's
        self._unsubscribe = [self.model.subscribe(etype, sig.emit) for etype, sig in table.items()]
        self._unsubscribe += [self.workspace.subscribe(etype, self._workspace_event) for etype in self._ws_signals]

    def _workspace_event(self, event: ev.WorkspaceEvent) -> None:
        if QThread.currentThread() is self.thread():
            self._dispatch(event)
        else:
            self._from_worker.emit(event)

    def _dispatch(self, event: ev.WorkspaceEvent) -> None:
        for etype, sig in self._ws_signals.items():
            if isinstance(event, etype):
                sig.emit(event)

    def detach(self) -> None:
        for u in self._unsubscribe:
            u()
        self._unsubscribe = []
