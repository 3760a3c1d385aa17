"""The annotations panel: every annotation of the workspace with its author, time and status, a
status filter, the revision history (who changed what), jumping to an annotation's place, the
slice-view tools (point, arrow, ruler, polygon, freehand), comments tied to the plan, an ROI, a
beam, a clinical goal or a location, and resolve / reopen / withdraw / edit as new revisions.

Annotations live in the workspace (Qt-free); remote ones arrive there through a sync plugin and
show up here like local ones.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
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
from .i18n import QT_TRANSLATE_NOOP, num
from .terms import ANNOTATION_KINDS, ANNOTATION_STATUS, ANNOTATION_TARGETS, capitalized, term
from .tool_buttons import select_tool

translate = QCoreApplication.translate
FILTERS = ("all", "open", "resolved", "withdrawn")  # the item data; the text is translated
COLUMNS = (QT_TRANSLATE_NOOP("AnnotationsPanel", "Status"), QT_TRANSLATE_NOOP("AnnotationsPanel", "Kind"),
           QT_TRANSLATE_NOOP("AnnotationsPanel", "Text"), QT_TRANSLATE_NOOP("AnnotationsPanel", "About"),
           QT_TRANSLATE_NOOP("AnnotationsPanel", "Author"), QT_TRANSLATE_NOOP("AnnotationsPanel", "Changed"))
COMMENT_TARGETS = ("plan", "roi", "beam", "goal", "location", "case")


def about(a: Annotation) -> str:
    """What the annotation is about, e.g. 'ROI Core', 'beam 2', 'plan', '(12.0, -3.5, 40.0) mm'."""
    if a.target == "location" and a.position_mm is not None:
        sep = ", " if num(0.5, ".1f") == "0.5" else "; "  # a comma cannot separate numbers written with one
        return "(" + sep.join(num(v, ".1f") for v in a.position_mm) + ") mm"
    label = {"roi": translate("AnnotationsPanel", "ROI")}.get(a.target) or term(ANNOTATION_TARGETS, a.target)
    return f"{label} {a.target_ref}".strip()


def history_text(revisions: tuple[Annotation, ...]) -> str:
    """One line per revision: when, who, and what changed from the one before."""
    lines = []
    prev: Annotation | None = None
    for r in revisions:
        if prev is None:
            what = translate("AnnotationsPanel", "created ({kind}, {status}): {text}").format(
                kind=term(ANNOTATION_KINDS, r.kind), status=term(ANNOTATION_STATUS, r.status), text=r.text)
        else:
            parts = []
            if r.status != prev.status:
                parts.append(translate("AnnotationsPanel", "status {old} → {new}").format(
                    old=term(ANNOTATION_STATUS, prev.status), new=term(ANNOTATION_STATUS, r.status)))
            if r.text != prev.text:
                parts.append(translate("AnnotationsPanel", "text → {text}").format(text=repr(r.text)))
            if r.points_mm != prev.points_mm:
                parts.append(translate("AnnotationsPanel", "moved"))
            if (r.target, r.target_ref) != (prev.target, prev.target_ref):
                parts.append(translate("AnnotationsPanel", "about → {about}").format(about=about(r)))
            what = ", ".join(parts) or translate("AnnotationsPanel", "revised")
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
            b.setText(capitalized(term(ANNOTATION_KINDS, name)))
            b.setCheckable(True)
            b.setObjectName(f"annotation_tool_{name}")
            b.toggled.connect(lambda on, n=name: select_tool(self.tool_buttons, self.tools, n, on))
            row.addWidget(b)
            self.tool_buttons[name] = b
        row.addStretch(1)
        lay.addLayout(row)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("text of the next annotation or comment"))
        self.text.textChanged.connect(lambda t: setattr(self.tools, "next_text", t))
        lay.addWidget(self.text)
        # comments on the plan, an ROI, a beam, a goal
        row = QHBoxLayout()
        self.target = QComboBox()  # the item data is the target's key
        for t in COMMENT_TARGETS:
            self.target.addItem(term(ANNOTATION_TARGETS, t), t)
        self.target.currentTextChanged.connect(lambda _t: self._fill_refs())
        self.target_ref = QComboBox()
        self.target_ref.setEditable(True)
        self.comment_btn = QPushButton(self.tr("Comment"))
        self.comment_btn.clicked.connect(self.add_comment)
        row.addWidget(QLabel(self.tr("About")))
        row.addWidget(self.target)
        row.addWidget(self.target_ref, 1)
        row.addWidget(self.comment_btn)
        lay.addLayout(row)
        # list
        row = QHBoxLayout()
        self.filter = QComboBox()  # the item data is the status shown ("all": every one)
        for f in FILTERS:
            self.filter.addItem(term(ANNOTATION_STATUS, f), f)
        self.filter.currentTextChanged.connect(lambda _t: self.refresh())
        self.count = QLabel()
        row.addWidget(QLabel(self.tr("Show")))
        row.addWidget(self.filter)
        row.addStretch(1)
        row.addWidget(self.count)
        lay.addLayout(row)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([translate("AnnotationsPanel", c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.itemSelectionChanged.connect(self._selected)
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.jump_to_selected())
        lay.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.goto_btn = QPushButton(self.tr("Go to"))
        self.goto_btn.clicked.connect(self.jump_to_selected)
        self.resolve_btn = QPushButton(self.tr("Resolve"))
        self.resolve_btn.clicked.connect(lambda: self.set_status("resolved"))
        self.reopen_btn = QPushButton(self.tr("Reopen"))
        self.reopen_btn.clicked.connect(lambda: self.set_status("open"))
        self.withdraw_btn = QPushButton(self.tr("Withdraw"))
        self.withdraw_btn.clicked.connect(lambda: self.set_status("withdrawn"))
        self.edit_btn = QPushButton(self.tr("Set text"))
        self.edit_btn.clicked.connect(self.set_text)
        for btn in (self.goto_btn, self.resolve_btn, self.reopen_btn, self.withdraw_btn, self.edit_btn):
            row.addWidget(btn)
        lay.addLayout(row)
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.history.setMaximumHeight(110)
        self.history.setPlaceholderText(self.tr("history of the selected annotation"))
        lay.addWidget(self.history)
        tools.changed.connect(self.refresh)
        tools.qs.case_changed.connect(lambda _e: self._fill_refs())
        self._fill_refs()
        self.refresh()

    # --- list ----------------------------------------------------------------------------------------
    def shown(self) -> list[Annotation]:
        f = self.filter.currentData() or self.filter.currentText()
        return [a for a in self.store.annotations if f == "all" or a.status == f]

    def refresh(self) -> None:
        keep = self.selected_uid()
        self.tree.blockSignals(True)
        self.tree.clear()
        for a in self.shown():
            item = QTreeWidgetItem([term(ANNOTATION_STATUS, a.status), term(ANNOTATION_KINDS, a.kind), a.text, about(a),
                                    a.author,
                                    a.modified_utc[:19].replace("T", " ")])
            item.setData(0, Qt.ItemDataRole.UserRole, a.uid)
            self.tree.addTopLevelItem(item)
            if a.uid == keep:
                item.setSelected(True)
        self.tree.blockSignals(False)
        for c in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(c)
        total = len(self.store.annotations)
        self.count.setText(self.tr("{shown} of {total}").format(shown=self.tree.topLevelItemCount(), total=total))
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

    def target_key(self) -> str:
        """What the comment is about, as the model says it ("plan", "roi", ...), whatever is shown."""
        return str(self.target.currentData() or self.target.currentText())

    def _fill_refs(self) -> None:
        """Choices for the comment target: ROI names, beam numbers and names, plan labels, goals."""
        self.target_ref.clear()
        case, s = self.s.case, self.s
        t = self.target_key()
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
                items = [self.tr("crosshair")]
        self.target_ref.addItems(items)

    def add_comment(self) -> Annotation | None:
        """A comment about the chosen target (at the crosshair for 'location')."""
        text = self.text.text().strip()
        if not text:
            return None
        t = self.target_key()
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
