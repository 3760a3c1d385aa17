"""Typed events of the workspace (derived results, new objects, annotations).

Subscribers register for an event *class* (or a base class), never a string topic. The review
session's display events (selection, cursor, ...) live in ``plannerview.review.session``; these
are the ones plugins may also subscribe to, so they sit in the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from .annotation import Annotation
from .common import DicomObject
from .provenance import Provenance


@dataclass(frozen=True)
class WorkspaceEvent:
    """Base of every workspace event."""


@dataclass(frozen=True)
class ObjectAdded(WorkspaceEvent):
    """A derived object (dose, structure set, registration...) joined the case, with how it was made."""

    obj: DicomObject
    provenance: Provenance | None


@dataclass(frozen=True)
class AnnotationChanged(WorkspaceEvent):
    """An annotation was added or revised (``annotation`` is the newest revision)."""

    annotation: Annotation


@dataclass(frozen=True)
class ResultReady(WorkspaceEvent):
    """A derived result (``kind``: 'dvh', 'goals', 'comparison', ...) was computed and cached."""

    kind: str
    key: tuple[str, ...]


@dataclass(frozen=True)
class CaseShared(WorkspaceEvent):
    """A case (its input ``paths``) was shared outside this machine, e.g. for a remote consult: the
    workstation keeps those paths out of its recent-cases list."""

    paths: tuple[str, ...]
    destination: str = ""
