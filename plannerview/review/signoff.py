"""Review sign-off: what was reviewed (UIDs and file hashes), the decision and comments, the DICOM SR
review document, an optional approved copy of the RTPLAN, and the audit log entries.

A :class:`PlanReview` starts by hashing every file of the objects under review and logging
``review-started``; :meth:`PlanReview.sign_off` re-hashes them and refuses (``SignOffRefused``,
with the reason) when any file changed or disappeared since, then writes the SR (and the plan copy)
into the output folder as new objects with new UIDs and logs ``signed-off``. Input files are only
read. The SR's content tree is documented in ``docs/review.md``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..model.case import AnyPlan, Case
from ..model.dose import DoseGrid
from ..model.image import ImageVolume
from ..model.provenance import _user
from ..model.structures import StructureSet
from ..model.uids import new_uid
from ..version import __version__
from .audit import AuditEntry, AuditLog
from .files import WriteFile, dicom_bytes, write_new_bytes

DECISIONS = ("approve", "approve-with-comments", "request-changes", "reject")
ROLES = ("physician", "physicist", "dosimetrist", "radiation-therapist", "nurse", "technologist", "other")
COMMENT_TARGETS = ("plan", "goal", "check", "annotation")
#: the RTPLAN Approval Status a decision gives the plan's copy (None: no copy for that decision)
PLAN_APPROVAL = {"approve": "APPROVED", "approve-with-comments": "APPROVED", "reject": "REJECTED",
                 "request-changes": None}


class SignOffError(ValueError):
    """A sign-off that cannot be recorded as asked (bad decision, missing comment...)."""


class SignOffRefused(SignOffError):
    """The reviewed files changed after the review started: the sign-off would not be about them."""


def current_user() -> str:
    """The reviewer's name when none is given (the login name)."""
    return _user()


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class ReviewedObject:
    """One object under review: its kind, SOP Instance UID (series UID for images), file(s) and hash."""

    kind: str  # plan | dose | structures | image
    sop_uid: str
    sop_class_uid: str
    files: tuple[str, ...]
    sha256: str  # of the file; for an image series, of its slice files' hashes in order
    file_sha256: tuple[str, ...] = ()  # each file's hash (an image series: one per slice file)

    def to_json(self, each_file: bool = False) -> dict[str, Any]:
        doc: dict[str, Any] = {"kind": self.kind, "sop_uid": self.sop_uid, "sop_class_uid": self.sop_class_uid,
                               "file": self.files[0] if len(self.files) == 1 else None, "files": len(self.files),
                               "sha256": self.sha256}
        if each_file and len(self.files) > 1:
            doc["each_file"] = [{"file": f, "sha256": h} for f, h in zip(self.files, self.file_sha256, strict=True)]
        return doc


_HASHES: dict[tuple[str, int, int, int, int], str] = {}


