"""Clinical goals table: pass / acceptable / fail in colour. The report comes from the workspace
(``Workspace.goals``: cached, ROI DVHs shared with the DVH panel).

The protocol is chosen from the plan (``review.protocol_choice.choose_protocol``: fractionation,
radiation, the ROIs present, the user's last choice for similar plans), never by alphabet; the
panel says which protocol is applied and why, or asks the user to choose. A choice the user makes
is remembered per kind of plan in the GUI settings. A goal whose target several ROIs could be
gets a list of those ROIs in its "Matched" cell: the ROI picked is remembered as an ROI map entry
for the structure set. Goals computed on ROIs partly outside the dose grid are flagged, and a
per-fraction dose evaluated against whole-course limits is said so above the table.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
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

from ..compute.goals import GoalReport, GoalResult, distrust_on_errors
from ..compute.protocols import Protocol, ProtocolError
from ..review.in_use import findings_in_use
from ..review.loaders import list_protocols, load_protocol
from ..review.protocol_choice import ProtocolChoice, choose_protocol, history_key
from .findings_line import FindingsLine
from .i18n import QT_TRANSLATE_NOOP, num, say
from .session import QtSession
from .settings import Settings
from .terms import VERDICTS, term
from .workers import Job, JobRunner

COLUMNS = [QT_TRANSLATE_NOOP("GoalsPanel", "ROI"), QT_TRANSLATE_NOOP("GoalsPanel", "Matched"),
           QT_TRANSLATE_NOOP("GoalsPanel", "Metric"), QT_TRANSLATE_NOOP("GoalsPanel", "Value"),
           QT_TRANSLATE_NOOP("GoalsPanel", "Limit"), QT_TRANSLATE_NOOP("GoalsPanel", "Acceptable"),
           QT_TRANSLATE_NOOP("GoalsPanel", "Status"), QT_TRANSLATE_NOOP("GoalsPanel", "Note")]
STATUS_COLORS = {"pass": QColor(40, 150, 60), "acceptable": QColor(200, 150, 20), "fail": QColor(200, 40, 40),
                 "not_evaluated": QColor(110, 110, 110)}
CHOOSE = QT_TRANSLATE_NOOP("GoalsPanel", "(choose a protocol)")  # shown translated: compare with choose_text()
PICK = QT_TRANSLATE_NOOP("GoalsPanel", "(pick the ROI)")


def choose_text() -> str:
    """The protocol list's first entry ("choose a protocol") as shown."""
    return QCoreApplication.translate("GoalsPanel", CHOOSE)


