"""Preflight: checks across objects, run once a case is assembled, before numbers are trusted."""

from __future__ import annotations

import math

import numpy as np

from ..model.case import Case
from ..model.dose import DoseGrid
from ..model.findings import Finding, Severity
from ..model.geometry import polygon_area_mm2
from ..model.plan import IonPlan, Plan
from ..model.structures import CLOSED, ROI, StructureSet
from ..model.text import QT_TRANSLATE_NOOP, Msg
from . import codes

TARGET_TYPES = {"PTV", "CTV", "GTV"}
W, E = Severity.WARNING, Severity.ERROR


def run_preflight(case: Case) -> list[Finding]:
    out: list[Finding] = []
    for ss in case.structure_sets:
        out += _structure_checks(case, ss)
    for plan in case.plans:
        out += _plan_checks(case, plan)
    for dose in case.doses:
        out += _dose_checks(case, dose)
    out += _patient_checks(case)
    return out


def _structure_checks(case: Case, ss: StructureSet) -> list[Finding]:
    out: list[Finding] = []
    f = ss.file
    images = [i for i in case.images if i.frame_of_reference_uid == ss.frame_of_reference_uid]
    ref_series = [i for i in case.images if i.series_uid in ss.referenced_series_uids]
    for img in ref_series:
        if img.frame_of_reference_uid != ss.frame_of_reference_uid:
            out.append(Finding(codes.LINK_FRAME_MISMATCH, E,
                               Msg(QT_TRANSLATE_NOOP("Findings", "structure set '{structure_set}' is in frame of "
                                                     "reference {frame} but the image series it references is in "
                                                     "{image_frame}; contours would be misplaced"),
                                   structure_set=ss.label, frame=ss.frame_of_reference_uid,
                                   image_frame=img.frame_of_reference_uid),
                               ss.sop_uid, f))
    all_slice_uids = {u for i in case.images for u in i.slice_sop_uids}
    missing: list[str] = []
    if case.images and ss.referenced_image_uids:
        missing = [u for u in ss.referenced_image_uids if u not in all_slice_uids]
        if missing:
            out.append(Finding(codes.RS_IMAGE_REF_MISSING, W,
                               Msg(QT_TRANSLATE_NOOP("Findings", "structure set '{structure_set}' references {count} "
                                                     "images, {missing} of which are not in the input; contours are "
                                                     "placed on images by position"),
                                   structure_set=ss.label, count=len(ss.referenced_image_uids), missing=len(missing)),
                               ss.sop_uid, f))
    slice_z = None
    if images and not missing:  # with images missing, contours off the partial series say nothing new
        img = images[0]
        if img.grid.is_axis_aligned:
            slice_z = np.array(img.slice_positions_mm) * float(np.sign(img.grid.direction[2, 2]) or 1.0)
    for roi in ss.rois:
        out += _roi_checks(ss, roi, slice_z)
    return out


