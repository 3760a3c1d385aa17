"""Clinical goals: a protocol (``protocols``) evaluated on a plan's dose and structures.

Each goal's ROI is found by TG-263 name (``roi_names.match_roi``), its DVH computed by the DVH
engine (``dvh.compute_dvh``) and its metric evaluated (``metrics.evaluate_metric``). Status:
``pass`` (meets the limit), ``acceptable`` (misses the limit, meets the acceptable variation),
``fail``, or ``not_evaluated`` (no ROI, metric not computable, relative dose...). Unmatched goals
are reported, never dropped.

Fractionation: the limits hold at the protocol's fractionation. When the plan's number of
fractions differs, each goal says so in its note; with ``eqd2=True`` the DVH is computed on the
voxel-wise EQD2 of the dose (alpha/beta per ROI from the protocol, the plan's fractions) and
dose limits are converted to EQD2 at the protocol's fractionation. For volume metrics (V20Gy) the
dose threshold is converted, not the volume limit. Metrics relative to the prescription (D95%[%],
V95%[%]) and indices (HI) do not change with a monotonic dose transform and are evaluated on the
physical dose.
"""

from __future__ import annotations

import dataclasses
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.findings import Finding, Severity
from ..model.provenance import Provenance
from ..model.structures import ROI, StructureSet
from ..model.text import OR, QT_TRANSLATE_NOOP, Msg
from ..tasks import Cancelled, TaskContext
from ..version import __version__
from .derived import derived_dose
from .dvh import compute_dvh
from .metrics import Metric, MetricError, evaluate_metric, parse_metric
from .protocols import Goal, Protocol, ProtocolError
from .radiobiology import eqd2_gy
from .roi_names import AmbiguousRoi, RoiMatch, match_roi

__all__ = ["GoalReport", "GoalResult", "GoalsCancelled", "ProtocolError", "distrust_on_errors", "eqd2_dose",
           "evaluate_goals", "status_of"]
ENGINE = "plannerview-goals"
STATUSES = ("pass", "acceptable", "fail", "not_evaluated")
_OPS: dict[str, Callable[[float, float], bool]] = {"<": operator.lt, "<=": operator.le, ">": operator.gt,
                                                    ">=": operator.ge}
_DOSE_KINDS = ("D_STAT", "D_PCT", "D_CC", "GEUD")
PARTIAL_COVERAGE_PCT = 99.9  # below this share of an ROI inside the dose grid, its goals are flagged
Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]
DvhOf = Callable[[ROI, DoseGrid], DVH]
"""Gives the DVH of one ROI of the goals' structure set on a dose (the workspace passes its cache)."""
Eqd2Of = Callable[[DoseGrid, int, float], DoseGrid]
"""Gives the EQD2 of a dose for (fractions, alpha/beta) (the workspace passes its cache)."""


class GoalsCancelled(Cancelled):
    """Raised when ``cancel()`` returns True between goals."""


@dataclass(frozen=True)
class GoalResult:
    """One evaluated goal. ``limit`` / ``acceptable`` are those compared (in EQD2 with ``eqd2``)."""

    goal: Goal
    matched_roi: str | None
    value: float | None
    unit: str
    limit: float
    acceptable: float | None
    status: str
    note: str
    alpha_beta_gy: float | None = None
    covered_percent: float | None = None  # % of the matched ROI inside the dose grid (None: not computed)
    candidates: tuple[str, ...] = ()  # ROIs that could each be the goal's target (ambiguous: the user picks)

    @property
    def partly_covered(self) -> bool:
        """The goal was computed on an ROI that lies partly outside the dose grid."""
        return self.covered_percent is not None and self.covered_percent < PARTIAL_COVERAGE_PCT

    def to_json(self) -> dict[str, Any]:
        return {
            "roi": self.goal.roi,
            "matched_roi": self.matched_roi,
            "metric": self.goal.metric,
            "value": None if self.value is None else round(self.value, 4),
            "unit": self.unit,
            "comparator": self.goal.comparator,
            "limit": round(self.limit, 4),
            "acceptable": None if self.acceptable is None else round(self.acceptable, 4),
            "status": self.status,
            "note": self.note,
            "citation": str(self.goal.citation),
            "covered_percent": None if self.covered_percent is None else round(self.covered_percent, 2),
            "candidates": list(self.candidates),
        }


