"""A case: every object found in the inputs, linked by UID and frame of reference."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .common import DicomObject
from .dose import DoseGrid
from .findings import Finding, Severity
from .image import ImageVolume
from .plan import IonPlan, Plan
from .registration import Registration
from .structures import StructureSet

AnyPlan = Plan | IonPlan
T = TypeVar("T", bound=DicomObject)


class SelectionError(ValueError):
    """A name that matches no object, or several; the message lists the candidates."""


@dataclass(frozen=True, eq=False)
class Case:
    images: tuple[ImageVolume, ...] = ()
    structure_sets: tuple[StructureSet, ...] = ()
    plans: tuple[AnyPlan, ...] = ()
    doses: tuple[DoseGrid, ...] = ()
    registrations: tuple[Registration, ...] = ()
    findings: tuple[Finding, ...] = ()
    sources: tuple[str, ...] = ()
    files_read: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def objects(self) -> tuple[DicomObject, ...]:
        return (*self.images, *self.structure_sets, *self.plans, *self.doses, *self.registrations)

    @property
    def is_empty(self) -> bool:
        return not self.objects

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.ERROR)

    def findings_for(self, *objects: DicomObject | None) -> tuple[Finding, ...]:
        """The findings about these objects (by SOP, series or slice UID, or by file), most severe first."""
        uids: set[str] = set()
        files: set[str] = set()
        for o in objects:
            if o is None:
                continue
            uids.update(u for u in (o.sop_uid, o.series_uid) if u)
            if isinstance(o, ImageVolume):
                uids.update(o.slice_sop_uids)
                files.update(o.slice_files)
            if o.file:
                files.add(o.file)
        rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        found = [f for f in self.findings if (f.object_uid and f.object_uid in uids) or (not f.object_uid and f.file in files)]
        return tuple(sorted(found, key=lambda f: rank.get(f.severity, 3)))

    def by_uid(self, uid: str) -> DicomObject | None:
        for o in self.objects:
            if o.sop_uid == uid or (isinstance(o, ImageVolume) and o.series_uid == uid):
                return o
        return None

    def plan(self, uid: str) -> AnyPlan | None:
        return next((p for p in self.plans if p.sop_uid == uid), None)

    def structure_set(self, uid: str) -> StructureSet | None:
        return next((s for s in self.structure_sets if s.sop_uid == uid), None)

    def image_for_frame(self, frame_uid: str, modality: str | None = "CT") -> ImageVolume | None:
        for img in self.images:
            if img.frame_of_reference_uid == frame_uid and (modality is None or img.modality == modality):
                return img
        return next((i for i in self.images if i.frame_of_reference_uid == frame_uid), None)

    def doses_for_plan(self, plan_uid: str) -> tuple[DoseGrid, ...]:
        return tuple(d for d in self.doses if d.referenced_plan_uid == plan_uid)

    def plan_dose(self, plan_uid: str) -> DoseGrid | None:
        """The PLAN-summed dose of a plan (or its only dose)."""
        ds = self.doses_for_plan(plan_uid)
        plan_sum = [d for d in ds if d.summation_type in ("PLAN", "MULTI_PLAN", "FRACTION")]
        if plan_sum:
            return plan_sum[0]
        return ds[0] if len(ds) == 1 else None

    def dose_title(self, dose: DoseGrid) -> str:
        """A label that tells doses apart: the plan's label (else the dose's own), the summation, the
        file name, e.g. "Photon7F · PLAN · RD_Photon7F.dcm"."""
        plan = self.plan(dose.referenced_plan_uid) if dose.referenced_plan_uid else None
        parts = [plan.label if plan is not None and plan.label else dose.label, dose.summation_label]
        if dose.referenced_beam_numbers:
            parts[1] += " " + ", ".join(f"#{n}" for n in dose.referenced_beam_numbers)
        if dose.file:
            parts.append(Path(dose.file).name)
        return " · ".join(parts)

    def doses_of_plan_label(self, label: str) -> list[DoseGrid]:
        """The doses of the plans labelled ``label``: each plan's PLAN dose, else all its doses."""
        out: list[DoseGrid] = []
        for p in self.plans:
            if p.label != label:
                continue
            d = self.plan_dose(p.sop_uid)
            out += [d] if d is not None else list(self.doses_for_plan(p.sop_uid))
        return out

    def structures_for(self, obj: DicomObject) -> StructureSet | None:
        """The structure set that goes with a plan or dose (by reference, else by frame)."""
        plan: AnyPlan | None = None
        if isinstance(obj, Plan | IonPlan):
            plan = obj
        elif isinstance(obj, DoseGrid):
            plan = self.plan(obj.referenced_plan_uid)
        if plan is not None and plan.referenced_structure_set_uid:
            ss = self.structure_set(plan.referenced_structure_set_uid)
            if ss is not None:
                return ss
        same = [s for s in self.structure_sets if s.frame_of_reference_uid == obj.frame_of_reference_uid]
        return same[0] if same else None

    # --- selection by file path, UID or label -------------------------------------------------
    def select(self, kind: str, name: str | None) -> DicomObject:
        """Pick a plan, dose, structure set or image by file path, SOP UID or label.

        ``kind`` is 'plan', 'dose', 'structures' or 'image'. With ``name`` None, the only object
        of that kind is returned. Unknown or ambiguous names raise SelectionError listing the
        candidates.
        """
        pool: tuple[DicomObject, ...] = {
            "plan": self.plans,
            "dose": self.doses,
            "structures": self.structure_sets,
            "image": self.images,
        }[kind]
        if not pool:
            raise SelectionError(f"no {kind} found in the input")
        if name is None:
            if len(pool) == 1:
                return pool[0]
            raise SelectionError(
                f"{len(pool)} objects of kind {kind}; choose one of:\n" + self.describe_candidates(pool)
            )
        matches: list[DicomObject] = [o for o in pool if _matches(o, name)]
        if not matches and kind == "dose":  # a plan's label: its dose
            matches = list(self.doses_of_plan_label(name))
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise SelectionError(f"no {kind} named {name!r}; candidates:\n" + self.describe_candidates(pool))
        raise SelectionError(f"{name!r} matches {len(matches)} objects of kind {kind}:\n"
                             + self.describe_candidates(matches))

    def describe_candidates(self, objs: list[DicomObject] | tuple[DicomObject, ...]) -> str:
        """One line per object; doses with their plan's label, summation and file name."""
        lines = []
        for o in objs:
            if isinstance(o, DoseGrid):
                lines.append(f"  - {self.dose_title(o)}  uid {o.sop_uid}")
            else:
                lines.append(f"  - label {_label(o)!r}  uid {o.sop_uid}  file {o.file}")
        return "\n".join(lines)


def _label(o: DicomObject) -> str:
    return str(getattr(o, "label", "") or "")


def _matches(o: DicomObject, name: str) -> bool:
    if name in (o.sop_uid, o.series_uid) and name:
        return True
    if _label(o) and name == _label(o):
        return True
    if o.file:
        try:
            if Path(name).exists() and Path(name).resolve() == Path(o.file).resolve():
                return True
        except OSError:
            return False
        if Path(o.file).name == name:
            return True
    return False


def describe_candidates(objs: list[DicomObject] | tuple[DicomObject, ...]) -> str:
    return "\n".join(f"  - label {_label(o)!r}  uid {o.sop_uid}  file {o.file}" for o in objs)
