"""Boxes and resampling on voxel grids (numpy and scipy only)."""

from __future__ import annotations

import numpy as np

from plannerview.model import Grid


def crop_box(grid: Grid, lo_xyz_mm: np.ndarray, hi_xyz_mm: np.ndarray) -> tuple[slice, slice, slice] | None:
    """Index slices (k, j, i) of the grid voxels inside the patient box ``lo..hi`` (None if all)."""
    corners = np.array([[x, y, z] for x in (lo_xyz_mm[0], hi_xyz_mm[0]) for y in (lo_xyz_mm[1], hi_xyz_mm[1])
                        for z in (lo_xyz_mm[2], hi_xyz_mm[2])])
    ijk = grid.patient_to_index(corners)
    lo = np.floor(ijk.min(axis=0)).astype(int)
    hi = np.ceil(ijk.max(axis=0)).astype(int) + 1
    n_ijk = np.array(grid.shape_zyx[::-1])
    lo = np.clip(lo, 0, n_ijk)
    hi = np.clip(hi, 0, n_ijk)
    if np.any(hi - lo < 2):
        return None
    if np.all(lo == 0) and np.all(hi == n_ijk):
        return None
    return (slice(int(lo[2]), int(hi[2])), slice(int(lo[1]), int(hi[1])), slice(int(lo[0]), int(hi[0])))


def resample_to(values: np.ndarray, src: Grid, dst: Grid, order: int = 1) -> np.ndarray:
    """``values`` ([k, j, i] on ``src``) at ``dst``'s voxel centres, trilinear; 0 outside ``src``."""
    from scipy import ndimage

    nz, ny, nx = dst.shape_zyx
    k, j, i = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing="ij")
    pts = dst.index_to_patient(np.stack([i, j, k], axis=-1).reshape(-1, 3).astype(float))
    ijk = src.patient_to_index(pts)
    coords = np.vstack([ijk[:, 2], ijk[:, 1], ijk[:, 0]])
    out = ndimage.map_coordinates(np.asarray(values, dtype=np.float32), coords, order=order, mode="constant", cval=0.0)
    return out.reshape(dst.shape_zyx).astype(np.float32)
