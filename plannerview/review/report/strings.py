"""Every text the PDF report prints, in one place (one table per language; issue 17 adds languages).

``t(key, **values)`` formats a string of the current language; keys missing from a language fall
back to English.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "title": "Treatment plan review report",
    "disclaimer": "plannerview is a research and review aid, not a certified medical device. Check every number "
                  "against the treatment planning system of record.",
    "generated": "Generated {time} by plannerview {version}",
    "page": "Page {page} of {pages}",
    "footer": "{plan} | {patient}",
    "patient": "Patient",
    "patient_value": "{name} (ID {id})",
    "plan": "Plan",
    "plan_value": "'{label}' ({kind}), SOP Instance UID {uid}",
    "approval": "Approval status",
    "fractions": "Fractions",
    "prescription": "Prescription",
    "prescription_value": "{rx} Gy in {fx} fractions ({per} Gy per fraction)",
    "prescription_none": "none stated",
    "dose": "Dose",
    "dose_value": "{summation} {type}, {unit}, maximum {dmax}, grid {spacing} mm",
    "structures": "Structure set",
    "dose_references": "Dose references",
    "h_summary": "1. Patient and plan",
    "h_beams": "Beams",
    "beam_cols": "#|Name|Type|Radiation|Energy|Gantry (deg)|Couch (deg)|{meterset}",
    "meterset_mu": "MU",
    "meterset_ion": "Meterset / layers / spots",
    "h_checks": "2. Automated plan checks",
    "checks_summary": "{PASS} pass, {WARN} warn, {FAIL} fail, {NA} not applicable (configuration sha256 {sha})",
    "check_cols": "Status|Check|Result",
    "h_goals": "3. Clinical goals",
    "goals_none": "No protocol given (--protocol): no clinical goals evaluated.",
    "goals_summary": "Protocol {title}: {pass} pass, {acceptable} acceptable, {fail} fail, {not_evaluated} not evaluated",
    "goal_cols": "ROI|Matched ROI|Metric|Value|Limit|Status",
    "h_dvh": "4. Dose-volume histograms",
    "dvh_cols": "ROI|Volume (cc)|Dmin|Dmean|Dmax|D98%|D95%|D50%|D2%",
    "dvh_unit": "Doses in {unit}; D x% is the minimum dose to the hottest x % of the volume.",
    "dvh_xlabel": "Dose ({unit})",
    "dvh_ylabel": "Volume (%)",
    "h_slices": "5. Key slices through the target",
    "slices_caption": "Dose wash ({unit}, from {low} % of the maximum) with contours, through the centre of '{target}' "
                      "at ({x}, {y}, {z}) mm.",
    "axial": "Axial",
    "sagittal": "Sagittal",
    "coronal": "Coronal",
    "h_compare": "6. Comparison and gamma",
    "compare_value": "A: {a} | B: {b}",
    "compare_mixed": "The two doses are of different types or summations ({a_type} / {b_type}); compared as given.",
    "gamma_value": "Gamma {dd} % / {dta} mm ({mode}), cut-off {cutoff} %: pass rate {rate} % of {voxels} voxels, "
                   "mean {mean}, 95th percentile {p95}",
    "diff_value": "Difference A - B: mean {mean} Gy, range {min} to {max} Gy, RMS {rms} Gy",
    "compare_cols": "ROI|Dmean A|Dmean B|Dmean A-B|Dmax A|Dmax B",
    "compare_none": "No second dose given (--compare): no comparison.",
    "h_annotations": "7. Annotations",
    "annotations_none": "No annotations.",
    "annotation_cols": "Status|About|Author|Text",
    "h_signoff": "8. Sign-off",
    "signoff_none": "Not signed off in the audit log. Decision: ______________   Reviewer: ______________   "
                    "Date: __________   Signature: ______________",
    "decision": "Decision",
    "reviewer": "Reviewer",
    "time": "Signed off",
    "comments": "Comments",
    "sr": "Review document (SR)",
    "audit_hash": "Audit entry",
    "audit_log": "Audit log",
    "audit_broken": "WARNING: the audit log does not verify ({reason}); this sign-off cannot be trusted.",
    "signoff_stale": "WARNING: the {kind} file {file} changed after this sign-off: it is not the file that was reviewed.",
    "status_PASS": "PASS",
    "status_WARN": "WARN",
    "status_FAIL": "FAIL",
    "status_NOT APPLICABLE": "N/A",
    "status_pass": "pass",
    "status_acceptable": "acceptable",
    "status_fail": "FAIL",
    "status_not_evaluated": "not evaluated",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": EN}
_current = ["en"]


def set_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(f"no report strings for language {code!r}; available: {', '.join(LANGUAGES)}")
    _current[0] = code


def t(key: str, **values: object) -> str:
    table = LANGUAGES[_current[0]]
    text = table.get(key, EN[key])
    return text.format(**values) if values else text
