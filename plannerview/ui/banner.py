"""The patient banner: who, and exactly which image, structures, plan and dose are on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from .session import QtSession
from .terms import PLAN_KINDS, term

translate = QCoreApplication.translate


def banner_text(qs: QtSession, review_state: str = "") -> str:
    """The banner's rich text: labels in the GUI's language, DICOM values (names, labels, approval
    status, dose type) as they are in the files."""
    s = qs.model
    if s.case is None or s.case.is_empty:
        return translate("Banner", "No case loaded")
    obj = s.image or s.plan or s.dose or s.structure_set
    pat = obj.patient if obj is not None else None
    name = (pat.name or "?").replace("^", " ") if pat else "?"
    pid = pat.id if pat else "?"
    parts = [f"<b>{name}</b> &nbsp; ID <b>{pid}</b>"]
    if s.image is not None:
        parts.append(translate("Banner", "Image: {modality} {label}").format(modality=s.image.modality,
                                                                            label=s.image.label))
    if s.structure_set is not None:
        parts.append(translate("Banner", "Structures: {label}").format(
            label=s.structure_set.label or s.structure_set.name))
    if s.plan is not None:
        appr = s.plan.approval or translate("Banner", "no status")
        col = "#5fd35f" if appr == "APPROVED" else "#ffb347"
        parts.append(translate("Banner", "Plan: {label} ({kind})").format(label=s.plan.label,
                                                                                 kind=term(PLAN_KINDS, s.plan.kind))
                     + f" <span style='color:{col}'><b>{appr}</b></span>")
    else:
        parts.append(translate("Banner", "Plan: none"))
    if s.dose is not None:
        kind = "Gy(RBE)" if s.dose.unit_label == "Gy(RBE)" else s.dose.unit_label
        parts.append(translate("Banner", "Dose: {summation} {type}").format(
            summation=s.dose.summation_type, type=s.dose.dose_type) + f" <b>{kind}</b>")
    else:
        parts.append(translate("Banner", "Dose: none"))
    if review_state:
        parts.append(translate("Banner", "Review: <b>{state}</b>").format(state=review_state))
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
