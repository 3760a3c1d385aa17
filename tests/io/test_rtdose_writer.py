"""The RTDOSE writer: values and geometry read back, identity copied, UIDs new, dciodvfy clean."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.compute.resample import resample_values
from plannerview.io.rtdose_writer import ds_str, write_rtdose
from plannerview.model import DoseGrid, Grid


def synthetic(direction: np.ndarray | None = None, origin=(-20.0, 15.5, 100.25)) -> DoseGrid:
    rng = np.random.default_rng(7)
    arr = rng.uniform(0, 70, (7, 9, 11)).astype(np.float32)
    g = Grid(arr.shape, (2.5, 1.171875, 3.0), origin, np.eye(3) if direction is None else direction, "1.2.3.4")
    return DoseGrid(sop_uid="1.2.3.9", frame_of_reference_uid="1.2.3.4", grid=g, dose_type="EFFECTIVE", units="GY",
                    summation_type="MULTI_PLAN", description="test sum (EQD2, Gy(RBE))", comment="a comment",
                    provenance={"engine": "test", "inputs": ["1.2.3"]}, loader=lambda: arr)


def dciodvfy_errors(path: Path, tmp_path: Path) -> list[str]:
    """dciodvfy's error lines. dicom3tools 1.00 (Debian 2022) aborts on any 32-bit RTDOSE (vendor files
    too: assertion in Proposal14EncodingRules); then the same dataset with 16-bit pixels is checked."""
    res = subprocess.run(["dciodvfy", str(path)], capture_output=True, text=True)
    out = res.stdout + res.stderr
    if "Assertion" in out and "bitsallocated" in out:
        ds = pydicom.dcmread(path)
        px = ds.pixel_array.astype(np.float64)
        ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
        ds.PixelData = np.round(px / max(px.max(), 1.0) * 65535).astype("<u2").tobytes()
        twin = tmp_path / "twin16.dcm"
        ds.save_as(twin)
        res = subprocess.run(["dciodvfy", str(twin)], capture_output=True, text=True)
        out = res.stdout + res.stderr
        assert "Assertion" not in out
    return [line for line in out.splitlines() if line.startswith("Error")]


def test_values_and_geometry_read_back(tmp_path: Path) -> None:
    d = synthetic()
    out = tmp_path / "rd.dcm"
    uid = write_rtdose(d, out)
    ds = pydicom.dcmread(out)
    assert ds.SOPInstanceUID == uid != d.sop_uid and ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.481.2"
    assert ds.FrameOfReferenceUID == "1.2.3.4" and ds.Modality == "RTDOSE"
    assert ds.BitsAllocated == 32 and ds.PixelRepresentation == 0
    assert (ds.DoseUnits, ds.DoseType, ds.DoseSummationType) == ("GY", "EFFECTIVE", "MULTI_PLAN")
    assert [float(v) for v in ds.GridFrameOffsetVector] == [2.5 * k for k in range(7)]
    assert [float(v) for v in ds.PixelSpacing] == [1.171875, 3.0]  # row spacing, column spacing
    scaling = float(ds.DoseGridScaling)
    raw = ds.pixel_array.astype(np.float64) * scaling
    np.testing.assert_allclose(raw, d.dose, atol=scaling / 2 + 1e-6 * 70)  # float32 input precision
    assert json.loads(ds.ImageComments)["plannerview_provenance"]["engine"] == "test"
    back = plannerview.load(out).doses[0]
    assert back.grid.same_geometry(d.grid) and back.dose_type == "EFFECTIVE" and back.summation_type == "MULTI_PLAN"
    np.testing.assert_allclose(back.dose, d.dose, atol=1e-5)


def test_frames_against_the_plane_normal_are_stored_reversed(tmp_path: Path) -> None:
    """k axis along -z (as some FFS doses): the file stacks frames along +z; every voxel keeps its value."""
    d = synthetic(np.diag([1.0, 1.0, -1.0]))
    out = tmp_path / "rd.dcm"
    write_rtdose(d, out)
    back = plannerview.load(out).doses[0]
    assert float(pydicom.dcmread(out).ImagePositionPatient[2]) == pytest.approx(100.25 - 6 * 2.5)
    vals, outside = resample_values(back, d.grid)  # the same lattice points: no interpolation
    assert not outside.any()
    np.testing.assert_allclose(vals, d.dose, atol=1e-5)


def test_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "rd.dcm"
    out.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        write_rtdose(synthetic(), out)
    assert out.read_bytes() == b"precious"


def test_decimal_strings_fit_16_characters() -> None:
    for v in (1.171875, -123.456789012345678, 1e-12 / 3, 0.0, 3.0, 6.123e-17):
        text = ds_str(v)
        assert len(text) <= 16 and float(text) == pytest.approx(v, rel=1e-9, abs=1e-300)


def test_copies_identity_from_the_template_and_passes_dciodvfy(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / "aptg_dcpt_proton" / "plan03_ramp_full"
    tpl = next(p for p in src.glob("RD*.dcm") if pydicom.dcmread(p, stop_before_pixels=True).DoseSummationType == "PLAN")
    before = tpl.read_bytes()
    plan_dose = plannerview.load(tpl).doses[0]
    out = tmp_path / "copy.dcm"
    desc = dataclasses.replace(plan_dose, description="plannerview copy")
    write_rtdose(desc, out, template=tpl)
    t, o = pydicom.dcmread(tpl, stop_before_pixels=True), pydicom.dcmread(out)
    for kw in ("PatientID", "PatientName", "StudyInstanceUID", "FrameOfReferenceUID"):
        assert o[kw].value == t[kw].value
    assert o.SeriesInstanceUID != t.SeriesInstanceUID and o.SOPInstanceUID != t.SOPInstanceUID
    assert o.ReferencedRTPlanSequence[0].ReferencedSOPInstanceUID == t.ReferencedRTPlanSequence[0].ReferencedSOPInstanceUID
    assert o.ReferencedRTPlanSequence[0].ReferencedSOPClassUID == t.ReferencedRTPlanSequence[0].ReferencedSOPClassUID
    np.testing.assert_allclose(plannerview.load(out).doses[0].dose, plan_dose.dose, atol=1e-6)
    assert tpl.read_bytes() == before
    if shutil.which("dciodvfy") is None:
        pytest.skip("dciodvfy (dicom3tools) is not installed")
    assert dciodvfy_errors(out, tmp_path) == []


def test_sum_and_gamma_outputs_pass_dciodvfy_and_info_reads_them(shared_data: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = shared_data / "aptg_dcpt_proton" / "plan03_ramp_full"
    plan_file = next(p for p in src.glob("RD*.dcm") if pydicom.dcmread(p, stop_before_pixels=True).DoseSummationType == "PLAN")
    beam_files = sorted(p for p in src.glob("RD*.dcm") if p != plan_file)
    summed, gam = tmp_path / "sum.dcm", tmp_path / "gamma.dcm"
    assert main(["sum", *map(str, beam_files), "--out", str(summed)]) == 0
    assert main(["gamma", str(plan_file), str(summed), "--out", str(gam)]) == 0
    capsys.readouterr()
    infos = {}
    for f in (summed, gam):
        assert main(["info", str(f), "--json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        infos[f.name] = doc["patients"][0]["studies"][0]["frames_of_reference"][0]["doses"][0]
    # beam doses of one plan sum to that plan's dose: PLAN, as the TPS's own plan dose file says
    assert (infos["sum.dcm"]["summation"], infos["sum.dcm"]["unit_label"]) == ("PLAN", "Gy(RBE)")
    assert infos["gamma.dcm"]["units"] == "RELATIVE"
    g = pydicom.dcmread(gam)
    assert g.DoseUnits == "RELATIVE" and g.SeriesDescription == "gamma 3%/3mm global"
    if shutil.which("dciodvfy") is None:
        pytest.skip("dciodvfy (dicom3tools) is not installed")
    assert dciodvfy_errors(summed, tmp_path) == []
    assert dciodvfy_errors(gam, tmp_path) == []

