"""Qt-free contour editing on a copy of a mask: brush, eraser, polygon or freehand fill, delete a
slice's contour, interpolation between slices, undo and redo.

The GUI (slice views) turns mouse strokes into these calls; saving traces the mask into contours
and writes a new structure set (the source is never changed). Positions are in patient mm on the
image's axial slices (x, y); slices are index ``k`` of the grid.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import ndimage

from ..compute.masks import even_odd_fill
from ..model.geometry import Grid


class MaskEditor:
    """Edits on a private copy of ``mask`` (bool [k, j, i] on ``grid``), with undo/redo."""

    def __init__(self, mask: np.ndarray, grid: Grid, max_undo: int = 100) -> None:
        if mask.shape != grid.shape_zyx:
            raise ValueError(f"mask shape {mask.shape} differs from the grid {grid.shape_zyx}")
        if not grid.is_axis_aligned:
            raise ValueError("contour editing needs an axial grid")
        self.grid = grid
        self._mask = np.array(mask, dtype=bool, copy=True)
        self._undo: list[tuple[slice, np.ndarray]] = []
        self._redo: list[tuple[slice, np.ndarray]] = []
        self._max_undo = max_undo
        self.edits = 0
        zc, yc, xc = grid.axis_coords_mm()
        self._xc, self._yc = xc, yc
        self._x, self._y = np.meshgrid(xc, yc)  # (ny, nx) patient x, y of each voxel centre

    @property
    def mask(self) -> np.ndarray:
        """A read-only view of the edited mask."""
        view = self._mask.view()
        view.flags.writeable = False
        return view

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # --- edits ---------------------------------------------------------------------------------
    def brush(self, k: int, centre_xy_mm: tuple[float, float], radius_mm: float, erase: bool = False) -> None:
        """Paint (or erase) the voxel centres within ``radius_mm`` of a point on slice ``k``."""
        disk = (self._x - centre_xy_mm[0]) ** 2 + (self._y - centre_xy_mm[1]) ** 2 <= radius_mm ** 2
        self._apply(k, disk, erase)

    def stroke(self, k: int, points_xy_mm: Sequence[tuple[float, float]], radius_mm: float,
               erase: bool = False) -> None:
        """A brush stroke: every voxel centre within ``radius_mm`` of the polyline (one undo step)."""
        pts = np.asarray(points_xy_mm, dtype=float).reshape(-1, 2)
        hit = np.zeros(self._x.shape, dtype=bool)
        segs = zip(pts, pts[1:], strict=False) if len(pts) > 1 else [(pts[0], pts[0])]
        for a, b in segs:
            d = b - a
            L2 = float(d @ d)
            t = np.zeros_like(self._x) if L2 == 0 else np.clip(((self._x - a[0]) * d[0] + (self._y - a[1]) * d[1]) / L2, 0, 1)
            hit |= (self._x - a[0] - t * d[0]) ** 2 + (self._y - a[1] - t * d[1]) ** 2 <= radius_mm ** 2
        self._apply(k, hit, erase)

    def polygon(self, k: int, polygon_xy_mm: np.ndarray, erase: bool = False) -> None:
        """Fill (or cut) a closed polygon or freehand outline on slice ``k`` (voxel-centre inclusion)."""
        poly = np.asarray(polygon_xy_mm, dtype=float).reshape(-1, 2)
        if len(poly) < 3:
            raise ValueError("a polygon needs at least three points")
        self._apply(k, self._fill(poly), erase)

    def delete_slice(self, k: int) -> None:
        """Delete the contour(s) on slice ``k``."""
        self._apply(k, np.ones(self._x.shape, dtype=bool), erase=True)

    def interpolate(self, k0: int, k1: int) -> None:
        """Fill the slices strictly between ``k0`` and ``k1`` by linear interpolation of the two
        slices' signed distance maps (in mm), so shapes morph instead of being copied."""
        lo, hi = sorted((int(k0), int(k1)))
        if hi - lo < 2:
            return
        a, b = self._mask[lo], self._mask[hi]
        if not a.any() or not b.any():
            raise ValueError(f"interpolation needs contours on both slices {lo} and {hi}")
        sa, sb = self._signed_distance(a), self._signed_distance(b)
        self._push(slice(lo + 1, hi))
        for k in range(lo + 1, hi):
            t = (k - lo) / (hi - lo)
            self._mask[k] = (1 - t) * sa + t * sb < 0
        self._redo.clear()
        self.edits += 1

    # --- undo / redo ---------------------------------------------------------------------------
    def undo(self) -> None:
        if not self._undo:
            return
        sl, before = self._undo.pop()
        self._redo.append((sl, self._mask[sl].copy()))
        self._mask[sl] = before
        self.edits -= 1

    def redo(self) -> None:
        if not self._redo:
            return
        sl, after = self._redo.pop()
        self._undo.append((sl, self._mask[sl].copy()))
        self._mask[sl] = after
        self.edits += 1

    # --- internals -----------------------------------------------------------------------------
    def _apply(self, k: int, region: np.ndarray, erase: bool) -> None:
        if not 0 <= k < self.grid.shape_zyx[0]:
            raise IndexError(f"slice {k} is outside the image (0-{self.grid.shape_zyx[0] - 1})")
        self._push(slice(k, k + 1))
        if erase:
            self._mask[k] &= ~region
        else:
            self._mask[k] |= region
        self._redo.clear()
        self.edits += 1

    def _fill(self, poly: np.ndarray) -> np.ndarray:
        """Even-odd fill on the voxel centres, whichever way the x and y axes run (FFS, prone)."""
        xc, yc = self._xc, self._yc
        fx, fy = len(xc) > 1 and xc[-1] < xc[0], len(yc) > 1 and yc[-1] < yc[0]
        xs, ys = (xc[::-1] if fx else xc), (yc[::-1] if fy else yc)
        sx = float(xs[1] - xs[0]) if len(xs) > 1 else 1.0
        sy = float(ys[1] - ys[0]) if len(ys) > 1 else 1.0
        m = even_odd_fill([poly], float(xs[0]), float(ys[0]), len(xs), len(ys), sx, sy)
        return m[::-1 if fy else 1, ::-1 if fx else 1]

    def _push(self, sl: slice) -> None:
        self._undo.append((sl, self._mask[sl].copy()))
        if len(self._undo) > self._max_undo:
            self._undo.pop(0)

    def _signed_distance(self, m: np.ndarray) -> np.ndarray:
        sampling = self.grid.spacing_mm[1:]
        return ndimage.distance_transform_edt(~m, sampling=sampling) - ndimage.distance_transform_edt(m, sampling=sampling)
