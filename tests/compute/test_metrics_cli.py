"""Metric expressions and `plannerview dvh --json` on a case whose answer is known exactly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from plannerview.cli.main import main
from plannerview.compute.dvh import compute_dvh
from plannerview.compute.metrics import MetricError, evaluate_metric, parse_metric
from plannerview.model import ROI, Contour, DoseGrid, Grid


def test_parse_metric_grammar() -> None:
    assert parse_metric("D95%").kind == "D_PCT" and parse_metric("D95%").x == 95
    assert parse_metric("D0.03cc").x == pytest.approx(0.03)
    m = parse_metric("V20Gy[cc]")
    assert (m.kind, m.x, m.unit) == ("V_GY", 20.0, "cc")
    assert parse_metric("V95%").unit == "%" and parse_metric("Dmean[%]").unit == "%"
    assert parse_metric("gEUD(a=8)").x == 8
    with pytest.raises(MetricError, match="cannot read metric"):
        parse_metric("D95")
    with pytest.raises(MetricError):
        parse_metric("D120%")


def _cube_case() -> tuple[ROI, DoseGrid]:
    """A 30 mm cube (planes every 3 mm) in a field of 10 Gy for x <= -2 mm, 20 Gy for x >= 2 mm and 15 Gy
    at x = 0 (voxel centres every 2 mm): trilinear interpolation gives D = 15 + 2.5 x between them."""
    sq = np.array([[-15, -15], [15, -15], [15, 15], [-15, 15]], float)
    roi = ROI(1, "cube", tuple(Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)])) for z in np.arange(-13.5, 14, 3.0)))
    n, s = 41, 2.0
    ax = -40 + s * np.arange(n)
    x = np.broadcast_to(ax[None, None, :], (n, n, n))
    dose = np.where(x < -1.0, 10.0, np.where(x > 1.0, 20.0, 15.0 + 5.0 * x)).astype(np.float32)
    grid = Grid((n, n, n), (s, s, s), (ax[0], ax[0], ax[0]), np.eye(3), "1.2")
    return roi, DoseGrid(sop_uid="9", frame_of_reference_uid="1.2", grid=grid, dose_type="PHYSICAL", units="GY",
                         summation_type="PLAN", loader=lambda: dose)


def test_metrics_on_a_known_distribution() -> None:
    roi, dose = _cube_case()
    dvh = compute_dvh(roi, dose)
    assert dvh.volume_cc == pytest.approx(27.0)
    assert evaluate_metric("Dmean", dvh).value == pytest.approx(15.0, abs=0.05)
    # D >= 19 Gy where x >= 1.6 mm
    assert evaluate_metric("V19Gy[%]", dvh).value == pytest.approx(100 * (15 - 1.6) / 30, abs=0.5)
    assert evaluate_metric("V19Gy[cc]", dvh).value == pytest.approx(27 * (15 - 1.6) / 30, abs=0.15)
    assert evaluate_metric("D2%", dvh).value == pytest.approx(20.0, abs=0.01)
    assert evaluate_metric("D98%", dvh).value == pytest.approx(10.0, abs=0.01)
    assert evaluate_metric("D0.03cc", dvh).value == pytest.approx(20.0, abs=0.01)
    assert evaluate_metric("V50%[%]", dvh, prescription_gy=20.0).value == pytest.approx(100.0)
    assert evaluate_metric("HI", dvh).value == pytest.approx((20 - 10) / 15, abs=0.02)
    assert evaluate_metric("gEUD(a=1)", dvh).value == pytest.approx(15.0, abs=0.05)
    assert evaluate_metric("Dmax[%]", dvh, prescription_gy=10.0).value == pytest.approx(200.0, abs=0.1)


def test_dvh_cli_json(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dvh", str(shared_data / "dicompyler_core_example"), "--roi", "Heart", "Tumor Bed", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["dose"]["type"] == "PHYSICAL" and doc["dose"]["units"] == "GY"
    assert set(doc["dose"]) >= {"sop_uid", "file", "type", "units"}
    heart = next(s for s in doc["structures"] if s["name"] == "Heart")
    assert set(heart) >= {"name", "number", "volume_cc", "uncovered_cc", "dmin_gy", "dmean_gy", "dmax_gy",
                          "d_percent_gy", "cumulative", "tps", "warnings"}
    assert set(heart["d_percent_gy"]) == {"2", "5", "50", "95", "98"}
    d = heart["cumulative"]["dose_gy"]
    assert max(np.diff(d)) <= min(0.1, heart["dmax_gy"] / 500) + 1e-5
    assert heart["cumulative"]["volume_cc"][0] == pytest.approx(heart["volume_cc"], rel=1e-6)
    assert set(heart["tps"]) >= {"volume_cc", "dmean_gy", "d_percent_gy", "max_curve_diff_pct"}
    assert main(["dvh", str(shared_data / "dicompyler_core_example"), "--roi", "Nope"]) == 2


def test_dvh_cli_csv(shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dvh.csv"
    assert main(["dvh", str(shared_data / "dicompyler_core_example"), "--roi", "Tumor Bed", "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Tumor Bed" in text and "% of the 14 Gy prescription" in text  # the TPS quirk, said once
    rows = out.read_text().splitlines()
    assert rows[0] == "roi,dose_Gy,volume_cc"
    first = rows[1].split(",")
    # the whole Tumor Bed receives at least 0 Gy: its TPS volume is 12.81 cc, ours within 3 %
    assert first[0] == "Tumor Bed" and float(first[1]) == 0.0 and float(first[2]) == pytest.approx(12.81, rel=0.03)


def test_relative_dose_has_null_gy_fields(shared_data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """pydicom's RELATIVE dose with a box structure set in its frame (written by the test)."""
    import pydicom
    from pydicom.uid import generate_uid

    src = shared_data / "pydicom_rt"
    rd = pydicom.dcmread(src / "rtdose.dcm")
    rs = pydicom.dcmread(src / "rtstruct.dcm", force=True)
    rs.ReferencedFrameOfReferenceSequence[0].FrameOfReferenceUID = rd.FrameOfReferenceUID
    for r in rs.StructureSetROISequence:
        r.ReferencedFrameOfReferenceUID = rd.FrameOfReferenceUID
    rs.SOPInstanceUID = generate_uid()
    rs.save_as(tmp_path / "rs.dcm", implicit_vr=True, little_endian=True)
    (tmp_path / "rd.dcm").write_bytes((src / "rtdose.dcm").read_bytes())
    assert main(["dvh", str(tmp_path), "--roi", "patient", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)["structures"][0]
    assert row["dmean_gy"] is None and row["d_percent_gy"]["95"] is None
    assert row["cumulative"]["dose_gy"] is None


def test_relative_dose_dvh_in_relative_units() -> None:
    """The 30 mm cube in the same field, declared RELATIVE: relative figures, Gy fields null."""
    import dataclasses

    from plannerview.review.results import DvhMetrics

    roi, dose = _cube_case()
    dvh = compute_dvh(roi, dataclasses.replace(dose, units="RELATIVE"))
    assert dvh.unit == "RELATIVE" and any("RELATIVE" in w for w in dvh.warnings)
    row = DvhMetrics.from_dvh(dvh).to_json()
    assert row["dmean_gy"] is None and row["d_percent_gy"]["50"] is None and row["cumulative"]["dose_gy"] is None
    assert row["relative"]["dmean"] == pytest.approx(15.0, abs=0.05)
    assert row["relative"]["dmax"] == pytest.approx(20.0, abs=0.01)
    assert row["cumulative"]["volume_cc"][0] == pytest.approx(27.0)
    assert evaluate_metric("Dmean", dvh).value is None
    assert evaluate_metric("V19Gy[%]", dvh).value is None
    assert evaluate_metric("HI", dvh).value == pytest.approx((20 - 10) / 15, abs=0.02)
    assert any("RELATIVE" in w for w in row["warnings"])


def test_conformity_and_gradient_indices() -> None:
    """Target = the 30 mm cube; dose 20 Gy wherever x >= 2 mm (Rx 20 Gy): the prescription isodose
    volume is known by voxel count; Paddick CI = TV_PIV^2 / (TV * PIV)."""
    roi, dose = _cube_case()
    dvh = compute_dvh(roi, dose)
    piv = float((dose.dose >= 20.0).sum()) * dose.grid.voxel_volume_cc
    tv_piv = 27.0 * 13.0 / 30.0  # D = 15 + 2.5 x reaches 20 Gy at x = 2 mm: x from 2 to 15 mm of the 30 mm cube
    assert evaluate_metric("CI_RTOG", dvh, prescription_gy=20.0, dose=dose).value == pytest.approx(piv / 27.0, rel=1e-3)
    assert evaluate_metric("CI_Paddick", dvh, prescription_gy=20.0, dose=dose).value == pytest.approx(
        tv_piv**2 / (27.0 * piv), rel=0.02)
    gi = evaluate_metric("GI", dvh, prescription_gy=20.0, dose=dose).value
    assert gi == pytest.approx(float((dose.dose >= 10.0).sum()) / float((dose.dose >= 20.0).sum()), rel=1e-6)
    with pytest.raises(MetricError):
        evaluate_metric("CI_RTOG", dvh, prescription_gy=20.0)
