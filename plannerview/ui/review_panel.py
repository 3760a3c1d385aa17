"""The review panel: automated plan checks, the clinical goals' verdict, and the sign-off buttons.

Everything it shows comes from the Qt-free core (``review.checks``, ``review.signoff``); the panel
starts a :class:`~plannerview.review.signoff.PlanReview` (files hashed, ``review-started`` logged)
when a plan is selected, runs the checks off the GUI thread, and records the sign-off (SR in the
user's review folder, ``signed-off`` in the audit log). The banner shows the review state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..review.audit import AuditLog
from ..review.checks import CheckReport, Status, make_context, run_checks
from ..review.signoff import DECISIONS, ROLES, Comment, PlanReview, SignOffError, current_user
from ..tasks import TaskContext
from ..userdirs import data_dir
from .check_titles import check_title
from .i18n import say
from .session import QtSession
from .terms import CHECK_STATUS, VERDICTS, term
from .terms import DECISIONS as DECISION_WORDS
from .terms import ROLES as ROLE_WORDS
from .workers import Job, JobRunner

STATUS_COLORS = {Status.PASS: QColor(40, 150, 60), Status.WARN: QColor(200, 150, 20), Status.FAIL: QColor(200, 40, 40),
                 Status.NOT_APPLICABLE: QColor(110, 110, 110)}
LABELS = {"approve": "Approve", "approve-with-comments": "Approve with comments",
          "request-changes": "Request changes", "reject": "Reject"}  # English; shown through terms.DECISIONS


def decision_label(decision: str) -> str:
    """A decision's button text in the GUI's language."""
    return term(DECISION_WORDS, decision)


def _checks(ws: Any, case: Any, plan: Any, dose: Any, ss: Any, ctx: TaskContext | None = None) -> CheckReport:
    return run_checks(make_context(case, plan, dose, ss, results=ws), task=ctx)


class ReviewPanel(QWidget):
    """Checks table, goals verdict, reviewer fields and the four decision buttons."""

    state_changed = Signal(str)
    checks_ready = Signal(object)

    def __init__(self, qs: QtSession, runner: JobRunner | None = None, *,
                 goals_source: Callable[[], Any] | None = None,
                 out_dir: str | Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.runner = runner or JobRunner(self)
        self.goals_source = goals_source
        self.out_dir = Path(out_dir) if out_dir else data_dir() / "reviews"
        self.review: PlanReview | None = None
        self.report: CheckReport | None = None
        self._job: Job | None = None
        self.state = QLabel(self.tr("No plan selected"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Status"), self.tr("Check"), self.tr("Result")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.goals = QLabel(self.tr("Goals: —"))
        self.reviewer = QLineEdit(current_user())
        self.role = QComboBox()  # shown in the GUI's language; the item data is the role recorded
        for r in ROLES:
            self.role.addItem(term(ROLE_WORDS, r), r)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("Comment on the plan (required unless approving)"))
        self.comment.setMaximumHeight(70)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for d in DECISIONS:
            b = QPushButton(decision_label(d))
            b.setObjectName(f"signoff-{d}")
            b.clicked.connect(lambda _c=False, dec=d: self.sign_off(dec))
            self.buttons[d] = b
            row.addWidget(b)
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Reviewer")), 0, 0)
        form.addWidget(self.reviewer, 0, 1)
        form.addWidget(QLabel(self.tr("Role")), 0, 2)
        form.addWidget(self.role, 0, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.state)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.goals)
        lay.addLayout(form)
        lay.addWidget(self.comment)
        lay.addLayout(row)
        qs.selection_changed.connect(lambda _e: self.plan_changed())
        self.plan_changed()

    # --- the review of the selected plan ------------------------------------------------------
    def plan_changed(self) -> None:
        s = self.qs.model
        plan = s.plan
        if plan is None or s.case is None:
            self.review = None
            self._set_state(self.tr("No plan selected"))
            return
        if self.review is not None and self.review.plan is plan and self.review.dose is s.dose:
            return
        self.review = PlanReview(s.case, plan, s.dose, s.structure_set, reviewer=self.reviewer.text(),
                                 role=self.role_key(), log=AuditLog())
        try:
            self.review.start()
            self._set_state(self.tr("In review: '{plan}'").format(plan=plan.label))
        except Exception as exc:  # an unreadable file or a broken audit log: say so, keep the viewer working
            self._set_state(self.tr("Review not started: {error}").format(error=exc))
        self.request_checks()

    def request_checks(self) -> None:
        s = self.qs.model
        if s.plan is None or s.case is None:
            return
        if self._job is not None:
            self._job.cancel()
        self.table.setRowCount(0)
        plan = s.plan
        self._job = self.runner.start(Job(_checks, self.qs.workspace, s.case, plan, s.dose, s.structure_set),
                                      on_done=partial(self._checks_done, plan=plan),
                                      on_failed=lambda m: self.state.setText(
                                          self.tr("checks failed: {error}").format(error=m.splitlines()[0])))

    def run_checks_now(self) -> CheckReport:
        """Run the checks on the GUI thread (tests and scripting)."""
        s = self.qs.model
        report = _checks(self.qs.workspace, s.case, s.plan, s.dose, s.structure_set)
        self._checks_done(report, s.plan)
        return report

    def _checks_done(self, report: CheckReport, plan: Any) -> None:
        if self.qs.model.plan is not plan:
            return
        self._job = None
        self.report = report
        self.table.setRowCount(len(report.results))
        for r, res in enumerate(report.results):
            status = QTableWidgetItem(term(CHECK_STATUS, res.status.value))
            status.setBackground(STATUS_COLORS[res.status])
            status.setForeground(QColor(255, 255, 255))
            title = QTableWidgetItem(check_title(res.id, res.title))
            title.setToolTip(res.citation)
            line = say(res.message)
            msg = QTableWidgetItem(line)
            msg.setToolTip(line)
            for c, it in enumerate((status, title, msg)):
                self.table.setItem(r, c, it)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 260)
        self.refresh_goals()
        self.checks_ready.emit(report)

    def refresh_goals(self) -> None:
        report = self.goals_source() if self.goals_source is not None else None
        if report is None:
            self.goals.setText(self.tr("Goals: not evaluated (choose a protocol in the Clinical goals panel)"))
            return
        c = report.counts
        self.goals.setText(self.tr("Goals ({protocol}): {passed} {pass_word}, {acceptable} {acceptable_word}, "
                                   "{failed} {fail_word}, {not_evaluated} {not_evaluated_word}").format(
            protocol=report.protocol.name, passed=c["pass"], acceptable=c["acceptable"], failed=c["fail"],
            not_evaluated=c["not_evaluated"], pass_word=term(VERDICTS, "pass"),
            acceptable_word=term(VERDICTS, "acceptable"), fail_word=term(VERDICTS, "fail"),
            not_evaluated_word=term(VERDICTS, "not_evaluated")))

    # --- sign-off -----------------------------------------------------------------------------
    def sign_off(self, decision: str) -> bool:
        """Record ``decision``; on refusal or a missing comment the reason is shown and nothing is written."""
        if self.review is None:
            self.state.setText(self.tr("No plan under review"))
            return False
        text = self.comment.toPlainText().strip()
        comments = [Comment(text)] if text else []
        self.review.reviewer = self.reviewer.text().strip() or current_user()
        self.review.role = self.role_key()
        try:
            goals = self.goals_source() if self.goals_source is not None else None
            result = self.review.sign_off(decision, comments, self.out_dir, checks=self.report, goals=goals)
        except SignOffError as exc:
            self.state.setText("<span style='color:#d33'><b>" + self.tr("Not signed off:") + f"</b> {exc}</span>")
            return False
        self._set_state(self.tr("{decision} by {reviewer} ({role}); audit {hash}…").format(
            decision=decision_label(decision).upper(), reviewer=result.reviewer, role=term(ROLE_WORDS, result.role),
            hash=result.audit.hash[:12]))
        for b in self.buttons.values():
            b.setEnabled(False)
        return True

    def _set_state(self, text: str) -> None:
        self.state.setText(text)
        for b in self.buttons.values():
            b.setEnabled(self.review is not None and self.review.result is None)
        self.state_changed.emit(self.review_state())

    def role_key(self) -> str:
        """The chosen role as recorded (``review.signoff.ROLES``), whatever the language shown."""
        return str(self.role.currentData() or self.role.currentText())

    def review_state(self) -> str:
        """The short state the banner shows."""
        if self.review is None:
            return ""
        if self.review.result is not None:
            return self.tr("{decision} by {reviewer}").format(
                decision=decision_label(self.review.result.decision).upper(), reviewer=self.review.result.reviewer)
        return self.tr("IN REVIEW") if self.review.start_entry is not None else self.tr("NOT STARTED")
