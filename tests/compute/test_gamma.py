"""Gamma index against analytic answers, an independent brute-force search, and file values."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pydicom
import pytest
from scipy.ndimage import map_coordinates

import plannerview
from plannerview.cli.main import main
from plannerview.compute.gamma import gamma_index, search_offsets_mm
from plannerview.compute.resample import FrameMismatch
from plannerview.model import DoseGrid, Grid
from plannerview.tasks import Cancelled

from .dose_factory import index_grid_points, make_dose


def dose(arr: np.ndarray, spacing: float = 2.5, origin=(0.0, 0.0, 0.0), direction=None, frame: str = "F",
         dose_type: str = "PHYSICAL", summation: str = "PLAN") -> DoseGrid:
    return make_dose(arr, spacing, origin, direction, frame, dose_type, summation)


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


def test_sum_and_gamma_cli_write_rtdose_that_reads_back(shared_data: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = shared_data / "aptg_dcpt_proton" / "plan03_ramp_full"
    plan_file = next(p for p in src.glob("RD*.dcm") if pydicom.dcmread(p, stop_before_pixels=True).DoseSummationType == "PLAN")
    beam_files = sorted(p for p in src.glob("RD*.dcm") if p != plan_file)
    out = tmp_path / "sum.dcm"
    assert main(["sum", *map(str, beam_files), "--out", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["mode"] == "physical"
    summed = plannerview.load(out).doses[0]
    ref = plannerview.load(plan_file).doses[0]
    assert summed.summation_type == "PLAN" and summed.dose_type == "EFFECTIVE"  # all beams of one plan
    np.testing.assert_allclose(summed.dose, ref.dose, atol=2e-4)
    assert "plannerview_provenance" in pydicom.dcmread(out).ImageComments
    assert main(["sum", str(beam_files[0]), "--out", str(out)]) == 2  # never overwrites
    capsys.readouterr()
    # gamma of the sum against the plan dose: identical within scaling -> 100 %
    gout = tmp_path / "gamma.dcm"
    assert main(["gamma", str(plan_file), str(out), "--json", "--out", str(gout)]) == 0
    g = json.loads(capsys.readouterr().out)
    assert g["pass_rate_pct"] == 100.0 and g["gamma_p95"] < 0.01
    assert set(g) >= {"pass_rate_pct", "evaluated_voxels", "gamma_mean", "gamma_p95", "histogram", "criteria", "seconds"}
    assert set(g["criteria"]) >= {"dd_pct", "dta_mm", "cutoff_pct", "local", "max_gamma", "normalisation_gy"}
    gd = plannerview.load(gout).doses[0]
    assert gd.units == "RELATIVE" and gd.grid.same_geometry(ref.grid)
    capsys.readouterr()
    assert main(["gamma", str(plan_file), str(beam_files[0])]) == 2  # PLAN vs BEAM needs the option
    assert "allow-mixed-types" in capsys.readouterr().err
    assert main(["gamma", str(plan_file), str(beam_files[0]), "--allow-mixed-types", "--min-pass-rate", "99"]) == 1
    # a folder with several doses: exit 2 naming --ref-sel; a plan label selects the plan's PLAN dose
    capsys.readouterr()
    assert main(["gamma", str(src), str(out)]) == 2
    assert "--ref-sel" in capsys.readouterr().err
    assert main(["gamma", str(src), str(out), "--ref-sel", "Slope101010E_o_1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["reference"]["sop_uid"] == ref.sop_uid


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


def brute_force_gamma(ref: np.ndarray, ev: np.ndarray, spacing: float, dd_abs: float, dta: float, max_gamma: float,
                      mask: np.ndarray) -> np.ndarray:
    """Every lattice point of step DTA/10 within max_gamma x DTA, no early exit or bounds; scipy's
    map_coordinates interpolates (points outside the evaluated grid's voxels are skipped)."""
    step = dta / 10
    n = int(np.ceil(max_gamma * dta / step))
    ax = np.arange(-n, n + 1) * step
    oz, oy, ox = (a.ravel() for a in np.meshgrid(ax, ax, ax, indexing="ij"))
    d = np.sqrt(ox**2 + oy**2 + oz**2)
    keep = d <= max_gamma * dta + 1e-9
    oz, oy, ox, d = oz[keep], oy[keep], ox[keep], d[keep]
    out = np.full(ref.shape, np.nan)
    shape = np.array(ev.shape)
    for k, j, i in zip(*np.nonzero(mask), strict=True):
        c = np.stack([k + oz / spacing, j + oy / spacing, i + ox / spacing])
        inside = np.all((c >= -0.5) & (c <= shape[:, None] - 0.5), axis=0)
        c = np.clip(c[:, inside], 0, shape[:, None] - 1)
        v = map_coordinates(ev, c, order=1, prefilter=False)
        g2 = (d[inside] / dta) ** 2 + ((v - ref[k, j, i]) / dd_abs) ** 2
        out[k, j, i] = min(np.sqrt(g2.min()), max_gamma)
    return out


@pytest.mark.parametrize("local", [False, True])
def test_matches_an_exhaustive_search(local: bool) -> None:
    """Random smooth doses, with a shift, a scale and noise: every voxel's gamma equals an exhaustive
    search (the early exit and band skipping must not change any value)."""
    rng = np.random.default_rng(11)
    z, y, x = np.meshgrid(*(np.arange(s) * 2.5 for s in (8, 9, 10)), indexing="ij")
    ref = 40 * np.exp(-((x - 12) ** 2 + (y - 10) ** 2 + (z - 9) ** 2) / 150.0) + 4
    ev = 41 * np.exp(-((x - 13.5) ** 2 + (y - 10) ** 2 + (z - 9.6) ** 2) / 150.0) + 4 + rng.normal(0, 0.4, ref.shape)
    mask = ref >= 0.1 * ref.max()
    r = gamma_index(dose(ref), dose(ev), 2, 2, 10, local=local, max_gamma=2)
    sel = mask & (rng.random(ref.shape) < 0.35)  # a third of the voxels keeps the test quick
    expect = np.full(ref.shape, np.nan)
    for k, j, i in zip(*np.nonzero(sel), strict=True):
        one = np.zeros(ref.shape, bool)
        one[k, j, i] = True
        dd = 0.02 * (ref[k, j, i] if local else ref.max())
        expect[k, j, i] = brute_force_gamma(ref, ev, 2.5, dd, 2.0, 2.0, one)[k, j, i]
    np.testing.assert_allclose(r.gamma[sel], expect[sel], atol=1e-5)
    assert 0 < r.pass_rate_pct < 100  # a discriminating case


def test_evaluated_dose_on_another_grid() -> None:
    """Evaluated = the same linear field sampled on a coarser, offset, flipped grid: trilinear
    interpolation reproduces it, so gamma is 0 (to float32 precision) for every reference voxel."""
    def field(pts: np.ndarray) -> np.ndarray:
        return 10 + 0.3 * pts[..., 0] + 0.2 * pts[..., 1] - 0.1 * pts[..., 2]

    rg = Grid((8, 8, 8), (2.5, 2.5, 2.5), (5.0, 5.0, 5.0), np.eye(3), "F")
    eg = Grid((12, 12, 12), (3.0, 3.0, 3.0), (33.5, 0.5, 1.0), np.diag([-1.0, 1.0, 1.0]), "F")
    ref = make_dose(field(index_grid_points(rg)), 2.5, rg.origin_mm)
    ev = dataclasses.replace(make_dose(field(index_grid_points(eg)), 3.0), grid=eg)
    r = gamma_index(ref, ev, 1, 1, 0)
    assert r.evaluated_voxels == 512 and np.nanmax(r.gamma) < 1e-3


def test_progress_cancel_and_roi_mask() -> None:
    a = np.full((6, 6, 6), 5.0)
    seen: list[float] = []
    roi = np.zeros(a.shape, bool)
    roi[2:4, 2:4, 2:4] = True
    r = gamma_index(dose(a), dose(a), roi_mask=roi, progress=lambda f, _msg: seen.append(f))
    assert r.evaluated_voxels == 8 and seen and seen[-1] == 1.0
    with pytest.raises(Cancelled):
        gamma_index(dose(a), dose(a), cancel=lambda: True)


@pytest.mark.parametrize("local", [False, True])
def test_cell_and_row_kernel_equals_the_general_search(local: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cell-and-row kernel (aligned grids) skips cells, rows and points by bounds from a linear
    model of the dose along each row: on float32 doses with a noisy field and a sub-voxel shift, its
    values equal those of the general kernel (every point nearer than the best evaluated) to
    rounding."""
    import plannerview.compute.gamma as gamma_mod

    rng = np.random.default_rng(5)
    z, y, x = np.meshgrid(*(np.arange(s) * 1.0 for s in (22, 24, 26)), indexing="ij")
    ref = 60 * np.exp(-((x - 13) ** 2 + (y - 12) ** 2 + (z - 11) ** 2) / 30.0) + rng.normal(0, 0.5, x.shape)
    ev = 61 * np.exp(-((x - 13.4) ** 2 + (y - 12) ** 2 + (z - 11.3) ** 2) / 30.0) + rng.normal(0, 0.5, x.shape)
    ref, ev = np.clip(ref, 0, None), np.clip(ev, 0, None)
    fast = gamma_index(dose(ref, 1.0), dose(ev, 1.0, origin=(0.3, 0.0, 0.5)), dd_pct=2, dta_mm=1,
                       cutoff_pct=5, local=local)
    aligned = gamma_mod._aligned_tables

    def general_only(*args: object) -> tuple[np.ndarray, ...]:
        base, interior, lin_off, frac, _ = aligned(*args)  # type: ignore[arg-type]
        return base, np.zeros_like(interior), lin_off, frac, None

    monkeypatch.setattr(gamma_mod, "_aligned_tables", general_only)
    slow = gamma_index(dose(ref, 1.0), dose(ev, 1.0, origin=(0.3, 0.0, 0.5)), dd_pct=2, dta_mm=1,
                       cutoff_pct=5, local=local)
    assert fast.evaluated_voxels == slow.evaluated_voxels > 1000
    np.testing.assert_array_equal(np.isnan(fast.gamma), np.isnan(slow.gamma))
    np.testing.assert_allclose(fast.gamma, slow.gamma, rtol=0, atol=1e-9)
    assert 0 < fast.pass_rate_pct < 100
