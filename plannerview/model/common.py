"""Identity shared by every DICOM-derived model object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PatientRef:
    """Patient identity as a file states it (objects are linked by UID, never by this)."""

    id: str = ""
    name: str = ""


@dataclass(frozen=True, kw_only=True)
class DicomObject:
    """Fields every imported object carries: identity, links and where it came from."""

    sop_uid: str
    sop_class_uid: str = ""
    study_uid: str = ""
    series_uid: str = ""
    frame_of_reference_uid: str = ""
    patient: PatientRef = PatientRef()
    file: str = ""
    manufacturer: str = ""