def _roi_checks(ss: StructureSet, roi: ROI, slice_z: np.ndarray | None) -> list[Finding]:
    out: list[Finding] = []
    f = ss.file
    if roi.is_empty:
        out.append(Finding(codes.RS_EMPTY_ROI, W, Msg(QT_TRANSLATE_NOOP("Findings", "ROI '{roi}' has no contours"),
                                                      roi=roi.name), ss.sop_uid, f))
        return out
    closed = [c for c in roi.contours if c.geometric_type == CLOSED]
    if closed:
        opened = [c for c in roi.contours if c.geometric_type.startswith("OPEN")]
        if opened:
            out.append(Finding(codes.RS_OPEN_CONTOUR, W,
                               Msg(QT_TRANSLATE_NOOP("Findings", "ROI '{roi}' mixes {count} open contours with closed "
                                                     "ones; open ones are ignored for volumes and DVHs"),
                                   roi=roi.name, count=len(opened)), ss.sop_uid, f))
        degenerate = 0
        non_axial = 0
        for c in closed:
            pts = c.points_mm
            if len(pts) < 3 or polygon_area_mm2(pts[:, :2]) < 1e-6:
                degenerate += 1
            if np.ptp(pts[:, 2]) > 0.05:
                non_axial += 1
        if degenerate:
            out.append(Finding(codes.RS_DEGENERATE_CONTOUR, W,
                               Msg(QT_TRANSLATE_NOOP("Findings", "ROI '{roi}' has {count} degenerate closed contours "
                                                     "(fewer than 3 points or no area)"), roi=roi.name, count=degenerate),
                               ss.sop_uid, f))
        if non_axial:
            out.append(Finding(codes.RS_NON_AXIAL_CONTOUR, W,
                               Msg(QT_TRANSLATE_NOOP("Findings", "ROI '{roi}' has {count} contours that are not in an "
                                                     "axial plane"), roi=roi.name, count=non_axial),
                               ss.sop_uid, f))
        if slice_z is not None and len(slice_z):
            zs = np.array(list(roi.planes.keys()))
            if len(zs):
                dist = np.min(np.abs(zs[:, None] - slice_z[None, :]), axis=1)
                off = int(np.count_nonzero(dist > 0.5))
                if off:
                    out.append(Finding(codes.RS_CONTOUR_OFF_IMAGE, W,
                                       Msg(QT_TRANSLATE_NOOP("Findings", "ROI '{roi}' has contours on {count} planes "
                                                             "where there is no image slice"), roi=roi.name, count=off),
                                       ss.sop_uid, f))
    return out


def _plan_checks(case: Case, plan: Plan | IonPlan) -> list[Finding]:
    out: list[Finding] = []
    f = plan.file
    if plan.prescription_gy is None:
        out.append(Finding(codes.PLAN_NO_PRESCRIPTION, W,
                           Msg(QT_TRANSLATE_NOOP("Findings", "plan '{plan}' states no target prescription dose"),
                               plan=plan.label), plan.sop_uid, f))
    if not plan.fraction_groups or plan.fractions is None:
        out.append(Finding(codes.PLAN_NO_FRACTIONS, W, Msg(QT_TRANSLATE_NOOP("Findings", "plan '{plan}' states no "
                                                                             "number of fractions"), plan=plan.label),
                           plan.sop_uid, f))
    if not plan.beams and plan.kind != "brachy":
        out.append(Finding(codes.PLAN_NO_BEAMS, W,
                           Msg(QT_TRANSLATE_NOOP("Findings", "plan '{plan}' holds no beams (a plan cut short loses "
                                                 "them): nothing to deliver"), plan=plan.label),
                           plan.sop_uid, f))
    for b in plan.beams:
        if b.treatment_delivery_type == "TREATMENT" and not (b.meterset or 0.0) > 0.0:
            out.append(Finding(codes.PLAN_BEAM_NO_METERSET, W,
                               Msg(QT_TRANSLATE_NOOP("Findings", "plan '{plan}': treatment beam '{beam}' (#{number}) "
                                                     "delivers no meterset"), plan=plan.label, beam=b.name,
                                   number=b.number),
                               plan.sop_uid, f))
    if plan.referenced_structure_set_uid:
        ss = case.structure_set(plan.referenced_structure_set_uid)
        if ss is None:
            out.append(Finding(codes.LINK_MISSING_REFERENCE, W,
                               Msg(QT_TRANSLATE_NOOP("Findings", "plan '{plan}' references structure set {uid}, which "
                                                     "is not in the input"), plan=plan.label,
                                   uid=plan.referenced_structure_set_uid), plan.sop_uid, f))
        elif plan.frame_of_reference_uid and ss.frame_of_reference_uid and ss.frame_of_reference_uid != plan.frame_of_reference_uid:
            out.append(Finding(codes.LINK_FRAME_MISMATCH, E,
                               Msg(QT_TRANSLATE_NOOP("Findings", "plan '{plan}' and its structure set '{structure_set}' "
                                                     "are in different frames of reference"), plan=plan.label,
                                   structure_set=ss.label),
                               plan.sop_uid, f))
    return out


