"""A form generated from a plugin's parameter schema (``ParamSchema``): spin boxes with range and
unit, check boxes, combo boxes and text fields, each with its description as the tooltip. Used
for the run form of an engine and for a plugin's persisted settings."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..plugin_api import Param, ParamError, ParamSchema

BIG = 1e12


def _decimals(p: Param) -> int:
    """Enough decimals to show the smallest non-zero number the schema states with 3 more digits."""
    values = [abs(float(v)) for v in (p.default, p.minimum, p.maximum) if v is not None and float(v) != 0]
    if not values:
        return 3
    return int(max(2, min(8, 3 - math.floor(math.log10(min(values))))))


def editor_for(p: Param, value: Any) -> QWidget:
    """The widget for one parameter, set to ``value``."""
    w: QWidget
    if p.kind == "float":
        sb = QDoubleSpinBox()
        sb.setDecimals(_decimals(p))
        sb.setRange(float(p.minimum) if p.minimum is not None else -BIG,
                    float(p.maximum) if p.maximum is not None else BIG)
        if p.unit:
            sb.setSuffix(f" {p.unit}")
        sb.setValue(float(value))
        w = sb
    elif p.kind == "int":
        ib = QSpinBox()
        ib.setRange(int(p.minimum) if p.minimum is not None else -2**31 + 1,
                    int(p.maximum) if p.maximum is not None else 2**31 - 1)
        if p.unit:
            ib.setSuffix(f" {p.unit}")
        ib.setValue(int(value))
        w = ib
    elif p.kind == "bool":
        cb = QCheckBox()
        cb.setChecked(bool(value))
        w = cb
    elif p.kind == "choice":
        combo = QComboBox()
        combo.addItems(list(p.choices))
        combo.setCurrentText(str(value))
        w = combo
    else:
        w = QLineEdit(str(value))
    w.setObjectName(f"param_{p.name}")
    tip = p.description or p.name
    if p.minimum is not None or p.maximum is not None:
        tip += f" ({p.minimum if p.minimum is not None else '-inf'} to {p.maximum if p.maximum is not None else 'inf'}" \
               f"{' ' + p.unit if p.unit else ''})"
    w.setToolTip(tip)
    return w


class ParamForm(QWidget):
    """Editors for every parameter of ``schema``, starting at ``values`` (defaults otherwise)."""

    def __init__(self, schema: ParamSchema, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        start = {**schema.defaults(), **dict(values or {})}
        self.editors: dict[str, QWidget] = {}
        lay = QFormLayout(self)
        for p in schema:
            ed = editor_for(p, start[p.name])
            self.editors[p.name] = ed
            label = QLabel(p.name.replace("_", " "))
            label.setToolTip(ed.toolTip())
            lay.addRow(label, ed)
        if not len(schema):
            lay.addRow(QLabel("no parameters"))

    def raw_values(self) -> dict[str, Any]:
        """What the editors hold, unconverted."""
        out: dict[str, Any] = {}
        for name, ed in self.editors.items():
            if isinstance(ed, QDoubleSpinBox | QSpinBox):
                out[name] = ed.value()
            elif isinstance(ed, QCheckBox):
                out[name] = ed.isChecked()
            elif isinstance(ed, QComboBox):
                out[name] = ed.currentText()
            elif isinstance(ed, QLineEdit):
                out[name] = ed.text()
        return out

    def values(self) -> dict[str, Any]:
        """The values, converted and range-checked by the schema (ParamError when one is bad)."""
        return self.schema.resolve(self.raw_values())


class ParamDialog(QDialog):
    """A titled dialog around a :class:`ParamForm` (OK checks the values first)."""

    def __init__(self, title: str, description: str, schema: ParamSchema, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None, ok_text: str = "Run") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = ParamForm(schema, values)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.result_values: dict[str, Any] = {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        if description:
            d = QLabel(description)
            d.setWordWrap(True)
            lay.addWidget(d)
        lay.addWidget(self.form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def _accept(self) -> None:
        try:
            self.result_values = self.form.values()
        except ParamError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
