"""Bad input: corrupt, truncated, non-DICOM and incomplete files become findings naming the file;
the rest of the folder loads; input files are never written to; exit codes follow the rules."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import generate_uid

import plannerview
from plannerview.cli.main import main
from plannerview.io import codes


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def broken_case(shared_data: Path, tmp_path: Path) -> Path:
    src = shared_data / "dicompyler_core_example"
    out = tmp_path / "case"
    shutil.copytree(src, out)
    (out / "notes.bin").write_bytes(b"this is not DICOM at all" * 10)
    raw = (src / "rtplan.dcm").read_bytes()
    (out / "truncated_plan.dcm").write_bytes(raw[: len(raw) // 3])
    ds = pydicom.dcmread(src / "ct.0.dcm")
    del ds.ImagePositionPatient
    ds.SOPInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.save_as(out / "ct_no_position.dcm")
    ct = (src / "ct.0.dcm").read_bytes()
    (out / "ct_truncated.dcm").write_bytes(ct[: len(ct) - 1000])
    return out


def test_bad_files_become_findings_and_the_rest_loads(broken_case: Path) -> None:
    before = _hashes(broken_case)
    case = plannerview.load(broken_case)
    assert _hashes(broken_case) == before  # inputs untouched
    by_file = {Path(f.file).name: f for f in case.findings}
    assert by_file["notes.bin"].code == codes.IO_NOT_DICOM
    assert by_file["ct_no_position.dcm"].code == codes.IO_MISSING_TAG
    assert "ImagePositionPatient" in by_file["ct_no_position.dcm"].message
    assert by_file["truncated_plan.dcm"].code in (codes.IO_CORRUPT, codes.IO_DUPLICATE)
    assert by_file["ct_truncated.dcm"].code in (codes.IO_PIXEL_DATA, codes.IO_CORRUPT, codes.IO_DUPLICATE)
    # the good objects are all there
    assert len(case.structure_sets) == 1 and len(case.doses) == 1 and len(case.plans) == 1
    assert case.doses[0].max_gy == pytest.approx(14.681, abs=1e-3)


def test_exit_codes(broken_case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(broken_case)]) == 0
    out = capsys.readouterr().out
    assert "notes.bin" in out and "IO_NOT_DICOM" in out
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.dcm").write_bytes(b"\x00" * 50)
    assert main(["info", str(junk)]) == 2
    assert "nothing usable" in capsys.readouterr().err
    assert main(["info", str(tmp_path / "does-not-exist")]) == 2


def test_shared_data_is_never_written(shared_data: Path) -> None:
    before = _hashes(shared_data / "pydicom_rt")
    case = plannerview.load(shared_data / "pydicom_rt")
    for d in case.doses:
        _ = d.dose
    for i in case.images:
        _ = i.voxels
    assert _hashes(shared_data / "pydicom_rt") == before


def test_selection_by_label_uid_and_file(shared_data: Path) -> None:
    from plannerview.model import SelectionError

    case = plannerview.load(shared_data / "aptg_dcpt_proton" / "plan01_sobp")
    assert len(case.plans) == 3
    p = case.select("plan", "1_SOBP_2Gy")
    assert case.select("plan", p.sop_uid) is p
    assert case.select("plan", p.file) is p
    with pytest.raises(SelectionError) as err:
        case.select("plan", None)
    assert "1_SOBP_1Gy" in str(err.value) and "1_SOBP_.5Gy" in str(err.value)
    with pytest.raises(SelectionError, match="no plan named"):
        case.select("plan", "nope")


def test_registration_places_moving_series_on_fixed_frame(shared_data: Path, tmp_path: Path) -> None:
    """A copy of CT slices in a new frame, shifted by a known translation, and a REG mapping it back."""
    from plannerview.io.registration import place_on_frame
    from plannerview.io.scan import SPATIAL_REG

    files = sorted((shared_data / "onko_lung_imrt").glob("CT_1*_Hashed.dcm"))[:3]
    shift = np.array([12.5, -7.0, 30.0])
    fixed_for = pydicom.dcmread(files[0]).FrameOfReferenceUID
    moving_for = generate_uid()
    series = generate_uid()
    for n, f in enumerate(files):
        ds = pydicom.dcmread(f)
        ds.FrameOfReferenceUID = moving_for
        ds.SeriesInstanceUID = series
        ds.SOPInstanceUID = generate_uid()
        ds.ImagePositionPatient = list(np.array([float(v) for v in ds.ImagePositionPatient]) - shift)
        ds.save_as(tmp_path / f"mov{n}.dcm")
    reg = pydicom.Dataset()
    reg.SOPClassUID = SPATIAL_REG
    reg.SOPInstanceUID = generate_uid()
    reg.Modality = "REG"
    reg.FrameOfReferenceUID = fixed_for
    item_fixed, item_moving = pydicom.Dataset(), pydicom.Dataset()
    for item, uid, mat in ((item_fixed, fixed_for, np.eye(4)), (item_moving, moving_for, np.eye(4))):
        if uid == moving_for:
            mat = mat.copy()
            mat[:3, 3] = shift
        m = pydicom.Dataset()
        m.FrameOfReferenceTransformationMatrix = [float(v) for v in mat.reshape(-1)]
        m.FrameOfReferenceTransformationMatrixType = "RIGID"
        mr = pydicom.Dataset()
        mr.MatrixSequence = [m]
        item.FrameOfReferenceUID = uid
        item.MatrixRegistrationSequence = [mr]
    reg.RegistrationSequence = [item_fixed, item_moving]
    reg.save_as(tmp_path / "reg.dcm", implicit_vr=False, little_endian=True)
    case = plannerview.load(tmp_path)
    (r,) = case.registrations
    (img,) = case.images
    assert r.moving_frame_uid == moving_for and r.frame_of_reference_uid == fixed_for
    placed = place_on_frame(img, r)
    original = pydicom.dcmread(files[0])
    assert placed.frame_of_reference_uid == fixed_for
    k0 = int(np.argmin(np.abs(np.array(placed.slice_positions_mm) - (float(original.ImagePositionPatient[2]) - shift[2]))))
    assert placed.grid.index_to_patient([0, 0, k0]) == pytest.approx([float(v) for v in original.ImagePositionPatient])
