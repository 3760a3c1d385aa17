"""Grey levels of an image slice (window/level) and the registered-overlay layer."""

from __future__ import annotations

import numpy as np


def window_level_to_uint8(values: np.ndarray, window: float, level: float) -> np.ndarray:
    """Grey levels 0..255 of ``values`` under a window (width) and level (centre).

    ``level - window/2`` maps to 0 and ``level + window/2`` to 255, linearly, clipped outside and
    truncated to integers (computed in float32: a 512 x 512 slice takes well under a millisecond).
    """
    w, lv = float(window), float(level)  # Python floats keep the arithmetic in float32
    lo = lv - w / 2.0
    return np.clip((values.astype(np.float32) - lo) * (255.0 / w), 0, 255).astype(np.uint8)


def overlay_display_range(voxels: np.ndarray) -> tuple[float, float]:
    """The overlay's display range: the 1st and 99.5th percentiles of every 4th voxel along each axis."""
    lo, hi = np.percentile(voxels[::4, ::4, ::4], [1, 99.5])
    return lo, hi  # np.float64: kept (a Python float would make the float32 slice arithmetic float32)


def overlay_rgba(values: np.ndarray, lo: float, hi: float, modality: str, blend: float) -> np.ndarray:
    """(rows, cols, 4) uint8 of a registered secondary image on the slice.

    Values between ``lo`` and ``hi`` span the map: PET ('PT') in a hot scale (black -> red ->
    yellow -> white, each channel rising over a third of the range), any other modality in grey;
    alpha is ``blend`` (0..1) where the value is finite, 0 (transparent) where it is NaN.
    """
    t = np.nan_to_num(np.clip((values - lo) / max(hi - lo, 1e-6), 0, 1))
    rgba = np.zeros(values.shape + (4,), dtype=np.uint8)
    g = (t * 255).astype(np.uint8)
    if modality == "PT":  # hot
        gi = g.astype(int)
        rgba[..., 0] = np.clip(gi * 3, 0, 255)
        rgba[..., 1] = np.clip(gi * 3 - 255, 0, 255)
        rgba[..., 2] = np.clip(gi * 3 - 510, 0, 255)
    else:
        rgba[..., 0] = rgba[..., 1] = rgba[..., 2] = g
    rgba[..., 3] = np.where(np.isfinite(values), int(255 * blend), 0)
    return rgba
