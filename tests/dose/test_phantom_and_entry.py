"""A CT from a structure set's physical properties, and the beam-direction check on real plans."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest

from plannerview.compute.beam_entry import beam_entries
from plannerview.compute.phantom import PhantomError, ct_from_structures, stopping_power_ratio
from plannerview.io.loader import load

APTG = "aptg_dcpt_proton/plan03_ramp_full"
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def test_bethe_stopping_power_ratio() -> None:
    assert stopping_power_ratio(1.0, 75.0) == pytest.approx(1.0)  # water against itself
    # PMMA (ICRU 49: electron density 1.1565 relative to water, I = 74 eV): SPR 1.158-1.165 in the literature
    assert stopping_power_ratio(1.1565, 74.0) == pytest.approx(1.16, abs=0.006)
    # a lower mean excitation energy stops protons more per electron
    assert stopping_power_ratio(1.0, 65.0) > 1.0


def test_ct_from_aptg_structures(shared_data: Path) -> None:
    case = load(str(shared_data / APTG))
    ss = case.structure_sets[0]
    rs = pydicom.dcmread(next((shared_data / APTG).glob("RS*.dcm")))
    props = {}
    names = {r.ROINumber: r.ROIName for r in rs.StructureSetROISequence}
    for o in rs.RTROIObservationsSequence:
        for p in getattr(o, "ROIPhysicalPropertiesSequence", []):
            props.setdefault(names[o.ReferencedROINumber], {})[p.ROIPhysicalProperty] = float(p.ROIPhysicalPropertyValue)
    dose = next(d for d in case.doses if d.summation_type == "PLAN")
    image, used = ct_from_structures(ss, dose.grid)
    hu = image.voxels
    pmma = stopping_power_ratio(props["PMMA"]["REL_ELEC_DENSITY"], props["PMMA"]["MEAN_EXCI_ENERGY"])
    water = stopping_power_ratio(props["External"]["REL_ELEC_DENSITY"], props["External"]["MEAN_EXCI_ENERGY"])
    assert used["PMMA"]["hu"] == pytest.approx(1000 * (pmma - 1), abs=0.01)
    x, y, z = (np.asarray(a) for a in image.grid.axis_coords_mm()[::-1])
    i0, j0, k0 = (int(np.argmin(abs(a))) for a in (x, y, z))
    assert hu[k0, j0, i0] == pytest.approx(1000 * (pmma - 1), abs=0.01)  # the slab is at y in [-2.5, 2.5]
    assert hu[k0, int(np.argmin(abs(y - 50))), i0] == pytest.approx(1000 * (water - 1), abs=0.01)
    assert hu[k0, j0, int(np.argmin(abs(x - 106)))] == -1000.0  # outside the 205 mm wide External
    assert image.synthetic and "stopping-power ratio" in image.synthetic
    # the slab's voxel count matches its 200 x 5 x 200 mm box on the 2 mm grid (within a voxel layer)
    assert used["PMMA"]["voxels"] == pytest.approx(200 * 5 * 200 / 8, rel=0.45)


def test_ct_needs_an_external(shared_data: Path, tmp_path: Path) -> None:
    ds = pydicom.dcmread(next((shared_data / APTG).glob("RS*.dcm")))
    for o in ds.RTROIObservationsSequence:
        if o.RTROIInterpretedType == "EXTERNAL":
            o.RTROIInterpretedType = "ORGAN"  # a copy whose outline is no longer marked EXTERNAL
    ds.save_as(tmp_path / "RS_no_external.dcm")
    ss = load(str(tmp_path)).structure_sets[0]
    with pytest.raises(PhantomError, match="EXTERNAL"):
        ct_from_structures(ss)


def _entries(case, use_beam_doses: bool = True):  # type: ignore[no-untyped-def]
    out = []
    for plan in case.plans:
        ss = case.structure_sets[0]
        ext = next((r for r in ss.rois if r.interpreted_type == "EXTERNAL"), None)
        plan_dose = next((d for d in case.doses if d.referenced_plan_uid == plan.sop_uid and d.summation_type == "PLAN"), None)
        beam_doses = {d.referenced_beam_numbers[0]: d for d in case.doses
                      if use_beam_doses and d.referenced_plan_uid == plan.sop_uid and d.summation_type == "BEAM"}
        out += beam_entries(plan.beams, plan_dose, beam_doses, ext)
    return out


def test_aptg_beams_do_not_enter_where_the_plan_says(shared_data: Path) -> None:
    """plan03 states HFS with gantry 90/270 (lateral beams), but each beam's own RTDOSE enters from
    anterior / posterior: as a decubitus (HFDL) setup, or gantry 0/180, would place them."""
    case = load(str(shared_data / APTG))
    rd = {int(ds.ReferencedRTPlanSequence[0].ReferencedFractionGroupSequence[0].ReferencedBeamSequence[0]
              .ReferencedBeamNumber): ds for ds in (pydicom.dcmread(f) for f in (shared_data / APTG).glob("RD*.dcm"))
          if ds.DoseSummationType == "BEAM"}
    entries = _entries(case)
    assert [e.beam_number for e in entries] == [1, 2] and not any(e.consistent for e in entries)
    for e in entries:
        assert e.dose_used == "beam" and e.stated_position == "HFS" and e.entrance_fraction < 0.05
        assert {"HFDL", "FFDR"} <= set(e.to_json()["agreeing_positions"])
        # independent look at the file: at the anterior (beam 1) / posterior (beam 2) edge of the
        # phantom the beam dose is high on the central axis, at the lateral edges it is nothing
        ds = rd[e.beam_number]
        arr = ds.pixel_array * float(ds.DoseGridScaling)
        k, j, i = (n // 2 for n in arr.shape)
        ant, post = arr[k, 6, i], arr[k, -7, i]
        lateral = max(arr[k, j, 3], arr[k, j, -4])
        assert (ant if e.beam_number == 1 else post) > 0.4 * arr.max() and lateral < 0.01 * arr.max()
    assert not any(e.consistent for e in _entries(case, use_beam_doses=False))  # the plan dose alone shows it too


def test_demo_beams_enter_where_the_plan_says() -> None:
    case = load(str(DEMO))
    entries = _entries(case)
    assert len(entries) == 9 and all(e.consistent for e in entries)


def test_overlay_follows_the_setup_the_dose_shows(shared_data: Path) -> None:
    from plannerview.compute.beam_geometry import beam_drawings

    plan = load(str(shared_data / APTG)).plans[0]
    as_stated = beam_drawings(plan, "HFS")  # the file's HFS: gantry 90 from the patient's left
    assert as_stated[0].source_mm[0] > 300 and as_stated[1].source_mm[0] < -300
    fixed = beam_drawings(plan, "HFS", override="HFDL")  # what the RTDOSEs show: anterior and posterior
    assert fixed[0].source_mm[1] < -300 and fixed[1].source_mm[1] > 300


def test_patient_position_table_is_iec_61217() -> None:
    """Each position's support axes are a proper rotation, and the head/anterior directions match DICOM PS3.3 C.7.3.1.1.2."""
    from plannerview.model.patient_position import POSITION_MATRIX

    head_lps, anterior_lps = np.array([0, 0, 1.0]), np.array([0, -1.0, 0])
    for pos, m in POSITION_MATRIX.items():
        assert np.allclose(m.T @ m, np.eye(3)) and np.isclose(np.linalg.det(m), 1.0), pos
        ys, zs = m[:, 1], m[:, 2]  # Ys: towards the gantry; Zs: up
        assert np.allclose(ys, head_lps if pos.startswith("HF") else -head_lps), pos
        up = {"S": anterior_lps, "P": -anterior_lps}.get(pos[-1])
        if up is not None:
            assert np.allclose(zs, up), pos
        else:  # decubitus left: lying on the left side, the patient's right (-x in LPS) is up
            assert np.allclose(zs, [-1.0, 0, 0] if pos.endswith("DL") else [1.0, 0, 0]), pos


def test_plan_check_flags_aptg_and_passes_the_demo(shared_data: Path) -> None:
    from plannerview.review.checks import load_config, make_context, run_checks

    config = load_config()
    aptg = load(str(shared_data / APTG))
    report = run_checks(make_context(aptg, aptg.plans[0]), config, only=["beam_direction_dose_entry"])
    (result,) = report.results
    assert result.status == "FAIL" and "HFDL" in result.message
    demo = load(str(DEMO))
    plan = next(p for p in demo.plans if p.kind == "proton")
    (result,) = run_checks(make_context(demo, plan), config, only=["beam_direction_dose_entry"]).results
    assert result.status == "PASS"
