"""Each plan check with a case that passes and one that fails, the failing one made by editing a copy
of a real file (pydicom on a copy in tmp_path). Expected values are read from the files with pydicom."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from plannerview.io.loader import load
from plannerview.review.checks import Status

from .cases import DEMO_RT, demo_files, load_copy, run_one, shared

PASS, WARN, FAIL, NA = Status.PASS, Status.WARN, Status.FAIL, Status.NOT_APPLICABLE


@pytest.fixture(scope="module")
def demo_rt():
    """The demo's plans, doses and structures (no CT: the checks need none)."""
    return load([str(p) for p in DEMO_RT.values()])


def _dose_max_gy(path) -> float:
    ds = pydicom.dcmread(path)
    return float(ds.pixel_array.max()) * float(ds.DoseGridScaling)


# --- prescription ------------------------------------------------------------------------------
def test_prescription_consistency_passes_on_the_breast_plan(shared_data, tmp_path):
    src = shared("dicompyler_core_example")
    r = run_one(load([str(src)]), "prescription_consistency")
    # the plan's dose reference names a site, and two CTVs could be the target: coverage is left to the user
    assert r.status == WARN and "2 ROIs could be the CTV" in r.message

    def name_the_target(ds: Dataset) -> None:  # the dose reference names the boost volume (ROI 9, Tumor Bed)
        ref = ds.DoseReferenceSequence[0]
        ref.DoseReferenceStructureType = "VOLUME"
        ref.ReferencedROINumber = 9

    case = load_copy(tmp_path, [src / "rtplan.dcm", src / "rtss.dcm", src / "rtdose.dcm"],
                     {"rtplan.dcm": name_the_target})
    r = run_one(case, "prescription_consistency")
    ds = pydicom.dcmread(shared("dicompyler_core_example", "rtplan.dcm"))
    fg = ds.FractionGroupSequence[0]
    total = sum(float(b.BeamDose) for b in fg.ReferencedBeamSequence) * int(fg.NumberOfFractionsPlanned)
    assert r.status == PASS, r.message
    assert r.values["beam_dose_total_gy"] == pytest.approx(total)  # 4 x 0.5 Gy x 7 fx = 14 Gy
    assert r.values["prescription_gy"] == pytest.approx(float(ds.DoseReferenceSequence[0].TargetPrescriptionDose))
    dmax = _dose_max_gy(shared("dicompyler_core_example", "rtdose.dcm"))
    assert r.values["dmax_ratio"] == pytest.approx(dmax / 14.0, abs=1e-4)
    assert r.values["target"] == "Tumor Bed" and r.values["coverage_ratio"] >= 0.95


def test_prescription_consistency_fails_when_the_dose_never_reaches_the_prescription(tmp_path, demo_rt):
    def raise_rx(ds: Dataset) -> None:
        ds.DoseReferenceSequence[0].TargetPrescriptionDose = 70.0

    case = load_copy(tmp_path, demo_files("plan", "rs", "rd"), {"RP_Photon7F.dcm": raise_rx})
    r = run_one(case, "prescription_consistency")
    dmax = _dose_max_gy(DEMO_RT["rd"])
    assert r.status == FAIL
    assert r.values["dmax_ratio"] == pytest.approx(dmax / 70.0, abs=1e-4)
    assert f"{100 * dmax / 70:.1f} % of 70 Gy" in r.message


def test_dose_summation_pass_and_fail(tmp_path, demo_rt):
    assert run_one(demo_rt, "dose_summation", "Photon7F").status == PASS

    def as_fraction(ds: Dataset) -> None:
        ds.DoseSummationType = "FRACTION"

    case = load_copy(tmp_path, demo_files("plan", "rs", "rd"), {"RD_Photon7F.dcm": as_fraction})
    r = run_one(case, "dose_summation")
    assert r.status == FAIL and "labelled FRACTION" in r.message
    assert r.values["dmax_gy"] == pytest.approx(_dose_max_gy(DEMO_RT["rd"]), rel=1e-6)


# --- dose grid ---------------------------------------------------------------------------------
def test_dose_grid_resolution_by_technique(tmp_path, demo_rt):
    ds = pydicom.dcmread(DEMO_RT["rd"], stop_before_pixels=True)
    spacing = [float(v) for v in ds.PixelSpacing]
    r = run_one(demo_rt, "dose_grid_resolution", "Photon7F")
    assert r.status == PASS and r.values["limit_mm"] == 3.0 and max(spacing) == 3.0

    def sbrt(ds: Dataset) -> None:  # same grid, but the plan now says it is stereotactic: 2.5 mm limit
        ds.RTPlanLabel = "SBRT lung"

    case = load_copy(tmp_path, demo_files("plan", "rs", "rd"), {"RP_Photon7F.dcm": sbrt})
    r = run_one(case, "dose_grid_resolution")
    assert r.status == FAIL and r.values["stereotactic"] and r.values["limit_mm"] == 2.5


