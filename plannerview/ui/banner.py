"""The patient banner: who, and exactly which image, structures, plan and dose are on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from .session import QtSession


def banner_text(qs: QtSession, review_state: str = "") -> str:
    s = qs.model
    if s.case is None or s.case.is_empty:
        return "No case loaded"
    obj = s.image or s.plan or s.dose or s.structure_set
    pat = obj.patient if obj is not None else None
    name = (pat.name or "?").replace("^", " ") if pat else "?"
    pid = pat.id if pat else "?"
    parts = [f"<b>{name}</b> &nbsp; ID <b>{pid}</b>"]
    if s.image is not None:
        parts.append(f"Image: {s.image.modality} {s.image.label}")
    if s.structure_set is not None:
        parts.append(f"Structures: {s.structure_set.label or s.structure_set.name}")
    if s.plan is not None:
        appr = s.plan.approval or "no status"
        col = "#5fd35f" if appr == "APPROVED" else "#ffb347"
        parts.append(f"Plan: {s.plan.label} ({s.plan.kind}) <span style='color:{col}'><b>{appr}</b></span>")
    else:
        parts.append("Plan: none")
    if s.dose is not None:
        kind = "Gy(RBE)" if s.dose.unit_label == "Gy(RBE)" else s.dose.unit_label
        parts.append(f"Dose: {s.dose.summation_type} {s.dose.dose_type} <b>{kind}</b>")
    else:
        parts.append("Dose: none")
    if review_state:
        parts.append(f"Review: <b>{review_state}</b>")
    return " &nbsp;|&nbsp; ".join(parts)


class Banner(QLabel):
    """Always-visible one-line banner; updates on every selection change."""

    def __init__(self, qs: QtSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.setObjectName("banner")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.review_state = ""
        qs.selection_changed.connect(lambda _e: self.refresh())
        qs.case_changed.connect(lambda _e: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        s = self.qs.model
        self.setProperty("approval", s.plan.approval if s.plan else "")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(banner_text(self.qs, self.review_state))

    def set_review_state(self, state: str) -> None:
        """Show the review panel's state ('IN REVIEW', 'APPROVE by ...')."""
        self.review_state = state
        self.refresh()
