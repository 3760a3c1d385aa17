"""Qt-free geometry under the views: slices of flipped grids, orientation letters, marching squares."""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.compute import slicing
from plannerview.compute.isodose import join_segments, marching_squares
from plannerview.model.geometry import Grid


def _grid(direction: np.ndarray) -> Grid:
    return Grid((4, 5, 6), (2.5, 2.0, 1.0), (10.0, 20.0, 30.0), direction)


@pytest.mark.parametrize("flip_x", [False, True])
def test_axial_slice_shows_patient_left_on_the_right(flip_x: bool) -> None:
    d = np.diag([-1.0 if flip_x else 1.0, 1.0, 1.0])
    g = _grid(d)
    vol = np.arange(4 * 5 * 6, dtype=float).reshape(4, 5, 6)
    ax = slicing.view_axes(g, "axial")
    sl = slicing.slice_array(vol, ax, 2)
    plane = slicing.slice_plane(g, ax, 2)
    # every displayed pixel holds the voxel at its patient position
    for r in range(sl.shape[0]):
        for c in range(sl.shape[1]):
            ijk = np.round(g.patient_to_index(plane.to_patient(r, c))).astype(int)
            assert sl[r, c] == vol[ijk[2], ijk[1], ijk[0]]
    assert plane.col_step_mm[0] > 0  # screen right = +x = patient left
    assert slicing.edge_labels(ax) == {"right": "L", "left": "R", "bottom": "P", "top": "A"}


def test_oblique_label_letters() -> None:
    v = np.array([np.cos(np.radians(30)), np.sin(np.radians(30)), 0.0])
    assert slicing.orientation_label(v) == "LP"
    assert slicing.orientation_label(-v) == "RA"
    assert slicing.orientation_label([0, 0, -1]) == "I"


def test_marching_squares_circle_radius() -> None:
    yy, xx = np.mgrid[0:60, 0:70]
    r = np.hypot(yy - 30.3, xx - 33.7)
    segs = marching_squares(r, 12.0)
    pts = segs.reshape(-1, 2)
    assert np.allclose(np.hypot(pts[:, 0] - 30.3, pts[:, 1] - 33.7), 12.0, atol=0.02)
    lines = join_segments(segs)
    assert len(lines) == 1 and np.allclose(lines[0][0], lines[0][-1])


def test_nan_cells_give_no_line() -> None:
    v = np.zeros((5, 5))
    v[:, 3:] = 10.0
    v[:, 4] = np.nan
    segs = marching_squares(v, 5.0)
    assert len(segs) == 4 and np.allclose(segs[..., 1], 2.5)


def test_contour_cut_by_sagittal_plane() -> None:
    # a square 20 x 20 mm centred at the origin on planes z = 0, 2, 4
    sq = np.array([[-10.0, -10.0], [10.0, -10.0], [10.0, 10.0], [-10.0, 10.0]])
    planes = {0.0: (sq,), 2.0: (sq,), 4.0: (sq,)}
    g = Grid((10, 40, 40), (1.0, 1.0, 1.0), (-19.5, -19.5, -3.0))
    ax = slicing.view_axes(g, "sagittal")
    idx = slicing.slice_index_for_point(g, ax, (0.5, 0.0, 0.0))
    plane = slicing.slice_plane(g, ax, idx)
    m = slicing.contour_mask_on_plane(planes, plane, 1.0)
    ys = plane.pixel_centres_mm()[..., 1][m]
    zs = plane.pixel_centres_mm()[..., 2][m]
    assert ys.min() > -10 and ys.max() < 10 and m.sum(axis=1).max() == 20
    assert zs.min() >= -1.0 and zs.max() <= 5.0
