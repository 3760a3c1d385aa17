"""Grid geometry and contour areas against hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.compute.contours import plane_area_mm2, roi_volume_cc
from plannerview.model import ROI, Contour, Grid


def test_affine_maps_indices_to_patient_mm() -> None:
    # FFS-like grid: columns run towards patient right (-x).
    g = Grid((3, 4, 5), (2.5, 1.0, 0.5), (10.0, -20.0, 30.0), np.diag([-1.0, 1.0, 1.0]))
    p = g.index_to_patient([4, 3, 2])
    assert p == pytest.approx([10.0 - 4 * 0.5, -20.0 + 3 * 1.0, 30.0 + 2 * 2.5])
    assert g.patient_to_index(p) == pytest.approx([4, 3, 2])
    assert g.voxel_volume_cc == pytest.approx(2.5 * 1.0 * 0.5 / 1000)


def _square(cx: float, cy: float, half: float, z: float) -> np.ndarray:
    return np.array([[cx - half, cy - half, z], [cx + half, cy - half, z], [cx + half, cy + half, z], [cx - half, cy + half, z]])


def test_hole_is_subtracted_and_island_in_hole_added() -> None:
    outer, hole, island = _square(0, 0, 10, 0), _square(0, 0, 5, 0), _square(0, 0, 2, 0)
    assert plane_area_mm2([outer[:, :2], hole[:, :2]]) == pytest.approx(400 - 100)
    assert plane_area_mm2([outer[:, :2], hole[:, :2], island[:, :2]]) == pytest.approx(400 - 100 + 16)


def test_volume_uses_half_slice_end_caps() -> None:
    # 5 planes 2 mm apart of a 20 x 20 mm square: 5 slabs of 2 mm = 10 mm tall prism.
    contours = tuple(Contour("CLOSED_PLANAR", _square(0, 0, 10, z)) for z in (0, 2, 4, 6, 8))
    roi = ROI(1, "box", contours)
    assert roi_volume_cc(roi) == pytest.approx(20 * 20 * 10 / 1000)
    assert roi_volume_cc(ROI(2, "point", (Contour("POINT", [[0, 0, 0]]),))) is None
