"""Never silently wrong: a value the numbers depend on that the standard does not allow is an error
finding naming the file and the tag, and that object is not used. Each bad file is built from a copy
of a real one (the bundled demo, or ../shared/data)."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate
from pydicom.tag import Tag
from pydicom.uid import JPEG2000Lossless, JPEGLSLossless

import plannerview
from plannerview.cli.main import main
from plannerview.io import codes

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"


def _raw(ds: Dataset, keyword: str, text: str) -> None:
    """Set an element's bytes as they would be in a damaged file (pydicom would refuse some values)."""
    tag = Tag(keyword)
    b = text.encode("latin-1")
    b += b" " * (len(b) % 2)
    implicit = ds.original_encoding[0] if ds.original_encoding[0] is not None else False
    ds._dict[tag] = RawDataElement(tag, None if implicit else ds[tag].VR if tag in ds else "DS", len(b), b, 0,
                                   implicit, True)


def _copy(tmp_path: Path, src: Path, edit: Callable[[Dataset], None], name: str | None = None) -> Path:
    ds = pydicom.dcmread(src)
    edit(ds)
    out = tmp_path / (name or src.name)
    ds.save_as(out)
    return out


def _errors(case: plannerview.Case, path: Path) -> list[str]:
    return [f.message for f in case.findings if f.file == str(path) and f.severity.value == "error"]


DOSE_SCALING_CASES = {
    "missing": lambda ds: delattr(ds, "DoseGridScaling"),
    "empty": lambda ds: _raw(ds, "DoseGridScaling", ""),
    "zero": lambda ds: _raw(ds, "DoseGridScaling", "0"),
    "negative": lambda ds: _raw(ds, "DoseGridScaling", "-1.5e-5"),
    "nan": lambda ds: _raw(ds, "DoseGridScaling", "nan"),
    "infinite": lambda ds: _raw(ds, "DoseGridScaling", "inf"),
    "text": lambda ds: _raw(ds, "DoseGridScaling", "1,5E-5"),
    "tiny": lambda ds: _raw(ds, "DoseGridScaling", "1e-300"),  # every organ goal would "pass"
    "huge": lambda ds: _raw(ds, "DoseGridScaling", "0.01"),  # a maximum of 4e7 Gy
    "two values": lambda ds: _raw(ds, "DoseGridScaling", "1e-5\\2e-5"),
}


@pytest.mark.parametrize("kind", list(DOSE_SCALING_CASES))
def test_dose_grid_scaling_that_the_standard_does_not_allow(tmp_path: Path, kind: str) -> None:
    src = DEMO / "RD_Photon7F.dcm"
    ref = pydicom.dcmread(src)
    good_max = float(ref.pixel_array.max()) * float(ref.DoseGridScaling)  # independent: pydicom's value
    bad = _copy(tmp_path, src, DOSE_SCALING_CASES[kind])
    case = plannerview.load(bad)
    assert case.doses == ()
    errs = _errors(case, bad)
    assert errs and all(m.startswith("RTDOSE not used: ") for m in errs)
    assert any("DoseGridScaling (3004,000E)" in m for m in errs), errs
    assert {f.code for f in case.findings if f.file == str(bad)} == {codes.IO_INVALID_VALUE}
    good = plannerview.load(src).doses[0]
    assert good.max_gy == pytest.approx(good_max, rel=1e-6)


def _pixel_edit(kw: str, value: object) -> Callable[[Dataset], None]:
    def edit(ds: Dataset) -> None:
        setattr(ds, kw, value)
    return edit


