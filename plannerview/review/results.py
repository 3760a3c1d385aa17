"""Where checks, sign-off and the report get DVHs, goal reports and comparisons.

One adapter, so the review code never calls the engines in several places: it asks the
workspace (``plannerview.review.workspace.Workspace``) when one is given, and otherwise computes
once and keeps the result for the life of this object (keyed by the inputs' UIDs and parameters).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..compute.dvh import compute_dvhs
from ..compute.goals import GoalReport, evaluate_goals
from ..compute.protocols import Protocol
from ..model.case import Case
from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.structures import StructureSet


class ReviewResults:
    """DVHs, goal reports and comparisons for one case, computed once."""

    def __init__(self, case: Case, workspace: Any | None = None) -> None:
        self.case = case
        self.workspace = workspace
        self._dvhs: dict[tuple[str, str], dict[str, DVH]] = {}
        self._goals: dict[tuple[Any, ...], GoalReport] = {}
        self._comparisons: dict[tuple[Any, ...], Any] = {}

    def dvhs(self, structure_set: StructureSet, dose: DoseGrid, roi_names: Sequence[str] | None = None) -> list[DVH]:
        """DVHs of the named ROIs (all by default), in structure-set order."""
        if self.workspace is not None and hasattr(self.workspace, "dvhs"):
            return list(self.workspace.dvhs(structure_set, dose, roi_names))
        key = (structure_set.sop_uid, dose.sop_uid)
        have = self._dvhs.setdefault(key, {})
        wanted = [r.name for r in structure_set.rois] if roi_names is None else list(roi_names)
        todo = [n for n in wanted if n not in have]
        if todo:
            for h in compute_dvhs(structure_set, dose, roi_names=todo):
                have[h.roi_name] = h
        return [have[n] for n in wanted if n in have]

    def dvh(self, structure_set: StructureSet, dose: DoseGrid, roi_name: str) -> DVH:
        return self.dvhs(structure_set, dose, [roi_name])[0]

    def goals(self, protocol: Protocol, structure_set: StructureSet, dose: DoseGrid, fractions: int | None,
              prescription_gy: float | None) -> GoalReport:
        key = (protocol.name, protocol.sha256, structure_set.sop_uid, dose.sop_uid, fractions, prescription_gy)
        if key not in self._goals:
            ws = self.workspace
            if ws is not None and hasattr(ws, "goal_report"):
                self._goals[key] = ws.goal_report(protocol, structure_set, dose, fractions, prescription_gy)
            else:
                self._goals[key] = evaluate_goals(protocol, structure_set, dose, fractions, prescription_gy)
        return self._goals[key]

    def comparison(self, dose_a: DoseGrid, dose_b: DoseGrid, structure_set: StructureSet | None,
                   protocol: str | None = None, allow_mixed_types: bool = False) -> Any:
        """Dose A (reference) against dose B: difference, gamma, DVH metrics (``review.comparison``)."""
        from .comparison import compare_doses

        key = (dose_a.sop_uid, dose_b.sop_uid, structure_set.sop_uid if structure_set else "", protocol,
               allow_mixed_types)
        if key not in self._comparisons:
            ws = self.workspace
            if ws is not None and hasattr(ws, "comparison"):
                self._comparisons[key] = ws.comparison(dose_a, dose_b, structure_set=structure_set, protocol=protocol,
                                                       allow_mixed_types=allow_mixed_types)
            else:
                self._comparisons[key] = compare_doses(self.case, dose_a, dose_b, structure_set=structure_set,
                                                       protocol=protocol, allow_mixed_types=allow_mixed_types)
        return self._comparisons[key]
