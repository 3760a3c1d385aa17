"""Even-odd scanline fill and voxel masks, against areas and counts worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.compute.masks import even_odd_fill, roi_mask_on_grid
from plannerview.model import ROI, Contour, Grid


def _square(half: float, cx: float = 0.0, cy: float = 0.0) -> np.ndarray:
    return np.array([[cx - half, cy - half], [cx + half, cy - half], [cx + half, cy + half], [cx - half, cy + half]])


def test_hole_and_island_by_even_odd_rule() -> None:
    """40 mm square, 20 mm hole, 10 mm island in the hole: 1600 - 400 + 100 = 1300 mm^2 on a 0.1 mm lattice."""
    polys = [_square(20), _square(10), _square(5)]
    step = 0.1
    n = 500  # centres from -24.95 to 24.95
    m = even_odd_fill(polys, -24.95, -24.95, n, n, step, step)
    assert m.sum() * step * step == pytest.approx(1300.0, rel=1e-9)
    assert m[250, 250]  # the island's centre
    assert not m[250, 250 + 75]  # in the hole (x = 7.55 mm)
    assert m[250, 250 + 150]  # the outer ring (x = 15.05 mm)


def test_concave_polygon_and_order_independence() -> None:
    """An L-shape (30 x 30 minus a 15 x 15 corner = 675 mm^2), clockwise or not, gives the same mask."""
    lshape = np.array([[0, 0], [30, 0], [30, 15], [15, 15], [15, 30], [0, 30]], float)
    a = even_odd_fill([lshape], 0.05, 0.05, 400, 400, 0.1, 0.1)
    b = even_odd_fill([lshape[::-1]], 0.05, 0.05, 400, 400, 0.1, 0.1)
    assert np.array_equal(a, b)
    assert a.sum() * 0.01 == pytest.approx(675.0, rel=1e-9)


def test_roi_mask_on_flipped_grid_matches_the_patient_position() -> None:
    """A 10 x 10 mm square at x 20.3..30.3, y -10.3..-0.3 on a prone-like grid (x and y axes reversed): the
    voxels marked are exactly those whose centres lie in the square, over the slices within half a
    plane spacing of its planes."""
    polys = _square(5, 25.3, -5.3)  # edges between voxel centres (x 20.3..30.3, y -10.3..-0.3)
    roi = ROI(1, "sq", tuple(Contour("CLOSED_PLANAR", np.column_stack([polys, np.full(4, z)])) for z in (0.0, 2.0)))
    n = 41
    grid = Grid((5, n, n), (1.0, 1.0, 1.0), (40.0, 20.0, -1.0), np.diag([-1.0, -1.0, 1.0]), "F")
    mask = roi_mask_on_grid(roi, grid)
    zc, yc, xc = grid.axis_coords_mm()
    zz, yy, xx = np.meshgrid(zc, yc, xc, indexing="ij")
    expected = (xx > 20.3) & (xx < 30.3) & (yy > -10.3) & (yy < -0.3) & (zz >= -1.0) & (zz <= 3.0)
    assert np.array_equal(mask, expected)
