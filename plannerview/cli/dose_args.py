"""Resolving dose arguments shared by gamma, sum and compare: files, folders or selectors."""

from __future__ import annotations

import argparse

from ..compute.dose_ops import course_dose, per_fraction_note
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


def add_scaling_options(p: argparse.ArgumentParser, fractions: bool = True) -> None:
    """``--scale-to-course`` (and ``--fractions N``): the explicit, labelled way to whole-course values."""
    p.add_argument("--scale-to-course", action="store_true",
                   help="multiply a per-fraction (FRACTION) dose by its plan's number of fractions; without it "
                        "a FRACTION dose is evaluated per fraction")
    if fractions:
        p.add_argument("--fractions", type=int, metavar="N",
                       help="the number of fractions when the dose's plan is not in the input (or to override it)")


def scaled(case: Case | None, dose: DoseGrid, scale: bool, fractions: int | None = None) -> DoseGrid:
    """The dose as asked: per fraction as stored, or scaled to the course with ``--scale-to-course``."""
    if not scale or not dose.per_fraction:
        return dose
    n = fractions or (fractions_of(case, dose) if case is not None else None)
    try:
        return course_dose(dose, n)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def per_fraction_notes(dose: DoseGrid, case: Case | None) -> list[str]:
    """What a reader of per-fraction values must know (nothing for other doses)."""
    note = per_fraction_note(dose, fractions_of(case, dose) if case is not None else None)
    return [note] if note else []
