"""Colour maps for the comparison views: a diverging blue-white-red map for dose differences
(symmetric around 0 Gy) and a pass/fail map for gamma. Plain numpy (256 x 3 uint8 tables)."""

from __future__ import annotations

import numpy as np

COLORMAPS = ("dose", "diverging", "gamma")


def _ramp(stops: list[float], colours: list[tuple[int, int, int]], n: int = 256) -> np.ndarray:
    t = np.linspace(0.0, 1.0, n)
    cols = np.asarray(colours, dtype=float)
    return np.stack([np.interp(t, stops, cols[:, c]) for c in range(3)], axis=1).round().astype(np.uint8)


def diverging_lut() -> np.ndarray:
    """Blue (most negative) -> white (0) -> red (most positive), 256 x 3 uint8; entry 127.5 is 0."""
    return _ramp([0.0, 0.25, 0.5, 0.75, 1.0],
                 [(33, 70, 190), (120, 160, 235), (255, 255, 255), (240, 130, 110), (200, 20, 30)])


def gamma_lut() -> np.ndarray:
    """Gamma 0..max over 256 entries with the pass/fail edge (gamma 1) in the middle: dark to light
    green below 1 (pass), orange to red above (fail)."""
    n = 256
    half = n // 2
    passing = _ramp([0.0, 1.0], [(0, 90, 40), (150, 230, 150)], half)
    failing = _ramp([0.0, 1.0], [(255, 170, 0), (220, 0, 0)], n - half)
    return np.concatenate([passing, failing])


def map_to_rgba(values: np.ndarray, kind: str, lo: float, hi: float, opacity: float = 1.0) -> np.ndarray:
    """(rows, cols, 4) uint8 colours of ``values`` between ``lo`` and ``hi`` (clipped); NaN is transparent.

    ``kind`` 'diverging' (``lo = -hi`` for a map centred on 0) or 'gamma' (0..1 pass in greens,
    1..``hi`` fail in orange to red; ``lo`` is not used).
    """
    with np.errstate(invalid="ignore"):
        if kind == "diverging":
            lut = diverging_lut()
            t = np.clip((values - lo) / max(hi - lo, 1e-9), 0.0, 1.0)
            idx = np.nan_to_num(t * 255.0).round().astype(np.uint8)
        else:  # gamma <= 1 passes: the lower half of the table; above 1 the upper half up to ``hi``
            lut = gamma_lut()
            v = np.nan_to_num(values, nan=0.0)
            low = np.clip(v, 0.0, 1.0) * 127.0
            high = 128.0 + np.clip((v - 1.0) / max(hi - 1.0, 1e-9), 0.0, 1.0) * 127.0
            idx = np.where(v <= 1.0, low, high).round().astype(np.uint8)
    rgba = np.zeros(values.shape + (4,), dtype=np.uint8)
    rgba[..., :3] = lut[idx]
    rgba[..., 3] = np.where(np.isfinite(values), int(round(255 * opacity)), 0).astype(np.uint8)
    return rgba
