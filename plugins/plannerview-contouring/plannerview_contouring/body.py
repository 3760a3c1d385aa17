"""External (body) contour from CT: threshold, couch cut, largest component, holes filled per slice."""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from .masks import bbox, disk, fill_holes_2d, largest_component


def body_mask(hu: np.ndarray, spacing_mm: tuple[float, float, float], threshold_hu: float = -350.0,
              couch_cut_mm: float = 5.0) -> np.ndarray:
    """The patient's outline (bool [k, j, i]): tissue above ``threshold_hu`` connected to the largest
    component once structures thinner than ``2 * couch_cut_mm`` (couch, mattress edges, cables)
    are opened away; lungs and other internal air are inside (holes filled per slice), outside
    air is not.

    The opening runs on a 2x downsampled slice grid to be fast; the outline itself keeps the full
    resolution of the threshold.
    """
    tissue = hu > threshold_hu
    if not tissue.any():
        return tissue
    step = 2 if min(hu.shape[1:]) >= 64 else 1
    small = tissue[:, ::step, ::step]
    r_px = max(1, int(math.ceil(couch_cut_mm / (spacing_mm[1] * step))))
    core = largest_component(ndimage.binary_opening(small, structure=disk(r_px)))
    core = ndimage.binary_dilation(core, structure=disk(r_px + 1))
    if step > 1:
        core = np.repeat(np.repeat(core, step, axis=1), step, axis=2)[:, :hu.shape[1], :hu.shape[2]]
    box = bbox(core, pad=(0, 1, 1))  # work on the patient's bounding box only: 5x fewer voxels
    out = np.zeros_like(tissue)
    out[box] = fill_holes_2d(largest_component(tissue[box] & core[box]))
    return out
