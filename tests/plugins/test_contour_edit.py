"""The Qt-free editing model: brush, eraser, polygon, delete, interpolation, undo/redo on a copy."""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.model import Grid
from plannerview.review.contour_edit import MaskEditor


def _grid(direction=None) -> tuple[Grid, np.ndarray, np.ndarray]:
    d = np.eye(3) if direction is None else direction
    g = Grid((9, 80, 80), (3.0, 1.0, 1.0), tuple(-(d @ np.array([39.5, 39.5, 12.0]))), d)
    _, yc, xc = g.axis_coords_mm()
    x, y = np.meshgrid(xc, yc)
    return g, x, y


@pytest.mark.parametrize("direction", [None, np.diag([-1.0, -1.0, 1.0])], ids=["HFS", "HFP"])
def test_brush_and_eraser_mark_voxel_centres_within_the_radius(direction) -> None:
    g, x, y = _grid(direction)
    src = np.zeros(g.shape_zyx, bool)
    ed = MaskEditor(src, g)
    ed.brush(4, (5.0, -3.0), 10.0)
    expected = (x - 5.0) ** 2 + (y + 3.0) ** 2 <= 100.0
    assert np.array_equal(ed.mask[4], expected)
    ed.brush(4, (5.0, -3.0), 4.0, erase=True)
    assert np.array_equal(ed.mask[4], expected & ~((x - 5.0) ** 2 + (y + 3.0) ** 2 <= 16.0))
    assert not src.any()  # the source is never edited
    with pytest.raises(ValueError):
        ed.mask[0, 0, 0] = True


@pytest.mark.parametrize("direction", [None, np.diag([-1.0, -1.0, 1.0])], ids=["HFS", "HFP"])
def test_polygon_fill_and_delete(direction) -> None:
    g, x, y = _grid(direction)
    ed = MaskEditor(np.zeros(g.shape_zyx, bool), g)
    square = np.array([[-10.2, -10.2], [10.2, -10.2], [10.2, 5.3], [-10.2, 5.3]])
    ed.polygon(2, square)
    assert np.array_equal(ed.mask[2], (np.abs(x) < 10.2) & (y > -10.2) & (y < 5.3))
    ed.delete_slice(2)
    assert not ed.mask.any()


def test_stroke_covers_a_capsule() -> None:
    g, x, y = _grid()
    ed = MaskEditor(np.zeros(g.shape_zyx, bool), g)
    ed.stroke(1, [(-20.0, 0.0), (20.0, 0.0)], 3.0)
    capsule = ((np.abs(x) <= 20) & (np.abs(y) <= 3)) | ((np.abs(x) - 20) ** 2 + y**2 <= 9)
    assert np.array_equal(ed.mask[1], capsule)


def test_signed_distance_interpolation_morphs_between_disks() -> None:
    g, x, y = _grid()
    ed = MaskEditor(np.zeros(g.shape_zyx, bool), g)
    ed.brush(0, (0.0, 0.0), 10.0)
    ed.brush(8, (0.0, 0.0), 30.0)
    ed.interpolate(0, 8)
    for k in range(1, 8):
        r = 10.0 + 20.0 * k / 8
        # a disk whose radius grows linearly: area within 5 % of pi r^2 (1 mm pixels)
        assert ed.mask[k].sum() == pytest.approx(np.pi * r * r, rel=0.05)
    with pytest.raises(ValueError, match="both slices"):
        ed2 = MaskEditor(np.zeros(g.shape_zyx, bool), g)
        ed2.brush(0, (0.0, 0.0), 5.0)
        ed2.interpolate(0, 5)


def test_undo_and_redo_restore_exact_states() -> None:
    g, _, _ = _grid()
    ed = MaskEditor(np.zeros(g.shape_zyx, bool), g)
    states = [ed.mask.copy()]
    ed.brush(3, (0.0, 0.0), 8.0)
    states.append(ed.mask.copy())
    ed.brush(3, (5.0, 0.0), 8.0, erase=True)
    states.append(ed.mask.copy())
    ed.undo()
    assert np.array_equal(ed.mask, states[1])
    ed.undo()
    assert np.array_equal(ed.mask, states[0]) and not ed.can_undo
    ed.redo()
    ed.redo()
    assert np.array_equal(ed.mask, states[2]) and not ed.can_redo
    ed.undo()
    ed.brush(0, (0.0, 0.0), 2.0)  # a new edit clears the redo history
    assert not ed.can_redo
