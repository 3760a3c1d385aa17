"""Clinical goals: ROI-name matching, protocol files against their sources, goal evaluation
on cases whose DVH is known exactly, EQD2 against hand-computed LQ values, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from plannerview.cli.main import main
from plannerview.compute.goals import ProtocolError, evaluate_goals, list_protocols, load_protocol
from plannerview.compute.roi_names import standard_name
from plannerview.model import ROI, Contour, DoseGrid, Grid, StructureSet


@pytest.mark.parametrize(("name", "tg263"), [
    ("SPINALCORD", "SpinalCord"), ("Spinal Cord", "SpinalCord"), ("cord", "SpinalCord"),
    ("Lt Lung", "Lung_L"), ("LUNG_L", "Lung_L"), ("Lung Left", "Lung_L"), ("L Lung", "Lung_L"),
    ("LUNG_R", "Lung_R"), ("right lung", "Lung_R"), ("LUNGS", "Lungs"), ("Lungs-GTV", "Lungs"),
    ("HEART", "Heart"), ("Parotid Rt", "Parotid_R"), ("Brain Stem", "Brainstem"),
    ("ParotidL", "Parotid_L"), ("Femoral Head L", "Femur_Head_L"), ("Optic Nerve R", "OpticNrv_R"),
    ("PTV4140", None), ("Tumor Bed", None),
])
def test_standard_names(name: str, tg263: str | None) -> None:
    assert standard_name(name) == tg263


def test_every_bundled_protocol_validates() -> None:
    names = list_protocols()
    assert {"lung_sbrt_3fx", "prostate_conventional", "head_neck_conventional", "breast_26gy_5fx"} <= set(names)
    for n in names:
        p = load_protocol(n)
        assert p.fractions > 0 and p.source and p.goals
        assert all(g.citation for g in p.goals)


def _limit(protocol: str, roi: str, metric: str) -> float:
    p = load_protocol(protocol)
    return next(g.limit for g in p.goals if g.roi == roi and g.metric == metric)


def test_quoted_values_match_their_sources() -> None:
    # AAPM TG-101 (Benedict et al., Med Phys 2010;37:4078), Table III, 3 fractions
    assert _limit("lung_sbrt_3fx", "SpinalCord", "Dmax") == 21.9
    assert _limit("lung_sbrt_3fx", "SpinalCord", "V18Gy[cc]") == 0.35
    assert _limit("lung_sbrt_3fx", "Esophagus", "Dmax") == 25.2
    assert _limit("lung_sbrt_3fx", "Heart", "V24Gy[cc]") == 15
    # QUANTEC rectum (Michalski et al., IJROBP 2010;76:S123)
    for dose, pct in ((50, 50), (60, 35), (65, 25), (70, 20), (75, 15)):
        assert _limit("prostate_conventional", "Rectum", f"V{dose}Gy[%]") == pct
    # QUANTEC salivary glands (Deasy et al., IJROBP 2010;76:S58): mean < 25 Gy with both glands spared
    assert _limit("head_neck_conventional", "Parotid_L", "Dmean") == 25
    # QUANTEC heart (Gagliardi et al., IJROBP 2010;76:S77): V25 < 10 %
    assert _limit("lung_conventional", "Heart", "V25Gy[%]") == 10


def test_invalid_protocol_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("name: bad\nsource: me\nfractions: 5\ngoals:\n  - {roi: Heart, metric: D95, limit: 3, citation: x}\n")
    with pytest.raises(ProtocolError, match="cannot read metric"):
        load_protocol(str(f))
    with pytest.raises(ProtocolError, match="no protocol"):
        load_protocol("nope")


def _cube(value_gy: float) -> tuple[StructureSet, DoseGrid]:
    sq = np.array([[-10, -10], [10, -10], [10, 10], [-10, 10]], float)
    rois = (ROI(1, "HEART", tuple(Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)])) for z in np.arange(-9, 10, 2.0)), "ORGAN"),
            ROI(2, "Some PTV", tuple(Contour("CLOSED_PLANAR", np.column_stack([sq / 2, np.full(4, z)])) for z in (-1.0, 1.0)), "PTV"))
    ss = StructureSet(sop_uid="1", frame_of_reference_uid="F", rois=rois)
    n = 21
    arr = np.full((n, n, n), value_gy, np.float32)
    grid = Grid((n, n, n), (2.0, 2.0, 2.0), (-20.0, -20.0, -20.0), np.eye(3), "F")
    return ss, DoseGrid(sop_uid="2", frame_of_reference_uid="F", grid=grid, dose_type="PHYSICAL", units="GY",
                        summation_type="PLAN", loader=lambda: arr)


def test_goal_status_on_a_uniform_dose(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(
        "name: t\nsource: test\nfractions: 5\nprescription_gy: 10\ngoals:\n"
        "  - {roi: Heart, metric: Dmean, op: '<=', limit: 12, citation: a}\n"
        "  - {roi: Heart, metric: Dmax, op: '<', limit: 9.5, acceptable: 10.5, citation: b}\n"
        "  - {roi: Heart, metric: 'V5Gy[%]', op: '<', limit: 50, citation: c}\n"
        "  - {roi: PTV, metric: 'V95%[%]', op: '>=', limit: 95, citation: d}\n"
        "  - {roi: SpinalCord, metric: Dmax, op: '<', limit: 45, citation: e}\n")
    ss, dose = _cube(10.0)
    doc = evaluate_goals(load_protocol(str(f)), ss, dose, plan_fractions=5, plan_prescription_gy=10.0)
    status = [(g["matched_roi"], g["status"], g["value"]) for g in doc["goals"]]
    assert status[0] == ("HEART", "pass", pytest.approx(10.0))
    assert status[1] == ("HEART", "acceptable", pytest.approx(10.0))
    assert status[2] == ("HEART", "fail", pytest.approx(100.0))
    assert status[3] == ("Some PTV", "pass", pytest.approx(100.0))
    assert status[4] == (None, "not_evaluated", None) and "no ROI matches SpinalCord" in doc["goals"][4]["note"]
    assert len(doc["goals"]) == 5  # unmatched goals are reported, not dropped


def test_eqd2_against_hand_computed_lq(tmp_path: Path) -> None:
    """30 Gy in 5 fx, alpha/beta 3: EQD2 = 30 (1 + 6/3) / (1 + 2/3) = 54 Gy. A 3-fx limit of 21.9 Gy
    with alpha/beta 2 is 21.9 (1 + 7.3/2) / 2 = 50.83 Gy in EQD2."""
    f = tmp_path / "p.yaml"
    f.write_text("name: t\nsource: s\nfractions: 3\ngoals:\n"
                 "  - {roi: Heart, metric: Dmean, op: '<', limit: 21.9, alpha_beta_gy: 2, citation: a}\n"
                 "  - {roi: Heart, metric: 'V20Gy[%]', op: '<', limit: 50, alpha_beta_gy: 3, citation: b}\n")
    ss, dose = _cube(30.0)
    plain = evaluate_goals(load_protocol(str(f)), ss, dose, 5, 30.0)
    assert "fractionation differs" in plain["goals"][0]["note"]
    doc = evaluate_goals(load_protocol(str(f)), ss, dose, 5, 30.0, eqd2=True)
    g0, g1 = doc["goals"]
    assert g0["value"] == pytest.approx(30 * (1 + 6 / 2) / (1 + 2 / 2), rel=1e-4)  # ab 2: 60 Gy
    assert g0["limit"] == pytest.approx(21.9 * (1 + 7.3 / 2) / 2, rel=1e-4)
    assert g0["status"] == "fail"  # 60 > 50.8
    # V20Gy at 3 fx in EQD2 (ab 3): 20 (1 + 6.667/3) / (5/3) = 38.67 Gy; the 54 Gy EQD2 cube is all above
    assert g1["value"] == pytest.approx(100.0) and g1["status"] == "fail"


def test_goals_cli_on_the_breast_case(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["goals", str(shared_data / "dicompyler_core_example"), "--protocol", "breast_26gy_5fx", "--json"])
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"protocol", "plan_fractions", "protocol_fractions", "goals"}
    assert doc["plan_fractions"] == 7 and doc["protocol_fractions"] == 5
    assert len(doc["goals"]) == len(load_protocol("breast_26gy_5fx").goals)
    lung = doc["goals"][0]
    assert lung["matched_roi"] == "Lt Lung"  # ipsilateral to the left-sided targets
    assert "fractionation differs" in lung["note"]
    assert all(set(g) >= {"roi", "matched_roi", "metric", "value", "unit", "limit", "acceptable", "status", "note"}
               for g in doc["goals"])


def test_user_roi_map(shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = tmp_path / "map.yaml"
    m.write_text("'Lt Lung': Lungs\n")
    args = ["goals", str(shared_data / "dicompyler_core_example"), "--protocol", "lung_conventional", "--json"]
    assert main(args) == 0
    before = json.loads(capsys.readouterr().out)["goals"][0]
    assert main([*args, "--roi-map", str(m)]) == 0
    after = json.loads(capsys.readouterr().out)["goals"][0]
    assert before["matched_roi"] is None and before["status"] == "not_evaluated"
    assert after["matched_roi"] == "Lt Lung" and after["value"] is not None
