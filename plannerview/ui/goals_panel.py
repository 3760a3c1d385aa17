"""Clinical goals table: pass / acceptable / fail in colour, selectable protocol. The report comes
from the workspace (``Workspace.goals``: cached, ROI DVHs shared with the DVH panel)."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..compute.goals import GoalReport
from ..review.loaders import list_protocols
from .session import QtSession
from .workers import Job, JobRunner

COLUMNS = ["ROI", "Matched", "Metric", "Value", "Limit", "Acceptable", "Status", "Note"]
STATUS_COLORS = {"pass": QColor(40, 150, 60), "acceptable": QColor(200, 150, 20), "fail": QColor(200, 40, 40),
                 "not_evaluated": QColor(110, 110, 110)}


class GoalsPanel(QWidget):
    report_ready = Signal(object)  # GoalReport

    def __init__(self, qs: QtSession, runner: JobRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.runner = runner or JobRunner(self)
        self.protocol = QComboBox()
        self.protocol.addItems(list_protocols())
        self.status = QLabel("")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        row = QHBoxLayout()
        row.addWidget(QLabel("Protocol"))
        row.addWidget(self.protocol, 1)
        row.addWidget(self.status)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        self.result: GoalReport | None = None
        self._key: tuple[str, ...] = ()
        self._job: Job | None = None
        self.protocol.currentTextChanged.connect(lambda _t: self.request())
        qs.selection_changed.connect(lambda _e: self.request())

    def _args(self) -> tuple[Any, ...] | None:
        s = self.qs.model
        if s.structure_set is None or s.dose is None or not self.protocol.currentText():
            return None
        plan = s.plan
        return (self.protocol.currentText(), s.structure_set, s.dose, plan)

    def request(self) -> None:
        args = self._args()
        key = _key(args)
        if key == self._key:
            return
        self._key = key
        if self._job is not None:
            self._job.cancel()
        self.table.setRowCount(0)
        if args is None:
            self.status.setText("needs structures, a dose and a protocol")
            return
        self.status.setText("evaluating…")
        self._job = self.runner.start(Job(self.qs.workspace.goals, *args), on_done=partial(self._done, key=key),
                                      on_failed=lambda m: self.status.setText("failed: " + m.splitlines()[0]))

    def evaluate_now(self) -> None:
        args = self._args()
        self._key = _key(args)
        if args is not None:
            self._done(self.qs.workspace.goals(*args), self._key)

    def _done(self, report: GoalReport, key: tuple[str, ...]) -> None:
        if key != self._key:
            return
        self._job = None
        self.result = report
        rows = report.results
        self.table.setRowCount(len(rows))
        for r, g in enumerate(rows):
            goal = g.goal
            val = "" if g.value is None else f"{g.value:.2f} {g.unit}"
            cells = [goal.roi, g.matched_roi or "—", goal.metric, val, f"{goal.comparator} {g.limit:g}",
                     "" if g.acceptable is None else f"{g.acceptable:g}", g.status, g.note]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(str(text))
                if c == 6:
                    it.setBackground(STATUS_COLORS.get(g.status, QColor(90, 90, 90)))
                    it.setForeground(QColor(255, 255, 255))
                if c == 7 or c == 2:
                    it.setToolTip(str(goal.citation) if c == 2 else str(text))
                self.table.setItem(r, c, it)
        self.table.resizeColumnsToContents()
        counts = report.counts
        self.status.setText(f"{counts['pass']} pass, {counts['acceptable']} acceptable, {counts['fail']} fail")
        self.report_ready.emit(report)


def _key(args: tuple[Any, ...] | None) -> tuple[str, ...]:
    """What a report depends on: protocol, structure set, dose and plan (fractions, prescription)."""
    if args is None:
        return ()
    protocol, ss, dose, plan = args
    return (protocol, ss.sop_uid, dose.sop_uid, plan.sop_uid if plan is not None else "")
