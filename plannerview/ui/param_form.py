"""A form generated from a plugin's parameter schema (``ParamSchema``): spin boxes with range and
unit, check boxes, combo boxes and text fields, each with its description as the tooltip. Used
for the run form of an engine and for a plugin's persisted settings."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import Qt
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
from .i18n import localized
from .plugin_texts import param_label, plugin_text

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
        # QSpinBox holds a 32-bit int: a wider schema range (e.g. up to 10**10 primaries) is clipped to it
        lo, hi = -2**31 + 1, 2**31 - 1
        ib.setRange(max(lo, min(hi, int(p.minimum))) if p.minimum is not None else lo,
                    max(lo, min(hi, int(p.maximum))) if p.maximum is not None else hi)
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
    tip = plugin_text(p.description) or p.name
    if p.minimum is not None or p.maximum is not None:
        tip += " (" + QCoreApplication.translate("ParamForm", "{low} to {high}").format(
            low=_bound(p.minimum, "-inf"), high=_bound(p.maximum, "inf")) \
            + f"{' ' + p.unit if p.unit else ''})"
    # "<python prefix>" in a description is text, not a tag: keep it from being read as rich text
    w.setToolTip(Qt.convertFromPlainText(tip) if Qt.mightBeRichText(tip) else tip)
    return w


def _bound(value: float | None, none: str) -> str:
    """A parameter's limit as a person reads it (the language's decimal separator)."""
    if value is None:
        return none
    return str(value) if isinstance(value, int) else localized(f"{value:g}")


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
            label = QLabel(param_label(p.name))
            label.setToolTip(ed.toolTip())
            lay.addRow(label, ed)
        if not len(schema):
            lay.addRow(QLabel(self.tr("no parameters")))

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
                 parent: QWidget | None = None, ok_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = ParamForm(schema, values)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.result_values: dict[str, Any] = {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text if ok_text is not None else self.tr("Run"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        if description:
            d = QLabel(description)
            d.setTextFormat(Qt.TextFormat.PlainText)
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
