"""Clinical goals table (compute.goals): pass / acceptable / fail in colour, selectable protocol."""

from __future__ import annotations

from functools import partial
from typing import Any

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

from ..compute.goals import evaluate_goals
from ..review.loaders import list_protocols, load_protocol
from .session import QtSession
from .workers import Job, JobRunner

COLUMNS = ["ROI", "Matched", "Metric", "Value", "Limit", "Acceptable", "Status", "Note"]
STATUS_COLORS = {"pass": QColor(40, 150, 60), "acceptable": QColor(200, 150, 20), "fail": QColor(200, 40, 40),
                 "not_evaluated": QColor(110, 110, 110)}


def _evaluate(protocol_name: str, ss: Any, dose: Any, fractions: int | None, rx: float | None,
              progress: Any = None, cancel: Any = None) -> dict[str, Any]:
    """The goals document (as ``plannerview goals --json`` prints it)."""
    report = evaluate_goals(load_protocol(protocol_name), ss, dose, fractions, rx, progress=progress, cancel=cancel)
    doc: dict[str, Any] = report.to_json() if hasattr(report, "to_json") else dict(report)  # type: ignore[call-overload]
    return dict(doc)


class GoalsPanel(QWidget):
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
        self.result: dict[str, Any] | None = None
        self._key: tuple[str, ...] = ()
        self._job: Job | None = None
        self.protocol.currentTextChanged.connect(lambda _t: self.request())
        qs.selection_changed.connect(lambda _e: self.request())

    def _args(self) -> tuple[Any, ...] | None:
        s = self.qs.model
        if s.structure_set is None or s.dose is None or not self.protocol.currentText():
            return None
        plan = s.plan
        return (self.protocol.currentText(), s.structure_set, s.dose,
                plan.fractions if plan else None, plan.prescription_gy if plan else None)

    def request(self) -> None:
        args = self._args()
        key = (args[0], args[1].sop_uid, args[2].sop_uid) if args else ()
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
        self._job = self.runner.start(Job(_evaluate, *args), on_done=partial(self._done, key=key),
                                      on_failed=lambda m: self.status.setText("failed: " + m.splitlines()[0]))

    def evaluate_now(self) -> None:
        args = self._args()
        self._key = (args[0], args[1].sop_uid, args[2].sop_uid) if args else ()
        if args is not None:
            self._done(_evaluate(*args), self._key)

    def _done(self, result: dict[str, Any], key: tuple[str, ...]) -> None:
        if key != self._key:
            return
        self._job = None
        self.result = result
        rows = result["goals"]
        self.table.setRowCount(len(rows))
        for r, g in enumerate(rows):
            val = "" if g["value"] is None else f"{g['value']:.2f} {g['unit']}"
            cells = [g["roi"], g["matched_roi"] or "—", g["metric"], val, f"{g.get('comparator', g.get('op', ''))} {g['limit']:g}",
                     "" if g["acceptable"] is None else f"{g['acceptable']:g}", g["status"], g["note"]]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(str(text))
                if c == 6:
                    it.setBackground(STATUS_COLORS.get(g["status"], QColor(90, 90, 90)))
                    it.setForeground(QColor(255, 255, 255))
                if c == 7 or c == 2:
                    it.setToolTip(g.get("citation", "") if c == 2 else str(text))
                self.table.setItem(r, c, it)
        self.table.resizeColumnsToContents()
        counts = {s: sum(1 for g in rows if g["status"] == s) for s in ("pass", "acceptable", "fail")}
        self.status.setText(f"{counts['pass']} pass, {counts['acceptable']} acceptable, {counts['fail']} fail")
