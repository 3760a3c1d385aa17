"""The patient banner: who, and exactly which image, structures, plan and dose are on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from .i18n import localized
from .session import QtSession
from .terms import PLAN_KINDS, summation_text, term

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
    elif not s.has_images:
        parts.append(translate("Banner", "<span style='color:#ffb347'><b>No images were found</b></span> (blank canvas)"))
    if s.structure_set is not None:
        parts.append(translate("Banner", "Structures: {label}").format(
            label=s.structure_set.label or s.structure_set.name))
    if s.plan is not None:
        appr = s.plan.approval or translate("Banner", "no status")
        col = "#5fd35f" if appr == "APPROVED" else "#ffb347"
        rx = s.plan.prescription_gy
        rx_txt = (translate("Banner", ", Rx {rx} {unit} / {fractions} fx").format(
            rx=localized(f"{rx:g}"), unit=s.plan.dose_unit_label, fractions=s.plan.fractions or "?") if rx
                  else translate("Banner", ", no prescription"))
        parts.append(translate("Banner", "Plan: {label} ({kind})").format(label=s.plan.label,
                                                                         kind=term(PLAN_KINDS, s.plan.kind) + rx_txt)
                     + f" <span style='color:{col}'><b>{appr}</b></span>")
    else:
        parts.append(translate("Banner", "Plan: none"))
    if s.dose is not None:
        d = s.dose
        warn = (" <span style='color:#ffb347'>" + translate("Banner", "(values per fraction)") + "</span>"
                if d.per_fraction else "")
        parts.append(translate("Banner", "Dose: {summation} {type}").format(
            summation=summation_text(d), type=d.dose_type) + f" <b>{d.value_unit}</b>{warn}")
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
