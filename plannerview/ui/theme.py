"""Light and dark themes (Qt style sheets in plannerview/data/themes) and the colours views share."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ..render.colormaps import isodose_rgb
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


def isodose_color(percent: float) -> QColor:
    """A fixed colour per isodose level (% of prescription): hot for high, cold for low."""
    return QColor(*isodose_rgb(percent))


def roi_color(rgb: tuple[int, int, int], alpha: int = 255) -> QColor:
    return QColor(int(rgb[0]), int(rgb[1]), int(rgb[2]), alpha)