def _known_sha256(path: str) -> str:
    """A file's hash, reused while its size, modification time and inode are those it had when it
    was hashed (selecting another plan or dose starts a review: the CT's hundreds of slices are not
    read again). Only for starting a review: :meth:`PlanReview.changed` always reads the files."""
    st = os.stat(path)
    key = (os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
    h = _HASHES.get(key)
    if h is None:
        h = _HASHES[key] = file_sha256(path)
    return h


def _hash_files(files: tuple[str, ...], reuse: bool = False) -> tuple[str, tuple[str, ...]]:
    """One hash for the object (its file's; for several files, over their hashes in order) and each
    file's; ``reuse``: hashes of unchanged files (size, time, inode) are not computed again."""
    each = tuple((_known_sha256 if reuse else file_sha256)(f) for f in files)
    if len(each) == 1:
        return each[0], each
    h = hashlib.sha256()
    for x in each:
        h.update(x.encode())
    return h.hexdigest(), each


def _object(kind: str, uid: str, sop_class: str, files: tuple[str, ...]) -> ReviewedObject:
    whole, each = _hash_files(files, reuse=True)
    return ReviewedObject(kind, uid, sop_class, files, whole, each)


def reviewed_objects(plan: AnyPlan, dose: DoseGrid | None, structure_set: StructureSet | None,
                     image: ImageVolume | None) -> list[ReviewedObject]:
    out = [_object("plan", plan.sop_uid, plan.sop_class_uid, (plan.file,))]
    if dose is not None and dose.file:
        out.append(_object("dose", dose.sop_uid, dose.sop_class_uid, (dose.file,)))
    if structure_set is not None and structure_set.file:
        out.append(_object("structures", structure_set.sop_uid, structure_set.sop_class_uid, (structure_set.file,)))
    if image is not None and image.slice_files:
        out.append(_object("image", image.series_uid, image.sop_class_uid, tuple(image.slice_files)))
    return out


@dataclass(frozen=True)
class Comment:
    text: str
    target: str = "plan"  # plan | goal | check | annotation
    ref: str = ""  # goal "Heart Dmean", check id, annotation uid ("" for the plan)

    def __post_init__(self) -> None:
        if self.target not in COMMENT_TARGETS:
            raise SignOffError(f"a comment is about one of {', '.join(COMMENT_TARGETS)}, not {self.target!r}")
        if not self.text.strip():
            raise SignOffError("an empty comment")

    @property
    def subject(self) -> str:
        return self.target if not self.ref else f"{self.target}: {self.ref}"

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "target": self.target, "ref": self.ref}


@dataclass(frozen=True)
class SignOffResult:
    decision: str
    reviewer: str
    role: str
    time_utc: str
    sr_file: str
    sr_sop_uid: str
    audit: AuditEntry
    objects: tuple[ReviewedObject, ...]
    comments: tuple[Comment, ...]
    plan_copy_file: str | None = None
    plan_copy_sop_uid: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"decision": self.decision, "reviewer": self.reviewer, "role": self.role, "time_utc": self.time_utc,
                "sr": {"file": self.sr_file, "sop_uid": self.sr_sop_uid},
                "audit": {"hash": self.audit.hash, "seq": self.audit.seq, "prev_hash": self.audit.prev_hash},
                "plan_copy": ({"file": self.plan_copy_file, "sop_uid": self.plan_copy_sop_uid}
                              if self.plan_copy_file else None),
                "objects": [o.to_json() for o in self.objects], "comments": [c.to_json() for c in self.comments]}


