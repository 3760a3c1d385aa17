"""Words and units in text output: Gy(RBE) for RBE-weighted doses, proton energies in MeV (MeV/u
for heavier ions), beams without radiation data, grid sizes with their axis order, doses told apart
and selected by plan label, a warning on gamma pass rates over few voxels, and no Python exception
names in messages. Built on the bundled demo case (and copies of its files); truth read with pydicom."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.model.messages import user_message

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b")


@pytest.fixture(scope="module")
def demo() -> Path:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    return DEMO


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out = capsys.readouterr()
    return rc, out.out, out.err


def _beams_json(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    rc, out, _ = _run(capsys, "info", str(path), "--json")
    assert rc == 0
    plans = [p for pat in json.loads(out)["patients"] for st in pat["studies"] for fr in st["frames_of_reference"]
             for p in fr["plans"]]
    return {p["label"]: p for p in plans}


def test_proton_energies_in_mev_and_prescriptions_in_gy_rbe(demo: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    ds = pydicom.dcmread(demo / "RN_ProtonIMPT.dcm")
    top = max(float(cp.NominalBeamEnergy) for cp in ds.IonBeamSequence[0].IonControlPointSequence
              if "NominalBeamEnergy" in cp)
    plans = _beams_json(capsys, demo)
    proton = plans["ProtonIMPT"]
    assert proton["dose_unit"] == "Gy(RBE)" and plans["Photon7F"]["dose_unit"] == "Gy"
    b = proton["beams"][0]
    assert b["energy_unit"] == "MeV" and b["energy"] == pytest.approx(top, abs=1e-3)
    assert b["energy_label"] == f"{top:.4g} MeV"
    rc, text, _ = _run(capsys, "info", str(demo))
    assert f"{top:.4g} MeV " in text and "MeV/u" not in text
    assert "Rx 50 Gy(RBE) in 25 fx" in text and "Rx 50 Gy in 25 fx" in text
    assert "167 x 167 x 129 voxels (x, y, z)" in text  # the CT: Columns x Rows x slices
    ct = pydicom.dcmread(next((demo / "CT").iterdir()), stop_before_pixels=True)
    assert (ct.Columns, ct.Rows) == (167, 167)
    # the same plan as carbon ions: MeV/u
    ds.IonBeamSequence[0].RadiationType = "ION"
    ds.IonBeamSequence[0].RadiationAtomicNumber = 6
    ds.IonBeamSequence[0].RadiationMassNumber = 12
    ds.save_as(tmp_path / "RN_carbon.dcm")
    carbon = _beams_json(capsys, tmp_path)["ProtonIMPT"]["beams"][0]
    assert carbon["energy_unit"] == "MeV/u" and carbon["energy_label"].endswith(" MeV/u")


def test_a_beam_without_radiation_data_is_said_so(demo: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    ds = pydicom.dcmread(demo / "RP_Photon7F.dcm")
    b1, b2 = ds.BeamSequence[0], ds.BeamSequence[1]
    del b1.RadiationType
    for cp in b1.ControlPointSequence:
        if "NominalBeamEnergy" in cp:
            del cp.NominalBeamEnergy
    for cp in b2.ControlPointSequence:  # PHOTON, but no energy stated (0 is rejected as invalid)
        if "NominalBeamEnergy" in cp:
            del cp.NominalBeamEnergy
    ds.save_as(tmp_path / "RP.dcm")
    beams = _beams_json(capsys, tmp_path)["Photon7F"]["beams"]
    assert beams[0]["radiation"] == "" and beams[0]["energy_label"] == "" and beams[0]["energy"] is None
    assert beams[1]["radiation"] == "PHOTON" and beams[1]["energy_label"] == ""
    rc, text, _ = _run(capsys, "info", str(tmp_path))
    line1 = next(ln for ln in text.splitlines() if "beam  1 " in ln)
    line2 = next(ln for ln in text.splitlines() if "beam  2 " in ln)
    assert "no radiation data" in line1 and "PHOTON" not in line1 and "0X" not in line1
    assert "PHOTON" in line2 and "no energy" in line2 and "0X" not in line2


def test_dose_selected_by_plan_label_and_candidates_told_apart(demo: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, "dvh", str(demo), "--dose", "ProtonIMPT", "--roi", "Core", "--json")
    assert rc == 0
    doc = json.loads(out)
    assert Path(doc["dose"]["file"]).name == "RD_ProtonIMPT.dcm" and doc["dose"]["value_unit"] == "Gy(RBE)"
    assert doc["dose"]["title"] == "ProtonIMPT · PLAN · RD_ProtonIMPT.dcm"
    rc, _, err = _run(capsys, "dvh", str(demo), "--roi", "Core")  # two doses: the message lists them
    assert rc == 2
    assert "Photon7F · PLAN · RD_Photon7F.dcm" in err and "ProtonIMPT · PLAN · RD_ProtonIMPT.dcm" in err


def test_gamma_over_few_voxels_carries_a_warning(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ds = pydicom.dcmread(demo / "RD_Photon7F.dcm")
    dose = ds.pixel_array.astype(float) * float(ds.DoseGridScaling)
    cutoff = 99.0
    n_expected = int(np.count_nonzero(dose >= cutoff / 100.0 * dose.max()))
    assert 0 < n_expected < 100
    rd = str(demo / "RD_Photon7F.dcm")
    rc, out, _ = _run(capsys, "gamma", rd, rd, "--cutoff", str(cutoff), "--json")
    doc = json.loads(out)
    assert rc == 0 and doc["evaluated_voxels"] == n_expected and doc["pass_rate_pct"] == 100.0
    assert len(doc["warnings"]) == 1 and f"only {n_expected} voxels" in doc["warnings"][0]
    rc, text, _ = _run(capsys, "gamma", rd, rd, "--cutoff", str(cutoff))
    assert f"! the pass rate is over only {n_expected} voxels" in text
    rc, out, _ = _run(capsys, "gamma", rd, rd, "--json")
    assert json.loads(out)["warnings"] == []  # the usual 10 % cut-off: thousands of voxels


def test_messages_name_no_python_exception(demo: Path, tmp_path: Path) -> None:
    assert user_message(KeyError("ReferencedROINumber")) == "a required value is missing: ReferencedROINumber"
    assert user_message(EOFError()) == "the data ends early"
    assert not EXCEPTION_NAME.search(user_message(ValueError("could not convert string to float: 'x'")))
    # damaged copies of real files: whatever is reported names the file and the problem, in words
    raw = (demo / "RS_TG119.dcm").read_bytes()
    (tmp_path / "RS_cut.dcm").write_bytes(raw[: len(raw) // 3])
    raw = (demo / "RP_Photon7F.dcm").read_bytes()
    (tmp_path / "RP_cut.dcm").write_bytes(raw[: int(len(raw) * 0.6)])
    raw = (demo / "RD_Photon7F.dcm").read_bytes()
    (tmp_path / "RD_cut.dcm").write_bytes(raw[:2000])
    case = plannerview.load(tmp_path)
    assert case.findings
    for f in case.findings:
        assert not EXCEPTION_NAME.search(f.message), f.message