def test_dose_grid_coverage_fails_when_the_grid_is_moved_off_the_body(tmp_path, demo_rt):
    r = run_one(demo_rt, "dose_grid_coverage", "Photon7F")
    assert r.status == PASS, r.message
    assert "7 beam directions" in r.message

    def shift(ds: Dataset) -> None:
        x, y, z = (float(v) for v in ds.ImagePositionPatient)
        ds.ImagePositionPatient = [x + 200.0, y, z]

    case = load_copy(tmp_path, demo_files("plan", "rs", "rd"), {"RD_Photon7F.dcm": shift})
    r = run_one(case, "dose_grid_coverage")
    assert r.status == FAIL
    assert "target 'OuterTarget'" in r.message and "outside the dose grid" in r.message


# --- beams -------------------------------------------------------------------------------------
def _meterset_sum(path) -> float:
    ds = pydicom.dcmread(path)
    return sum(float(b.BeamMeterset) for b in ds.FractionGroupSequence[0].ReferencedBeamSequence if "BeamMeterset" in b)


def test_mu_per_gy_pass_on_the_imrt_plan_fail_when_tripled(tmp_path, shared_data):
    src = shared("onko_lung_imrt", "RTPLAN_Hashed.dcm")
    case = load([str(src)])
    r = run_one(case, "mu_per_gy")
    per_gy = _meterset_sum(src) / (41.4 / 23)
    assert r.status == PASS and r.values["technique"] == "IMRT"
    assert r.values["meterset_per_gy"] == pytest.approx(per_gy, abs=0.01)

    def triple(ds: Dataset) -> None:
        for b in ds.FractionGroupSequence[0].ReferencedBeamSequence:
            if "BeamMeterset" in b:
                b.BeamMeterset = float(b.BeamMeterset) * 3

    case = load_copy(tmp_path, [src], {"RTPLAN_Hashed.dcm": triple})
    r = run_one(case, "mu_per_gy")
    assert r.status == FAIL and r.values["meterset_per_gy"] == pytest.approx(3 * per_gy, abs=0.05)


def test_energies_consistent(tmp_path, demo_rt, shared_data):
    assert run_one(demo_rt, "energies_consistent", "Photon7F").status == PASS
    mixed = run_one(load([str(shared("dicompyler_core_example", "rtplan.dcm"))]), "energies_consistent")
    energies = {float(b.ControlPointSequence[0].NominalBeamEnergy)
                for b in pydicom.dcmread(shared("dicompyler_core_example", "rtplan.dcm")).BeamSequence}
    assert mixed.status == WARN and len(mixed.values["energies"]) == len(energies) == 2

    def fifty_mv(ds: Dataset) -> None:
        ds.BeamSequence[0].ControlPointSequence[0].NominalBeamEnergy = 50

    case = load_copy(tmp_path, demo_files("plan"), {"RP_Photon7F.dcm": fifty_mv})
    r = run_one(case, "energies_consistent")
    assert r.status == FAIL and "outside 4-25" in r.message


def test_zero_meterset_beam_fails(tmp_path, demo_rt):
    assert run_one(demo_rt, "zero_meterset_beams", "Photon7F").status == PASS

    def zero(ds: Dataset) -> None:
        ds.FractionGroupSequence[0].ReferencedBeamSequence[2].BeamMeterset = 0.0

    case = load_copy(tmp_path, demo_files("plan"), {"RP_Photon7F.dcm": zero})
    r = run_one(case, "zero_meterset_beams")
    name = pydicom.dcmread(DEMO_RT["plan"]).BeamSequence[2].BeamName
    assert r.status == FAIL and f"'{name}'" in r.message


def test_setup_beams_not_counted_and_counted(tmp_path, shared_data):
    src = shared("onko_lung_imrt", "RTPLAN_Hashed.dcm")
    r = run_one(load([str(src)]), "setup_beams")
    ds = pydicom.dcmread(src)
    setup = [b.BeamName for b in ds.BeamSequence
             if b.TreatmentDeliveryType != "TREATMENT" or any(w in b.BeamName.upper() for w in ("SETUP", "CBCT"))]
    assert r.status == PASS and r.values["setup_beams"] == setup and len(setup) == 5

    def count_setup(ds: Dataset) -> None:  # the 'AP SETUP' field gets 5 MU in the fraction group
        item = Dataset()
        item.ReferencedBeamNumber = 8
        item.BeamMeterset = 5.0
        ds.FractionGroupSequence[0].ReferencedBeamSequence.append(item)
        ds.FractionGroupSequence[0].NumberOfBeams += 1

    case = load_copy(tmp_path, [src], {"RTPLAN_Hashed.dcm": count_setup})
    r = run_one(case, "setup_beams")
    assert r.status == FAIL and "'AP SETUP' (#8)" in r.message and "5.0 MU" in r.message


