"""Grid helpers (model.geometry): point -> index with the inside flag, nearest voxel, corners,
bounds, index maps between grids, on analytic grids (HFS, FFS, prone, reversed slices, oblique).

Truths are written out by hand from the DICOM geometry: voxel (i, j, k) sits at
origin + i*dx*col + j*dy*row + k*dz*slice, and a grid covers its voxels out to half a voxel
beyond the outer centres (the bounds rule)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from plannerview.model import Grid

SHAPE = (4, 3, 5)  # nz, ny, nx
SPACING = (3.0, 2.0, 1.0)  # dz, dy, dx
ORIGIN = (10.0, 20.0, 30.0)


def _rot_z(deg: float) -> np.ndarray:
    t = math.radians(deg)
    return np.array([[math.cos(t), -math.sin(t), 0.0], [math.sin(t), math.cos(t), 0.0], [0.0, 0.0, 1.0]])


def _rot_x(deg: float) -> np.ndarray:
    t = math.radians(deg)
    return np.array([[1.0, 0.0, 0.0], [0.0, math.cos(t), -math.sin(t)], [0.0, math.sin(t), math.cos(t)]])


DIRECTIONS = {
    "HFS": np.eye(3),
    "FFS": np.diag([-1.0, 1.0, -1.0]),  # columns towards the patient's right, slices towards the feet
    "HFP": np.diag([-1.0, -1.0, 1.0]),  # prone: columns to the right, rows anterior
    "reversed slices": np.diag([1.0, 1.0, -1.0]),
    "oblique": _rot_z(30.0) @ _rot_x(10.0),
}


def _grid(name: str) -> Grid:
    return Grid(SHAPE, SPACING, ORIGIN, DIRECTIONS[name])


def _position(name: str, i: float, j: float, k: float) -> np.ndarray:
    """By hand: origin + i dx col + j dy row + k dz slice."""
    d = DIRECTIONS[name]
    return np.array(ORIGIN) + i * 1.0 * d[:, 0] + j * 2.0 * d[:, 1] + k * 3.0 * d[:, 2]


@pytest.mark.parametrize("name", list(DIRECTIONS))
def test_locate_gives_the_index_and_the_inside_flag(name: str) -> None:
    g = _grid(name)
    for ijk in [(0, 0, 0), (4, 2, 3), (1.25, 0.5, 2.75), (-0.5, 0, 0), (4.5, 2.5, 3.5)]:
        idx, inside = g.locate(_position(name, *ijk))
        assert idx == pytest.approx(ijk, abs=1e-9)
        assert bool(inside)  # centres, in between, and the outer edges themselves are inside
    for ijk in [(-0.51, 0, 0), (4.51, 1, 1), (2, -0.6, 1), (2, 1, 3.6)]:
        _idx, inside = g.locate(_position(name, *ijk))
        assert not bool(inside)
    # vectorised: one flag per point
    pts = np.array([_position(name, 0, 0, 0), _position(name, 9, 0, 0)])
    assert g.locate(pts)[1].tolist() == [True, False]


@pytest.mark.parametrize("name", list(DIRECTIONS))
def test_nearest_voxel_and_voxel_at(name: str) -> None:
    g = _grid(name)
    p = _position(name, 2.3, 0.8, 2.6)  # within half a voxel of (2, 1, 3)
    idx, inside = g.nearest_voxel(p)
    assert idx.tolist() == [2, 1, 3] and bool(inside)
    assert g.voxel_at(p) == (2, 1, 3)
    assert g.voxel_at(_position(name, 4.5, 2.5, 3.5)) == (4, 2, 3)  # the outer edge belongs to the last voxel
    assert g.voxel_at(_position(name, 6.0, 1.0, 1.0)) is None
    idx, inside = g.nearest_voxel(_position(name, 6.0, -3.0, 1.0))
    assert idx.tolist() == [4, 0, 1] and not bool(inside)  # clipped to the closest voxel, flagged outside


@pytest.mark.parametrize("name", list(DIRECTIONS))
def test_index_outside_rules_agree(name: str) -> None:
    g = _grid(name)
    ijk = np.array([[-0.5, 0.0, 0.0], [-0.5001, 0.0, 0.0], [4.5, 2.5, 3.5], [0.0, 2.5001, 0.0]])
    assert g.contains_index(ijk).tolist() == [True, False, True, False]
    kji = ijk[:, ::-1].T  # rows (k, j, i)
    assert g.outside_kji(kji).tolist() == [False, True, False, True]


def test_ffs_corners_and_bounds_by_hand() -> None:
    g = _grid("FFS")
    # origin (10, 20, 30), i = 0..4, j = 0..2, k = 0..3: centres x = 10 - i in [6, 10],
    # y = 20 + 2j in [20, 24], z = 30 - 3k in [21, 30];
    # edges half a voxel further: x [5.5, 10.5], y [19, 25], z [19.5, 31.5]
    lo, hi = g.bounds_mm()
    assert lo.tolist() == pytest.approx([5.5, 19.0, 19.5]) and hi.tolist() == pytest.approx([10.5, 25.0, 31.5])
    c = g.corners_mm(edges=False)
    assert c.min(axis=0).tolist() == pytest.approx([6.0, 20.0, 21.0])
    assert c.max(axis=0).tolist() == pytest.approx([10.0, 24.0, 30.0])
    assert g.corners_mm().shape == (8, 3)
    assert g.center_mm.tolist() == pytest.approx([8.0, 22.0, 25.5])


def test_prone_centre_and_bounds() -> None:
    g = _grid("HFP")
    # x = 10 - i, y = 20 - 2j, z = 30 + 3k
    assert g.center_mm.tolist() == pytest.approx([8.0, 18.0, 34.5])
    lo, hi = g.bounds_mm()
    assert lo.tolist() == pytest.approx([5.5, 15.0, 28.5]) and hi.tolist() == pytest.approx([10.5, 21.0, 40.5])


def test_oblique_bounds_are_the_box_around_the_rotated_grid() -> None:
    # a 2 x 2 x 2 grid of 1 mm voxels, rotated 30 degrees about z: a 2 mm cube centred on
    # origin + R (0.5, 0.5, 0.5); its x and y half-extents are cos 30 + sin 30, z stays 1
    rot = _rot_z(30.0)
    g = Grid((2, 2, 2), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0), rot)
    centre = rot @ np.array([0.5, 0.5, 0.5])
    half = np.array([math.cos(math.radians(30)) + math.sin(math.radians(30))] * 2 + [1.0])
    lo, hi = g.bounds_mm()
    assert lo == pytest.approx(centre - half) and hi == pytest.approx(centre + half)
    assert g.center_mm == pytest.approx(centre)


def test_index_map_between_an_hfs_and_an_ffs_grid() -> None:
    a = Grid((20, 20, 20), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0))  # index = patient mm
    b = Grid((3, 4, 5), (2.0, 2.0, 2.0), (10.0, 0.0, 6.0), np.diag([-1.0, 1.0, -1.0]))
    m = a.index_map_from(b)
    # b's voxel (i, j, k) is at x = 10 - 2i, y = 2j, z = 6 - 2k: a's index is the same numbers
    for i, j, k in [(0, 0, 0), (4, 3, 2), (1, 2, 1)]:
        assert (m @ [i, j, k, 1.0])[:3] == pytest.approx([10 - 2 * i, 2 * j, 6 - 2 * k])
    coords = a.index_coords_from(b)  # (3, nz, ny, nx) rows (k, j, i) of a, over b's voxels
    assert coords.shape == (3, 3, 4, 5)
    assert coords[:, 2, 3, 4].tolist() == pytest.approx([6 - 4, 6, 10 - 8])
    assert b.index_map_from(b) == pytest.approx(np.eye(4))


def test_mm_to_index_inverts_the_affine_and_is_read_only() -> None:
    g = _grid("oblique")
    assert g.mm_to_index @ g.affine[:3, :3] == pytest.approx(np.eye(3))
    with pytest.raises(ValueError):
        g.mm_to_index[0, 0] = 1.0
