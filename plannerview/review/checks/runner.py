"""Run the enabled checks on one plan and collect their results."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...compute.protocols import Protocol
from ...model.case import AnyPlan, Case
from ...model.dose import DoseGrid
from ...model.messages import user_message
from ...model.provenance import Provenance
from ...model.structures import StructureSet
from ...model.text import QT_TRANSLATE_NOOP, Msg
from ...tasks import TaskContext
from ...version import __version__
from ..workspace import Workspace
from .config import ChecksConfig, load_config
from .context import CheckContext
from .registry import Outcome, Status, registered

ENGINE = "plannerview-checks"


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    citation: str
    status: Status
    message: str
    thresholds: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    objects: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "status": self.status.value, "message": self.message,
                "citation": self.citation, "thresholds": dict(self.thresholds), "values": dict(self.values),
                "objects": list(self.objects)}


@dataclass(frozen=True)
class CheckReport:
    results: tuple[CheckResult, ...]
    plan_uid: str
    plan_label: str
    dose_uid: str | None
    structure_set_uid: str | None
    config_files: tuple[str, ...]
    config_sha256: str
    notes: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    provenance: Provenance = field(default_factory=lambda: Provenance(ENGINE, __version__))

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: sum(r.status == s for r in self.results) for s in Status}

    @property
    def failed(self) -> bool:
        return any(r.status == Status.FAIL for r in self.results)

    def result(self, check_id: str) -> CheckResult:
        return next(r for r in self.results if r.id == check_id)

    def to_json(self) -> dict[str, Any]:
        return {"plan": {"sop_uid": self.plan_uid, "label": self.plan_label}, "dose": self.dose_uid,
                "structure_set": self.structure_set_uid, "summary": self.counts,
                "checks": [r.to_json() for r in self.results], "disabled": list(self.disabled),
                "notes": list(self.notes), "config": {"files": list(self.config_files), "sha256": self.config_sha256},
                "provenance": self.provenance.to_json()}


def make_context(case: Case, plan: AnyPlan, dose: DoseGrid | None = None,
                 structure_set: StructureSet | None = None, protocol: Protocol | None = None,
                 results: Workspace | None = None) -> CheckContext:
    """The check context for ``plan``: its PLAN dose and structure set unless given."""
    notes: list[str] = []
    if dose is None:
        dose = case.plan_dose(plan.sop_uid)
        if dose is None:
            orphans = [d for d in case.doses if d.frame_of_reference_uid == plan.frame_of_reference_uid
                       and case.plan(d.referenced_plan_uid) is None]
            if len(orphans) == 1:
                dose = orphans[0]
                notes.append(f"dose {dose.sop_uid} taken for the plan: same frame of reference, its plan "
                             "reference does not resolve")
    if structure_set is None:
        structure_set = case.structures_for(plan)
    results = results or Workspace(case=case)
    report = None
    if protocol is not None and dose is not None and structure_set is not None:
        report = results.goals(protocol, structure_set, dose, plan)
    return CheckContext(case, plan, dose, structure_set, report, results, notes)


def run_checks(ctx: CheckContext, config: ChecksConfig | None = None, task: TaskContext | None = None,
               only: Iterable[str] | None = None) -> CheckReport:
    """Every enabled check (or those named in ``only``), in the configuration's order.

    A check that raises is a FAIL saying so: a broken check never passes silently.
    """
    config = config or load_config()
    task = task or TaskContext()
    defs = registered()
    wanted = set(only) if only is not None else None
    if wanted is not None and wanted - set(config.checks):
        raise KeyError(f"unknown check(s): {', '.join(sorted(wanted - set(config.checks)))}")
    enabled = [c for c in config.checks.values() if c.enabled and (wanted is None or c.id in wanted)]
    out: list[CheckResult] = []
    for i, cfg in enumerate(enabled):
        task.check_cancel("plan checks")
        task.progress(i / max(1, len(enabled)), cfg.title)
        try:
            o = defs[cfg.id].fn(ctx, cfg.thresholds)
        except Exception as exc:  # a broken check must not pass silently
            o = Outcome(Status.FAIL, Msg(QT_TRANSLATE_NOOP("CheckMessages", "the check could not run: {error}"),
                                         error=user_message(exc)),
                        {"traceback": traceback.format_exc(limit=3)})
        status = o.status
        if status.rank > cfg.severity.rank:
            status = cfg.severity
        out.append(CheckResult(cfg.id, cfg.title, cfg.citation, status, o.message, dict(cfg.thresholds),
                               dict(o.values), o.objects))
    task.progress(1.0, "checks done")
    prov = Provenance(ENGINE, __version__, {"config_sha256": config.sha256, "config_files": list(config.files)},
                      inputs=tuple(u for u in (ctx.plan.sop_uid, ctx.dose.sop_uid if ctx.dose else "",
                                                ctx.structure_set.sop_uid if ctx.structure_set else "") if u))
    return CheckReport(tuple(out), ctx.plan.sop_uid, ctx.label, ctx.dose.sop_uid if ctx.dose else None,
                       ctx.structure_set.sop_uid if ctx.structure_set else None, config.files, config.sha256,
                       tuple(ctx.notes), tuple(c.id for c in config.checks.values() if not c.enabled), prov)
