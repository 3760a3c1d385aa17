"""Revisions made elsewhere (a sync plugin brings them) join the workspace as they are."""

from __future__ import annotations

from plannerview.model.annotation import Annotation
from plannerview.model.events import AnnotationChanged
from plannerview.review.workspace import Workspace


def test_a_remote_revision_keeps_its_uids_and_is_added_once() -> None:
    ws = Workspace()
    events: list[Annotation] = []
    ws.subscribe(AnnotationChanged, lambda e: events.append(e.annotation))
    first = Annotation(text="check the ring", author="alice")
    assert ws.add_annotation_revision(first) is first  # a new annotation
    remote = first.revise(author="bob", status="resolved")  # made on another workstation
    ws.add_annotation_revision(remote)
    ws.add_annotation_revision(remote)  # arrives twice: no second revision, no second event
    assert ws.annotation(first.uid) == remote
    assert [r.revision_uid for r in ws.annotation_history(first.uid)] == [first.revision_uid, remote.revision_uid]
    assert [e.revision_uid for e in events] == [first.revision_uid, remote.revision_uid]
    # a concurrent revision of the same predecessor is kept too (the sync flags the conflict)
    other = first.revise(author="carol", text="ring is fine")
    ws.add_annotation_revision(other)
    assert len(ws.annotation_history(first.uid)) == 3 and ws.annotation(first.uid) == other
