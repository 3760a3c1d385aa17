"""Where bundled resources live (next to the package in a source checkout)."""

from __future__ import annotations

from pathlib import Path

import plannerview

RESOURCES = Path(plannerview.__file__).resolve().parents[1] / "resources"
DEMO = RESOURCES / "demo"
THEMES = RESOURCES / "themes"
ICONS = RESOURCES / "icons"


def demo_available() -> bool:
    return DEMO.is_dir() and any(DEMO.iterdir())
