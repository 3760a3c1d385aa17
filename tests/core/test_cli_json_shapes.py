"""The JSON documents of ``dvh``, ``goals``, ``sum`` and ``gamma`` (now made through the workspace)
keep the keys the README documents, in order (later additions, such as the summation type of the
FRACTION rule, may sit between them: extra keys are allowed, a missing or reordered one is not); values are checked against the files elsewhere
(``test_metrics_cli``, ``test_goals_cli``, ``test_dose_ops``, ``test_gamma``, ``test_comparison_core``).
The whole documents were also compared with those of the main branch before the workspace, on the
demo case and on dicompyler-core's example: identical apart from times, new UIDs and output paths."""

from __future__ import annotations

import json
from pathlib import Path

import pydicom
import pytest

from plannerview.cli.main import main

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
DVH_ROW = ["name", "number", "volume_cc", "uncovered_cc", "dmin_gy", "dmean_gy", "dmax_gy", "d_percent_gy",
           "d0_03cc_gy", "cumulative", "tps", "warnings", "unit", "provenance"]
GOAL_ROW = ["roi", "matched_roi", "metric", "value", "unit", "comparator", "limit", "acceptable", "status", "note",
            "citation"]


@pytest.fixture(scope="module")
def demo() -> Path:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    return DEMO


def _keeps(actual: list[str], documented: list[str]) -> bool:
    """The documented keys are all there, in their order (extra keys allowed in between)."""
    it = iter(actual)
    return all(any(a == k for a in it) for k in documented)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_documented_keys(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _run(capsys, "dvh", str(demo), "--dose", "RD_Photon7F.dcm", "--roi", "Core", "--json")
    assert _keeps(list(doc), ["dose", "structure_set", "prescription_gy", "structures", "preflight"])
    assert _keeps(list(doc["dose"]), ["sop_uid", "file", "type", "units", "unit_label"])
    (row,) = doc["structures"]
    assert list(row) == DVH_ROW and list(row["d_percent_gy"]) == ["2", "5", "50", "95", "98"]
    assert list(row["cumulative"]) == ["dose_gy", "volume_cc"] and row["tps"] is None
    assert list(row["provenance"]) == ["engine", "version", "parameters", "time_utc", "user", "inputs"]
    goals = _run(capsys, "goals", str(demo), "--plan", "Photon7F", "--protocol", "prostate_conventional_quantec",
                 "--json")
    assert _keeps(list(goals), ["protocol", "title", "plan_fractions", "protocol_fractions", "protocol_prescription_gy",
                                "prescription_gy", "prescription_from", "eqd2", "summary", "goals", "sources",
                                "provenance", "preflight_errors", "preflight"])  # + the findings of the objects used
    assert all(_keeps(list(g), GOAL_ROW) for g in goals["goals"]) and goals["plan_fractions"] == 25
    out = tmp_path / "sum.dcm"
    s = _run(capsys, "sum", str(demo / "RD_Photon7F.dcm"), str(demo / "RD_Photon7F.dcm"), "--weights", "0.5", "0.5",
             "--out", str(out), "--json")
    assert _keeps(list(s), ["out", "sop_uid", "mode", "dose_type", "unit", "summation_type", "grid", "shape_zyx", "inputs",
                       "fractions", "weights", "max_gy", "warnings"])
    assert s["sop_uid"] == pydicom.dcmread(out, stop_before_pixels=True).SOPInstanceUID
    g = _run(capsys, "gamma", str(demo / "RD_Photon7F.dcm"), str(out), "--cutoff", "80", "--json")
    assert _keeps(list(g), ["pass_rate_pct", "evaluated_voxels", "gamma_mean", "gamma_p95", "histogram", "criteria",
                       "seconds", "reference", "evaluated"])
    assert _keeps(list(g["criteria"]), ["dd_pct", "dta_mm", "cutoff_pct", "local", "max_gamma", "normalisation_gy"])
    assert g["pass_rate_pct"] == 100.0  # 0.5 + 0.5 of a dose is the dose
