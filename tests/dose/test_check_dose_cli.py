"""``plannerview check-dose``: the secondary check end to end through the plugin host and the
workspace, on the demo case (pyRadPlan, fast) and on the real planning-system proton plan of
aptg_dcpt_proton (MCsquare on a CT built from its structure set)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest

from plannerview.cli.main import main
from plannerview.plugins import reset_default_registry

pytestmark = pytest.mark.slow
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
APTG = "aptg_dcpt_proton/plan03_ramp_full"
RT_ION_PLAN = "1.2.840.10008.5.1.4.1.1.481.8"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path / "config"))  # no user plugin settings
    monkeypatch.setenv("PLANNERVIEW_USER", "Dose Checker")
    reset_default_registry()
    yield
    reset_default_registry()


def _run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, dict, str]:
    capsys.readouterr()
    rc = main(["check-dose", *args])
    out, err = capsys.readouterr()
    return rc, (json.loads(out) if out.strip().startswith("{") else {}), out + err


def test_demo_proton_with_pyradplan(pyradplan_ready, tmp_path: Path, capsys) -> None:
    out = tmp_path / "RD_check.dcm"
    rc, doc, text = _run(capsys, str(DEMO), "--plan", "ProtonIMPT", "--engine", "pyradplan", "--out", str(out),
                         "--json")
    assert rc == 0, text
    for key in ("engine", "seconds", "statistical_uncertainty_pct", "normalisation", "dose", "gamma", "rois",
                "verdict", "reasons"):
        assert key in doc
    assert doc["engine"] == "plannerview-dose:pyradplan" and doc["normalisation"] == "NONE"
    assert set(doc["gamma"]) == {"3%/3mm", "2%/2mm"} and doc["gamma"]["2%/2mm"]["pass_rate_pct"] >= 99.0
    assert doc["verdict"] == "pass" and doc["statistical_uncertainty_pct"] is None
    # the demo's D95 of OuterTarget is 50 Gy(RBE) by construction (resources/demo/README.md)
    target = next(r for r in doc["rois"] if r["name"] == "OuterTarget")
    assert target["tps_d95_gy"] == pytest.approx(50.0, rel=0.02)
    assert abs(target["dmean_diff_pct"]) < 1.0
    # the saved RTDOSE: the engine's dose, referencing the RT Ion Plan, EFFECTIVE with the RBE model named
    ds = pydicom.dcmread(out)
    plan = pydicom.dcmread(DEMO / "RN_ProtonIMPT.dcm")
    ref = ds.ReferencedRTPlanSequence[0]
    assert ref.ReferencedSOPInstanceUID == plan.SOPInstanceUID and ref.ReferencedSOPClassUID == RT_ION_PLAN
    assert ds.DoseType == "EFFECTIVE" and ds.SOPInstanceUID == doc["dose"]["sop_uid"]
    assert float(ds.pixel_array.max() * float(ds.DoseGridScaling)) == pytest.approx(doc["dose"]["max_gy"], rel=1e-3)
    assert "RBE 1.1" in str(ds.get("ImageComments", "")) + str(ds.get("DoseComment", ""))


def test_exit_1_when_the_check_fails(pyradplan_ready, capsys) -> None:
    """Half the particles per MU: half the dose, so the absolute check fails (target mean -50 %)."""
    rc, doc, text = _run(capsys, str(DEMO), "--plan", "ProtonIMPT", "--engine", "pyradplan",
                         "--param", "particles_per_mu=500000", "--json")
    assert rc == 1, text
    assert doc["verdict"] == "fail"
    assert any("OuterTarget" in r and "-50.0 %" in r for r in doc["reasons"])


def test_bad_input_exits_2(tmp_path: Path, capsys) -> None:
    case = tmp_path / "no_dose"
    shutil.copytree(DEMO / "CT", case / "CT")
    for f in ("RS_TG119.dcm", "RN_ProtonIMPT.dcm"):
        shutil.copy(DEMO / f, case)
    rc, _, text = _run(capsys, str(case), "--plan", "ProtonIMPT")
    assert rc == 2 and "no planning-system dose" in text
    rc, _, text = _run(capsys, str(DEMO), "--plan", "ProtonIMPT", "--target", "NoSuchRoi")
    assert rc == 2 and "NoSuchRoi" in text
    rc, _, text = _run(capsys, str(DEMO), "--plan", "ProtonIMPT", "--engine", "nosuchengine")
    assert rc == 2


def test_aptg_plan03_with_mcsquare(mcsquare_folder, shared_data: Path, capsys) -> None:
    """RayStation proton plan on a water phantom with a PMMA slab; no CT: the CT is built from the
    structure set's physical properties. The generic beam model's MU are not the machine's, so the
    check normalises on the target mean. The file says HFS with gantry 90/270 but its RTDOSEs enter
    anterior/posterior: the check flags the beam directions, and the engine given the setup the
    doses show (HFDL) agrees with the planning system. (About 3 % statistical uncertainty on a 5 mm
    phantom here; 2 % in benchmarks/bench_dose.py.)"""
    rc, doc, text = _run(capsys, str(shared_data / APTG), "--normalise", "TARGET_MEAN", "--synthetic-ct-mm", "5",
                         "--param", "patient_position=HFDL", "--param", "per_beam=true",
                         "--param", "target_uncertainty_pct=0", "--param", "primaries=1200000", "--json")
    assert rc == 0, text
    assert doc["gamma"]["3%/3mm"]["pass_rate_pct"] >= 95.0
    assert doc["target"] == "Cube101010" and 0.005 < doc["normalisation_factor"] < 0.2
    assert doc["verdict"] == "review"  # the beam directions, and the Monte Carlo noise of a short run
    flagged = [b for b in doc["beam_directions"] if not b["consistent"]]
    assert [b["beam_number"] for b in flagged] == [1, 2]
    assert all("HFDL" in b["agreeing_positions"] for b in flagged)
    assert any("no CT in the case" in n for n in doc["notes"])
    assert doc["details"]["patient_position"] == "HFDL" and doc["details"]["ct_calibration"]["name"] == "water-linear"
    # beam doses add up to the plan dose: the planning system's (BEAM 1 + BEAM 2 = PLAN) and the engine's
    assert doc["beam_sums"]["tps"]["relative_to_max"] < 1e-4
    assert doc["beam_sums"]["engine"]["max_abs_diff_gy"] < 1e-4
    uncertainty = doc["statistical_uncertainty_pct"]
    assert uncertainty is not None and uncertainty > 3.0
    assert any("statistical uncertainty" in r for r in doc["reasons"])
    assert np.isfinite(doc["dose"]["max_gy"])
