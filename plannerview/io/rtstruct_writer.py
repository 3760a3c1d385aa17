"""Write a new RTSTRUCT: the original ROIs plus new ones, referencing the CT images.

The file is always new (new SOP Instance and Series UIDs; an existing path is never
overwritten). Patient and study identity come from the source structure set's file or, without
one, from the first image slice. Each new ROI states its generation algorithm (AUTOMATIC,
SEMIAUTOMATIC or MANUAL), a short generation description (engine and version) and its full
provenance as JSON in ROIDescription.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence as DicomSequence
from pydicom.tag import BaseTag, Tag
from pydicom.uid import generate_uid

from ..model import ROI, ImageVolume, Provenance, StructureSet
from ..version import __version__
from .dicom_write import ds_str, lo_str, save_new
from .safe_write import check_target

RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3"
CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
DETACHED_STUDY_MANAGEMENT = "1.2.840.10008.3.1.2.3.1"
ST_MAX_CHARS = 1024
CONTOUR_DATA = Tag(0x3006, 0x0050)
GEOMETRIC_TYPE = Tag(0x3006, 0x0042)
N_POINTS = Tag(0x3006, 0x0046)
REF_SOP_CLASS = Tag(0x0008, 0x1150)
REF_SOP_INSTANCE = Tag(0x0008, 0x1155)
COPY_FROM_TEMPLATE = (
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime",
    "StudyID", "AccessionNumber", "ReferringPhysicianName", "StudyDescription", "SpecificCharacterSet",
)
GENERATION_ALGORITHMS = ("AUTOMATIC", "SEMIAUTOMATIC", "MANUAL")
INTERPRETED_TYPES = (
    "EXTERNAL", "PTV", "CTV", "GTV", "TREATED_VOLUME", "IRRAD_VOLUME", "OAR", "BOLUS", "AVOIDANCE", "ORGAN",
    "MARKER", "REGISTRATION", "ISOCENTER", "CONTRAST_AGENT", "CAVITY", "BRACHY_CHANNEL", "BRACHY_ACCESSORY",
    "BRACHY_SRC_APP", "BRACHY_CHNL_SHLD", "SUPPORT", "FIXATION", "DOSE_REGION", "CONTROL", "DOSE_MEASUREMENT",
)


def write_rtstruct(path: str | Path, image: ImageVolume, new_rois: Sequence[ROI],
                   source: StructureSet | None = None,
                   provenance: Mapping[int, Provenance] | None = None,
                   label: str = "plannerview", *, sop_uid: str | None = None,
                   series_uid: str | None = None, overwrite: bool = False) -> str:
    """Write ``source``'s ROIs plus ``new_rois`` (numbered after them) to ``path``; returns the new UID.

    ``provenance`` maps a new ROI's number to how it was made. Contours must lie on the
    image's frame of reference; each contour's referenced image UID is kept. ``sop_uid`` and
    ``series_uid`` are the new object's UIDs when it already has them (a derived structure set
    made in memory first); otherwise new ones are made.
    """
    path = check_target(path, overwrite)  # early: refuse before any work (save_new checks again)
    if source is not None and source.frame_of_reference_uid and image.frame_of_reference_uid and \
            source.frame_of_reference_uid != image.frame_of_reference_uid:
        raise ValueError(f"structure set {source.label!r} and image {image.label!r} are on different "
                         "frames of reference")
    provenance = dict(provenance or {})
    originals = list(source.rois) if source is not None else []
    used = {r.number for r in originals}
    if used & {r.number for r in new_rois}:
        raise ValueError("new ROIs reuse the numbers of original ROIs; renumber them first")
    names = [r.name for r in originals + list(new_rois)]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"ROI names must be unique in a structure set; repeated: {', '.join(dup)}")

    now = datetime.now(UTC)
    ds = Dataset()
    template_file = (source.file if source is not None and source.file else "") or \
        (image.slice_files[0] if image.slice_files else "")
    if template_file:
        src = _read_identity(template_file)
        for kw in COPY_FROM_TEMPLATE:
            if kw in src and src[kw].value not in (None, "") and _valid(kw, src[kw].value):
                setattr(ds, kw, src[kw].value)
        if "PositionReferenceIndicator" in src:
            ds.PositionReferenceIndicator = src.PositionReferenceIndicator
    ds.PatientName = ds.get("PatientName", image.patient.name or "ANONYMOUS")
    ds.PatientID = ds.get("PatientID", image.patient.id or "ANONYMOUS")
    for kw in ("PatientBirthDate", "PatientSex", "ReferringPhysicianName", "StudyID", "AccessionNumber",
               "OperatorsName"):
        if kw not in ds:
            setattr(ds, kw, "")
    ds.StudyInstanceUID = image.study_uid or ds.get("StudyInstanceUID", generate_uid())
    ds.StudyDate = ds.get("StudyDate", now.strftime("%Y%m%d"))
    ds.StudyTime = ds.get("StudyTime", now.strftime("%H%M%S"))
    ds.SOPClassUID = RT_STRUCTURE_SET_STORAGE
    ds.SOPInstanceUID = sop_uid or generate_uid()
    ds.SeriesInstanceUID = series_uid or generate_uid()
    ds.SeriesNumber = 901
    ds.InstanceNumber = 1
    ds.Modality = "RTSTRUCT"
    ds.SeriesDescription = lo_str(f"{label} structures")
    ds.Manufacturer = "plannerview"
    ds.ManufacturerModelName = "plannerview"
    ds.SoftwareVersions = __version__
    ds.InstanceCreationDate, ds.InstanceCreationTime = now.strftime("%Y%m%d"), now.strftime("%H%M%S")
    ds.StructureSetLabel = lo_str(label)[:16] or "plannerview"
    ds.StructureSetName = lo_str(label)
    src_desc = f" from {source.label or source.sop_uid}" if source is not None else ""
    ds.StructureSetDescription = _st(f"{len(originals)} original ROIs{src_desc} plus {len(new_rois)} new, "
                                     f"written by plannerview {__version__}")
    ds.StructureSetDate, ds.StructureSetTime = ds.InstanceCreationDate, ds.InstanceCreationTime
    if source is not None and source.sop_uid:
        pred = Dataset()
        pred.ReferencedSOPClassUID = RT_STRUCTURE_SET_STORAGE
        pred.ReferencedSOPInstanceUID = source.sop_uid
        ds.PredecessorStructureSetSequence = [pred]

    frame = image.frame_of_reference_uid or (source.frame_of_reference_uid if source else "") or generate_uid()
    image_class = image.sop_class_uid or CT_IMAGE_STORAGE
    ds.FrameOfReferenceUID = frame  # Frame of Reference module (required since DICOM 2019)
    if "PositionReferenceIndicator" not in ds:
        ds.PositionReferenceIndicator = ""
    ds.ReferencedFrameOfReferenceSequence = [_frame_reference(image, frame, image_class, ds.StudyInstanceUID)]

    roi_seq, contour_seq, obs_seq = [], [], []
    for n, roi in enumerate(originals + list(new_rois), start=1):
        is_new = n > len(originals)
        prov = provenance.get(roi.number) if is_new else None
        item = Dataset()
        item.ROINumber = roi.number
        item.ReferencedFrameOfReferenceUID = frame
        item.ROIName = lo_str(roi.name)
        if roi.description or prov is not None:
            item.ROIDescription = _st(_description(roi, prov))
        algorithm = (roi.generation_algorithm or "").upper()
        item.ROIGenerationAlgorithm = algorithm if algorithm in GENERATION_ALGORITHMS else \
            ("AUTOMATIC" if is_new else "")
        if prov is not None:
            item.ROIGenerationDescription = lo_str(f"{prov.engine} {prov.version}")
        roi_seq.append(item)
        contour_seq.append(_roi_contours(roi, image_class))
        obs = Dataset()
        obs.ObservationNumber = roi.number
        obs.ReferencedROINumber = roi.number
        itype = (roi.interpreted_type or "").upper()
        obs.RTROIInterpretedType = itype if itype in INTERPRETED_TYPES else ""
        obs.ROIInterpreter = ""
        obs_seq.append(obs)
    ds.StructureSetROISequence = roi_seq
    ds.ROIContourSequence = contour_seq
    # the contour items hold ContourData ready-encoded (explicit VR little endian, ASCII only): mark
    # them as already in the encoding they will be written in (the character set pydicom will see
    # for them), or it decodes and re-encodes every coordinate while writing
    for rc in contour_seq:
        for item in rc.get("ContourSequence", []):
            item.set_original_encoding(False, True, item._character_set)
    ds.RTROIObservationsSequence = obs_seq
    ds.ApprovalStatus = "UNAPPROVED"

    return save_new(ds, path, overwrite)


def _read_identity(path: str | Path) -> Dataset:
    """The template's header up to group 0020 (patient, study, frame): everything copied from it,
    without parsing the structure set's contour sequences that follow."""
    from pydicom.filereader import read_partial

    with open(path, "rb") as fh:
        return read_partial(fh, stop_when=lambda tag, vr, length: tag.group > 0x0020, force=True)


