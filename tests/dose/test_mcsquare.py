"""MCsquare through the plugin: known answers in water (NIST PSTAR ranges, range shifter WET, IEC 61217
beam directions, MU scaling), the statistical uncertainty law, cancel and progress.

Small statistics and coarse grids keep each run to a few seconds.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import numpy as np
import pytest
from plannerview_dose.mcsquare_engine import McSquareEngine

from plannerview.plugin_api import DoseRequest
from plannerview.tasks import Cancelled

from .phantoms import Ctx, proton_plan, water_box, with_beams

pytestmark = pytest.mark.slow

# NIST PSTAR, liquid water, CSDA range (g/cm2) at 100 and 150 MeV
PSTAR_CSDA_G_CM2 = {100.0: 7.718, 150.0: 15.77}


def pstar_range_mm(energy_mev: float) -> float:
    """CSDA range by power-law interpolation between the two PSTAR points (range ~ E^1.76 here)."""
    (e1, r1), (e2, r2) = sorted(PSTAR_CSDA_G_CM2.items())
    p = np.log(r2 / r1) / np.log(e2 / e1)
    return 10.0 * r1 * (energy_mev / e1) ** p


def mean_energy(mcsquare_folder: Path, nominal: float) -> float:
    """The BDL's mean energy for a nominal energy in its table (read straight from the file)."""
    lines = (mcsquare_folder / "BDL" / "BDL_default_DN_RangeShifter.txt").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("NominalEnergy")) + 1
    table = np.loadtxt(lines[start:])
    return float(table[table[:, 0] == nominal, 1][0])


def run(plan, image, **params):  # type: ignore[no-untyped-def]
    base = {"primaries": 60000, "target_uncertainty_pct": 0, "seed": 7, "ct_calibration": "water-linear", "rbe": 0}
    return McSquareEngine().calculate(DoseRequest(plan=plan, image=image, parameters={**base, **params}), Ctx())


def r80_depth_mm(dose, image, surface_x_mm: float) -> float:
    """Distal 80 % depth of the laterally integrated depth dose for a beam travelling towards -x."""
    idd = dose.sum(axis=(0, 1))
    x = image.grid.axis_coords_mm()[2]
    depth = surface_x_mm - x
    i = int(idd.argmax())
    j = i
    while j > 0 and idd[j] > 0.8 * idd[i]:
        j -= 1  # deeper = smaller x = smaller index
    return float(np.interp(0.8 * idd[i], [idd[j], idd[j + 1]], [depth[j], depth[j + 1]]))


@pytest.fixture(scope="module")
def long_box():
    # 1 mm along the beam (x), 2 mm across; the beam enters at x = +200 mm (gantry 90, HFS)
    return water_box((30, 30, 400), (2.0, 2.0, 1.0), (-199.5, -29.0, -29.0))


@pytest.mark.parametrize("nominal", [100.0, 150.0])
def test_bragg_peak_at_pstar_csda_range(mcsquare_folder: Path, long_box, nominal: float) -> None:
    """The distal 80 % point of a single spot's depth dose (the clinical range) at the PSTAR CSDA range
    of the beam model's mean energy."""
    res = run(proton_plan(nominal, gantry=90.0), long_box)
    r80 = r80_depth_mm(res[0].dose, long_box, 200.0)
    expected = pstar_range_mm(mean_energy(mcsquare_folder, nominal))
    assert abs(r80 - expected) <= 1.0, (r80, expected)


def test_range_shifter_shortens_by_its_wet(mcsquare_folder: Path, long_box) -> None:
    wet = 40.0
    plain = r80_depth_mm(run(proton_plan(120.0), long_box)[0].dose, long_box, 200.0)
    res = run(proton_plan(120.0, range_shifter_wet_mm=wet), long_box)
    shifted = r80_depth_mm(res[0].dose, long_box, 200.0)
    assert abs((plain - shifted) - wet) <= 1.0, (plain, shifted)
    assert any("RS_TEST" in n and "PMMA" in n for n in res[0].details["notes"])


def _centroid(dose, image) -> np.ndarray:
    z, y, x = image.grid.axis_coords_mm()
    w = dose / dose.sum()
    return np.array([(w.sum(axis=(0, 1)) * x).sum(), (w.sum(axis=(0, 2)) * y).sum(), (w.sum(axis=(1, 2)) * z).sum()])


@pytest.fixture(scope="module")
def cube():
    return water_box((50, 50, 50), (2.4, 2.4, 2.4), (-58.8, -58.8, -58.8))  # 120 mm cube centred on 0


@pytest.mark.parametrize("position,gantry,couch,axis,sign", [
    ("HFS", 90.0, 0.0, 0, +1),    # IEC: gantry 90 enters from the patient's left (+x)
    ("HFS", 270.0, 0.0, 0, -1),   # ... gantry 270 from the right
    ("HFS", 0.0, 0.0, 1, -1),     # gantry 0 from anterior (-y)
    ("FFS", 90.0, 0.0, 0, -1),    # feet first: gantry 90 enters from the patient's right
    ("HFP", 0.0, 0.0, 1, +1),     # prone: gantry 0 from posterior
    ("HFDL", 90.0, 0.0, 1, -1),   # lying on the left side: gantry 90 from anterior
    ("HFS", 90.0, 90.0, 2, -1),   # couch 90 (counter-clockwise from above): gantry 90 from the feet
])
def test_beam_enters_where_iec_61217_says(mcsquare_folder: Path, cube, position, gantry, couch, axis, sign) -> None:
    image = dataclasses.replace(cube, patient_position=position)
    res = run(proton_plan(100.0, gantry=gantry, couch=couch, position=position), image, primaries=20000)
    c = _centroid(res[0].dose, image)
    assert sign * c[axis] > 10.0, c  # the dose sits on the entrance side of the isocentre
    others = [a for a in range(3) if a != axis]
    assert np.all(np.abs(c[others]) < 3.0), c


