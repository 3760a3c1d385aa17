"""``plannerview goals PATH --protocol NAME|FILE [--plan SEL] [--dose SEL] [--eqd2] [--roi-map FILE] [--json]``
and ``plannerview protocols`` (the bundled protocols; also ``goals --list``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..compute.goals import GoalReport, distrust_on_errors
from ..compute.protocols import ProtocolError
from ..model import DicomObject, DoseGrid, IonPlan, Plan, StructureSet
from ..review.loaders import list_protocols, load_protocol, read_roi_map
from ..review.workspace import Workspace
from .common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_each_option,
    check_same_frame,
    esc,
    load_case,
    not_used_note,
    preflight_of,
    print_json,
    print_preflight,
    select,
)
from .dose_args import scaled

COLOURS = {"pass": "\033[32m", "acceptable": "\033[33m", "fail": "\033[31m", "not_evaluated": "\033[90m"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("goals", help="evaluate a clinical-goal protocol on a plan's dose",
                       description="Evaluate a clinical-goal protocol (TG-263 ROI names, cited limits) on a "
                                   "plan's dose. Exit 0 even when goals fail (a report), unless --fail-on-fail.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="DICOM files or folders")
    p.add_argument("--protocol", help="a bundled protocol name (see --list) or a protocol YAML file")
    p.add_argument("--list", action="store_true", help="list the bundled protocols and exit")
    p.add_argument("--plan", help="plan: file, SOP UID or label (default: the only plan)")
    p.add_argument("--dose", help="dose: file, SOP UID, label or its plan's label (default: the plan's PLAN dose)")
    p.add_argument("--structures", help="structure set: file, SOP UID or label (default: the plan's)")
    p.add_argument("--eqd2", action="store_true",
                   help="evaluate on voxel-wise EQD2 (alpha/beta per ROI from the protocol), limits in EQD2")
    p.add_argument("--fractions", type=int, metavar="N",
                   help="the plan's number of fractions when the plan does not state it (or to override)")
    p.add_argument("--scale-to-course", action="store_true",
                   help="multiply a per-fraction (FRACTION) dose by the plan's number of fractions; without it "
                        "a FRACTION dose is evaluated per fraction (and the report says so)")
    p.add_argument("--roi-map", metavar="FILE", help="YAML mapping {your ROI name: TG-263 name}")
    p.add_argument("--fail-on-fail", action="store_true", help="exit 1 when any goal fails")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    add_each_option(p)
    p.set_defaults(func=run)
    q = sub.add_parser("protocols", help="list the bundled clinical-goal protocols")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_list)


def protocol_table() -> list[dict[str, Any]]:
    out = []
    for name in list_protocols():
        prot = load_protocol(name)
        out.append({"name": name, "title": prot.title, "site": prot.site, "fractions": prot.fractions,
                    "dose_per_fraction_gy": prot.dose_per_fraction_gy, "prescription_gy": prot.prescription_gy,
                    "dose_unit": prot.dose_unit,
                    "goals": len(prot.goals), "sources": list(prot.sources.values())})
    return out


def run_list(args: argparse.Namespace) -> int:
    rows = protocol_table()
    if args.json:
        print_json(rows)
        return EXIT_OK
    for r in rows:
        rx = f"{r['prescription_gy']:g} {r['dose_unit']}"
        print(f"{esc(r['name']):<30} {rx:>12} / {r['fractions']:>2} fx  "
              f"{r['goals']:>2} goals  {esc(r['title'])}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.list:
        return run_list(args)
    if not args.paths or not args.protocol:
        raise UsageError("give PATH and --protocol NAME|FILE (bundled: " + ", ".join(list_protocols()) + ")")
    if args.fractions is not None and args.fractions <= 0:
        raise UsageError(f"--fractions must be positive, not {args.fractions}")
    try:
        protocol = load_protocol(args.protocol)
        user_map = read_roi_map(args.roi_map)
    except (ProtocolError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    case = load_case(args.paths)
    plan = None
    if args.plan or (not args.dose and case.plans):
        plan = select(case, "plan", args.plan)
    dose: DicomObject | None
    if args.dose:
        dose = select(case, "dose", args.dose)
    elif plan is not None:
        dose = case.plan_dose(plan.sop_uid)
        if dose is None:
            raise UsageError(f"plan '{getattr(plan, 'label', '')}' has no PLAN dose in the input; name one with --dose")
    else:
        dose = select(case, "dose", None)
    if not isinstance(dose, DoseGrid):
        raise UsageError("no dose grid selected; name one with --dose")
    if plan is None and dose.referenced_plan_uid:
        plan = case.plan(dose.referenced_plan_uid)
    ss = select(case, "structures", args.structures) if args.structures else case.structures_for(plan or dose)
    if not isinstance(ss, StructureSet):
        raise UsageError("no structure set goes with this dose; name one with --structures" + not_used_note(case))
    check_same_frame(ss, dose)
    the_plan = plan if isinstance(plan, Plan | IonPlan) else None
    fractions = args.fractions or (the_plan.fractions if the_plan is not None else None)
    stored = dose
    dose = scaled(case, dose, args.scale_to_course, fractions)
    ws = Workspace(case=case)
    try:
        report = ws.goals(protocol, ss, dose, the_plan, eqd2=args.eqd2, roi_map=user_map, fractions=fractions)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None
    preflight = preflight_of(case, stored, ss, plan)
    report = distrust_on_errors(report, preflight)  # an object with an error finding: no goal "pass"
    if args.json:
        print_json({**report.to_json(), "preflight": [f.to_json() for f in preflight]})
    else:
        print_report(report)
        print_preflight(preflight)
    failed = any(r.status == "fail" for r in report.results)
    return EXIT_FAILED if failed and args.fail_on_fail else EXIT_OK


def print_report(report: GoalReport) -> None:
    tty = sys.stdout.isatty()
    colour = COLOURS if tty else dict.fromkeys(COLOURS, "")
    reset = "\033[0m" if tty else ""
    p = report.protocol
    print(f"{esc(p.title)}")
    rx = "-" if report.prescription_gy is None else f"{report.prescription_gy:g} {p.dose_unit}"
    per_fx = report.per_fraction and p.eqd2_total is None  # total-EQD2 protocols convert to the course
    print(f"  protocol {p.prescription_gy:g} {p.dose_unit} / {p.fractions} fx; plan {report.plan_fractions or '?'} fx; "
          f"prescription {rx}{'/fx' if per_fx and rx != '-' else ''} (from the {esc(report.prescription_from)})"
          + ("; EQD2" if report.eqd2 else "") + (f"; dose {report.dose_summation}" if report.dose_summation else ""))
    for w in report.warnings:
        print(f"  ! {esc(w)}")
    for r in report.results:
        g = r.to_json()
        unit = f"{g['unit']}/fx" if per_fx and g["unit"].startswith("Gy") else g["unit"]
        val = "-" if g["value"] is None else f"{g['value']:.2f} {unit}"
        lim = f"{g['comparator']} {g['limit']:g}" + (f" ({g['acceptable']:g})" if g["acceptable"] is not None else "")
        flag = "*" if r.partly_covered else ""
        print(f"  {colour[r.status]}{r.status + flag:<13}{reset} {esc(g['roi']):<18} {esc(g['matched_roi'] or '-'):<18} "
              f"{esc(g['metric']):<12} {esc(val):>13}  {lim:<16} {esc(g['note'])}")
    if any(r.partly_covered for r in report.results):
        print("  * computed on an ROI that lies partly outside the dose grid (see the note)")
    c = report.counts
    print(f"  {c['pass']} pass, {c['acceptable']} acceptable, {c['fail']} fail, {c['not_evaluated']} not evaluated")