# --- geometry ----------------------------------------------------------------------------------
def test_isocenter_inside_body_near_target_and_moved_out(tmp_path, demo_rt):
    r = run_one(demo_rt, "isocenter_position", "Photon7F")
    iso = [float(v) for v in pydicom.dcmread(DEMO_RT["plan"]).BeamSequence[0].ControlPointSequence[0].IsocenterPosition]
    assert r.status == PASS and r.values["isocenter_mm"] == pytest.approx(iso, abs=0.01)
    assert r.values["distance_to_target_mm"] < 30

    def move(ds: Dataset) -> None:
        for b in ds.BeamSequence:
            x, y, z = (float(v) for v in b.ControlPointSequence[0].IsocenterPosition)
            b.ControlPointSequence[0].IsocenterPosition = [x, y + 400.0, z]  # 40 cm posterior: under the couch

    case = load_copy(tmp_path, demo_files("plan", "rs"), {"RP_Photon7F.dcm": move})
    r = run_one(case, "isocenter_position")
    assert r.status == FAIL and "outside the body 'BODY'" in r.message


def test_couch_needed_for_posterior_beams(demo_rt):
    assert run_one(demo_rt, "couch_structure", "ProtonIMPT").status == PASS  # gantry 90 and 270
    r = run_one(demo_rt, "couch_structure", "Photon7F")
    gantries = [float(b.ControlPointSequence[0].GantryAngle) for b in pydicom.dcmread(DEMO_RT["plan"]).BeamSequence]
    posterior = [g for g in gantries if abs(g - 180.0) <= 60.0]  # within 60 degrees of the couch normal (HFS)
    assert r.status == FAIL
    assert len(r.values["beams"]) == len(posterior) == 2
    for g in posterior:
        assert f"gantry {g:g}" in r.message


# --- structures --------------------------------------------------------------------------------
def _renamed(tmp_path, names):
    def rename(ds: Dataset) -> None:
        for roi in ds.StructureSetROISequence:
            roi.ROIName = names[roi.ROIName]

    return load_copy(tmp_path / "_".join(names.values()), demo_files("plan", "rs"), {"RS_TG119.dcm": rename})


def test_tg263_names(tmp_path, demo_rt):
    r = run_one(demo_rt, "tg263_names", "Photon7F")
    assert r.status in (WARN, FAIL) and "BODY -> Body" in r.values["aliases"]  # upper case is not TG-263
    case = _renamed(tmp_path, {"BODY": "Body", "OuterTarget": "PTV_5000", "Core": "SpinalCord"})
    r = run_one(case, "tg263_names")
    assert r.status == PASS and sorted(r.values["standard"]) == ["Body", "PTV_5000", "SpinalCord"]
    case = _renamed(tmp_path, {"BODY": "xyzzy", "OuterTarget": "boost region", "Core": "Core"})
    r = run_one(case, "tg263_names")  # two of three names are nothing TG-263 knows: more than half
    assert r.status == FAIL and sorted(r.values["unknown"]) == ["boost region", "xyzzy"]


def test_targets_have_dose_references(tmp_path, demo_rt):
    r = run_one(demo_rt, "target_dose_references", "Photon7F")
    ds = pydicom.dcmread(DEMO_RT["plan"])
    rs = pydicom.dcmread(DEMO_RT["rs"])
    num = int(ds.DoseReferenceSequence[0].ReferencedROINumber)
    name = next(r.ROIName for r in rs.StructureSetROISequence if int(r.ROINumber) == num)
    assert r.status == PASS and list(r.values["linked"]) == [name]

    def drop(ds: Dataset) -> None:
        del ds.DoseReferenceSequence
        for fg in ds.FractionGroupSequence:
            if "ReferencedDoseReferenceSequence" in fg:
                del fg.ReferencedDoseReferenceSequence

    case = load_copy(tmp_path, demo_files("plan", "rs"), {"RP_Photon7F.dcm": drop})
    assert run_one(case, "target_dose_references").status == FAIL


