"""Two doses compared: difference, gamma, DVH metrics and clinical goals (one core for GUI and CLI).

Qt-free on purpose: ``plannerview compare`` and the GUI comparison window both call
:func:`compare_doses` and show what the :class:`Comparison` holds. Dose A is the reference: the
difference (A - B, Gy) and the gamma volume live on A's grid; B is resampled onto it (trilinear,
NaN where B does not cover A). DVH metrics of B are computed on B's own grid, as ``plannerview dvh``
would print them. PHYSICAL and EFFECTIVE doses (Gy vs Gy(RBE)), different units or summation types
are refused unless ``allow_mixed_types`` is given.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydicom.uid import generate_uid

from ..compute.dose_ops import DifferenceStats, difference
from ..compute.dvh import compute_dvhs
from ..compute.gamma import GammaResult, check_comparable, gamma_index
from ..compute.goals import evaluate_goals, load_protocol
from ..compute.metrics import STANDARD_D_PERCENT
from ..compute.resample import resample
from ..model.case import Case
from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.plan import IonPlan, Plan
from ..model.provenance import Provenance
from ..model.structures import StructureSet
from ..tasks import Cancelled
from ..version import __version__

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

#: the metric keys of ``plannerview dvh --json`` that a comparison reports per ROI
METRIC_KEYS = ("volume_cc", "dmin_gy", "dmean_gy", "dmax_gy")
GOAL_KEYS = ("roi", "matched_roi", "metric", "unit", "limit", "acceptable")


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
    structures: list[dict[str, Any]] = field(default_factory=list)  # {name, number, color_rgb, a, b, diff}
    goals: list[dict[str, Any]] | None = None
    protocol: str | None = None
    allow_mixed_types: bool = False

    def to_json(self) -> dict[str, Any]:
        """The document ``plannerview compare --json`` prints."""
        a, b = self.dose_a, self.dose_b
        return {
            "a": {"sop_uid": a.sop_uid, "label": self.label_a, "type": a.dose_type, "unit": a.unit_label},
            "b": {"sop_uid": b.sop_uid, "label": self.label_b, "type": b.dose_type, "unit": b.unit_label},
            "structures": [{k: r[k] for k in ("name", "a", "b", "diff")} for r in self.structures],
            "goals": self.goals,
            "gamma": self.gamma.to_json(),
        }

    def difference_in_dose(self, cutoff_pct: float | None = None) -> DoseGrid:
        """A - B where A or B reaches ``cutoff_pct`` % of A's maximum (default: the gamma cut-off),
        NaN elsewhere: the difference map without the low-dose region around the target."""
        pct = float(self.gamma.criteria.get("cutoff_pct", 10.0)) if cutoff_pct is None else float(cutoff_pct)
        a = np.asarray(self.dose_a.dose, dtype=np.float32)
        b = np.asarray(self.b_on_a.dose, dtype=np.float32)
        thr = pct / 100.0 * float(np.nanmax(a))
        with np.errstate(invalid="ignore"):
            keep = (a >= thr) | (b >= thr)
        vals = np.where(keep, np.asarray(self.difference.dose), np.nan).astype(np.float32)
        return dataclasses.replace(self.difference, sop_uid=self.difference.sop_uid + ".1",
                                   loader=lambda: vals, description=f"difference A - B (dose >= {pct:g} %)")

    def max_abs_difference_gy(self, cutoff_pct: float | None = None) -> float:
        """The largest |A - B| shown by :meth:`difference_in_dose` (0 when nothing is shown)."""
        vals = self.difference_in_dose(cutoff_pct).dose
        return float(np.nanmax(np.abs(vals))) if np.isfinite(vals).any() else 0.0

    def values_at(self, xyz_mm: tuple[float, float, float] | np.ndarray) -> dict[str, float | None]:
        """A, B (resampled), A - B and gamma at the voxel of A's grid nearest to a patient point."""
        g = self.dose_a.grid
        ijk = np.rint(np.linalg.inv(g.affine) @ np.append(np.asarray(xyz_mm, dtype=float), 1.0))[:3].astype(int)
        i, j, k = (int(v) for v in ijk)
        nz, ny, nx = g.shape_zyx
        if not (0 <= i < nx and 0 <= j < ny and 0 <= k < nz):
            return {"a_gy": None, "b_gy": None, "diff_gy": None, "gamma": None}

        def val(arr: np.ndarray) -> float | None:
            v = float(arr[k, j, i])
            return v if math.isfinite(v) else None

        return {"a_gy": val(self.dose_a.dose), "b_gy": val(self.b_on_a.dose),
                "diff_gy": val(self.difference.dose), "gamma": val(self.gamma_map.dose)}


