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
    elif not s.has_images:
        parts.append("<span style='color:#ffb347'><b>No images were found</b></span> (blank canvas)")
    if s.structure_set is not None:
        parts.append(f"Structures: {s.structure_set.label or s.structure_set.name}")
    if s.plan is not None:
        appr = s.plan.approval or "no status"
        col = "#5fd35f" if appr == "APPROVED" else "#ffb347"
        rx = s.plan.prescription_gy
        rx_txt = f", Rx {rx:g} {s.plan.dose_unit_label} / {s.plan.fractions or '?'} fx" if rx else ", no prescription"
        parts.append(f"Plan: {s.plan.label} ({s.plan.kind}{rx_txt}) <span style='color:{col}'><b>{appr}</b></span>")
    else:
        parts.append("Plan: none")
    if s.dose is not None:
        d = s.dose
        warn = " <span style='color:#ffb347'>(values per fraction)</span>" if d.per_fraction else ""
        parts.append(f"Dose: {d.summation_label} {d.dose_type} <b>{d.value_unit}</b>{warn}")
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
