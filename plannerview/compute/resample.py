"""Resampling doses between grids of one frame of reference (trilinear; outside points marked)."""

from __future__ import annotations

import numpy as np

from ..model.dose import DoseGrid
from ..model.geometry import Grid
from ..model.provenance import Provenance
from ..tasks import Cancelled, TaskContext
from ..version import __version__
from .derived import derived_dose


class FrameMismatch(ValueError):
    """Two objects in different frames of reference (no registration applied)."""


class ResampleCancelled(Cancelled):
    """Resampling was cancelled."""


def resample_values(dose: DoseGrid, target: Grid, fill: float = np.nan) -> tuple[np.ndarray, np.ndarray]:
    """Dose values on ``target`` (float32) and a mask of target voxels outside the source grid.

    Outside voxels get ``fill`` (NaN by default): marked, never silently zero.
    """
    if dose.frame_of_reference_uid and target.frame_of_reference_uid and \
            dose.frame_of_reference_uid != target.frame_of_reference_uid:
        raise FrameMismatch("the dose and the target grid are in different frames of reference")
    if dose.grid.same_geometry(target):
        return np.asarray(dose.dose, dtype=np.float32), np.zeros(target.shape_zyx, dtype=bool)
    from scipy.ndimage import map_coordinates  # here: importing it costs the DVH command 0.15 s

    coords = dose.grid.index_coords_from(target)
    outside = dose.grid.outside_kji(coords)
    vals = map_coordinates(dose.dose, coords, order=1, mode="nearest", prefilter=False).astype(np.float32)
    vals[outside] = fill
    return vals, outside


def resample(dose: DoseGrid, target: Grid, description: str | None = None, *,
             ctx: TaskContext | None = None) -> DoseGrid:
    """The dose on another grid of the same frame: a new derived dose (new UIDs; the source is
    untouched). It is still its plan's dose (plan and beam references are kept); the TPS's DVHs,
    computed on the source grid, are not carried over."""
    t = TaskContext.of(ctx)
    if t.cancelled():
        raise ResampleCancelled("resampling cancelled")
    t.progress(0.0, "resampling")
    vals, outside = resample_values(dose, target)
    t.progress(1.0, "resampled")
    prov = Provenance("plannerview-resample", __version__, {
        "method": "trilinear", "outside_voxels": int(outside.sum()), "outside": "NaN",
        "target_shape_zyx": list(target.shape_zyx), "target_spacing_mm": list(target.spacing_mm)},
        inputs=(dose.sop_uid,))
    return derived_dose(vals, like=dose, grid=target, provenance=prov,
                        description=description or f"{dose.label} resampled", comment=dose.comment or None,
                        referenced_plan_uid=dose.referenced_plan_uid,
                        referenced_beam_numbers=dose.referenced_beam_numbers,
                        referenced_fraction_group=dose.referenced_fraction_group)


def union_grid(grids: list[Grid]) -> Grid:
    """The smallest grid, in the first grid's orientation and at the finest spacing of all, whose
    voxel centres cover every grid's voxel centres (for sums of doses that cover different regions)."""
    if not grids:
        raise ValueError("no grids")
    first = grids[0]
    frames = {g.frame_of_reference_uid for g in grids if g.frame_of_reference_uid}
    if len(frames) > 1:
        raise FrameMismatch("the grids are in different frames of reference")
    direction = np.asarray(first.direction)
    spacing_zyx = np.min(np.array([g.spacing_mm for g in grids]), axis=0)
    lo = np.full(3, np.inf)
    hi = np.full(3, -np.inf)
    for g in grids:
        local = g.corners_mm(edges=False) @ direction  # coordinates along the first grid's axes (i, j, k)
        lo = np.minimum(lo, local.min(axis=0))
        hi = np.maximum(hi, local.max(axis=0))
    step_ijk = spacing_zyx[::-1]
    counts = np.ceil((hi - lo) / step_ijk - 1e-6).astype(int) + 1
    origin = direction @ lo
    sz, sy, sx = (float(s) for s in spacing_zyx)
    ox, oy, oz = (float(v) for v in origin)
    return Grid((int(counts[2]), int(counts[1]), int(counts[0])), (sz, sy, sx), (ox, oy, oz), direction,
                first.frame_of_reference_uid)
