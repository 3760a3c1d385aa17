"""Every text a window shows (labels, buttons, menus, tool tips, tables, trees, plot axes, view
overlays), each with where it is, and the layout checks of the language tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QAction, Qt, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)


@dataclass(frozen=True)
class Text:
    where: str  # widget path and what (e.g. ".../QPushButton#signoff-approve text")
    text: str
    widget: str  # the widget's class and object name, for the failure message


def _name(w: Any) -> str:
    n = w.objectName() if hasattr(w, "objectName") else ""
    return f"{type(w).__name__}" + (f"#{n}" if n else "")


def plain(text: str) -> str:
    """Rich text as the user reads it."""
    if Qt.mightBeRichText(text):  # as QLabel and tool tips decide
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _tree_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    out = [item]
    for i in range(item.childCount()):
        out += _tree_items(item.child(i))
    return out


def _actions(where: str, actions: list[QAction], out: list[Text], seen: set[int]) -> None:
    for a in actions:
        if id(a) in seen:
            continue
        seen.add(id(a))
        if a.isSeparator() and not a.text():
            continue
        label = f"{where} > action '{a.text()}'"
        out.append(Text(label + " text", plain(a.text()), "QAction"))
        if a.toolTip() and a.toolTip().replace("&", "") != a.text().replace("&", ""):
            out.append(Text(label + " tooltip", plain(a.toolTip()), "QAction"))
        if a.statusTip():
            out.append(Text(label + " status tip", a.statusTip(), "QAction"))
        m = a.menu()
        if isinstance(m, QMenu):
            out.append(Text(label + " menu title", m.title(), "QMenu"))
            _actions(label, m.actions(), out, seen)


def widget_texts(root: QWidget) -> list[Text]:
    """The texts of ``root`` and every widget under it (hidden ones too: a dock opened later
    shows them)."""
    out: list[Text] = []
    seen_actions: set[int] = set()

    def add(where: str, text: str, w: QWidget, what: str) -> None:
        if text:
            out.append(Text(f"{where} {what}", plain(text), _name(w)))

    def walk(w: QWidget, where: str) -> None:
        where = f"{where}/{_name(w)}"
        if w.isWindow() or isinstance(w, QDockWidget):
            add(where, w.windowTitle(), w, "title")
        if w.toolTip():
            add(where, w.toolTip(), w, "tooltip")
        if isinstance(w, QLabel):
            add(where, w.text(), w, "text")
        elif isinstance(w, QAbstractButton):
            add(where, w.text(), w, "text")
        elif isinstance(w, QGroupBox):
            add(where, w.title(), w, "title")
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(where, w.itemText(i), w, f"item {i}")
                tip = w.itemData(i, 3)  # Qt.ToolTipRole
                if isinstance(tip, str):
                    add(where, tip, w, f"item {i} tooltip")
        elif isinstance(w, QLineEdit):
            add(where, w.placeholderText(), w, "placeholder")
        elif isinstance(w, QPlainTextEdit):
            add(where, w.placeholderText(), w, "placeholder")
            if w.isReadOnly():
                add(where, w.toPlainText(), w, "text")
        elif isinstance(w, QAbstractSpinBox):
            add(where, getattr(w, "prefix", lambda: "")(), w, "prefix")
            add(where, getattr(w, "suffix", lambda: "")(), w, "suffix")
        elif isinstance(w, QProgressBar) and w.isVisible():
            add(where, w.text(), w, "text")
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(where, w.tabText(i), w, f"tab {i}")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(where, w.tabText(i), w, f"tab {i}")
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                h = w.horizontalHeaderItem(c)
                if h is not None:
                    add(where, h.text(), w, f"header {c}")
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    it = w.item(r, c)
                    if it is not None:
                        add(where, it.text(), w, f"cell {r},{c}")
                        add(where, it.toolTip(), w, f"cell {r},{c} tooltip")
        elif isinstance(w, QTreeWidget):
            head = w.headerItem()
            for c in range(w.columnCount()):
                add(where, head.text(c), w, f"header {c}")
            for i in range(w.topLevelItemCount()):
                for n, it in enumerate(_tree_items(w.topLevelItem(i))):
                    for c in range(w.columnCount()):
                        add(where, it.text(c), w, f"item {i}.{n} column {c}")
                        add(where, it.toolTip(c), w, f"item {i}.{n} column {c} tooltip")
        if isinstance(w, QMainWindow):
            add(where, w.statusBar().currentMessage(), w, "status bar")
            _actions(where + " menu bar", w.menuBar().actions(), out, seen_actions)
        plot_item = getattr(w, "getPlotItem", None)
        if callable(plot_item) and type(w).__name__ == "PlotWidget":
            for side in ("left", "bottom"):
                axis = plot_item().getAxis(side)
                add(where, axis.labelText, w, f"{side} axis title")
        for t in getattr(w, "overlay_texts", ()) or ():
            add(where, t, w, "overlay")
        _actions(where, w.actions(), out, seen_actions)
        counts: dict[str, int] = {}
        for c in w.children():
            if isinstance(c, QWidget):
                k = type(c).__name__
                counts[k] = counts.get(k, 0) + 1
                walk(c, where + (f"[{counts[k]}]" if counts[k] > 1 else ""))

    walk(root, "")
    return out


# --- layout ---------------------------------------------------------------------------------------------
def _text_width(w: QWidget, text: str) -> int:
    fm = w.fontMetrics()
    return max((fm.horizontalAdvance(line) for line in plain(text).replace("&&", "&").split("\n")), default=0)


def clipped(root: QWidget) -> list[str]:
    """Visible labels, buttons, check boxes, group titles and tabs whose text does not fit."""
    bad = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or w.width() <= 1:
            continue
        where = f"{_name(w)} in {_name(w.parentWidget()) if w.parentWidget() else '-'}"
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            need = _text_width(w, w.text())
            if need > w.contentsRect().width() + 1:
                bad.append(f"label {where} '{plain(w.text())[:60]}': text {need}px, room {w.contentsRect().width()}px")
        elif isinstance(w, QLabel) and w.text() and w.wordWrap():
            need_h = w.heightForWidth(w.width())
            if need_h > w.height() + 1:
                bad.append(f"label {where} '{plain(w.text())[:60]}': wrapped text {need_h}px high, room {w.height()}px")
        elif isinstance(w, QPushButton | QCheckBox | QRadioButton | QToolButton) and w.text():
            hint = w.sizeHint()
            if hint.width() > w.width() + 1:
                bad.append(f"button {where} '{w.text()}': needs {hint.width()}px, has {w.width()}px")
        elif isinstance(w, QGroupBox) and w.title():
            need = _text_width(w, w.title()) + 16
            if need > w.width():
                bad.append(f"group {where} '{w.title()}': title {need}px, room {w.width()}px")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.tabRect(i).width() + 1 < w.tabSizeHint(i).width():
                    bad.append(f"tab {where} '{w.tabText(i)}': needs {w.tabSizeHint(i).width()}px, "
                               f"has {w.tabRect(i).width()}px")
    return bad


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    out: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is not None:
            out.append(item.widget())
        elif item.layout() is not None:
            out += _layout_widgets(item.layout())
    return out


def overlapping(root: QWidget) -> list[str]:
    """Visible widgets of one layout whose rectangles intersect."""
    bad = []
    for w in [root, *root.findChildren(QWidget)]:
        lay = w.layout()
        if lay is None or not w.isVisible() or isinstance(w, QMainWindow):  # docks: tabified ones share a place
            continue
        kids = [k for k in _layout_widgets(lay) if k.isVisible() and not k.isWindow() and k.width() > 0]
        for i, a in enumerate(kids):
            ra: QRect = a.geometry()
            for b in kids[i + 1:]:
                inter = ra.intersected(b.geometry())
                if inter.width() > 0 and inter.height() > 0:
                    bad.append(f"{_name(a)} {ra.getRect()} and {_name(b)} {b.geometry().getRect()} overlap in {_name(w)}")
    return bad


def overlay_collisions(view: Any) -> dict[str, str]:
    """Where a slice view's painted texts (title, window/level, orientation letters, scale bar,
    legends: ``overlay_rects``, what the last frame drew where) overlap each other or leave the
    view, and whether the view's title was left out: {what: message}."""
    rects = list(getattr(view, "overlay_rects", ()))
    if view.width() <= 1 or not rects:
        return {}
    bad = {}
    for i, (na, ra) in enumerate(rects):
        if ra.left() < 0 or ra.top() < 0 or ra.right() > view.width() + 0.5 or ra.bottom() > view.height() + 0.5:
            bad[f"{na} outside"] = f"{_name(view)}: '{na}' drawn outside the view ({ra.getRect()})"
        for nb, rb in rects[i + 1:]:
            if ra.intersects(rb):
                bad[f"{na} / {nb}"] = f"{_name(view)}: '{na}' and '{nb}' overlap ({ra.getRect()}, {rb.getRect()})"
    if view.ax is not None and not any(n == "title" for n, _ in rects):
        bad["title"] = f"{_name(view)}: no room for the view's title at {view.width()}x{view.height()}"
    return bad


WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
