"""The titles of the bundled plan checks (``plannerview/data/checks/*.yaml``), marked for translation.

The core reports each check with the title of its configuration; the review panel shows the
bundled titles in the GUI's language (a site's own title, from its own configuration, is shown as
written). ``tests/i18n`` fails when a bundled check's title is missing here. The checks' result
lines come from the core as marked templates with the plan's values (``plannerview.model.text.Msg``),
shown translated by ``plannerview.ui.i18n.say``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .i18n import QT_TRANSLATE_NOOP

TITLES = {
    "prescription_consistency": QT_TRANSLATE_NOOP("PlanChecks", "Prescription consistent across dose references, fraction group, label and dose"),
    "dose_summation": QT_TRANSLATE_NOOP("PlanChecks", "Dose summation type matches what is compared"),
    "dose_grid_resolution": QT_TRANSLATE_NOOP("PlanChecks", "Dose grid resolution suits the technique"),
    "dose_grid_coverage": QT_TRANSLATE_NOOP("PlanChecks", "Dose grid covers the targets and the body where the beams enter"),
    "mu_per_gy": QT_TRANSLATE_NOOP("PlanChecks", "MU (meterset) per Gy per fraction plausible for the technique"),
    "energies_consistent": QT_TRANSLATE_NOOP("PlanChecks", "Beam energies consistent and within the machine's range"),
    "zero_meterset_beams": QT_TRANSLATE_NOOP("PlanChecks", "No treatment beam with zero meterset"),
    "setup_beams": QT_TRANSLATE_NOOP("PlanChecks", "Setup and imaging beams not counted as treatment"),
    "isocenter_position": QT_TRANSLATE_NOOP("PlanChecks", "Isocentre inside the body and near the targets"),
    "couch_structure": QT_TRANSLATE_NOOP("PlanChecks", "Couch / support structures present when beams pass through the couch"),
    "tg263_names": QT_TRANSLATE_NOOP("PlanChecks", "Structure names follow TG-263"),
    "target_dose_references": QT_TRANSLATE_NOOP("PlanChecks", "Targets have dose references"),
    "empty_goal_rois": QT_TRANSLATE_NOOP("PlanChecks", "No empty ROIs used by goals or dose references"),
    "frame_of_reference": QT_TRANSLATE_NOOP("PlanChecks", "Structure set, plan and dose on one frame of reference"),
    "registrations": QT_TRANSLATE_NOOP("PlanChecks", "Registrations present for secondary images"),
    "approval_status": QT_TRANSLATE_NOOP("PlanChecks", "Plan approval status"),
    "dose_plan_reference": QT_TRANSLATE_NOOP("PlanChecks", "The dose's plan reference resolves"),
    "tps_dvh_agreement": QT_TRANSLATE_NOOP("PlanChecks", "TPS DVH (when stored) agrees with ours"),
    "ion_range_shifter_snout": QT_TRANSLATE_NOOP("PlanChecks", "Ion: range shifter and snout consistent"),
    "ion_spots_layers": QT_TRANSLATE_NOOP("PlanChecks", "Ion: spot count and energy layers plausible"),
    "ion_rbe_dose": QT_TRANSLATE_NOOP("PlanChecks", "Ion: RBE-weighted (EFFECTIVE) dose compared with RBE goals"),
    "beam_direction_dose_entry": QT_TRANSLATE_NOOP("PlanChecks", "Each beam's dose enters where the plan's geometry says"),
}


def check_title(check_id: str, title: str) -> str:
    """The title shown for a check: translated when it is the bundled one, else as configured."""
    if TITLES.get(check_id) == title:
        return QCoreApplication.translate("PlanChecks", title)
    return title
