"""pyRadPlan through the plugin, in its own environment: the bundled demo doses (made with pyRadPlan)
are reproduced from the plan files alone; IEC 61217 beam direction for photons; energy snapping is
reported; carbon gives physical and RBE-weighted dose side by side, labelled research use."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
import pytest
from plannerview_dose.pyradplan_engine import GENERIC_PHOTON_NOTE, PyRadPlanEngine

from plannerview.compute.gamma import gamma_index
from plannerview.io.loader import load
from plannerview.model import DoseGrid
from plannerview.plugin_api import DoseRequest

from .phantoms import Ctx, photon_plan, proton_plan, water_box

pytestmark = pytest.mark.slow
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(scope="module")
def demo():
    return load(str(DEMO))


def _as_dose(values: np.ndarray, like: DoseGrid, grid) -> DoseGrid:  # type: ignore[no-untyped-def]
    return DoseGrid(sop_uid="1.2.826.0.1.3680043.8.498.99", frame_of_reference_uid=like.frame_of_reference_uid,
                    grid=grid, dose_type=like.dose_type, units="GY", summation_type="PLAN",
                    loader=lambda: np.array(values, dtype=np.float32))


@pytest.mark.parametrize("kind", ["photon"])  # the proton plan: through check-dose (test_check_dose_cli)
def test_reproduces_the_demo_doses(pyradplan_ready, demo, kind: str) -> None:
    """The demo's RTDOSEs are pyRadPlan's: recomputing from the written plans must agree at 2 %/2 mm
    (a consistency test of the plan mapping: spots and MLC apertures -> pyRadPlan, not an independent check)."""
    plan = next(p for p in demo.plans if p.kind == kind)
    tps = next(d for d in demo.doses if d.referenced_plan_uid == plan.sop_uid)
    image = demo.images[0]
    ctx = Ctx()
    res = PyRadPlanEngine().calculate(DoseRequest(plan=plan, image=image, structure_set=demo.structure_sets[0]), ctx)
    mine = next(r for r in res if r.dose_type == tps.dose_type)
    g = gamma_index(tps, _as_dose(mine.dose, tps, image.grid), 2.0, 2.0, 10.0)
    assert g.pass_rate_pct >= 99.0
    assert mine.details["patient_position"] == "HFS" and mine.details["engine"] == "pyRadPlan"
    if kind == "photon":
        assert GENERIC_PHOTON_NOTE in mine.details["notes"] and "generic" in mine.description
    else:
        assert mine.rbe_model == "constant RBE 1.1"
        assert mine.details["energy_snapping"]["max_shift_mev"] < 0.01  # the demo used the machine's energies


def test_photon_gantry_90_enters_from_the_patients_left(pyradplan_ready) -> None:
    box = water_box((40, 40, 60), (3.0, 3.0, 3.0), (-88.5, -58.5, -58.5))  # 180 x 120 x 120 mm
    res = PyRadPlanEngine().calculate(DoseRequest(plan=photon_plan(gantry=90.0, field_mm=40.0), image=box), Ctx())
    d = res[0].dose
    x = box.grid.axis_coords_mm()[2]
    axis = d[20, 20, :]
    assert axis[x > 60].mean() > 1.3 * axis[x < -60].mean()  # more dose where the beam enters: +x, the left
    # the field's 50 % edges at the isocentre: 40 mm wide in y and z (penumbra within a voxel)
    prof = d[20, :, 30]
    y = box.grid.axis_coords_mm()[1]
    inside = y[prof >= 0.5 * prof.max()]
    assert inside.max() - inside.min() == pytest.approx(40.0 - 3.0, abs=3.0)


def test_carbon_physical_and_rbe_weighted(pyradplan_ready) -> None:
    box = water_box((30, 30, 80), (3.0, 3.0, 3.0), (-118.5, -43.5, -43.5))
    plan = proton_plan(spots_xy=[(x, y) for x in (-6.0, 0.0, 6.0) for y in (-6.0, 0.0, 6.0)],
                       energies=(200.0, 190.0, 180.0), mu=200.0, fractions=10)
    beam = dataclasses.replace(plan.beams[0], radiation_type="ION", ion_z=6, ion_a=12)
    plan = dataclasses.replace(plan, beams=(beam,), kind="ion")
    res = PyRadPlanEngine().calculate(DoseRequest(plan=plan, image=box), Ctx())
    physical, effective = res
    assert physical.dose_type == "PHYSICAL" and effective.dose_type == "EFFECTIVE"
    assert "LEM" in effective.rbe_model and "research use" in effective.description
    assert any("research use" in n for n in physical.details["notes"])
    peak = np.unravel_index(np.argmax(physical.dose), physical.dose.shape)
    entrance = (peak[0], peak[1], box.grid.shape_zyx[2] - 3)
    rbe_peak = effective.dose[peak] / physical.dose[peak]
    rbe_entrance = effective.dose[entrance] / physical.dose[entrance]
    assert rbe_peak > rbe_entrance > 1.0  # RBE rises towards the Bragg peak
    assert 1.5 < rbe_peak < 5.0  # carbon at about 2 Gy per fraction (RBE depends on the dose per fraction)
    # 200, 190, 180 MeV/u are not machine energies: snapped to the nearest, and the shift reported
    snap = physical.details["energy_snapping"]
    assert 0.0 < snap["max_shift_mev"] < 2.0 and snap["machine_energies_mev"][0] < 180.0


def test_worker_never_enters_the_workstation_interpreter() -> None:
    assert "pyRadPlan" not in sys.modules and "pyRadPlan" not in "".join(sys.modules)
