"""``plannerview check PATH [--plan SEL] [--config FILE] [--json]``: automated plan checks.

Exit 1 when any check FAILs, 2 for bad input (unknown plan, invalid configuration file).
"""

from __future__ import annotations

import argparse
import sys

from ..compute.protocols import ProtocolError
from ..model import DoseGrid, IonPlan, Plan, StructureSet
from ..review.checks import CheckReport, ConfigError, Status, load_config, make_context, run_checks
from ..review.loaders import load_protocol
from .common import EXIT_FAILED, EXIT_OK, UsageError, add_each_option, esc, load_case, print_json, select

COLOURS = {Status.PASS: "\033[32m", Status.WARN: "\033[33m", Status.FAIL: "\033[31m", Status.NOT_APPLICABLE: "\033[90m"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="automated plan checks (PASS / WARN / FAIL / NOT APPLICABLE)",
                       description="Run the automated plan checks (TG-275 / QUATRO style) on one plan. "
                                   "Exit 1 when any check fails.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="DICOM files or folders")
    p.add_argument("--plan", help="plan: file, SOP UID or label (default: the only plan)")
    p.add_argument("--dose", help="dose: file, SOP UID or label (default: the plan's PLAN dose)")
    p.add_argument("--structures", help="structure set (default: the plan's)")
    p.add_argument("--protocol", help="clinical-goal protocol whose ROIs the checks look at (name or YAML file)")
    p.add_argument("--config", metavar="FILE", help="site YAML: switch checks off, change thresholds and citations")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    add_each_option(p)
    p.set_defaults(func=run)


def build_report(args: argparse.Namespace) -> CheckReport:
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    protocol = None
    if getattr(args, "protocol", None):
        try:
            protocol = load_protocol(args.protocol)
        except ProtocolError as exc:
            raise UsageError(str(exc)) from None
    case = load_case(args.paths)
    plan = select(case, "plan", args.plan)
    assert isinstance(plan, Plan | IonPlan)
    dose = select(case, "dose", args.dose) if getattr(args, "dose", None) else None
    ss = select(case, "structures", args.structures) if getattr(args, "structures", None) else None
    assert dose is None or isinstance(dose, DoseGrid)
    assert ss is None or isinstance(ss, StructureSet)
    return run_checks(make_context(case, plan, dose, ss, protocol), config)


def run(args: argparse.Namespace) -> int:
    report = build_report(args)
    if args.json:
        print_json(report.to_json())
    else:
        print_report(report)
    return EXIT_FAILED if report.failed else EXIT_OK


def print_report(report: CheckReport) -> None:
    tty = sys.stdout.isatty()
    reset = "\033[0m" if tty else ""
    print(f"Plan checks: '{esc(report.plan_label)}'  (dose {report.dose_uid or '-'})")
    for note in report.notes:
        print(f"  note: {esc(note)}")
    for r in report.results:
        c = COLOURS[r.status] if tty else ""
        print(f"  {c}{r.status.value:<14}{reset} {esc(r.title)}")
        print(f"                 {esc(r.message)}")
    n = report.counts
    print(f"  {n['PASS']} pass, {n['WARN']} warn, {n['FAIL']} fail, {n['NOT APPLICABLE']} not applicable"
          + (f"; switched off: {', '.join(report.disabled)}" if report.disabled else ""))
