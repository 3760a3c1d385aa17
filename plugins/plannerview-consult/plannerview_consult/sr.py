"""Annotations as DICOM Comprehensive 3D SR (TID 1500 measurement report), one SR per revision.

- SOP Instance UID of the SR = the annotation's ``revision_uid`` (one SR per revision; storing it
  again is idempotent on the hub);
- tracking identifier: UID = the annotation's stable ``uid``, identifier text = "plannerview <kind>";
- geometry: a 3D SCOORD3D region (POINT, POLYLINE for arrow and ruler, POLYGON for polygon and
  freehand) on the frame of reference; a ruler also carries its length (mm) as a measurement;
  comments without a place are a TID 1501 group;
- text (DCM 121106 "Comment"), status as a qualitative evaluation, target, creation time and the
  annotation's kind as items of the group (codes of the private scheme ``99PLANNERVIEW``);
- references to the plan, dose, structure set and images: COMPOSITE/IMAGE items of the group and
  the evidence sequence; previous revisions in the Predecessor Documents Sequence.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import highdicom as hd
import numpy as np
import pydicom
from highdicom.sr import (
    CodedConcept,
    CompositeContentItem,
    DateTimeContentItem,
    GraphicTypeValues3D,
    ImageRegion3D,
    MeasurementReport,
    MeasurementsAndQualitativeEvaluations,
    ObservationContext,
    ObserverContext,
    PersonObserverIdentifyingAttributes,
    PlanarROIMeasurementsAndQualitativeEvaluations,
    QualitativeEvaluation,
    RelationshipTypeValues,
    TextContentItem,
    TrackingIdentifier,
)
from pydicom.dataset import Dataset
from pydicom.sr.codedict import codes
from pydicom.sr.coding import Code

from plannerview.model.annotation import Annotation

SCHEME = "99PLANNERVIEW"
COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34"
TRACKING_PREFIX = "plannerview "
C_COMMENT = Code("121106", "DCM", "Comment")
C_STATUS = Code("status", SCHEME, "Annotation status")
C_TARGET = Code("target", SCHEME, "Annotation target")
C_CREATED = Code("created", SCHEME, "Annotation created")
C_REFERENCE = Code("121112", "DCM", "Source of Measurement")
C_PROCEDURE = Code("plan-review", SCHEME, "Radiotherapy plan review")
C_LENGTH = Code("410668003", "SCT", "Length")
KIND_CODES = {k: Code(k, SCHEME, f"Annotation {k}") for k in
              ("comment", "point", "arrow", "ruler", "polygon", "freehand")}
STATUS_CODES = {s: Code(s, SCHEME, s.capitalize()) for s in ("open", "resolved", "withdrawn")}
GRAPHIC = {"point": GraphicTypeValues3D.POINT, "arrow": GraphicTypeValues3D.POLYLINE,
           "ruler": GraphicTypeValues3D.POLYLINE, "polygon": GraphicTypeValues3D.POLYGON,
           "freehand": GraphicTypeValues3D.POLYGON}
STUDY_KEYS = ("PatientID", "PatientName", "PatientBirthDate", "PatientSex", "AccessionNumber", "StudyID",
              "StudyDate", "StudyTime", "ReferringPhysicianName", "StudyInstanceUID", "SpecificCharacterSet")


@dataclass(frozen=True)
class InstanceRef:
    """An object on the hub: study, series, SOP instance and class."""

    study_uid: str
    series_uid: str
    sop_uid: str
    sop_class_uid: str


def study_info(ds: Dataset) -> dict[str, str]:
    """The patient and study attributes an SR copies from its study (empty strings when absent)."""
    return {k: str(ds.get(k, "") or "") for k in STUDY_KEYS}


def _evidence(info: dict[str, str], ref: InstanceRef) -> Dataset:
    ds = Dataset()
    for k in STUDY_KEYS:
        if k != "SpecificCharacterSet":
            setattr(ds, k, info.get(k, ""))
    ds.SpecificCharacterSet = info.get("SpecificCharacterSet") or "ISO_IR 192"
    ds.StudyInstanceUID = ref.study_uid
    ds.SeriesInstanceUID = ref.series_uid
    ds.SOPInstanceUID = ref.sop_uid
    ds.SOPClassUID = ref.sop_class_uid
    return ds


def _person_name(user: str) -> str:
    """A DICOM PN for a user name: one component gets a trailing caret ("alice" -> "alice^")."""
    name = (user or "unknown").replace("\\", " ")
    return name if "^" in name else name + "^"


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def encode(a: Annotation, info: dict[str, str], sr_series_uid: str, references: Sequence[InstanceRef],
           predecessors: Sequence[InstanceRef] = (), instance_number: int = 1) -> Dataset:
    """The SR document of one revision ``a`` (whose UIDs are already the hub's)."""
    observer = ObserverContext(observer_type=codes.DCM.Person,
                               observer_identifying_attributes=PersonObserverIdentifyingAttributes(
                                   name=_person_name(a.author)))
    tracking = TrackingIdentifier(uid=a.uid, identifier=TRACKING_PREFIX + a.kind)
    status = [QualitativeEvaluation(C_STATUS, STATUS_CODES[a.status])]
    group: PlanarROIMeasurementsAndQualitativeEvaluations | MeasurementsAndQualitativeEvaluations
    if a.points_mm and a.kind != "comment":
        pts = np.asarray(a.points_mm, dtype=float)
        gtype = GRAPHIC[a.kind] if len(pts) > 1 else GraphicTypeValues3D.POINT
        if gtype == GraphicTypeValues3D.POLYGON:
            if len(pts) < 3:
                gtype = GraphicTypeValues3D.POLYLINE
            elif not np.allclose(pts[0], pts[-1]):
                pts = np.vstack([pts, pts[:1]])
        region = ImageRegion3D(graphic_type=gtype, graphic_data=pts, frame_of_reference_uid=a.frame_of_reference_uid)
        measurements = []
        if a.kind == "ruler" and len(pts) >= 2:
            length = float(np.sum(np.linalg.norm(np.diff(pts, axis=0), axis=1)))
            measurements.append(hd.sr.Measurement(name=C_LENGTH, value=length, unit=codes.UCUM.Millimeter))
        group = PlanarROIMeasurementsAndQualitativeEvaluations(
            tracking_identifier=tracking, referenced_region=region, finding_type=KIND_CODES[a.kind],
            measurements=measurements or None, qualitative_evaluations=status)
    else:
        group = MeasurementsAndQualitativeEvaluations(
            tracking_identifier=tracking, finding_type=KIND_CODES[a.kind], qualitative_evaluations=status)
    container: Dataset = group[0]
    extra = [TextContentItem(C_COMMENT, a.text or "", RelationshipTypeValues.CONTAINS),
             TextContentItem(C_TARGET, f"{a.target}:{a.target_ref}" if a.target_ref else a.target,
                             RelationshipTypeValues.CONTAINS),
             DateTimeContentItem(C_CREATED, _dt(a.created_utc), RelationshipTypeValues.CONTAINS)]
    for ref in references:
        extra.append(CompositeContentItem(C_REFERENCE, ref.sop_class_uid, ref.sop_uid,
                                          RelationshipTypeValues.CONTAINS))
    container.ContentSequence.extend(extra)
    report = MeasurementReport(observation_context=ObservationContext(observer_person_context=observer),
                               procedure_reported=C_PROCEDURE, imaging_measurements=[group])  # type: ignore[list-item]
    evidence = [_evidence(info, r) for r in references] or [_evidence(info, InstanceRef(
        info["StudyInstanceUID"], sr_series_uid, a.revision_uid, COMPREHENSIVE_3D_SR))]
    previous = [_evidence(info, p) for p in predecessors]
    sr = hd.sr.Comprehensive3DSR(
        evidence=evidence, content=report[0], series_instance_uid=sr_series_uid, series_number=900,
        sop_instance_uid=a.revision_uid, instance_number=instance_number, manufacturer="plannerview",
        is_complete=True, previous_versions=previous or None, record_evidence=bool(references),
        series_description="plannerview consult annotations")
    sr.CodingSchemeIdentificationSequence = coding_scheme_identification()
    when = _dt(a.modified_utc)
    sr.ContentDate = when.strftime("%Y%m%d")  # type: ignore[assignment]
    sr.ContentTime = when.strftime("%H%M%S.%f")  # type: ignore[assignment]
    if not references:  # the evidence was the SR itself, only for the patient and study module
        for kw in ("CurrentRequestedProcedureEvidenceSequence", "PertinentOtherEvidenceSequence"):
            if kw in sr:
                del sr[kw]
    return sr


def coding_scheme_identification() -> list[Dataset]:
    """The Coding Scheme Identification item declaring the private scheme ``99PLANNERVIEW``."""
    item = Dataset()
    item.CodingSchemeDesignator = SCHEME
    item.CodingSchemeName = "plannerview annotation codes"
    item.CodingSchemeResponsibleOrganization = "plannerview"
    return [item]


def to_bytes(ds: Dataset) -> bytes:
    buf = io.BytesIO()
    ds.save_as(buf, enforce_file_format=True)
    return buf.getvalue()


def from_bytes(data: bytes) -> Dataset:
    return pydicom.dcmread(io.BytesIO(data))


@dataclass(frozen=True)
class Decoded:
    annotation: Annotation  # in hub UIDs
    study_uid: str
    series_uid: str
    predecessors: tuple[str, ...]  # SOP Instance UIDs (= revision UIDs) of previous revisions


def is_annotation_sr(ds: Dataset) -> bool:
    return str(ds.get("SOPClassUID", "")) == COMPREHENSIVE_3D_SR and \
        str(ds.get("SeriesDescription", "")) == "plannerview consult annotations"


def _items(container: Dataset) -> list[Dataset]:
    return list(container.get("ContentSequence", []))


def _name(item: Dataset) -> tuple[str, str]:
    c = item.ConceptNameCodeSequence[0]
    return str(c.CodeValue), str(c.CodingSchemeDesignator)


def decode(ds: Dataset) -> Decoded:
    """The annotation revision an SR holds (read with highdicom)."""
    sr = hd.sr.Comprehensive3DSR.from_dataset(ds)
    content: MeasurementReport = sr.content  # type: ignore[assignment]
    groups: list = list(content.get_planar_roi_measurement_groups()) + \
        list(_image_groups(content))
    if len(groups) != 1:
        raise ValueError(f"SR {ds.SOPInstanceUID}: expected one annotation group, found {len(groups)}")
    g = groups[0]
    ident = str(g.tracking_identifier or "")
    kind = ident[len(TRACKING_PREFIX):] if ident.startswith(TRACKING_PREFIX) else "comment"
    status = "open"
    for q in g.get_qualitative_evaluations():
        if q.name == CodedConcept(*C_STATUS[:3]) or q.name.value == "status":
            status = str(q.value.value)
    points: tuple[tuple[float, float, float], ...] = ()
    for_uid = ""
    roi = getattr(g, "roi", None)
    if isinstance(roi, ImageRegion3D):
        pts = np.asarray(roi.value, dtype=float).reshape(-1, 3)
        if roi.graphic_type == GraphicTypeValues3D.POLYGON and len(pts) > 1 and np.allclose(pts[0], pts[-1]):
            pts = pts[:-1]
        points = tuple(tuple(float(v) for v in p) for p in pts)  # type: ignore[misc]
        for_uid = str(roi.frame_of_reference_uid)
    text, target, target_ref, created, refs = "", "case", "", "", []
    for item in _items(g[0]):
        name = _name(item)
        if name == ("121106", "DCM"):
            text = str(item.TextValue)
        elif name == ("target", SCHEME):
            target, _, target_ref = str(item.TextValue).partition(":")
        elif name == ("created", SCHEME):
            created = _iso(str(item.DateTime))
        elif name == ("121112", "DCM") and "ReferencedSOPSequence" in item:
            refs.append(str(item.ReferencedSOPSequence[0].ReferencedSOPInstanceUID))
    author = ""
    for oc in content.get_observer_contexts():
        attrs = oc.observer_identifying_attributes
        if hasattr(attrs, "name"):
            author = str(attrs.name).rstrip("^")
    preds = tuple(str(i.ReferencedSOPInstanceUID) for s in ds.get("PredecessorDocumentsSequence", [])
                  for se in s.ReferencedSeriesSequence for i in se.ReferencedSOPSequence)
    modified = _iso(f"{ds.ContentDate}{ds.ContentTime}")
    a = Annotation(text=text, kind=kind, points_mm=points, frame_of_reference_uid=for_uid, target=target,
                   target_ref=target_ref, referenced_uids=tuple(refs), status=status, author=author,
                   created_utc=created or modified, modified_utc=modified, uid=str(g.tracking_uid),
                   revision_uid=str(ds.SOPInstanceUID), predecessor_revision_uid=preds[0] if preds else "")
    return Decoded(a, str(ds.StudyInstanceUID), str(ds.SeriesInstanceUID), preds)


def _image_groups(content: MeasurementReport) -> list[MeasurementsAndQualitativeEvaluations]:
    """TID 1501 groups (comments without a place)."""
    out = []
    for item in content[0].ContentSequence:
        if _name(item) == ("126010", "DCM"):  # Imaging Measurements
            for sub in item.ContentSequence:
                if _name(sub) == ("125007", "DCM") and not any(
                        _name(x) in (("111030", "DCM"),) for x in sub.ContentSequence):  # no Image Region
                    out.append(MeasurementsAndQualitativeEvaluations.from_sequence([sub]))
    return out


def _iso(dicom_dt: str) -> str:
    """DICOM DT (YYYYMMDDHHMMSS.FFFFFF[+ZZZZ]) to ISO 8601 UTC with milliseconds."""
    s = dicom_dt.strip()
    fmt = "%Y%m%d%H%M%S.%f" if "." in s.split("+")[0].split("-")[0] else "%Y%m%d%H%M%S"
    tz = ""
    for sign in ("+", "-"):
        if sign in s[8:]:
            idx = s.rindex(sign)
            s, tz = s[:idx], s[idx:]
    from datetime import UTC, timedelta
    dt = datetime.strptime(s, fmt)
    if tz:
        off = timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5])) * (1 if tz[0] == "+" else -1)
        dt = dt - off
    return dt.replace(tzinfo=UTC).isoformat(timespec="milliseconds")
