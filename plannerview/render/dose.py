"""The dose on a slice: sampled at the dose grid's own resolution, washed, mapped, and isodose lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..compute import slicing
from ..compute.isodose import marching_squares
from ..model.dose import DoseGrid
from .colormaps import lut


@dataclass(frozen=True, eq=False)
class DoseSlice:
    """Dose values on a view's slice (NaN outside the dose grid) and where they sit in plane mm.

    Pixel (r, c) of ``values`` covers ``[x0_mm + c*du_mm, x0_mm + (c+1)*du_mm] x [y0_mm + r*dv_mm, ...]``.
    """

    values: np.ndarray  # float32 (rows, cols), the dose's units
    x0_mm: float  # plane-mm left edge of column 0
    y0_mm: float  # plane-mm top edge of row 0
    du_mm: float
    dv_mm: float

    @property
    def width_mm(self) -> float:
        return self.values.shape[1] * self.du_mm

    @property
    def height_mm(self) -> float:
        return self.values.shape[0] * self.dv_mm


def dose_on_slice(dose: DoseGrid, plane: slicing.SlicePlane, ax: slicing.ViewAxes) -> DoseSlice | None:
    """The dose on a view's slice at the dose grid's own resolution (trilinear; the stored dose is
    only read); None when the dose grid does not reach the slice."""
    native = slicing.native_plane(dose.grid, plane)
    if native is None:
        return None
    dplane, off_u, off_v = native
    vals = slicing.sample_on_plane(dose.dose, dose.grid, dplane)
    du = float(np.linalg.norm(dplane.col_step_mm))
    dv = float(np.linalg.norm(dplane.row_step_mm))
    x0 = off_u + 0.5 * ax.du_mm - 0.5 * du  # plane-mm left edge of dose pixel column 0
    y0 = off_v + 0.5 * ax.dv_mm - 0.5 * dv
    return DoseSlice(vals, x0, y0, du, dv)


def wash_rgba(values: np.ndarray, lo_gy: float, hi_gy: float, opacity: float) -> np.ndarray:
    """(rows, cols, 4) uint8 dose wash: ``lo_gy``..``hi_gy`` over the dose table (index truncated),
    alpha ``opacity`` (0..1, rounded to 1/255) where the dose is finite and at least ``lo_gy``,
    transparent elsewhere (below the threshold, outside the grid)."""
    with np.errstate(invalid="ignore"):
        t = np.clip((values - lo_gy) / max(hi_gy - lo_gy, 1e-9), 0.0, 1.0)
        show = np.isfinite(values) & (values >= lo_gy)
    idx = np.nan_to_num(t * 255.0).astype(np.uint8)
    rgba = np.zeros(values.shape + (4,), dtype=np.uint8)
    rgba[..., :3] = lut("dose")[idx]
    rgba[..., 3] = np.where(show, int(round(255 * opacity)), 0).astype(np.uint8)
    return rgba


class IsodoseLine(NamedTuple):
    """One isodose level on a slice (unpacks as ``level_gy, percent, segments_mm``)."""

    level_gy: float
    percent: float  # of the reference dose
    segments_mm: np.ndarray  # (N, 2, 2) segments, each two (x, y) points in plane mm


def isodose_lines(ds: DoseSlice, levels_gy: Sequence[float], reference_gy: float) -> list[IsodoseLine]:
    """Isodose segments of each level on the slice, in plane mm (marching squares between pixel centres)."""
    out = []
    for lv in levels_gy:
        seg = marching_squares(ds.values, lv)
        mm = np.empty_like(seg)
        mm[..., 0] = ds.x0_mm + (seg[..., 1] + 0.5) * ds.du_mm
        mm[..., 1] = ds.y0_mm + (seg[..., 0] + 0.5) * ds.dv_mm
        out.append(IsodoseLine(lv, 100.0 * lv / reference_gy, mm))
    return out
