"""Resolving dose arguments shared by gamma, sum and compare: files, folders or selectors."""

from __future__ import annotations

from ..model import Case, DoseGrid, IonPlan, Plan
from .common import UsageError, load_case, select


def load_dose(arg: str, case: Case | None, sel: str | None = None, sel_option: str = "") -> tuple[DoseGrid, Case]:
    """A dose named by a selector within ``case`` (when given), else by its own file or folder
    (a folder holding several doses needs ``sel``: a dose or plan selector)."""
    if case is not None:
        return as_dose(case, arg), case
    own = load_case([arg])
    try:
        return as_dose(own, sel), own
    except UsageError as exc:
        if sel is None and sel_option and len(own.doses) > 1:
            raise UsageError(f"{arg} holds {len(own.doses)} doses: choose one with {sel_option} SEL "
                             f"(file, UID or plan label).\n{exc}") from None
        raise


def as_dose(case: Case, sel: str | None) -> DoseGrid:
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
