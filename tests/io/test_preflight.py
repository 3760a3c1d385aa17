"""Known anomalies of the public sets produce the right preflight findings."""

from __future__ import annotations

from pathlib import Path

import plannerview
from plannerview.io import codes
from plannerview.model import Case


def _codes(case: Case, file_part: str = "") -> set[str]:
    return {f.code for f in case.findings if file_part in f.file}


def test_dicompyler_example(shared_data: Path) -> None:
    case = plannerview.load(shared_data / "dicompyler_core_example")
    empty = [f for f in case.findings if f.code == codes.RS_EMPTY_ROI]
    assert len(empty) == 1 and "Areola" in empty[0].message and empty[0].file.endswith("rtss.dcm")
    missing = [f for f in case.findings if f.code == codes.RS_IMAGE_REF_MISSING]
    assert missing and "97 of which" in missing[0].message  # 98 referenced, 1 slice shipped
    assert not case.errors


def test_relative_dose_and_missing_references(shared_data: Path) -> None:
    case = plannerview.load(shared_data / "pydicom_rt")
    assert codes.DOSE_RELATIVE in _codes(case, "rtdose.dcm")
    assert case.doses[0].max_gy is None
    assert codes.LINK_MISSING_REFERENCE in _codes(case, "rtplan.dcm")
    # rtstruct.dcm has no Part-10 header and still loads
    assert len(case.structure_sets) == 1 and case.structure_sets[0].file.endswith("rtstruct.dcm")


def test_frame_of_reference_mismatch(shared_data: Path) -> None:
    case = plannerview.load(shared_data / "rtutils_mock")
    mism = [f for f in case.findings if f.code == codes.LINK_FRAME_MISMATCH]
    assert len(mism) == 1 and mism[0].file.endswith("rt.dcm") and mism[0].severity.value == "error"
    assert codes.RS_IMAGE_REF_MISSING in _codes(case, "invalid_reference_rt.dcm")


def test_patient_mismatch_listed_under_structure_set_patient(shared_data: Path) -> None:
    from plannerview.review.summary import case_json

    case = plannerview.load(shared_data / "aptg_dcpt_proton" / "plan03_ramp_full")
    assert codes.LINK_PATIENT_MISMATCH in _codes(case, "ramped_2Gy_ver2_full.dcm")
    doc = case_json(case)
    assert [p["id"] for p in doc["patients"]] == ["WTR303030"]  # no images: the structure set's patient


def test_setup_beams_without_meterset_and_missing_frame_sequence(shared_data: Path) -> None:
    case = plannerview.load(shared_data / "onko_lung_imrt")
    no_mu = [f for f in case.findings if f.code == codes.PLAN_BEAM_NO_METERSET]
    assert len(no_mu) == 3
    assert codes.RS_NO_FRAME_REF in _codes(case)
    ss, img = case.structure_sets[0], case.images[0]
    assert ss.frame_of_reference_uid == img.frame_of_reference_uid  # taken from the ROIs
    assert codes.RS_CONTOUR_OFF_IMAGE not in _codes(case)
    assert not case.errors


def test_brachy_channels_are_not_flagged_as_open_contours(shared_data: Path) -> None:
    case = plannerview.load(shared_data / "brachy_cylinder_hdr")
    assert codes.RS_OPEN_CONTOUR not in _codes(case)
    assert len(case.plans) == 2 and all(p.kind == "brachy" for p in case.plans)
    assert not case.errors


def test_summation_type_inconsistent_with_prescription(shared_data: Path, tmp_path: Path) -> None:
    """A whole-plan dose relabelled FRACTION is caught (prescription 14 Gy in 7 fractions)."""
    import pydicom

    src = shared_data / "dicompyler_core_example"
    for name in ("rtplan.dcm", "rtss.dcm"):
        (tmp_path / name).write_bytes((src / name).read_bytes())
    ds = pydicom.dcmread(src / "rtdose.dcm")
    ds.DoseSummationType = "FRACTION"
    ds.save_as(tmp_path / "rtdose.dcm")
    case = plannerview.load(tmp_path)
    assert codes.DOSE_SUMMATION_MISMATCH in _codes(case, "rtdose.dcm")
    # the genuine PLAN dose is not flagged
    assert codes.DOSE_SUMMATION_MISMATCH not in _codes(plannerview.load(src))
