"""``plannerview compare PATH --a SEL --b SEL [--protocol NAME] [--json]``: two plans or doses side by side."""

from __future__ import annotations

import argparse
from typing import Any

from ..compute.gamma import LOCAL_NORMS, check_comparable
from ..compute.goals import ProtocolError
from ..model import StructureSet
from ..review.comparison import METRIC_KEYS, Comparison, GammaCriteria
from ..review.loaders import read_roi_map
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
from .dose_args import add_scaling_options, load_dose, scaled

__all__ = ["METRIC_KEYS", "register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="compare two plans or doses: DVH metrics, goals and gamma")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--a", required=True, help="plan or dose A: file, UID or label (a plan means its PLAN dose)")
    p.add_argument("--b", required=True, help="plan or dose B")
    p.add_argument("--structures", help="structure set (default: A's)")
    p.add_argument("--protocol", help="clinical-goal protocol to evaluate on both")
    p.add_argument("--roi-map", metavar="FILE", help="YAML mapping {your ROI name: TG-263 name} for the goals")
    p.add_argument("--allow-mixed-types", action="store_true", help="compare Gy with Gy(RBE) or different summations")
    p.add_argument("--dd", type=float, default=3.0)
    p.add_argument("--dta", type=float, default=3.0)
    p.add_argument("--cutoff", type=float, default=10.0)
    p.add_argument("--local", action="store_true", help="local gamma instead of global")
    p.add_argument("--local-norm", choices=LOCAL_NORMS, default="reference",
                   help="local gamma: dose criterion in %% of the reference dose (default) or of the evaluated dose")
    p.add_argument("--json", action="store_true")
    add_scaling_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        roi_map = read_roi_map(args.roi_map)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    case = load_case(args.paths)
    da0, db0 = load_dose(args.a, case)[0], load_dose(args.b, case)[0]
    da = scaled(case, da0, args.scale_to_course, args.fractions)
    db = scaled(case, db0, args.scale_to_course, args.fractions)
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
            structure_set=ss, allow_mixed_types=args.allow_mixed_types, roi_map=roi_map)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None
    preflight = preflight_of(case, da0, db0, ss, case.plan(da.referenced_plan_uid), case.plan(db.referenced_plan_uid))
    doc = cmp.to_json()
    if args.json:
        print_json({**doc, "preflight": [f.to_json() for f in preflight]})
        return EXIT_OK
    print_comparison(doc, cmp, args.dd, args.dta)
    print_preflight(preflight)
    return EXIT_OK


def _f(v: Any) -> str:
    return "-" if v is None else f"{v:.2f}"


def print_comparison(doc: dict[str, Any], cmp: Comparison, dd: float, dta: float) -> None:
    """The text report: what A and B are, DVH metrics, goals (when a protocol was given) and gamma."""
    a, b = doc["a"], doc["b"]
    print(f"A: {esc(a['label'])} ({a['type']}, values in {a['value_unit']})")
    print(f"B: {esc(b['label'])} ({b['type']}, values in {b['value_unit']})")
    for w in doc["warnings"]:
        print(f"! {esc(w)}")
    unit = a["value_unit"] if a["value_unit"] == b["value_unit"] else f"A {a['value_unit']}, B {b['value_unit']}"
    print(f"{'ROI':<20} {'Dmean A':>8} {'B':>8} {'diff':>8}   {'D95 A':>8} {'B':>8} {'diff':>8}   (doses in {unit})")
    for r in doc["structures"]:
        print(f"{esc(r['name']):<20} {_f(r['a']['dmean_gy']):>8} {_f(r['b']['dmean_gy']):>8} {_f(r['diff']['dmean_gy']):>8}   "
              f"{_f(r['a']['d_percent_gy']['95']):>8} {_f(r['b']['d_percent_gy']['95']):>8} "
              f"{_f(r['diff']['d_percent_gy']['95']):>8}")
    if doc["goals"] is not None:
        print(f"Goals: {esc(cmp.protocol or '')}")
        for w in doc["goal_warnings"]:
            print(f"! {esc(w)}")
        print(f"  {'ROI':<16} {'matched':<16} {'metric':<12} {'limit':<12} {'A':>9} {'':<13} {'B':>9} {'':<13} {'A-B':>8}")
        for g in doc["goals"]:
            lim = f"{g['comparator']} {g['limit']:g}" if g.get("comparator") else f"{g['limit']:g}"
            print(f"  {esc(g['roi']):<16} {esc(g['matched_roi'] or '-'):<16} {esc(g['metric']):<12} {lim:<12} "
                  f"{_f(g['a']['value']):>9} {g['a']['status']:<13} {_f(g['b']['value']):>9} {g['b']['status']:<13} "
                  f"{_f(g['diff']):>8}")
    gam = doc["gamma"]
    crit = gam.get("criteria") or {}
    kind = f"local ({crit.get('local_norm', 'reference')})" if crit.get("local") else "global"
    print(f"gamma {dd:g}%/{dta:g} mm {kind} (B against A): pass rate {gam['pass_rate_pct']:.2f} % of "
          f"{gam['evaluated_voxels']} voxels")
    for w in gam.get("warnings", []):
        print(f"! gamma: {w}")
