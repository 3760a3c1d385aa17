"""``plannerview compare PATH --a SEL --b SEL [--protocol NAME] [--json]``: two plans or doses side by side."""

from __future__ import annotations

import argparse
from typing import Any

from ..compute.dvh import compute_dvhs
from ..compute.gamma import check_comparable, gamma_index
from ..compute.goals import ProtocolError, evaluate_goals, load_protocol
from ..compute.resample import resample
from ..model import IonPlan, Plan, StructureSet
from .cmd_dvh import dvh_json
from .common import EXIT_OK, UsageError, load_case, print_json
from .dose_args import load_dose

METRIC_KEYS = ("volume_cc", "dmin_gy", "dmean_gy", "dmax_gy")


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
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _metrics(row: dict[str, Any]) -> dict[str, Any]:
    return {**{k: row[k] for k in METRIC_KEYS}, "d_percent_gy": row["d_percent_gy"]}


def _diff(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    def sub(x: Any, y: Any) -> Any:
        return None if x is None or y is None else round(x - y, 4)

    return {**{k: sub(a[k], b[k]) for k in METRIC_KEYS},
            "d_percent_gy": {p: sub(a["d_percent_gy"][p], b["d_percent_gy"][p]) for p in a["d_percent_gy"]}}


def run(args: argparse.Namespace) -> int:
    case = load_case(args.paths)
    da, _ = load_dose(args.a, case)
    db, _ = load_dose(args.b, case)
    try:
        check_comparable(da, db, args.allow_mixed_types)
    except ValueError as exc:
        raise UsageError(f"{exc} (use --allow-mixed-types to compare anyway)") from None
    ss = case.select("structures", args.structures) if args.structures else case.structures_for(da)
    if not isinstance(ss, StructureSet):
        raise UsageError("no structure set goes with dose A; name one with --structures")
    dvh_a = compute_dvhs(ss, da)
    dvh_b = compute_dvhs(ss, db)
    plans = [case.plan(d.referenced_plan_uid) for d in (da, db)]
    rx = [p.prescription_gy if p is not None else None for p in plans]
    rows = []
    for ha, hb in zip(dvh_a, dvh_b, strict=True):
        if ha.covered_cc <= 0:
            continue
        ja, jb = _metrics(dvh_json(ha, rx[0], None, [])), _metrics(dvh_json(hb, rx[1], None, []))
        rows.append({"name": ha.roi_name, "a": ja, "b": jb, "diff": _diff(ja, jb)})
    goals = None
    if args.protocol:
        try:
            prot = load_protocol(args.protocol)
        except ProtocolError as exc:
            raise UsageError(str(exc)) from None
        ga = evaluate_goals(prot, ss, da, *_plan_numbers(plans[0]))
        gb = evaluate_goals(prot, ss, db, *_plan_numbers(plans[1]))
        goals = [{**{k: g[k] for k in ("roi", "matched_roi", "metric", "unit", "limit", "acceptable")},
                  "a": {"value": g["value"], "status": g["status"]}, "b": {"value": h["value"], "status": h["status"]},
                  "diff": None if g["value"] is None or h["value"] is None else round(g["value"] - h["value"], 4)}
                 for g, h in zip(ga["goals"], gb["goals"], strict=True)]
    db_on_a = db if db.grid.same_geometry(da.grid) else resample(db, da.grid)
    gam = gamma_index(da, db_on_a, dd_pct=args.dd, dta_mm=args.dta, cutoff_pct=args.cutoff,
                      allow_mixed_types=args.allow_mixed_types).to_json()
    doc = {"a": {"sop_uid": da.sop_uid, "label": _label(case, da), "type": da.dose_type, "unit": da.unit_label},
           "b": {"sop_uid": db.sop_uid, "label": _label(case, db), "type": db.dose_type, "unit": db.unit_label},
           "structures": rows, "goals": goals, "gamma": gam}
    if args.json:
        print_json(doc)
        return EXIT_OK
    print(f"A: {doc['a']['label']} ({doc['a']['unit']})   B: {doc['b']['label']} ({doc['b']['unit']})")
    print(f"{'ROI':<20} {'Dmean A':>8} {'B':>8} {'diff':>8}   {'D95 A':>8} {'B':>8} {'diff':>8}")
    for r in rows:
        def f(v: Any) -> str:
            return "-" if v is None else f"{v:.2f}"
        print(f"{r['name']:<20} {f(r['a']['dmean_gy']):>8} {f(r['b']['dmean_gy']):>8} {f(r['diff']['dmean_gy']):>8}   "
              f"{f(r['a']['d_percent_gy']['95']):>8} {f(r['b']['d_percent_gy']['95']):>8} {f(r['diff']['d_percent_gy']['95']):>8}")
    print(f"gamma {args.dd:g}%/{args.dta:g} mm (B against A): pass rate {gam['pass_rate_pct']:.2f} % of {gam['evaluated_voxels']} voxels")
    return EXIT_OK


def _plan_numbers(plan: Plan | IonPlan | None) -> tuple[int | None, float | None]:
    return (plan.fractions, plan.prescription_gy) if plan is not None else (None, None)


def _label(case: Any, dose: Any) -> str:
    plan = case.plan(dose.referenced_plan_uid) if dose.referenced_plan_uid else None
    return f"{plan.label} ({dose.summation_type})" if plan is not None else dose.label
