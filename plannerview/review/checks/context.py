"""What a check sees: the plan under review, its dose and structures, and small shared helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ...compute.contours import plane_spacing_mm
from ...compute.goals import GoalReport
from ...compute.roi_names import AmbiguousRoi, match_roi, standard_name, target_kind
from ...compute.slicing import roi_contains_point
from ...model.case import AnyPlan, Case
from ...model.dose import DoseGrid
from ...model.dvh import DVH
from ...model.image import ImageVolume
from ...model.plan import DoseReference, IonPlan
from ...model.structures import ROI, StructureSet
from ...model.text import QT_TRANSLATE_NOOP, Msg
from ..workspace import Workspace

TARGET_TYPES = ("PTV", "CTV", "GTV", "ITV")
SETUP_NAME = re.compile(r"setup|set-up|cbct|\bkv\b|\bmv\b|drr|imag|portal|\bcb\b", re.I)
SUPPORT_NAME = re.compile(r"couch|table|support|tisch|carbon ?board", re.I)


@dataclass
class CheckContext:
    """The objects under review. ``dose`` and ``structure_set`` may be None (checks then say so)."""

    case: Case
    plan: AnyPlan
    dose: DoseGrid | None = None
    structure_set: StructureSet | None = None
    goal_report: GoalReport | None = None
    results: Workspace | None = None  # DVHs and goal reports come from the workspace (cached)
    notes: list[str] = field(default_factory=list)  # how the dose / structures were chosen
    _half_thickness: dict[int, float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.results is None:
            self.results = Workspace(case=self.case)

    # --- DVHs ----------------------------------------------------------------------------------
    def dvh(self, roi: ROI) -> DVH:
        """Our DVH of ``roi`` on the dose under review (through the review results: computed once)."""
        assert self.dose is not None and self.structure_set is not None and self.results is not None
        return self.results.dvh(self.structure_set, roi, self.dose)

    # --- plan ----------------------------------------------------------------------------------
    @property
    def is_ion(self) -> bool:
        return isinstance(self.plan, IonPlan)

    @property
    def is_brachy(self) -> bool:
        return self.plan.kind == "brachy"

    @property
    def label(self) -> str:
        return self.plan.label or self.plan.name or self.plan.sop_uid

    @property
    def treatment_beams(self) -> list:
        return [b for b in self.plan.beams if b.delivers_dose]

    @property
    def prescription_gy(self) -> float | None:
        return self.plan.prescription_gy

    @property
    def fractions(self) -> int | None:
        return self.plan.fractions

    @property
    def dose_per_fraction_gy(self) -> float | None:
        """The prescription per fraction; without a prescription, the fraction group's beam doses."""
        n = self.fractions
        if self.prescription_gy and n:
            return self.prescription_gy / n
        fg = self.plan.fraction_groups[0] if self.plan.fraction_groups else None
        if fg is not None and fg.beam_dose_gy:
            total = sum(v for k, v in fg.beam_dose_gy.items() if k in {b.number for b in self.treatment_beams})
            return total or None
        return None

    @property
    def target_dose_references(self) -> list[DoseReference]:
        return [d for d in self.plan.dose_references if d.type in ("TARGET", "") and d.target_prescription_gy]

    # --- images and geometry -------------------------------------------------------------------
    @cached_property
    def image(self) -> ImageVolume | None:
        return self.case.image_for_frame(self.plan.frame_of_reference_uid) if self.plan.frame_of_reference_uid else None

    @property
    def patient_position(self) -> str:
        """The planning image's patient position (HFS when unknown)."""
        return (self.image.patient_position if self.image is not None else "") or "HFS"

    # --- structures ----------------------------------------------------------------------------
    @property
    def rois(self) -> tuple[ROI, ...]:
        return self.structure_set.rois if self.structure_set is not None else ()

    @cached_property
    def body(self) -> ROI | None:
        """The EXTERNAL ROI (else one whose TG-263 name is Body), with contours."""
        rois = [r for r in self.rois if r.closed_contours]
        ext = [r for r in rois if r.interpreted_type.upper() == "EXTERNAL"]
        if not ext:
            ext = [r for r in rois if standard_name(r.name) == "Body"]
        return ext[0] if ext else None

    @cached_property
    def targets(self) -> list[ROI]:
        """ROIs that are targets by type (PTV, CTV, GTV, ITV) or by name, with contours."""
        return [r for r in self.rois if r.closed_contours and
                (r.interpreted_type.upper() in TARGET_TYPES or target_kind(r.name))]

    def target_level(self) -> list[ROI]:
        """The outermost targets present: the PTVs, else the ITVs/CTVs, else the GTVs."""
        for kinds in (("PTV",), ("ITV", "CTV"), ("GTV",)):
            found = [r for r in self.targets if (r.interpreted_type.upper() in kinds or target_kind(r.name) in kinds)]
            if found:
                return found
        return []

    def roi_by_number(self, number: int | None) -> ROI | None:
        return next((r for r in self.rois if r.number == number), None) if number is not None else None

    def dose_reference_roi(self, ref: DoseReference) -> ROI | None:
        """The ROI a dose reference is about: by ROI number, a TG-263 target name or an exact name."""
        roi = self.roi_by_number(ref.referenced_roi_number)
        if roi is not None:
            return roi
        desc = ref.description.strip()
        if not desc or self.structure_set is None:
            return None
        std = standard_name(desc)
        if std and target_kind(std):
            try:
                m = match_roi(std, self.structure_set, prescription_gy=ref.target_prescription_gy)
            except AmbiguousRoi:
                m = None
            if m is not None and m.roi.number >= 0:
                return m.roi
        if ref.structure_type.upper() in ("VOLUME", ""):
            return next((r for r in self.rois if r.name == desc), None)
        return None

    @cached_property
    def prescription_target(self) -> tuple[ROI | None, str]:
        """The ROI the prescription is given to, and how it was found."""
        rx = self.prescription_gy
        for ref in self.target_dose_references:
            if rx and ref.target_prescription_gy and abs(ref.target_prescription_gy - rx) <= 1e-3 * rx:
                roi = self.dose_reference_roi(ref)
                if roi is not None and roi.closed_contours:
                    return roi, Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose reference '{reference}'"),
                                    reference=ref.description or ref.number)
        if self.structure_set is not None:
            for kind in ("PTV", "CTV", "GTV"):
                try:
                    m = match_roi(kind, self.structure_set, prescription_gy=rx)
                except AmbiguousRoi as exc:  # the user chooses (a dose reference naming the ROI)
                    return None, exc.message  # marked: the review panel shows it translated
                if m is not None and m.roi.number >= 0:
                    return m.roi, m.how
        return None, Msg(QT_TRANSLATE_NOOP("CheckMessages", "no target ROI found"))

    def inside(self, roi: ROI, xyz_mm: np.ndarray | tuple[float, float, float]) -> bool:
        """Whether a point lies inside ``roi`` (even-odd rule on the nearest contour plane)."""
        half = self._half_thickness.get(id(roi))
        if half is None:
            zs = np.array(list(roi.planes))
            spacing = plane_spacing_mm(zs) if len(zs) > 1 else None
            half = (spacing or (self.image.grid.spacing_mm[0] if self.image is not None else 3.0)) / 2.0
            self._half_thickness[id(roi)] = half
        return roi_contains_point(roi.planes, np.asarray(xyz_mm, dtype=float), half)

    def distance_to_roi_mm(self, roi: ROI, xyz_mm: np.ndarray | tuple[float, float, float]) -> float:
        """0 inside ``roi``, else the distance to its nearest contour point."""
        if self.inside(roi, xyz_mm):
            return 0.0
        pts = np.concatenate([c.points_mm for c in roi.closed_contours])
        return float(np.min(np.linalg.norm(pts - np.asarray(xyz_mm, dtype=float), axis=1)))

    def support_rois(self) -> list[ROI]:
        return [r for r in self.rois if r.interpreted_type.upper() in ("SUPPORT", "FIXATION")
                or SUPPORT_NAME.search(r.name)]
