"""Resampling: trilinear interpolation reproduces linear fields exactly, on any orientation."""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.compute.resample import FrameMismatch, resample, resample_values, union_grid
from plannerview.model import Grid

from .dose_factory import index_grid_points, make_dose

COEF = np.array([0.1, -0.05, 0.2])


def linear(points: np.ndarray) -> np.ndarray:
    return 1.0 + points @ COEF


def linear_source(direction: np.ndarray | None = None, origin: tuple[float, float, float] = (0.0, 0.0, 0.0)):
    grid = Grid((20, 20, 20), (2.0, 2.0, 2.0), origin, np.eye(3) if direction is None else direction, "F")
    return make_dose(linear(index_grid_points(grid)), 2.0, origin, direction)


FLIPS = {
    "HFS": np.eye(3),
    "FFS (x and z flipped)": np.diag([-1.0, 1.0, -1.0]),
    "prone (x and y flipped)": np.diag([-1.0, -1.0, 1.0]),
}


@pytest.mark.parametrize("src_name", list(FLIPS))
@pytest.mark.parametrize("dst_name", list(FLIPS))
def test_linear_field_is_reproduced_across_orientations(src_name: str, dst_name: str) -> None:
    """Source and target in any of HFS / FFS / prone index orientations: values equal the field."""
    src_dir = FLIPS[src_name]
    # place the source so that it covers the patient box [0, 38]^3 whatever its orientation
    src_origin = tuple(float(v) for v in np.where(np.diag(src_dir) < 0, 38.0, 0.0))
    src = linear_source(src_dir, src_origin)
    dst_dir = FLIPS[dst_name]
    dst_origin = tuple(float(v) for v in np.where(np.diag(dst_dir) < 0, 33.0, 3.0) + np.array([0.3, 0.7, 0.1]))
    dst = Grid((12, 11, 10), (2.5, 1.5, 2.7), dst_origin, dst_dir, "F")
    vals, outside = resample_values(src, dst)
    assert not outside.any()
    np.testing.assert_allclose(vals, linear(index_grid_points(dst)), atol=2e-4)


def test_oblique_target_grid() -> None:
    """A target rotated 30 degrees about z (non axis-aligned) still reproduces the linear field."""
    c, s = np.cos(np.pi / 6), np.sin(np.pi / 6)
    rot = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1.0]])
    dst = Grid((6, 8, 8), (2.0, 2.0, 2.0), (19.0, 10.0, 8.0), rot, "F")
    vals, outside = resample_values(linear_source(), dst)
    assert not outside.any()
    np.testing.assert_allclose(vals, linear(index_grid_points(dst)), atol=2e-4)


def test_points_outside_are_marked_not_zero() -> None:
    src = linear_source()  # voxel centres 0..38 mm, voxels reach -1..39 mm
    beyond = Grid((3, 3, 3), (2.0, 2.0, 2.0), (37.5, 0.0, 0.0), np.eye(3), "F")  # x = 37.5, 39.5, 41.5
    vals, outside = resample_values(src, beyond)
    assert outside[:, :, 1:].all() and not outside[:, :, 0].any()
    assert np.isnan(vals[outside]).all()
    r = resample(src, beyond)
    assert r.grid is beyond and np.isnan(r.dose[:, :, 1:]).all()
    assert r.provenance is not None and r.provenance["parameters"]["outside_voxels"] == 18


def test_identical_grid_returns_values_unchanged() -> None:
    a = np.random.default_rng(0).uniform(0, 5, (5, 6, 7))
    d = make_dose(a)
    vals, outside = resample_values(d, d.grid)
    np.testing.assert_array_equal(vals, a.astype(np.float32))
    assert not outside.any()


def test_different_frames_are_refused() -> None:
    with pytest.raises(FrameMismatch):
        resample_values(linear_source(), Grid((2, 2, 2), (1.0, 1.0, 1.0), (0, 0, 0), np.eye(3), "OTHER"))


def test_union_grid_covers_both_at_the_finest_spacing() -> None:
    a = Grid((10, 10, 10), (3.0, 3.0, 3.0), (0.0, 0.0, 0.0), np.eye(3), "F")  # centres 0..27
    b = Grid((5, 20, 5), (2.0, 1.0, 2.0), (20.0, -5.0, 10.0), np.eye(3), "F")  # x 20..28, y -5..14, z 10..18
    u = union_grid([a, b])
    assert u.spacing_mm == (2.0, 1.0, 2.0)
    assert u.origin_mm == (0.0, -5.0, 0.0)
    # x: 0..28 step 2 -> 15; y: -5..27 step 1 -> 33; z: 0..27 needs 0..28 step 2 -> 15
    assert u.shape_zyx == (15, 33, 15)
