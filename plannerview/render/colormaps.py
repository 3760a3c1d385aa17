"""Colour tables of the slice views (256 x 3 uint8) and the isodose colours.

- ``dose``: the dose wash, blue -> cyan -> green -> yellow -> red.
- ``diverging``: dose differences, blue (most negative) -> white (0) -> red (most positive).
- ``gamma``: gamma 0..max with the pass/fail edge (gamma 1) in the middle of the table.
"""

from __future__ import annotations

import numpy as np

COLORMAPS = ("dose", "diverging", "gamma")

# isodose colour (RGB) from the lowest level (% of prescription) it applies to, highest first
ISODOSE_COLORS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (110.0, (255, 0, 255)), (105.0, (255, 0, 0)), (100.0, (255, 128, 0)), (95.0, (255, 255, 0)),
    (90.0, (128, 255, 0)), (80.0, (0, 255, 0)), (70.0, (0, 255, 160)), (50.0, (0, 255, 255)),
    (30.0, (0, 128, 255)), (0.0, (64, 64, 255)),
)


def _ramp(stops: list[float], colours: list[tuple[int, int, int]], n: int = 256) -> np.ndarray:
    t = np.linspace(0.0, 1.0, n)
    cols = np.asarray(colours, dtype=float)
    return np.stack([np.interp(t, stops, cols[:, c]) for c in range(3)], axis=1).round().astype(np.uint8)


def dose_lut() -> np.ndarray:
    """256 x 3 uint8 'rainbow' colours for the dose wash (blue -> cyan -> green -> yellow -> red).

    Entries are truncated (not rounded) to integers, as the wash has always shown them."""
    t = np.linspace(0.0, 1.0, 256)
    stops = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
    cols = np.array([[0, 0, 255], [0, 255, 255], [0, 255, 0], [255, 255, 0], [255, 0, 0]], dtype=float)
    return np.stack([np.interp(t, stops, cols[:, c]) for c in range(3)], axis=1).astype(np.uint8)


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


_DOSE_LUT = dose_lut()
_DIVERGING_LUT = diverging_lut()
_GAMMA_LUT = gamma_lut()


def lut(kind: str) -> np.ndarray:
    """The (shared, read-only) 256 x 3 table of a colour map: 'dose', 'diverging' or 'gamma'."""
    tables = {"dose": _DOSE_LUT, "diverging": _DIVERGING_LUT, "gamma": _GAMMA_LUT}
    if kind not in tables:
        raise ValueError(f"unknown colour map {kind!r}; one of {', '.join(COLORMAPS)}")
    t = tables[kind]
    t.flags.writeable = False
    return t


def isodose_rgb(percent: float) -> tuple[int, int, int]:
    """The fixed colour of an isodose level (% of prescription): hot for high, cold for low."""
    for thr, col in ISODOSE_COLORS:
        if percent >= thr - 1e-9:
            return col
    return ISODOSE_COLORS[-1][1]


def map_fraction(kind: str, value: float, lo: float, hi: float) -> float:
    """Where ``value`` sits on a comparison map's colour bar (0 bottom .. 1 top).

    'diverging': linear from ``lo`` to ``hi``; 'gamma': 0..1 on the lower half, 1..``hi`` on the
    upper half (the same split as :func:`map_to_rgba`).
    """
    if kind == "diverging":
        return (value - lo) / max(hi - lo, 1e-9)
    return 0.5 * value if value <= 1.0 else 0.5 + 0.5 * (value - 1.0) / max(hi - 1.0, 1e-9)


def map_to_rgba(values: np.ndarray, kind: str, lo: float, hi: float, opacity: float = 1.0) -> np.ndarray:
    """(rows, cols, 4) uint8 colours of ``values`` between ``lo`` and ``hi`` (clipped); NaN is transparent.

    ``kind`` 'diverging' (``lo = -hi`` for a map centred on 0) or 'gamma' (0..1 pass in greens,
    1..``hi`` fail in orange to red; ``lo`` is not used).
    """
    with np.errstate(invalid="ignore"):
        if kind == "diverging":
            table = _DIVERGING_LUT
            t = np.clip((values - lo) / max(hi - lo, 1e-9), 0.0, 1.0)
            idx = np.nan_to_num(t * 255.0).round().astype(np.uint8)
        elif kind == "gamma":  # gamma <= 1 passes: the lower half of the table; above 1 the upper half up to ``hi``
            table = _GAMMA_LUT
            v = np.nan_to_num(values, nan=0.0)
            low = np.clip(v, 0.0, 1.0) * 127.0
            high = 128.0 + np.clip((v - 1.0) / max(hi - 1.0, 1e-9), 0.0, 1.0) * 127.0
            idx = np.where(v <= 1.0, low, high).round().astype(np.uint8)
        else:
            raise ValueError(f"map_to_rgba: kind must be 'diverging' or 'gamma', not {kind!r}")
    rgba = np.zeros(values.shape + (4,), dtype=np.uint8)
    rgba[..., :3] = table[idx]
    rgba[..., 3] = np.where(np.isfinite(values), int(round(255 * opacity)), 0).astype(np.uint8)
    return rgba
