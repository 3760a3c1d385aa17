"""Two doses compared: difference, gamma, DVH metrics and clinical goals (one core for GUI and CLI).

Qt-free on purpose: ``plannerview compare`` and the GUI comparison window both get a
:class:`Comparison` from the workspace (``Workspace.comparison``, which calls
:func:`compare_doses` with its cached DVHs and goal reports). Dose A is the reference: the
difference (A - B, Gy) and the gamma volume live on A's grid; B is resampled onto it once
(trilinear, NaN where B does not cover A). DVH metrics of B are computed on B's own grid, as
``plannerview dvh`` would print them. PHYSICAL and EFFECTIVE doses (Gy vs Gy(RBE)), different
units or summation types are refused unless ``allow_mixed_types`` is given. Rows are typed
(:class:`~plannerview.review.results.ComparisonRow`, :class:`~plannerview.review.results.GoalPair`);
``to_json`` makes the CLI's document.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..compute.derived import derived_dose
from ..compute.dose_ops import DifferenceStats, difference, per_fraction_note
from ..compute.dvh import compute_dvhs
from ..compute.gamma import GammaResult, check_comparable, gamma_index
from ..compute.goals import GoalReport, distrust_on_errors, evaluate_goals
from ..compute.protocols import Protocol as GoalProtocol
from ..compute.resample import resample
from ..model.case import Case
from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.plan import IonPlan, Plan
from ..model.provenance import Provenance
from ..model.structures import StructureSet
from ..tasks import Cancelled, TaskContext
from ..version import __version__
from .in_use import findings_in_use
from .loaders import load_protocol
from .results import ComparisonRow, DvhMetrics, GoalPair, MetricsDiff

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]
AnyPlan = Plan | IonPlan

#: the metric keys of ``plannerview dvh --json`` that a comparison reports per ROI
METRIC_KEYS = ("volume_cc", "dmin_gy", "dmean_gy", "dmax_gy")


class ComparisonCancelled(Cancelled):
    """The comparison was cancelled."""


@dataclass(frozen=True)
class GammaCriteria:
    dd_pct: float = 3.0
    dta_mm: float = 3.0
    cutoff_pct: float = 10.0
    local: bool = False
    max_gamma: float = 2.0
    local_norm: str = "reference"  # local gamma: on the reference dose, or the evaluated dose at each point
    interp_fraction: int = 10  # search step = DTA / interp_fraction

    def key(self) -> tuple[str, ...]:
        """The criteria as a cache key (every field, in order)."""
        return (f"{self.dd_pct!r}", f"{self.dta_mm!r}", f"{self.cutoff_pct!r}", str(bool(self.local)),
                f"{self.max_gamma!r}", self.local_norm, str(int(self.interp_fraction)))


class ResultSource(Protocol):
    """Where a comparison gets its DVHs and goal reports (the workspace passes itself: cached)."""

    def dvhs(self, structure_set: StructureSet, dose: DoseGrid, roi_names: Sequence[str] | None = None,
             ctx: TaskContext | None = None) -> list[DVH]: ...

    def goals(self, protocol: GoalProtocol | str, structure_set: StructureSet, dose: DoseGrid,
              plan: AnyPlan | None = None, *, roi_map: dict[str, str] | None = None,
              ctx: TaskContext | None = None) -> GoalReport: ...


class DirectResults:
    """Computes every DVH and goal report afresh (no cache): the default :class:`ResultSource`."""

    def dvhs(self, structure_set: StructureSet, dose: DoseGrid, roi_names: Sequence[str] | None = None,
             ctx: TaskContext | None = None) -> list[DVH]:
        return compute_dvhs(structure_set, dose, roi_names, ctx=ctx)

    def goals(self, protocol: GoalProtocol | str, structure_set: StructureSet, dose: DoseGrid,
              plan: AnyPlan | None = None, *, roi_map: dict[str, str] | None = None,
              ctx: TaskContext | None = None) -> GoalReport:
        prot = load_protocol(protocol) if isinstance(protocol, str) else protocol
        fractions, rx = plan_numbers(plan)
        targets = plan.target_roi_numbers if plan is not None else frozenset()
        return evaluate_goals(prot, structure_set, dose, fractions, rx, ctx=ctx, target_roi_numbers=targets,
                              user_map=roi_map)


@dataclass
class Comparison:
    """Everything a comparison of dose A (reference) with dose B produced."""

    dose_a: DoseGrid
    dose_b: DoseGrid
    label_a: str
    label_b: str
    structure_set: StructureSet | None
    b_on_a: DoseGrid  # B resampled on A's grid (B itself when the grids agree)
    difference: DoseGrid  # A - B on A's grid, in A's units (NaN where B does not cover A)
    difference_stats: DifferenceStats
    gamma: GammaResult
    gamma_map: DoseGrid  # the gamma volume on A's grid (units 'GAMMA', NaN below the cut-off)
    dvhs_a: list[DVH] = field(default_factory=list)
    dvhs_b: list[DVH] = field(default_factory=list)
    structures: list[ComparisonRow] = field(default_factory=list)  # covered ROIs, structure-set order
    goals: list[GoalPair] | None = None
    protocol: str | None = None
    allow_mixed_types: bool = False
    goal_warnings: list[str] = field(default_factory=list)  # e.g. a per-fraction dose against course limits
    warnings: list[str] = field(default_factory=list)  # about the doses (e.g. per fraction)
    _in_dose: dict[float, DoseGrid] = field(default_factory=dict, repr=False)

    def row(self, roi_name: str) -> ComparisonRow:
        """The metrics row of one ROI (KeyError if it is not in the comparison)."""
        for r in self.structures:
            if r.name == roi_name:
                return r
        raise KeyError(f"no ROI {roi_name!r} in the comparison")

    def to_json(self) -> dict[str, Any]:
        """The document ``plannerview compare --json`` prints."""
        a, b = self.dose_a, self.dose_b
        return {
            "a": {"sop_uid": a.sop_uid, "label": self.label_a, "type": a.dose_type, "unit": a.unit_label,
                  "summation": a.summation_label, "per_fraction": a.per_fraction, "value_unit": a.value_unit},
            "b": {"sop_uid": b.sop_uid, "label": self.label_b, "type": b.dose_type, "unit": b.unit_label,
                  "summation": b.summation_label, "per_fraction": b.per_fraction, "value_unit": b.value_unit},
            "structures": [r.to_json() for r in self.structures],
            "goals": None if self.goals is None else [g.to_json() for g in self.goals],
            "goal_warnings": self.goal_warnings,
            "warnings": self.warnings,
            "gamma": self.gamma.to_json(),
        }

    def difference_in_dose(self, cutoff_pct: float | None = None) -> DoseGrid:
        """A - B where A or B reaches ``cutoff_pct`` % of A's maximum (default: the gamma cut-off),
        NaN elsewhere: the difference map without the low-dose region around the target (a derived
        dose, made once per cut-off)."""
        pct = float(self.gamma.criteria.get("cutoff_pct", 10.0)) if cutoff_pct is None else float(cutoff_pct)
        if pct not in self._in_dose:
            a = np.asarray(self.dose_a.dose, dtype=np.float32)
            b = np.asarray(self.b_on_a.dose, dtype=np.float32)
            thr = pct / 100.0 * float(np.nanmax(a))
            with np.errstate(invalid="ignore"):
                keep = (a >= thr) | (b >= thr)
            vals = np.where(keep, np.asarray(self.difference.dose), np.nan).astype(np.float32)
            prov = Provenance("plannerview-compare-difference", __version__, {"cutoff_pct": pct},
                              inputs=(self.dose_a.sop_uid, self.dose_b.sop_uid))
            self._in_dose[pct] = derived_dose(vals, like=self.difference, provenance=prov,
                                              description=f"difference A - B (dose >= {pct:g} %)")
        return self._in_dose[pct]

    def max_abs_difference_gy(self, cutoff_pct: float | None = None) -> float:
        """The largest |A - B| shown by :meth:`difference_in_dose` (0 when nothing is shown)."""
        vals = self.difference_in_dose(cutoff_pct).dose
        return float(np.nanmax(np.abs(vals))) if np.isfinite(vals).any() else 0.0

    def values_at(self, xyz_mm: tuple[float, float, float] | np.ndarray) -> dict[str, float | None]:
        """A, B (resampled), A - B and gamma at the voxel of A's grid nearest to a patient point."""
        ijk = self.dose_a.grid.voxel_at(xyz_mm)
        if ijk is None:
            return {"a_gy": None, "b_gy": None, "diff_gy": None, "gamma": None}
        i, j, k = ijk

        def val(arr: np.ndarray) -> float | None:
            v = float(arr[k, j, i])
            return v if math.isfinite(v) else None

        return {"a_gy": val(self.dose_a.dose), "b_gy": val(self.b_on_a.dose),
                "diff_gy": val(self.difference.dose), "gamma": val(self.gamma_map.dose)}