def dose_label(case: Case, dose: DoseGrid) -> str:
    """'<plan label> (<summation>)' for a dose whose plan is loaded, else the dose's own label."""
    plan = case.plan(dose.referenced_plan_uid) if dose.referenced_plan_uid else None
    return f"{plan.label} ({dose.summation_type})" if plan is not None else dose.label


def metrics_json(dvh: DVH) -> dict[str, Any]:
    """The per-ROI metrics of ``plannerview dvh --json`` that a comparison reports (Gy; None if relative)."""
    gy = not dvh.is_relative
    covered = dvh.covered_cc > 0
    return {
        "volume_cc": _r(dvh.volume_cc, 4),
        "dmin_gy": _r(dvh.dmin) if gy else None,
        "dmean_gy": _r(dvh.dmean) if gy else None,
        "dmax_gy": _r(dvh.dmax) if gy else None,
        "d_percent_gy": {str(p): _r(dvh.dose_at_percent(p)) if gy and covered else None for p in STANDARD_D_PERCENT},
    }


def metrics_diff(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """A - B for every metric (None where either is None), rounded to 1e-4 Gy."""
    def sub(x: Any, y: Any) -> Any:
        return None if x is None or y is None else round(x - y, 4)

    return {**{k: sub(a[k], b[k]) for k in METRIC_KEYS},
            "d_percent_gy": {p: sub(a["d_percent_gy"][p], b["d_percent_gy"][p]) for p in a["d_percent_gy"]}}


def compare_doses(
    case: Case,
    dose_a: DoseGrid,
    dose_b: DoseGrid,
    *,
    structure_set: StructureSet | None = None,
    protocol: str | None = None,
    gamma_criteria: GammaCriteria = GammaCriteria(),
    allow_mixed_types: bool = False,
    with_dvhs: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Comparison:
    """Compare dose B with dose A (the reference) on A's grid.

    ``structure_set`` defaults to A's (``case.structures_for``); without one, the DVH metrics and
    goals are left empty (as they are with ``with_dvhs=False``). ``protocol`` names a clinical-goal protocol to evaluate on both doses.
    Raises ``ValueError`` (or ``FrameMismatch``) for doses that must not be compared,
    ``ProtocolError`` for an unknown protocol and :class:`ComparisonCancelled` when ``cancel()``
    turns true.
    """
    def step(lo: float, hi: float, msg: str) -> Progress:
        def cb(frac: float, detail: str = "") -> None:
            if progress is not None:
                progress(lo + (hi - lo) * max(0.0, min(1.0, frac)), f"{msg}: {detail}" if detail else msg)
        return cb

    def check_cancel() -> None:
        if cancel is not None and cancel():
            raise ComparisonCancelled("comparison cancelled")

    check_comparable(dose_a, dose_b, allow_mixed_types)
    prot = load_protocol(protocol) if protocol else None  # fail early on an unknown name
    ss = structure_set if structure_set is not None else case.structures_for(dose_a)
    step(0.0, 0.05, "resampling B on A's grid")(0.0, "")
    b_on_a = dose_b if dose_b.grid.same_geometry(dose_a.grid) else resample(dose_b, dose_a.grid)
    diff_arr, stats = (difference(dose_a, dose_b, allow_mixed_types=allow_mixed_types)
                       if dose_a.is_gy and dose_b.is_gy else _relative_difference(dose_a, b_on_a))
    diff_grid = _derived(dose_a, diff_arr, "difference A - B", "plannerview-compare-difference",
                         {"a": dose_a.sop_uid, "b": dose_b.sop_uid})
    check_cancel()
    plans = [case.plan(d.referenced_plan_uid) if d.referenced_plan_uid else None for d in (dose_a, dose_b)]
    rows: list[dict[str, Any]] = []
    dvhs_a: list[DVH] = []
    dvhs_b: list[DVH] = []
    goals = None
    if ss is not None and with_dvhs:
        dvhs_a = compute_dvhs(ss, dose_a, progress=step(0.05, 0.3, "DVH A"), cancel=cancel)
        check_cancel()
        dvhs_b = compute_dvhs(ss, dose_b, progress=step(0.3, 0.55, "DVH B"), cancel=cancel)
        check_cancel()
        colours = {r.number: r.color_rgb for r in ss.rois}
        for ha, hb in zip(dvhs_a, dvhs_b, strict=True):
            if ha.covered_cc <= 0:
                continue
            ja, jb = metrics_json(ha), metrics_json(hb)
            rows.append({"name": ha.roi_name, "number": ha.roi_number, "color_rgb": colours.get(ha.roi_number),
                         "a": ja, "b": jb, "diff": metrics_diff(ja, jb)})
        if prot is not None:
            ga = evaluate_goals(prot, ss, dose_a, *_plan_numbers(plans[0]), progress=step(0.55, 0.62, "goals A"),
                                cancel=cancel)
            gb = evaluate_goals(prot, ss, dose_b, *_plan_numbers(plans[1]), progress=step(0.62, 0.7, "goals B"),
                                cancel=cancel)
            goals = [{**{k: g[k] for k in GOAL_KEYS},
                      "a": {"value": g["value"], "status": g["status"]}, "b": {"value": h["value"], "status": h["status"]},
                      "diff": None if g["value"] is None or h["value"] is None else round(g["value"] - h["value"], 4)}
                     for g, h in zip(ga["goals"], gb["goals"], strict=True)]
    check_cancel()
    gc = gamma_criteria
    gam = gamma_index(dose_a, b_on_a, dd_pct=gc.dd_pct, dta_mm=gc.dta_mm, cutoff_pct=gc.cutoff_pct, local=gc.local,
                      max_gamma=gc.max_gamma, allow_mixed_types=allow_mixed_types, progress=step(0.7, 1.0, "gamma"),
                      cancel=cancel, local_norm=gc.local_norm)
    gamma_grid = _derived(dose_a, gam.gamma, f"gamma {gc.dd_pct:g}%/{gc.dta_mm:g} mm", "plannerview-compare-gamma",
                          dict(gam.criteria), units="GAMMA")
    if progress is not None:
        progress(1.0, "done")
    return Comparison(
        dose_a=dose_a, dose_b=dose_b, label_a=dose_label(case, dose_a), label_b=dose_label(case, dose_b),
        structure_set=ss, b_on_a=b_on_a, difference=diff_grid, difference_stats=stats, gamma=gam,
        gamma_map=gamma_grid, dvhs_a=dvhs_a, dvhs_b=dvhs_b, structures=rows, goals=goals, protocol=protocol,
        allow_mixed_types=allow_mixed_types,
    )


def _derived(a: DoseGrid, values: np.ndarray, description: str, engine: str, params: dict[str, Any],
             units: str | None = None) -> DoseGrid:
    """A new in-memory grid on A's geometry holding ``values`` (no plan reference, no TPS DVHs)."""
    arr = np.asarray(values, dtype=np.float32)
    return dataclasses.replace(
        a, sop_uid=generate_uid(), series_uid=generate_uid(), file="", units=units or a.units,
        referenced_plan_uid="", referenced_beam_numbers=(), referenced_fraction_group=None, tps_dvhs=(),
        loader=lambda: arr, description=description, comment=description,
        provenance=Provenance(engine, __version__, params, inputs=(a.sop_uid,)).to_json(),
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


def _plan_numbers(plan: Plan | IonPlan | None) -> tuple[int | None, float | None]:
    return (plan.fractions, plan.prescription_gy) if plan is not None else (None, None)


def _r(x: float | None, nd: int = 4) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), nd)