def _dose_checks(case: Case, dose: DoseGrid) -> list[Finding]:
    out: list[Finding] = []
    f = dose.file
    if not dose.is_gy:
        out.append(Finding(codes.DOSE_RELATIVE, W,
                           Msg(QT_TRANSLATE_NOOP("Findings", "dose is in {units} units, not Gy: absolute dose values "
                                                 "cannot be reported"), units=dose.units),
                           dose.sop_uid, f))
    plan = case.plan(dose.referenced_plan_uid) if dose.referenced_plan_uid else None
    if dose.referenced_plan_uid and plan is None:
        out.append(Finding(codes.LINK_MISSING_REFERENCE, W,
                           Msg(QT_TRANSLATE_NOOP("Findings", "dose references plan {uid}, which is not in the input"),
                               uid=dose.referenced_plan_uid), dose.sop_uid, f))
    if plan is not None and plan.frame_of_reference_uid and dose.frame_of_reference_uid != plan.frame_of_reference_uid:
        out.append(Finding(codes.LINK_FRAME_MISMATCH, E,
                           Msg(QT_TRANSLATE_NOOP("Findings", "dose and its plan '{plan}' are in different frames of "
                                                 "reference"), plan=plan.label), dose.sop_uid, f))
    same_frame_ss = [s for s in case.structure_sets if s.frame_of_reference_uid == dose.frame_of_reference_uid]
    if plan is not None and dose.is_gy:
        out += _summation_check(dose, plan)
    ss = case.structures_for(dose)
    if ss is not None and ss in same_frame_ss:
        out += _coverage_check(dose, ss)
        numbers = {r.number for r in ss.rois}
        orphans = sorted({t.roi_number for t in dose.tps_dvhs if t.roi_number not in numbers})
        if orphans:
            out.append(Finding(codes.DOSE_TPS_DVH_UNMATCHED, W,
                               Msg(QT_TRANSLATE_NOOP("Findings", "the TPS's DVHs of ROI number(s) {numbers} match no "
                                                     "ROI of structure set '{structure_set}'; they cannot be compared"),
                                   numbers=", ".join(map(str, orphans)), structure_set=ss.label), dose.sop_uid, f))
    return out


