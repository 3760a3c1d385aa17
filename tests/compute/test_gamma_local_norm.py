"""Local gamma conventions, each on a small case whose gamma is worked out by hand.

- normalisation on the reference voxel's dose (the default: Low et al. 1998, pymedphys,
  plastimatch) or on the evaluated dose at each searched point (``local_norm="evaluated"``);
- the low-dose cut-off in local mode: a percentage of the reference maximum, applied to the
  reference dose;
- the evaluated dose interpolated (trilinear) at every search point of a 0.3 mm lattice.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.ndimage import map_coordinates

from plannerview.cli.main import main
from plannerview.compute.gamma import gamma_index
from plannerview.io.rtdose_writer import write_rtdose

from .dose_factory import make_dose


def test_uniform_ratio_passes_on_the_evaluated_dose_and_fails_on_the_reference() -> None:
    """Reference 10 Gy, evaluated 10.305 Gy everywhere (+3.05 %), 3 %/3 mm local. No gradient, so
    the best point is the voxel itself: on the reference dose gamma = 0.305 / (0.03 x 10) = 1.0167
    (fails); on the evaluated dose gamma = 0.305 / (0.03 x 10.305) = 0.98658 (passes)."""
    ref, ev = make_dose(np.full((6, 6, 6), 10.0)), make_dose(np.full((6, 6, 6), 10.305))
    on_ref = gamma_index(ref, ev, local=True)
    on_ev = gamma_index(ref, ev, local=True, local_norm="evaluated")
    np.testing.assert_allclose(on_ref.gamma, 0.305 / 0.3, rtol=1e-5)
    np.testing.assert_allclose(on_ev.gamma, 0.305 / (0.03 * 10.305), rtol=1e-5)
    assert on_ref.pass_rate_pct == 0.0 and on_ev.pass_rate_pct == 100.0
    assert on_ref.criteria["local_norm"] == "reference" and on_ev.criteria["local_norm"] == "evaluated"
    assert "local_norm" not in gamma_index(ref, ev).criteria  # global: not applicable
    with pytest.raises(ValueError, match="local_norm"):
        gamma_index(ref, ev, local=True, local_norm="measured")


def _ramp_gamma_by_hand(d_ref: float, slope: float, shift: float, on_evaluated: bool) -> float:
    """Reference D(x) = a + slope x, evaluated D(x - shift): at the searched point x + s the dose
    difference is slope (s - shift); the search points lie on x + 0.3 mm k (k integer, |s| <= 6 mm)
    and moving off the x axis only adds distance."""
    s = 0.3 * np.arange(-20, 21)
    diff = slope * (s - shift)
    norm = 0.03 * (d_ref + diff) if on_evaluated else 0.03 * d_ref
    return float(min(np.sqrt((s / 3.0) ** 2 + (diff / norm) ** 2).min(), 2.0))


@pytest.mark.parametrize("on_evaluated", [False, True])
def test_shifted_ramp_matches_the_lattice_minimum_by_hand(on_evaluated: bool) -> None:
    """D = 4 + 1.2 x Gy (x in mm), evaluated shifted 1 mm, on a 2.5 mm grid: the interpolated
    evaluated dose is exactly linear, so each voxel's gamma is the 1-D lattice minimum above."""
    x = np.arange(32) * 2.5
    ref = np.broadcast_to(4 + 1.2 * x, (5, 5, 32)).astype(np.float64)
    ev = np.broadcast_to(4 + 1.2 * (x - 1.0), (5, 5, 32)).astype(np.float64)
    r = gamma_index(make_dose(ref), make_dose(ev), cutoff_pct=0, local=True,
                    local_norm="evaluated" if on_evaluated else "reference")
    for i in range(3, 29):  # the whole 6 mm search stays on the grid along x
        expect = _ramp_gamma_by_hand(float(ref[0, 0, i]), 1.2, 1.0, on_evaluated)
        np.testing.assert_allclose(r.gamma[:, :, i], expect, atol=2e-5, err_msg=f"x = {x[i]} mm")  # float32 doses
    # the two conventions differ where the dose is low (a larger relative difference)
    g_ref = _ramp_gamma_by_hand(10.0, 1.2, 1.0, False)
    g_ev = _ramp_gamma_by_hand(10.0, 1.2, 1.0, True)
    assert g_ref != pytest.approx(g_ev, abs=1e-3)


