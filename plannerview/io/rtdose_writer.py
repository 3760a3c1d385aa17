"""Write a DoseGrid (a plan sum, a difference or a gamma volume) as a new RTDOSE file.

Patient and study identity are copied from a template dataset (the first source dose) when
given; the SOP Instance and Series UIDs are always new. Values are stored as 32-bit unsigned
integers with DoseGridScaling; provenance goes into ImageComments as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from ..model.dose import DoseGrid
from ..version import __version__
from .dicom_write import ds_str, lo_str, save_new
from .safe_write import check_target

RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2"
RT_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.5"
LT_MAX_CHARS = 10240
PRIVATE_GROUP = 0x0071
PRIVATE_CREATOR = "PLANNERVIEW PROVENANCE"
PRIVATE_PROVENANCE_ELEMENT = 0x01  # (0071,xx01) UT: the provenance as JSON
COPY_FROM_TEMPLATE = (
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime",
    "StudyID", "AccessionNumber", "ReferringPhysicianName", "FrameOfReferenceUID", "PositionReferenceIndicator",
)


def write_rtdose(dose: DoseGrid, path: str | Path, template: str | Path | None = None,
                 values: np.ndarray | None = None, units: str | None = None,
                 referenced_plan_uids: Sequence[str] | None = None,
                 referenced_plan_classes: Mapping[str, str] | None = None,
                 private_provenance: bool = False, overwrite: bool = False) -> str:
    """Write ``dose`` (or ``values`` on its grid) to ``path``; returns the new SOP Instance UID.

    ``referenced_plan_uids`` (default: the dose's own plan) fill ReferencedRTPlanSequence, with
    the SOP classes in ``referenced_plan_classes`` (RT Plan or RT Ion Plan; default from the
    template). ``private_provenance`` also stores the complete provenance JSON in the private
    block :data:`PRIVATE_CREATOR` (group 0071, element xx01, UT; never shortened).
    Refuses an existing file unless ``overwrite``, and an input of the command always
    (:mod:`plannerview.io.safe_write`); the write is atomic.
    """
    path = check_target(path, overwrite)  # early: refuse before any work (save_new checks again)
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
               "PositionReferenceIndicator", "OperatorsName"):
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
    ds.SeriesDescription = lo_str(dose.description or "plannerview dose")
    ds.ContentDate, ds.ContentTime = now.strftime("%Y%m%d"), now.strftime("%H%M%S")
    ds.InstanceCreationDate, ds.InstanceCreationTime = ds.ContentDate, ds.ContentTime
    g = dose.grid
    nz, ny, nx = g.shape_zyx
    dz, dy, dx = g.spacing_mm
    row, col, kdir = g.direction[:, 0], g.direction[:, 1], g.direction[:, 2]
    normal = np.cross(row, col)
    origin = np.asarray(g.origin_mm, dtype=float)
    if np.allclose(kdir, -normal, atol=1e-4):  # frames run against the plane normal: store them reversed
        arr = arr[::-1]
        origin = origin + (nz - 1) * dz * kdir
    elif not np.allclose(kdir, normal, atol=1e-4):
        raise ValueError("RTDOSE frames must be stacked along the normal of the image plane")
    ds.ImagePositionPatient = [ds_str(round(v, 9)) for v in origin]
    ds.ImageOrientationPatient = [ds_str(round(v, 12)) for v in (*row, *col)]
    ds.PixelSpacing = [ds_str(dy), ds_str(dx)]
    ds.SliceThickness = ds_str(dz)
    ds.GridFrameOffsetVector = [ds_str(round(k * dz, 9)) for k in range(nz)]
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
    scale_txt = ds_str(scale)
    ds.DoseGridScaling = scale_txt
    ds.PixelData = np.round(arr / float(scale_txt)).astype("<u4").tobytes()
    ds.DoseComment = lo_str(dose.comment or dose.description or "")
    ds.ImageComments = provenance_comment(dose.provenance)
    plans = list(referenced_plan_uids) if referenced_plan_uids is not None else \
        ([dose.referenced_plan_uid] if dose.referenced_plan_uid else [])
    if private_provenance and dose.provenance:
        block = ds.private_block(PRIVATE_GROUP, PRIVATE_CREATOR, create=True)
        block.add_new(PRIVATE_PROVENANCE_ELEMENT, "UT", json.dumps(dose.provenance, sort_keys=True))
    if plans:
        sop_class = {**template_plan_class(src), **dict(referenced_plan_classes or {})}
        items = []
        for uid in plans:
            ref = Dataset()
            ref.ReferencedSOPClassUID = sop_class.get(uid, RT_PLAN_STORAGE)
            ref.ReferencedSOPInstanceUID = uid
            items.append(ref)
        ds.ReferencedRTPlanSequence = items
    return save_new(ds, path, overwrite)


def provenance_comment(provenance: dict[str, object] | None) -> str:
    """Provenance as JSON for ImageComments (LT, at most 10240 characters: long lists are dropped)."""
    doc = {"plannerview_provenance": provenance or {}}
    text = json.dumps(doc, sort_keys=True)
    if len(text) > LT_MAX_CHARS:
        short = {k: v for k, v in (provenance or {}).items() if not isinstance(v, list | dict)}
        text = json.dumps({"plannerview_provenance": {**short, "truncated": True}}, sort_keys=True)[:LT_MAX_CHARS]
    return text


def template_plan_class(src: Dataset | None) -> dict[str, str]:
    """SOP classes of the plans the template dose references (RT Plan vs RT Ion Plan)."""
    out: dict[str, str] = {}
    for item in (src.get("ReferencedRTPlanSequence") or []) if src is not None else []:
        if "ReferencedSOPInstanceUID" in item and "ReferencedSOPClassUID" in item:
            out[str(item.ReferencedSOPInstanceUID)] = str(item.ReferencedSOPClassUID)
    return out