@pytest.mark.parametrize(("kind", "edit", "tag"), [
    ("rows", _pixel_edit("Rows", 168), "PixelData (7FE0,0010)"),
    ("bits", _pixel_edit("BitsAllocated", 16), "PixelData (7FE0,0010)"),
    ("bits not allowed", _pixel_edit("BitsAllocated", 8), "BitsAllocated (0028,0100)"),
    ("frames zero", _pixel_edit("NumberOfFrames", 0), "NumberOfFrames (0028,0008)"),
    ("frames", _pixel_edit("NumberOfFrames", 128), "GridFrameOffsetVector (3004,000C)"),
    ("spacing zero", _pixel_edit("PixelSpacing", [0, 2.5]), "PixelSpacing (0028,0030)"),
    ("spacing negative", _pixel_edit("PixelSpacing", [2.5, -2.5]), "PixelSpacing (0028,0030)"),
    ("orientation not unit", _pixel_edit("ImageOrientationPatient", [1, 0, 0, 0, 1.1, 0]),
     "ImageOrientationPatient (0020,0037)"),
    ("orientation not orthogonal", _pixel_edit("ImageOrientationPatient", [1, 0, 0, 0.1, 0.995, 0]),
     "ImageOrientationPatient (0020,0037)"),
    ("offsets twice", lambda ds: setattr(ds, "GridFrameOffsetVector", [0.0] * 2 + list(ds.GridFrameOffsetVector)[2:]),
     "GridFrameOffsetVector (3004,000C)"),
    ("dose units", _pixel_edit("DoseUnits", "CGY"), "DoseUnits (3004,0002)"),
    ("summation", lambda ds: delattr(ds, "DoseSummationType"), "DoseSummationType (3004,000A)"),
])
def test_dose_pixel_module_and_geometry_must_agree(tmp_path: Path, kind: str, edit: Callable[[Dataset], None],
                                                   tag: str) -> None:
    bad = _copy(tmp_path, DEMO / "RD_Photon7F.dcm", edit)
    case = plannerview.load(bad)
    assert case.doses == ()
    errs = _errors(case, bad)
    assert any(tag in m for m in errs), errs


def test_signed_pixel_data_in_a_physical_dose(shared_data: Path, tmp_path: Path) -> None:
    """16-bit RayStation dose whose stored maximum is 65535: read as signed it would hold -1."""
    src = next((shared_data / "aptg_dcpt_proton" / "plan03_ramp_full").glob("RD*3000*.dcm"))
    assert int(pydicom.dcmread(src).pixel_array.max()) == 65535
    bad = _copy(tmp_path, src, _pixel_edit("PixelRepresentation", 1))
    case = plannerview.load(bad)
    assert case.doses == ()
    assert any("PixelRepresentation (0028,0103)" in m and "signed pixel data with negative values (" in m for m in _errors(case, bad))
    # the demo dose (stored maximum 2^31 - 2) reads the same signed: a warning, and the dose is used
    demo = _copy(tmp_path, DEMO / "RD_Photon7F.dcm", _pixel_edit("PixelRepresentation", 1))
    case = plannerview.load(demo)
    (dose,) = case.doses
    ref = pydicom.dcmread(DEMO / "RD_Photon7F.dcm")
    assert dose.max_gy == pytest.approx(float(ref.pixel_array.max()) * float(ref.DoseGridScaling), rel=1e-6)
    (w,) = [f for f in case.findings if f.code == codes.IO_INVALID_VALUE]
    assert w.severity.value == "warning" and "PixelRepresentation (0028,0103)" in w.message


