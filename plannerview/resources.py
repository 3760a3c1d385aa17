"""Bundled data read through ``importlib.resources``: the one place that knows where it lives.

Package data (in the wheel): clinical-goal protocols, plan-check configuration, TG-263 names,
themes, icons. The 12 MB demo
case is not package data: it sits in ``resources/demo`` of a source checkout (see the README for
how a wheel user gets it); :func:`demo_dir` finds it there or under ``$PLANNERVIEW_DEMO``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

_DATA = "plannerview.data"


def data_root() -> Traversable:
    """The root of plannerview's package data."""
    return files("plannerview").joinpath("data")


def data_file(*parts: str) -> Path:
    """A bundled file or folder as a real path (package data is installed unzipped)."""
    t = data_root().joinpath(*parts)
    return Path(str(t))


def protocols_dir() -> Path:
    return data_file("protocols")


def checks_dir() -> Path:
    """The default plan-check configuration: every ``*.yaml`` here is read (``review.checks``)."""
    return data_file("checks")


def report_fonts() -> tuple[Path, Path]:
    """Regular and bold Unicode TrueType fonts for the PDF report (DejaVu Sans, shipped by matplotlib)."""
    from matplotlib import get_data_path  # matplotlib is a dependency of the report

    base = Path(get_data_path()) / "fonts" / "ttf"
    return base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf"


def tg263_names_file() -> Path:
    return data_file("tg263", "names.yaml")


@lru_cache(maxsize=1)
def tg263_names_data() -> dict[str, Any]:
    """The bundled TG-263 name table (``tg263/names.yaml``), parsed once."""
    data: dict[str, Any] = yaml.safe_load(tg263_names_file().read_text(encoding="utf-8"))
    return data


def themes_dir() -> Path:
    return data_file("themes")


def icons_dir() -> Path:
    return data_file("icons")


def demo_dir() -> Path | None:
    """The demo case: ``$PLANNERVIEW_DEMO``, else ``resources/demo`` of a source checkout; None if absent."""
    env = os.environ.get("PLANNERVIEW_DEMO")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[1] / "resources" / "demo")
    for c in candidates:
        if c.is_dir() and any(c.iterdir()):
            return c
    return None
