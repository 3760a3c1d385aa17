"""Light and dark themes (Qt style sheets in plannerview/data/themes) and the colours views share."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from .paths import THEMES

THEME_NAMES = ("dark", "light")


def apply_theme(app: QApplication, name: str) -> str:
    """Apply a bundled theme by name; returns the name applied (dark when unknown)."""
    if name not in THEME_NAMES:
        name = "dark"
    path = THEMES / f"{name}.qss"
    app.setStyleSheet(path.read_text() if path.is_file() else "")
    app.setProperty("plannerview_theme", name)
    return name


def dose_lut() -> np.ndarray:
    """256 x 3 uint8 'rainbow' colours for the dose wash (blue -> cyan -> green -> yellow -> red)."""
    t = np.linspace(0.0, 1.0, 256)
    stops = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
    cols = np.array([[0, 0, 255], [0, 255, 255], [0, 255, 0], [255, 255, 0], [255, 0, 0]], dtype=float)
    return np.stack([np.interp(t, stops, cols[:, c]) for c in range(3)], axis=1).astype(np.uint8)


_ISO_COLORS = [(110.0, "#ff00ff"), (105.0, "#ff0000"), (100.0, "#ff8000"), (95.0, "#ffff00"),
               (90.0, "#80ff00"), (80.0, "#00ff00"), (70.0, "#00ffa0"), (50.0, "#00ffff"),
               (30.0, "#0080ff"), (0.0, "#4040ff")]


def isodose_color(percent: float) -> QColor:
    """A fixed colour per isodose level (% of prescription): hot for high, cold for low."""
    for thr, col in _ISO_COLORS:
        if percent >= thr - 1e-9:
            return QColor(col)
    return QColor(_ISO_COLORS[-1][1])


def roi_color(rgb: tuple[int, int, int], alpha: int = 255) -> QColor:
    return QColor(int(rgb[0]), int(rgb[1]), int(rgb[2]), alpha)
