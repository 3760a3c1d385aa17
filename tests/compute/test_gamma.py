"""Gamma index, resampling, dose difference and plan sum against analytic answers and file values."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.compute.dose_ops import AlphaBetaMap, difference, plan_sum
from plannerview.compute.gamma import gamma_index, search_offsets_mm
from plannerview.compute.resample import FrameMismatch, resample, resample_values
from plannerview.model import DoseGrid, Grid


def dose(arr: np.ndarray, spacing: float = 2.5, origin=(0.0, 0.0, 0.0), direction=None, frame: str = "F",
         dose_type: str = "PHYSICAL", summation: str = "PLAN") -> DoseGrid:
    g = Grid(arr.shape, (spacing,) * 3, origin, np.eye(3) if direction is None else direction, frame)
    a = np.asarray(arr, dtype=np.float32)
    return DoseGrid(sop_uid=f"uid{id(a)}", frame_of_reference_uid=frame, grid=g, dose_type=dose_type, units="GY",
                    summation_type=summation, loader=lambda: a)


def test_uniform_scaling_passes_below_and_fails_above_the_dose_criterion() -> None:
    a = np.full((12, 12, 12), 2.0)
    r_pass = gamma_index(dose(a), dose(a * 1.029))
    r_fail = gamma_index(dose(a), dose(a * 1.031))
    assert r_pass.pass_rate_pct == 100.0 and r_pass.evaluated_voxels == a.size
    assert r_fail.pass_rate_pct == 0.0
    assert r_pass.gamma_mean == pytest.approx(2.9 / 3.0, abs=1e-4)  # |diff| / dd with no better point nearby
    assert r_pass.criteria["normalisation_gy"] == pytest.approx(2.0)


def test_shifted_gradient_passes_at_3mm_and_fails_at_1mm() -> None:
    """D = 5 Gy/mm... a 10 %/mm ramp of a 60 Gy maximum, shifted by 2 mm: the dose criterion alone
    fails everywhere in the ramp (12 Gy >> 1.8 Gy), the distance alone passes at 3 mm, fails at 1 mm."""
    x = np.arange(60) * 1.0
    ramp = np.clip((x - 10) * 2.0, 0, 60)  # 2 Gy per mm between x = 10 and 40 mm
    a = np.broadcast_to(ramp[None, None, :], (8, 8, 60)).copy()
    b = np.broadcast_to(np.clip((x - 12) * 2.0, 0, 60)[None, None, :], (8, 8, 60)).copy()  # 2 mm shift
    ref, ev = dose(a, 1.0), dose(b, 1.0)
    inside_ramp = (a >= 6.0) & (a <= 54.0)  # cut-off is 10 % of 60 Gy; keep away from the kinks
    r3 = gamma_index(ref, ev, 3, 3, 10, roi_mask=inside_ramp)
    r1 = gamma_index(ref, ev, 3, 1, 10, roi_mask=inside_ramp)
    assert r3.pass_rate_pct == 100.0
    assert r1.pass_rate_pct == 0.0
    g = r3.gamma[inside_ramp]
    # exact gamma for a 2 mm shift of a 2 Gy/mm ramp with 1.8 Gy / 3 mm: min over s of (s/3)^2 + ((2(2-s))/1.8)^2
    s = np.linspace(0, 2, 20001)
    exact = np.sqrt(np.min((s / 3) ** 2 + (2 * (2 - s) / 1.8) ** 2))
    assert np.nanmedian(g) == pytest.approx(exact, abs=0.01)


def test_cutoff_counts_and_local_normalisation() -> None:
    rng = np.random.default_rng(1)
    a = rng.uniform(0, 10, (10, 10, 10))
    r = gamma_index(dose(a), dose(a), cutoff_pct=30)
    assert r.evaluated_voxels == int(np.count_nonzero(a >= 0.3 * a.max()))
    assert r.pass_rate_pct == 100.0 and r.gamma_mean == 0.0
    # local: +2 % everywhere fails 1 % local, passes 3 % local (away from the step, where the
    # interpolated gradient offers a match within the DTA)
    b = np.full((6, 6, 6), 1.0)
    b[:, :, 3:] = 10.0
    away = np.ones(b.shape, bool)
    away[:, :, 2:4] = False
    kw = {"dta_mm": 0.5, "cutoff_pct": 0, "roi_mask": away}
    assert gamma_index(dose(b), dose(b * 1.02), dd_pct=1, local=True, **kw).pass_rate_pct == 0.0
    assert gamma_index(dose(b), dose(b * 1.02), dd_pct=3, local=True, **kw).pass_rate_pct == 100.0
    # global 1 % of 10 Gy = 0.1 Gy: the 1 Gy region's 0.02 Gy change passes, the 10 Gy region's 0.2 Gy fails
    assert gamma_index(dose(b), dose(b * 1.02), dd_pct=1, **kw).pass_rate_pct == pytest.approx(50.0)


def test_search_lattice_is_a_tenth_of_the_dta() -> None:
    off = search_offsets_mm(3.0, 2.0, 10)
    assert np.allclose(off[0], 0)
    d = np.linalg.norm(off, axis=1)
    assert np.all(np.diff(d) >= 0) and d.max() <= 6.0 + 1e-9
    assert np.min(np.abs(off[np.abs(off) > 0])) == pytest.approx(0.3)


def test_mixed_types_are_refused_without_the_option() -> None:
    a = np.ones((4, 4, 4))
    with pytest.raises(ValueError, match="dose types differ"):
        gamma_index(dose(a), dose(a, dose_type="EFFECTIVE"))
    with pytest.raises(ValueError, match="summation types differ"):
        gamma_index(dose(a), dose(a, summation="BEAM"))
    with pytest.raises(FrameMismatch):
        gamma_index(dose(a), dose(a, frame="G"))
    assert gamma_index(dose(a), dose(a, dose_type="EFFECTIVE"), allow_mixed_types=True).pass_rate_pct == 100.0


def test_resampling_reproduces_a_linear_field_and_marks_outside() -> None:
    """Trilinear interpolation is exact for linear fields, also onto a flipped (FFS-like) grid."""
    n = 20
    ax = np.arange(n) * 2.0
    z, y, x = np.meshgrid(ax, ax, ax, indexing="ij")
    src = dose(1 + 0.1 * x - 0.05 * y + 0.2 * z, 2.0)
    flipped = Grid((10, 10, 10), (1.5, 1.5, 1.5), (30.0, 3.0, 4.0), np.diag([-1.0, 1.0, 1.0]), "F")
    vals, outside = resample_values(src, flipped)
    pts = flipped.index_to_patient(np.stack(np.meshgrid(np.arange(10), np.arange(10), np.arange(10), indexing="ij")[::-1], -1).reshape(-1, 3))
    expect = (1 + 0.1 * pts[:, 0] - 0.05 * pts[:, 1] + 0.2 * pts[:, 2]).reshape(10, 10, 10)
    assert not outside.any()
    np.testing.assert_allclose(vals, expect, atol=1e-4)
    beyond = Grid((3, 3, 3), (2.0, 2.0, 2.0), (37.5, 0.0, 0.0), np.eye(3), "F")
    vals, outside = resample_values(src, beyond)
    assert outside[:, :, 1:].all() and not outside[:, :, 0].any()  # last voxel spans 37-39 mm: 37.5 in, 39.5 out
    assert np.isnan(vals[outside]).all()
    assert resample(src, beyond).grid is beyond


def test_difference_statistics() -> None:
    a = np.full((5, 5, 5), 10.0)
    b = a.copy()
    b[0, 0, 0] = 12.0
    diff, stats = difference(dose(a), dose(b))
    assert stats.min_gy == pytest.approx(-2.0) and stats.max_gy == 0.0
    assert stats.max_abs_pct == pytest.approx(20.0) and stats.voxels == 125
    assert diff[0, 0, 0] == pytest.approx(-2.0)


def test_plan_sum_of_proton_beam_doses_equals_the_plan_dose(shared_data: Path) -> None:
    case = plannerview.load(shared_data / "aptg_dcpt_proton" / "plan03_ramp_full")
    plan = next(d for d in case.doses if d.summation_type == "PLAN")
    beams = [d for d in case.doses if d.summation_type == "BEAM"]
    total, warnings = plan_sum(beams)
    np.testing.assert_allclose(total.dose, plan.dose, atol=1e-4)
    assert total.summation_type == "MULTI_PLAN" and total.dose_type == "EFFECTIVE" and not warnings
    assert total.sop_uid not in {d.sop_uid for d in case.doses}


def test_eqd2_of_2gy_fractions_is_the_physical_dose(tmp_path: Path) -> None:
    a = np.full((6, 6, 6), 50.0)  # 25 x 2 Gy
    ab = tmp_path / "ab.yaml"
    ab.write_text("default: 3\nrois: []\n")
    total, _ = plan_sum([dose(a)], fractions=[25], mode="eqd2", alpha_beta=AlphaBetaMap.from_file(ab))
    np.testing.assert_allclose(total.dose, 50.0, rtol=1e-6)
    # 30 Gy in 5 fx at alpha/beta 3: EQD2 = 30 (1 + 6/3) / (1 + 2/3) = 54 Gy; BED = 30 (1 + 2) = 90 Gy
    t2, _ = plan_sum([dose(np.full((4, 4, 4), 30.0))], fractions=[5], mode="eqd2", alpha_beta=AlphaBetaMap(3.0, ()))
    t3, _ = plan_sum([dose(np.full((4, 4, 4), 30.0))], fractions=[5], mode="bed", alpha_beta=AlphaBetaMap(3.0, ()))
    assert float(t2.dose.max()) == pytest.approx(54.0, rel=1e-5) and float(t3.dose.max()) == pytest.approx(90.0, rel=1e-5)
    with pytest.raises(ValueError, match="per fraction"):
        plan_sum([dose(a, summation="FRACTION")])


def test_alpha_beta_priority_where_rois_overlap() -> None:
    from plannerview.model import ROI, Contour, StructureSet

    def box(name: str, half: float, n: int) -> ROI:
        sq = np.array([[-half, -half], [half, -half], [half, half], [-half, half]]) + 10.0
        return ROI(n, name, tuple(Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)])) for z in np.arange(0, 21, 2.0)))

    ss = StructureSet(sop_uid="s", frame_of_reference_uid="F", rois=(box("Big", 8, 1), box("Small", 3, 2)))
    grid = Grid((11, 11, 11), (2.0, 2.0, 2.0), (0.0, 0.0, 0.0), np.eye(3), "F")
    m = AlphaBetaMap(3.0, (("Small", 10.0, 2), ("Big", 2.0, 1)))
    ab, missing = m.voxel_map(grid, ss)
    assert not missing
    assert ab[5, 5, 5] == 10.0  # centre: in both, Small has the higher priority
    assert ab[5, 5, 1] == 2.0  # x = 2 mm: in Big only
    assert ab[5, 5, 0] == 3.0  # x = 0: outside both, default
    m2 = AlphaBetaMap(3.0, (("Small", 10.0, 0), ("Big", 2.0, 1)))
    assert m2.voxel_map(grid, ss)[0][5, 5, 5] == 2.0


def test_sum_and_gamma_cli_write_rtdose_that_reads_back(shared_data: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    src = shared_data / "aptg_dcpt_proton" / "plan03_ramp_full"
    plan_file = next(p for p in src.glob("RD*.dcm") if pydicom.dcmread(p, stop_before_pixels=True).DoseSummationType == "PLAN")
    beam_files = sorted(p for p in src.glob("RD*.dcm") if p != plan_file)
    out = tmp_path / "sum.dcm"
    assert main(["sum", *map(str, beam_files), "--out", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["mode"] == "physical"
    summed = plannerview.load(out).doses[0]
    ref = plannerview.load(plan_file).doses[0]
    assert summed.summation_type == "MULTI_PLAN" and summed.dose_type == "EFFECTIVE"
    np.testing.assert_allclose(summed.dose, ref.dose, atol=2e-4)
    assert "plannerview_provenance" in pydicom.dcmread(out).ImageComments
    assert main(["sum", str(beam_files[0]), "--out", str(out)]) == 2  # never overwrites
    capsys.readouterr()
    # gamma of the sum against the plan dose: identical within scaling -> 100 %
    gout = tmp_path / "gamma.dcm"
    assert main(["gamma", str(plan_file), str(out), "--allow-mixed-types", "--json", "--out", str(gout)]) == 0
    g = json.loads(capsys.readouterr().out)
    assert g["pass_rate_pct"] == 100.0 and g["gamma_p95"] < 0.01
    assert set(g) >= {"pass_rate_pct", "evaluated_voxels", "gamma_mean", "gamma_p95", "histogram", "criteria", "seconds"}
    assert set(g["criteria"]) >= {"dd_pct", "dta_mm", "cutoff_pct", "local", "max_gamma", "normalisation_gy"}
    gd = plannerview.load(gout).doses[0]
    assert gd.units == "RELATIVE" and gd.grid.same_geometry(ref.grid)
    assert main(["gamma", str(plan_file), str(out)]) == 2  # PLAN vs MULTI_PLAN needs the option
    if shutil.which("dciodvfy"):
        import subprocess

        res = subprocess.run(["dciodvfy", str(out)], capture_output=True, text=True)
        errors = [line for line in (res.stdout + res.stderr).splitlines() if line.startswith("Error")]
        assert errors == []


def test_shifted_copy_resampled_gamma_is_exact_for_whole_voxel_shift() -> None:
    """Evaluated grid shifted by exactly one voxel: gamma at dose difference 0 and distance 0."""
    a = np.random.default_rng(3).uniform(1, 10, (10, 10, 10))
    ref = dose(a)
    ev = dataclasses.replace(dose(a[:, :, 1:]), grid=Grid((10, 10, 9), (2.5,) * 3, (2.5, 0, 0), np.eye(3), "F"))
    r = gamma_index(ref, ev, cutoff_pct=0)
    inner = r.gamma[:, :, 1:]
    assert np.nanmax(inner) == pytest.approx(0.0, abs=1e-6)


def test_compare_cli_json(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = shared_data / "dicompyler_core_example"
    args = ["compare", str(src), "--a", "B1", "--b", str(src / "rtdose.dcm"), "--protocol", "breast_26gy_5fx", "--json"]
    assert main(args) == 0  # a plan (its PLAN dose) against that same dose: no difference
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"a", "b", "structures", "goals", "gamma"}
    assert doc["a"]["sop_uid"] == doc["b"]["sop_uid"]
    heart = next(s for s in doc["structures"] if s["name"] == "Heart")
    assert set(heart["a"]) >= {"volume_cc", "dmean_gy", "d_percent_gy"}
    assert heart["diff"]["dmean_gy"] == 0.0 and heart["diff"]["d_percent_gy"]["95"] == 0.0
    assert doc["gamma"]["pass_rate_pct"] == 100.0
    assert len(doc["goals"]) == 5 and doc["goals"][0]["diff"] == 0.0
    p3 = shared_data / "aptg_dcpt_proton" / "plan03_ramp_full"
    plan = next(p for p in p3.glob("RD*.dcm") if pydicom.dcmread(p, stop_before_pixels=True).DoseSummationType == "PLAN")
    beam = next(p for p in p3.glob("RD*.dcm") if p != plan)
    assert main(["compare", str(p3), "--a", str(plan), "--b", str(beam)]) == 2  # PLAN vs BEAM needs the option
    assert "allow-mixed-types" in capsys.readouterr().err
