"""Mask helpers plugins may use: ROI rasterisation, exact margins, rings and Booleans.

Thin re-exports of the core functions, so plugins depend on the public API only.
"""

from __future__ import annotations

import numpy as np

from ..compute.margins import (
    BOOLEAN_OPS,
    Margins,
    boolean,
    contract_mask,
    crop_to,
    expand_mask,
    margin_mask,
    mask_volume_cc,
    ring_mask,
)
from ..compute.masks import roi_mask_on_grid
from ..model import ROI, Grid


def roi_mask(roi: ROI, grid: Grid) -> np.ndarray:
    """Voxel-centre inclusion mask (even-odd rule, bool [k, j, i]) of an ROI on an axial grid."""
    return roi_mask_on_grid(roi, grid)


__all__ = ["BOOLEAN_OPS", "Margins", "boolean", "contract_mask", "crop_to", "expand_mask", "margin_mask",
           "mask_volume_cc", "ring_mask", "roi_mask"]
