"""``plannerview goals PATH --protocol NAME|FILE [--plan SEL] [--dose SEL] [--eqd2] [--roi-map FILE] [--json]``."""

from __future__ import annotations

import argparse

from ..compute.goals import ProtocolError, evaluate_goals, list_protocols, load_protocol
from ..compute.roi_names import load_user_map
from ..model import DoseGrid, IonPlan, Plan, StructureSet
from .common import EXIT_FAILED, EXIT_OK, UsageError, load_case, print_json, select

COLOURS = {"pass": "\033[32m", "acceptable": "\033[33m", "fail": "\033[31m", "not_evaluated": "\033[90m"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("goals", help="evaluate a clinical-goal protocol on a plan's dose")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--protocol", help=f"bundled name ({', '.join(list_protocols())}) or a YAML file")
    p.add_argument("--list", action="store_true", help="list the bundled protocols")
    p.add_argument("--plan", help="plan: file, SOP UID or label")
    p.add_argument("--dose", help="dose: file, SOP UID or label (default: the plan's PLAN dose)")
    p.add_argument("--structures", help="structure set (default: the plan's)")
    p.add_argument("--eqd2", action="store_true", help="evaluate on voxel-wise EQD2 (alpha/beta per goal)")
    p.add_argument("--roi-map", metavar="FILE", help="YAML mapping of your ROI names to TG-263 names")
    p.add_argument("--fail-on-fail", action="store_true", help="exit 1 when a goal fails")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        for name in list_protocols():
            prot = load_protocol(name)
            print(f"{name:<26} {prot.fractions:>3} fx  {prot.title}")
        return EXIT_OK
    if not args.paths or not args.protocol:
        raise UsageError("give PATH and --protocol (or --list)")
    try:
        protocol = load_protocol(args.protocol)
        user_map = load_user_map(args.roi_map)
    except (ProtocolError, OSError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    case = load_case(args.paths)
    plan = None
    if args.plan or (not args.dose and case.plans):
        plan = select(case, "plan", args.plan)
    if args.dose:
        dose = select(case, "dose", args.dose)
    elif plan is not None:
        dose = case.plan_dose(plan.sop_uid)
        if dose is None:
            raise UsageError(f"plan '{getattr(plan, 'label', '')}' has no PLAN dose in the input; name one with --dose")
    else:
        dose = select(case, "dose", None)
    assert isinstance(dose, DoseGrid)
    if plan is None and dose.referenced_plan_uid:
        plan = case.plan(dose.referenced_plan_uid)
    ss = select(case, "structures", args.structures) if args.structures else case.structures_for(plan or dose)
    if not isinstance(ss, StructureSet):
        raise UsageError("no structure set goes with this dose; name one with --structures")
    fractions = plan.fractions if isinstance(plan, Plan | IonPlan) else None
    rx = plan.prescription_gy if isinstance(plan, Plan | IonPlan) else None
    try:
        doc = evaluate_goals(protocol, ss, dose, fractions, rx, eqd2=args.eqd2, user_map=user_map)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print_json(doc)
    else:
        import sys

        colour = COLOURS if sys.stdout.isatty() else dict.fromkeys(COLOURS, "")
        reset = "\033[0m" if sys.stdout.isatty() else ""
        print(f"{protocol.title}  ({protocol.fractions} fx; plan {fractions or '?'} fx){'  [EQD2]' if args.eqd2 else ''}")
        for g in doc["goals"]:
            val = "-" if g["value"] is None else f"{g['value']:.2f} {g['unit']}"
            lim = f"{g['op']} {g['limit']:g}" + (f" ({g['acceptable']:g})" if g["acceptable"] is not None else "")
            print(f"  {colour[g['status']]}{g['status']:<13}{reset} {g['roi']:<12} -> {g['matched_roi'] or '-':<16} "
                  f"{g['metric']:<12} {val:>12}  {lim:<14} {g['note']}")
    failed = any(g["status"] == "fail" for g in doc["goals"])
    return EXIT_FAILED if failed and args.fail_on_fail else EXIT_OK
