"""Small mask operations the engines share (numpy, scipy and SimpleITK; no plannerview internals)."""

from __future__ import annotations

import numpy as np
import SimpleITK as sitk
from scipy import ndimage

PLANE = np.zeros((3, 3, 3), dtype=bool)
PLANE[1] = ndimage.generate_binary_structure(2, 1)


def disk(radius_px: int) -> np.ndarray:
    """A (1, n, n) in-plane disk structuring element."""
    r = int(radius_px)
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    return ((yy ** 2 + xx ** 2) <= r * r)[None]


def components(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Face-connected 3-D components (SimpleITK, multithreaded), relabelled by size: labels, sizes."""
    img = sitk.GetImageFromArray(mask.astype(np.uint8))
    rel = sitk.RelabelComponent(sitk.ConnectedComponent(img, False), sortByObjectSize=True)
    labels = sitk.GetArrayFromImage(rel)
    stats = sitk.LabelShapeStatisticsImageFilter()
    stats.Execute(rel)
    sizes = np.array([0] + [stats.GetNumberOfPixels(i) for i in range(1, stats.GetNumberOfLabels() + 1)])
    return labels, sizes


def largest_component(mask: np.ndarray) -> np.ndarray:
    if not mask.any():
        return mask.copy()
    labels, _ = components(mask)
    return labels == 1


def fill_holes_2d(mask: np.ndarray) -> np.ndarray:
    """Fill, slice by slice, every background region that does not reach the slice border."""
    lab, _ = ndimage.label(~mask, structure=PLANE)
    border = np.unique(np.concatenate([lab[:, 0, :].ravel(), lab[:, -1, :].ravel(),
                                       lab[:, :, 0].ravel(), lab[:, :, -1].ravel()]))
    border = border[border > 0]
    return ~np.isin(lab, border)


def bbox(mask: np.ndarray, pad: tuple[int, int, int] = (0, 0, 0)) -> tuple[slice, slice, slice]:
    """Bounding box of a mask (padded, clipped to the array) as slices."""
    out = []
    for ax in range(3):
        other = tuple(a for a in range(3) if a != ax)
        idx = np.nonzero(mask.any(axis=other))[0]
        if not len(idx):
            return (slice(0, 0),) * 3
        out.append(slice(max(0, int(idx[0]) - pad[ax]), min(mask.shape[ax], int(idx[-1]) + 1 + pad[ax])))
    return out[0], out[1], out[2]


def remove_small(mask: np.ndarray, min_voxels: int) -> np.ndarray:
    if not mask.any():
        return mask.copy()
    labels, sizes = components(mask)
    keep = np.nonzero(sizes >= min_voxels)[0]
    keep = keep[keep > 0]
    return np.isin(labels, keep) if len(keep) else np.zeros_like(mask)
