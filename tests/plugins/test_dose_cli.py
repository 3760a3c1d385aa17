"""``plannerview dose``: a fixture engine with a known answer (gy_per_mu x the plan's total
meterset inside the body, CT > -350 HU) on the demo plan; the written RTDOSE is read back with
pydicom and compared with values computed here from the CT and plan files themselves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest

from plannerview.cli.main import main
from plannerview.plugins import reset_default_registry

FIXTURES = Path(__file__).parent / "fixtures"
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
RT_DOSE = "1.2.840.10008.5.1.4.1.1.481.2"


@pytest.fixture()
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    shutil.copy(FIXTURES / "fixture_dose.py", folder)
    monkeypatch.setenv("PLANNERVIEW_PLUGIN_PATH", str(folder))
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PLANNERVIEW_USER", "Dose Tester")
    reset_default_registry()
    yield folder
    reset_default_registry()


def _run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    reset_default_registry()
    capsys.readouterr()
    rc = main(["dose", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def _ct_truth() -> tuple[np.ndarray, list[pydicom.Dataset]]:
    """HU volume [k, j, i] from the CT files, slices sorted along z (read with pydicom only)."""
    slices = sorted((pydicom.dcmread(f) for f in (DEMO / "CT").glob("*.dcm")),
                    key=lambda d: float(d.ImagePositionPatient[2]))
    hu = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in slices])
    return hu, slices


def _plan_mu(plan: pydicom.Dataset) -> float:
    fg = plan.FractionGroupSequence[0]
    return float(sum(float(b.BeamMeterset) for b in fg.ReferencedBeamSequence)) * int(fg.NumberOfFractionsPlanned)


def test_dose_writes_a_checked_rtdose_referencing_the_plan(plugins: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "RD_plugin.dcm"
    rc, stdout, err = _run(capsys, str(DEMO), "--plan", "Photon7F", "--engine", "fixture-dose:constant",
                           "--param", "gy_per_mu=0.0005", "--out", str(out), "--json")
    assert rc == 0, err
    doc = json.loads(stdout)
    assert set(doc) >= {"dose", "engine", "seconds"}
    assert set(doc["dose"]) >= {"sop_uid", "file", "type", "units", "max_gy"}
    assert set(doc["engine"]) == {"name", "plugin", "version", "parameters"}
    assert doc["engine"] == {"name": "constant", "plugin": "fixture-dose", "version": "2.3.4",
                             "parameters": {"gy_per_mu": 0.0005, "body_threshold_hu": -350.0}}
    plan = pydicom.dcmread(DEMO / "RP_Photon7F.dcm")
    hu, slices = _ct_truth()
    mu = _plan_mu(plan)
    truth = np.where(hu > -350.0, 0.0005 * mu, 0.0)

    ds = pydicom.dcmread(out)
    # identity: new UIDs, the plan referenced with its SOP class, the plan's patient and frame
    assert ds.SOPClassUID == RT_DOSE and ds.Modality == "RTDOSE"
    assert ds.SOPInstanceUID == doc["dose"]["sop_uid"] and doc["dose"]["file"] == str(out)
    olds = {plan.SOPInstanceUID, plan.SeriesInstanceUID, pydicom.dcmread(DEMO / "RD_Photon7F.dcm").SOPInstanceUID,
            slices[0].SeriesInstanceUID}
    assert ds.SOPInstanceUID not in olds and ds.SeriesInstanceUID not in olds
    (ref,) = ds.ReferencedRTPlanSequence
    assert ref.ReferencedSOPInstanceUID == plan.SOPInstanceUID and ref.ReferencedSOPClassUID == plan.SOPClassUID
    assert ds.FrameOfReferenceUID == slices[0].FrameOfReferenceUID == plan.FrameOfReferenceUID
    assert (ds.PatientID, ds.StudyInstanceUID) == (plan.PatientID, plan.StudyInstanceUID)
    assert (ds.DoseUnits, ds.DoseType, ds.DoseSummationType) == ("GY", "PHYSICAL", "PLAN")
    # geometry: the CT grid
    assert [float(v) for v in ds.ImagePositionPatient] == pytest.approx([float(v) for v in slices[0].ImagePositionPatient])
    assert [float(v) for v in ds.PixelSpacing] == pytest.approx([float(v) for v in slices[0].PixelSpacing])
    z = [float(s.ImagePositionPatient[2]) for s in slices]
    assert [float(v) for v in ds.GridFrameOffsetVector] == pytest.approx([zk - z[0] for zk in z])
    # values: the known answer within the storage step
    values = ds.pixel_array.astype(np.float64) * float(ds.DoseGridScaling)
    assert values.shape == truth.shape
    step = float(ds.DoseGridScaling)
    assert np.abs(values - truth).max() <= step / 2 + 0.0005 * mu * 1e-6
    assert doc["dose"]["max_gy"] == pytest.approx(0.0005 * mu, rel=1e-6)
    assert (doc["dose"]["type"], doc["dose"]["units"]) == ("PHYSICAL", "GY")
    # provenance: complete JSON in the private block, the same in ImageComments, a summary in DoseComment
    block = ds.private_block(0x0071, "PLANNERVIEW PROVENANCE")
    prov = json.loads(block[0x01].value)
    assert prov["engine"] == "fixture-dose:constant" and prov["version"] == "2.3.4"
    assert prov["parameters"] == {"gy_per_mu": 0.0005, "body_threshold_hu": -350.0}
    assert prov["user"] == "Dose Tester"
    assert prov["inputs"][:2] == [plan.SOPInstanceUID, slices[0].SeriesInstanceUID]
    assert prov["details"]["meterset_mu"] == pytest.approx(mu)
    assert json.loads(ds.ImageComments)["plannerview_provenance"] == prov
    assert ds.DoseComment == "calculated by fixture-dose:constant 2.3.4"


def test_an_engine_returning_two_doses_writes_both(plugins: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "RD.dcm"
    rc, stdout, err = _run(capsys, str(DEMO), "--plan", "Photon7F", "--engine", "two", "--out", str(out), "--json")
    assert rc == 0, err
    doc = json.loads(stdout)
    assert [d["type"] for d in doc["doses"]] == ["PHYSICAL", "EFFECTIVE"]
    second = pydicom.dcmread(tmp_path / "RD_2.dcm")
    first = pydicom.dcmread(out)
    assert second.DoseType == "EFFECTIVE" and second.SOPInstanceUID != first.SOPInstanceUID
    ratio = float(second.pixel_array.max()) * float(second.DoseGridScaling) / (
        float(first.pixel_array.max()) * float(first.DoseGridScaling))
    assert ratio == pytest.approx(1.1, rel=1e-6)


def test_unknown_engine_and_unmet_needs_exit_2(plugins: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "RD.dcm"
    rc, _o, err = _run(capsys, str(DEMO), "--plan", "Photon7F", "--engine", "nosuch", "--out", str(out))
    assert rc == 2 and "no active dose engine named 'nosuch'; available: " in err and "fixture-dose:constant" in err
    rc, _o, err = _run(capsys, str(DEMO), "--plan", "Photon7F", "--engine", "ion_only", "--out", str(out))
    assert rc == 2 and "it needs an ion plan; plan 'Photon7F' is a photon plan" in err
    rc, _o, err = _run(capsys, str(DEMO), "--plan", "Photon7F", "--engine", "constant", "--param", "gy_per_mu=5",
                       "--out", str(out))
    assert rc == 2 and "5.0 is above the maximum 1.0 Gy/MU" in err
    assert not out.exists()


def test_a_plan_the_engine_refuses_exits_2(plugins: Path, tmp_path: Path, capsys) -> None:
    plan = pydicom.dcmread(DEMO / "RP_Photon7F.dcm")
    del plan.BeamSequence  # a copy of the real plan without beams (nor references to them: a valid plan)
    plan.FractionGroupSequence[0].ReferencedBeamSequence = []
    plan.FractionGroupSequence[0].NumberOfBeams = 0
    bad = tmp_path / "RP_nobeams.dcm"
    plan.save_as(bad)
    out = tmp_path / "RD.dcm"
    rc, _o, err = _run(capsys, str(DEMO / "CT"), str(bad), "--engine", "constant", "--out", str(out))
    assert rc == 2 and "dose engine 'fixture-dose:constant': plan 'Photon7F' has no beams to calculate" in err
    assert not out.exists()


def test_a_faulty_engine_exits_1_and_an_existing_file_is_never_replaced(plugins: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "RD.dcm"
    rc, _o, err = _run(capsys, str(DEMO), "--plan", "Photon7F", "--engine", "nan", "--out", str(out))
    assert rc == 1 and "dose engine 'fixture-dose:nan': result refused: its dose has 1 non-finite values" in err
    assert not out.exists()
    out.write_bytes(b"keep me")
    rc, _o, err = _run(capsys, str(DEMO), "--plan", "Photon7F", "--engine", "constant", "--out", str(out))
    assert rc == 2 and "exists" in err and out.read_bytes() == b"keep me"
