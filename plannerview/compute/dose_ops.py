"""Dose difference, plan sum and voxel-wise EQD2 / BED, with dose-type safety.

PHYSICAL and EFFECTIVE doses (Gy vs Gy(RBE)), or doses of different summation types, are never
combined without ``allow_mixed_types``; every result says what it holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydicom.uid import generate_uid

from .. import __version__
from ..model.dose import DoseGrid
from ..model.geometry import Grid
from ..model.provenance import Provenance
from ..model.structures import StructureSet
from .masks import roi_mask_on_grid
from .radiobiology import bed_gy, eqd2_gy
from .resample import FrameMismatch, resample_values

PER_FRACTION = "FRACTION"


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
               allow_mixed_types: bool = False) -> tuple[np.ndarray, DifferenceStats]:
    """A - B on A's grid (NaN where B does not cover A), with statistics; % of ``reference_gy``
    (default: A's maximum)."""
    check_types([a, b], allow_mixed_types)
    if not allow_mixed_types and a.summation_type != b.summation_type:
        raise ValueError(f"summation types differ ({a.summation_type} vs {b.summation_type})")
    bv, outside = resample_values(b, a.grid)
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


@dataclass(frozen=True)
class AlphaBetaMap:
    """Alpha/beta per ROI with priorities (higher wins where ROIs overlap) and a default."""

    default_gy: float
    rois: tuple[tuple[str, float, int], ...]  # (name, alpha/beta Gy, priority)

    @classmethod
    def from_file(cls, path: str | Path) -> AlphaBetaMap:
        """YAML: ``default: 3`` and ``rois: [{name: PTV, alpha_beta: 10, priority: 2}, ...]``."""
        data = yaml.safe_load(Path(path).read_text()) or {}
        try:
            rois = tuple((str(r["name"]), float(r["alpha_beta"]), int(r.get("priority", 0))) for r in data.get("rois", []))
            return cls(default_gy=float(data["default"]), rois=rois)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: alpha/beta file needs 'default' and rois with name and alpha_beta ({exc})") from exc

    def voxel_map(self, grid: Grid, structure_set: StructureSet | None) -> tuple[np.ndarray, list[str]]:
        """Alpha/beta for every voxel of ``grid``; also the names of ROIs that were not found."""
        ab = np.full(grid.shape_zyx, self.default_gy, dtype=np.float64)
        missing: list[str] = []
        for name, value, _prio in sorted(self.rois, key=lambda r: r[2]):  # low priority first, high wins
            try:
                roi = structure_set.roi(name) if structure_set is not None else None
            except KeyError:
                roi = None
            if roi is None:
                missing.append(name)
                continue
            ab[roi_mask_on_grid(roi, grid)] = value
        return ab, missing


def total_dose_gy(dose: DoseGrid, fractions: int | None) -> np.ndarray:
    """The whole-course dose: per-fraction doses are multiplied by the number of fractions."""
    if dose.summation_type == PER_FRACTION:
        if not fractions:
            raise ValueError(f"dose {dose.label!r} is per fraction: give its number of fractions")
        return np.asarray(dose.dose, dtype=np.float64) * fractions
    return np.asarray(dose.dose, dtype=np.float64)


def plan_sum(
    doses: Sequence[DoseGrid],
    weights: Sequence[float] | None = None,
    fractions: Sequence[int | None] | None = None,
    *,
    mode: str = "physical",  # physical | eqd2 | bed
    alpha_beta: AlphaBetaMap | None = None,
    structure_set: StructureSet | None = None,
    target: Grid | None = None,
    allow_mixed_types: bool = False,
) -> tuple[DoseGrid, list[str]]:
    """Weighted sum on a common grid (the first dose's, unless ``target``), optionally of EQD2 or BED.

    EQD2/BED are computed per dose (its own fractions) before summing, voxel by voxel with alpha/beta
    from the map. Returns the new DoseGrid (new UIDs, MULTI_PLAN) and warnings.
    """
    if not doses:
        raise ValueError("nothing to sum")
    check_types(doses, allow_mixed_types)
    weights = list(weights) if weights is not None else [1.0] * len(doses)
    fractions = list(fractions) if fractions is not None else [None] * len(doses)
    if len(weights) != len(doses) or len(fractions) != len(doses):
        raise ValueError("give one weight and one fraction count per dose")
    grid = target or doses[0].grid
    warnings: list[str] = []
    total = np.zeros(grid.shape_zyx, dtype=np.float64)
    uncovered = np.zeros(grid.shape_zyx, dtype=bool)
    ab_map = None
    if mode != "physical":
        if alpha_beta is None:
            raise ValueError(f"{mode.upper()} needs an alpha/beta map")
        ab_map, missing = alpha_beta.voxel_map(grid, structure_set)
        if missing:
            warnings.append(f"ROIs not found for alpha/beta (default {alpha_beta.default_gy:g} Gy used): {', '.join(missing)}")
    for d, w, n in zip(doses, weights, fractions, strict=True):
        course = dataclasses.replace(d, loader=_constant(total_dose_gy(d, n).astype(np.float32)), summation_type="PLAN")
        vals, outside = resample_values(course, grid, fill=0.0)
        uncovered |= outside
        if mode != "physical":
            if not n:
                raise ValueError(f"{mode.upper()} needs the number of fractions of {d.label!r}")
            assert ab_map is not None
            vals = (eqd2_gy if mode == "eqd2" else bed_gy)(vals, n, ab_map).astype(np.float32)
        total += w * vals
    if uncovered.any():
        warnings.append(f"{int(uncovered.sum())} voxels of the sum grid lie outside at least one dose (counted as 0 there)")
    arr = total.astype(np.float32)
    label = {"physical": "physical dose", "eqd2": "EQD2", "bed": "BED"}[mode]
    dose_type = doses[0].dose_type if len({d.dose_type for d in doses}) == 1 else "PHYSICAL"
    prov = Provenance("plannerview-sum", __version__, {
        "mode": mode, "weights": weights, "fractions": fractions,
        "alpha_beta": None if alpha_beta is None else {"default": alpha_beta.default_gy, "rois": [list(r) for r in alpha_beta.rois]},
        "grid": "first dose's" if target is None else "given",
    }, inputs=tuple(d.sop_uid for d in doses))
    out = dataclasses.replace(
        doses[0], sop_uid=generate_uid(), series_uid=generate_uid(), file="", grid=grid,
        summation_type="MULTI_PLAN", dose_type=dose_type, referenced_plan_uid="", referenced_beam_numbers=(),
        tps_dvhs=(), loader=lambda: arr, description=f"plan sum ({label})",
        comment=f"plannerview sum of {len(doses)} doses, {label}", provenance=prov.to_json(),
    )
    return out, warnings


def _constant(arr: np.ndarray) -> Callable[[], np.ndarray]:
    return lambda: arr


def provenance_text(prov: dict[str, Any] | None) -> str:
    import json

    return json.dumps(prov or {}, sort_keys=True)
