"""Annotations: a reviewer's or consultant's note tied to a place, an ROI, a goal, a beam or the plan.

An annotation has a stable tracking ``uid`` and changes only by new revisions: each revision gets a
new ``revision_uid`` and names the one it replaces (``predecessor_revision_uid``). Nothing is ever
deleted: withdrawing is a revision with status ``withdrawn``. Geometry is in patient mm (LPS) on
``frame_of_reference_uid``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from .provenance import Provenance, current_user
from .uids import new_uid

KINDS = ("comment", "point", "arrow", "ruler", "polygon", "freehand")
STATUSES = ("open", "resolved", "withdrawn")
TARGETS = ("case", "plan", "location", "roi", "goal", "beam", "check")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Annotation:
    """One revision of an annotation (immutable; edit with :meth:`revise`)."""

    text: str
    kind: str = "comment"
    points_mm: tuple[tuple[float, float, float], ...] = ()
    frame_of_reference_uid: str = ""
    target: str = "case"  # what it is about: one of TARGETS
    target_ref: str = ""  # ROI name, goal id, beam number, plan or check id ("" for the case)
    referenced_uids: tuple[str, ...] = ()  # plan, dose, structure set, image series it was made on
    status: str = "open"
    author: str = field(default_factory=current_user)
    created_utc: str = field(default_factory=_now)
    modified_utc: str = ""
    uid: str = field(default_factory=new_uid)
    revision_uid: str = field(default_factory=new_uid)
    predecessor_revision_uid: str = ""
    provenance: Provenance | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"annotation kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.status not in STATUSES:
            raise ValueError(f"annotation status {self.status!r} is not one of {', '.join(STATUSES)}")
        if self.target not in TARGETS:
            raise ValueError(f"annotation target {self.target!r} is not one of {', '.join(TARGETS)}")
        pts = tuple(tuple(float(v) for v in p) for p in self.points_mm)
        if any(len(p) != 3 for p in pts):
            raise ValueError("annotation points must be (x, y, z) in mm")
        object.__setattr__(self, "points_mm", pts)
        object.__setattr__(self, "referenced_uids", tuple(self.referenced_uids))
        if not self.modified_utc:
            object.__setattr__(self, "modified_utc", self.created_utc)

    @property
    def position_mm(self) -> tuple[float, float, float] | None:
        """The first point (where a list view jumps to), or None for a comment without a place."""
        return self.points_mm[0] if self.points_mm else None

    def revise(self, author: str | None = None, **changes: Any) -> Annotation:
        """A new revision: same ``uid``, new ``revision_uid``, this one as its predecessor."""
        return replace(self, **changes, author=author or current_user(), modified_utc=_now(),
                       revision_uid=new_uid(), predecessor_revision_uid=self.revision_uid)
