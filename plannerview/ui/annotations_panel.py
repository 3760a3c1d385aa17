"""The annotations panel: every annotation of the workspace with its author, time and status, a
status filter, the revision history (who changed what), jumping to an annotation's place, the
slice-view tools (point, arrow, ruler, polygon, freehand), comments tied to the plan, an ROI, a
beam, a clinical goal or a location, and resolve / reopen / withdraw / edit as new revisions.

Annotations live in the workspace (Qt-free); remote ones arrive there through a sync plugin and
show up here like local ones.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model.annotation import Annotation
from .annotation_tools import TOOLS, AnnotationTools
from .tool_buttons import select_tool

FILTERS = ("all", "open", "resolved", "withdrawn")
COLUMNS = ("Status", "Kind", "Text", "About", "Author", "Changed")
COMMENT_TARGETS = ("plan", "roi", "beam", "goal", "location", "case")


def about(a: Annotation) -> str:
    """What the annotation is about, e.g. 'ROI Core', 'beam 2', 'plan', '(12.0, -3.5, 40.0) mm'."""
    if a.target == "location" and a.position_mm is not None:
        return "(" + ", ".join(f"{v:.1f}" for v in a.position_mm) + ") mm"
    label = {"roi": "ROI", "goal": "goal", "beam": "beam", "plan": "plan", "check": "check", "case": "case"}
    return f"{label.get(a.target, a.target)} {a.target_ref}".strip()


def history_text(revisions: tuple[Annotation, ...]) -> str:
    """One line per revision: when, who, and what changed from the one before."""
    lines = []
    prev: Annotation | None = None
    for r in revisions:
        if prev is None:
            what = f"created ({r.kind}, {r.status}): {r.text}"
        else:
            parts = []
            if r.status != prev.status:
                parts.append(f"status {prev.status} → {r.status}")
            if r.text != prev.text:
                parts.append(f"text → {r.text!r}")
            if r.points_mm != prev.points_mm:
                parts.append("moved")
            if (r.target, r.target_ref) != (prev.target, prev.target_ref):
                parts.append(f"about → {about(r)}")
            what = ", ".join(parts) or "revised"
        lines.append(f"{r.modified_utc[:19].replace('T', ' ')}  {r.author}: {what}")
        prev = r
    return "\n".join(lines)


class AnnotationsPanel(QWidget):
    """List, filter, jump to, revise and add annotations (all through the workspace)."""

    def __init__(self, tools: AnnotationTools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tools = tools
        self.store = tools.store
        self.s = tools.s
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        # tools
        row = QHBoxLayout()
        self.tool_buttons: dict[str, QToolButton] = {}  # checkable tool buttons
        for name in TOOLS:
            b = QToolButton()
            b.setText(name.capitalize())
            b.setCheckable(True)
            b.setObjectName(f"annotation_tool_{name}")
            b.toggled.connect(lambda on, n=name: select_tool(self.tool_buttons, self.tools, n, on))
            row.addWidget(b)
            self.tool_buttons[name] = b
        row.addStretch(1)
        lay.addLayout(row)
        self.text = QLineEdit()
        self.text.setPlaceholderText("text of the next annotation or comment")
        self.text.textChanged.connect(lambda t: setattr(self.tools, "next_text", t))
        lay.addWidget(self.text)
        # comments on the plan, an ROI, a beam, a goal
        row = QHBoxLayout()
        self.target = QComboBox()
        self.target.addItems(COMMENT_TARGETS)
        self.target.currentTextChanged.connect(lambda _t: self._fill_refs())
        self.target_ref = QComboBox()
        self.target_ref.setEditable(True)
        self.comment_btn = QPushButton("Comment")
        self.comment_btn.clicked.connect(self.add_comment)
        row.addWidget(QLabel("About"))
        row.addWidget(self.target)
        row.addWidget(self.target_ref, 1)
        row.addWidget(self.comment_btn)
        lay.addLayout(row)
        # list
        row = QHBoxLayout()
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.currentTextChanged.connect(lambda _t: self.refresh())
        self.count = QLabel()
        row.addWidget(QLabel("Show"))
        row.addWidget(self.filter)
        row.addStretch(1)
        row.addWidget(self.count)
        lay.addLayout(row)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.itemSelectionChanged.connect(self._selected)
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.jump_to_selected())
        lay.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.goto_btn = QPushButton("Go to")
        self.goto_btn.clicked.connect(self.jump_to_selected)
        self.resolve_btn = QPushButton("Resolve")
        self.resolve_btn.clicked.connect(lambda: self.set_status("resolved"))
        self.reopen_btn = QPushButton("Reopen")
        self.reopen_btn.clicked.connect(lambda: self.set_status("open"))
        self.withdraw_btn = QPushButton("Withdraw")
        self.withdraw_btn.clicked.connect(lambda: self.set_status("withdrawn"))
        self.edit_btn = QPushButton("Set text")
        self.edit_btn.clicked.connect(self.set_text)
        for btn in (self.goto_btn, self.resolve_btn, self.reopen_btn, self.withdraw_btn, self.edit_btn):
            row.addWidget(btn)
        lay.addLayout(row)
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.history.setMaximumHeight(110)
        self.history.setPlaceholderText("history of the selected annotation")
        lay.addWidget(self.history)
        tools.changed.connect(self.refresh)
        tools.qs.case_changed.connect(lambda _e: self._fill_refs())
        self._fill_refs()
        self.refresh()

    # --- list ----------------------------------------------------------------------------------------
    def shown(self) -> list[Annotation]:
        f = self.filter.currentText()
        return [a for a in self.store.annotations if f == "all" or a.status == f]

    def refresh(self) -> None:
        keep = self.selected_uid()
        self.tree.blockSignals(True)
        self.tree.clear()
        for a in self.shown():
            item = QTreeWidgetItem([a.status, a.kind, a.text, about(a), a.author,
                                    a.modified_utc[:19].replace("T", " ")])
            item.setData(0, Qt.ItemDataRole.UserRole, a.uid)
            self.tree.addTopLevelItem(item)
            if a.uid == keep:
                item.setSelected(True)
        self.tree.blockSignals(False)
        for c in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(c)
        total = len(self.store.annotations)
        self.count.setText(f"{self.tree.topLevelItemCount()} of {total}")
        self._selected()
        for name, b in self.tool_buttons.items():
            b.blockSignals(True)
            b.setChecked(self.tools.tool == name)
            b.blockSignals(False)

    def selected_uid(self) -> str | None:
        items = self.tree.selectedItems() if hasattr(self, "tree") else []
        return str(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def select(self, uid: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None:
                item.setSelected(item.data(0, Qt.ItemDataRole.UserRole) == uid)

    def _selected(self) -> None:
        uid = self.selected_uid()
        self.tools.selected_uid = uid
        has = uid is not None
        for b in (self.goto_btn, self.resolve_btn, self.reopen_btn, self.withdraw_btn, self.edit_btn):
            b.setEnabled(has)
        self.history.setPlainText(history_text(self.store.annotation_history(uid)) if uid else "")
        for v in self.tools.views:
            v.update()

    # --- actions -----------------------------------------------------------------------------------------
    def jump_to_selected(self) -> None:
        """Put the crosshair (and every view) on the selected annotation's first point."""
        uid = self.selected_uid()
        if uid is None:
            return
        a = next((x for x in self.store.annotations if x.uid == uid), None)
        if a is not None and a.position_mm is not None:
            self.s.set_cursor(a.position_mm)

    def set_status(self, status: str) -> None:
        uid = self.selected_uid()
        if uid is not None:
            self.store.revise_annotation(uid, status=status, author=self.tools.author or None)

    def set_text(self) -> None:
        uid = self.selected_uid()
        if uid is not None and self.text.text():
            self.store.revise_annotation(uid, text=self.text.text(), author=self.tools.author or None)

    def _fill_refs(self) -> None:
        """Choices for the comment target: ROI names, beam numbers and names, plan labels, goals."""
        self.target_ref.clear()
        case, s = self.s.case, self.s
        t = self.target.currentText()
        items: list[str] = []
        if case is not None:
            if t == "roi" and s.structure_set is not None:
                items = [r.name for r in s.structure_set.rois]
            elif t == "beam" and s.plan is not None:
                items = [f"{getattr(b, 'number', '')} {getattr(b, 'name', '')}".strip()
                         for b in getattr(s.plan, "beams", ())]
            elif t == "plan":
                items = [getattr(p, "label", "") or p.sop_uid for p in case.plans]
            elif t == "location":
                items = ["crosshair"]
        self.target_ref.addItems(items)

    def add_comment(self) -> Annotation | None:
        """A comment about the chosen target (at the crosshair for 'location')."""
        text = self.text.text().strip()
        if not text:
            return None
        t = self.target.currentText()
        ref = self.target_ref.currentText().strip()
        if t == "location":
            return self.tools.create("point", [self.s.cursor_mm], text=text, target="location")
        if t == "beam":
            ref = ref.split(" ")[0]
        a = Annotation(text=text, kind="comment", target=t, target_ref="" if t == "case" else ref,
                       author=self.tools.author or Annotation(text="").author,
                       **self.tools.context())
        return self.store.add_annotation(a)


def make_annotations_panel(qs: Any, store: Any, views: list[Any], author: str = "",
                           parent: QWidget | None = None) -> AnnotationsPanel:
    """The tools on ``views`` and their panel (what the main window docks)."""
    tools = AnnotationTools(qs, store, views, author=author)
    panel = AnnotationsPanel(tools, parent)
    tools.setParent(panel)
    return panel
