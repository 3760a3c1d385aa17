"""Tracing masks into contours: exact round trip, holes, analytic areas, flipped grids."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from plannerview.compute.contours import plane_area_mm2, polygon_area_mm2
from plannerview.compute.mask_to_contours import mask_to_contours, mask_to_roi, trace_slice
from plannerview.compute.masks import roi_mask_on_grid
from plannerview.model import Grid


def test_square_block_gives_one_loop_with_cut_corners() -> None:
    m = np.zeros((10, 10), bool)
    m[2:7, 3:6] = True  # 5 rows x 3 columns
    (loop,) = trace_slice(m)
    # iso-line at 0.5 through edge midpoints: the 5x3 box minus four corner triangles of 1/8
    assert polygon_area_mm2(loop) == pytest.approx(5 * 3 - 4 * 0.125)
    assert len(loop) == 8  # straight runs merged: an octagon


def test_annulus_keeps_its_hole_and_island() -> None:
    yy, xx = np.mgrid[:60, :60]
    r = np.hypot(yy - 30, xx - 30)
    m = (r <= 25) & ~(r <= 15) | (r <= 5)  # ring with an island in its hole
    loops = trace_slice(m)
    assert len(loops) == 3
    # even-odd area is close to the analytic one: pi (25^2 - 15^2 + 5^2)
    assert plane_area_mm2(loops) == pytest.approx(np.pi * (625 - 225 + 25), rel=0.02)


def test_diagonal_touching_voxels_make_separate_simple_loops() -> None:
    m = np.zeros((4, 4), bool)
    m[1, 1] = m[2, 2] = True
    loops = trace_slice(m)
    assert len(loops) == 2 and all(len(lp) == 4 for lp in loops)


DIRECTIONS = [np.eye(3), np.diag([-1.0, 1.0, -1.0]), np.diag([-1.0, -1.0, 1.0])]


@pytest.mark.parametrize("direction", DIRECTIONS, ids=["HFS", "FFS", "HFP"])
def test_tracing_then_rasterising_gives_back_the_same_mask(direction: np.ndarray) -> None:
    rng = np.random.default_rng(7)
    m = ndimage.binary_opening(rng.random((6, 50, 60)) > 0.4)
    m[:, 0, :] = True  # touching the border
    m[:, 20:30, 20:30] = False
    m[:, 24:26, 24:26] = True  # island in a hole
    g = Grid(m.shape, (3.0, 1.1, 0.9), (10.0, -20.0, 5.0), direction)
    roi = mask_to_roi(m, g, 1, "r", slice_uids=[f"1.2.{k}" for k in range(6)])
    assert np.array_equal(roi_mask_on_grid(roi, g), m)
    assert {c.referenced_sop_uid for c in roi.contours} <= {f"1.2.{k}" for k in range(6)}
    # contours lie on the slice planes
    zc = g.axis_coords_mm()[0]
    for c in roi.contours:
        assert np.isclose(c.points_mm[:, 2], c.points_mm[0, 2]).all()
        assert np.min(np.abs(zc - c.points_mm[0, 2])) < 1e-9


def test_float_fields_give_sub_voxel_contours() -> None:
    # signed distance to a circle of radius 7.3 px: the traced 0-level encloses its exact area
    yy, xx = np.mgrid[:40, :40].astype(float)
    field = 7.3 - np.hypot(yy - 20.2, xx - 19.6)
    g = Grid((1, 40, 40), (1.0, 1.0, 1.0), (0, 0, 0))
    (c,) = mask_to_contours(field[None], g, level=0.0)
    assert polygon_area_mm2(c.points_mm[:, :2]) == pytest.approx(np.pi * 7.3**2, rel=0.005)
