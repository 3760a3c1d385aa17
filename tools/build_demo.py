"""Build the bundled demo case in resources/demo from the AAPM TG-119 C-shape phantom.

Runs in its own build environment (pyRadPlan is a build-time dependency only):

    python3 -m venv tools/.venv-build
    tools/.venv-build/bin/pip install -r tools/requirements-build.txt
    tools/.venv-build/bin/python tools/build_demo.py            # ~3 minutes on 2 cores

What it makes (all one patient, one study, one frame of reference, HFS):
- CT series (167 x 167 x 129 at 3 x 3 x 2.5 mm) from the phantom's HU cube;
- RTSTRUCT: BODY, OuterTarget (PTV), Core, traced from the voxel masks (marching squares on each
  slice at the 0.5 level of the mask; holes kept as separate contours);
- RTPLAN "Photon7F": 7 coplanar 6 MV IMRT fields from pyRadPlan's fluence optimisation, the
  fluence quantised to 10 levels and sequenced into step-and-shoot MLC segments (5 mm leaves
  centred on the 5 mm bixel rows); MU convention in resources/demo/README.md;
- RT Ion Plan "ProtonIMPT": 2 pencil-beam-scanning proton fields (gantry 90 and 270) with their
  spot maps;
- two RTDOSE (PLAN sum, 50 Gy in 25 fractions): photons PHYSICAL, protons EFFECTIVE (RBE 1.1),
  computed by pyRadPlan from exactly the exported weights, normalised so that 95 % of the
  OuterTarget voxels receive the prescription (D95 = 50 Gy), cropped to the body;
- masks.npz (the phantom's voxel masks, bit-packed) and build_figures.json (consistency, coverage).

Consistency: each plan is read back from its written file alone, its beamlet/spot weights are
reconstructed (MLC segments -> bixels, spot map -> spots), the dose is recomputed with pyRadPlan
from a new steering geometry built from the file's angles and isocentre, and it is compared with
the committed dose by plannerview's own gamma (2 %/2 mm, 10 % cut-off) through the main
environment's ``plannerview gamma``. The build fails below 95 %.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pydicom
import SimpleITK as sitk
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from pyRadPlan import IonPlan, PhotonPlan, calc_dose_influence, fluence_optimization, generate_stf, load_tg119
from scipy import ndimage
from skimage import measure

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "resources" / "demo"
MAIN_PY = REPO / ".venv" / "bin" / "plannerview"
UID_ROOT = "1.2.826.0.1.3680043.8.498."  # pydicom's root for generated UIDs
RX_GY, FRACTIONS = 50.0, 25
LEVELS = 10  # fluence intensity levels of the step-and-shoot sequencer
RBE = 1.1
PHOTON_ANGLES = [0.0, 51.0, 103.0, 154.0, 206.0, 257.0, 309.0]
PROTON_ANGLES = [90.0, 270.0]
STUDY_DATE = "20260101"
MLC_PAIRS, LEAF_WIDTH = 60, 5.0  # leaf pairs centred on the 5 mm bixel rows: -152.5 .. 147.5 mm


def uid(name: str) -> str:
    """Deterministic UIDs so rebuilds give the same identities."""
    return generate_uid(prefix=UID_ROOT, entropy_srcs=["plannerview-demo-tg119", name])


PATIENT = {"PatientName": "Demo^TG119", "PatientID": "PV-DEMO-TG119", "PatientBirthDate": "", "PatientSex": "O"}
STUDY = {"StudyInstanceUID": uid("study"), "StudyDate": STUDY_DATE, "StudyTime": "120000", "StudyID": "1",
         "AccessionNumber": "", "ReferringPhysicianName": "", "StudyDescription": "TG-119 C-shape demo"}
FRAME = uid("frame")


def base(sop_class: str, sop_uid: str, modality: str, series: str, series_number: int, description: str) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    ds.file_meta.MediaStorageSOPInstanceUID = sop_uid
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID, ds.SOPInstanceUID = sop_class, sop_uid
    for k, v in {**PATIENT, **STUDY}.items():
        setattr(ds, k, v)
    ds.Modality = modality
    ds.SeriesInstanceUID = series
    ds.SeriesNumber = series_number
    ds.SeriesDescription = description
    ds.Manufacturer = "plannerview demo (pyRadPlan)"
    ds.OperatorsName = ""
    ds.InstanceNumber = 1
    ds.InstanceCreationDate, ds.InstanceCreationTime = STUDY_DATE, "120000"
    return ds


# --- CT -----------------------------------------------------------------------------------------
def write_ct(hu: np.ndarray, origin: np.ndarray, spacing: np.ndarray) -> list[str]:
    """hu is [z, y, x]; origin/spacing are (x, y, z) mm."""
    out = OUT / "CT"
    out.mkdir(parents=True, exist_ok=True)
    series = uid("ct-series")
    uids = []
    for k in range(hu.shape[0]):
        sop = uid(f"ct-{k}")
        ds = base("1.2.840.10008.5.1.4.1.1.2", sop, "CT", series, 1, "TG-119 phantom CT")
        ds.FrameOfReferenceUID = FRAME
        ds.PositionReferenceIndicator = ""
        ds.AcquisitionNumber = ""
        ds.Laterality = ""
        ds.ImageType = ["DERIVED", "SECONDARY", "AXIAL"]
        ds.ContentDate, ds.ContentTime = STUDY_DATE, "120000"
        ds.PatientPosition = "HFS"
        ds.ImagePositionPatient = [f"{origin[0]:.3f}", f"{origin[1]:.3f}", f"{origin[2] + k * spacing[2]:.3f}"]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.SliceThickness = f"{spacing[2]:g}"
        ds.SliceLocation = f"{origin[2] + k * spacing[2]:.3f}"
        ds.PixelSpacing = [f"{spacing[1]:g}", f"{spacing[0]:g}"]
        ds.InstanceNumber = k + 1
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.Rows, ds.Columns = hu.shape[1], hu.shape[2]
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleIntercept, ds.RescaleSlope, ds.RescaleType = "0", "1", "HU"
        ds.KVP = "120"
        ds.WindowCenter, ds.WindowWidth = "40", "400"
        ds.PixelData = np.round(hu[k]).astype("<i2").tobytes()
        ds.save_as(out / f"CT_{k + 1:03d}.dcm", enforce_file_format=True)
        uids.append(sop)
    return uids


# --- structures ----------------------------------------------------------------------------------
def trace(mask: np.ndarray, origin: np.ndarray, spacing: np.ndarray) -> list[tuple[float, np.ndarray]]:
    """Per-slice contours (z, N x 3 mm) of a [z, y, x] mask; holes are separate contours."""
    out = []
    for k in range(mask.shape[0]):
        sl = mask[k].astype(float)
        if not sl.any():
            continue
        padded = np.pad(sl, 1)  # the 0.5 level of the binary mask: diagonal cuts at sub-voxel positions
        z = origin[2] + k * spacing[2]
        for c in measure.find_contours(padded, 0.5):
            if len(c) < 4:
                continue
            rows, cols = c[:, 0] - 1, c[:, 1] - 1
            pts = np.column_stack([origin[0] + cols * spacing[0], origin[1] + rows * spacing[1], np.full(len(c), z)])
            if np.allclose(pts[0], pts[-1]):
                pts = pts[:-1]
            out.append((z, pts))
    return out


def write_rtstruct(masks: dict[str, np.ndarray], origin: np.ndarray, spacing: np.ndarray, ct_uids: list[str]) -> str:
    sop = uid("rtstruct")
    ds = base("1.2.840.10008.5.1.4.1.1.481.3", sop, "RTSTRUCT", uid("rs-series"), 2, "TG-119 structures")
    ds.FrameOfReferenceUID = FRAME
    ds.PositionReferenceIndicator = ""
    ds.StructureSetLabel = "TG119"
    ds.StructureSetName = "TG119"
    ds.StructureSetDate, ds.StructureSetTime = STUDY_DATE, "120000"
    ds.ApprovalStatus = "UNAPPROVED"
    ref_images = []
    for u in ct_uids:
        it = Dataset()
        it.ReferencedSOPClassUID, it.ReferencedSOPInstanceUID = "1.2.840.10008.5.1.4.1.1.2", u
        ref_images.append(it)
    series = Dataset()
    series.SeriesInstanceUID = uid("ct-series")
    series.ContourImageSequence = ref_images
    study = Dataset()
    study.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.3.1"
    study.ReferencedSOPInstanceUID = STUDY["StudyInstanceUID"]
    study.RTReferencedSeriesSequence = [series]
    fr = Dataset()
    fr.FrameOfReferenceUID = FRAME
    fr.RTReferencedStudySequence = [study]
    ds.ReferencedFrameOfReferenceSequence = [fr]
    spec = [("BODY", "EXTERNAL", [255, 204, 153]), ("OuterTarget", "PTV", [255, 0, 0]), ("Core", "ORGAN", [0, 128, 255])]
    ssroi, roic, obs = [], [], []
    for n, (name, kind, color) in enumerate(spec, start=1):
        r = Dataset()
        r.ROINumber, r.ReferencedFrameOfReferenceUID, r.ROIName = n, FRAME, name
        r.ROIGenerationAlgorithm = "AUTOMATIC"
        r.ROIGenerationDescription = "traced from the TG-119 voxel mask (marching squares, 0.5 level)"
        ssroi.append(r)
        c = Dataset()
        c.ReferencedROINumber, c.ROIDisplayColor = n, color
        items = []
        for z, pts in trace(masks[name], origin, spacing):
            it = Dataset()
            k = int(round((z - origin[2]) / spacing[2]))
            img = Dataset()
            img.ReferencedSOPClassUID, img.ReferencedSOPInstanceUID = "1.2.840.10008.5.1.4.1.1.2", ct_uids[k]
            it.ContourImageSequence = [img]
            it.ContourGeometricType = "CLOSED_PLANAR"
            it.NumberOfContourPoints = len(pts)
            it.ContourData = [f"{v:.2f}" for v in pts.reshape(-1)]
            items.append(it)
        c.ContourSequence = items
        roic.append(c)
        o = Dataset()
        o.ObservationNumber, o.ReferencedROINumber, o.RTROIInterpretedType, o.ROIInterpreter = n, n, kind, ""
        obs.append(o)
    ds.StructureSetROISequence, ds.ROIContourSequence, ds.RTROIObservationsSequence = ssroi, roic, obs
    ds.save_as(OUT / "RS_TG119.dcm", enforce_file_format=True)
    return sop


# --- plan helpers ------------------------------------------------------------------------------
def dose_reference(rx: float) -> Dataset:
    d = Dataset()
    d.DoseReferenceNumber = 1
    d.DoseReferenceUID = uid(f"doseref-{rx}")
    d.DoseReferenceStructureType = "VOLUME"
    d.DoseReferenceDescription = "OuterTarget"
    d.DoseReferenceType = "TARGET"
    d.TargetPrescriptionDose = f"{rx:g}"
    d.ReferencedROINumber = 2
    return d


def plan_common(ds: Dataset, label: str, rs_uid: str) -> None:
    ds.FrameOfReferenceUID = FRAME
    ds.PositionReferenceIndicator = ""
    ds.RTPlanLabel, ds.RTPlanName = label, label
    ds.RTPlanDate, ds.RTPlanTime = STUDY_DATE, "120000"
    ds.RTPlanGeometry = "PATIENT"
    ds.ApprovalStatus = "UNAPPROVED"
    ref = Dataset()
    ref.ReferencedSOPClassUID, ref.ReferencedSOPInstanceUID = "1.2.840.10008.5.1.4.1.1.481.3", rs_uid
    ds.ReferencedStructureSetSequence = [ref]
    ds.DoseReferenceSequence = [dose_reference(RX_GY)]
    setup = Dataset()
    setup.PatientPosition = "HFS"
    setup.PatientSetupNumber = 1
    ds.PatientSetupSequence = [setup]


def fraction_group(metersets: list[float]) -> Dataset:
    fg = Dataset()
    fg.FractionGroupNumber = 1
    fg.NumberOfFractionsPlanned = FRACTIONS
    fg.NumberOfBeams = len(metersets)
    fg.NumberOfBrachyApplicationSetups = 0
    refs = []
    for n, m in enumerate(metersets, start=1):
        rb = Dataset()
        rb.ReferencedBeamNumber = n
        rb.BeamMeterset = f"{m:.4f}"
        refs.append(rb)
    fg.ReferencedBeamSequence = refs
    return fg


# --- photons: sequencing and RTPLAN ----------------------------------------------------------------
def beam_bixels(stf, b: int) -> np.ndarray:
    """(x, z) BEV positions (mm at isocentre) of beam b's bixels, in weight-vector order.

    pyRadPlan's beam's-eye view matches IEC 61217 beam-limiting-device axes at collimator and couch
    0: BEV x = Xb (the MLCX leaf travel direction), BEV z = Yb (across the leaf pairs).
    """
    return np.array([[r.ray_pos_bev[0], r.ray_pos_bev[2]] for r in stf.beams[b].rays for _ in r.beamlets])


def sequence(fluence: np.ndarray, xz: np.ndarray, width: float) -> list[tuple[float, dict[float, tuple[float, float]]]]:
    """Step-and-shoot segments reproducing the fluence quantised to LEVELS levels.

    Returns [(segment weight, {row z: (left x edge, right x edge)})]; each row's opening is one
    interval per segment (the k-th interval of a level goes to that level's k-th segment).
    """
    step = float(fluence.max()) / LEVELS
    q = np.round(fluence / step)
    segments = []
    rows = np.unique(xz[:, 1])
    for level in range(1, LEVELS + 1):
        per_row = {}
        for z in rows:
            sel = xz[:, 1] == z
            order = np.argsort(xz[sel, 0])
            xs, on = xz[sel, 0][order], (q[sel] >= level)[order]
            intervals, start, prev = [], None, None
            for x, o in zip(xs, on, strict=True):
                if o and start is None:
                    start = prev = x
                elif o and abs(x - prev - width) < 1e-6:
                    prev = x
                elif o:
                    intervals.append((start - width / 2, prev + width / 2))
                    start = prev = x
                elif start is not None:
                    intervals.append((start - width / 2, prev + width / 2))
                    start = None
            if start is not None:
                intervals.append((start - width / 2, prev + width / 2))
            per_row[float(z)] = intervals
        n_seg = max((len(v) for v in per_row.values()), default=0)
        for s in range(n_seg):
            segments.append((step, {z: iv[s] for z, iv in per_row.items() if len(iv) > s}))
    return segments


def quantised(fluence: np.ndarray) -> np.ndarray:
    step = float(fluence.max()) / LEVELS
    return np.round(fluence / step) * step


def leaf_boundaries() -> list[float]:
    return [-(MLC_PAIRS + 1) * LEAF_WIDTH / 2 + i * LEAF_WIDTH for i in range(MLC_PAIRS + 1)]


def write_photon_plan(stf, weights_per_fraction: list[np.ndarray], rs_uid: str) -> tuple[str, list[float]]:
    sop = uid("rtplan-photon")
    ds = base("1.2.840.10008.5.1.4.1.1.481.5", sop, "RTPLAN", uid("rp-photon-series"), 3, "Photon IMRT 7 fields")
    plan_common(ds, "Photon7F", rs_uid)
    boundaries = leaf_boundaries()
    beams, metersets = [], []
    for b, beam in enumerate(stf.beams):
        xz = beam_bixels(stf, b)
        segs = sequence(weights_per_fraction[b], xz, beam.bixel_width)
        total_w = sum(w for w, _ in segs)
        mu = 100.0 * total_w  # MU convention: 100 MU per unit pyRadPlan bixel weight (per fraction)
        metersets.append(mu)
        bd = Dataset()
        bd.BeamNumber, bd.BeamName = b + 1, f"G{beam.gantry_angle:03.0f}"
        bd.BeamDescription = f"IMRT step-and-shoot, {len(segs)} segments"
        bd.BeamType, bd.RadiationType, bd.TreatmentDeliveryType = "STATIC", "PHOTON", "TREATMENT"
        bd.TreatmentMachineName = "pyRadPlanGeneric"
        bd.PrimaryDosimeterUnit = "MU"
        bd.SourceAxisDistance = f"{beam.sad:g}"
        bd.NumberOfWedges = bd.NumberOfCompensators = bd.NumberOfBoli = bd.NumberOfBlocks = 0
        devs = []
        for t, n in (("ASYMX", 1), ("ASYMY", 1), ("MLCX", MLC_PAIRS)):
            d = Dataset()
            d.RTBeamLimitingDeviceType, d.NumberOfLeafJawPairs = t, n
            if t == "MLCX":
                d.LeafPositionBoundaries = [f"{v:g}" for v in boundaries]
            devs.append(d)
        bd.BeamLimitingDeviceSequence = devs
        all_x = [x for _, s in segs for iv in s.values() for x in iv]
        all_z = [z for _, s in segs for z in s]
        jx = (min(all_x), max(all_x))
        jy = (min(all_z) - beam.bixel_width / 2, max(all_z) + beam.bixel_width / 2)
        cps, cum = [], 0.0
        for s_i, (w, shape) in enumerate(segs):
            for half in (0, 1):
                cp = Dataset()
                cp.ControlPointIndex = 2 * s_i + half
                cp.CumulativeMetersetWeight = f"{(cum + (w if half else 0.0)) / total_w:.6f}"
                left = np.full(MLC_PAIRS, jx[0])
                right = np.full(MLC_PAIRS, jx[0])
                for z, (x0, x1) in shape.items():
                    leaf = int(np.floor((z - boundaries[0]) / LEAF_WIDTH))
                    left[leaf], right[leaf] = x0, x1
                pos = []
                if s_i == 0 and half == 0:
                    cp.NominalBeamEnergy = "6"
                    cp.DoseRateSet = "600"
                    cp.GantryAngle = f"{beam.gantry_angle:g}"
                    cp.GantryRotationDirection = "NONE"
                    cp.BeamLimitingDeviceAngle = "0"
                    cp.BeamLimitingDeviceRotationDirection = "NONE"
                    cp.PatientSupportAngle = f"{beam.couch_angle:g}"
                    cp.PatientSupportRotationDirection = "NONE"
                    cp.TableTopEccentricAngle = "0"
                    cp.TableTopEccentricRotationDirection = "NONE"
                    cp.IsocenterPosition = [f"{v:.2f}" for v in beam.iso_center]
                    cp.SourceToSurfaceDistance = "900"
                    for t, p in (("ASYMX", jx), ("ASYMY", jy)):
                        d = Dataset()
                        d.RTBeamLimitingDeviceType, d.LeafJawPositions = t, [f"{p[0]:.2f}", f"{p[1]:.2f}"]
                        pos.append(d)
                d = Dataset()
                d.RTBeamLimitingDeviceType = "MLCX"
                d.LeafJawPositions = [f"{v:.2f}" for v in (*left, *right)]
                pos.append(d)
                cp.BeamLimitingDevicePositionSequence = pos
                cps.append(cp)
            cum += w
        bd.NumberOfControlPoints = len(cps)
        bd.ControlPointSequence = cps
        bd.FinalCumulativeMetersetWeight = "1"
        bd.ReferencedPatientSetupNumber = 1
        beams.append(bd)
    ds.BeamSequence = beams
    ds.FractionGroupSequence = [fraction_group(metersets)]
    ds.save_as(OUT / "RP_Photon7F.dcm", enforce_file_format=True)
    return sop, metersets


def photon_weights_from_plan(path: Path, stf) -> np.ndarray:
    """Bixel weights (per fraction) reconstructed from the RTPLAN's MLC segments and MU alone."""
    ds = pydicom.dcmread(path)
    fg = {int(r.ReferencedBeamNumber): float(r.BeamMeterset) for r in ds.FractionGroupSequence[0].ReferencedBeamSequence}
    out = []
    for b, bd in enumerate(ds.BeamSequence):
        mlc_dev = next(d for d in bd.BeamLimitingDeviceSequence if d.RTBeamLimitingDeviceType == "MLCX")
        bounds = np.array([float(v) for v in mlc_dev.LeafPositionBoundaries])
        xz = beam_bixels(stf, b)
        w = np.zeros(len(xz))
        cps = bd.ControlPointSequence
        total_mu = fg[int(bd.BeamNumber)]
        leaf = np.clip(np.searchsorted(bounds, xz[:, 1], side="right") - 1, 0, MLC_PAIRS - 1)
        for i in range(0, len(cps), 2):
            seg_mu = (float(cps[i + 1].CumulativeMetersetWeight) - float(cps[i].CumulativeMetersetWeight)) * total_mu
            mlc = next(d for d in cps[i].BeamLimitingDevicePositionSequence if d.RTBeamLimitingDeviceType == "MLCX")
            pos = np.array([float(v) for v in mlc.LeafJawPositions])
            left, right = pos[:MLC_PAIRS], pos[MLC_PAIRS:]
            inside = (xz[:, 0] > left[leaf]) & (xz[:, 0] < right[leaf])
            w[inside] += seg_mu / 100.0
        out.append(w)
    return np.concatenate(out)


# --- protons -------------------------------------------------------------------------------------
def write_proton_plan(stf, weights_per_fraction: np.ndarray, rs_uid: str) -> tuple[str, list[float]]:
    sop = uid("rtionplan")
    ds = base("1.2.840.10008.5.1.4.1.1.481.8", sop, "RTPLAN", uid("rp-proton-series"), 4, "Proton IMPT 2 fields")
    plan_common(ds, "ProtonIMPT", rs_uid)
    beams, metersets, offset = [], [], 0
    for b, beam in enumerate(stf.beams):
        spots = [(bl.energy, r.ray_pos_bev[0], r.ray_pos_bev[2]) for r in beam.rays for bl in r.beamlets]
        w = weights_per_fraction[offset:offset + len(spots)]
        offset += len(spots)
        spots_a = np.array(spots)
        energies = sorted({e for e, _, _ in spots}, reverse=True)
        bd = Dataset()
        bd.BeamNumber, bd.BeamName = b + 1, f"G{beam.gantry_angle:03.0f}"
        bd.BeamType, bd.RadiationType, bd.TreatmentDeliveryType = "STATIC", "PROTON", "TREATMENT"
        bd.TreatmentMachineName = "pyRadPlanGeneric"
        bd.PrimaryDosimeterUnit = "MU"
        bd.ScanMode = "MODULATED"
        bd.ModulatedScanModeType = "STATIONARY"
        bd.VirtualSourceAxisDistances = [float(beam.sad), float(beam.sad)]
        bd.NumberOfWedges = bd.NumberOfCompensators = bd.NumberOfBoli = bd.NumberOfBlocks = 0
        bd.NumberOfRangeShifters = bd.NumberOfLateralSpreadingDevices = bd.NumberOfRangeModulators = 0
        snout = Dataset()
        snout.SnoutID = "S1"
        bd.SnoutSequence = [snout]
        bd.PatientSupportType = "TABLE"
        cps, cum = [], 0.0
        for e in energies:
            sel = spots_a[:, 0] == e
            we = w[sel]
            keep = we > 0
            if not keep.any():
                continue
            xy = spots_a[sel][keep][:, 1:3]
            for half in (0, 1):
                cp = Dataset()
                cp.ControlPointIndex = len(cps)
                cp.NominalBeamEnergy = f"{e:.2f}"
                cp.ScanSpotTuneID = "3.0"
                cp.NumberOfScanSpotPositions = int(keep.sum())
                cp.ScanSpotPositionMap = [float(v) for v in xy.reshape(-1)]
                cp.ScanSpotMetersetWeights = [float(v) for v in (we[keep] if half == 0 else np.zeros(keep.sum()))]
                cp.ScanningSpotSize = [5.0, 5.0]
                cp.NumberOfPaintings = 1
                cp.CumulativeMetersetWeight = f"{cum + (float(we[keep].sum()) if half else 0.0):.6f}"
                if not cps:
                    cp.GantryAngle = f"{beam.gantry_angle:g}"
                    cp.GantryRotationDirection = "NONE"
                    cp.BeamLimitingDeviceAngle = "0"
                    cp.BeamLimitingDeviceRotationDirection = "NONE"
                    cp.PatientSupportAngle = f"{beam.couch_angle:g}"
                    cp.PatientSupportRotationDirection = "NONE"
                    cp.TableTopPitchAngle = cp.TableTopRollAngle = 0.0
                    cp.TableTopPitchRotationDirection = cp.TableTopRollRotationDirection = "NONE"
                    cp.IsocenterPosition = [f"{v:.2f}" for v in beam.iso_center]
                    cp.SnoutPosition = 300.0
                cps.append(cp)
            cum += float(we[keep].sum())
        bd.NumberOfControlPoints = len(cps)
        bd.IonControlPointSequence = cps
        bd.FinalCumulativeMetersetWeight = f"{cum:.6f}"
        bd.ReferencedPatientSetupNumber = 1
        beams.append(bd)
        metersets.append(cum)  # MU convention: 1 MU = one pyRadPlan spot weight unit (1e6 protons)
    ds.IonBeamSequence = beams
    ds.FractionGroupSequence = [fraction_group(metersets)]
    ds.save_as(OUT / "RN_ProtonIMPT.dcm", enforce_file_format=True)
    return sop, metersets


def proton_weights_from_plan(path: Path, stf) -> np.ndarray:
    """Spot weights reconstructed from the RT Ion Plan's spot maps alone (matched by energy and position)."""
    ds = pydicom.dcmread(path)
    out = []
    for b, bd in enumerate(ds.IonBeamSequence):
        table: dict[tuple[float, float, float], float] = {}
        for cp in bd.IonControlPointSequence:
            e = float(cp.NominalBeamEnergy)
            xy = np.atleast_1d(np.array(cp.ScanSpotPositionMap, dtype=float)).reshape(-1, 2)
            ws = np.atleast_1d(np.array(cp.ScanSpotMetersetWeights, dtype=float))
            for (x, y), w in zip(xy, ws, strict=True):
                key = (round(e, 2), round(x, 2), round(y, 2))
                table[key] = table.get(key, 0.0) + w
        beam = stf.beams[b]
        w = [table.get((round(bl.energy, 2), round(r.ray_pos_bev[0], 2), round(r.ray_pos_bev[2], 2)), 0.0)
             for r in beam.rays for bl in r.beamlets]
        out.append(np.array(w))
    return np.concatenate(out)


# --- dose ---------------------------------------------------------------------------------------
def crop_box(body: np.ndarray, margin: int = 2) -> tuple[slice, slice, slice]:
    idx = np.argwhere(body)
    lo = np.maximum(idx.min(axis=0) - margin, 0)
    hi = np.minimum(idx.max(axis=0) + margin + 1, body.shape)
    return tuple(slice(int(a), int(b)) for a, b in zip(lo, hi, strict=True))  # type: ignore[return-value]


def write_rtdose(dose: np.ndarray, origin: np.ndarray, spacing: np.ndarray, box, name: str, plan_uid: str,
                 dose_type: str, path: Path, description: str) -> str:
    sop = uid(f"rtdose-{name}")
    ds = base("1.2.840.10008.5.1.4.1.1.481.2", sop, "RTDOSE", uid(f"rd-{name}-series"), 5, description)
    ds.FrameOfReferenceUID = FRAME
    ds.PositionReferenceIndicator = ""
    ds.ContentDate, ds.ContentTime = STUDY_DATE, "120000"
    sub = dose[box]
    kz, ky, kx = (s.start for s in box)
    ds.ImagePositionPatient = [f"{origin[0] + kx * spacing[0]:.3f}", f"{origin[1] + ky * spacing[1]:.3f}",
                               f"{origin[2] + kz * spacing[2]:.3f}"]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [f"{spacing[1]:g}", f"{spacing[0]:g}"]
    ds.SliceThickness = f"{spacing[2]:g}"
    ds.GridFrameOffsetVector = [f"{k * spacing[2]:g}" for k in range(sub.shape[0])]
    ds.FrameIncrementPointer = pydicom.tag.Tag("GridFrameOffsetVector")
    ds.NumberOfFrames = sub.shape[0]
    ds.Rows, ds.Columns = sub.shape[1], sub.shape[2]
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 32, 32, 31, 0
    ds.DoseUnits, ds.DoseType, ds.DoseSummationType = "GY", dose_type, "PLAN"
    scale = float(sub.max()) / 2**31
    ds.DoseGridScaling = f"{scale:.8e}"
    ds.PixelData = np.round(np.clip(sub, 0, None) / float(ds.DoseGridScaling)).astype("<u4").tobytes()
    ref = Dataset()
    ref.ReferencedSOPClassUID = ("1.2.840.10008.5.1.4.1.1.481.8" if dose_type == "EFFECTIVE"
                                 else "1.2.840.10008.5.1.4.1.1.481.5")
    ref.ReferencedSOPInstanceUID = plan_uid
    ds.ReferencedRTPlanSequence = [ref]
    ds.DoseComment = description[:64]
    ds.save_as(path, enforce_file_format=True)
    return sop


def gamma_2_2(ref_file: Path, eval_file: Path) -> dict:
    """plannerview's own gamma (main environment) at 2 %/2 mm, 10 % cut-off."""
    res = subprocess.run([str(MAIN_PY), "gamma", str(ref_file), str(eval_file), "--dd", "2", "--dta", "2",
                          "--cutoff", "10", "--json"], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def coverage(dose_file: Path, mask: np.ndarray, origin: np.ndarray, spacing: np.ndarray) -> float:
    """Fraction of mask voxels with dose >= 95 % of Rx, the RTDOSE interpolated trilinearly at the
    CT voxel centres (the same recipe tests/demo uses)."""
    ds = pydicom.dcmread(dose_file)
    arr = ds.pixel_array.astype(np.float64) * float(ds.DoseGridScaling)
    ipp = np.array([float(v) for v in ds.ImagePositionPatient])
    dy, dx = (float(v) for v in ds.PixelSpacing)
    dz = float(ds.GridFrameOffsetVector[1]) - float(ds.GridFrameOffsetVector[0])
    k, j, i = np.nonzero(mask)
    x, y, z = origin[0] + i * spacing[0], origin[1] + j * spacing[1], origin[2] + k * spacing[2]
    coords = np.vstack([(z - ipp[2]) / dz, (y - ipp[1]) / dy, (x - ipp[0]) / dx])
    vals = ndimage.map_coordinates(arr, coords, order=1, mode="nearest")
    return float(np.mean(vals >= 0.95 * RX_GY))


def recalc_photon(ct, cst) -> np.ndarray:
    rp = pydicom.dcmread(OUT / "RP_Photon7F.dcm")
    pln = PhotonPlan(machine="Generic", num_of_fractions=FRACTIONS, prescribed_dose=RX_GY)
    angles = [float(b.ControlPointSequence[0].GantryAngle) for b in rp.BeamSequence]
    iso = np.array([float(v) for v in rp.BeamSequence[0].ControlPointSequence[0].IsocenterPosition])
    pln.prop_stf = {"gantry_angles": angles, "couch_angles": [0.0] * len(angles), "iso_center": iso}
    stf = generate_stf(ct, cst, pln)
    dij = calc_dose_influence(ct, cst, stf, pln)
    w = photon_weights_from_plan(OUT / "RP_Photon7F.dcm", stf) * FRACTIONS
    return sitk.GetArrayFromImage(dij.compute_result_ct_grid(w)["physical_dose"])


def recalc_proton(ct, cst) -> np.ndarray:
    rn = pydicom.dcmread(OUT / "RN_ProtonIMPT.dcm")
    pln = IonPlan(radiation_mode="protons", machine="Generic", num_of_fractions=FRACTIONS, prescribed_dose=RX_GY)
    angles = [float(b.IonControlPointSequence[0].GantryAngle) for b in rn.IonBeamSequence]
    iso = np.array([float(v) for v in rn.IonBeamSequence[0].IonControlPointSequence[0].IsocenterPosition])
    pln.prop_stf = {"gantry_angles": angles, "couch_angles": [0.0] * len(angles), "iso_center": iso}
    stf = generate_stf(ct, cst, pln)
    dij = calc_dose_influence(ct, cst, stf, pln)
    w = proton_weights_from_plan(OUT / "RN_ProtonIMPT.dcm", stf) * FRACTIONS
    return sitk.GetArrayFromImage(dij.compute_result_ct_grid(w)["physical_dose"]) * RBE


def main() -> None:
    t0 = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in list(OUT.glob("*.dcm")) + list((OUT / "CT").glob("*.dcm")):
        old.unlink()  # our own previous build output, never user data
    ct, cst = load_tg119()
    img = ct.cube_hu
    hu = sitk.GetArrayFromImage(img)  # [z, y, x]
    origin = np.array(img.GetOrigin())
    spacing = np.array(img.GetSpacing())
    masks = {v.name: sitk.GetArrayFromImage(v.mask).astype(bool) for v in cst.vois}
    print(f"CT {hu.shape} spacing {spacing} origin {origin}; ROIs {[(k, int(m.sum())) for k, m in masks.items()]}")
    np.savez_compressed(OUT / "masks.npz", origin_xyz_mm=origin, spacing_xyz_mm=spacing,
                        shape_zyx=np.array(hu.shape), **{k: np.packbits(m) for k, m in masks.items()})
    ct_uids = write_ct(hu, origin, spacing)
    rs_uid = write_rtstruct(masks, origin, spacing, ct_uids)
    box = crop_box(masks["BODY"])
    figures: dict = {"prescription_gy": RX_GY, "fractions": FRACTIONS}

    # photons: IMRT fluence, quantised and sequenced; the committed dose is the quantised fluence's
    pln = PhotonPlan(machine="Generic", num_of_fractions=FRACTIONS, prescribed_dose=RX_GY)
    pln.prop_stf = {"gantry_angles": PHOTON_ANGLES, "couch_angles": [0.0] * len(PHOTON_ANGLES)}
    stf = generate_stf(ct, cst, pln)
    dij = calc_dose_influence(ct, cst, stf, pln)
    w = np.asarray(fluence_optimization(ct, cst, stf, dij, pln), dtype=float)
    per_beam, start = [], 0
    for beam in stf.beams:
        n = beam.total_number_of_bixels
        per_beam.append(w[start:start + n])
        start += n
    wq = np.concatenate([quantised(pb) for pb in per_beam])
    dose = sitk.GetArrayFromImage(dij.compute_result_ct_grid(wq)["physical_dose"])
    scale = RX_GY / float(np.percentile(dose[masks["OuterTarget"]], 5))  # D95 = Rx
    per_fraction = [quantised(pb) * scale / FRACTIONS for pb in per_beam]
    p_uid, mus = write_photon_plan(stf, per_fraction, rs_uid)
    write_rtdose(dose * scale, origin, spacing, box, "photon", p_uid, "PHYSICAL", OUT / "RD_Photon7F.dcm",
                 "Photon7F plan dose (pyRadPlan pencil beam)")
    print(f"photon plan: {len(stf.beams)} beams, MU/fx {np.round(mus, 1).tolist()}, {time.perf_counter() - t0:.0f} s")

    # protons: IMPT spot weights; dose x RBE 1.1
    ipln = IonPlan(radiation_mode="protons", machine="Generic", num_of_fractions=FRACTIONS, prescribed_dose=RX_GY)
    ipln.prop_stf = {"gantry_angles": PROTON_ANGLES, "couch_angles": [0.0] * len(PROTON_ANGLES)}
    istf = generate_stf(ct, cst, ipln)
    idij = calc_dose_influence(ct, cst, istf, ipln)
    iw = np.asarray(fluence_optimization(ct, cst, istf, idij, ipln), dtype=float)
    idose = sitk.GetArrayFromImage(idij.compute_result_ct_grid(iw)["physical_dose"]) * RBE
    iscale = RX_GY / float(np.percentile(idose[masks["OuterTarget"]], 5))  # D95 = Rx
    n_uid, imus = write_proton_plan(istf, iw * iscale / FRACTIONS, rs_uid)
    write_rtdose(idose * iscale, origin, spacing, box, "proton", n_uid, "EFFECTIVE", OUT / "RD_ProtonIMPT.dcm",
                 "ProtonIMPT plan dose x RBE 1.1 (pyRadPlan pencil beam)")
    print(f"proton plan: {len(istf.beams)} beams, MU/fx {np.round(imus, 1).tolist()}, {time.perf_counter() - t0:.0f} s")

    # consistency: recompute from the written plans alone, compare with plannerview's gamma
    with tempfile.TemporaryDirectory() as tmp:
        d2 = recalc_photon(ct, cst)
        write_rtdose(d2, origin, spacing, box, "photon-recalc", p_uid, "PHYSICAL", Path(tmp) / "p.dcm", "recalc")
        g_photon = gamma_2_2(OUT / "RD_Photon7F.dcm", Path(tmp) / "p.dcm")
        id2 = recalc_proton(ct, cst)
        write_rtdose(id2, origin, spacing, box, "proton-recalc", n_uid, "EFFECTIVE", Path(tmp) / "n.dcm", "recalc")
        g_proton = gamma_2_2(OUT / "RD_ProtonIMPT.dcm", Path(tmp) / "n.dcm")
    for name, g, f in (("photon", g_photon, "RD_Photon7F.dcm"), ("proton", g_proton, "RD_ProtonIMPT.dcm")):
        figures[f"{name}_recalc_gamma_2pct_2mm"] = {k: g[k] for k in ("pass_rate_pct", "evaluated_voxels", "gamma_mean", "gamma_p95")}
        figures[f"{name}_coverage_v95"] = coverage(OUT / f, masks["OuterTarget"], origin, spacing)
    figures["coverage_recipe"] = ("fraction of OuterTarget mask voxels whose dose, interpolated trilinearly from the "
                                  "RTDOSE at the CT voxel centre, is >= 95 % of 50 Gy")
    figures["mask_volumes_cc"] = {k: float(m.sum() * np.prod(spacing) / 1000) for k, m in masks.items()}
    figures["photon_mu_per_fraction"] = [round(m, 2) for m in mus]
    figures["proton_mu_per_fraction"] = [round(m, 2) for m in imus]
    figures["build_seconds"] = round(time.perf_counter() - t0, 1)
    (OUT / "build_figures.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    bad = [n for n in ("photon", "proton") if figures[f"{n}_recalc_gamma_2pct_2mm"]["pass_rate_pct"] < 95.0]
    if bad:
        sys.exit(f"consistency check failed for {bad}")


if __name__ == "__main__":
    main()