@dataclass(frozen=True)
class GoalReport:
    protocol: Protocol
    plan_fractions: int | None
    prescription_gy: float | None
    prescription_from: str  # "plan" or "protocol"
    eqd2: bool
    results: tuple[GoalResult, ...]
    provenance: Provenance = field(default_factory=lambda: Provenance(ENGINE, __version__))
    dose_summation: str = ""  # the evaluated dose's summation_label
    per_fraction: bool = False  # the evaluated dose is of one fraction (FRACTION, not scaled)
    warnings: tuple[str, ...] = ()  # about the whole report (e.g. per-fraction dose, whole-course limits)
    preflight_errors: tuple[str, ...] = ()  # error findings of the objects used: no goal is "pass"

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.results) for s in STATUSES}

    @property
    def fractionation_differs(self) -> bool:
        return self.plan_fractions is not None and self.plan_fractions != self.protocol.fractions

    def result(self, roi: str, metric: str) -> GoalResult:
        """The result of the goal on ``roi`` (the protocol's name) with ``metric``; KeyError if none."""
        for r in self.results:
            if r.goal.roi == roi and r.goal.metric == metric:
                return r
        raise KeyError(f"no goal {roi} {metric} in protocol {self.protocol.name}")

    def to_json(self) -> dict[str, Any]:
        """The document ``plannerview goals --json`` prints."""
        return {
            "protocol": self.protocol.name,
            "title": self.protocol.title,
            "plan_fractions": self.plan_fractions,
            "protocol_fractions": self.protocol.fractions,
            "protocol_prescription_gy": self.protocol.prescription_gy,
            "prescription_gy": self.prescription_gy,
            "prescription_from": self.prescription_from,
            "eqd2": self.eqd2,
            "dose_summation": self.dose_summation,
            "per_fraction": self.per_fraction,
            "warnings": list(self.warnings),
            "summary": self.counts,
            "goals": [r.to_json() for r in self.results],
            "sources": self.protocol.sources,
            "provenance": self.provenance.to_json(),
            "preflight_errors": list(self.preflight_errors),
        }


def distrust_on_errors(report: GoalReport, errors: Sequence[Finding]) -> GoalReport:
    """A goal evaluated on an object with an error finding is never "pass" (nor "acceptable"): those
    goals become "not_evaluated", keeping the value and saying why in the note. Failing goals stay
    "fail" (the error cannot make them safer)."""
    errs = [f for f in errors if f.severity == Severity.ERROR]
    if not errs:
        return report
    why = "; ".join(dict.fromkeys(f"{f.code} ({Path(f.file).name or f.object_uid})" for f in errs))
    results = []
    for r in report.results:
        if r.status in ("pass", "acceptable"):
            if r.status == "pass":
                said = Msg(QT_TRANSLATE_NOOP("GoalNotes", "would be pass, but not trusted: preflight error {errors}"),
                           errors=why)
            else:
                said = Msg(QT_TRANSLATE_NOOP("GoalNotes", "would be acceptable, but not trusted: preflight error "
                                             "{errors}"), errors=why)
            note = Msg.joined([said, r.note]) if r.note else said
            r = dataclasses.replace(r, status="not_evaluated", note=note)
        results.append(r)
    return dataclasses.replace(report, results=tuple(results),
                               preflight_errors=tuple(f"{f.code}: {f.message} ({f.file})" for f in errs))