def test_empty_roi_used_by_a_dose_reference_fails(tmp_path, demo_rt):
    assert run_one(demo_rt, "empty_goal_rois", "Photon7F").status == PASS

    def empty_target(ds: Dataset) -> None:
        for item in ds.ROIContourSequence:
            if int(item.ReferencedROINumber) == 2:
                del item.ContourSequence

    case = load_copy(tmp_path, demo_files("plan", "rs"), {"RS_TG119.dcm": empty_target})
    r = run_one(case, "empty_goal_rois")
    assert r.status == FAIL and r.values["empty"] == ["OuterTarget"]


def test_frame_of_reference(tmp_path, demo_rt):
    assert run_one(demo_rt, "frame_of_reference", "Photon7F").status == PASS

    def other_frame(ds: Dataset) -> None:
        ds.FrameOfReferenceUID = generate_uid()

    case = load_copy(tmp_path, demo_files("plan", "rs", "rd"), {"RD_Photon7F.dcm": other_frame})
    r = run_one(case, "frame_of_reference")
    assert r.status == FAIL and "2 frames of reference" in r.message


def _secondary_ct(tmp_path) -> tuple[list, str, str]:
    """Three demo CT slices re-labelled as a secondary series on a new frame of reference."""
    frame, series = generate_uid(), generate_uid()
    out = tmp_path / "secondary"
    out.mkdir()
    planning_frame = ""
    for i, src in enumerate(sorted((DEMO_RT["plan"].parent / "CT").glob("*.dcm"))[:3]):
        ds = pydicom.dcmread(src)
        planning_frame = ds.FrameOfReferenceUID
        ds.FrameOfReferenceUID, ds.SeriesInstanceUID = frame, series
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        ds.save_as(out / f"CT2_{i}.dcm")
    return [out], frame, planning_frame


def _registration(path, fixed: str, moving: str, like) -> None:
    ds = pydicom.dcmread(like, stop_before_pixels=True)
    reg = Dataset()
    for kw in ("PatientName", "PatientID", "StudyInstanceUID"):
        setattr(reg, kw, getattr(ds, kw))
    reg.SOPClassUID = "1.2.840.10008.5.1.4.1.1.66.1"
    reg.SOPInstanceUID = generate_uid()
    reg.SeriesInstanceUID = generate_uid()
    reg.Modality = "REG"
    reg.FrameOfReferenceUID = fixed
    m = Dataset()
    m.FrameOfReferenceTransformationMatrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    m.FrameOfReferenceTransformationMatrixType = "RIGID"
    mr = Dataset()
    mr.MatrixSequence = [m]
    item = Dataset()
    item.FrameOfReferenceUID = moving
    item.MatrixRegistrationSequence = [mr]
    reg.RegistrationSequence = [item]
    reg.file_meta = pydicom.dataset.FileMetaDataset()
    reg.file_meta.MediaStorageSOPClassUID = reg.SOPClassUID
    reg.file_meta.MediaStorageSOPInstanceUID = reg.SOPInstanceUID
    reg.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
    reg.save_as(path, enforce_file_format=True)


def test_registrations_for_secondary_images(tmp_path, demo_rt):
    assert run_one(demo_rt, "registrations", "Photon7F").status == NA
    secondary, frame, planning = _secondary_ct(tmp_path)
    paths = [str(p) for p in demo_files("plan", "rs")] + [str(p) for p in secondary]
    r = run_one(load(paths), "registrations")
    assert r.status == FAIL and frame in r.message
    _registration(tmp_path / "secondary" / "REG.dcm", planning, frame, DEMO_RT["rs"])
    r = run_one(load(paths), "registrations")
    assert r.status == PASS, r.message


# --- references --------------------------------------------------------------------------------
def test_approval_status(tmp_path, shared_data, demo_rt):
    onko = shared("onko_lung_imrt", "RTPLAN_Hashed.dcm")
    assert pydicom.dcmread(onko, stop_before_pixels=True).ApprovalStatus == "APPROVED"
    assert run_one(load([str(onko)]), "approval_status").status == PASS
    assert run_one(demo_rt, "approval_status", "Photon7F").status == WARN  # UNAPPROVED

    def reject(ds: Dataset) -> None:
        ds.ApprovalStatus = "REJECTED"

    case = load_copy(tmp_path, demo_files("plan"), {"RP_Photon7F.dcm": reject})
    assert run_one(case, "approval_status").status == FAIL


def test_dose_plan_reference(tmp_path, demo_rt):
    assert run_one(demo_rt, "dose_plan_reference", "Photon7F").status == PASS
    missing = generate_uid()

    def dangle(ds: Dataset) -> None:
        ds.ReferencedRTPlanSequence[0].ReferencedSOPInstanceUID = missing

    case = load_copy(tmp_path, demo_files("plan", "rs", "rd"), {"RD_Photon7F.dcm": dangle})
    r = run_one(case, "dose_plan_reference")
    assert r.status == FAIL and missing in r.message