def _frame_reference(image: ImageVolume, frame: str, image_class: str, study_uid: str) -> Dataset:
    fr = Dataset()
    fr.FrameOfReferenceUID = frame
    study = Dataset()
    study.ReferencedSOPClassUID = DETACHED_STUDY_MANAGEMENT
    study.ReferencedSOPInstanceUID = study_uid
    series = Dataset()
    series.SeriesInstanceUID = image.series_uid or generate_uid()
    imgs = []
    for uid in image.slice_sop_uids:
        ref = Dataset()
        ref.ReferencedSOPClassUID = image_class
        ref.ReferencedSOPInstanceUID = uid
        imgs.append(ref)
    series.ContourImageSequence = imgs
    study.RTReferencedSeriesSequence = [series]
    fr.RTReferencedStudySequence = [study]
    return fr


def _roi_contours(roi: ROI, image_class: str) -> Dataset:
    rc = Dataset()
    rc.ReferencedROINumber = roi.number
    rc.ROIDisplayColor = [int(c) for c in roi.color_rgb]
    items = []
    for c in roi.contours:
        pts = np.asarray(c.points_mm, dtype=float).reshape(-1, 3)
        if len(pts) == 0:
            continue
        raw = contour_data_raw(pts)
        item = Dataset()
        if raw is None:  # not plain coordinates, or too long for one DS value: pydicom's own path
            if c.referenced_sop_uid:
                ref = Dataset()
                ref.ReferencedSOPClassUID = image_class
                ref.ReferencedSOPInstanceUID = c.referenced_sop_uid
                item.ContourImageSequence = [ref]
            item.ContourGeometricType = c.geometric_type or "CLOSED_PLANAR"
            item.NumberOfContourPoints = len(pts)
            item.ContourData = [ds_str(round(float(v), 4)) for v in pts.ravel()]
            items.append(item)
            continue
        # the same elements, ready-encoded (no per-value validation and conversion)
        if c.referenced_sop_uid:
            ref = Dataset()
            ref[REF_SOP_CLASS] = _raw_text(REF_SOP_CLASS, "UI", image_class, b"\0")
            ref[REF_SOP_INSTANCE] = _raw_text(REF_SOP_INSTANCE, "UI", c.referenced_sop_uid, b"\0")
            ref.set_original_encoding(False, True, ref._character_set)
            item.ContourImageSequence = [ref]
        item[GEOMETRIC_TYPE] = _raw_text(GEOMETRIC_TYPE, "CS", c.geometric_type or "CLOSED_PLANAR", b" ")
        item[N_POINTS] = _raw_text(N_POINTS, "IS", str(len(pts)), b" ")
        item[CONTOUR_DATA] = raw
        items.append(item)
    if items:
        rc.ContourSequence = DicomSequence(items)
    return rc


