"""The plugin API 1.1 names this plugin uses, from ``plannerview.plugin_api`` when the host has them.

Until plugin API 1.1 (``DoseResult``, ``PluginInputError``) is on the host, small local
definitions with the same fields stand in, so the plugin runs on both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from plannerview.model import Grid

try:  # plugin API 1.1
    from plannerview.plugin_api import DoseResult, PluginInputError  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - exercised only on a 1.0 host

    class PluginInputError(Exception):  # type: ignore[no-redef]
        """The input (plan, image, settings) is not something this engine can calculate."""

    @dataclass(frozen=True, eq=False)
    class DoseResult:  # type: ignore[no-redef]
        """A dose an engine calculated: [k, j, i] float array in Gy on ``grid``."""

        dose: np.ndarray
        grid: Grid
        dose_type: str = "PHYSICAL"
        units: str = "GY"
        summation_type: str = "PLAN"
        beam_numbers: tuple[int, ...] = ()
        statistical_uncertainty_pct: float | None = None
        rbe_model: str = ""
        description: str = ""
        details: Mapping[str, Any] = field(default_factory=dict)

__all__ = ["DoseResult", "PluginInputError"]
