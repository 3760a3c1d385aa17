"""A case described as plain data: the document ``plannerview info --json`` prints.

Objects are grouped patient -> study -> frame of reference. A study is listed under the patient of
its image series, or of its structure set where there are no images (then plan, then dose), so a
plan whose patient fields differ still appears with the case it belongs to (and preflight says so).
"""

from __future__ import annotations

from typing import Any

from ..compute.contours import roi_volume_cc
from ..model.case import Case
from ..model.common import DicomObject, PatientRef
from ..model.dose import DoseGrid
from ..model.image import ImageVolume
from ..model.plan import IonBeam, IonPlan, Plan
from ..model.structures import StructureSet


def _r(x: float | None, nd: int = 4) -> float | None:
    return None if x is None else round(float(x), nd)


def image_json(img: ImageVolume) -> dict[str, Any]:
    return {
        "series_uid": img.series_uid,
        "modality": img.modality,
        "shape_zyx": list(img.grid.shape_zyx),
        "spacing_mm": [_r(s) for s in img.grid.spacing_mm],
        "origin_mm": [_r(s) for s in img.grid.origin_mm],
        "patient_position": img.patient_position,
        "direction": [_r(v, 6) for v in img.grid.direction.T.reshape(-1)],
        "description": img.description,
        "files": len(img.slice_files),
    }


def structure_set_json(ss: StructureSet, case: Case) -> dict[str, Any]:
    img = case.image_for_frame(ss.frame_of_reference_uid)
    fallback_mm = img.grid.spacing_mm[0] if img is not None and img.grid.shape_zyx[0] > 1 else None
    rois = []
    for roi in ss.rois:
        vol = roi_volume_cc(roi)
        if vol is None and fallback_mm:
            vol = roi_volume_cc(roi, fallback_mm)
        rois.append({
            "number": roi.number,
            "name": roi.name,
            "type": roi.interpreted_type,
            "contours": len(roi.contours),
            "volume_cc": _r(vol, 3),
            "color_rgb": list(roi.color_rgb),
            "geometry": sorted({c.geometric_type for c in roi.contours}),
        })
    return {"sop_uid": ss.sop_uid, "label": ss.label, "file": ss.file, "rois": rois}


def plan_json(plan: Plan | IonPlan) -> dict[str, Any]:
    beams = []
    for b in plan.beams:
        if isinstance(b, IonBeam):
            beams.append({
                "number": b.number,
                "name": b.name,
                "treatment": b.delivers_dose,
                "radiation": b.radiation_type,
                "energy": _r(b.max_energy_mev_per_u, 3),
                "energy_unit": b.energy_unit,
                "energy_label": b.energy_label,
                "gantry_deg": _r(b.gantry_deg, 3),
                "gantry_stop_deg": None,
                "arc_direction": None,
                "meterset": _r(b.meterset, 4),
                "couch_deg": _r(b.couch_deg, 3),
                "energy_layers": len(b.energy_layers),
                "spots": b.n_spots,
                "range_shifters": [r.id for r in b.range_shifters],
                "snout_position_mm": _r(b.snout_position_mm, 2),
                "scan_mode": b.scan_mode,
            })
        else:
            beams.append({
                "number": b.number,
                "name": b.name,
                "treatment": b.delivers_dose,
                "radiation": b.radiation_type,
                "energy": _r(b.energy, 3) if b.energy_label else None,
                "energy_unit": "MV" if b.radiation_type == "PHOTON" else "MeV" if b.energy_label else None,
                "energy_label": b.energy_label,
                "gantry_deg": _r(b.gantry_start_deg, 3),
                "gantry_stop_deg": _r(b.gantry_stop_deg, 3),
                "arc_direction": b.arc_direction,
                "meterset": _r(b.meterset, 4),
                "collimator_deg": _r(b.collimator_deg, 3),
                "couch_deg": _r(b.couch_deg, 3),
                "control_points": len(b.control_points),
                "beam_type": b.beam_type,
                "delivery_type": b.treatment_delivery_type,
            })
    doc: dict[str, Any] = {
        "sop_uid": plan.sop_uid,
        "label": plan.label,
        "file": plan.file,
        "kind": plan.kind,
        "fractions": plan.fractions,
        "fraction_groups": [
            {"number": fg.number, "fractions": fg.fractions_planned, "beams": len(fg.beam_meterset),
             "brachy_setups": fg.brachy_setups}
            for fg in plan.fraction_groups
        ],
        "prescription_gy": _r(plan.prescription_gy, 4),
        "dose_unit": plan.dose_unit_label,
        "dose_references": [
            {"number": d.number, "type": d.type, "structure_type": d.structure_type, "description": d.description,
             "target_prescription_gy": d.target_prescription_gy, "delivery_maximum_gy": d.delivery_maximum_gy,
             "target_maximum_gy": d.target_maximum_gy, "organ_at_risk_maximum_gy": d.organ_at_risk_maximum_gy}
            for d in plan.dose_references
        ],
        "approval": plan.approval,
        "referenced_structure_set": plan.referenced_structure_set_uid or None,
        "beams": beams,
    }
    if isinstance(plan, Plan) and plan.kind == "brachy":
        doc["brachy_channels"] = plan.brachy_channels
        doc["brachy_source"] = plan.brachy_source
        doc["source_air_kerma_rate_u"] = plan.source_air_kerma_rate
        doc["source_reference_date"] = plan.source_reference_date or None
        doc["total_dwell_time_s"] = _r(plan.total_dwell_time_s, 2)
        doc["channels"] = [{"number": c.number, "applicator": c.applicator, "roi_number": c.roi_number,
                            "total_time_s": _r(c.total_time_s, 2), "dwell_positions": len(c.dwell_times_s),
                            "active_dwells": c.active_dwells,
                            "dwell_times_s": [_r(float(t), 2) for t in c.dwell_times_s]} for c in plan.channels]
    return doc