def _raw_text(tag: BaseTag, vr: str, text: str, pad: bytes) -> RawDataElement:
    """A ready-encoded element of an ASCII value, padded to even length (UI with NUL, others space)."""
    data = text.encode("ascii")
    if len(data) % 2:
        data += pad
    return RawDataElement(tag, vr, len(data), data, 0, False, True, True, False)


def contour_data_raw(pts: np.ndarray) -> RawDataElement | None:
    """ContourData (3006,0050) as one ready-encoded DS element: every coordinate as a decimal with 4
    places ("%.4f", the decimal rounding ``round(v, 4)`` makes; 0.1 um), joined by backslashes and
    padded to even length, formatted in one call instead of one validated ``DSfloat`` per
    coordinate (pydicom validates each; 50,000 points took seconds). None when a value is not a
    coordinate (not finite, or 1e9 mm or more: pydicom's path then reports it) or the element would
    exceed the 65,534 bytes an explicit-VR DS can hold."""
    values = np.asarray(pts, dtype=np.float64).ravel()
    if not np.all(np.isfinite(values)) or np.any(np.abs(values) >= 1e9):
        return None
    text = ("%.4f\\" * len(values) % tuple(values.tolist()))[:-1].replace("-0.0000", "0.0000")
    if len(text) % 2:
        text += " "
    if len(text) > 0xFFFE:
        return None
    data = text.encode("ascii")
    return RawDataElement(CONTOUR_DATA, "DS", len(data), data, 0, False, True, True, False)


def _description(roi: ROI, prov: Provenance | None) -> str:
    if prov is None:
        return roi.description
    doc = prov.to_json()
    prefix = roi.description + " " if roi.description else ""
    text = prefix + json.dumps({"plannerview_provenance": doc}, sort_keys=True)
    if len(text) > ST_MAX_CHARS:  # keep it valid JSON: drop the bulky parts first
        doc = {**doc, "parameters": {k: v for k, v in doc["parameters"].items() if len(str(v)) < 40},
               "inputs": doc["inputs"][:2], "truncated": True}
        text = prefix + json.dumps({"plannerview_provenance": doc}, sort_keys=True)
    return text


def _valid(keyword: str, value: object) -> bool:
    """Dates and times copied from another file must have their VR's form (hashed exports break it)."""
    text = str(value)
    if keyword.endswith("Date"):
        return len(text) == 8 and text.isdigit()
    if keyword.endswith("Time"):
        return 2 <= len(text.split(".")[0]) <= 6 and text.replace(".", "").isdigit()
    return True


def _st(text: str) -> str:
    """A Short Text value: no backslash, at most 1024 characters."""
    return text.replace("\\", "/")[:ST_MAX_CHARS]
