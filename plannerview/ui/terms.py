"""Words several panels show for values the core keeps as English keys: window presets, view
names, goal verdicts, check statuses, review decisions and roles, camera directions.

The keys stay what the core, the settings, the CLI and ``--json`` use; only what is shown is
translated (``QT_TRANSLATE_NOOP`` marks each word for ``pyside6-lupdate``; the functions below
look it up at run time in the installed language).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from .i18n import QT_TRANSLATE_NOOP

PRESETS = {
    "soft tissue": QT_TRANSLATE_NOOP("Terms", "soft tissue"),
    "lung": QT_TRANSLATE_NOOP("Terms", "lung"),
    "bone": QT_TRANSLATE_NOOP("Terms", "bone"),
    "brain": QT_TRANSLATE_NOOP("Terms", "brain"),
}
VIEWS = {
    "axial": QT_TRANSLATE_NOOP("Terms", "axial"),
    "sagittal": QT_TRANSLATE_NOOP("Terms", "sagittal"),
    "coronal": QT_TRANSLATE_NOOP("Terms", "coronal"),
}
#: clinical-goal verdicts (compute.goals)
VERDICTS = {
    "pass": QT_TRANSLATE_NOOP("Terms", "pass"),
    "acceptable": QT_TRANSLATE_NOOP("Terms", "acceptable"),
    "fail": QT_TRANSLATE_NOOP("Terms", "fail"),
    "not_evaluated": QT_TRANSLATE_NOOP("Terms", "not evaluated"),
}
#: plan-check statuses (review.checks.Status values)
CHECK_STATUS = {
    "PASS": QT_TRANSLATE_NOOP("Terms", "PASS"),
    "WARN": QT_TRANSLATE_NOOP("Terms", "WARN"),
    "FAIL": QT_TRANSLATE_NOOP("Terms", "FAIL"),
    "NOT APPLICABLE": QT_TRANSLATE_NOOP("Terms", "NOT APPLICABLE"),
}
#: verdicts of the independent dose check (review.dose_check)
DOSE_VERDICTS = {
    "pass": QT_TRANSLATE_NOOP("Terms", "PASS"),
    "review": QT_TRANSLATE_NOOP("Terms", "REVIEW"),
    "fail": QT_TRANSLATE_NOOP("Terms", "FAIL"),
}
#: DICOM patient positions (the code is shown as it is, its meaning beside it)
PATIENT_POSITIONS = {
    "HFS": QT_TRANSLATE_NOOP("Terms", "head first, supine"),
    "FFS": QT_TRANSLATE_NOOP("Terms", "feet first, supine"),
    "HFP": QT_TRANSLATE_NOOP("Terms", "head first, prone"),
    "FFP": QT_TRANSLATE_NOOP("Terms", "feet first, prone"),
    "HFDL": QT_TRANSLATE_NOOP("Terms", "head first, decubitus left"),
    "HFDR": QT_TRANSLATE_NOOP("Terms", "head first, decubitus right"),
    "FFDL": QT_TRANSLATE_NOOP("Terms", "feet first, decubitus left"),
    "FFDR": QT_TRANSLATE_NOOP("Terms", "feet first, decubitus right"),
}
#: sign-off decisions (review.signoff.DECISIONS)
DECISIONS = {
    "approve": QT_TRANSLATE_NOOP("Terms", "Approve"),
    "approve-with-comments": QT_TRANSLATE_NOOP("Terms", "Approve with comments"),
    "request-changes": QT_TRANSLATE_NOOP("Terms", "Request changes"),
    "reject": QT_TRANSLATE_NOOP("Terms", "Reject"),
}
#: reviewer roles (review.signoff.ROLES)
ROLES = {
    "physician": QT_TRANSLATE_NOOP("Terms", "physician"),
    "physicist": QT_TRANSLATE_NOOP("Terms", "physicist"),
    "dosimetrist": QT_TRANSLATE_NOOP("Terms", "dosimetrist"),
    "radiation-therapist": QT_TRANSLATE_NOOP("Terms", "radiation therapist"),
    "nurse": QT_TRANSLATE_NOOP("Terms", "nurse"),
    "technologist": QT_TRANSLATE_NOOP("Terms", "technologist"),
    "other": QT_TRANSLATE_NOOP("Terms", "other"),
}
#: annotations (model.annotation): statuses, kinds and what a comment is about
ANNOTATION_STATUS = {
    "all": QT_TRANSLATE_NOOP("Terms", "all"),
    "open": QT_TRANSLATE_NOOP("Terms", "open"),
    "resolved": QT_TRANSLATE_NOOP("Terms", "resolved"),
    "withdrawn": QT_TRANSLATE_NOOP("Terms", "withdrawn"),
}
ANNOTATION_KINDS = {
    "point": QT_TRANSLATE_NOOP("Terms", "point"),
    "arrow": QT_TRANSLATE_NOOP("Terms", "arrow"),
    "ruler": QT_TRANSLATE_NOOP("Terms", "ruler"),
    "polygon": QT_TRANSLATE_NOOP("Terms", "polygon"),
    "freehand": QT_TRANSLATE_NOOP("Terms", "freehand"),
    "comment": QT_TRANSLATE_NOOP("Terms", "comment"),
}
ANNOTATION_TARGETS = {
    "plan": QT_TRANSLATE_NOOP("Terms", "plan"),
    "roi": QT_TRANSLATE_NOOP("Terms", "roi"),
    "beam": QT_TRANSLATE_NOOP("Terms", "beam"),
    "goal": QT_TRANSLATE_NOOP("Terms", "goal"),
    "location": QT_TRANSLATE_NOOP("Terms", "location"),
    "case": QT_TRANSLATE_NOOP("Terms", "case"),
    "check": QT_TRANSLATE_NOOP("Terms", "check"),
}
#: plan kinds (model.plan.Plan.kind)
PLAN_KINDS = {
    "photon": QT_TRANSLATE_NOOP("Terms", "photon"),
    "electron": QT_TRANSLATE_NOOP("Terms", "electron"),
    "proton": QT_TRANSLATE_NOOP("Terms", "proton"),
    "ion": QT_TRANSLATE_NOOP("Terms", "ion"),
    "brachy": QT_TRANSLATE_NOOP("Terms", "brachytherapy"),
}
#: 3D camera directions (ui.view3d.CAMERA_PRESETS)
DIRECTIONS = {
    "Oblique": QT_TRANSLATE_NOOP("Terms", "oblique"),
    "Anterior": QT_TRANSLATE_NOOP("Terms", "anterior"),
    "Posterior": QT_TRANSLATE_NOOP("Terms", "posterior"),
    "Left": QT_TRANSLATE_NOOP("Terms", "left"),
    "Right": QT_TRANSLATE_NOOP("Terms", "right"),
    "Superior": QT_TRANSLATE_NOOP("Terms", "superior"),
    "Inferior": QT_TRANSLATE_NOOP("Terms", "inferior"),
}
#: plugin and contribution states (plannerview.plugins)
PLUGIN_STATES = {
    "active": QT_TRANSLATE_NOOP("Terms", "active"),
    "disabled": QT_TRANSLATE_NOOP("Terms", "disabled"),
    "failed": QT_TRANSLATE_NOOP("Terms", "failed"),
    "running": QT_TRANSLATE_NOOP("Terms", "running"),
    "stopped": QT_TRANSLATE_NOOP("Terms", "stopped"),
}
#: kinds of plugin contribution (plugin_api.contracts.KINDS) and where a plugin comes from
PLUGIN_KINDS = {
    "contour_engine": QT_TRANSLATE_NOOP("Terms", "contour engine"),
    "dose_engine": QT_TRANSLATE_NOOP("Terms", "dose engine"),
    "sync_provider": QT_TRANSLATE_NOOP("Terms", "sync provider"),
    "widget": QT_TRANSLATE_NOOP("Terms", "panel"),
    "reader": QT_TRANSLATE_NOOP("Terms", "reader"),
    "exporter": QT_TRANSLATE_NOOP("Terms", "exporter"),
    "service": QT_TRANSLATE_NOOP("Terms", "service"),
    "command": QT_TRANSLATE_NOOP("Terms", "command"),
}
PLUGIN_ORIGINS = {
    "entry point": QT_TRANSLATE_NOOP("Terms", "entry point"),
    "user folder": QT_TRANSLATE_NOOP("Terms", "user folder"),
}


#: what a dose's summation type means (model.dose.DoseGrid.summation_label, in the GUI's language)
SUMMATIONS = {
    "FRACTION": QT_TRANSLATE_NOOP("Terms", "per fraction"),
    "BEAM": QT_TRANSLATE_NOOP("Terms", "one beam"),
    "MULTI_PLAN": QT_TRANSLATE_NOOP("Terms", "several plans"),
}


def summation_text(dose: Any) -> str:
    """A dose's summation as shown: the DICOM value as it is, what it means translated (as
    ``DoseGrid.summation_label`` says it in English)."""
    translate = QCoreApplication.translate
    if dose.fraction_scaling is not None:
        return translate("Terms", "FRACTION x {count} fx (scaled to the course)").format(count=dose.fraction_scaling)
    st = dose.summation_type.upper()
    if not st:
        return translate("Terms", "unknown summation")
    return f"{st} ({term(SUMMATIONS, st)})" if st in SUMMATIONS else st


def term(table: dict[str, str], key: str) -> str:
    """The word for ``key`` in the installed language (the key itself when the table lacks it)."""
    source = table.get(key)
    return QCoreApplication.translate("Terms", source) if source is not None else key


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