def eqd2_dose(dose: DoseGrid, fractions: int, alpha_beta_gy: float) -> DoseGrid:
    """The voxel-wise EQD2 of a dose grid in Gy delivered in ``fractions`` equal fractions.

    A derived dose (new UIDs, provenance): no plan reference and none of the physical dose's TPS
    DVHs, which describe the physical dose, not this one."""
    if not dose.is_gy:
        raise ProtocolError(f"dose {dose.sop_uid} is {dose.units}, not Gy: no EQD2")
    prov = Provenance(ENGINE, __version__, {"transform": "EQD2", "alpha_beta_gy": alpha_beta_gy,
                                            "fractions": fractions}, inputs=(dose.sop_uid,))
    return derived_dose(lambda: eqd2_gy(dose.dose, fractions, alpha_beta_gy), like=dose, provenance=prov,
                        description=f"EQD2 (alpha/beta {alpha_beta_gy:g} Gy, {fractions} fx) of {dose.label}")


def status_of(value: float, comparator: str, limit: float, acceptable: float | None) -> str:
    """pass / acceptable / fail of one value against a limit and an optional acceptable limit."""
    cmp = _OPS[comparator]
    if cmp(value, limit):
        return "pass"
    if acceptable is not None and cmp(value, acceptable):
        return "acceptable"
    return "fail"


def evaluate_goals(
    protocol: Protocol,
    structure_set: StructureSet,
    dose: DoseGrid,
    plan_fractions: int | None = None,
    plan_prescription_gy: float | None = None,
    *,
    eqd2: bool = False,
    user_map: dict[str, str] | None = None,
    target_roi_numbers: frozenset[int] = frozenset(),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    ctx: TaskContext | None = None,
    dvh_of: DvhOf | None = None,
    eqd2_of: Eqd2Of | None = None,
) -> GoalReport:
    """Evaluate every goal of ``protocol`` on ``dose`` with the ROIs of ``structure_set``.

    ``target_roi_numbers``: the ROIs the plan's TARGET dose references name (they are the targets
    a protocol's PTV/CTV goals mean, before names and types are looked at).
    Each ROI's DVH is computed with its structure set (so a single-plane ROI gets the same slab
    as in ``plannerview dvh``), or taken from ``dvh_of(roi, dose)`` when given (the workspace's
    cache); EQD2 doses likewise from ``eqd2_of``. Progress and cancel come from ``ctx`` (or the
    older callbacks); raises :class:`GoalsCancelled` between goals.
    """
    t = TaskContext.of(ctx, progress, cancel)
    if eqd2 and not plan_fractions:
        raise ProtocolError("EQD2 needs the plan's number of fractions (the plan states none)")
    if eqd2 and not dose.is_gy:
        raise ProtocolError(f"EQD2 needs a dose in Gy; this dose is {dose.units}")
    if eqd2 and dose.per_fraction:
        raise ProtocolError(f"EQD2 is a whole-course value and dose {dose.label!r} is per fraction (FRACTION): "
                            "scale it to the course explicitly (--scale-to-course)")
    rx = plan_prescription_gy or protocol.prescription_gy
    rx_from = "plan" if plan_prescription_gy else "protocol"
    warnings = per_fraction_warnings(protocol, dose, plan_fractions)
    rx_split = None
    if dose.per_fraction and protocol.eqd2_total is None:  # %-of-prescription metrics: one fraction's share
        n = plan_fractions if rx_from == "plan" else protocol.fractions
        if n and n > 1 and rx:
            rx, rx_split = rx / n, n
    ev = _Evaluator(protocol, structure_set, dose, plan_fractions, rx, rx_from, eqd2, user_map or {},
                    frozenset(target_roi_numbers), rx_split=rx_split, dvh_of=dvh_of, eqd2_of=eqd2_of)
    results = []
    n = len(protocol.goals)
    for i, goal in enumerate(protocol.goals):
        if t.cancelled():
            raise GoalsCancelled(protocol.name)
        t.progress(i / n, f"{goal.roi} {goal.metric}")
        results.append(ev.goal(goal))
    t.progress(1.0, "done")
    prov = Provenance(ENGINE, __version__, {
        "protocol": protocol.name, "protocol_file": protocol.file, "protocol_sha256": protocol.sha256,
        "eqd2": eqd2, "plan_fractions": plan_fractions, "prescription_gy": rx, "prescription_from": rx_from,
        "roi_map": dict(user_map or {}), "dvh_engine": "plannerview.compute.dvh.compute_dvh",
        "dose_summation": dose.summation_label,
    }, inputs=(dose.sop_uid, structure_set.sop_uid))
    return GoalReport(protocol, plan_fractions, rx, rx_from, eqd2, tuple(results), prov,
                      dose_summation=dose.summation_label, per_fraction=dose.per_fraction, warnings=tuple(warnings))


