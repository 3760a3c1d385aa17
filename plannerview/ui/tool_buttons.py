"""Checkable tool buttons of which at most one is on (drawing and annotation tools)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QAbstractButton


def select_tool(buttons: Mapping[str, QAbstractButton], tools: Any, name: str, on: bool) -> None:
    """Handle button ``name`` turning ``on``/off: uncheck the others and set ``tools``' active tool.

    Unchecking the active tool's button leaves no tool active (a QButtonGroup cannot do that).
    """
    if on:
        for other, b in buttons.items():
            if other != name and b.isChecked():
                b.blockSignals(True)
                b.setChecked(False)
                b.blockSignals(False)
        tools.set_tool(name)
    elif tools.tool == name:
        tools.set_tool(None)