def dose_json(dose: DoseGrid, case: Case | None = None) -> dict[str, Any]:
    """A dose as plain data: what it is (type, summation, per fraction or not, the unit to print
    after its values) and its grid; ``title`` tells doses apart (plan label, summation, file)."""
    return {
        "sop_uid": dose.sop_uid,
        "file": dose.file,
        "title": case.dose_title(dose) if case is not None else dose.label,
        "type": dose.dose_type,
        "summation": dose.summation_type,
        "summation_label": dose.summation_label,
        "per_fraction": dose.per_fraction,
        "fraction_scaling": dose.fraction_scaling,
        "units": dose.units,
        "unit_label": dose.unit_label,
        "value_unit": dose.value_unit,
        "shape_zyx": list(dose.grid.shape_zyx),
        "spacing_mm": [_r(s) for s in dose.grid.spacing_mm],
        "origin_mm": [_r(s) for s in dose.grid.origin_mm],
        "max_gy": _r(dose.max_gy, 4),
        "referenced_plan": dose.referenced_plan_uid or None,
        "referenced_beams": list(dose.referenced_beam_numbers),
        "has_tps_dvh": bool(dose.tps_dvhs),
    }


def _case_patient(objs: list[DicomObject]) -> PatientRef:
    for kind in (ImageVolume, StructureSet, Plan | IonPlan, DoseGrid):
        for o in objs:
            if isinstance(o, kind):
                return o.patient
    return objs[0].patient


def case_json(case: Case) -> dict[str, Any]:
    """The whole case as the nested document of ``plannerview info --json``."""
    studies: dict[str, list[DicomObject]] = {}
    for o in case.objects:
        if o.__class__.__name__ == "Registration":
            continue
        studies.setdefault(o.study_uid, []).append(o)
    patients: dict[tuple[str, str], dict[str, Any]] = {}
    for study_uid, objs in studies.items():
        pat = _case_patient(objs)
        p = patients.setdefault((pat.id, pat.name), {"id": pat.id, "name": pat.name, "studies": []})
        frames: dict[str, dict[str, Any]] = {}
        for o in objs:
            fr = frames.setdefault(o.frame_of_reference_uid, {
                "uid": o.frame_of_reference_uid, "images": [], "structure_sets": [], "plans": [], "doses": [],
            })
            if isinstance(o, ImageVolume):
                fr["images"].append(image_json(o))
            elif isinstance(o, StructureSet):
                fr["structure_sets"].append(structure_set_json(o, case))
            elif isinstance(o, Plan | IonPlan):
                fr["plans"].append(plan_json(o))
            elif isinstance(o, DoseGrid):
                fr["doses"].append(dose_json(o, case))
        p["studies"].append({"uid": study_uid, "frames_of_reference": list(frames.values())})
    return {
        "patients": list(patients.values()),
        "registrations": [
            {"sop_uid": r.sop_uid, "fixed_frame": r.frame_of_reference_uid, "moving_frame": r.moving_frame_uid,
             "matrix": [_r(v, 6) for v in r.matrix.reshape(-1)]}
            for r in case.registrations
        ],
        "findings": [f.to_json() for f in case.findings],
        "files_read": case.files_read,
    }
