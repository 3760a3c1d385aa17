"""Resolving dose arguments shared by gamma, sum and compare: files, folders or selectors."""

from __future__ import annotations

from ..model import Case, DoseGrid, IonPlan, Plan
from .common import UsageError, load_case, select


def load_dose(arg: str, case: Case | None) -> tuple[DoseGrid, Case]:
    """A dose named by a selector within ``case`` (when given), else by its own file or folder."""
    if case is not None:
        return _as_dose(case, arg), case
    own = load_case([arg])
    return _as_dose(own, None), own


def _as_dose(case: Case, sel: str | None) -> DoseGrid:
    """A dose selector, or a plan selector meaning the plan's PLAN-summed dose."""
    if sel is not None and case.plans:
        try:
            plan = case.select("plan", sel)
        except Exception:
            plan = None
        if isinstance(plan, Plan | IonPlan):
            d = case.plan_dose(plan.sop_uid)
            if d is None:
                raise UsageError(f"plan '{plan.label}' has no PLAN dose in the input")
            return d
    obj = select(case, "dose", sel)
    assert isinstance(obj, DoseGrid)
    return obj


def fractions_of(case: Case, dose: DoseGrid) -> int | None:
    plan = case.plan(dose.referenced_plan_uid) if dose.referenced_plan_uid else None
    return plan.fractions if plan is not None else None
