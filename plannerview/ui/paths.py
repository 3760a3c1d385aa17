"""Where the GUI's bundled files live (all through :mod:`plannerview.resources`)."""

from __future__ import annotations

from pathlib import Path

from ..resources import demo_dir, icons_dir, themes_dir

THEMES = themes_dir()
ICONS = icons_dir()


def demo_path() -> Path | None:
    return demo_dir()


def demo_available() -> bool:
    return demo_dir() is not None
