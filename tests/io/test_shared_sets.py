"""Every public set in ../shared/data: what plannerview reads equals what the files hold.

Expected values are read here straight from the files with pydicom (independently of the
importer), or quoted from ../shared/data/README.md.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.model import DoseGrid, IonPlan, Plan, StructureSet

SETS = [
    "pydicom_rt",
    "dicompyler_core_example",
    "aptg_dcpt_proton",
    "brachy_cylinder_hdr",
    "rtutils_mock",
    "onko_lung_imrt",
]


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.dcm"))


def _ds(path: str) -> pydicom.Dataset:
    return pydicom.dcmread(path, force=True)


@pytest.mark.parametrize("name", SETS)
def test_every_object_matches_its_file(shared_data: Path, name: str) -> None:
    case = plannerview.load(shared_data / name)
    assert not case.is_empty
    for ss in case.structure_sets:
        _check_structure_set(ss)
    for plan in case.plans:
        _check_plan(plan)
    for dose in case.doses:
        _check_dose(dose)
    # Every DICOM file is accounted for: loaded, or named in a finding (duplicates, unsupported).
    used = {o.file for o in case.objects} | {f for img in case.images for f in img.slice_files}
    named = {f.file for f in case.findings}
    for f in _files(shared_data / name):
        assert str(f) in used | named, f"{f} neither loaded nor reported"


def _check_structure_set(ss: StructureSet) -> None:
    ds = _ds(ss.file)
    names = {int(r.ROINumber): str(r.ROIName) for r in ds.StructureSetROISequence}
    assert {r.number: r.name for r in ss.rois} == names
    counts = {int(rc.ReferencedROINumber): len(getattr(rc, "ContourSequence", [])) for rc in ds.ROIContourSequence}
    for roi in ss.rois:
        assert len(roi.contours) == counts.get(roi.number, 0), roi.name
    # Contour coordinates are the file's, to the last digit.
    rc0 = next(rc for rc in ds.ROIContourSequence if getattr(rc, "ContourSequence", None))
    roi = ss.roi(int(rc0.ReferencedROINumber))
    np.testing.assert_allclose(roi.contours[0].points_mm.reshape(-1), [float(v) for v in rc0.ContourSequence[0].ContourData])


def _check_plan(plan: Plan | IonPlan) -> None:
    ds = _ds(plan.file)
    fgs = ds.get("FractionGroupSequence", [])
    assert plan.fractions == (int(fgs[0].NumberOfFractionsPlanned) if fgs else None)
    beams = ds.get("IonBeamSequence") or ds.get("BeamSequence") or []
    assert len(plan.beams) == len(beams)
    ms = {int(rb.ReferencedBeamNumber): float(rb.BeamMeterset) for rb in fgs[0].get("ReferencedBeamSequence", []) if "BeamMeterset" in rb} if fgs else {}
    for b in plan.beams:
        assert b.meterset == (pytest.approx(ms[b.number]) if b.number in ms else None)
    if isinstance(plan, IonPlan):
        for b, bd in zip(plan.beams, beams, strict=True):
            spots = sum(int(cp.NumberOfScanSpotPositions) for cp in bd.IonControlPointSequence
                        if "ScanSpotMetersetWeights" in cp and np.sum(cp.ScanSpotMetersetWeights) > 0)
            assert b.n_spots == spots
    rx = [float(d.TargetPrescriptionDose) for d in ds.get("DoseReferenceSequence", []) if "TargetPrescriptionDose" in d]
    assert plan.prescription_gy == (pytest.approx(max(rx)) if rx else None)


def _check_dose(dose: DoseGrid) -> None:
    ds = _ds(dose.file)
    assert dose.grid.shape_zyx == (int(getattr(ds, "NumberOfFrames", 1)), int(ds.Rows), int(ds.Columns))
    expected_max = float(ds.pixel_array.max()) * float(ds.DoseGridScaling)
    assert float(dose.dose.max()) == pytest.approx(expected_max, rel=1e-6)
    assert dose.summation_type == ds.DoseSummationType
    assert dose.dose_type == ds.DoseType
    assert len(dose.tps_dvhs) == len(ds.get("DVHSequence", []))


def test_readme_figures(shared_data: Path) -> None:
    """Counts quoted in ../shared/data/README.md."""
    c = plannerview.load(shared_data / "dicompyler_core_example")
    ss = c.structure_sets[0]
    assert len(ss.rois) == 10 and sum(len(r.contours) for r in ss.rois) == 441
    plan = c.plans[0]
    assert plan.fractions == 7 and plan.prescription_gy == pytest.approx(14.0) and len(plan.beams) == 4
    assert sorted(b.gantry_start_deg for b in plan.beams) == [0.0, 56.0, 150.0, 327.0]
    d = c.doses[0]
    assert d.grid.shape_zyx == (98, 129, 194) and d.max_gy == pytest.approx(14.681, abs=1e-3)
    assert len(d.tps_dvhs) == 9

    onko = plannerview.load(shared_data / "onko_lung_imrt")
    img = onko.images[0]
    assert img.grid.shape_zyx == (105, 512, 512)
    assert img.slice_positions_mm[0] == pytest.approx(-189.0) and img.slice_positions_mm[-1] == pytest.approx(227.0)
    assert sum(len(r.contours) for r in onko.structure_sets[0].rois) == 482
    p = onko.plans[0]
    assert p.fractions == 23 and len(p.beams) == 12 and sum(b.delivers_dose for b in p.beams) == 7
    assert sum(b.meterset or 0 for b in p.beams) == pytest.approx(1105.6, abs=0.1)

    brachy = plannerview.load(shared_data / "brachy_cylinder_hdr" / "Ex1")
    assert brachy.plans[0].kind == "brachy" and brachy.plans[0].brachy_channels == 13
    assert brachy.doses[0].max_gy == pytest.approx(394.815, abs=1e-3)


def test_ct_voxels_are_hounsfield_units(shared_data: Path) -> None:
    case = plannerview.load(shared_data / "onko_lung_imrt")
    img = case.images[0]
    k = 50
    ds = _ds(img.slice_files[k])
    expected = ds.pixel_array.astype(float) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    np.testing.assert_array_equal(img.voxels[k], expected)
    ipp = [float(v) for v in ds.ImagePositionPatient]
    assert img.grid.index_to_patient([0, 0, k]) == pytest.approx(ipp)


def test_proton_beam_doses_sum_to_plan_dose(shared_data: Path) -> None:
    case = plannerview.load(shared_data / "aptg_dcpt_proton" / "plan03_ramp_full")
    plan = [d for d in case.doses if d.summation_type == "PLAN"][0]
    beams = [d for d in case.doses if d.summation_type == "BEAM"]
    assert plan.unit_label == "Gy(RBE)"
    np.testing.assert_allclose(beams[0].dose + beams[1].dose, plan.dose, atol=1e-4)
    assert case.plans[0].kind == "proton"
    assert {b.gantry_deg for b in case.plans[0].beams} == {90.0, 270.0}


def test_info_json_shape(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["info", str(shared_data / "onko_lung_imrt"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (patient,) = doc["patients"]
    (study,) = patient["studies"]
    (frame,) = study["frames_of_reference"]
    (img,) = frame["images"]
    assert img["shape_zyx"] == [105, 512, 512] and img["spacing_mm"][0] == 4.0 and img["patient_position"] == "HFS"
    assert len(img["direction"]) == 9
    (plan,) = frame["plans"]
    assert plan["kind"] == "photon" and plan["fractions"] == 23 and plan["prescription_gy"] == 41.4
    assert plan["approval"] == "APPROVED"
    setup = [b for b in plan["beams"] if not b["treatment"]]
    assert len(setup) == 5  # 3 zero-MU TREATMENT setup beams + 2 port films
    assert all(set(b) >= {"number", "name", "treatment", "radiation", "energy", "energy_label", "gantry_deg",
                          "gantry_stop_deg", "arc_direction", "meterset"} for b in plan["beams"])
    rois = {r["name"]: r for r in frame["structure_sets"][0]["rois"]}
    assert len(rois) == 9 and rois["PTV4140"]["type"] == "PTV"
    assert set(doc) >= {"patients", "findings"}
    assert all(set(f) == {"code", "severity", "object_uid", "file", "message"} for f in doc["findings"])
