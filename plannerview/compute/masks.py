"""Rasterising planar contours: even-odd scanline fill on regular 2D sample grids.

``even_odd_fill`` marks the sample centres inside a plane's polygons (a contour inside another is
a hole, an island in a hole is solid again). It is vectorised over all polygon edges and rows, so
a plane with thousands of vertices fills in well under a millisecond per thousand rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..model.geometry import Grid
from ..model.structures import ROI


def even_odd_fill(
    polygons: Sequence[np.ndarray], x0: float, y0: float, nx: int, ny: int, step_x: float, step_y: float
) -> np.ndarray:
    """Boolean (ny, nx) mask of sample centres (x0 + i*step_x, y0 + j*step_y) inside the polygons."""
    toggles = np.zeros((ny, nx + 1), dtype=np.int32)
    for poly in polygons:
        if len(poly) < 3:
            continue
        xa, ya = poly[:, 0], poly[:, 1]
        xb, yb = np.roll(xa, -1), np.roll(ya, -1)
        lo, hi = np.minimum(ya, yb), np.maximum(ya, yb)
        keep = hi > lo
        xa, ya, xb, yb, lo, hi = xa[keep], ya[keep], xb[keep], yb[keep], lo[keep], hi[keep]
        # rows whose centre y satisfies lo <= y < hi (half-open: vertices are counted once)
        r0 = np.clip(np.ceil((lo - y0) / step_y).astype(np.int64), 0, ny)
        r1 = np.clip(np.ceil((hi - y0) / step_y).astype(np.int64), 0, ny)
        counts = r1 - r0
        total = int(counts.sum())
        if total == 0:
            continue
        edge = np.repeat(np.arange(len(counts)), counts)
        offs = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        rows = r0[edge] + offs
        y = y0 + rows * step_y
        t = (y - ya[edge]) / (yb[edge] - ya[edge])
        xi = xa[edge] + t * (xb[edge] - xa[edge])
        cols = np.clip(np.ceil((xi - x0) / step_x).astype(np.int64), 0, nx)
        np.add.at(toggles, (rows, cols), 1)
    return (np.cumsum(toggles, axis=1)[:, :nx] % 2).astype(bool)


def roi_mask_on_grid(roi: ROI, grid: Grid) -> np.ndarray:
    """Voxel-centre inclusion mask of an ROI on an axial grid (bool, [k, j, i]).

    Each contour plane fills the grid slices whose centres lie within half the ROI's plane
    spacing of it (end caps). Works for any in-plane flips (FFS, prone) of an axial grid.
    """
    if not grid.is_axis_aligned:
        raise ValueError("roi_mask_on_grid needs an axial grid")
    from .contours import plane_spacing_mm

    nz, ny, nx = grid.shape_zyx
    zc, yc, xc = grid.axis_coords_mm()
    mask = np.zeros(grid.shape_zyx, dtype=bool)
    planes = roi.planes
    if not planes:
        return mask
    zs = np.array(list(planes))
    half = 0.5 * (plane_spacing_mm(zs) or grid.spacing_mm[0])
    for z, polys in planes.items():
        ks = np.nonzero(np.abs(zc - z) <= half + 1e-6)[0]
        if len(ks):
            mask[ks] |= _axis_fill(polys, xc, yc)[None]
    return mask


def _axis_fill(polys: Sequence[np.ndarray], xc: np.ndarray, yc: np.ndarray) -> np.ndarray:
    """Fill on voxel-centre coordinates that may run in either direction (FFS, prone)."""
    fx, fy = xc[-1] < xc[0], yc[-1] < yc[0]
    xs, ys = (xc[::-1] if fx else xc), (yc[::-1] if fy else yc)
    sx = xs[1] - xs[0] if len(xs) > 1 else 1.0
    sy = ys[1] - ys[0] if len(ys) > 1 else 1.0
    m = even_odd_fill(polys, float(xs[0]), float(ys[0]), len(xs), len(ys), float(sx), float(sy))
    if fx:
        m = m[:, ::-1]
    if fy:
        m = m[::-1, :]
    return m