def _summation_check(dose: DoseGrid, plan: Plan | IonPlan) -> list[Finding]:
    """Does the dose's maximum fit its summation type? A per-fraction dose (FRACTION) peaks near one
    fraction's prescription, a whole-course dose (PLAN) near the total. The maximum is compared in
    units of one fraction's dose: the boundary is 1.4 x sqrt(fractions), the geometric middle of the
    two expected ranges (1-2 fractions' worth for a per-fraction dose, hot spots and SRS included; n-2n
    for the whole course). The fraction's dose comes from the prescription, else from the plan's
    beam doses; without either, the dose cannot be checked and preflight says so."""
    st = dose.summation_type.upper()
    if st not in ("PLAN", "FRACTION"):
        return []
    n, rx = plan.fractions, plan.prescription_gy
    dmax = dose.max_gy or 0.0
    beam_doses = plan.fraction_groups[0].beam_dose_gy if plan.fraction_groups else {}
    if rx is not None and n:
        per_fx = rx / n
        basis = Msg(QT_TRANSLATE_NOOP("Findings", "prescription {rx:g} Gy in {fractions} fx"), rx=rx, fractions=n)
    elif n and beam_doses and sum(beam_doses.values()) > 0:
        per_fx = float(sum(beam_doses.values()))
        basis = Msg(QT_TRANSLATE_NOOP("Findings", "the plan states no prescription; its beam doses add up to "
                                      "{per_fx:.2f} Gy per fraction, {fractions} fx"), per_fx=per_fx, fractions=n)
    else:
        if n:
            said = Msg(QT_TRANSLATE_NOOP("Findings", "plan '{plan}' states no prescription: whether the dose labelled "
                                         "{summation} holds one fraction or the whole course cannot be checked (its "
                                         "maximum is {dmax:.2f} Gy)"), plan=plan.label, summation=st, dmax=dmax)
        else:
            said = Msg(QT_TRANSLATE_NOOP("Findings", "plan '{plan}' states no prescription and no number of fractions: "
                                         "whether the dose labelled {summation} holds one fraction or the whole course "
                                         "cannot be checked (its maximum is {dmax:.2f} Gy)"),
                       plan=plan.label, summation=st, dmax=dmax)
        return [Finding(codes.DOSE_SUMMATION_UNCHECKED, W, said, dose.sop_uid, dose.file)]
    if n < 2 or per_fx <= 0:
        return []  # one fraction: per fraction and whole course are the same values
    ratio = dmax / per_fx
    boundary = 1.4 * math.sqrt(n)
    msg: str | None = None
    if st == "FRACTION" and ratio > boundary:
        msg = Msg(QT_TRANSLATE_NOOP("Findings", "dose is labelled FRACTION (one fraction) but its maximum {dmax:.2f} Gy "
                                    "is {ratio:.1f} times one fraction's {per_fx:.2f} Gy ({basis}): it looks like a "
                                    "whole-course dose. It is read per fraction; scaling it to the course would "
                                    "multiply it again"), dmax=dmax, ratio=ratio, per_fx=per_fx, basis=basis)
    elif st == "PLAN" and ratio < boundary:
        msg = Msg(QT_TRANSLATE_NOOP("Findings", "dose is labelled PLAN (whole course) but its maximum {dmax:.2f} Gy is "
                                    "only {ratio:.1f} times one fraction's {per_fx:.2f} Gy ({basis}): it looks like a "
                                    "per-fraction dose; whole-course goals would be met too easily"),
                  dmax=dmax, ratio=ratio, per_fx=per_fx, basis=basis)
    # an error: goals on such a dose are not trusted to "pass" (compute.goals.distrust_on_errors)
    return [Finding(codes.DOSE_SUMMATION_MISMATCH, E, msg, dose.sop_uid, dose.file)] if msg else []


def _coverage_check(dose: DoseGrid, ss: StructureSet) -> list[Finding]:
    out = []
    lo, hi = dose.grid.bounds_mm()  # the outer voxel edges (the bounds rule)
    tol = 0.01
    for roi in ss.rois:
        if roi.interpreted_type.upper() not in TARGET_TYPES or not roi.closed_contours:
            continue
        pts = np.concatenate([c.points_mm for c in roi.closed_contours])
        if np.any(pts.min(axis=0) < lo - tol) or np.any(pts.max(axis=0) > hi + tol):
            out.append(Finding(codes.DOSE_TARGET_NOT_COVERED, W,
                               Msg(QT_TRANSLATE_NOOP("Findings", "dose grid does not cover all of target '{target}'; "
                                                     "its DVH would be incomplete"), target=roi.name),
                               dose.sop_uid, dose.file))
    return out


def _patient_checks(case: Case) -> list[Finding]:
    """Linked objects (by reference or shared frame) whose patient ID or name differ."""
    out = []
    seen: set[tuple[str, str]] = set()
    anchors = list(case.images) + list(case.structure_sets)
    for obj in list(case.structure_sets) + list(case.plans) + list(case.doses):
        linked = [a for a in anchors if a is not obj and a.frame_of_reference_uid and a.frame_of_reference_uid == obj.frame_of_reference_uid]
        for a in linked[:1]:
            if (a.patient.id, a.patient.name) != (obj.patient.id, obj.patient.name) and (obj.sop_uid, a.sop_uid) not in seen:
                seen.add((obj.sop_uid, a.sop_uid))
                out.append(Finding(codes.LINK_PATIENT_MISMATCH, W,
                                   Msg(QT_TRANSLATE_NOOP("Findings", "patient differs between linked objects: "
                                                         "'{id}' / '{name}' here, '{other_id}' / '{other_name}' in "
                                                         "{file}"), id=obj.patient.id, name=obj.patient.name,
                                       other_id=a.patient.id, other_name=a.patient.name, file=a.file),
                                   obj.sop_uid, obj.file))
    return out
