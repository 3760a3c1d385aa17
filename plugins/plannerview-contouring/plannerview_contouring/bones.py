"""Bones and air cavities from CT by thresholds, small-component removal and hole filling."""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from .masks import PLANE, bbox, disk, fill_holes_2d, remove_small


def bone_mask(hu: np.ndarray, body: np.ndarray, spacing_mm: tuple[float, float, float],
              threshold_hu: float = 200.0, min_cc: float = 0.5, closing_mm: float = 2.0,
              max_hole_mm2: float = 100.0, marrow_hu: float = 100.0) -> np.ndarray:
    """Bone: voxels above ``threshold_hu`` in the body, closed in-plane, marrow filled per slice,
    pieces under ``min_cc`` (calcifications, contrast specks) dropped.

    A hole inside bone on a slice is marrow (filled) when it is small (under ``max_hole_mm2``) or
    dense (mean above ``marrow_hu``); the spinal canal (cord and CSF, about 30 HU, 1.5-3 cm^2) is
    neither and stays out."""
    out = np.zeros_like(body)
    if not body.any():
        return out
    box = bbox(body)
    dense = (hu[box] > threshold_hu) & body[box]
    r_px = max(1, int(round(closing_mm / spacing_mm[1])))
    dense |= ndimage.binary_closing(dense, structure=disk(r_px))
    dense |= _marrow(dense, hu[box], spacing_mm, max_hole_mm2, marrow_hu)
    dense &= body[box]
    voxel_cc = float(np.prod(spacing_mm)) / 1000.0
    out[box] = remove_small(dense, max(1, int(round(min_cc / voxel_cc))))
    return out


def air_cavity_mask(hu: np.ndarray, body: np.ndarray, lungs: np.ndarray, spacing_mm: tuple[float, float, float],
                    threshold_hu: float = -400.0, min_cc: float = 0.2) -> np.ndarray:
    """Air inside the body but outside the lungs (airways, bowel and stomach gas, sinuses)."""
    out = np.zeros_like(body)
    if not body.any():
        return out
    box = bbox(body)
    air = (hu[box] < threshold_hu) & body[box] & ~lungs[box]
    # the body's skin line is partial-volume air: keep away from the outside by one voxel
    air &= ndimage.binary_erosion(body[box], structure=disk(1))
    voxel_cc = float(np.prod(spacing_mm)) / 1000.0
    out[box] = remove_small(air, max(1, int(round(min_cc / voxel_cc))))
    return out


def _marrow(dense: np.ndarray, hu: np.ndarray, spacing_mm: tuple[float, float, float], max_hole_mm2: float,
            marrow_hu: float) -> np.ndarray:
    holes = fill_holes_2d(dense) & ~dense
    lab, n = ndimage.label(holes, structure=PLANE)
    if n == 0:
        return holes
    idx = np.arange(1, n + 1)
    area_mm2 = ndimage.sum(holes, lab, idx) * spacing_mm[1] * spacing_mm[2]
    mean_hu = ndimage.mean(hu, lab, idx)
    keep = idx[(np.asarray(area_mm2) < max_hole_mm2) | (np.asarray(mean_hu) > marrow_hu)]
    return np.isin(lab, keep)
