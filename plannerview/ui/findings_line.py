"""A line above the DVH and the goals naming the preflight findings of the objects on screen.

The case browser lists every finding of the case; this line shows, where the numbers are, the
errors and warnings of the dose, structure set and plan in use (a derived dose: of the stored
doses it came from), each with its file and problem (``review.in_use``). Hidden when there are none.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..model.findings import Finding, Severity
from ..review.in_use import finding_line, findings_in_use
from .session import QtSession

SHOWN = 3  # lines on screen; the rest in the tooltip
ERROR_STYLE = "color: #ff6b6b; font-weight: bold"
WARNING_STYLE = "color: #ffb347"


class FindingsLine(QLabel):
    """Errors (red) and warnings (amber) of the dose, structure set and plan in use."""

    def __init__(self, qs: QtSession | None, parent: QWidget | None = None) -> None:
        """With ``qs``: follows its selection; without: shows what :meth:`show_findings` is given."""
        super().__init__(parent)
        self.qs = qs
        self.setObjectName("findings_in_use")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings: tuple[Finding, ...] = ()
        if qs is not None:
            qs.selection_changed.connect(lambda _e: self.refresh())
            qs.case_changed.connect(lambda _e: self.refresh())
        self.setVisible(False)  # the owner calls refresh() once the line is in its layout

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.ERROR)

    def refresh(self) -> None:
        if self.qs is None:
            return
        s = self.qs.model
        self.show_findings(findings_in_use(s.case, s.dose, s.structure_set, s.plan))

    def show_findings(self, findings: tuple[Finding, ...]) -> None:
        """Show these findings (errors first), or hide the line when there are none."""
        self.findings = tuple(findings)
        if not self.findings:
            self.clear()
            self.setToolTip("")
            self.setVisible(False)
            return
        lines = [finding_line(f) for f in self.findings]
        n_err = len(self.errors)
        n_warn = len(lines) - n_err
        counts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((n_err, "error"), (n_warn, "warning")) if n]
        head = (f"Preflight of the objects in use: {', '.join(counts)}"
                + (" — goals on them are not trusted (never pass)" if n_err else ""))
        shown = lines[:SHOWN] + ([f"… {len(lines) - SHOWN} more (tooltip; all in the Case panel)"]
                                 if len(lines) > SHOWN else [])
        self.setText("\n".join([head, *shown]))
        self.setToolTip("\n".join(f"{line}\n    {f.file}" if f.file else line
                                  for f, line in zip(self.findings, lines, strict=True)))
        self.setStyleSheet(ERROR_STYLE if n_err else WARNING_STYLE)
        self.setVisible(True)