def test_tps_dvh_agreement(tmp_path, shared_data):
    src = shared("dicompyler_core_example")
    r = run_one(load([str(src)]), "tps_dvh_agreement")
    assert r.status == PASS and r.values["largest_diff_pct"] < 2.0
    ds = pydicom.dcmread(src / "rtdose.dcm", stop_before_pixels=True)
    n_large = r.values["compared"]
    assert 0 < n_large <= len(ds.DVHSequence)

    def stretch(ds: Dataset) -> None:  # the TPS's Tumor Bed DVH (ROI 9) 20 % hotter
        for d in ds.DVHSequence:
            if int(d.DVHReferencedROISequence[0].ReferencedROINumber) == 9:
                d.DVHDoseScaling = 1.2 * float(d.get("DVHDoseScaling", 1.0))

    case = load_copy(tmp_path, [src / "rtdose.dcm", src / "rtplan.dcm", src / "rtss.dcm"], {"rtdose.dcm": stretch})
    r = run_one(case, "tps_dvh_agreement")
    assert r.status == FAIL and "'Tumor Bed'" in r.message


# --- ion ---------------------------------------------------------------------------------------
def test_ion_range_shifter_and_snout(tmp_path, shared_data):
    folder = shared("aptg_dcpt_proton", "plan06_sobp_4d")
    src = next(folder.glob("RP*.dcm"))
    r = run_one(load([str(src)]), "ion_range_shifter_snout")
    cp0 = pydicom.dcmread(src).IonBeamSequence[0].IonControlPointSequence[0]
    rs = cp0.RangeShifterSettingsSequence[0]
    assert r.status == PASS
    assert f"IN at {float(rs.IsocenterToRangeShifterDistance):.1f} mm, snout at {float(cp0.SnoutPosition):.1f} mm" \
        in r.message

    def downstream(ds: Dataset) -> None:
        ds.IonBeamSequence[0].IonControlPointSequence[0].RangeShifterSettingsSequence[0]\
            .IsocenterToRangeShifterDistance = 50.0

    case = load_copy(tmp_path, [src], {src.name: downstream})
    r = run_one(case, "ion_range_shifter_snout")
    assert r.status == FAIL and "downstream of the snout" in r.message


def test_ion_spots_and_layers(tmp_path, demo_rt):
    r = run_one(demo_rt, "ion_spots_layers", "ProtonIMPT")
    ds = pydicom.dcmread(DEMO_RT["ion"])
    b0 = ds.IonBeamSequence[0]
    n_spots = sum(int(cp.NumberOfScanSpotPositions) for cp in b0.IonControlPointSequence
                  if np.any(np.frombuffer(cp.ScanSpotMetersetWeights if isinstance(cp.ScanSpotMetersetWeights, bytes)
                                          else np.asarray(cp.ScanSpotMetersetWeights, dtype="<f4").tobytes(),
                                          dtype="<f4") > 0))
    assert r.status == PASS and f"{n_spots} spots" in r.message

    def no_spots(ds: Dataset) -> None:
        # every weight 0 and, as the standard requires the weights to sum to each step of the
        # cumulative meterset weight, those 0 too (else the plan is rejected at load as invalid)
        beam = ds.IonBeamSequence[0]
        for cp in beam.IonControlPointSequence:
            n = int(cp.NumberOfScanSpotPositions)
            cp.ScanSpotMetersetWeights = [0.0] * n
            cp.CumulativeMetersetWeight = 0.0
        beam.FinalCumulativeMetersetWeight = 0.0

    case = load_copy(tmp_path, demo_files("ion"), {"RN_ProtonIMPT.dcm": no_spots})
    r = run_one(case, "ion_spots_layers")
    assert r.status == FAIL and "no spot with a weight" in r.message


def test_ion_dose_must_be_rbe_weighted(tmp_path, demo_rt):
    assert run_one(demo_rt, "ion_rbe_dose", "ProtonIMPT").status == PASS
    assert run_one(demo_rt, "ion_rbe_dose", "Photon7F").status == NA

    def physical(ds: Dataset) -> None:
        ds.DoseType = "PHYSICAL"

    case = load_copy(tmp_path, demo_files("ion", "rs", "rd_ion"), {"RD_ProtonIMPT.dcm": physical})
    r = run_one(case, "ion_rbe_dose")
    assert r.status == FAIL and r.values["dose_type"] == "PHYSICAL"