def per_fraction_warnings(protocol: Protocol, dose: DoseGrid, plan_fractions: int | None) -> list[str]:
    """What to say when a per-fraction dose meets a protocol whose limits are for the whole course
    (nothing for one-fraction plans, whole-course doses, or protocols converting per-fraction values
    themselves, like the brachytherapy total-EQD2 ones)."""
    if not dose.per_fraction or protocol.eqd2_total is not None:
        return []
    if plan_fractions == 1 or (plan_fractions is None and protocol.fractions == 1):
        return []
    n = (Msg(QT_TRANSLATE_NOOP("GoalNotes", "{fractions} fx"), fractions=plan_fractions) if plan_fractions
         else Msg(QT_TRANSLATE_NOOP("GoalNotes", "the plan's fractions")))
    return [Msg(QT_TRANSLATE_NOOP("GoalNotes", "per-fraction dose evaluated against whole-course limits: dose {dose} is "
                                  "labelled FRACTION (one fraction), the protocol's limits are for the whole course "
                                  "({rx:g} Gy in {fractions} fx). Values are per fraction; --scale-to-course evaluates "
                                  "the course (x {n})"), dose=repr(dose.label), rx=protocol.prescription_gy,
                fractions=protocol.fractions, n=n)]


@dataclass
class _Evaluator:
    protocol: Protocol
    ss: StructureSet
    dose: DoseGrid
    plan_fractions: int | None
    rx_gy: float | None
    rx_from: str
    eqd2: bool
    user_map: dict[str, str]
    target_rois: frozenset[int] = frozenset()
    rx_split: int | None = None  # the prescription was divided by this many fractions (per-fraction dose)
    ambiguous: dict[Goal, AmbiguousRoi] = field(default_factory=dict)
    dvh_of: DvhOf | None = None
    eqd2_of: Eqd2Of | None = None
    _dvhs: dict[tuple[str, int, float | None], DVH] = field(default_factory=dict)
    _eqd2_doses: dict[float, DoseGrid] = field(default_factory=dict)

    def goal(self, goal: Goal) -> GoalResult:
        common: list[str] = []
        if self.plan_fractions is None:
            common.append(Msg(QT_TRANSLATE_NOOP("GoalNotes", "plan fractionation unknown: limits are for "
                                                "{protocol} fx"), protocol=self.protocol.fractions))
        elif self.plan_fractions != self.protocol.fractions and not self.eqd2:
            common.append(Msg(QT_TRANSLATE_NOOP("GoalNotes", "fractionation differs: plan {plan} fx, protocol "
                                                "{protocol} fx (limits are for {protocol} fx; use EQD2 to convert)"),
                              plan=self.plan_fractions, protocol=self.protocol.fractions))
        elif self.eqd2 and self.plan_fractions != self.protocol.fractions:
            common.append(Msg(QT_TRANSLATE_NOOP("GoalNotes", "plan dose taken as {plan} fx for EQD2, protocol "
                                                "{protocol} fx"), plan=self.plan_fractions,
                              protocol=self.protocol.fractions))
        if self.protocol.dose_type == "EFFECTIVE" and self.dose.dose_type.upper() != "EFFECTIVE":
            return GoalResult(goal, None, None, goal.unit, goal.limit, goal.acceptable, "not_evaluated",
                              _join([_not_rbe(self.dose.dose_type), *common, goal.note]))
        if self.protocol.dose_type == "PHYSICAL" and self.dose.dose_type.upper() == "EFFECTIVE":
            common.append(Msg(QT_TRANSLATE_NOOP("GoalNotes", "RBE-weighted dose (Gy(RBE)) compared with limits in Gy")))
        matches = self._matches(goal)
        if not matches and goal in self.ambiguous:
            amb = self.ambiguous[goal]
            return GoalResult(goal, None, None, goal.unit, goal.limit, goal.acceptable, "not_evaluated",
                              _join([amb.message, *common, goal.note]), candidates=tuple(r.name for r in amb.candidates))
        if not matches:
            names = Msg.joined(goal.rois, OR)
            return GoalResult(goal, None, None, goal.unit, goal.limit, goal.acceptable, "not_evaluated",
                              _join([Msg(QT_TRANSLATE_NOOP("GoalNotes", "no ROI matches {names} (TG-263); name it in "
                                                           "an ROI map"), names=names), *common, goal.note]))
        evaluated = [self._one(goal, m) for m in matches]
        if goal.any_of:
            done = [r for r in evaluated if r[0].value is not None]
            best_of = done or evaluated
            pick = min if goal.comparator.startswith("<") else max
            best = pick(best_of, key=lambda r: r[0].value if r[0].value is not None else math.inf)
            others = [f"{r[0].matched_roi}: {r[0].value:.4g} {r[0].unit}" for r in evaluated
                      if r is not best and r[0].value is not None]
            res, notes = best
            extra = [Msg(QT_TRANSLATE_NOOP("GoalNotes", "best of {rois} (also {others})"), rois=", ".join(goal.rois),
                         others="; ".join(others)) if others else
                     Msg(QT_TRANSLATE_NOOP("GoalNotes", "best of {rois}"), rois=", ".join(goal.rois))]
            return dataclasses.replace(res, note=_join([*extra, *notes, *common, goal.note]))
        res, notes = evaluated[0]
        return dataclasses.replace(res, note=_join([*notes, *common, goal.note]))

    def _coverage(self, roi: ROI) -> float | None:
        """% of an ROI receiving 95 % of the prescription (tells a target from an expansion)."""
        if not self.rx_gy or not self.dose.is_gy:
            return None
        dvh = self._dvh(roi, self.dose, None)
        return dvh.volume_percent_at_dose(0.95 * self.rx_gy) if dvh.covered_cc > 0 else None

    def _matches(self, goal: Goal) -> list[tuple[RoiMatch, str]]:
        out = []
        for i, name in enumerate(goal.rois):
            try:
                m = match_roi(name, self.ss, self.user_map, self.rx_gy, dose_reference_rois=self.target_rois,
                              coverage=self._coverage)
            except AmbiguousRoi as exc:
                self.ambiguous[goal] = exc
                return []
            if m is None:
                continue
            alt = "" if goal.any_of or i == 0 else Msg(QT_TRANSLATE_NOOP("GoalNotes", "no {wanted}: alternative {roi} "
                                                                        "used"), wanted=goal.rois[0], roi=name)
            out.append((m, alt))
            if not goal.any_of:
                break
        return [(m, alt) for m, alt in out]

    def _one(self, goal: Goal, match: tuple[RoiMatch, str]) -> tuple[GoalResult, list[str]]:
        m, alt = match
        roi = m.roi
        notes = [n for n in (alt, m.how if m.how != "exact name" else "") if n]
        metric = parse_metric(goal.metric)
        limit, acceptable = goal.limit, goal.acceptable
        ab: float | None = None
        dose = self.dose
        if self.eqd2:
            assert self.plan_fractions is not None
            ab = self.protocol.alpha_beta_for(goal, roi.name)
            metric, limit, acceptable, how = _to_eqd2(metric, goal, self.protocol.fractions, ab)
            notes.append(how)
            if how.startswith("EQD2"):
                dose = self._eqd2(ab)
            else:
                ab = None
        if metric.unit == "%" and metric.kind in (*_DOSE_KINDS, "V_PCT_RX") and self.rx_gy:
            notes.append(_of_prescription(self.rx_from, self.rx_gy, self.rx_split))
        dvh = self._dvh(roi, dose, ab)
        covered = 100.0 * dvh.covered_cc / dvh.volume_cc if dvh.volume_cc > 0 else None
        base = GoalResult(goal, roi.name, None, goal.unit, limit, acceptable, "not_evaluated", "", ab, covered)
        try:
            val = evaluate_metric(metric, dvh, prescription_gy=self.rx_gy, dose=dose)
        except MetricError as exc:
            said = exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)
            return base, [said, *notes]
        if val.value is None or not math.isfinite(val.value):
            why = Msg(QT_TRANSLATE_NOOP("GoalNotes", "metric not computable on this DVH"))
            if dvh.is_relative:
                why = Msg(QT_TRANSLATE_NOOP("GoalNotes", "the dose grid is RELATIVE, not Gy: absolute-dose metric not "
                                            "computable"))
            elif dvh.covered_cc <= 0:
                why = Msg(QT_TRANSLATE_NOOP("GoalNotes", "the ROI is outside the dose grid or has no volume"))
            elif metric.kind == "D_CC" and (metric.x or 0) > dvh.covered_cc:
                why = Msg(QT_TRANSLATE_NOOP("GoalNotes", "the ROI ({covered:.3g} cc in the dose grid) is smaller than "
                                            "{volume:g} cc"), covered=dvh.covered_cc, volume=metric.x)
            return dataclasses.replace(base, unit=val.unit or goal.unit), [why, *notes, *dvh.warnings]
        value, unit = float(val.value), val.unit
        if self.protocol.eqd2_total is not None:
            converted = self._total_eqd2(goal, metric, value, roi.name)
            if isinstance(converted, str):
                return base, [converted, *notes, *dvh.warnings]
            value, unit, how = converted
            notes.append(how)
        status = status_of(value, goal.comparator, limit, acceptable)
        return (dataclasses.replace(base, value=value, unit=unit, status=status),
                [*notes, *dvh.warnings])

    def _total_eqd2(self, goal: Goal, metric: Metric, value_gy: float, roi_name: str) -> tuple[float, str, str] | str:
        """A dose metric of one brachytherapy plan as the course's total EQD2 (external beam included);
        a message instead when the metric is not a dose in Gy."""
        part = self.protocol.eqd2_total
        assert part is not None
        if metric.kind not in _DOSE_KINDS or metric.unit != "Gy":
            return Msg(QT_TRANSLATE_NOOP("GoalNotes", "{metric}: only doses in Gy are converted to total EQD2"),
                       metric=goal.metric)
        ab = self.protocol.alpha_beta_for(goal, roi_name)
        summed = self.dose.summation_type.upper() not in ("FRACTION",) and (self.plan_fractions or 1) > 1
        per_fx = value_gy / self.plan_fractions if summed and self.plan_fractions else value_gy
        n = self.protocol.fractions
        total = part.eqd2_gy(ab) + n * float(eqd2_gy(per_fx, 1, ab))
        values = {"ab": ab, "per_fx": per_fx, "fractions": n, "brachy": total - part.eqd2_gy(ab),
                  "ebrt_fractions": part.fractions, "ebrt_per_fx": part.dose_per_fraction_gy,
                  "ebrt": part.eqd2_gy(ab)}
        if summed:
            how = Msg(QT_TRANSLATE_NOOP("GoalNotes", "total EQD2 (alpha/beta {ab:g} Gy): {per_fx:.2f} Gy per fraction "
                                        "({summation} dose of {plan_fractions} fx divided by them) x {fractions} fx = "
                                        "{brachy:.1f} Gy, + external beam {ebrt_fractions} x {ebrt_per_fx:g} Gy = "
                                        "{ebrt:.1f} Gy"),
                      summation=self.dose.summation_type, plan_fractions=self.plan_fractions, **values)
        else:
            how = Msg(QT_TRANSLATE_NOOP("GoalNotes", "total EQD2 (alpha/beta {ab:g} Gy): {per_fx:.2f} Gy per fraction x "
                                        "{fractions} fx = {brachy:.1f} Gy, + external beam {ebrt_fractions} x "
                                        "{ebrt_per_fx:g} Gy = {ebrt:.1f} Gy"), **values)
        return total, "Gy EQD2", how

    def _eqd2(self, ab: float) -> DoseGrid:
        if ab not in self._eqd2_doses:
            assert self.plan_fractions is not None
            make = self.eqd2_of or eqd2_dose
            self._eqd2_doses[ab] = make(self.dose, self.plan_fractions, ab)
        return self._eqd2_doses[ab]

    def _dvh(self, roi: ROI, dose: DoseGrid, ab: float | None) -> DVH:
        key = (roi.name, roi.number, ab)
        if key not in self._dvhs:
            self._dvhs[key] = (self.dvh_of(roi, dose) if self.dvh_of is not None
                               else compute_dvh(roi, dose, structure_set=self.ss))
        return self._dvhs[key]


