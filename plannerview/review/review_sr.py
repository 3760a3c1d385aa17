"""The review document as DICOM SR (highdicom Comprehensive SR), and the approved copy of an RTPLAN.

Concepts without a DICOM code use the private coding scheme ``99PLNVW`` (DICOM reserves "99" prefixes
for private schemes). The content tree is described in ``docs/review.md``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import highdicom as hd
import pydicom
from highdicom.sr import (
    CodeContentItem,
    CodedConcept,
    CompositeContentItem,
    ContainerContentItem,
    DateTimeContentItem,
    ObserverContext,
    PersonObserverIdentifyingAttributes,
    RelationshipTypeValues,
    TextContentItem,
)
from pydicom.sr.codedict import codes
from pydicom.valuerep import DA, TM

from ..model.uids import new_uid
from ..version import __version__

if TYPE_CHECKING:
    from .signoff import Comment, PlanReview

SCHEME = "99PLNVW"
CONTAINS = RelationshipTypeValues.CONTAINS
HAS_PROPERTIES = RelationshipTypeValues.HAS_PROPERTIES


def concept(value: str, meaning: str) -> CodedConcept:
    return CodedConcept(value, SCHEME, meaning)


TITLE = concept("RTR-001", "Radiotherapy plan review")
DECISION = concept("RTR-002", "Review decision")
STARTED = concept("RTR-003", "Review started")
SIGNED = concept("RTR-004", "Review signed off")
OBJECTS = concept("RTR-010", "Reviewed objects")
REVIEWED = {"plan": concept("RTR-011", "Reviewed RT plan"), "dose": concept("RTR-014", "Reviewed RT dose"),
            "structures": concept("RTR-015", "Reviewed RT structure set")}
FILE_HASH = concept("RTR-012", "SHA-256 of the file")
IMAGE_SERIES = concept("RTR-013", "Reviewed image series")
COMMENTS = concept("RTR-020", "Review comments")
COMMENT = concept("RTR-021", "Review comment")
SUBJECT = concept("RTR-022", "Comment subject")
CHECKS = concept("RTR-030", "Automated plan checks")
CHECK_RESULT = concept("RTR-031", "Plan check result")
GOALS = concept("RTR-040", "Clinical goals verdict")
AUDIT = concept("RTR-050", "Audit log entry at review start")
DECISION_CODES = {
    "approve": concept("RTR-D1", "Approve"),
    "approve-with-comments": concept("RTR-D2", "Approve with comments"),
    "request-changes": concept("RTR-D3", "Request changes"),
    "reject": concept("RTR-D4", "Reject"),
}
ROLE_CODES = {
    "physician": codes.DCM.Physician,
    "nurse": codes.DCM.Nurse,
    "technologist": codes.DCM.Technologist,
    "radiation-therapist": codes.SCT.RadiationTherapist,
    "physicist": concept("RTR-R1", "Medical physicist"),
    "dosimetrist": concept("RTR-R2", "Medical dosimetrist"),
    "other": concept("RTR-R9", "Other reviewer"),
}


def _text(name: CodedConcept, value: str, rel: RelationshipTypeValues = CONTAINS) -> TextContentItem:
    return TextContentItem(name=name, value=value[:1024] or "-", relationship_type=rel)




def build_review_sr(session: PlanReview, decision: str, comments: list[Comment], when: datetime, *,
                    checks: Any = None, goals: Any = None, institution: str = "") -> pydicom.Dataset:
    """The Comprehensive SR recording the sign-off (a new object with new UIDs)."""
    evidence = []
    items: list[Any] = [CodeContentItem(name=DECISION, value=DECISION_CODES[decision], relationship_type=CONTAINS)]
    started = datetime.fromisoformat(session.started_utc) if session.started_utc else when
    items.append(DateTimeContentItem(name=STARTED, value=started, relationship_type=CONTAINS))
    items.append(DateTimeContentItem(name=SIGNED, value=when, relationship_type=CONTAINS))
    objects = ContainerContentItem(name=OBJECTS, relationship_type=CONTAINS)
    children: list[Any] = []
    for o in session.objects:
        if o.kind == "image":
            item = _text(IMAGE_SERIES, o.sop_uid)
            item.ContentSequence = pydicom.Sequence([_text(FILE_HASH, f"{o.sha256} ({len(o.files)} files)", HAS_PROPERTIES)])
            children.append(item)
            continue
        evidence.append(pydicom.dcmread(o.files[0], stop_before_pixels=True, force=True))
        comp = CompositeContentItem(name=REVIEWED[o.kind], referenced_sop_class_uid=o.sop_class_uid,
                                    referenced_sop_instance_uid=o.sop_uid, relationship_type=CONTAINS)
        comp.ContentSequence = pydicom.Sequence([_text(FILE_HASH, o.sha256, HAS_PROPERTIES)])
        children.append(comp)
    objects.ContentSequence = pydicom.Sequence(children)
    items.append(objects)
    if comments:
        box = ContainerContentItem(name=COMMENTS, relationship_type=CONTAINS)
        seq = []
        for c in comments:
            t = _text(COMMENT, c.text)
            t.ContentSequence = pydicom.Sequence([_text(SUBJECT, c.subject, HAS_PROPERTIES)])
            seq.append(t)
        box.ContentSequence = pydicom.Sequence(seq)
        items.append(box)
    if checks is not None:
        box = ContainerContentItem(name=CHECKS, relationship_type=CONTAINS)
        box.ContentSequence = pydicom.Sequence([_text(CHECK_RESULT, f"{r.id}: {r.status.value} - {r.message}") for r in checks.results])
        items.append(box)
    if goals is not None:
        c = goals.counts
        items.append(_text(GOALS, f"{goals.protocol.name}: {c['pass']} pass, {c['acceptable']} acceptable, "
                                  f"{c['fail']} fail, {c['not_evaluated']} not evaluated"))
    if session.start_entry is not None:
        items.append(_text(AUDIT, session.start_entry.hash))
    observer = ObserverContext(
        observer_type=codes.cid270.Person,
        observer_identifying_attributes=PersonObserverIdentifyingAttributes(
            name=_pn(session.reviewer), organization_name=institution or None,
            role_in_organization=ROLE_CODES[session.role]))
    root = ContainerContentItem(name=TITLE, template_id=None)
    root.ContentSequence = pydicom.Sequence([*observer, *items])
    sr = hd.sr.ComprehensiveSR(
        evidence=evidence, content=root, series_instance_uid=new_uid(), series_number=901,
        sop_instance_uid=new_uid(), instance_number=1, manufacturer="plannerview",
        is_complete=True, is_final=decision != "request-changes", is_verified=True,
        institution_name=institution or None, verifying_observer_name=_pn(session.reviewer),
        verifying_organization=institution or "not stated",
        series_description="plannerview plan review")
    scheme = pydicom.Dataset()
    scheme.CodingSchemeDesignator = SCHEME
    scheme.CodingSchemeName = "plannerview plan review concepts"
    scheme.CodingSchemeResponsibleOrganization = "plannerview (docs/review.md)"
    sr.CodingSchemeIdentificationSequence = [scheme]
    sr.SoftwareVersions = __version__
    sr.ContentDate, sr.ContentTime = DA(when.strftime("%Y%m%d")), TM(when.strftime("%H%M%S"))
    return sr


def _pn(name: str) -> str:
    """A person name for DICOM: 'First Last' becomes 'Last^First'; names with '^' are kept."""
    if "^" in name:
        return name.strip()
    if " " not in name.strip():
        return f"{name.strip() or 'unknown'}^"  # one component: the family name
    first, _, last = name.strip().rpartition(" ")
    return f"{last}^{first}"


def plan_copy_dataset(plan_file: str, approval: str, reviewer: str, when: datetime) -> pydicom.Dataset:
    """A copy of the RTPLAN with Approval Status, Review Date/Time and Reviewer Name set, and new UIDs."""
    ds = pydicom.dcmread(plan_file)
    original = str(ds.SOPInstanceUID)
    ds.ApprovalStatus = approval
    ds.ReviewDate = DA(when.strftime("%Y%m%d"))
    ds.ReviewTime = TM(when.strftime("%H%M%S"))
    ds.ReviewerName = _pn(reviewer)
    ds.SOPInstanceUID = new_uid()
    ds.SeriesInstanceUID = new_uid()
    ds.InstanceCreationDate = DA(when.strftime("%Y%m%d"))
    ds.InstanceCreationTime = TM(when.strftime("%H%M%S"))
    if getattr(ds, "file_meta", None) is not None:
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ref = pydicom.Dataset()
    ref.ReferencedSOPClassUID = ds.SOPClassUID
    ref.ReferencedSOPInstanceUID = original
    ref.RTPlanRelationship = "PREDECESSOR"
    ds.ReferencedRTPlanSequence = [*getattr(ds, "ReferencedRTPlanSequence", []), ref]
    return ds
