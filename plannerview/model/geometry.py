"""Voxel grids in patient coordinates.

Arrays in plannerview are indexed ``[k, j, i]`` = ``[slice, row, column]`` (z, y, x order), as
pydicom and SimpleITK's ``GetArrayFromImage`` give them. Geometry is always stated in DICOM
patient coordinates (LPS, mm).

The bounds rule (one for every grid, image or dose): a grid covers its voxels, and voxel
``(i, j, k)`` is the box of continuous indices ``[i - 0.5, i + 0.5] x [j - 0.5, j + 0.5] x
[k - 0.5, k + 0.5]`` around its centre. A point is *inside* the grid when its continuous index
lies in ``[-0.5, n - 0.5]`` along every axis (the outer voxel edges included); its *nearest voxel*
is the index rounded (half to even, as ``numpy.rint``) and clipped into the grid, so every inside
point has one. ``Grid.bounds_mm`` is the patient-space box of the outer voxel *edges*, the region
where sampling (``compute.dvh.sample_dose``, ``compute.resample``, ``compute.slicing``) gives a
value; ``corners_mm(edges=False)`` gives the outer voxel *centres* where that is meant (a grid's
extent for building another grid on the same centres).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.floating]


def frozen_array(values: npt.ArrayLike, dtype: npt.DTypeLike = np.float64) -> np.ndarray:
    """Return a read-only copy of ``values`` (so model objects stay immutable)."""
    arr = np.array(values, dtype=dtype, copy=True)
    arr.flags.writeable = False
    return arr


def outside_index(c: np.ndarray, n: int) -> np.ndarray:
    """Where continuous indices ``c`` along an axis of ``n`` voxels fall outside the grid (the bounds
    rule: inside is ``-0.5 <= c <= n - 0.5``)."""
    return (c < -0.5) | (c > n - 0.5)


def polygon_area_mm2(xy: np.ndarray) -> float:
    """Unsigned area of a simple polygon (N x 2 points, shoelace)."""
    x = xy[:, 0]
    y = xy[:, 1]
    if len(x) < 3:
        return 0.0
    # the shoelace sum x_i y_(i+1) - y_i x_(i+1) without rolled copies (this runs per contour, often)
    s = float(np.dot(x[:-1], y[1:]) - np.dot(y[:-1], x[1:])) + float(x[-1] * y[0] - y[-1] * x[0])
    return 0.5 * abs(s)


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

    @cached_property
    def mm_to_index(self) -> np.ndarray:
        """3x3 matrix taking a patient displacement (mm, x y z) to index units (i, j, k): the
        inverse of the affine's linear part (computed once per grid)."""
        m = np.linalg.inv(self.affine[:3, :3])
        m.flags.writeable = False
        return m

    def patient_to_index(self, xyz: npt.ArrayLike) -> np.ndarray:
        """Patient mm (..., 3) to continuous voxel index (..., 3) in (i, j, k) order."""
        p = np.asarray(xyz, dtype=np.float64)
        return (p - np.asarray(self.origin_mm)) @ self.mm_to_index.T

    def contains_index(self, ijk: npt.ArrayLike) -> np.ndarray:
        """Whether continuous indices (..., 3) in (i, j, k) order lie inside the grid (bounds rule)."""
        c = np.asarray(ijk, dtype=np.float64)
        nz, ny, nx = self.shape_zyx
        return np.asarray(~(outside_index(c[..., 0], nx) | outside_index(c[..., 1], ny) | outside_index(c[..., 2], nz)))

    def locate(self, xyz: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Patient mm (..., 3) to (continuous index (..., 3) in (i, j, k) order, inside flag (...))."""
        ijk = self.patient_to_index(xyz)
        return ijk, self.contains_index(ijk)

    def nearest_voxel(self, xyz: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Patient mm (..., 3) to (nearest voxel index (..., 3) int in (i, j, k) order, clipped into
        the grid; inside flag (...)). A point outside still gets the clipped index (the closest
        voxel of the grid); use the flag to tell."""
        ijk, inside = self.locate(xyz)
        nz, ny, nx = self.shape_zyx
        idx = np.clip(np.rint(ijk), 0, np.array([nx - 1, ny - 1, nz - 1])).astype(np.int64)
        return idx, inside

    def voxel_at(self, xyz: npt.ArrayLike) -> tuple[int, int, int] | None:
        """The (i, j, k) of the voxel containing one patient point; None outside the grid."""
        idx, inside = self.nearest_voxel(np.asarray(xyz, dtype=np.float64).reshape(3))
        if not bool(inside):
            return None
        return int(idx[0]), int(idx[1]), int(idx[2])

    def outside_kji(self, coords_kji: np.ndarray) -> np.ndarray:
        """Where continuous indices given as rows (k, j, i) of a (3, ...) array fall outside the grid
        (the layout ``scipy.ndimage.map_coordinates`` takes)."""
        nz, ny, nx = self.shape_zyx
        return np.asarray(outside_index(coords_kji[0], nz) | outside_index(coords_kji[1], ny)
                          | outside_index(coords_kji[2], nx))

    def index_map_from(self, other: Grid) -> np.ndarray:
        """4x4 matrix taking homogeneous indices (i, j, k, 1) of ``other`` to continuous indices of
        this grid (both grids in one frame of reference)."""
        return np.asarray(np.linalg.inv(self.affine) @ other.affine)

    def index_coords_from(self, other: Grid) -> np.ndarray:
        """For every voxel centre of ``other``: its continuous index in this grid, as (3, nz, ny, nx)
        rows (k, j, i) (``other``'s array shape; the layout ``map_coordinates`` takes)."""
        nz, ny, nx = other.shape_zyx
        k, j, i = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing="ij")
        m = self.index_map_from(other)
        out = np.empty((3, nz, ny, nx))
        for row, axis in ((0, 2), (1, 1), (2, 0)):
            out[row] = m[axis, 0] * i + m[axis, 1] * j + m[axis, 2] * k + m[axis, 3]
        return out

    def corner_indices(self, edges: bool = True) -> np.ndarray:
        """The 8 corners (8 x 3, (i, j, k)) of the grid's box: the outer voxel edges (``edges``, the
        bounds rule) or the outer voxel centres."""
        nz, ny, nx = self.shape_zyx
        h = 0.5 if edges else 0.0
        return np.array([[i, j, k] for i in (-h, nx - 1 + h) for j in (-h, ny - 1 + h) for k in (-h, nz - 1 + h)],
                        dtype=float)

    def corners_mm(self, edges: bool = True) -> np.ndarray:
        """The 8 corners of the grid's box in patient mm (8 x 3); see :meth:`corner_indices`."""
        return self.index_to_patient(self.corner_indices(edges))

    @property
    def center_mm(self) -> np.ndarray:
        """The patient position of the grid's centre (the middle of its voxel centres)."""
        nz, ny, nx = self.shape_zyx
        return self.index_to_patient([(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2])

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
        """Patient-space min and max (x, y, z) of the grid's outer voxel edges (the bounds rule; for
        an oblique grid, the axis-aligned box around it)."""
        pts = self.corners_mm(edges=True)
        return pts.min(axis=0), pts.max(axis=0)

    def same_geometry(self, other: Grid, tol_mm: float = 1e-3) -> bool:
        return (
            self.shape_zyx == other.shape_zyx
            and np.allclose(self.spacing_mm, other.spacing_mm, atol=tol_mm)
            and np.allclose(self.origin_mm, other.origin_mm, atol=tol_mm)
            and np.allclose(self.direction, other.direction, atol=1e-5)
        )