def test_non_finite_contour_data_rejects_the_structure_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(ds: Dataset) -> None:
        c = ds.ROIContourSequence[2].ContourSequence[5]
        raw = "\\".join(["nan"] + [str(v) for v in list(c.ContourData)[1:]])
        _raw(c, "ContourData", raw)

    case_dir = tmp_path / "case"
    case_dir.mkdir()
    bad = _copy(case_dir, DEMO / "RS_TG119.dcm", edit)
    shutil.copyfile(DEMO / "RD_Photon7F.dcm", case_dir / "RD_Photon7F.dcm")
    case = plannerview.load(case_dir)
    assert case.structure_sets == ()
    (msg,) = _errors(case, bad)
    name = str(pydicom.dcmread(DEMO / "RS_TG119.dcm").StructureSetROISequence[2].ROIName)
    assert msg == (f"RTSTRUCT not used: ContourData (3006,0050) in ROI '{name}', contour 6: holds a non-finite "
                   "value (nan) at position 1")
    # dvh and goals: exit 2 with a message naming the file, no traceback
    assert main(["dvh", str(case_dir)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "Traceback" not in err
    assert main(["goals", str(case_dir), "--dose", "RD_Photon7F.dcm", "--protocol", "lung_sbrt_5fx_tg101"]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "Traceback" not in err


def test_contour_point_count_and_roi_references(tmp_path: Path) -> None:
    def points(ds: Dataset) -> None:
        c = ds.ROIContourSequence[1].ContourSequence[0]
        c.NumberOfContourPoints = int(c.NumberOfContourPoints) + 1

    def reference(ds: Dataset) -> None:
        ds.ROIContourSequence[1].ReferencedROINumber = 99

    for edit, expected in ((points, "NumberOfContourPoints (3006,0046)"), (reference, "ReferencedROINumber (3006,0084)")):
        bad = _copy(tmp_path, DEMO / "RS_TG119.dcm", edit)
        case = plannerview.load(bad)
        assert case.structure_sets == () and any(expected in m for m in _errors(case, bad))


@pytest.mark.parametrize(("kind", "slope", "intercept", "tag"), [
    ("slope huge", "1e9", None, "RescaleSlope (0028,1053)"),
    ("slope zero", "0", None, "RescaleSlope (0028,1053)"),
    ("slope nan", "nan", None, "RescaleSlope (0028,1053)"),
    ("intercept absurd", None, "-1e12", "RescaleIntercept (0028,1052)"),
])
def test_absurd_rescale_rejects_the_slice_and_the_series_still_loads(tmp_path: Path, kind: str, slope: str | None,
                                                                      intercept: str | None, tag: str) -> None:
    ct = tmp_path / "CT"
    ct.mkdir()
    names = [f"CT_{k:03d}.dcm" for k in range(60, 66)]
    for n in names:
        shutil.copyfile(DEMO / "CT" / n, ct / n)

    def edit(ds: Dataset) -> None:
        if slope is not None:
            _raw(ds, "RescaleSlope", slope)
        if intercept is not None:
            _raw(ds, "RescaleIntercept", intercept)

    bad = _copy(ct, DEMO / "CT" / names[2], edit)
    case = plannerview.load(ct)
    (img,) = case.images
    assert len(img.slice_files) == len(names) - 1 and str(bad) not in img.slice_files
    errs = _errors(case, bad)
    assert any(tag in m for m in errs), errs
    expected = pydicom.dcmread(DEMO / "CT" / names[0])
    hu = expected.pixel_array.astype(float) * float(expected.RescaleSlope) + float(expected.RescaleIntercept)
    assert np.array_equal(img.voxels[0], hu)


@pytest.mark.parametrize("syntax", [JPEGLSLossless, JPEG2000Lossless])
def test_undecodable_ct_slice_is_a_finding_at_load(tmp_path: Path, syntax: pydicom.uid.UID,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A compressed slice that cannot be decoded (JPEG-LS: no decoder installed; JPEG 2000: a damaged
    stream) is reported at load and left out: the rest of the series is used, nothing crashes later."""
    case_dir = tmp_path / "case"
    (case_dir / "CT").mkdir(parents=True)
    names = [f"CT_{k:03d}.dcm" for k in range(58, 68)]
    for n in names:
        shutil.copyfile(DEMO / "CT" / n, case_dir / "CT" / n)
    shutil.copyfile(DEMO / "RS_TG119.dcm", case_dir / "RS_TG119.dcm")

    def compress(ds: Dataset) -> None:  # a copy that claims the compressed syntax; its stream is not valid
        ds.file_meta.TransferSyntaxUID = syntax
        ds.PixelData = encapsulate([bytes(ds.PixelData[:4000])])
        ds["PixelData"].VR = "OB"
        ds["PixelData"].is_undefined_length = True

    bad = _copy(case_dir / "CT", DEMO / "CT" / names[4], compress)
    case = plannerview.load(case_dir)
    errs = _errors(case, bad)
    assert any("PixelData (7FE0,0010)" in m for m in errs), errs
    (img,) = case.images
    assert len(img.slice_files) == len(names) - 1
    assert img.voxels.shape == (len(names) - 1, 167, 167)
    out = tmp_path / "RS_margin.dcm"
    assert main(["margin", str(case_dir), "--roi", "Core", "--mm", "2", "--out", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    new = doc["new_rois"][0]  # the contour method (the default for equal margins) has no voxel count
    assert new["volume_cc"] > 0 and new["contours"] > 0 and out.is_file()


def test_tps_dvh_with_invalid_data_is_dropped_with_a_warning(shared_data: Path, tmp_path: Path) -> None:
    def edit(ds: Dataset) -> None:
        d = ds.DVHSequence[0]
        data = list(d.DVHData)
        data[7] = -5.0
        d.DVHData = data

    bad = _copy(tmp_path, shared_data / "dicompyler_core_example" / "rtdose.dcm", edit)
    case = plannerview.load(bad)
    (dose,) = case.doses
    n = len(pydicom.dcmread(shared_data / "dicompyler_core_example" / "rtdose.dcm").DVHSequence)
    assert len(dose.tps_dvhs) == n - 1
    (w,) = [f for f in case.findings if f.code == codes.IO_INVALID_VALUE]
    assert w.severity.value == "warning" and "DVHData (3004,0058) in DVHSequence item 1" in w.message


PLAN_CASES: dict[str, tuple[Callable[[Dataset], None], str]] = {
    "fractions zero": (lambda ds: setattr(ds.FractionGroupSequence[0], "NumberOfFractionsPlanned", 0),
                       "NumberOfFractionsPlanned (300A,0078)"),
    "meterset nan": (lambda ds: _raw(ds.FractionGroupSequence[0].ReferencedBeamSequence[0], "BeamMeterset", "nan"),
                     "BeamMeterset (300A,0086)"),
    "weights decrease": (lambda ds: setattr(ds.BeamSequence[0].ControlPointSequence[5], "CumulativeMetersetWeight",
                                            0.0), "CumulativeMetersetWeight (300A,0134)"),
    "final weight": (lambda ds: setattr(ds.BeamSequence[1], "FinalCumulativeMetersetWeight", 2.0),
                     "CumulativeMetersetWeight (300A,0134)"),
    "energy negative": (lambda ds: setattr(ds.BeamSequence[2].ControlPointSequence[0], "NominalBeamEnergy", -6),
                        "NominalBeamEnergy (300A,0114)"),
    "gantry 400": (lambda ds: setattr(ds.BeamSequence[2].ControlPointSequence[0], "GantryAngle", 400),
                   "GantryAngle (300A,011E)"),
    "leaves crossed": (lambda ds: _cross_leaves(ds), "LeafJawPositions (300A,011C)"),
    "prescription inf": (lambda ds: _raw(ds.DoseReferenceSequence[0], "TargetPrescriptionDose", "inf"),
                         "TargetPrescriptionDose (300A,0026)"),
    "control points": (lambda ds: setattr(ds.BeamSequence[0], "NumberOfControlPoints", 3),
                       "NumberOfControlPoints (300A,0110)"),
}


def _cross_leaves(ds: Dataset) -> None:
    cp = ds.BeamSequence[0].ControlPointSequence[0]
    dev = next(d for d in cp.BeamLimitingDevicePositionSequence if str(d.RTBeamLimitingDeviceType).startswith("MLC"))
    pos = [float(v) for v in dev.LeafJawPositions]
    n = len(pos) // 2
    pos[10], pos[n + 10] = 20.0, -20.0
    dev.LeafJawPositions = pos


@pytest.mark.parametrize("kind", list(PLAN_CASES))
def test_photon_plan_values(tmp_path: Path, kind: str) -> None:
    edit, tag = PLAN_CASES[kind]
    bad = _copy(tmp_path, DEMO / "RP_Photon7F.dcm", edit)
    case = plannerview.load(bad)
    assert case.plans == ()
    errs = _errors(case, bad)
    assert any(tag in m for m in errs), errs


ION_CASES: dict[str, tuple[Callable[[Dataset], None], str]] = {
    "spot weight changed": (lambda ds: _scale_spot(ds, 1.5), "ScanSpotMetersetWeights (300A,0396)"),
    "spot position nan": (lambda ds: _nan_spot(ds), "ScanSpotPositionMap (300A,0394)"),
    "spot count": (lambda ds: setattr(ds.IonBeamSequence[0].IonControlPointSequence[0], "NumberOfScanSpotPositions",
                                      1 + int(ds.IonBeamSequence[0].IonControlPointSequence[0].NumberOfScanSpotPositions)),
                   "ScanSpotMetersetWeights (300A,0396)"),
    "energy 2000 MeV": (lambda ds: setattr(ds.IonBeamSequence[0].IonControlPointSequence[0], "NominalBeamEnergy", 2000),
                        "NominalBeamEnergy (300A,0114)"),
    "spot size zero": (lambda ds: setattr(ds.IonBeamSequence[1].IonControlPointSequence[0], "ScanningSpotSize",
                                          [0.0, 5.0]), "ScanningSpotSize (300A,0398)"),
}


def _scale_spot(ds: Dataset, f: float) -> None:
    cp = ds.IonBeamSequence[0].IonControlPointSequence[0]
    w = np.frombuffer(cp["ScanSpotMetersetWeights"].value, "<f4").copy() if isinstance(
        cp["ScanSpotMetersetWeights"].value, bytes) else np.array(cp.ScanSpotMetersetWeights, dtype="<f4")
    w[int(np.argmax(w))] *= f
    cp.ScanSpotMetersetWeights = [float(v) for v in w]


def _nan_spot(ds: Dataset) -> None:
    cp = ds.IonBeamSequence[0].IonControlPointSequence[0]
    p = [float(v) for v in cp.ScanSpotPositionMap]
    p[3] = float("nan")
    cp.ScanSpotPositionMap = p


@pytest.mark.parametrize("kind", list(ION_CASES))
def test_ion_plan_values(tmp_path: Path, kind: str) -> None:
    edit, tag = ION_CASES[kind]
    bad = _copy(tmp_path, DEMO / "RN_ProtonIMPT.dcm", edit)
    case = plannerview.load(bad)
    assert case.plans == ()
    errs = _errors(case, bad)
    assert any(tag in m for m in errs), errs


def test_real_files_raise_no_value_findings(shared_data: Path) -> None:
    """The checks accept every object of the public multi-vendor sets and the demo."""
    for src in (shared_data, DEMO):
        case = plannerview.load(src)
        bad = [f for f in case.findings if f.code in (codes.IO_INVALID_VALUE, codes.IO_CORRUPT)]
        assert bad == [], bad
    assert len(plannerview.load(shared_data).plans) == 14


def test_dvh_goals_and_compare_show_the_preflight_of_their_objects(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A FRACTION-labelled dose whose maximum is the whole course: a preflight error on the dose; the
    dvh and compare outputs list it, and goals that would pass on it are not "pass"."""
    case_dir = tmp_path / "case"
    case_dir.mkdir()
    for n in ("RS_TG119.dcm", "RP_Photon7F.dcm", "RD_ProtonIMPT.dcm", "RN_ProtonIMPT.dcm"):
        shutil.copyfile(DEMO / n, case_dir / n)
    _copy(case_dir, DEMO / "RD_Photon7F.dcm", _pixel_edit("DoseSummationType", "FRACTION"))
    args = ["goals", str(case_dir), "--plan", "RP_Photon7F.dcm", "--protocol", "breast_fast_forward_26gy_5fx"]
    assert main([*args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in doc["preflight"] if f["severity"] == "error"] == [codes.DOSE_SUMMATION_MISMATCH]
    assert doc["summary"]["pass"] == 0 and doc["preflight_errors"]
    distrusted = [g for g in doc["goals"] if g["note"].startswith("would be pass")]
    assert distrusted and all(g["status"] == "not_evaluated" and g["value"] is not None for g in distrusted)
    # the same goals on the untouched dose: those pass
    clean = tmp_path / "clean"
    clean.mkdir()
    for n in ("RS_TG119.dcm", "RP_Photon7F.dcm", "RD_Photon7F.dcm"):
        shutil.copyfile(DEMO / n, clean / n)
    assert main(["goals", str(clean), "--plan", "RP_Photon7F.dcm", "--protocol", "breast_fast_forward_26gy_5fx",
                 "--json"]) == 0
    ok = json.loads(capsys.readouterr().out)
    assert ok["summary"]["pass"] == len(distrusted) and ok["preflight_errors"] == []
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "Preflight findings of the objects used:" in text and "[ERROR  ] DOSE_SUMMATION_MISMATCH" in text
    assert main(["dvh", str(case_dir), "--dose", "RD_Photon7F.dcm", "--roi", "Core", "--json"]) == 0
    assert codes.DOSE_SUMMATION_MISMATCH in {f["code"] for f in json.loads(capsys.readouterr().out)["preflight"]}
    assert main(["dvh", str(case_dir), "--dose", "RD_Photon7F.dcm", "--roi", "Core"]) == 0
    assert "DOSE_SUMMATION_MISMATCH" in capsys.readouterr().out


def test_no_traceback_when_the_dose_is_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_dir = tmp_path / "case"
    case_dir.mkdir()
    shutil.copyfile(DEMO / "RS_TG119.dcm", case_dir / "RS_TG119.dcm")
    bad = _copy(case_dir, DEMO / "RD_Photon7F.dcm", _pixel_edit("PixelSpacing", [0, 0]))
    for argv in (["dvh", str(case_dir)], ["goals", str(case_dir), "--protocol", "lung_sbrt_5fx_tg101"],
                 ["compare", str(case_dir), "--a", "RD_Photon7F.dcm", "--b", "RD_Photon7F.dcm"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and str(bad) in err and "PixelSpacing (0028,0030)" in err, err
    buf = io.StringIO(str(bad))
    assert buf.getvalue()


def test_structures_and_dose_in_different_frames_exit_2_naming_both(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The plan names its structure set, but the dose is in another frame: no traceback in any command."""
    case_dir = tmp_path / "case"
    case_dir.mkdir()
    for n in ("RS_TG119.dcm", "RP_Photon7F.dcm"):
        shutil.copyfile(DEMO / n, case_dir / n)
    rd = _copy(case_dir, DEMO / "RD_Photon7F.dcm", _pixel_edit("FrameOfReferenceUID", "1.2.3.4.5.6"))
    for argv in (["dvh", str(case_dir)],
                 ["goals", str(case_dir), "--plan", "RP_Photon7F.dcm", "--dose", rd.name, "--protocol",
                  "lung_sbrt_5fx_tg101"],
                 ["compare", str(case_dir), "--a", rd.name, "--b", rd.name, "--structures", "RS_TG119.dcm"]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "Traceback" not in err and "different frames of reference" in err
        assert str(rd) in err and str(case_dir / "RS_TG119.dcm") in err
