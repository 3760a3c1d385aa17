"""Patient coordinates -> engine frames: round trips and the IEC 61217 axes, independent of any engine."""

from __future__ import annotations

import numpy as np
import pytest
from plannerview_dose.frames import (
    PATIENT_POSITIONS,
    SUPPORT_TO_MCSQUARE,
    FrameError,
    box_frame,
    mcsquare_frame,
    patient_to_support,
)

from plannerview.model import Grid

GRID = Grid((5, 7, 11), (2.5, 3.0, 2.0), (-10.0, 20.0, 30.0))  # nz, ny, nx all different


@pytest.mark.parametrize("position", PATIENT_POSITIONS)
def test_round_trip_and_points(position: str) -> None:
    frame = mcsquare_frame(GRID, position)
    values = np.arange(np.prod(GRID.shape_zyx), dtype=np.float32).reshape(GRID.shape_zyx)
    box = frame.to_engine(values)
    assert box.shape == frame.shape_xyz[::-1]
    assert np.array_equal(frame.from_engine(box), values)
    # every voxel centre maps to the engine coordinate of the box voxel holding its value
    rng = np.random.default_rng(1)
    for _ in range(20):
        k, j, i = (int(rng.integers(n)) for n in GRID.shape_zyx)
        p = GRID.index_to_patient(np.array([i, j, k], dtype=float))
        e = frame.point_to_engine(p)
        ix, iy, iz = (int(round(e[a] / frame.spacing_xyz_mm[a] - 0.5)) for a in range(3))
        assert box[iz, iy, ix] == values[k, j, i]


def test_hfs_is_minus_x_minus_y_plus_z() -> None:
    """Head-first supine: MCsquare's X runs to the patient's right, Y to anterior, Z to the head."""
    frame = mcsquare_frame(GRID, "HFS")
    a = frame.point_to_engine(GRID.index_to_patient(np.array([0.0, 0.0, 0.0])))
    b = frame.point_to_engine(GRID.index_to_patient(np.array([1.0, 1.0, 1.0])))
    d = b - a
    assert d[0] == pytest.approx(-2.0) and d[1] == pytest.approx(-3.0) and d[2] == pytest.approx(2.5)


def test_support_axes_per_iec() -> None:
    """IEC 61217 / DICOM patient positions: where the support axes Xs (gantry-90 side), Ys (towards the
    gantry) and Zs (up) point in the patient (LPS)."""
    expect = {  # position: (Xs, Ys, Zs) as patient directions
        "HFS": ("+x", "+z", "-y"), "FFS": ("-x", "-z", "-y"), "HFP": ("-x", "+z", "+y"), "FFP": ("+x", "-z", "+y"),
        "HFDL": ("-y", "+z", "-x"), "HFDR": ("+y", "+z", "+x"), "FFDL": ("+y", "-z", "-x"), "FFDR": ("-y", "-z", "+x"),
    }
    axis = {"x": 0, "y": 1, "z": 2}
    for position, dirs in expect.items():
        to_patient = patient_to_support(position).T
        for col, d in enumerate(dirs):
            v = np.zeros(3)
            v[axis[d[1]]] = 1.0 if d[0] == "+" else -1.0
            assert np.allclose(to_patient[:, col], v), (position, col)
    assert np.linalg.det(SUPPORT_TO_MCSQUARE) == pytest.approx(1.0)  # a right-handed frame


def test_oblique_grid_refused() -> None:
    c, s = np.cos(0.3), np.sin(0.3)
    oblique = Grid((4, 4, 4), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0), direction=np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]]))
    with pytest.raises(FrameError, match="oblique"):
        box_frame(oblique, np.eye(3))
