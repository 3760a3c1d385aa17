"""Write plannerview model objects (ROIs + an axial dose grid) as an RTSTRUCT + RTDOSE pair, so
the peer tools can read the benchmark's analytic and synthetic cases. Runs in plannerview's venv."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from plannerview.model import ROI, DoseGrid
from plannerview.model.geometry import Grid

RTDOSE_CLASS = "1.2.840.10008.5.1.4.1.1.481.2"
RTSTRUCT_CLASS = "1.2.840.10008.5.1.4.1.1.481.3"


def _meta(ds: pydicom.Dataset, sop_class: str) -> None:
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = sop_class


def write_rt_pair(rois: Sequence[ROI], dose: DoseGrid, out: Path) -> tuple[Path, Path]:
    """Write ``rtss.dcm`` and ``rtdose.dcm`` into ``out`` (identity-direction dose grids only)."""
    g = dose.grid
    if not np.allclose(g.direction, np.eye(3)):
        raise ValueError("write_rt_pair writes head-first-supine axial grids only")
    frame, study = generate_uid(), generate_uid()
    write_rtdose_file(g, np.asarray(dose.dose, dtype=np.float64), out / "rtdose.dcm", frame, study)

    rs = pydicom.Dataset()
    rs.SOPInstanceUID = generate_uid()
    _meta(rs, RTSTRUCT_CLASS)
    rs.Modality, rs.PatientID, rs.PatientName = "RTSTRUCT", "BENCH", "Benchmark^Phantom"
    rs.StudyInstanceUID, rs.SeriesInstanceUID = study, generate_uid()
    rs.StructureSetLabel = "bench"
    ref = pydicom.Dataset()
    ref.FrameOfReferenceUID = frame
    rs.ReferencedFrameOfReferenceSequence = [ref]
    ss_items, rc_items, obs_items = [], [], []
    for roi in rois:
        it = pydicom.Dataset()
        it.ROINumber, it.ReferencedFrameOfReferenceUID, it.ROIName = roi.number, frame, roi.name
        it.ROIGenerationAlgorithm = "MANUAL"
        ss_items.append(it)
        rc = pydicom.Dataset()
        rc.ReferencedROINumber, rc.ROIDisplayColor = roi.number, list(roi.color_rgb)
        conts = []
        for c in roi.contours:
            ci = pydicom.Dataset()
            ci.ContourGeometricType = c.geometric_type
            ci.NumberOfContourPoints = c.n_points
            ci.ContourData = [f"{v:.4f}" for v in c.points_mm.reshape(-1)]
            conts.append(ci)
        rc.ContourSequence = conts
        rc_items.append(rc)
        ob = pydicom.Dataset()
        ob.ObservationNumber, ob.ReferencedROINumber = roi.number, roi.number
        ob.RTROIInterpretedType, ob.ROIInterpreter = roi.interpreted_type or "ORGAN", ""
        obs_items.append(ob)
    rs.StructureSetROISequence = ss_items
    rs.ROIContourSequence = rc_items
    rs.RTROIObservationsSequence = obs_items
    rs.save_as(out / "rtss.dcm", enforce_file_format=True)
    return out / "rtss.dcm", out / "rtdose.dcm"



def write_rtdose_file(g: Grid, dose_gy: np.ndarray, path: Path, frame_uid: str, study_uid: str,
                      patient: str = "Benchmark^Phantom") -> Path:
    """An axial (identity-direction) 32-bit RTDOSE of ``dose_gy`` [k, j, i] on ``g``."""
    if not np.allclose(g.direction, np.eye(3)):
        raise ValueError("write_rtdose_file writes head-first-supine axial grids only")
    rd = pydicom.Dataset()
    rd.SOPInstanceUID = generate_uid()
    _meta(rd, RTDOSE_CLASS)
    rd.Modality, rd.PatientID, rd.PatientName = "RTDOSE", "BENCH", patient
    rd.StudyInstanceUID, rd.SeriesInstanceUID, rd.FrameOfReferenceUID = study_uid, generate_uid(), frame_uid
    nz, ny, nx = g.shape_zyx
    dz, dy, dx = g.spacing_mm
    rd.ImagePositionPatient = [f"{v:.6f}" for v in g.origin_mm]
    rd.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    rd.PixelSpacing = [dy, dx]
    rd.SliceThickness = dz
    rd.GridFrameOffsetVector = [f"{k * dz:.6f}" for k in range(nz)]
    rd.NumberOfFrames, rd.Rows, rd.Columns = nz, ny, nx
    rd.SamplesPerPixel, rd.PhotometricInterpretation = 1, "MONOCHROME2"
    rd.BitsAllocated, rd.BitsStored, rd.HighBit, rd.PixelRepresentation = 32, 32, 31, 0
    rd.DoseUnits, rd.DoseType, rd.DoseSummationType = "GY", "PHYSICAL", "PLAN"
    rd.DoseGridScaling = f"{float(dose_gy.max()) / 4e9:.10g}"
    rd.PixelData = np.round(dose_gy / float(rd.DoseGridScaling)).astype("<u4").tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    rd.save_as(path, enforce_file_format=True)
    return path
