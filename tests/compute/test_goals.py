"""The goals engine on cases whose DVH values are known analytically (uniform and linear dose in
cubes built from model objects), EQD2 against hand-computed linear-quadratic values."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from plannerview.compute.goals import GoalsCancelled, eqd2_dose, evaluate_goals, status_of
from plannerview.compute.protocols import Protocol, ProtocolError
from plannerview.model import ROI, Contour, DoseGrid, Grid, StructureSet
from plannerview.review.loaders import load_protocol

N, STEP, ORIGIN = 21, 2.0, -20.0  # dose grid: 21^3 voxels of 2 mm, x, y, z from -20 to +20 mm


def _cube_roi(number: int, name: str, half_mm: float, kind: str = "ORGAN", cx: float = 0.0) -> ROI:
    """An axis-aligned cube of side 2 * half_mm centred at (cx, 0, 0): square contours every 2 mm
    whose slabs (half a plane spacing either side) span z = -half .. +half exactly."""
    sq = np.array([[-half_mm, -half_mm], [half_mm, -half_mm], [half_mm, half_mm], [-half_mm, half_mm]]) + [cx, 0]
    zs = np.arange(-half_mm + 1.0, half_mm, 2.0)
    return ROI(number, name, tuple(Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)])) for z in zs), kind)


def _dose(fn: Callable[[np.ndarray], np.ndarray], units: str = "GY") -> DoseGrid:
    """A dose grid whose value at each voxel is fn(x_mm) (x = patient x)."""
    x = ORIGIN + STEP * np.arange(N)
    arr = np.broadcast_to(fn(x)[None, None, :], (N, N, N)).astype(np.float32)
    grid = Grid((N, N, N), (STEP,) * 3, (ORIGIN,) * 3, np.eye(3), "F")
    return DoseGrid(sop_uid="1.2.9", frame_of_reference_uid="F", grid=grid, dose_type="PHYSICAL", units=units,
                    summation_type="PLAN", loader=lambda: arr.copy())


def _ss(*rois: ROI) -> StructureSet:
    return StructureSet(sop_uid="1.2.8", frame_of_reference_uid="F", rois=rois)


def _protocol(tmp_path: Path, goals: str, fractions: int = 5, dpf: float = 2.0, ab: str = "{default: 3}") -> Protocol:
    f = tmp_path / "p.yaml"
    f.write_text(f"name: t\ntitle: test\nfractions: {fractions}\ndose_per_fraction_gy: {dpf}\n"
                 f"prescription_gy: {fractions * dpf}\nalpha_beta_gy: {ab}\nsources: {{S: a source}}\ngoals:\n"
                 + goals)
    return load_protocol(f)


def _g(roi: str, metric: str, cmp: str, limit: float, unit: str, extra: str = "") -> str:
    return (f"  - {{roi: {roi}, metric: '{metric}', comparator: '{cmp}', limit: {limit}, unit: '{unit}', "
            f"citation: {{source: S, where: 'p. 1'}}, note: a note{extra}}}\n")


def test_uniform_dose_statuses(tmp_path: Path) -> None:
    # 8 cc cube in a uniform 10 Gy field: Dmean = Dmax = 10 Gy, V5Gy = 100 %, V95% of 10 Gy = 100 %
    prot = _protocol(tmp_path, _g("Heart", "Dmean", "<=", 12, "Gy")
                     + _g("Heart", "Dmax", "<", 9.5, "Gy", ", acceptable: 10.5")
                     + _g("Heart", "Dmax", "<", 9, "Gy", ", acceptable: 9.5")
                     + _g("Heart", "V5Gy[%]", ">=", 99.9, "%")
                     + _g("Heart", "V5Gy[cc]", "<", 7, "cc")
                     + _g("PTV", "V95%[%]", ">=", 95, "%")
                     + _g("SpinalCord", "Dmax", "<", 45, "Gy"))
    ss = _ss(_cube_roi(1, "HEART", 10), _cube_roi(2, "PTV_1000", 4, "PTV"))
    rep = evaluate_goals(prot, ss, _dose(lambda x: np.full_like(x, 10.0)), 5, 10.0)
    rows = [(r.matched_roi, r.status, r.value) for r in rep.results]
    assert rows[0] == ("HEART", "pass", pytest.approx(10.0, abs=1e-4))
    assert rows[1] == ("HEART", "acceptable", pytest.approx(10.0, abs=1e-4))
    assert rows[2][1] == "fail"
    assert rows[3] == ("HEART", "pass", pytest.approx(100.0))
    assert rows[4] == ("HEART", "fail", pytest.approx(8.0, rel=1e-6))  # 20 mm cube = 8 cc
    assert rows[5] == ("PTV_1000", "pass", pytest.approx(100.0))
    assert rows[6] == (None, "not_evaluated", None)  # unmatched goals are kept, not dropped
    assert "no ROI matches SpinalCord" in rep.results[6].note and "a note" in rep.results[6].note
    assert rep.counts == {"pass": 3, "acceptable": 1, "fail": 2, "not_evaluated": 1}
    assert all(r.note for r in rep.results)
    assert "fractionation differs" not in " ".join(r.note for r in rep.results)


def test_linear_dose_values(tmp_path: Path) -> None:
    # dose = 20 + x Gy (x in mm) over a cube spanning x = -10..10: uniform 10..30 Gy.
    # Dmean = 20, D50% = 20, V25Gy = 5/20 = 25 %, Dmin = 10, D0.4cc (hottest 1/20 of 8 cc) = 29 Gy.
    prot = _protocol(tmp_path, _g("Heart", "Dmean", "<", 25, "Gy") + _g("Heart", "D50%", "<", 25, "Gy")
                     + _g("Heart", "V25Gy[%]", "<", 20, "%") + _g("Heart", "Dmin", ">=", 10.5, "Gy")
                     + _g("Heart", "D0.4cc", "<", 30, "Gy"))
    rep = evaluate_goals(prot, _ss(_cube_roi(1, "Heart", 10)), _dose(lambda x: 20.0 + x), 5, 10.0)
    vals = [r.value for r in rep.results]
    assert vals[0] == pytest.approx(20.0, abs=0.01)
    assert vals[1] == pytest.approx(20.0, abs=0.15)  # samples 0.2 mm apart in a 1 Gy/mm gradient
    assert vals[2] == pytest.approx(25.0, abs=0.6)  # 1 % per sample column
    assert vals[3] == pytest.approx(10.0, abs=0.15)
    assert vals[4] == pytest.approx(29.0, abs=0.15)
    assert [r.status for r in rep.results] == ["pass", "pass", "fail", "fail", "pass"]


def _eqd2(total: float, n: int, ab: float) -> float:
    """EQD2 by hand: D (1 + d/ab) / (1 + 2/ab) with d = D/n."""
    return total * (1 + total / n / ab) / (1 + 2 / ab)


def test_eqd2_dose_limits_against_hand_lq(tmp_path: Path) -> None:
    # uniform 30 Gy in 5 fx: alpha/beta 2 -> 30 (1 + 6/2) / 2 = 60 Gy; alpha/beta 3 -> 30 (1 + 2) / (5/3) = 54 Gy.
    # A 3-fx limit of 21.9 Gy at alpha/beta 2 -> 21.9 (1 + 7.3/2) / 2 = 50.9175 Gy.
    prot = _protocol(tmp_path, _g("SpinalCord", "Dmean", "<", 21.9, "Gy") + _g("Heart", "Dmax", "<", 60, "Gy"),
                     fractions=3, dpf=18, ab="{default: 3, SpinalCord: 2}")
    ss = _ss(_cube_roi(1, "Cord", 4), _cube_roi(2, "Heart", 10, cx=0))
    dose = _dose(lambda x: np.full_like(x, 30.0))
    plain = evaluate_goals(prot, ss, dose, 5, 30.0)
    assert all("fractionation differs: plan 5 fx, protocol 3 fx" in r.note for r in plain.results)
    assert plain.results[0].value == pytest.approx(30.0, abs=1e-3)
    rep = evaluate_goals(prot, ss, dose, 5, 30.0, eqd2=True)
    cord, heart = rep.results
    assert cord.value == pytest.approx(60.0, rel=1e-5) and cord.alpha_beta_gy == 2
    assert cord.limit == pytest.approx(21.9 * (1 + 7.3 / 2) / 2, rel=1e-9) == pytest.approx(50.9175)
    assert cord.status == "fail" and "EQD2 (alpha/beta 2 Gy)" in cord.note
    assert heart.value == pytest.approx(54.0, rel=1e-5)
    assert heart.limit == pytest.approx(_eqd2(60, 3, 3)) == pytest.approx(60 * (1 + 20 / 3) / (5 / 3))
    assert heart.status == "pass"
    assert rep.to_json()["eqd2"] is True and "fractionation differs" not in cord.note


def test_eqd2_volume_limits_convert_the_dose_threshold(tmp_path: Path) -> None:
    # Linear dose 20 + x over x = -10..10 mm in 5 fx; goal V20Gy[%] < 40 stated for 3 fx, alpha/beta 3.
    # Threshold in EQD2: E = 20 (1 + (20/3)/3) / (1 + 2/3) = 38.667 Gy. The physical dose whose EQD2
    # in 5 fx equals E solves d^2/(5*3) + d = E (1 + 2/3): d = 24.4834 Gy, so
    # V = (30 - d) / 20 = 27.58 % (the % limit itself is not converted).
    prot = _protocol(tmp_path, _g("Heart", "V20Gy[%]", "<", 40, "%"), fractions=3, dpf=18)
    ss = _ss(_cube_roi(1, "Heart", 10))
    e = 20 * (1 + 20 / 3 / 3) / (1 + 2 / 3)
    a, c = 1 / 15, -e * (1 + 2 / 3)
    d = (-1 + math.sqrt(1 - 4 * a * c)) / (2 * a)
    expected = (30 - d) / 20 * 100
    assert expected == pytest.approx(27.58, abs=0.01)
    rep = evaluate_goals(prot, ss, _dose(lambda x: 20.0 + x), 5, 30.0, eqd2=True)
    r = rep.results[0]
    assert r.value == pytest.approx(expected, abs=0.6)  # the DVH samples x every 0.2 mm: 1 % steps
    assert r.limit == 40 and r.status == "pass"
    assert "threshold 20 Gy in 3 fx = 38.67 Gy EQD2" in r.note
    plain = evaluate_goals(prot, ss, _dose(lambda x: 20.0 + x), 5, 30.0).results[0]
    assert plain.value == pytest.approx(50.0, abs=0.1) and plain.status == "fail"


def test_relative_metrics_are_the_same_in_eqd2(tmp_path: Path) -> None:
    prot = _protocol(tmp_path, _g("PTV", "V95%[%]", ">=", 95, "%") + _g("PTV", "D50%[%]", "<", 105, "%"))
    ss = _ss(_cube_roi(1, "PTV", 10, "PTV"))
    dose = _dose(lambda x: 20.0 + 0.2 * x)  # 18..22 Gy; Rx 20 Gy: V19Gy = 75 %, D50 = 100 %
    plain = evaluate_goals(prot, ss, dose, 3, 20.0)
    eq = evaluate_goals(prot, ss, dose, 3, 20.0, eqd2=True)
    assert plain.results[0].value == pytest.approx(75.0, abs=0.1)
    assert plain.results[1].value == pytest.approx(100.0, abs=0.15)
    for p, e in zip(plain.results, eq.results, strict=True):
        assert e.value == p.value and e.alpha_beta_gy is None
        assert "evaluated on the physical dose" in e.note


def test_eqd2_dose_grid_voxelwise() -> None:
    dose = _dose(lambda x: 20.0 + x)
    e = eqd2_dose(dose, 5, 3.0)
    x = 20.0 + (ORIGIN + STEP * np.arange(N))
    np.testing.assert_allclose(e.dose[3, 7, :], x * (1 + x / 5 / 3) / (1 + 2 / 3), rtol=1e-6)
    assert e.sop_uid != dose.sop_uid and e.description.startswith("EQD2 (alpha/beta 3 Gy, 5 fx)")
    assert e.grid is dose.grid and e.provenance and e.provenance["parameters"]["alpha_beta_gy"] == 3.0
    np.testing.assert_array_equal(dose.dose[3, 7, :], x.astype(np.float32))  # the original is untouched


def test_any_of_takes_the_best_roi_and_alternatives_fall_back(tmp_path: Path) -> None:
    goals = ("  - {any_of: [Parotid_L, Parotid_R], metric: Dmean, comparator: '<', limit: 20, unit: Gy,"
             " citation: {source: S, where: x}, note: one gland spared}\n"
             "  - {roi: [Lungs-GTV, Lungs], metric: Dmean, comparator: '<', limit: 20, unit: Gy,"
             " citation: {source: S, where: x}, note: lungs}\n")
    prot = _protocol(tmp_path, goals)
    # parotids at x = -10 (dose 10 Gy) and x = +10 (dose 30 Gy): dose = 20 + x
    ss = _ss(_cube_roi(1, "Parotid Rt", 4, cx=-10), _cube_roi(2, "Parotid Lt", 4, cx=10), _cube_roi(3, "LUNGS", 6))
    rep = evaluate_goals(prot, ss, _dose(lambda x: 20.0 + x), 5, 10.0)
    par, lungs = rep.results
    assert par.goal.roi == "Parotid_L|Parotid_R"
    assert (par.matched_roi, par.status) == ("Parotid Rt", "pass") and par.value == pytest.approx(10.0, abs=0.01)
    assert "best of Parotid_L, Parotid_R" in par.note and "Parotid Lt: 30" in par.note
    assert lungs.matched_roi == "LUNGS" and "alternative Lungs used" in lungs.note


def test_prescription_from_the_protocol_when_the_plan_has_none(tmp_path: Path) -> None:
    prot = _protocol(tmp_path, _g("PTV", "V95%[%]", ">=", 95, "%"), fractions=5, dpf=4)  # Rx 20 Gy
    ss = _ss(_cube_roi(1, "PTV", 10, "PTV"))
    rep = evaluate_goals(prot, ss, _dose(lambda x: 20.0 + 0.2 * x), None, None)
    r = rep.results[0]
    assert rep.prescription_gy == 20 and rep.prescription_from == "protocol"
    assert r.value == pytest.approx(75.0, abs=0.1)
    assert "protocol's prescription 20 Gy (the plan states none)" in r.note
    assert "plan fractionation unknown" in r.note
    with pytest.raises(ProtocolError, match="number of fractions"):
        evaluate_goals(prot, ss, _dose(lambda x: 20.0 + x), None, None, eqd2=True)


def test_relative_dose_is_not_evaluated(tmp_path: Path) -> None:
    prot = _protocol(tmp_path, _g("Heart", "Dmean", "<", 25, "Gy") + _g("Heart", "V20Gy[%]", "<", 25, "%"))
    dose = _dose(lambda x: np.full_like(x, 0.9), units="RELATIVE")
    rep = evaluate_goals(prot, _ss(_cube_roi(1, "Heart", 10)), dose, 5, 10.0)
    assert [r.status for r in rep.results] == ["not_evaluated", "not_evaluated"]
    assert all("RELATIVE" in r.note for r in rep.results)
    with pytest.raises(ProtocolError, match="Gy"):
        evaluate_goals(prot, _ss(_cube_roi(1, "Heart", 10)), dose, 5, 10.0, eqd2=True)


def test_roi_smaller_than_the_metric_volume(tmp_path: Path) -> None:
    prot = _protocol(tmp_path, _g("Heart", "D10cc", "<", 25, "Gy"))
    r = evaluate_goals(prot, _ss(_cube_roi(1, "Heart", 10)), _dose(lambda x: 20 + x), 5, 10.0).results[0]
    assert r.status == "not_evaluated" and "smaller than 10 cc" in r.note  # the cube is 8 cc


def test_progress_cancel_and_provenance(tmp_path: Path) -> None:
    prot = _protocol(tmp_path, _g("Heart", "Dmean", "<", 25, "Gy") + _g("Heart", "Dmax", "<", 25, "Gy"))
    ss, dose = _ss(_cube_roi(1, "Heart", 10)), _dose(lambda x: 20 + x)
    seen: list[float] = []
    rep = evaluate_goals(prot, ss, dose, 5, 10.0, progress=lambda f, _msg: seen.append(f))
    assert seen == [0.0, 0.5, 1.0]
    prov = rep.to_json()["provenance"]
    assert prov["engine"] == "plannerview-goals" and prov["parameters"]["protocol_sha256"] == prot.sha256
    assert prov["inputs"] == ["1.2.9", "1.2.8"] and prov["user"] and prov["time_utc"]
    with pytest.raises(GoalsCancelled):
        evaluate_goals(prot, ss, dose, 5, 10.0, cancel=lambda: True)


@pytest.mark.parametrize(("value", "cmp", "limit", "acc", "status"), [
    (9.9, "<", 10, None, "pass"), (10, "<", 10, None, "fail"), (10, "<=", 10, None, "pass"),
    (10.5, "<", 10, 11, "acceptable"), (11, "<", 10, 11, "fail"), (11, "<=", 10, 11, "acceptable"),
    (96, ">=", 95, 90, "pass"), (92, ">=", 95, 90, "acceptable"), (89, ">=", 95, 90, "fail"), (95, ">", 95, None, "fail"),
])
def test_status_bands(value: float, cmp: str, limit: float, acc: float | None, status: str) -> None:
    assert status_of(value, cmp, limit, acc) == status


def test_goal_results_are_plain_json(tmp_path: Path) -> None:
    prot = _protocol(tmp_path, _g("Heart", "Dmean", "<", 25, "Gy"))
    doc = evaluate_goals(prot, _ss(_cube_roi(1, "Heart", 10)), _dose(lambda x: 20 + x), 5, 10.0).to_json()
    g = doc["goals"][0]
    assert set(g) >= {"roi", "matched_roi", "metric", "value", "unit", "limit", "acceptable", "status", "note"}
    assert g["citation"] == "a source, p. 1"
    assert dataclasses.is_dataclass(prot) and doc["protocol_fractions"] == 5 and doc["plan_fractions"] == 5