def _to_eqd2(metric: Metric, goal: Goal, fractions: int, ab: float) -> tuple[Metric, float, float | None, str]:
    """The metric, limit and acceptable limit in EQD2, and a note saying what was converted."""

    def conv(x: float) -> float:
        return float(eqd2_gy(x, fractions, ab))

    if metric.kind in _DOSE_KINDS and metric.unit == "Gy":
        lim = conv(goal.limit)
        acc = conv(goal.acceptable) if goal.acceptable is not None else None
        return metric, lim, acc, Msg(QT_TRANSLATE_NOOP("GoalNotes", "EQD2 (alpha/beta {ab:g} Gy): limit {limit:g} Gy "
                                                       "in {fractions} fx = {eqd2:.2f} Gy EQD2"),
                                     ab=ab, limit=goal.limit, fractions=fractions, eqd2=lim)
    if metric.kind == "V_GY":
        x = conv(metric.x or 0.0)
        unit = metric.unit
        new = dataclasses.replace(metric, x=x, text=f"V{x:.4f}Gy[{unit}]")
        return new, goal.limit, goal.acceptable, Msg(QT_TRANSLATE_NOOP("GoalNotes", "EQD2 (alpha/beta {ab:g} Gy): "
                                                                       "threshold {threshold:g} Gy in {fractions} fx = "
                                                                       "{eqd2:.2f} Gy EQD2"),
                                                     ab=ab, threshold=metric.x, fractions=fractions, eqd2=x)
    return metric, goal.limit, goal.acceptable, Msg(QT_TRANSLATE_NOOP("GoalNotes", "relative to the prescription (or "
                                                                      "an index): the same in EQD2, evaluated on the "
                                                                      "physical dose"))


