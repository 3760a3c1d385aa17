"""``plannerview goals`` end to end on the dicompyler-core breast case (14 Gy in 7 fractions),
checked against the TPS's own DVHs read straight from the RTDOSE with pydicom."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest

from plannerview.cli.main import main
from plannerview.review.loaders import list_protocols, load_protocol

BREAST = "breast_fast_forward_26gy_5fx"


@pytest.fixture(scope="module")
def case_dir(shared_data: Path) -> Path:
    return shared_data / "dicompyler_core_example"


@pytest.fixture(scope="module")
def tps_v_pct(case_dir: Path) -> Any:
    """V(x Gy) in % of the ROI volume from the TPS's cumulative DVHs (DVHSequence in rtdose.dcm)."""
    rd = pydicom.dcmread(case_dir / "rtdose.dcm", stop_before_pixels=True)
    rs = pydicom.dcmread(case_dir / "rtss.dcm", stop_before_pixels=True)
    names = {int(r.ROINumber): str(r.ROIName) for r in rs.StructureSetROISequence}
    curves = {}
    for item in rd.DVHSequence:
        assert item.DVHType == "CUMULATIVE" and item.DoseUnits == "GY" and item.DVHVolumeUnits == "CM3"
        data = np.asarray(item.DVHData, float).reshape(-1, 2)
        lower_edges = np.concatenate([[0.0], np.cumsum(data[:-1, 0])]) * float(item.DVHDoseScaling)
        curves[names[int(item.DVHReferencedROISequence[0].ReferencedROINumber)]] = (lower_edges, data[:, 1])

    def v(roi: str, dose_gy: float) -> float:
        edges, vol = curves[roi]
        return float(np.interp(dose_gy, edges, vol) / vol[0] * 100.0)

    return v


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    rc = main(["goals", *args, "--json"])
    return rc, json.loads(capsys.readouterr().out)


def test_breast_protocol_on_a_7_fraction_plan(case_dir: Path, tps_v_pct: Any,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    rc, doc = _run(capsys, str(case_dir), "--protocol", BREAST)
    assert rc == 0
    assert doc["protocol"] == BREAST and doc["plan_fractions"] == 7 and doc["protocol_fractions"] == 5
    assert doc["prescription_gy"] == 14.0 and doc["prescription_from"] == "plan"  # RTPLAN: Breast 14 Gy
    goals = doc["goals"]
    assert len(goals) == len(load_protocol(BREAST).goals)
    for g in goals:
        assert set(g) >= {"roi", "matched_roi", "metric", "value", "unit", "limit", "acceptable", "status", "note"}
        assert "fractionation differs: plan 7 fx, protocol 5 fx" in g["note"]
    lung, heart15, heart7, ptv95, ptv105 = goals
    assert lung["roi"] == "Lung_IPSI" and lung["matched_roi"] == "Lt Lung"  # left-sided targets
    assert lung["value"] == pytest.approx(tps_v_pct("Lt Lung", 8.0), abs=0.5) and lung["status"] == "pass"
    assert heart15["value"] == pytest.approx(tps_v_pct("Heart", 1.5), abs=0.5) and heart15["status"] == "pass"
    assert heart7["value"] == pytest.approx(tps_v_pct("Heart", 7.0), abs=0.5)
    for g in (ptv95, ptv105):  # no PTV in this structure set: reported, not dropped
        assert g["matched_roi"] is None and g["status"] == "not_evaluated" and "no ROI matches PTV" in g["note"]


def test_roi_map_names_the_target(case_dir: Path, tps_v_pct: Any, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    m = tmp_path / "map.yaml"
    m.write_text("Breast: PTV\n")
    rc, doc = _run(capsys, str(case_dir), "--protocol", BREAST, "--roi-map", str(m))
    assert rc == 0
    ptv95 = doc["goals"][3]
    assert ptv95["matched_roi"] == "Breast" and "ROI map" in ptv95["note"]
    # V95% of the plan's 14 Gy prescription = V13.3Gy
    assert ptv95["value"] == pytest.approx(tps_v_pct("Breast", 13.3), abs=1.0)
    assert "% of the plan's prescription 14 Gy" in ptv95["note"]
    assert ptv95["status"] == "fail"  # a boost plan: most of the breast is far below 14 Gy


def test_eqd2_on_the_breast_case(case_dir: Path, tps_v_pct: Any, capsys: pytest.CaptureFixture[str]) -> None:
    rc, doc = _run(capsys, str(case_dir), "--protocol", BREAST, "--eqd2")
    assert rc == 0 and doc["eqd2"] is True
    heart15 = doc["goals"][1]
    # Heart V1.5Gy, protocol 5 fx, alpha/beta 3: threshold EQD2 = 1.5 (1 + 0.3/3) / (1 + 2/3) = 0.99 Gy.
    # The physical dose in 7 fx with that EQD2 solves d^2/21 + d = 0.99 (5/3): d = 1.5375 Gy.
    e = 1.5 * (1 + 0.3 / 3) / (1 + 2 / 3)
    d = (-1 + math.sqrt(1 + 4 * e * (5 / 3) / 21)) / (2 / 21)
    assert d == pytest.approx(1.5375, abs=1e-4)
    assert heart15["value"] == pytest.approx(tps_v_pct("Heart", d), abs=0.5)
    assert "threshold 1.5 Gy in 5 fx = 0.99 Gy EQD2" in heart15["note"]
    assert "fractionation differs" not in heart15["note"]


def test_exit_codes(case_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "strict.yaml"
    f.write_text("name: strict\ntitle: strict\nfractions: 7\ndose_per_fraction_gy: 2\nprescription_gy: 14\n"
                 "alpha_beta_gy: {default: 3}\nsources: {S: test}\ngoals:\n"
                 "  - {roi: Heart, metric: Dmax, comparator: '<', limit: 1, unit: Gy, citation: {source: S, where: x},"
                 " note: impossible}\n")
    rc, doc = _run(capsys, str(case_dir), "--protocol", str(f))
    assert rc == 0 and doc["goals"][0]["status"] == "fail"  # a report: failing goals exit 0
    assert "fractionation differs" not in doc["goals"][0]["note"]  # 7 fx in both
    assert main(["goals", str(case_dir), "--protocol", str(f), "--fail-on-fail"]) == 1
    capsys.readouterr()
    bad = tmp_path / "bad.yaml"
    bad.write_text(f.read_text().replace("comparator: '<'", "comparator: '=<'"))
    assert main(["goals", str(case_dir), "--protocol", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "comparator" in err
    assert main(["goals", str(case_dir), "--protocol", "no_such_protocol"]) == 2
    assert "no_such_protocol" in capsys.readouterr().err


def test_protocol_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["protocols", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == list_protocols()
    assert all(r["fractions"] * r["dose_per_fraction_gy"] == pytest.approx(r["prescription_gy"]) for r in rows)
    assert main(["goals", "--list"]) == 0
    text = capsys.readouterr().out
    assert all(name in text for name in list_protocols())


def test_text_report(case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["goals", str(case_dir), "--protocol", BREAST]) == 0
    out = capsys.readouterr().out
    assert "plan 7 fx" in out and "Lt Lung" in out and "3 pass, 0 acceptable, 0 fail, 2 not evaluated" in out
