"""The comparison core (review.comparison) on the demo case, against values read from the files.

Dose B is the demo photon dose with its patient-left half (columns from the middle on) scaled by
0.9, written to an RTDOSE file; the truths are read from both files with pydicom.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.io.rtdose_writer import write_rtdose
from plannerview.review.comparison import ComparisonCancelled, GammaCriteria, compare_doses
from plannerview.review.loaders import load_protocol

from ..gui.dicom_truth import DoseFile

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
SCALE_B = 0.9


def write_half_scaled(demo: Path, out: Path) -> Path:
    """The photon dose with columns i >= nx // 2 scaled by SCALE_B, as a new RTDOSE file."""
    a = plannerview.load([str(demo / "RD_Photon7F.dcm")]).doses[0]
    arr = np.array(a.dose, dtype=np.float64)
    arr[:, :, arr.shape[2] // 2:] *= SCALE_B
    write_rtdose(a, out, template=demo / "RD_Photon7F.dcm", values=arr)
    return out


@pytest.fixture(scope="module")
def demo_pair(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    b_file = write_half_scaled(DEMO, tmp_path_factory.mktemp("cmp") / "RD_B.dcm")
    case = plannerview.load([str(DEMO), str(b_file)])
    a = next(d for d in case.doses if d.file.endswith("RD_Photon7F.dcm"))
    b = next(d for d in case.doses if d.file.endswith("RD_B.dcm"))
    return case, a, b, b_file


@pytest.fixture(scope="module")
def comparison(demo_pair):  # type: ignore[no-untyped-def]
    case, a, b, _ = demo_pair
    return compare_doses(case, a, b, protocol="prostate_rtog0126")


def test_difference_equals_a_minus_b_read_from_the_files(demo_pair, comparison) -> None:  # type: ignore[no-untyped-def]
    _, a, _, b_file = demo_pair
    fa, fb = DoseFile(DEMO / "RD_Photon7F.dcm"), DoseFile(b_file)
    nz, ny, nx = fa.arr.shape
    for i, j, k in [(nx // 4, ny // 2, nz // 2), (3 * nx // 4, ny // 2, nz // 2), (nx // 2 + 3, ny // 3, nz // 3)]:
        p = fa.index_to_patient(i, j, k)
        truth = fa.dose_at(p) - fb.dose_at(p)
        v = comparison.values_at(p)
        assert v["diff_gy"] == pytest.approx(truth, abs=1e-4)
        assert v["a_gy"] == pytest.approx(fa.dose_at(p), abs=1e-4)
        assert v["b_gy"] == pytest.approx(fb.dose_at(p), abs=1e-4)
        expected = (1 - SCALE_B) * fa.arr[k, j, i] if i >= nx // 2 else 0.0
        assert v["diff_gy"] == pytest.approx(expected, abs=1e-4)
    assert comparison.difference.units == "GY" and comparison.difference.grid.same_geometry(a.grid)
    st = comparison.difference_stats
    assert st.max_gy == pytest.approx((1 - SCALE_B) * fa.arr[:, :, nx // 2:].max(), abs=1e-3)
    assert st.min_gy == pytest.approx(0.0, abs=1e-3)


def test_gamma_is_zero_where_b_equals_a_and_for_a_dose_against_itself(demo_pair, comparison) -> None:  # type: ignore[no-untyped-def]
    case, a, _, _ = demo_pair
    fa = DoseFile(DEMO / "RD_Photon7F.dcm")
    nx = fa.arr.shape[2]
    g = comparison.gamma_map.dose
    left = g[:, :, : nx // 2]
    # B == A there (to float32 precision, ~4e-6 Gy at 60 Gy): distance 0, difference ~0
    assert np.nanmax(left) == pytest.approx(0.0, abs=1e-4)
    assert np.nanmax(g) > 1.0  # 10 % lower in the high-dose half: fails 3 %/3 mm somewhere
    same = compare_doses(case, a, a, gamma_criteria=GammaCriteria(cutoff_pct=10.0), with_dvhs=False)
    assert same.structures == [] and same.goals is None
    assert same.gamma.pass_rate_pct == 100.0
    assert same.gamma.evaluated_voxels == int(np.count_nonzero(fa.arr >= 0.1 * fa.arr.max()))
    assert np.nanmax(same.gamma_map.dose) == 0.0
    assert np.nanmax(np.abs(same.difference.dose)) == 0.0


def test_json_is_what_the_cli_prints_and_metrics_match_dvh_json(demo_pair, comparison, capsys) -> None:  # type: ignore[no-untyped-def]
    _, a, b, b_file = demo_pair
    paths = [str(DEMO), str(b_file)]
    assert main(["compare", *paths, "--a", str(DEMO / "RD_Photon7F.dcm"), "--b", str(b_file),
                 "--protocol", "prostate_rtog0126", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    core = json.loads(json.dumps(comparison.to_json()))
    cli["gamma"].pop("seconds")
    core["gamma"].pop("seconds")
    assert cli.pop("preflight") == []  # the CLI adds the preflight findings of the doses (none here)
    assert cli == core
    assert {"a", "b", "structures", "goals", "gamma"} <= set(core)  # extra keys are allowed
    assert all(list(r) == ["name", "a", "b", "diff"] for r in core["structures"])
    for dose_file, side in ((DEMO / "RD_Photon7F.dcm", "a"), (b_file, "b")):
        assert main(["dvh", *paths, "--dose", str(dose_file), "--json"]) == 0
        dvh = {r["name"]: r for r in json.loads(capsys.readouterr().out)["structures"]}
        for row in core["structures"]:
            ref = dvh[row["name"]]
            assert row[side]["dmean_gy"] == ref["dmean_gy"]
            assert row[side]["d_percent_gy"] == ref["d_percent_gy"]
            assert row[side]["dmax_gy"] == ref["dmax_gy"]
    for row in core["structures"]:
        assert row["diff"]["dmean_gy"] == pytest.approx(row["a"]["dmean_gy"] - row["b"]["dmean_gy"], abs=1e-4)
    n_goals = len(load_protocol("prostate_rtog0126").goals)
    assert len(core["goals"]) == n_goals


def test_mixed_dose_types_need_the_option_and_cancel_stops(demo_pair) -> None:  # type: ignore[no-untyped-def]
    case, a, _, _ = demo_pair
    proton = next(d for d in case.doses if d.dose_type == "EFFECTIVE")
    assert pydicom.dcmread(proton.file, stop_before_pixels=True).DoseType == "EFFECTIVE"
    with pytest.raises(ValueError, match="allow_mixed_types"):
        compare_doses(case, a, proton, with_dvhs=False)
    mixed = compare_doses(case, a, proton, allow_mixed_types=True, gamma_criteria=GammaCriteria(cutoff_pct=50.0),
                          with_dvhs=False)
    assert mixed.to_json()["b"]["unit"] == "Gy(RBE)"
    with pytest.raises(ComparisonCancelled):
        compare_doses(case, a, a, cancel=lambda: True, with_dvhs=False)


def test_difference_in_dose_hides_the_low_dose_region(comparison) -> None:  # type: ignore[no-untyped-def]
    a = np.asarray(comparison.dose_a.dose)
    b = np.asarray(comparison.b_on_a.dose)
    shown = comparison.difference_in_dose(10.0).dose
    low = (a < 0.1 * a.max()) & (b < 0.1 * a.max())
    assert np.all(np.isnan(shown[low]))
    assert np.array_equal(shown[~low], np.asarray(comparison.difference.dose)[~low])
    assert comparison.max_abs_difference_gy(10.0) == pytest.approx(float(np.nanmax(np.abs(shown))))
