"""Voxel grids in patient coordinates.

Arrays in plannerview are indexed ``[k, j, i]`` = ``[slice, row, column]`` (z, y, x order), as
pydicom and SimpleITK's ``GetArrayFromImage`` give them. Geometry is always stated in DICOM
patient coordinates (LPS, mm).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.floating]


def frozen_array(values: npt.ArrayLike, dtype: npt.DTypeLike = np.float64) -> np.ndarray:
    """Return a read-only copy of ``values`` (so model objects stay immutable)."""
    arr = np.array(values, dtype=dtype, copy=True)
    arr.flags.writeable = False
    return arr


def polygon_area_mm2(xy: np.ndarray) -> float:
    """Unsigned area of a simple polygon (N x 2 points, shoelace)."""
    x = xy[:, 0]
    y = xy[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


@dataclass(frozen=True, eq=False)
class Grid:
    """A regular voxel grid: shape, spacing, origin and direction, in one frame of reference.

    ``direction`` is a 3x3 matrix whose columns are the patient-space unit vectors of the
    column (i), row (j) and slice (k) index axes. ``origin_mm`` is the centre of voxel (0,0,0).
    """

    shape_zyx: tuple[int, int, int]
    spacing_mm: tuple[float, float, float]  # (dz, dy, dx), ordered like shape_zyx
    origin_mm: tuple[float, float, float]  # patient (x, y, z) of voxel [0, 0, 0]
    direction: np.ndarray = field(default_factory=lambda: frozen_array(np.eye(3)))
    frame_of_reference_uid: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "direction", frozen_array(self.direction))
        object.__setattr__(self, "shape_zyx", tuple(int(s) for s in self.shape_zyx))
        object.__setattr__(self, "spacing_mm", tuple(float(s) for s in self.spacing_mm))
        object.__setattr__(self, "origin_mm", tuple(float(s) for s in self.origin_mm))

    @property
    def affine(self) -> np.ndarray:
        """4x4 matrix mapping homogeneous index (i, j, k, 1) to patient (x, y, z, 1) in mm."""
        dz, dy, dx = self.spacing_mm
        a = np.eye(4)
        a[:3, :3] = self.direction @ np.diag([dx, dy, dz])
        a[:3, 3] = self.origin_mm
        return a

    @property
    def voxel_volume_cc(self) -> float:
        dz, dy, dx = self.spacing_mm
        return dz * dy * dx / 1000.0

    @property
    def slice_normal(self) -> np.ndarray:
        return np.asarray(self.direction[:, 2])

    def index_to_patient(self, ijk: npt.ArrayLike) -> np.ndarray:
        """Continuous voxel index (..., 3) in (i, j, k) order to patient mm (..., 3)."""
        p = np.asarray(ijk, dtype=np.float64)
        a = self.affine
        return p @ a[:3, :3].T + a[:3, 3]

    def patient_to_index(self, xyz: npt.ArrayLike) -> np.ndarray:
        """Patient mm (..., 3) to continuous voxel index (..., 3) in (i, j, k) order."""
        p = np.asarray(xyz, dtype=np.float64)
        a = self.affine
        return (p - a[:3, 3]) @ np.linalg.inv(a[:3, :3]).T

    def axis_coords_mm(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Voxel-centre coordinates along each index axis (z, y, x) for axis-aligned grids."""
        nz, ny, nx = self.shape_zyx
        dz, dy, dx = self.spacing_mm
        ox, oy, oz = self.origin_mm
        d = self.direction
        return (
            oz + d[2, 2] * dz * np.arange(nz),
            oy + d[1, 1] * dy * np.arange(ny),
            ox + d[0, 0] * dx * np.arange(nx),
        )

    @property
    def is_axis_aligned(self) -> bool:
        """True when the index axes are the patient axes (up to sign): a plain axial grid."""
        return bool(np.allclose(np.abs(self.direction), np.eye(3), atol=1e-4))

    def bounds_mm(self) -> tuple[np.ndarray, np.ndarray]:
        """Patient-space min and max of the voxel centres."""
        nz, ny, nx = self.shape_zyx
        corners = np.array(
            [[i, j, k] for i in (0, nx - 1) for j in (0, ny - 1) for k in (0, nz - 1)], dtype=float
        )
        pts = self.index_to_patient(corners)
        return pts.min(axis=0), pts.max(axis=0)

    def same_geometry(self, other: Grid, tol_mm: float = 1e-3) -> bool:
        return (
            self.shape_zyx == other.shape_zyx
            and np.allclose(self.spacing_mm, other.spacing_mm, atol=tol_mm)
            and np.allclose(self.origin_mm, other.origin_mm, atol=tol_mm)
            and np.allclose(self.direction, other.direction, atol=1e-5)
        )
