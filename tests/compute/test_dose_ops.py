"""Dose difference, plan sum, EQD2/BED and alpha/beta maps against analytic values and file values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import plannerview
from plannerview.compute.alpha_beta import AlphaBetaMap
from plannerview.compute.dose_ops import course_dose, difference, plan_sum, summation_and_plans
from plannerview.compute.resample import FrameMismatch
from plannerview.model import ROI, Contour, Grid, StructureSet
from plannerview.review.loaders import load_alpha_beta_map

from .dose_factory import make_dose


def test_difference_statistics() -> None:
    a = np.full((5, 5, 5), 10.0)
    b = a.copy()
    b[0, 0, 0] = 12.0
    diff, stats = difference(make_dose(a), make_dose(b))
    assert stats.min_gy == pytest.approx(-2.0) and stats.max_gy == 0.0
    assert stats.mean_gy == pytest.approx(-2.0 / 125)
    assert stats.rms_gy == pytest.approx(np.sqrt(4.0 / 125))
    assert stats.max_abs_pct == pytest.approx(20.0) and stats.voxels == 125  # 2 Gy of the 10 Gy maximum
    assert diff[0, 0, 0] == pytest.approx(-2.0)
    _, s50 = difference(make_dose(a), make_dose(b), reference_gy=50.0)
    assert s50.max_abs_pct == pytest.approx(4.0)


def test_difference_only_where_both_doses_exist() -> None:
    a = make_dose(np.full((4, 4, 8), 5.0), 2.0)
    b = make_dose(np.full((4, 4, 4), 3.0), 2.0)  # covers x = -1..7 mm of A's -1..15 mm
    diff, stats = difference(a, b)
    assert stats.voxels == 4 * 4 * 4
    assert np.isnan(diff[:, :, 4:]).all() and np.allclose(diff[:, :, :4], 2.0)


def test_types_are_never_mixed_without_the_option() -> None:
    a = np.ones((4, 4, 4))
    with pytest.raises(ValueError, match="dose types"):
        plan_sum([make_dose(a), make_dose(a, dose_type="EFFECTIVE")])
    with pytest.raises(ValueError, match="summation types"):
        plan_sum([make_dose(a, summation="BEAM"), make_dose(a, summation="PLAN")])
    with pytest.raises(ValueError, match="summation types"):
        difference(make_dose(a), make_dose(a, summation="BEAM"))
    with pytest.raises(FrameMismatch):
        plan_sum([make_dose(a), make_dose(a, frame="G")])
    with pytest.raises(ValueError, match="RELATIVE"):
        plan_sum([make_dose(a, units="RELATIVE")])
    total, warnings = plan_sum([make_dose(a), make_dose(a, dose_type="EFFECTIVE")], allow_mixed_types=True)
    assert total.dose_type == "EFFECTIVE" and total.unit_label == "Gy(RBE)" and any("RBE 1" in w for w in warnings)
    assert float(total.dose.max()) == pytest.approx(2.0)


def test_fraction_doses_are_scaled_only_when_asked() -> None:
    """A FRACTION dose is per fraction: summed as it is, never multiplied silently; x fractions only
    with scale_to_course (said in the warnings); mixing it with a course dose or taking EQD2 asks for it."""
    per_fx = make_dose(np.full((3, 3, 3), 2.0), summation="FRACTION")
    course = make_dose(np.full((3, 3, 3), 10.0))
    alone, warnings = plan_sum([per_fx, per_fx])
    np.testing.assert_allclose(alone.dose, 4.0)  # 2 x 2 Gy, one fraction each
    assert alone.summation_type == "FRACTION" and alone.per_fraction and alone.value_unit == "Gy/fx"
    assert any("per fraction" in w for w in warnings)
    with pytest.raises(ValueError, match="--scale-to-course"):
        plan_sum([per_fx, course], fractions=[25, None])
    with pytest.raises(ValueError, match="--scale-to-course"):
        plan_sum([per_fx], fractions=[25], mode="eqd2", alpha_beta=AlphaBetaMap(3.0))
    with pytest.raises(ValueError, match="--fractions"):
        plan_sum([per_fx], scale_to_course=True)
    total, warnings = plan_sum([per_fx, course], fractions=[25, None], scale_to_course=True)
    np.testing.assert_allclose(total.dose, 60.0)  # 25 x 2 Gy + 10 Gy
    assert total.summation_type != "FRACTION" and not total.per_fraction
    assert any("x 25 fractions (scaled to the course)" in w for w in warnings)
    assert total.provenance is not None and total.provenance["parameters"]["scaled_to_course"] == [25, None]


def test_course_dose_is_labelled_and_keeps_the_original() -> None:
    per_fx = make_dose(np.full((2, 2, 2), 1.8), summation="FRACTION")
    c = course_dose(per_fx, 28)
    np.testing.assert_allclose(c.dose, 50.4, rtol=1e-6)
    np.testing.assert_allclose(per_fx.dose, 1.8)
    assert c.fraction_scaling == 28 and c.summation_label == "FRACTION x 28 fx (scaled to the course)"
    assert c.sop_uid != per_fx.sop_uid and c.provenance["parameters"]["fractions"] == 28
    assert per_fx.summation_label == "FRACTION (per fraction)" and per_fx.value_unit == "Gy/fx"
    assert course_dose(make_dose(np.ones((2, 2, 2))), 28).fraction_scaling is None  # a PLAN dose is left as it is


def test_weights_and_provenance() -> None:
    total, _ = plan_sum([make_dose(np.full((3, 3, 3), 2.0)), make_dose(np.full((3, 3, 3), 4.0))], weights=[0.5, 2.0])
    np.testing.assert_allclose(total.dose, 9.0)
    assert total.provenance is not None and total.provenance["parameters"]["weights"] == [0.5, 2.0]


def test_summation_type_of_a_sum() -> None:
    a = np.ones((2, 2, 2))
    beams = [make_dose(a, summation="BEAM", plan="P1"), make_dose(a, summation="BEAM", plan="P1")]
    assert summation_and_plans(beams) == ("PLAN", ["P1"])
    two = [make_dose(a, plan="P1"), make_dose(a, plan="P2")]
    assert summation_and_plans(two) == ("MULTI_PLAN", ["P1", "P2"])
    total, _ = plan_sum(two)
    assert total.summation_type == "MULTI_PLAN" and total.referenced_plan_uid == ""
    assert summation_and_plans([make_dose(a), make_dose(a)]) == ("MULTI_PLAN", [])


def test_sum_on_the_union_grid() -> None:
    a = make_dose(np.full((2, 2, 4), 1.0), 2.0, (0.0, 0.0, 0.0))  # x centres 0..6
    b = make_dose(np.full((2, 2, 4), 3.0), 2.0, (8.0, 0.0, 0.0))  # x centres 8..14
    total, warnings = plan_sum([a, b], target="union")
    assert total.grid.shape_zyx == (2, 2, 8)
    np.testing.assert_allclose(total.dose[:, :, :4], 1.0)
    np.testing.assert_allclose(total.dose[:, :, 4:], 3.0)
    assert warnings and "outside" in warnings[0]  # each dose misses half of the union grid
    assert total.provenance is not None and "union" in total.provenance["parameters"]["grid"]


def test_plan_sum_of_proton_beam_doses_equals_the_plan_dose(shared_data: Path) -> None:
    """plan03_ramp_full: BEAM1 + BEAM2 = PLAN to 4.6e-5 Gy in the files themselves."""
    case = plannerview.load(shared_data / "aptg_dcpt_proton" / "plan03_ramp_full")
    plan = next(d for d in case.doses if d.summation_type == "PLAN")
    beams = [d for d in case.doses if d.summation_type == "BEAM"]
    total, warnings = plan_sum(beams)
    np.testing.assert_allclose(total.dose, plan.dose, atol=1e-4)
    assert total.dose_type == "EFFECTIVE" and not warnings
    assert total.summation_type == "PLAN" and total.referenced_plan_uid == plan.referenced_plan_uid
    assert total.sop_uid not in {d.sop_uid for d in case.doses}


def test_eqd2_of_2gy_fractions_is_the_physical_dose(tmp_path: Path) -> None:
    a = np.full((6, 6, 6), 50.0)  # 25 x 2 Gy
    ab = tmp_path / "ab.yaml"
    ab.write_text("default: 3\nrois: []\n")
    total, _ = plan_sum([make_dose(a)], fractions=[25], mode="eqd2", alpha_beta=load_alpha_beta_map(ab))
    np.testing.assert_allclose(total.dose, 50.0, rtol=1e-6)
    assert "EQD2" in total.description
    # 30 Gy in 5 fx at alpha/beta 3: EQD2 = 30 (6 + 3) / (2 + 3) = 54 Gy; BED = 30 (1 + 6/3) = 90 Gy
    d30 = make_dose(np.full((4, 4, 4), 30.0))
    t2, _ = plan_sum([d30], fractions=[5], mode="eqd2", alpha_beta=AlphaBetaMap(3.0))
    t3, _ = plan_sum([d30], fractions=[5], mode="bed", alpha_beta=AlphaBetaMap(3.0))
    assert float(t2.dose.max()) == pytest.approx(54.0, rel=1e-5) and float(t3.dose.max()) == pytest.approx(90.0, rel=1e-5)
    with pytest.raises(ValueError, match="fractions"):
        plan_sum([d30], mode="eqd2", alpha_beta=AlphaBetaMap(3.0))


def test_eqd2_sum_for_reirradiation() -> None:
    """Course 1: 50 Gy / 25 fx (EQD2 50 at any alpha/beta). Course 2: 30 Gy / 5 fx, EQD2 54 Gy at
    alpha/beta 3. Total EQD2 104 Gy, not the physical 80 Gy."""
    c1, c2 = make_dose(np.full((3, 3, 3), 50.0), plan="A"), make_dose(np.full((3, 3, 3), 30.0), plan="B")
    total, _ = plan_sum([c1, c2], fractions=[25, 5], mode="eqd2", alpha_beta=AlphaBetaMap(3.0))
    np.testing.assert_allclose(total.dose, 104.0, rtol=1e-5)
    assert total.summation_type == "MULTI_PLAN"


def box_roi(name: str, number: int, half: float) -> ROI:
    sq = np.array([[-half, -half], [half, -half], [half, half], [-half, half]]) + 10.0
    return ROI(number, name, tuple(Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)]))
                                   for z in np.arange(0, 21, 2.0)))


def test_alpha_beta_priority_where_rois_overlap(tmp_path: Path) -> None:
    ss = StructureSet(sop_uid="s", frame_of_reference_uid="F", rois=(box_roi("Big", 1, 8), box_roi("Small", 2, 3)))
    grid = Grid((11, 11, 11), (2.0, 2.0, 2.0), (0.0, 0.0, 0.0), np.eye(3), "F")
    f = tmp_path / "ab.yaml"
    f.write_text("default: 3\nrois:\n  - {name: Small, alpha_beta: 10, priority: 2}\n"
                 "  - {name: big, alpha_beta: 2, priority: 1}\n  - {name: Absent, alpha_beta: 4, priority: 5}\n")
    ab, missing = load_alpha_beta_map(f).voxel_map(grid, ss)
    assert missing == ["Absent"]
    assert ab[5, 5, 5] == 10.0  # centre (10, 10): in both, Small has the higher priority
    assert ab[5, 5, 1] == 2.0  # x = 2 mm: inside Big (2..18) only
    assert ab[5, 5, 0] == 3.0  # x = 0: outside both, default
    m2 = AlphaBetaMap(3.0, (("Small", 10.0, 0), ("Big", 2.0, 1)))
    assert m2.voxel_map(grid, ss)[0][5, 5, 5] == 2.0
    # voxel-wise EQD2 of 30 Gy / 5 fx: alpha/beta 10 -> 30 (6+10)/(2+10) = 40; 2 -> 60; 3 -> 54
    total, _ = plan_sum([make_dose(np.full(grid.shape_zyx, 30.0), 2.0)], fractions=[5], mode="eqd2",
                        alpha_beta=load_alpha_beta_map(f), structure_set=ss)
    assert total.dose[5, 5, 5] == pytest.approx(40.0, rel=1e-5)
    assert total.dose[5, 5, 1] == pytest.approx(60.0, rel=1e-5)
    assert total.dose[5, 5, 0] == pytest.approx(54.0, rel=1e-5)


@pytest.mark.parametrize("text, message", [
    ("rois: []\n", "default"),
    ("default: 3\nrois:\n  - {name: PTV}\n", "alpha_beta"),
    ("default: 0\n", "positive"),
    ("default: 3\nrois:\n  - {name: A, alpha_beta: 2, priority: 1}\n  - {name: B, alpha_beta: 3, priority: 1}\n",
     "priorities"),
    ("default: [3\n", "cannot read"),
])
def test_bad_alpha_beta_files_name_the_file_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    f = tmp_path / "ab.yaml"
    f.write_text(text)
    with pytest.raises(ValueError, match=message) as err:
        load_alpha_beta_map(f)
    assert str(f) in str(err.value)


def test_sum_cli_eqd2_with_rois_from_the_case(shared_data: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """plan03 (1 fraction): the maximum lies in the Cube101010 target (alpha/beta 10 here), so the EQD2
    maximum is Dmax (Dmax + 10) / (2 + 10), Dmax read from the RTDOSE file itself."""
    import json

    import pydicom

    from plannerview.cli.main import main

    src = shared_data / "aptg_dcpt_proton" / "plan03_ramp_full"
    plan_file = next(p for p in src.glob("RD*.dcm") if pydicom.dcmread(p, stop_before_pixels=True).DoseSummationType == "PLAN")
    ds = pydicom.dcmread(plan_file)
    dmax = float(ds.pixel_array.max()) * float(ds.DoseGridScaling)
    ab = tmp_path / "ab.yaml"
    ab.write_text("default: 3\nrois:\n  - {name: Cube101010, alpha_beta: 10, priority: 2}\n"
                  "  - {name: NotThere, alpha_beta: 2, priority: 1}\n")
    out = tmp_path / "eqd2.dcm"
    assert main(["sum", "--in", str(src), "--eqd2", "--alpha-beta", str(ab), "--out", str(out), "--json",
                 "--", str(plan_file)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["fractions"] == [1] and doc["unit"] == "Gy(RBE)" and doc["mode"] == "eqd2"
    assert any("NotThere" in w for w in doc["warnings"])
    back = plannerview.load(out).doses[0]
    assert float(back.dose.max()) == pytest.approx(dmax * (dmax + 10) / 12, abs=1e-4)
    assert "EQD2" in back.description
    # no plan in the input and no --fractions: EQD2 cannot be computed, exit 2 with the reason
    assert main(["sum", "--eqd2", "--alpha-beta", str(ab), "--out", str(tmp_path / "x.dcm"), str(plan_file)]) == 2
    assert "fractions" in capsys.readouterr().err
    assert not (tmp_path / "x.dcm").exists()
