"""Dose difference, plan sum and voxel-wise EQD2 / BED, with dose-type safety.

PHYSICAL and EFFECTIVE doses (Gy vs Gy(RBE)), or doses of different summation types, are never
combined without ``allow_mixed_types``; every result says what it holds.

A FRACTION dose is the dose of one fraction (the rule of docs/dose-types.md): it becomes a
whole-course dose only through :func:`course_dose`, which the caller asks for explicitly
(``--scale-to-course``); nothing here multiplies it silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model.dose import DoseGrid
from ..model.geometry import Grid
from ..model.provenance import Provenance
from ..model.structures import StructureSet
from ..tasks import Cancelled, TaskContext
from ..version import __version__
from .alpha_beta import AlphaBetaMap
from .derived import derived_dose
from .radiobiology import bed_gy, eqd2_gy
from .resample import FrameMismatch, resample_values, union_grid

PER_FRACTION = "FRACTION"


class SumCancelled(Cancelled):
    """A plan sum was cancelled."""


@dataclass(frozen=True)
class DifferenceStats:
    mean_gy: float
    min_gy: float
    max_gy: float
    mean_abs_gy: float
    rms_gy: float
    reference_gy: float
    max_abs_pct: float
    voxels: int


def check_types(doses: Sequence[DoseGrid], allow_mixed_types: bool) -> None:
    frames = {d.frame_of_reference_uid for d in doses if d.frame_of_reference_uid}
    if len(frames) > 1:
        raise FrameMismatch("the doses are in different frames of reference; register them first")
    if any(not d.is_gy for d in doses):
        raise ValueError("RELATIVE doses cannot be summed or subtracted in Gy")
    if not allow_mixed_types:
        types = {d.dose_type for d in doses}
        if len(types) > 1:
            raise ValueError(f"mixing dose types {sorted(types)} (Gy vs Gy(RBE)) needs allow_mixed_types")


def difference(a: DoseGrid, b: DoseGrid, reference_gy: float | None = None,
               allow_mixed_types: bool = False,
               b_on_a: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, DifferenceStats]:
    """A - B on A's grid (NaN where B does not cover A), with statistics; % of ``reference_gy``
    (default: A's maximum). ``b_on_a`` is B already resampled on A's grid with its outside mask
    (:func:`~plannerview.compute.resample.resample_values`), so a caller that has it does not
    resample twice."""
    check_types([a, b], allow_mixed_types)
    if not allow_mixed_types and a.summation_type != b.summation_type:
        raise ValueError(f"summation types differ ({a.summation_type} vs {b.summation_type})")
    bv, outside = b_on_a if b_on_a is not None else resample_values(b, a.grid)
    diff = np.asarray(a.dose, dtype=np.float32) - bv
    valid = diff[~outside]
    ref = reference_gy or float(a.dose.max())
    stats = DifferenceStats(
        mean_gy=float(valid.mean()), min_gy=float(valid.min()), max_gy=float(valid.max()),
        mean_abs_gy=float(np.abs(valid).mean()), rms_gy=float(np.sqrt(np.mean(valid.astype(np.float64) ** 2))),
        reference_gy=ref, max_abs_pct=float(100.0 * np.abs(valid).max() / ref) if ref else float("nan"),
        voxels=int(valid.size),
    )
    return diff, stats


def course_dose(dose: DoseGrid, fractions: int | None) -> DoseGrid:
    """The whole-course dose of a per-fraction (FRACTION) dose: its values (and its TPS DVHs' doses)
    times ``fractions``, a derived dose (new UIDs, provenance) that keeps the plan reference, with
    ``fraction_scaling`` set and the scaling in its label; its summation becomes PLAN. Any other dose
    is returned unchanged."""
    if not dose.per_fraction:
        return dose
    if not fractions or fractions < 1:
        raise ValueError(f"dose {dose.label!r} is per fraction (FRACTION) and its plan's number of fractions "
                         "is unknown: give it (--fractions N)")
    tps = tuple(dataclasses.replace(
        t, dose_bins_gy=np.asarray(t.dose_bins_gy) * fractions,
        stored_min=None if t.stored_min is None else t.stored_min * fractions,
        stored_max=None if t.stored_max is None else t.stored_max * fractions,
        stored_mean=None if t.stored_mean is None else t.stored_mean * fractions) for t in dose.tps_dvhs)
    prov = Provenance("plannerview-scale-to-course", __version__,
                      {"fractions": fractions, "from_summation": dose.summation_type}, inputs=(dose.sop_uid,))
    what = dose.description or dose.comment or "RTDOSE FRACTION"
    return derived_dose(
        lambda: np.asarray(dose.dose, dtype=np.float64) * fractions, like=dose, provenance=prov,
        description=f"{what} x {fractions} fx (scaled to the course)", summation_type="PLAN",
        referenced_plan_uid=dose.referenced_plan_uid, referenced_beam_numbers=dose.referenced_beam_numbers,
        referenced_fraction_group=dose.referenced_fraction_group, tps_dvhs=tps, fraction_scaling=fractions)


def per_fraction_note(dose: DoseGrid, fractions: int | None = None) -> str | None:
    """What a reader of a per-fraction dose's values must know (None for any other dose)."""
    if not dose.per_fraction:
        return None
    course = f" (x {fractions} fx)" if fractions else ""
    return (f"dose {dose.label!r} is per fraction (DoseSummationType FRACTION): its values are for one fraction; "
            f"--scale-to-course gives whole-course values{course}")


def plan_sum(
    doses: Sequence[DoseGrid],
    weights: Sequence[float] | None = None,
    fractions: Sequence[int | None] | None = None,
    *,
    mode: str = "physical",  # physical | eqd2 | bed
    alpha_beta: AlphaBetaMap | None = None,
    structure_set: StructureSet | None = None,
    target: Grid | str = "first",
    allow_mixed_types: bool = False,
    ctx: TaskContext | None = None,
    scale_to_course: bool = False,
) -> tuple[DoseGrid, list[str]]:
    """Weighted sum on a common grid, optionally of EQD2 or BED.

    ``target``: ``"first"`` (the first dose's grid), ``"union"`` (covering every dose at the finest
    spacing, see ``union_grid``) or a Grid. FRACTION doses are per fraction: with
    ``scale_to_course`` each becomes its whole-course dose (:func:`course_dose`, said in the
    warnings); without it, per-fraction doses are summed only with each other (the sum is per
    fraction, FRACTION), and EQD2/BED, whole-course values, refuse them. EQD2/BED are computed per
    dose (its own fractions) before summing, voxel by voxel with alpha/beta from the map. Returns
    the new DoseGrid (new UIDs; summation PLAN when every input belongs to one plan, else MULTI_PLAN; see ``summation_and_plans``; made by
    :func:`~plannerview.compute.derived.derived_dose`) and warnings. Raises :class:`SumCancelled`
    when ``ctx`` is cancelled between doses.
    """
    t = TaskContext.of(ctx)
    if not doses:
        raise ValueError("nothing to sum")
    check_types(doses, allow_mixed_types)
    weights = list(weights) if weights is not None else [1.0] * len(doses)
    fractions = list(fractions) if fractions is not None else [None] * len(doses)
    if len(weights) != len(doses) or len(fractions) != len(doses):
        raise ValueError("give one weight and one fraction count per dose")
    warnings: list[str] = []
    per_fx = [d for d in doses if d.per_fraction]
    if per_fx and scale_to_course:
        warnings += [f"dose {d.label!r}: per-fraction dose x {n} fractions (scaled to the course)"
                     for d, n in zip(doses, fractions, strict=True) if d.per_fraction]
        doses = [course_dose(d, n) for d, n in zip(doses, fractions, strict=True)]
    elif per_fx:
        names = ", ".join(repr(d.label) for d in per_fx)
        verb = "is" if len(per_fx) == 1 else "are"
        if mode != "physical":
            raise ValueError(f"{mode.upper()} is a whole-course value and {names} {verb} per fraction (FRACTION): "
                             "scale to the course explicitly (--scale-to-course)")
        if len(per_fx) < len(doses):
            raise ValueError(f"{names} {verb} per fraction (FRACTION), the other doses are not: scale to the "
                             "course explicitly (--scale-to-course) to add them")
        warnings.append("the doses are per fraction (FRACTION) and were added as they are: the sum is per fraction "
                        "(--scale-to-course gives whole-course values)")
    kinds = {d.summation_type for d in doses}
    if len(kinds) > 1 and not allow_mixed_types:
        raise ValueError(f"summing doses of different summation types ({', '.join(sorted(kinds))}) needs "
                         "allow_mixed_types (e.g. a BEAM dose with the PLAN dose that contains it counts twice)")
    if isinstance(target, Grid):
        grid, grid_name = target, "given"
    elif target == "union":
        grid, grid_name = union_grid([d.grid for d in doses]), "union of all doses at the finest spacing"
    elif target == "first":
        grid, grid_name = doses[0].grid, "first dose's"
    else:
        raise ValueError(f"unknown sum grid {target!r} (first or union)")
    total = np.zeros(grid.shape_zyx, dtype=np.float64)
    uncovered = np.zeros(grid.shape_zyx, dtype=bool)
    ab_map = None
    if mode != "physical":
        if alpha_beta is None:
            raise ValueError(f"{mode.upper()} needs an alpha/beta map")
        ab_map, missing = alpha_beta.voxel_map(grid, structure_set)
        if missing:
            warnings.append(f"ROIs not found for alpha/beta (default {alpha_beta.default_gy:g} Gy used): {', '.join(missing)}")
    for i, (d, w, n) in enumerate(zip(doses, weights, fractions, strict=True)):
        if t.cancelled():
            raise SumCancelled("plan sum cancelled")
        t.progress(i / len(doses), f"adding {d.label}")
        vals, outside = resample_values(d, grid, fill=0.0)
        uncovered |= outside
        if mode != "physical":
            if not n:
                raise ValueError(f"{mode.upper()} needs the number of fractions of {d.label!r}: load its plan or give --fractions N")
            assert ab_map is not None
            vals = (eqd2_gy if mode == "eqd2" else bed_gy)(vals, n, ab_map).astype(np.float32)
        total += w * vals
    if uncovered.any():
        warnings.append(f"{int(uncovered.sum())} voxels of the sum grid lie outside at least one dose (counted as 0 there)")
    arr = total.astype(np.float32)
    label = {"physical": "physical dose", "eqd2": "EQD2", "bed": "BED"}[mode]
    types = {d.dose_type for d in doses}
    dose_type = next(iter(types)) if len(types) == 1 else "EFFECTIVE"
    if len(types) > 1:
        warnings.append("PHYSICAL and EFFECTIVE doses summed (allowed by option): physical doses count with RBE 1, "
                        "the sum is labelled EFFECTIVE (Gy(RBE))")
    summation, plans = summation_and_plans(doses)
    if all(d.per_fraction for d in doses):
        summation = PER_FRACTION
    unit = "Gy(RBE)" if dose_type == "EFFECTIVE" else "Gy"
    prov = Provenance("plannerview-sum", __version__, {
        "mode": mode, "weights": weights, "fractions": fractions,
        "alpha_beta": None if alpha_beta is None else alpha_beta.to_json(),
        "grid": grid_name, "dose_types": [d.dose_type for d in doses],
        "summation_types": [d.summation_type for d in doses], "referenced_plans": plans,
        "scaled_to_course": [d.fraction_scaling for d in doses],
    }, inputs=tuple(d.sop_uid for d in doses))
    out = derived_dose(arr, like=doses[0], grid=grid, summation_type=summation, dose_type=dose_type,
                       referenced_plan_uid=plans[0] if len(plans) == 1 else "", provenance=prov,
                       description=f"plan sum ({label}, {unit}{', per fraction' if summation == PER_FRACTION else ''})",
                       comment=f"plannerview sum of {len(doses)} doses: {label} {unit}")
    t.progress(1.0, "summed")
    return out, warnings


def referenced_plans(doses: Sequence[DoseGrid]) -> list[str]:
    """The distinct plans the doses reference, in input order."""
    return list(dict.fromkeys(d.referenced_plan_uid for d in doses if d.referenced_plan_uid))


def summation_and_plans(doses: Sequence[DoseGrid]) -> tuple[str, list[str]]:
    """DoseSummationType of a sum and the plans it references: PLAN when every input references one
    and the same plan (e.g. its beam doses), else MULTI_PLAN listing every referenced plan (DICOM
    requires two or more items for MULTI_PLAN)."""
    plans = referenced_plans(doses)
    if len(plans) == 1 and all(d.referenced_plan_uid for d in doses):
        return "PLAN", plans
    return "MULTI_PLAN", plans
