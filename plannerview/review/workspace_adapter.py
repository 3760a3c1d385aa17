"""Where checks, sign-off and the report get DVHs, goal reports and comparisons until the workspace
(``plannerview.review.workspace.Workspace``, issue 11) is on main.

:class:`ReviewResults` has the workspace's method names and signatures (``dvhs``, ``dvh``, ``goals``,
``comparison``), computes once and keeps each result for its lifetime, keyed by the inputs' UIDs
and parameters. Switching to the workspace is passing a ``Workspace`` where a ``ReviewResults`` is
taken; nothing else in the review code calls the engines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..compute.dvh import compute_dvhs
from ..compute.goals import GoalReport, evaluate_goals
from ..compute.protocols import Protocol
from ..model.case import AnyPlan, Case
from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.structures import ROI, StructureSet
from .loaders import load_protocol


class ReviewResults:
    """DVHs, goal reports and comparisons for one case, computed once (the workspace's API)."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self._dvhs: dict[tuple[str, str], dict[int, DVH]] = {}
        self._goals: dict[tuple[Any, ...], GoalReport] = {}
        self._comparisons: dict[tuple[Any, ...], Any] = {}

    def dvhs(self, structure_set: StructureSet, dose: DoseGrid, roi_names: Sequence[str] | None = None) -> list[DVH]:
        """DVHs of the named ROIs (all by default), in structure-set order."""
        have = self._dvhs.setdefault((structure_set.sop_uid, dose.sop_uid), {})
        wanted = {n.lower() for n in roi_names} if roi_names is not None else None
        rois = [r for r in structure_set.rois if wanted is None or r.name.lower() in wanted]
        todo = [r for r in rois if r.number not in have]
        if todo:
            for h in compute_dvhs(structure_set, dose, roi_names=[str(r.number) for r in todo]):
                have[h.roi_number] = h
        return [have[r.number] for r in rois]

    def dvh(self, structure_set: StructureSet, roi: ROI | str | int, dose: DoseGrid) -> DVH:
        r = roi if isinstance(roi, ROI) else structure_set.roi(roi)
        have = self._dvhs.setdefault((structure_set.sop_uid, dose.sop_uid), {})
        if r.number not in have:
            have[r.number] = compute_dvhs(structure_set, dose, roi_names=[str(r.number)])[0]
        return have[r.number]

    def goals(self, protocol: Protocol | str, structure_set: StructureSet, dose: DoseGrid,
              plan: AnyPlan | None = None, *, fractions: int | None = None,
              prescription_gy: float | None = None) -> GoalReport:
        prot = protocol if isinstance(protocol, Protocol) else load_protocol(protocol)
        fx = fractions if fractions is not None else (plan.fractions if plan is not None else None)
        rx = prescription_gy if prescription_gy is not None else (plan.prescription_gy if plan is not None else None)
        targets = plan.target_roi_numbers if plan is not None else frozenset()
        key = (prot.name, prot.sha256, structure_set.sop_uid, dose.sop_uid, fx, rx, targets)
        if key not in self._goals:
            self._goals[key] = evaluate_goals(prot, structure_set, dose, fx, rx, target_roi_numbers=targets)
        return self._goals[key]

    def comparison(self, dose_a: DoseGrid, dose_b: DoseGrid, protocol: Protocol | str | None = None, *,
                   structure_set: StructureSet | None = None, allow_mixed_types: bool = False) -> Any:
        """Dose A (reference) against dose B: difference, gamma, DVH metrics (``review.comparison``)."""
        from .comparison import compare_doses

        name = (protocol.file or protocol.name) if isinstance(protocol, Protocol) else protocol
        key = (dose_a.sop_uid, dose_b.sop_uid, structure_set.sop_uid if structure_set else "", name,
               allow_mixed_types)
        if key not in self._comparisons:
            self._comparisons[key] = compare_doses(self.case, dose_a, dose_b, structure_set=structure_set,
                                                   protocol=name, allow_mixed_types=allow_mixed_types)
        return self._comparisons[key]
