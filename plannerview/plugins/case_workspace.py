"""A minimal :class:`~plannerview.plugin_api.WorkspaceView` over a case, for the host to give plugin
contexts until ``plannerview.review.workspace.Workspace`` is on main (then that replaces it).

It also records what the host adopts from plugin runs (``add_dose``, ``add_structure_set``,
``add_annotation``) and announces it with the typed events of :mod:`plannerview.model.events`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from ..model import DVH, Case, DoseGrid, Provenance, StructureSet
from ..model.annotation import Annotation
from ..model.events import AnnotationChanged, ObjectAdded, WorkspaceEvent

E = TypeVar("E", bound=WorkspaceEvent)


class CaseWorkspace:
    """The case plus what plugin runs added to it; typed events; DVHs computed on request."""

    def __init__(self, case: Case | None = None) -> None:
        self._case = case if case is not None else Case()
        self._doses: list[DoseGrid] = []
        self._sets: list[StructureSet] = []
        self._annotations: dict[str, Annotation] = {}
        self._provenance: dict[str, Provenance] = {}
        self._subs: list[tuple[type, Callable[[Any], Any]]] = []
        self._lock = threading.RLock()

    @property
    def case(self) -> Case:
        """The case with every added dose and structure set."""
        return self._case

    @property
    def derived_doses(self) -> tuple[DoseGrid, ...]:
        """Doses added in this session, newest last."""
        return tuple(self._doses)

    @property
    def derived_structure_sets(self) -> tuple[StructureSet, ...]:
        """Structure sets added in this session, newest last."""
        return tuple(self._sets)

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """The newest revision of every annotation."""
        return tuple(self._annotations.values())

    def provenance_of(self, uid: str) -> Provenance | None:
        """How an added object was made (None for objects read from files)."""
        return self._provenance.get(uid)

    def dvhs(self, structure_set: StructureSet, dose: DoseGrid,
             roi_names: Sequence[str] | None = None) -> Sequence[DVH]:
        """DVHs of the structure set's ROIs on the dose (computed on each call)."""
        from ..compute.dvh import compute_dvhs

        return compute_dvhs(structure_set, dose, roi_names)

    def subscribe(self, event_type: type[E], callback: Callable[[E], Any]) -> Callable[[], None]:
        """Call ``callback(event)`` for every event of ``event_type``; returns an unsubscribe."""
        entry = (event_type, callback)
        with self._lock:
            self._subs.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._subs:
                    self._subs.remove(entry)

        return unsubscribe

    def _set_case(self, case: Case) -> None:
        """Replace the case (the GUI's adapter also shows it)."""
        self._case = case

    def _emit(self, event: WorkspaceEvent) -> None:
        with self._lock:
            subs = list(self._subs)
        for etype, cb in subs:
            if isinstance(event, etype):
                cb(event)

    # --- adopting results (the host's side; plugins only read) --------------------------------------
    def add_dose(self, dose: DoseGrid, provenance: Provenance | None) -> DoseGrid:
        """Add a dose to the case and announce it."""
        with self._lock:
            self._set_case(replace(self.case, doses=(*self.case.doses, dose)))
            self._doses.append(dose)
            if provenance is not None:
                self._provenance[dose.sop_uid] = provenance
        self._emit(ObjectAdded(dose, provenance))
        return dose

    def add_structure_set(self, ss: StructureSet, provenance: Provenance | None, file: str | None = None) -> StructureSet:
        """Add a structure set to the case and announce it."""
        with self._lock:
            case = self.case
            self._set_case(replace(case, structure_sets=(*case.structure_sets, ss),
                                   sources=(*case.sources, file) if file else case.sources))
            self._sets.append(ss)
            if provenance is not None:
                self._provenance[ss.sop_uid] = provenance
        self._emit(ObjectAdded(ss, provenance))
        return ss

    def add_annotation(self, annotation: Annotation) -> Annotation:
        """Add (or revise) an annotation and announce it."""
        with self._lock:
            self._annotations[annotation.uid] = annotation
        self._emit(AnnotationChanged(annotation))
        return annotation
