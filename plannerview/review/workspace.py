"""The workspace: the review session, the case, and everything derived from it.

One :class:`Workspace` per review window (and one per CLI command). It owns the
:class:`~plannerview.review.session.ReviewSession` (``ws.session``: selection and display) and
the case (``ws.case``: the loaded objects plus every derived dose and structure set, so selection,
DVHs, goals and comparisons treat derived objects like loaded ones). It hands out results —
DVHs, DVH metrics, goal reports, comparisons, gamma, EQD2 doses, sums — cached by the identity of
their inputs (SOP UIDs) and parameters, never by Python object ids. A second request with the same
inputs does not recompute; different parameters do. The caches are bounded (comparisons and gamma
results hold whole grids: only the last few are kept) and cleared when another case is loaded.

Derived objects are added with their provenance (:meth:`Workspace.add_dose`,
:meth:`Workspace.add_structure_set`), annotations by revision (:meth:`Workspace.add_annotation`,
:meth:`Workspace.revise_annotation`); each addition is announced by a typed event
(:mod:`plannerview.model.events`). Subscribe by event class, as with the session.

Qt-free and thread-safe: GUI jobs call these methods on the thread pool (one lock guards the
caches and the object lists; a result several threads ask for at once is computed once). Events
are delivered on the thread that caused them; ``plannerview.ui.session.QtSession`` re-emits them
as Qt signals on the GUI thread. The workspace satisfies
:class:`plannerview.plugin_api.workspace.WorkspaceView` (what plugins see).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

import numpy as np

from ..compute.alpha_beta import AlphaBetaMap
from ..compute.dose_ops import course_dose, plan_sum
from ..compute.dvh import MAX_SAMPLES, compute_dvhs, sample_dose
from ..compute.gamma import GammaResult, gamma_index
from ..compute.goals import GoalReport, eqd2_dose, evaluate_goals
from ..compute.protocols import Protocol
from ..compute.resample import resample
from ..compute.tps_dvh import compare_with_tps
from ..model.annotation import Annotation
from ..model.case import Case
from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.events import AnnotationChanged, ObjectAdded, ResultReady, WorkspaceEvent
from ..model.geometry import Grid
from ..model.plan import IonPlan, Plan
from ..model.provenance import Provenance
from ..model.structures import ROI, StructureSet
from ..tasks import TaskContext
from . import session as rs
from .cache import Key, ResultCache
from .comparison import Comparison, GammaCriteria, compare_doses, plan_numbers
from .loaders import load_protocol
from .results import DvhMetrics

AnyPlan = Plan | IonPlan
E = TypeVar("E")

DEFAULT_CRITERIA = GammaCriteria()
#: how many results of each kind are kept (least recently used go first)
CACHE_LIMITS = {"dvh": 400, "goals": 64, "comparison": 3, "gamma": 3, "eqd2": 6, "resample": 4, "sum": 4,
                "course": 4}


class Workspace:
    """The review session, the case with its derived objects, and cached results (see the module doc)."""

    def __init__(self, session: rs.ReviewSession | None = None, *, case: Case | None = None,
                 cache_limits: dict[str, int] | None = None) -> None:
        self.session = session if session is not None else rs.ReviewSession()
        self._lock = threading.RLock()
        self._subs: dict[type, list[Callable[[Any], Any]]] = {}
        self._cache = ResultCache({**CACHE_LIMITS, **(cache_limits or {})})
        self._derived_doses: list[DoseGrid] = []
        self._derived_ss: list[StructureSet] = []
        self._provenance: dict[str, Provenance] = {}
        self._annotations: dict[str, list[Annotation]] = {}  # uid -> revisions, oldest first
        self.session.subscribe(rs.CaseChanged, self._case_changed)
        if case is not None:
            self.set_case(case)

    # --- the case and derived objects ---------------------------------------------------------
    @property
    def case(self) -> Case:
        """The loaded case with every derived dose and structure set added (empty before a case loads)."""
        return self.session.case if self.session.case is not None else Case()

    def set_case(self, case: Case | None) -> None:
        """Load another case (through the session: selection resets, caches and derived objects go)."""
        self.session.set_case(case)

    def _case_changed(self, _event: rs.CaseChanged) -> None:
        with self._lock:
            self._derived_doses.clear()
            self._derived_ss.clear()
            self._provenance.clear()
            self._annotations.clear()
            self._cache.clear()

    @property
    def derived_doses(self) -> tuple[DoseGrid, ...]:
        """Doses computed in this session (plugins, sums, EQD2 ...), newest last."""
        with self._lock:
            return tuple(self._derived_doses)

    @property
    def derived_structure_sets(self) -> tuple[StructureSet, ...]:
        """Structure sets made in this session (contouring, margins, editing), newest last."""
        with self._lock:
            return tuple(self._derived_ss)

    def is_derived(self, uid: str) -> bool:
        """True for a dose or structure set added to the workspace (not read from the inputs)."""
        with self._lock:
            return uid in self._provenance

    def provenance_of(self, uid: str) -> Provenance | None:
        """How a derived object was made (None for objects read from files)."""
        with self._lock:
            return self._provenance.get(uid)

    def add_dose(self, dose: DoseGrid, provenance: Provenance) -> DoseGrid:
        """Add a derived dose (made by :func:`plannerview.compute.derived.derived_dose`) to the case.

        Its provenance is recorded (and set on the dose when it has none); :class:`ObjectAdded` is
        emitted. Adding the same dose again returns it unchanged; another object with a UID already
        in the case raises ValueError."""
        if not isinstance(dose, DoseGrid):
            raise TypeError(f"add_dose expects a DoseGrid, got {type(dose).__name__}")
        with self._lock:
            if any(d is dose for d in self._derived_doses):
                return dose
            self._check_new_uid(dose.sop_uid)
            if dose.provenance is None:
                dose = replace(dose, provenance=provenance.to_json())
            self._derived_doses.append(dose)
            self._provenance[dose.sop_uid] = provenance
            c = self.case
            self.session.extend_case(replace(c, doses=(*c.doses, dose)))
        self.emit(ObjectAdded(dose, provenance))
        return dose

    def add_structure_set(self, structure_set: StructureSet, provenance: Provenance,
                          file: str | None = None) -> StructureSet:
        """Add a derived structure set (made by :func:`plannerview.compute.derived.derived_structure_set`,
        saved at ``file`` when it was written) to the case; emits :class:`ObjectAdded`."""
        if not isinstance(structure_set, StructureSet):
            raise TypeError(f"add_structure_set expects a StructureSet, got {type(structure_set).__name__}")
        ss = structure_set
        with self._lock:
            if any(s is ss for s in self._derived_ss):
                return ss
            self._check_new_uid(ss.sop_uid)
            changes: dict[str, Any] = {}
            if file is not None:
                changes["file"] = str(file)
            if ss.provenance is None:
                changes["provenance"] = provenance.to_json()
            if changes:
                ss = replace(ss, **changes)
            self._derived_ss.append(ss)
            self._provenance[ss.sop_uid] = provenance
            c = self.case
            self.session.extend_case(replace(c, structure_sets=(*c.structure_sets, ss),
                                             sources=(*c.sources, str(file)) if file else c.sources))
        self.emit(ObjectAdded(ss, provenance))
        return ss

    def _check_new_uid(self, uid: str) -> None:
        if not uid:
            raise ValueError("a derived object needs a SOP Instance UID (make it with plannerview.compute.derived)")
        if self.case.by_uid(uid) is not None:
            raise ValueError(f"UID {uid} is already in the case: a derived object needs a new UID")

    # --- annotations --------------------------------------------------------------------------
    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """The newest revision of every annotation, in the order they were added."""
        with self._lock:
            return tuple(revs[-1] for revs in self._annotations.values())

    def annotation(self, uid: str) -> Annotation:
        """The newest revision of one annotation (KeyError if unknown)."""
        with self._lock:
            return self._annotations[uid][-1]

    def annotation_history(self, uid: str) -> tuple[Annotation, ...]:
        """Every revision of one annotation, oldest first."""
        with self._lock:
            return tuple(self._annotations[uid])

    def add_annotation(self, annotation: Annotation) -> Annotation:
        """Add a new annotation; emits :class:`AnnotationChanged`. Its ``uid`` must be new."""
        with self._lock:
            if annotation.uid in self._annotations:
                raise ValueError(f"annotation {annotation.uid} exists: revise it with revise_annotation")
            self._annotations[annotation.uid] = [annotation]
        self.emit(AnnotationChanged(annotation))
        return annotation

    def add_annotation_revision(self, revision: Annotation) -> Annotation:
        """Add a revision made elsewhere (another workstation, through a sync plugin) as it is:
        a new annotation when its ``uid`` is new, else the newest revision of that annotation.
        A revision already here (same ``revision_uid``) changes nothing and emits nothing."""
        with self._lock:
            revs = self._annotations.get(revision.uid)
            if revs is not None and any(r.revision_uid == revision.revision_uid for r in revs):
                return revision
            self._annotations.setdefault(revision.uid, []).append(revision)
        self.emit(AnnotationChanged(revision))
        return revision

    def revise_annotation(self, uid: str, **changes: Any) -> Annotation:
        """A new revision of annotation ``uid`` with ``changes`` (``author=`` names who); emits
        :class:`AnnotationChanged`. Nothing is deleted: withdraw with ``status="withdrawn"``."""
        with self._lock:
            if uid not in self._annotations:
                raise KeyError(f"no annotation {uid}")
            new = self._annotations[uid][-1].revise(**changes)
            self._annotations[uid].append(new)
        self.emit(AnnotationChanged(new))
        return new

    # --- events -------------------------------------------------------------------------------
    def subscribe(self, event_type: type[E], callback: Callable[[E], Any]) -> Callable[[], None]:
        """Call ``callback(event)`` for every event of ``event_type`` (or a subclass); returns an
        unsubscribe function. Session event types (``review.session.Event``) are passed on to the
        session, so one subscription point serves both."""
        if isinstance(event_type, type) and issubclass(event_type, rs.Event):
            return self.session.subscribe(event_type, callback)  # type: ignore[arg-type]
        with self._lock:
            self._subs.setdefault(event_type, []).append(callback)

        def unsubscribe() -> None:
            with self._lock:
                lst = self._subs.get(event_type, [])
                if callback in lst:
                    lst.remove(callback)

        return unsubscribe

    def emit(self, event: WorkspaceEvent) -> None:
        """Deliver ``event`` to its subscribers (on the calling thread)."""
        with self._lock:
            targets = [cb for etype, cbs in self._subs.items() if isinstance(event, etype) for cb in cbs]
        for cb in targets:
            cb(event)

    def _ready(self, kind: str, key: Key) -> Callable[[Any], None]:
        return lambda _value: self.emit(ResultReady(kind, key))

    # --- DVHs ---------------------------------------------------------------------------------
    def dvhs(self, structure_set: StructureSet, dose: DoseGrid, roi_names: Sequence[str] | None = None,
             ctx: TaskContext | None = None, *, bin_width_gy: float | None = None,
             max_samples: int = MAX_SAMPLES) -> list[DVH]:
        """DVHs of ``structure_set``'s ROIs (all, or these names or numbers) on ``dose``, in
        structure-set order: cached per ROI, the missing ones computed by
        :func:`plannerview.compute.dvh.compute_dvhs` (with the whole structure set, so single-plane
        ROIs get its plane spacing). Raises like ``compute_dvhs`` (KeyError, ValueError, Cancelled)."""
        return self._dvhs_for(structure_set, dose, _select_rois(structure_set, roi_names), TaskContext.of(ctx),
                              bin_width_gy, max_samples)

    def _dvhs_for(self, structure_set: StructureSet, dose: DoseGrid, rois: list[ROI], t: TaskContext,
                  bin_width_gy: float | None = None, max_samples: int = MAX_SAMPLES) -> list[DVH]:
        def compute(todo: list[ROI]) -> dict[int, DVH]:
            wanted = {r.number for r in todo}
            computed = compute_dvhs(structure_set, dose, [str(n) for n in sorted(wanted)], ctx=t,
                                    bin_width_gy=bin_width_gy, max_samples=max_samples)
            return {h.roi_number: h for h in computed if h.roi_number in wanted}

        if not structure_set.sop_uid or not dose.sop_uid:  # no identity: nothing to key a cache on
            by_number = compute(rois)
            return [by_number[r.number] for r in rois]
        params = ("" if bin_width_gy is None else repr(float(bin_width_gy)), str(int(max_samples)))
        keys: dict[int, Key] = {r.number: ("dvh", structure_set.sop_uid, dose.sop_uid, str(r.number), r.name, *params) for r in rois}
        cache = self._cache
        while True:
            found = cache.get_many("dvh", keys.values())
            missing = [r for r in rois if keys[r.number] not in found]
            if not missing:
                return [found[keys[r.number]] for r in rois]
            mine, theirs, gen = cache.claim("dvh", [keys[r.number] for r in missing])
            if mine:
                todo = [r for r in missing if keys[r.number] in mine]
                try:
                    by_number = compute(todo)
                except BaseException:
                    cache.release("dvh", mine, None, gen)
                    raise
                values: dict[Key, Any] = {keys[n]: h for n, h in by_number.items()}
                cache.release("dvh", mine, values, gen)
                found.update(values)
                for k in values:
                    self.emit(ResultReady("dvh", k))
                if all(k in found for k in keys.values()):
                    return [found[keys[r.number]] for r in rois]
            cache.wait(theirs, t)

    def dvh(self, structure_set: StructureSet, roi: ROI | str | int, dose: DoseGrid,
            ctx: TaskContext | None = None) -> DVH:
        """The DVH of one ROI of ``structure_set`` (by object, name or number) on ``dose`` (cached)."""
        r = roi if isinstance(roi, ROI) else structure_set.roi(roi)
        return self._dvhs_for(structure_set, dose, [r], TaskContext.of(ctx))[0]

    def dvh_metrics(self, structure_set: StructureSet, dose: DoseGrid, roi_names: Sequence[str] | None = None,
                    ctx: TaskContext | None = None, *, prescription_gy: float | None = None) -> list[DvhMetrics]:
        """Typed DVH figures per ROI (what ``plannerview dvh`` prints), with the TPS's own DVH beside
        ours when the RTDOSE stores one (``prescription_gy`` spots TPSs that store % of Rx)."""
        tps_by_roi = {t.roi_number: t for t in dose.tps_dvhs}
        out = []
        for h in self.dvhs(structure_set, dose, roi_names, ctx):
            tps, warn = (compare_with_tps(h, tps_by_roi[h.roi_number], prescription_gy)
                         if h.roi_number in tps_by_roi and h.covered_cc > 0 else (None, []))
            out.append(DvhMetrics.from_dvh(h, tps, tuple(warn)))
        return out

    def dose_at(self, dose: DoseGrid, points_mm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Trilinear dose at patient points (N x 3) and which lie outside the grid (the DVH engine's sampling)."""
        return sample_dose(dose, np.asarray(points_mm, dtype=float).reshape(-1, 3))

    # --- goals --------------------------------------------------------------------------------
    def goals(self, protocol: Protocol | str, structure_set: StructureSet, dose: DoseGrid,
              plan: AnyPlan | None = None, *, eqd2: bool = False, roi_map: dict[str, str] | None = None,
              fractions: int | None = None, prescription_gy: float | None = None,
              target_roi_numbers: frozenset[int] | None = None, ctx: TaskContext | None = None) -> GoalReport:
        """The clinical-goal report of ``protocol`` (a loaded protocol, a bundled name or a file) on
        ``dose`` with ``structure_set``'s ROIs. Fractions, prescription and target ROIs (those the
        plan's TARGET dose references name) come from ``plan`` unless given. ROI DVHs come from the DVH cache (the same numbers as :meth:`dvhs`); EQD2 doses from
        :meth:`eqd2`. Raises ``ProtocolError`` for bad input, ``Cancelled`` when cancelled."""
        t = TaskContext.of(ctx)
        prot = protocol if isinstance(protocol, Protocol) else load_protocol(protocol)
        plan_fx, plan_rx = plan_numbers(plan)
        fx = fractions if fractions is not None else plan_fx
        rx = prescription_gy if prescription_gy is not None else plan_rx
        rmap = dict(roi_map or {})
        targets = frozenset(target_roi_numbers if target_roi_numbers is not None else
                            (plan.target_roi_numbers if plan is not None else ()))
        key = ("goals", prot.sha256 or f"{prot.name}:{prot.file}", structure_set.sop_uid, dose.sop_uid,
               str(fx), repr(rx), str(bool(eqd2)), json.dumps(sorted(rmap.items())), repr(sorted(targets)))

        quiet = TaskContext(on_cancel=t.on_cancel, logger=t.logger)  # the goals report progress, not each DVH

        def compute() -> GoalReport:
            return evaluate_goals(prot, structure_set, dose, fx, rx, eqd2=eqd2, user_map=rmap, ctx=t,
                                  target_roi_numbers=targets,
                                  dvh_of=lambda roi, d: self.dvh(structure_set, roi, d, quiet),
                                  eqd2_of=self.eqd2)

        if not structure_set.sop_uid or not dose.sop_uid:
            return compute()
        return self._cache.get_or_compute("goals", key, compute, t, self._ready("goals", key))

    def eqd2(self, dose: DoseGrid, fractions: int, alpha_beta_gy: float) -> DoseGrid:
        """The voxel-wise EQD2 of ``dose`` (a derived dose, cached: the same object for the same inputs)."""
        key = ("eqd2", dose.sop_uid, str(int(fractions)), repr(float(alpha_beta_gy)))
        if not dose.sop_uid:
            return eqd2_dose(dose, fractions, alpha_beta_gy)
        return self._cache.get_or_compute("eqd2", key, lambda: eqd2_dose(dose, fractions, alpha_beta_gy),
                                          TaskContext())

    def course_dose(self, dose: DoseGrid, fractions: int | None = None, add: bool = True) -> DoseGrid:
        """The whole-course dose of a per-fraction (FRACTION) dose: the explicit, labelled scaling of
        :func:`plannerview.compute.dose_ops.course_dose` (x the plan's fractions unless given), cached
        and added to the case when ``add``. Any other dose is returned unchanged."""
        if not dose.per_fraction:
            return dose
        if fractions is None:
            plan = self.case.plan(dose.referenced_plan_uid) if dose.referenced_plan_uid else None
            fractions = plan.fractions if plan is not None else None
        key = ("course", dose.sop_uid, str(fractions))
        course = (course_dose(dose, fractions) if not dose.sop_uid else
                  self._cache.get_or_compute("course", key, lambda: course_dose(dose, fractions), TaskContext()))
        if add:
            course = self.add_dose(course, Provenance.from_json(course.provenance))
        return course

    # --- comparisons, gamma, resampling, sums ---------------------------------------------------
    def comparison(self, dose_a: DoseGrid, dose_b: DoseGrid, criteria: GammaCriteria = DEFAULT_CRITERIA,
                   protocol: Protocol | str | None = None, *, structure_set: StructureSet | None = None,
                   allow_mixed_types: bool = False, with_dvhs: bool = True,
                   roi_map: dict[str, str] | None = None, ctx: TaskContext | None = None) -> Comparison:
        """Dose B compared with dose A (:func:`plannerview.review.comparison.compare_doses`) with the
        workspace's DVHs and goal reports; the last few comparisons are kept."""
        t = TaskContext.of(ctx)
        prot = (protocol if isinstance(protocol, Protocol) else load_protocol(protocol)) if protocol else None
        case = self.case
        ss = structure_set if structure_set is not None else case.structures_for(dose_a)
        key = ("comparison", dose_a.sop_uid, dose_b.sop_uid, ss.sop_uid if ss is not None else "",
               prot.sha256 if prot is not None else "", *criteria.key(), str(bool(allow_mixed_types)),
               str(bool(with_dvhs)), json.dumps(sorted((roi_map or {}).items())))

        def compute() -> Comparison:
            return compare_doses(case, dose_a, dose_b, structure_set=ss, protocol=prot, gamma_criteria=criteria,
                                 allow_mixed_types=allow_mixed_types, with_dvhs=with_dvhs, ctx=t, results=self,
                                 roi_map=roi_map)

        if not dose_a.sop_uid or not dose_b.sop_uid:
            return compute()
        return self._cache.get_or_compute("comparison", key, compute, t, self._ready("comparison", key))

    def gamma(self, reference: DoseGrid, evaluated: DoseGrid, criteria: GammaCriteria = DEFAULT_CRITERIA, *,
              allow_mixed_types: bool = False, ctx: TaskContext | None = None) -> GammaResult:
        """3D gamma of ``evaluated`` against ``reference`` (:func:`plannerview.compute.gamma.gamma_index`)."""
        t = TaskContext.of(ctx)
        key = ("gamma", reference.sop_uid, evaluated.sop_uid, *criteria.key(), str(bool(allow_mixed_types)))

        def compute() -> GammaResult:
            c = criteria
            return gamma_index(reference, evaluated, dd_pct=c.dd_pct, dta_mm=c.dta_mm, cutoff_pct=c.cutoff_pct,
                               local=c.local, max_gamma=c.max_gamma, allow_mixed_types=allow_mixed_types, ctx=t,
                               local_norm=c.local_norm, interp_fraction=c.interp_fraction)

        if not reference.sop_uid or not evaluated.sop_uid:
            return compute()
        return self._cache.get_or_compute("gamma", key, compute, t, self._ready("gamma", key))

    def resample(self, dose: DoseGrid, target: Grid, ctx: TaskContext | None = None) -> DoseGrid:
        """``dose`` on another grid of its frame (a derived dose with a new UID; cached by the dose's
        UID and the target geometry)."""
        t = TaskContext.of(ctx)
        key = ("resample", dose.sop_uid, *_grid_key(target))
        if not dose.sop_uid:
            return resample(dose, target, ctx=t)
        return self._cache.get_or_compute("resample", key, lambda: resample(dose, target, ctx=t), t)

    def plan_sum(self, doses: Sequence[DoseGrid], weights: Sequence[float] | None = None,
                 fractions: Sequence[int | None] | None = None, *, mode: str = "physical",
                 alpha_beta: AlphaBetaMap | None = None, structure_set: StructureSet | None = None,
                 target: Grid | str = "first", allow_mixed_types: bool = False, add: bool = True,
                 scale_to_course: bool = False, ctx: TaskContext | None = None) -> tuple[DoseGrid, list[str]]:
        """A weighted sum of doses (physical, EQD2 or BED; :func:`plannerview.compute.dose_ops.plan_sum`),
        added to the case as a derived dose when ``add`` (the same inputs give the same sum)."""
        t = TaskContext.of(ctx)
        w = list(weights) if weights is not None else [1.0] * len(doses)
        fr = list(fractions) if fractions is not None else [None] * len(doses)
        key = ("sum", *(d.sop_uid for d in doses), json.dumps([w, fr]), mode,
               json.dumps(alpha_beta.to_json() if alpha_beta is not None else None, sort_keys=True),
               structure_set.sop_uid if structure_set is not None else "",
               target if isinstance(target, str) else "|".join(_grid_key(target)), str(bool(allow_mixed_types)),
               str(bool(scale_to_course)))

        def compute() -> tuple[DoseGrid, list[str]]:
            return plan_sum(doses, w, fr, mode=mode, alpha_beta=alpha_beta, structure_set=structure_set,
                            target=target, allow_mixed_types=allow_mixed_types, ctx=t,
                            scale_to_course=scale_to_course)

        total, warnings = (compute() if not all(d.sop_uid for d in doses)
                           else self._cache.get_or_compute("sum", key, compute, t))
        if add:
            prov = self.provenance_of(total.sop_uid) or Provenance.from_json(total.provenance)
            total = self.add_dose(total, prov)
        return total, list(warnings)

    # --- cache --------------------------------------------------------------------------------
    def clear_cache(self) -> None:
        """Forget every cached result (derived objects and annotations stay)."""
        self._cache.clear()

    def cache_stats(self) -> dict[str, tuple[int, int, int]]:
        """Per result kind: (entries, hits, misses)."""
        c = self._cache
        with c.lock:
            return {k: (c.size(k), s.hits, s.misses) for k, s in c.stats.items()}


def _select_rois(ss: StructureSet, roi_names: Sequence[str] | None) -> list[ROI]:
    """ROIs by name (case-insensitive) or number, in structure-set order; KeyError naming the unknown ones
    (as :func:`plannerview.compute.dvh.compute_dvhs` selects them)."""
    if not roi_names:
        return list(ss.rois)
    wanted = {str(n).lower() for n in roi_names}
    rois = [r for r in ss.rois if r.name.lower() in wanted or str(r.number) in wanted]
    missing = wanted - {r.name.lower() for r in rois} - {str(r.number) for r in rois}
    if missing:
        raise KeyError(f"no ROI named {', '.join(sorted(missing))}; ROIs: {', '.join(r.name for r in ss.rois)}")
    return rois


def _grid_key(g: Grid) -> tuple[str, ...]:
    return (repr(g.shape_zyx), repr(g.spacing_mm), repr(g.origin_mm),
            repr(tuple(round(float(v), 9) for v in np.asarray(g.direction).ravel())), g.frame_of_reference_uid)