def test_local_cut_off_is_a_share_of_the_reference_maximum_on_the_reference_dose() -> None:
    """Left half 1 Gy (5 % of the 20 Gy maximum), right half 20 Gy; the evaluated dose is 50 %
    higher on the left. With a 10 % cut-off only the right half (reference >= 2 Gy) is evaluated,
    however badly the left half would fail in local mode; with no cut-off the left fails."""
    ref = np.full((4, 6, 12), 20.0)
    ref[:, :, :6] = 1.0
    ev = ref.copy()
    ev[:, :, :6] = 1.5
    for norm in ("reference", "evaluated"):
        r = gamma_index(make_dose(ref), make_dose(ev), local=True, local_norm=norm)
        assert r.evaluated_voxels == 4 * 6 * 6 and r.pass_rate_pct == 100.0
        r0 = gamma_index(make_dose(ref), make_dose(ev), cutoff_pct=0, local=True, local_norm=norm)
        assert r0.evaluated_voxels == ref.size
        # the evaluated dose is 1.5 Gy or more everywhere: nothing within 3 % of 1 Gy, gamma capped at 2
        np.testing.assert_allclose(r0.gamma[:, :, :6], 2.0)


def _brute_force(ref: np.ndarray, ev: np.ndarray, k: int, j: int, i: int, spacing: float, dd: float, dta: float,
                 on_evaluated: bool) -> float:
    step = dta / 10
    ax = np.arange(-20, 21) * step
    oz, oy, ox = (a.ravel() for a in np.meshgrid(ax, ax, ax, indexing="ij"))
    d = np.sqrt(ox**2 + oy**2 + oz**2)
    keep = d <= 2 * dta + 1e-9
    oz, oy, ox, d = oz[keep], oy[keep], ox[keep], d[keep]
    c = np.stack([k + oz / spacing, j + oy / spacing, i + ox / spacing])
    shape = np.array(ev.shape)
    inside = np.all((c >= -0.5) & (c <= shape[:, None] - 0.5), axis=0)
    c = np.clip(c[:, inside], 0, shape[:, None] - 1)
    v = map_coordinates(ev, c, order=1, prefilter=False)
    r = ref[k, j, i]
    norm = dd * v if on_evaluated else dd * r
    g2 = (d[inside] / dta) ** 2 + ((v - r) / norm) ** 2
    return float(min(np.sqrt(g2.min()), 2.0))


def test_evaluated_normalisation_matches_an_exhaustive_search() -> None:
    """A smooth random pair: every sampled voxel's gamma (normalised on the evaluated dose) equals
    an exhaustive search of the lattice, with the interior (cell and row) and edge kernels both used."""
    rng = np.random.default_rng(5)
    z, y, x = np.meshgrid(*(np.arange(s) * 2.5 for s in (10, 11, 12)), indexing="ij")
    ref = 30 * np.exp(-((x - 14) ** 2 + (y - 12) ** 2 + (z - 11) ** 2) / 120.0) + 3
    ev = 31 * np.exp(-((x - 15.2) ** 2 + (y - 12) ** 2 + (z - 11.5) ** 2) / 120.0) + 3 + rng.normal(0, 0.3, ref.shape)
    r = gamma_index(make_dose(ref), make_dose(ev), 2, 2, 10, local=True, local_norm="evaluated")
    picks = [(k, j, i) for k, j, i in zip(*np.nonzero(ref >= 0.1 * ref.max()), strict=True) if rng.random() < 0.1]
    got = np.array([r.gamma[p] for p in picks])
    expect = np.array([_brute_force(ref, ev, *p, 2.5, 0.02, 2.0, True) for p in picks])
    np.testing.assert_allclose(got, expect, atol=1e-5)
    assert 0 < r.pass_rate_pct < 100


def test_cli_local_norm(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``gamma --local --local-norm`` on the uniform +3.05 % pair written as RTDOSE files."""
    ref_f, ev_f = tmp_path / "ref.dcm", tmp_path / "ev.dcm"
    write_rtdose(make_dose(np.full((5, 5, 5), 10.0), frame="1.2.3"), ref_f)
    write_rtdose(make_dose(np.full((5, 5, 5), 10.305), frame="1.2.3"), ev_f)
    rates = {}
    for norm in ("reference", "evaluated"):
        assert main(["gamma", str(ref_f), str(ev_f), "--local", "--local-norm", norm, "--json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert doc["criteria"]["local_norm"] == norm
        rates[norm] = doc["pass_rate_pct"]
    assert rates == {"reference": 0.0, "evaluated": 100.0}