def dose_label(case: Case, dose: DoseGrid) -> str:
    """A label that tells doses apart: plan label (else the dose's own), summation, file name."""
    return case.dose_title(dose)


def b_on_a_grid(dose_a: DoseGrid, dose_b: DoseGrid, ctx: TaskContext | None = None) -> DoseGrid:
    """B on A's grid: B itself when the grids agree, else B resampled once (trilinear, NaN outside:
    a derived dose with a new UID)."""
    if dose_b.grid.same_geometry(dose_a.grid):
        return dose_b
    return resample(dose_b, dose_a.grid, description=f"{dose_b.label} on A's grid", ctx=ctx)


def compare_doses(
    case: Case,
    dose_a: DoseGrid,
    dose_b: DoseGrid,
    *,
    structure_set: StructureSet | None = None,
    protocol: GoalProtocol | str | None = None,
    gamma_criteria: GammaCriteria = GammaCriteria(),
    allow_mixed_types: bool = False,
    roi_map: dict[str, str] | None = None,
    with_dvhs: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    ctx: TaskContext | None = None,
    results: ResultSource | None = None,
) -> Comparison:
    """Compare dose B with dose A (the reference) on A's grid.

    ``structure_set`` defaults to A's (``case.structures_for``); without one, the DVH metrics and
    goals are left empty (as they are with ``with_dvhs=False``). ``protocol`` (a name, a file or a
    loaded protocol) is evaluated on both doses (``roi_map``: {your ROI name: TG-263 name}). B is resampled onto A's grid once; the difference
    and the gamma use that. DVHs and goal reports come from ``results`` (the workspace: cached) or
    are computed afresh. Progress and cancel come from ``ctx`` (or the older callbacks).
    Raises ``ValueError`` (or ``FrameMismatch``) for doses that must not be compared,
    ``ProtocolError`` for an unknown protocol and :class:`ComparisonCancelled` when cancelled.
    """
    t = TaskContext.of(ctx, progress, cancel)
    src: ResultSource = results if results is not None else DirectResults()

    def check_cancel() -> None:
        if t.cancelled():
            raise ComparisonCancelled("comparison cancelled")

    check_comparable(dose_a, dose_b, allow_mixed_types)
    prot = (load_protocol(protocol) if isinstance(protocol, str) else protocol) if protocol else None  # fail early
    ss = structure_set if structure_set is not None else case.structures_for(dose_a)
    check_cancel()
    t.progress(0.0, "resampling B on A's grid")
    b_on_a = b_on_a_grid(dose_a, dose_b, t.sub(0.0, 0.05, "resampling B"))
    if dose_a.is_gy and dose_b.is_gy:
        b_vals = np.asarray(b_on_a.dose, dtype=np.float32)
        outside = ~np.isfinite(b_vals) if b_on_a is not dose_b else np.zeros(b_vals.shape, dtype=bool)
        diff_arr, stats = difference(dose_a, dose_b, allow_mixed_types=allow_mixed_types, b_on_a=(b_vals, outside))
    else:
        diff_arr, stats = _relative_difference(dose_a, b_on_a)
    diff_grid = derived_dose(diff_arr, like=dose_a, description="difference A - B", provenance=Provenance(
        "plannerview-compare-difference", __version__, {"a": dose_a.sop_uid, "b": dose_b.sop_uid},
        inputs=(dose_a.sop_uid, dose_b.sop_uid)))
    check_cancel()
    plans = [case.plan(d.referenced_plan_uid) if d.referenced_plan_uid else None for d in (dose_a, dose_b)]
    rows: list[ComparisonRow] = []
    dvhs_a: list[DVH] = []
    dvhs_b: list[DVH] = []
    goals: list[GoalPair] | None = None
    goal_warnings: list[str] = []
    if ss is not None and with_dvhs:
        dvhs_a = list(src.dvhs(ss, dose_a, ctx=t.sub(0.05, 0.3, "DVH A")))
        check_cancel()
        dvhs_b = list(src.dvhs(ss, dose_b, ctx=t.sub(0.3, 0.55, "DVH B")))
        check_cancel()
        colours = {r.number: r.color_rgb for r in ss.rois}
        for ha, hb in zip(dvhs_a, dvhs_b, strict=True):
            if ha.covered_cc <= 0:
                continue
            ma, mb = DvhMetrics.from_dvh(ha), DvhMetrics.from_dvh(hb)
            rows.append(ComparisonRow(ha.roi_name, ha.roi_number, colours.get(ha.roi_number), ma, mb,
                                      MetricsDiff.of(ma, mb)))
        if prot is not None:
            ga = src.goals(prot, ss, dose_a, plans[0], roi_map=roi_map, ctx=t.sub(0.55, 0.62, "goals A"))
            gb = src.goals(prot, ss, dose_b, plans[1], roi_map=roi_map, ctx=t.sub(0.62, 0.7, "goals B"))
            # an object with a preflight error: none of its goals is "pass"
            # (a derived dose, e.g. scaled to the course: the findings of the doses it came from)
            ga = distrust_on_errors(ga, findings_in_use(case, dose_a, ss, plans[0]))
            gb = distrust_on_errors(gb, findings_in_use(case, dose_b, ss, plans[1]))
            goals = [GoalPair(g, h) for g, h in zip(ga.results, gb.results, strict=True)]
            goal_warnings = [f"A: {w}" for w in ga.warnings] + [f"B: {w}" for w in gb.warnings]
    check_cancel()
    gc = gamma_criteria
    gam = gamma_index(dose_a, b_on_a, dd_pct=gc.dd_pct, dta_mm=gc.dta_mm, cutoff_pct=gc.cutoff_pct, local=gc.local,
                      max_gamma=gc.max_gamma, allow_mixed_types=allow_mixed_types, ctx=t.sub(0.7, 1.0, "gamma"),
                      local_norm=gc.local_norm, interp_fraction=gc.interp_fraction)
    gamma_grid = derived_dose(gam.gamma, like=dose_a, units="GAMMA", description=f"gamma {gc.dd_pct:g}%/{gc.dta_mm:g} mm",
                              provenance=Provenance("plannerview-compare-gamma", __version__, dict(gam.criteria),
                                                    inputs=(dose_a.sop_uid, dose_b.sop_uid)))
    t.progress(1.0, "done")
    return Comparison(
        dose_a=dose_a, dose_b=dose_b, label_a=dose_label(case, dose_a), label_b=dose_label(case, dose_b),
        structure_set=ss, b_on_a=b_on_a, difference=diff_grid, difference_stats=stats, gamma=gam,
        gamma_map=gamma_grid, dvhs_a=dvhs_a, dvhs_b=dvhs_b, structures=rows, goals=goals,
        protocol=prot.name if prot is not None else None, allow_mixed_types=allow_mixed_types,
        goal_warnings=goal_warnings,
        warnings=[f"{k}: {n}" for k, d, p in (("A", dose_a, plans[0]), ("B", dose_b, plans[1]))
                  if (n := per_fraction_note(d, p.fractions if p is not None else None))],
    )


def _relative_difference(a: DoseGrid, b_on_a: DoseGrid) -> tuple[np.ndarray, DifferenceStats]:
    """A - B for doses not both in Gy (RELATIVE units; compared only with ``allow_mixed_types``)."""
    diff = np.asarray(a.dose, dtype=np.float32) - np.asarray(b_on_a.dose, dtype=np.float32)
    valid = diff[np.isfinite(diff)].astype(np.float64)
    ref = float(np.max(a.dose))
    if not valid.size:
        valid = np.zeros(1)
    return diff, DifferenceStats(
        mean_gy=float(valid.mean()), min_gy=float(valid.min()), max_gy=float(valid.max()),
        mean_abs_gy=float(np.abs(valid).mean()), rms_gy=float(np.sqrt(np.mean(valid ** 2))), reference_gy=ref,
        max_abs_pct=float(100.0 * np.abs(valid).max() / ref) if ref else float("nan"), voxels=int(valid.size))


def plan_numbers(plan: Plan | IonPlan | None) -> tuple[int | None, float | None]:
    """A plan's number of fractions and prescription (Gy), (None, None) without a plan."""
    return (plan.fractions, plan.prescription_gy) if plan is not None else (None, None)