def test_spot_position_axes(mcsquare_folder: Path, cube) -> None:
    """Spot X is IEC Xb (patient left at gantry 0, HFS), spot Y is Yb (towards the head)."""
    res = run(proton_plan(100.0, gantry=0.0, spots_xy=((20.0, -15.0),)), cube, primaries=20000)
    c = _centroid(res[0].dose, cube)
    assert c[0] == pytest.approx(20.0, abs=1.5) and c[2] == pytest.approx(-15.0, abs=1.5)


def test_dose_scales_with_mu_and_protons_per_mu(mcsquare_folder: Path, cube) -> None:
    # one thread: MCsquare is deterministic for a given seed only then
    one = run(proton_plan(100.0, mu=1.0), cube, primaries=20000, threads=1)[0]
    three = run(proton_plan(100.0, mu=3.0), cube, primaries=20000, threads=1)[0]
    assert three.dose.sum() / one.dose.sum() == pytest.approx(3.0, rel=1e-5)
    lines = (mcsquare_folder / "BDL" / "BDL_default_DN_RangeShifter.txt").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("NominalEnergy")) + 1
    table = np.loadtxt(lines[start:])
    protons_per_mu = float(table[table[:, 0] == 100.0, 3][0])
    assert three.details["protons_per_fraction"] == pytest.approx(3.0 * protons_per_mu, rel=1e-9)


def test_uncertainty_falls_as_one_over_root_n(mcsquare_folder: Path, cube) -> None:
    plan = proton_plan(100.0, spots_xy=[(x, y) for x in (-10.0, 0.0, 10.0) for y in (-10.0, 0.0, 10.0)])
    low = run(plan, cube, primaries=16000)[0]
    high = run(plan, cube, primaries=64000)[0]
    ratio = low.statistical_uncertainty_pct / high.statistical_uncertainty_pct
    assert ratio == pytest.approx(2.0, rel=0.25)
    assert low.details["statistical_uncertainty_region"] == "voxels above 50 % of the maximum dose"


def test_target_uncertainty_goal_is_met(mcsquare_folder: Path, cube) -> None:
    res = run(proton_plan(100.0), cube, primaries=8000, target_uncertainty_pct=4.0)[0]
    assert res.statistical_uncertainty_pct <= 4.0
    assert res.details["stopped_by"] == "target uncertainty" and res.details["batches"] >= 5


def test_per_beam_doses_sum_to_the_plan(mcsquare_folder: Path, cube) -> None:
    a = proton_plan(100.0, gantry=90.0).beams[0]
    b = dataclasses.replace(proton_plan(120.0, gantry=0.0, mu=2.0).beams[0], number=2, name="B2")
    plan = with_beams(proton_plan(), a, b)
    per_beam = run(plan, cube, primaries=20000, per_beam=True)
    whole = run(plan, cube, primaries=20000, seed=11)
    total = per_beam[0]
    beams = [r for r in per_beam if r.summation_type == "BEAM"]
    assert [r.beam_numbers for r in beams] == [(1,), (2,)]
    assert np.allclose(total.dose, beams[0].dose + beams[1].dose, rtol=1e-5, atol=1e-9)
    # an independent run of the whole plan deposits the same energy (statistics: 1 %)
    assert whole[0].dose.sum() == pytest.approx(total.dose.sum(), rel=0.01)


class _CancelLater(Ctx):
    """Asks to stop ``after_s`` seconds into the run (MCsquare is then mid-batch)."""

    def __init__(self, after_s: float) -> None:
        super().__init__()
        self._t0 = time.perf_counter()
        self._after = after_s

    def cancelled(self) -> bool:
        return time.perf_counter() - self._t0 > self._after


def _mcsquare_children() -> list[int]:
    """MCsquare processes whose parent is this test process."""
    me, out = str(__import__("os").getpid()), []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("Name", "").startswith("MCsquare") and fields.get("PPid", "").strip() == me:
            out.append(int(status.parent.name))
    return out


def test_cancel_stops_mcsquare_and_cleans_up(mcsquare_folder: Path, cube, tmp_path: Path) -> None:
    ctx = _CancelLater(3.0)
    ctx.storage_dir = tmp_path
    t0 = time.perf_counter()
    with pytest.raises(Cancelled):
        McSquareEngine().calculate(DoseRequest(plan=proton_plan(150.0), image=cube, parameters={
            "primaries": 10**8, "target_uncertainty_pct": 0, "ct_calibration": "water-linear"}), ctx)
    assert time.perf_counter() - t0 < 30.0
    assert _mcsquare_children() == []
    assert list(tmp_path.iterdir()) == []  # the scratch folder is gone


def test_progress_and_effective_dose(mcsquare_folder: Path, cube) -> None:
    ctx = Ctx()
    res = McSquareEngine().calculate(DoseRequest(plan=proton_plan(100.0), image=cube, parameters={
        "primaries": 8000, "target_uncertainty_pct": 0, "ct_calibration": "water-linear"}), ctx)
    physical, effective = res
    assert physical.dose_type == "PHYSICAL" and effective.dose_type == "EFFECTIVE"
    assert effective.rbe_model == "constant RBE 1.1"
    assert np.allclose(effective.dose, 1.1 * physical.dose, rtol=1e-6)
    fractions = [f for f, _ in ctx.progress_log]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    d = physical.details
    assert d["ct_calibration"]["name"] == "water-linear" and d["beam_model"]["origin"] == "generic"
    assert d["engine"] == "MCsquare" and d["primaries"] >= 8000 and d["engine_provenance"]["wheel"].startswith("opentps")
