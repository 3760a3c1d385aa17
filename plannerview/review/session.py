"""The review session: what is loaded, selected and shown, with typed change events.

Qt-free on purpose: the CLI (``plannerview screenshot``), scripts and tests drive the same
object the GUI does. Views subscribe to event *types* (dataclasses), never to string topics;
``plannerview.ui.session.QtSession`` re-emits every event as a Qt signal for widgets.
Setters emit only when a value really changes. The session also records who reviewed what
(``reviews``), for the sign-off a later issue adds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

import numpy as np

from ..compute.canvas import canvas_grid
from ..model.case import Case
from ..model.dose import DoseGrid
from ..model.geometry import Grid
from ..model.image import ImageVolume
from ..model.plan import IonPlan, Plan
from ..model.provenance import current_user
from ..model.structures import StructureSet

AnyPlan = Plan | IonPlan

WINDOW_PRESETS: dict[str, tuple[float, float]] = {  # name -> (window, level) in HU
    "soft tissue": (400.0, 40.0),
    "lung": (1500.0, -600.0),
    "bone": (1800.0, 400.0),
    "brain": (80.0, 40.0),
}
DEFAULT_ISODOSE_PERCENT = (107.0, 100.0, 95.0, 80.0, 50.0, 30.0)


# --- events ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    """Base of every session event."""


@dataclass(frozen=True)
class CaseChanged(Event):
    case: Case | None


@dataclass(frozen=True)
class SelectionChanged(Event):
    image_uid: str
    structure_set_uid: str
    plan_uid: str
    dose_uid: str


@dataclass(frozen=True)
class CursorMoved(Event):
    """The shared crosshair moved (all slice views follow)."""

    position_mm: tuple[float, float, float]


@dataclass(frozen=True)
class ProbeMoved(Event):
    """The point under the mouse (the readout follows it)."""

    position_mm: tuple[float, float, float]


@dataclass(frozen=True)
class RoiVisibilityChanged(Event):
    visible: frozenset[int]


@dataclass(frozen=True)
class ContourStyleChanged(Event):
    filled: bool


@dataclass(frozen=True)
class WindowLevelChanged(Event):
    window: float
    level: float


@dataclass(frozen=True)
class DoseDisplay:
    """How dose is drawn: colour wash between thresholds, isodose lines at levels."""

    show_wash: bool = True
    show_isodoses: bool = True
    lower_percent: float = 30.0  # wash threshold, % of prescription
    upper_percent: float = 110.0
    opacity: float = 0.45
    levels: tuple[float, ...] = DEFAULT_ISODOSE_PERCENT
    levels_unit: str = "%"  # '%' of prescription or 'Gy'


@dataclass(frozen=True)
class DoseDisplayChanged(Event):
    display: DoseDisplay


@dataclass(frozen=True)
class OverlayChanged(Event):
    """A registered secondary image (MR/PET placed on the primary frame) and its blend (0..1)."""

    overlay_uid: str
    blend: float


@dataclass(frozen=True)
class ComparisonChanged(Event):
    dose_a_uid: str
    dose_b_uid: str


@dataclass(frozen=True)
class ReviewRecorded(Event):
    record: ReviewRecord


@dataclass(frozen=True)
class ReviewRecord:
    """Who looked at what, when (the sign-off issue builds on this)."""

    user: str
    object_uid: str
    action: str
    time_utc: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    note: str = ""


E = TypeVar("E", bound=Event)


class ReviewSession:
    """Holds the case and every display choice; notifies subscribers with typed events."""

    def __init__(self) -> None:
        self._subs: dict[type[Event], list[Callable[[Any], None]]] = {}
        self.case: Case | None = None
        self.image: ImageVolume | None = None
        self.structure_set: StructureSet | None = None
        self.plan: AnyPlan | None = None
        self.dose: DoseGrid | None = None
        self.cursor_mm: tuple[float, float, float] = (0.0, 0.0, 0.0)
        self.probe_mm: tuple[float, float, float] | None = None
        self.visible_rois: frozenset[int] = frozenset()
        self.contours_filled: bool = False
        self.window: float = WINDOW_PRESETS["soft tissue"][0]
        self.level: float = WINDOW_PRESETS["soft tissue"][1]
        self.dose_display = DoseDisplay()
        self.overlay: ImageVolume | None = None
        self.overlay_blend: float = 0.5
        self.comparison: tuple[str, str] | None = None
        self.reviews: list[ReviewRecord] = []
        self._canvas: tuple[tuple[str, str], Grid | None] | None = None
        # a patient setup the user knows better than the plan states (e.g. from the beam-direction
        # check): the 3D beams are drawn with it; "" follows each beam's own setup
        self.beam_setup_override: str = ""

    # --- observer ---------------------------------------------------------------------------
    def subscribe(self, event_type: type[E], callback: Callable[[E], None]) -> Callable[[], None]:
        """Call ``callback(event)`` for every event of ``event_type`` (or a subclass); returns an unsubscribe."""
        self._subs.setdefault(event_type, []).append(callback)

        def unsubscribe() -> None:
            lst = self._subs.get(event_type, [])
            if callback in lst:
                lst.remove(callback)

        return unsubscribe

    def emit(self, event: Event) -> None:
        for etype, callbacks in list(self._subs.items()):
            if isinstance(event, etype):
                for cb in list(callbacks):
                    cb(event)

    # --- case and selection -------------------------------------------------------------------
    def set_case(self, case: Case | None) -> None:
        """Show a new case; picks a sensible default image, structures, plan and dose."""
        self.case = case
        self.image = self.structure_set = self.plan = self.dose = self.overlay = None
        self.comparison = None
        self.emit(CaseChanged(case))
        if case is None or case.is_empty:
            self._emit_selection()
            return
        plan = _default_plan(case)
        dose = case.plan_dose(plan.sop_uid) if plan is not None else None
        if dose is None and case.doses:
            dose = case.doses[0]
        self._apply_selection(plan=plan, dose=dose)

    def extend_case(self, case: Case) -> None:
        """Replace the case by one holding the same objects plus derived ones (the workspace adds
        doses and structure sets this way): selection and display stay, no CaseChanged is emitted
        (the workspace announces each addition with ``model.events.ObjectAdded``)."""
        self.case = case

    def select(
        self,
        *,
        image: ImageVolume | None = None,
        structure_set: StructureSet | None = None,
        plan: AnyPlan | None = None,
        dose: DoseGrid | None = None,
    ) -> None:
        """Change the selection; a plan brings its dose and structures unless they are given too."""
        self._apply_selection(image=image, structure_set=structure_set, plan=plan, dose=dose, keep=True)

    def _apply_selection(
        self,
        image: ImageVolume | None = None,
        structure_set: StructureSet | None = None,
        plan: AnyPlan | None = None,
        dose: DoseGrid | None = None,
        keep: bool = False,
    ) -> None:
        case = self.case
        if case is None:
            return
        if plan is not None:
            self.plan = plan
            if dose is None:
                dose = case.plan_dose(plan.sop_uid)
        if dose is not None:
            self.dose = dose
            if plan is None and dose.referenced_plan_uid:
                self.plan = case.plan(dose.referenced_plan_uid) or self.plan
        old_ss = self.structure_set
        if structure_set is not None:
            self.structure_set = structure_set
        elif plan is not None or dose is not None or self.structure_set is None:
            ref = self.plan or self.dose
            ss = case.structures_for(ref) if ref is not None else None
            self.structure_set = ss or self.structure_set or (case.structure_sets[0] if case.structure_sets else None)
        frame = next((o.frame_of_reference_uid for o in (self.structure_set, self.dose, self.plan)
                      if o is not None and o.frame_of_reference_uid), "")
        if image is not None:
            self.image = image
        elif self.image is None or (frame and self.image.frame_of_reference_uid != frame):
            self.image = (case.image_for_frame(frame) if frame else None) or self.image or \
                (case.images[0] if case.images else None)
        if self.structure_set is not old_ss:
            ss = self.structure_set
            self.visible_rois = frozenset(r.number for r in ss.rois if r.planes) if ss else frozenset()
            self.emit(RoiVisibilityChanged(self.visible_rois))
        self._emit_selection()
        if not keep:
            self.cursor_mm = self.default_cursor_mm()
            self.emit(CursorMoved(self.cursor_mm))

    def _emit_selection(self) -> None:
        self.emit(SelectionChanged(
            image_uid=self.image.series_uid if self.image else "",
            structure_set_uid=self.structure_set.sop_uid if self.structure_set else "",
            plan_uid=self.plan.sop_uid if self.plan else "",
            dose_uid=self.dose.sop_uid if self.dose else "",
        ))

    def default_cursor_mm(self) -> tuple[float, float, float]:
        """Where the crosshair starts: the image centre (without images: the dose grid's, else the
        canvas's)."""
        grid = self.image.grid if self.image else (self.dose.grid if self.dose else self.display_grid)
        if grid is None:
            return (0.0, 0.0, 0.0)
        c = grid.center_mm
        return (float(c[0]), float(c[1]), float(c[2]))

    @property
    def has_images(self) -> bool:
        """The case holds an image series (the views then draw on it)."""
        return bool(self.case is not None and self.case.images)

    @property
    def display_grid(self) -> Grid | None:
        """The grid the slice views draw on: the selected image's; without one, a blank canvas
        covering the dose grid and the contours (``compute.canvas``); None with nothing to show."""
        if self.image is not None:
            return self.image.grid
        key = (self.dose.sop_uid if self.dose else "", self.structure_set.sop_uid if self.structure_set else "")
        if self._canvas is None or self._canvas[0] != key:
            self._canvas = (key, canvas_grid(self.dose, self.structure_set) if any(key) else None)
        return self._canvas[1]

    # --- display state ---------------------------------------------------------------------------
    def set_cursor(self, xyz_mm: Sequence[float]) -> None:
        p = (float(xyz_mm[0]), float(xyz_mm[1]), float(xyz_mm[2]))
        if p != self.cursor_mm:
            self.cursor_mm = p
            self.emit(CursorMoved(p))
        self.set_probe(p)

    def set_probe(self, xyz_mm: Sequence[float] | None) -> None:
        p = None if xyz_mm is None else (float(xyz_mm[0]), float(xyz_mm[1]), float(xyz_mm[2]))
        if p != self.probe_mm:
            self.probe_mm = p
            if p is not None:
                self.emit(ProbeMoved(p))

    def set_roi_visible(self, roi_number: int, visible: bool) -> None:
        new = self.visible_rois | {roi_number} if visible else self.visible_rois - {roi_number}
        self.set_visible_rois(new)

    def set_visible_rois(self, numbers: Sequence[int] | frozenset[int] | set[int]) -> None:
        new = frozenset(int(n) for n in numbers)
        if new != self.visible_rois:
            self.visible_rois = new
            self.emit(RoiVisibilityChanged(new))

    def show_all_rois(self, visible: bool = True) -> None:
        ss = self.structure_set
        self.set_visible_rois({r.number for r in ss.rois if r.planes} if (ss and visible) else set())

    def set_contours_filled(self, filled: bool) -> None:
        if filled != self.contours_filled:
            self.contours_filled = filled
            self.emit(ContourStyleChanged(filled))

    def set_window_level(self, window: float, level: float) -> None:
        window = max(1.0, float(window))
        if (window, float(level)) != (self.window, self.level):
            self.window, self.level = window, float(level)
            self.emit(WindowLevelChanged(window, float(level)))

    def apply_preset(self, name: str) -> None:
        w, lv = WINDOW_PRESETS[name]
        self.set_window_level(w, lv)

    def set_dose_display(self, **changes: Any) -> None:
        new = replace(self.dose_display, **changes)
        if new != self.dose_display:
            self.dose_display = new
            self.emit(DoseDisplayChanged(new))

    def set_overlay(self, image: ImageVolume | None, blend: float | None = None) -> None:
        if blend is not None:
            self.overlay_blend = float(np.clip(blend, 0.0, 1.0))
        self.overlay = image
        self.emit(OverlayChanged(image.series_uid if image else "", self.overlay_blend))

    def set_comparison(self, dose_a: DoseGrid | None, dose_b: DoseGrid | None) -> None:
        self.comparison = (dose_a.sop_uid, dose_b.sop_uid) if dose_a and dose_b else None
        self.emit(ComparisonChanged(*(self.comparison or ("", ""))))

    def record_review(self, object_uid: str, action: str, note: str = "", user: str | None = None) -> ReviewRecord:
        rec = ReviewRecord(user=user or current_user(), object_uid=object_uid, action=action, note=note)
        self.reviews.append(rec)
        self.emit(ReviewRecorded(rec))
        return rec

    # --- derived values --------------------------------------------------------------------------
    @property
    def prescription_gy(self) -> float | None:
        """The selected plan's prescription in the dose's terms: the total (Gy), or one fraction's
        share for a per-fraction (FRACTION) dose, so % displays of a per-fraction dose are right."""
        if self.plan is None or self.plan.prescription_gy is None:
            return None
        rx = self.plan.prescription_gy
        n = self.plan.fractions
        return rx / n if self.dose is not None and self.dose.per_fraction and n and n > 1 else rx

    def isodose_levels_gy(self) -> list[float]:
        """The isodose levels in the dose's units (Gy); % levels need a prescription."""
        dd = self.dose_display
        if dd.levels_unit == "%":
            rx = self.prescription_gy or self.reference_dose_gy()
            return [rx * lv / 100.0 for lv in dd.levels] if rx else []
        return list(dd.levels)

    def reference_dose_gy(self) -> float | None:
        """Prescription, else the dose maximum (so % displays work for doses without a plan)."""
        if self.prescription_gy:
            return self.prescription_gy
        if self.dose is not None and self.dose.is_gy:
            return self.dose.max_gy
        return None

    def wash_range_gy(self) -> tuple[float, float] | None:
        rx = self.reference_dose_gy()
        if rx is None:
            if self.dose is None:
                return None
            mx = float(np.nanmax(self.dose.dose))
            return (self.dose_display.lower_percent * mx / 100.0, self.dose_display.upper_percent * mx / 100.0)
        return (self.dose_display.lower_percent * rx / 100.0, self.dose_display.upper_percent * rx / 100.0)


def _default_plan(case: Case) -> AnyPlan | None:
    """The first plan that has a dose, else the first plan."""
    with_dose = [p for p in case.plans if case.plan_dose(p.sop_uid) is not None]
    pool = with_dose or list(case.plans)
    return pool[0] if pool else None
