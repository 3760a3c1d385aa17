"""Patient coordinates (DICOM LPS) and the engines' frames.

IEC 61217: a patient point ``p`` (LPS, mm) relative to the isocentre is ``p = M_pos @ s`` with
``s`` in the patient support system (Xs, Ys, Zs) and ``M_pos`` the patient position's matrix
(HFS: x = Xs, y = -Zs, z = Ys). The gantry turns about Ys (gantry 90 puts the source at +Xs),
the couch about Zs.

**MCsquare** works in a right-handed frame attached to the patient support, measured from the
corner of its CT box: ``X_mc = -Xs``, ``Y_mc = +Zs`` (up), ``Z_mc = +Ys`` (towards the gantry).
For a head-first supine patient that is ``(-x, -y, +z)``: the CT is written flipped in x and y.
This was measured with the shipped executable (single spots in an asymmetric phantom: gantry 90
enters from the side of the first X voxels, spot X=+30 mm at gantry 0 lands at X_mc = iso - 30 mm,
spot Y=+30 mm at Z_mc = iso + 30 mm, gantry 0 enters from the top in Y_mc) and agrees with how
MCsquare's beam model turns a spot: position in the beam's-eye view, ``rotateY(gantry)``,
``rotateZ(-couch)``, then (x, y, z) -> (X, Z, Y) (src/compute_beam_model.c).

The patient positions are the eight DICOM ones; a CT grid must be axis-aligned (its index axes
along the patient axes up to sign), which every planning CT is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plannerview.model import Grid
from plannerview.model.patient_position import PATIENT_POSITIONS, POSITION_MATRIX

# support system (Xs, Ys, Zs) -> MCsquare (X, Y, Z)
SUPPORT_TO_MCSQUARE = np.array([[-1, 0, 0], [0, 0, 1], [0, 1, 0]], dtype=float)


class FrameError(ValueError):
    """The image cannot be put in the engine's frame (oblique grid, unknown patient position)."""


def position_matrix(patient_position: str) -> np.ndarray:
    key = (patient_position or "").strip().upper()
    if key not in POSITION_MATRIX:
        raise FrameError(f"patient position {patient_position!r} is not one of {', '.join(PATIENT_POSITIONS)}")
    return POSITION_MATRIX[key]


def patient_to_support(patient_position: str) -> np.ndarray:
    """3x3 rotation taking LPS vectors to patient-support (Xs, Ys, Zs) vectors."""
    return position_matrix(patient_position).T


@dataclass(frozen=True)
class BoxFrame:
    """How a CT grid sits in an engine frame whose axes are a signed permutation of the grid's.

    ``axis_of[a]`` is the grid index axis (0 = i, 1 = j, 2 = k) along engine axis ``a`` and
    ``sign[a]`` whether it runs the same way (+1) or reversed (-1). ``shape_xyz`` and
    ``spacing_xyz_mm`` are the engine box's, its corner at engine coordinate 0.
    """

    grid: Grid
    axis_of: tuple[int, int, int]
    sign: tuple[int, int, int]

    @property
    def shape_xyz(self) -> tuple[int, int, int]:
        n_ijk = self.grid.shape_zyx[::-1]
        return tuple(int(n_ijk[m]) for m in self.axis_of)  # type: ignore[return-value]

    @property
    def spacing_xyz_mm(self) -> tuple[float, float, float]:
        d_ijk = self.grid.spacing_mm[::-1]
        return tuple(float(d_ijk[m]) for m in self.axis_of)  # type: ignore[return-value]

    def to_engine(self, arr_kji: np.ndarray) -> np.ndarray:
        """A [k, j, i] array on the grid -> the engine box as [Z, Y, X] (X fastest in C order)."""
        numpy_axis = [2 - m for m in self.axis_of]  # numpy axis of i is 2, of k is 0
        out = np.transpose(arr_kji, (numpy_axis[2], numpy_axis[1], numpy_axis[0]))
        flips = tuple(2 - a for a in range(3) if self.sign[a] < 0)
        return np.ascontiguousarray(np.flip(out, flips) if flips else out)

    def from_engine(self, arr_zyx: np.ndarray) -> np.ndarray:
        """The inverse of :meth:`to_engine`: an engine-box [Z, Y, X] array back to [k, j, i]."""
        flips = tuple(2 - a for a in range(3) if self.sign[a] < 0)
        a = np.flip(arr_zyx, flips) if flips else arr_zyx
        # a's numpy axes are (Z, Y, X) = engine axes (2, 1, 0); put grid axes back in (k, j, i) order
        engine_axis_of_grid = {m: e for e, m in enumerate(self.axis_of)}
        order = [2 - engine_axis_of_grid[m] for m in (2, 1, 0)]
        return np.ascontiguousarray(np.transpose(a, order))

    def point_to_engine(self, xyz_mm: np.ndarray | tuple[float, float, float]) -> np.ndarray:
        """Patient point (mm) -> engine coordinates (mm from the box corner)."""
        ijk = self.grid.patient_to_index(np.asarray(xyz_mm, dtype=float))
        n_ijk = self.grid.shape_zyx[::-1]
        out = np.empty(3)
        for a in range(3):
            m = self.axis_of[a]
            u = ijk[m] if self.sign[a] > 0 else (n_ijk[m] - 1) - ijk[m]
            out[a] = (u + 0.5) * self.spacing_xyz_mm[a]
        return out


def box_frame(grid: Grid, lps_to_engine: np.ndarray) -> BoxFrame:
    """The grid in an engine frame given by the rotation ``lps_to_engine`` (a signed permutation)."""
    b = np.asarray(lps_to_engine, dtype=float) @ np.asarray(grid.direction, dtype=float)
    axis_of: list[int] = []
    sign: list[int] = []
    for a in range(3):
        m = int(np.argmax(np.abs(b[a])))
        if abs(abs(b[a, m]) - 1.0) > 1e-3:
            raise FrameError("the CT grid is oblique to the patient axes; resample it to an axial grid first")
        axis_of.append(m)
        sign.append(1 if b[a, m] > 0 else -1)
    if sorted(axis_of) != [0, 1, 2]:
        raise FrameError("the CT grid's axes do not map one-to-one onto the patient axes")
    return BoxFrame(grid, tuple(axis_of), tuple(sign))  # type: ignore[arg-type]


def mcsquare_frame(grid: Grid, patient_position: str) -> BoxFrame:
    """The CT grid in MCsquare's frame for a patient lying in ``patient_position``."""
    return box_frame(grid, SUPPORT_TO_MCSQUARE @ patient_to_support(patient_position))
