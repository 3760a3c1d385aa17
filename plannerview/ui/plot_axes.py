"""Plot axes whose tick numbers carry the GUI language's decimal separator (the DVH plots)."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg

from .i18n import localized


class LocaleAxis(pg.AxisItem):
    """pyqtgraph's axis with its tick labels written as the GUI's language writes numbers."""

    def tickStrings(self, values: Any, scale: float, spacing: float) -> list[str]:  # noqa: N802 - pyqtgraph's name
        return [localized(s) for s in super().tickStrings(values, scale, spacing)]


def locale_axes() -> dict[str, pg.AxisItem]:
    """``axisItems`` for a ``pg.PlotWidget``: left and bottom axes with localized tick numbers."""
    return {"left": LocaleAxis("left"), "bottom": LocaleAxis("bottom")}