@dataclass
class PlanReview:
    """One review of one plan, from start (files hashed, logged) to sign-off."""

    case: Case
    plan: AnyPlan
    dose: DoseGrid | None = None
    structure_set: StructureSet | None = None
    reviewer: str = ""
    role: str = "physician"
    log: AuditLog = field(default_factory=AuditLog)
    objects: tuple[ReviewedObject, ...] = ()
    started_utc: str = ""
    start_entry: AuditEntry | None = None
    result: SignOffResult | None = None
    write_file: WriteFile = write_new_bytes  # the application's safe writer

    def __post_init__(self) -> None:
        self.reviewer = self.reviewer or current_user()
        if self.role not in ROLES:
            raise SignOffError(f"reviewer role {self.role!r} is not one of {', '.join(ROLES)}")

    @property
    def state(self) -> str:
        """'not started', 'in review' or the decision once signed off."""
        if self.result is not None:
            return self.result.decision
        return "in review" if self.start_entry is not None else "not started"

    def start(self) -> AuditEntry:
        """Hash the files under review and log ``review-started``."""
        image = self.case.image_for_frame(self.plan.frame_of_reference_uid) if self.plan.frame_of_reference_uid else None
        self.objects = tuple(reviewed_objects(self.plan, self.dose, self.structure_set, image))
        self.started_utc = datetime.now(UTC).isoformat(timespec="seconds")
        self.start_entry = self.log.append("review-started", {
            "plan": {"sop_uid": self.plan.sop_uid, "label": self.plan.label},
            "objects": [o.to_json(each_file=True) for o in self.objects]}, user=self.reviewer, role=self.role)
        return self.start_entry

    def changed(self) -> list[str]:
        """Why the files under review are no longer those the review started on ([] when unchanged)."""
        out = []
        for o in self.objects:
            missing = [f for f in o.files if not os.path.exists(f)]
            if missing:
                out.append(f"{o.kind} {o.sop_uid}: {missing[0]} no longer exists")
                continue
            now, _ = _hash_files(o.files)
            if now != o.sha256:
                where = o.files[0] if len(o.files) == 1 else f"{len(o.files)} files"
                out.append(f"{o.kind} {o.sop_uid}: {where} changed since the review started at {self.started_utc} "
                           f"(sha256 {o.sha256[:12]}... now {now[:12]}...)")
        return out

    def sign_off(self, decision: str, comments: list[Comment], out_dir: str | Path, *, checks: Any = None,
                 goals: Any = None, plan_copy: bool = False, institution: str = "") -> SignOffResult:
        """Record the decision: SR (and plan copy) in ``out_dir``, ``signed-off`` in the audit log."""
        if decision not in DECISIONS:
            raise SignOffError(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
        if decision != "approve" and not comments:
            raise SignOffError(f"'{decision}' needs a comment giving the reasons")
        if self.start_entry is None:
            raise SignOffError("the review was not started: nothing records what was reviewed")
        if self.result is not None:
            raise SignOffError(f"this review was already signed off ({self.result.decision})")
        changed = self.changed()
        if changed:
            self.log.append("sign-off-refused", {"decision": decision, "reasons": changed},
                            user=self.reviewer, role=self.role)
            raise SignOffRefused("sign-off refused: " + "; ".join(changed))
        from .review_sr import build_review_sr, plan_copy_dataset

        out = Path(out_dir)
        now = datetime.now(UTC)
        sr = build_review_sr(self, decision, comments, now, checks=checks, goals=goals, institution=institution)
        stamp = now.strftime("%Y%m%dT%H%M%S")
        sr_path = out / f"SR_review_{_safe(self.plan.label)}_{stamp}_{sr.SOPInstanceUID[-8:]}.dcm"
        self.write_file(sr_path, dicom_bytes(sr))
        copy_file = copy_uid = None
        if plan_copy and PLAN_APPROVAL[decision] is not None:
            cp = plan_copy_dataset(self.plan.file, PLAN_APPROVAL[decision] or "", self.reviewer, now)
            copy_path = out / f"RP_reviewed_{_safe(self.plan.label)}_{stamp}_{cp.SOPInstanceUID[-8:]}.dcm"
            self.write_file(copy_path, dicom_bytes(cp))
            copy_file, copy_uid = str(copy_path), str(cp.SOPInstanceUID)
        entry = self.log.append("signed-off", {
            "decision": decision, "plan": {"sop_uid": self.plan.sop_uid, "label": self.plan.label},
            "comments": [c.to_json() for c in comments], "objects": [o.to_json() for o in self.objects],
            "started": {"time_utc": self.started_utc, "hash": self.start_entry.hash},
            "sr": {"file": str(sr_path), "sop_uid": str(sr.SOPInstanceUID), "sha256": file_sha256(sr_path)},
            "plan_copy": {"file": copy_file, "sop_uid": copy_uid, "approval": PLAN_APPROVAL[decision]}
            if copy_file else None,
            "checks": checks.counts if checks is not None else None,
            "goals": goals.counts if goals is not None else None,
            "institution": institution, "software": f"plannerview {__version__}",
        }, user=self.reviewer, role=self.role)
        self.result = SignOffResult(decision, self.reviewer, self.role, now.isoformat(timespec="seconds"),
                                    str(sr_path), str(sr.SOPInstanceUID), entry, self.objects, tuple(comments),
                                    copy_file, copy_uid)
        return self.result


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)[:40] or "plan"


__all__ = ["COMMENT_TARGETS", "DECISIONS", "ROLES", "Comment", "PlanReview", "ReviewedObject", "SignOffError",
           "SignOffRefused", "SignOffResult", "current_user", "file_sha256", "new_uid"]