class GoalsPanel(QWidget):
    report_ready = Signal(object)  # GoalReport

    def __init__(self, qs: QtSession, runner: JobRunner | None = None, parent: QWidget | None = None, *,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.runner = runner or JobRunner(self)
        self.settings = settings if settings is not None else Settings()  # in memory unless the window's
        self._protocols: dict[str, Protocol] | None = None
        self.protocol = QComboBox()
        self.protocol.addItem(choose_text())
        self.protocol.addItems(list_protocols())
        self.reason = QLabel("")  # which protocol and why
        self.reason.setWordWrap(True)
        self.warnings = QLabel("")  # per-fraction dose, partial coverage, ambiguous targets
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #ffb347")
        self.warnings.setVisible(False)
        self.status = QLabel("")
        self.findings = FindingsLine(qs)  # preflight errors and warnings of the dose, structures and plan
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("GoalsPanel", c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Protocol")))
        row.addWidget(self.protocol, 1)
        row.addWidget(self.status)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(row)
        lay.addWidget(self.reason)
        lay.addWidget(self.findings)
        lay.addWidget(self.warnings)
        lay.addWidget(self.table, 1)
        self.result: GoalReport | None = None
        self.choice: ProtocolChoice | None = None
        self._key: tuple[str, ...] = ("\0",)  # nothing requested yet (never equal to a real key)
        self._choice_key: tuple[str, ...] = ()
        self._case_gen = 0  # counts cases: a late report of the last case never passes for this one's
        self._job: Job | None = None
        self._setting = False
        self.protocol.currentTextChanged.connect(self._protocol_changed)
        self.protocol.activated.connect(self._user_chose)  # only the user's own choice is remembered
        qs.selection_changed.connect(lambda _e: self.request())
        qs.case_changed.connect(lambda _e: self._forget())
        self.findings.refresh()

    def _forget(self) -> None:
        """A new case: objects with the last case's UIDs may differ (a corrected copy), so evaluate again."""
        self._key = ("\0",)
        self._choice_key = ("\0",)
        self._case_gen += 1

    # --- protocol choice ------------------------------------------------------------------------
    def protocols(self) -> dict[str, Protocol]:
        if self._protocols is None:
            self._protocols = {n: load_protocol(n) for n in list_protocols()}
        return self._protocols

    def protocol_named(self, name: str) -> Protocol:
        """A bundled protocol by name, or a protocol file (loaded once)."""
        table = self.protocols()
        if name not in table:
            table[name] = load_protocol(name)
        return table[name]

    def current_protocol(self) -> str | None:
        t = self.protocol.currentText()
        return None if t in ("", choose_text()) else t

    def set_protocol(self, name: str | None) -> None:
        """Apply a protocol (None: none, the user chooses) without remembering it as a choice; it stays
        until another plan is selected."""
        self._choose()  # the automatic choice for the current plan first, so it does not replace this one
        if name and self.protocol.findText(name) < 0:  # a protocol file
            self.protocol.addItem(name)
        self._setting = True
        try:
            self.protocol.setCurrentText(name if name else choose_text())
        finally:
            self._setting = False
        self.request()

    def _choose(self) -> None:
        """Choose the protocol for the selected plan and structures (when they changed)."""
        s = self.qs.model
        # the plan, its structures and the kind of dose: another dose of the same plan (scaled to the
        # course, say) keeps the protocol in use
        key = (s.plan.sop_uid if s.plan else "", s.structure_set.sop_uid if s.structure_set else "",
               s.dose.dose_type if s.dose else "")
        if key == self._choice_key:
            return
        self._choice_key = key
        if s.dose is None or s.structure_set is None:
            self.choice = None
            return
        bundled = [self.protocols()[n] for n in list_protocols()]
        self.choice = choose_protocol(bundled, s.plan, s.structure_set, s.dose.dose_type,
                                      self.settings.protocol_history)
        self._setting = True
        try:
            self.protocol.setCurrentText(self.choice.name or choose_text())
        finally:
            self._setting = False

    def _protocol_changed(self, _text: str) -> None:
        if not self._setting:
            self.request()

    def _user_chose(self, _index: int) -> None:
        name = self.current_protocol()
        plan = self.qs.model.plan
        if name is None:
            return
        self.settings.protocol_history[history_key(plan)] = name
        self.settings.save()
        self.choice = ProtocolChoice(self.protocol_named(name), self.tr("your choice"))

    def reason_text(self) -> str:
        name = self.current_protocol()
        # the choice's reason comes from the core (review.protocol_choice): a marked sentence with the plan's values
        if name is None:
            why = say(self.choice.reason) if self.choice is not None and self.choice.protocol is None else self.tr(
                "choose one")
            return self.tr("No protocol applied: {why}").format(why=why)
        prot = self.protocols().get(name)
        title = prot.title if prot is not None else name
        why = say(self.choice.reason) if self.choice is not None and self.choice.name == name else self.tr(
            "chosen by you")
        return self.tr("Applied: <b>{title}</b> — {why}").format(title=title, why=why)

    # --- evaluation -----------------------------------------------------------------------------
    def roi_map(self) -> dict[str, str]:
        ss = self.qs.model.structure_set
        return dict(self.settings.roi_maps.get(ss.sop_uid, {})) if ss is not None else {}

    def _args(self) -> tuple[Any, ...] | None:
        s = self.qs.model
        name = self.current_protocol()
        if s.structure_set is None or s.dose is None or name is None:
            return None
        return (self.protocol_named(name), s.structure_set, s.dose, s.plan)

    def request(self) -> None:
        self._choose()
        self.reason.setText(self.reason_text())
        try:
            args = self._args()
        except ProtocolError as exc:
            self.status.setText(self.tr("protocol not readable: {error}").format(error=exc))
            return
        rmap = self.roi_map()
        key = (*_key(args, rmap), str(self._case_gen))
        if key == self._key:
            return
        self._key = key
        if self._job is not None:
            self._job.cancel()
        self.table.setRowCount(0)
        self.result = None
        self._show_warnings(None)
        if args is None:
            s = self.qs.model
            self.status.setText(self.tr("needs structures and a dose") if s.structure_set is None or s.dose is None
                                else self.tr("choose a protocol"))
            return
        self.status.setText(self.tr("evaluating…"))
        self._job = self.runner.start(Job(self.qs.workspace.goals, *args, roi_map=rmap),
                                      on_done=partial(self._done, key=key),
                                      on_failed=lambda m: self.status.setText(
                                          self.tr("failed: {error}").format(error=m.splitlines()[0])))

    def evaluate_now(self) -> None:
        self._choose()
        self.reason.setText(self.reason_text())
        args = self._args()
        rmap = self.roi_map()
        self._key = (*_key(args, rmap), str(self._case_gen))
        if args is not None:
            self._done(self.qs.workspace.goals(*args, roi_map=rmap), self._key)

    def _done(self, report: GoalReport, key: tuple[str, ...]) -> None:
        if key != self._key:
            return
        self._job = None
        s = self.qs.model
        # an object in use with a preflight error: no goal on it is "pass" (as `plannerview goals`)
        report = distrust_on_errors(report, findings_in_use(s.case, s.dose, s.structure_set, s.plan))
        self.result = report
        rows = report.results
        self.table.setRowCount(len(rows))
        for r, g in enumerate(rows):
            goal = g.goal
            val = "" if g.value is None else f"{num(g.value, '.2f')} {g.unit}" + ("/fx" if _per_fx(report, g) else "")
            status = term(VERDICTS, g.status) + (" *" if g.partly_covered else "")
            cells = [goal.roi, g.matched_roi or "—", goal.metric, val, f"{goal.comparator} {num(g.limit, 'g')}",
                     "" if g.acceptable is None else num(g.acceptable, "g"), status, say(g.note)]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(str(text))
                if c == 6:
                    it.setBackground(STATUS_COLORS.get(g.status, QColor(90, 90, 90)))
                    it.setForeground(QColor(255, 255, 255))
                    if g.partly_covered:
                        it.setToolTip(self.tr("only {percent} % of {roi} lies inside the dose grid: the value "
                                              "is for that part").format(percent=num(g.covered_percent or 0.0, ".1f"),
                                                                         roi=g.matched_roi))
                if c == 7 or c == 2:
                    it.setToolTip(str(goal.citation) if c == 2 else str(text))
                self.table.setItem(r, c, it)
            if g.candidates:
                self._picker(r, g)
        self.table.resizeColumnsToContents()
        counts = report.counts
        self.status.setText(self.tr("{passed} pass, {acceptable} acceptable, {failed} fail").format(
            passed=counts["pass"], acceptable=counts["acceptable"], failed=counts["fail"]))
        self._show_warnings(report)
        self.report_ready.emit(report)

    def _picker(self, row: int, g: GoalResult) -> None:
        """A list of the ROIs that could be the goal's target, in its Matched cell."""
        box = QComboBox()
        box.addItem(QCoreApplication.translate("GoalsPanel", PICK))
        box.addItems(list(g.candidates))
        box.setToolTip(self.tr("several ROIs could be the {roi}: pick the one the goal means").format(roi=g.goal.roi))
        box.activated.connect(lambda i, b=box, goal_roi=g.goal.roi: self.pick_target(goal_roi, b.itemText(i))
                              if i > 0 else None)
        self.table.setCellWidget(row, 1, box)

    def pick_target(self, goal_roi: str, roi_name: str) -> None:
        """Take ``roi_name`` as the protocol's ``goal_roi`` for this structure set (remembered as an ROI
        map entry for it) and evaluate again."""
        ss = self.qs.model.structure_set
        if ss is None:
            return
        entries = self.settings.roi_maps.setdefault(ss.sop_uid, {})
        for k in [k for k, v in entries.items() if v == goal_roi]:
            del entries[k]
        entries[roi_name] = goal_roi
        self.settings.save()
        self.request()

    def _show_warnings(self, report: GoalReport | None) -> None:
        lines: list[str] = []
        if report is not None:
            lines += [say(w) for w in report.warnings]
            inside: dict[str, float] = {}
            for g in report.results:
                if g.partly_covered and g.matched_roi and g.covered_percent is not None:
                    inside.setdefault(g.matched_roi, g.covered_percent)
            if inside:
                pct = ", ".join(f"{n} {v:.0f} %" for n, v in inside.items())
                lines.append(self.tr("* computed on ROIs partly outside the dose grid (share inside the grid: "
                                     "{shares})").format(shares=pct))
            amb = [g.goal.roi for g in report.results if g.candidates]
            if amb:
                lines.append(self.tr("several ROIs could be the {rois}: pick one in the Matched column (remembered "
                                     "for this structure set)").format(rois=", ".join(dict.fromkeys(amb))))
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))


def _per_fx(report: GoalReport, g: GoalResult) -> bool:
    return report.per_fraction and report.protocol.eqd2_total is None and g.unit.startswith("Gy")


def _key(args: tuple[Any, ...] | None, roi_map: dict[str, str]) -> tuple[str, ...]:
    """What a report depends on: protocol, structure set, dose, plan (fractions, prescription), ROI map."""
    if args is None:
        return ()
    protocol, ss, dose, plan = args
    return (protocol.name, protocol.sha256 or "", ss.sop_uid, dose.sop_uid, plan.sop_uid if plan is not None else "",
            repr(sorted(roi_map.items())))