def _join(parts: list[str]) -> str:
    """The note: its clauses once each, in order (each translated on its own in the workstation)."""
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return Msg.joined(seen)


def _not_rbe(dose_type: str) -> Msg:
    if dose_type:
        return Msg(QT_TRANSLATE_NOOP("GoalNotes", "the protocol's limits are RBE-weighted doses (Gy(RBE)); this dose is "
                                     "{dose_type}: evaluate the EFFECTIVE (RBE-weighted) dose"), dose_type=dose_type)
    return Msg(QT_TRANSLATE_NOOP("GoalNotes", "the protocol's limits are RBE-weighted doses (Gy(RBE)); this dose is "
                                 "of unknown type: evaluate the EFFECTIVE (RBE-weighted) dose"))


def _of_prescription(rx_from: str, rx_gy: float, split: int | None) -> Msg:
    """What a % metric is relative to: the plan's or the protocol's prescription (per fraction)."""
    if rx_from == "plan" and split:
        return Msg(QT_TRANSLATE_NOOP("GoalNotes", "% of the plan's prescription {rx:g} Gy per fraction ({total:g} Gy "
                                     "/ {fractions} fx)"), rx=rx_gy, total=rx_gy * split, fractions=split)
    if rx_from == "plan":
        return Msg(QT_TRANSLATE_NOOP("GoalNotes", "% of the plan's prescription {rx:g} Gy"), rx=rx_gy)
    if split:
        return Msg(QT_TRANSLATE_NOOP("GoalNotes", "% of the protocol's prescription {rx:g} Gy per fraction ({total:g} "
                                     "Gy / {fractions} fx) (the plan states none)"),
                   rx=rx_gy, total=rx_gy * split, fractions=split)
    return Msg(QT_TRANSLATE_NOOP("GoalNotes", "% of the protocol's prescription {rx:g} Gy (the plan states none)"),
               rx=rx_gy)
