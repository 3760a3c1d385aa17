"""``plannerview compare PATH --a SEL --b SEL [--protocol NAME] [--json]``: two plans or doses side by side."""

from __future__ import annotations

import argparse

from ..compute.gamma import LOCAL_NORMS, check_comparable
from ..compute.goals import ProtocolError
from ..model import StructureSet
from ..review.comparison import METRIC_KEYS, GammaCriteria
from ..review.workspace import Workspace
from .common import (
    EXIT_OK,
    UsageError,
    check_same_frame,
    esc,
    load_case,
    not_used_note,
    preflight_of,
    print_json,
    print_preflight,
    select,
)
from .dose_args import load_dose

__all__ = ["METRIC_KEYS", "register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="compare two plans or doses: DVH metrics, goals and gamma")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--a", required=True, help="plan or dose A: file, UID or label (a plan means its PLAN dose)")
    p.add_argument("--b", required=True, help="plan or dose B")
    p.add_argument("--structures", help="structure set (default: A's)")
    p.add_argument("--protocol", help="clinical-goal protocol to evaluate on both")
    p.add_argument("--allow-mixed-types", action="store_true", help="compare Gy with Gy(RBE) or different summations")
    p.add_argument("--dd", type=float, default=3.0)
    p.add_argument("--dta", type=float, default=3.0)
    p.add_argument("--cutoff", type=float, default=10.0)
    p.add_argument("--local", action="store_true", help="local gamma instead of global")
    p.add_argument("--local-norm", choices=LOCAL_NORMS, default="reference",
                   help="local gamma: dose criterion in %% of the reference dose (default) or of the evaluated dose")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load_case(args.paths)
    da, _ = load_dose(args.a, case)
    db, _ = load_dose(args.b, case)
    try:
        check_comparable(da, db, args.allow_mixed_types)
    except ValueError as exc:
        raise UsageError(f"{exc} (use --allow-mixed-types to compare anyway)") from None
    ss = select(case, "structures", args.structures) if args.structures else case.structures_for(da)
    if not isinstance(ss, StructureSet):
        raise UsageError("no structure set goes with dose A; name one with --structures" + not_used_note(case))
    check_same_frame(ss, da)
    try:
        cmp = Workspace(case=case).comparison(
            da, db, GammaCriteria(dd_pct=args.dd, dta_mm=args.dta, cutoff_pct=args.cutoff, local=args.local,
                          local_norm=args.local_norm), args.protocol,
            structure_set=ss, allow_mixed_types=args.allow_mixed_types)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None
    preflight = preflight_of(case, da, db, ss, case.plan(da.referenced_plan_uid), case.plan(db.referenced_plan_uid))
    if args.json:
        print_json({**cmp.to_json(), "preflight": [f.to_json() for f in preflight]})
        return EXIT_OK
    print(f"A: {esc(cmp.label_a)} ({da.unit_label})   B: {esc(cmp.label_b)} ({db.unit_label})")
    print(f"{'ROI':<20} {'Dmean A':>8} {'B':>8} {'diff':>8}   {'D95 A':>8} {'B':>8} {'diff':>8}")

    def f(v: float | None) -> str:
        return "-" if v is None else f"{v:.2f}"

    for r in cmp.structures:
        print(f"{esc(r.name):<20} {f(r.a.dmean_gy):>8} {f(r.b.dmean_gy):>8} {f(r.diff.dmean_gy):>8}   "
              f"{f(r.a.d_percent(95)):>8} {f(r.b.d_percent(95)):>8} {f(r.diff.d_percent_gy.get(95)):>8}")
    g = cmp.gamma
    kind = f"local ({args.local_norm})" if args.local else "global"
    print(f"gamma {args.dd:g}%/{args.dta:g} mm {kind} (B against A): pass rate {g.pass_rate_pct:.2f} % of {g.evaluated_voxels} voxels")
    print_preflight(preflight)
    return EXIT_OK
