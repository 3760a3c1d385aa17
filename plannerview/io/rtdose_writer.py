"""Write a DoseGrid (a plan sum, a difference or a gamma volume) as a new RTDOSE file.

Patient and study identity are copied from a template dataset (the first source dose) when
given; the SOP Instance and Series UIDs are always new. Values are stored as 32-bit unsigned
integers with DoseGridScaling; provenance goes into ImageComments as JSON.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from .. import __version__
from ..model.dose import DoseGrid

RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2"
COPY_FROM_TEMPLATE = (
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime",
    "StudyID", "AccessionNumber", "ReferringPhysicianName", "FrameOfReferenceUID", "PositionReferenceIndicator",
)


def write_rtdose(dose: DoseGrid, path: str | Path, template: str | Path | None = None,
                 values: np.ndarray | None = None, units: str | None = None) -> str:
    """Write ``dose`` (or ``values`` on its grid) to ``path``; returns the new SOP Instance UID.

    Refuses to overwrite an existing file, so a user's input is never replaced.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; plannerview never overwrites files")
    arr = np.asarray(dose.dose if values is None else values, dtype=np.float64)
    arr = np.where(np.isfinite(arr), arr, 0.0)
    if arr.min() < 0:
        raise ValueError("RTDOSE stores non-negative values; write the difference as two doses or shift it")
    now = datetime.now(UTC)
    ds = Dataset()
    src = pydicom.dcmread(template, stop_before_pixels=True, force=True) if template else None
    if src is not None:
        for kw in COPY_FROM_TEMPLATE:
            if kw in src:
                setattr(ds, kw, src[kw].value)
    ds.PatientName = ds.get("PatientName", dose.patient.name or "ANONYMOUS")
    ds.PatientID = ds.get("PatientID", dose.patient.id or "ANONYMOUS")
    for kw in ("PatientBirthDate", "PatientSex", "ReferringPhysicianName", "StudyID", "AccessionNumber",
               "PositionReferenceIndicator"):
        if kw not in ds:
            setattr(ds, kw, "")
    ds.StudyInstanceUID = ds.get("StudyInstanceUID", dose.study_uid or generate_uid())
    ds.StudyDate = ds.get("StudyDate", now.strftime("%Y%m%d"))
    ds.StudyTime = ds.get("StudyTime", now.strftime("%H%M%S"))
    ds.FrameOfReferenceUID = dose.frame_of_reference_uid or ds.get("FrameOfReferenceUID", generate_uid())
    ds.SOPClassUID = RT_DOSE_STORAGE
    ds.SOPInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber = 900
    ds.InstanceNumber = 1
    ds.Modality = "RTDOSE"
    ds.Manufacturer = "plannerview"
    ds.ManufacturerModelName = "plannerview"
    ds.SoftwareVersions = __version__
    ds.SeriesDescription = (dose.description or "plannerview dose")[:64]
    ds.ContentDate, ds.ContentTime = now.strftime("%Y%m%d"), now.strftime("%H%M%S")
    ds.InstanceCreationDate, ds.InstanceCreationTime = ds.ContentDate, ds.ContentTime
    g = dose.grid
    nz, ny, nx = g.shape_zyx
    dz, dy, dx = g.spacing_mm
    normal = g.direction[:, 2]
    row, col = g.direction[:, 0], g.direction[:, 1]
    if not np.allclose(np.cross(row, col), normal, atol=1e-4):
        raise ValueError("RTDOSE frames must follow the normal of the image plane")
    ds.ImagePositionPatient = [f"{v:.6g}" for v in g.origin_mm]
    ds.ImageOrientationPatient = [f"{v:.6g}" for v in (*row, *col)]
    ds.PixelSpacing = [f"{dy:.6g}", f"{dx:.6g}"]
    ds.SliceThickness = f"{dz:.6g}"
    ds.GridFrameOffsetVector = [f"{k * dz:.6g}" for k in range(nz)]
    ds.FrameIncrementPointer = pydicom.tag.Tag("GridFrameOffsetVector")
    ds.NumberOfFrames = nz
    ds.Rows, ds.Columns = ny, nx
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 32, 32, 31, 0
    ds.DoseUnits = units or dose.units
    ds.DoseType = dose.dose_type if dose.dose_type in ("PHYSICAL", "EFFECTIVE", "ERROR") else "PHYSICAL"
    ds.DoseSummationType = dose.summation_type or "MULTI_PLAN"
    vmax = float(arr.max())
    scale = vmax / 4_000_000_000 if vmax > 0 else 1.0
    scale_txt = f"{scale:.10g}"[:16]
    ds.DoseGridScaling = scale_txt
    ds.PixelData = np.round(arr / float(scale_txt)).astype("<u4").tobytes()
    ds.DoseComment = (dose.comment or dose.description or "")[:64]
    ds.ImageComments = json.dumps({"plannerview_provenance": dose.provenance or {}}, sort_keys=True)[:10240]
    if dose.referenced_plan_uid:
        ref = Dataset()
        ref.ReferencedSOPClassUID = "1.2.840.10008.5.1.4.1.1.481.5"
        ref.ReferencedSOPInstanceUID = dose.referenced_plan_uid
        ds.ReferencedRTPlanSequence = [ref]
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return str(ds.SOPInstanceUID)
