"""What a plugin sees of the workspace: a read-only view (plugin API 1.1).

The workspace (``plannerview.review.workspace.Workspace``, Qt-free) owns the review session's
case and everything derived from it (DVHs, goal reports, comparisons, derived doses and structure
sets, annotations), each cached by the identity of its inputs and parameters and announced by a
typed event (:mod:`plannerview.model.events`). Plugins get this protocol through
``ctx.workspace``; they add objects only through the context (``ctx.add_dose`` ...), which the host
validates and records with provenance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

from ..model import DVH, Case, DoseGrid, Provenance, StructureSet
from ..model.annotation import Annotation
from ..model.events import WorkspaceEvent

E = TypeVar("E", bound=WorkspaceEvent)


@runtime_checkable
class WorkspaceView(Protocol):
    """Read-only access to the case, the derived objects and the cached results."""

    @property
    def case(self) -> Case:
        """The loaded case with every derived dose and structure set added to it."""
        ...

    @property
    def derived_doses(self) -> tuple[DoseGrid, ...]:
        """Doses computed in this session (plugins, sums, EQD2 ...), newest last."""
        ...

    @property
    def derived_structure_sets(self) -> tuple[StructureSet, ...]:
        """Structure sets made in this session (contouring, margins, editing), newest last."""
        ...

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """The newest revision of every annotation."""
        ...

    def provenance_of(self, uid: str) -> Provenance | None:
        """How a derived object was made (None for objects read from files)."""
        ...

    def dvhs(self, structure_set: StructureSet, dose: DoseGrid,
             roi_names: Sequence[str] | None = None) -> Sequence[DVH]:
        """The DVHs of ``structure_set``'s ROIs on ``dose`` (cached; computed when missing)."""
        ...

    def subscribe(self, event_type: type[E], callback: Callable[[E], Any]) -> Callable[[], None]:
        """Call ``callback(event)`` for every event of ``event_type``; returns an unsubscribe function."""
        ...
