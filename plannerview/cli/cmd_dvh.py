"""``plannerview dvh PATH [--dose SEL] [--structures SEL] [--roi NAME ...] [--json] [--csv FILE]``."""

from __future__ import annotations

import argparse
import csv

from ..model import DoseGrid, StructureSet
from ..review.summary import dose_json
from ..review.workspace import Workspace
from .common import (
    EXIT_OK,
    UsageError,
    add_each_option,
    add_overwrite_option,
    check_output,
    check_same_frame,
    esc,
    load_case,
    not_used_note,
    open_output,
    preflight_of,
    print_json,
    print_preflight,
    select,
)
from .dose_args import add_scaling_options, per_fraction_notes, scaled


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dvh", help="dose-volume histograms and dose statistics per ROI")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--dose", help="dose: file, SOP UID, label or its plan's label (default: the only one)")
    p.add_argument("--structures", help="structure set: file, SOP UID or label (default: the dose's)")
    p.add_argument("--roi", nargs="+", metavar="NAME", help="only these ROIs")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--csv", metavar="FILE", help="write the cumulative curves as CSV (a new file)")
    add_overwrite_option(p)
    add_scaling_options(p)
    add_each_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load_case(args.paths)
    if args.csv:
        check_output(args.csv, args.overwrite)
    stored = select(case, "dose", args.dose)
    assert isinstance(stored, DoseGrid)
    dose = scaled(case, stored, args.scale_to_course, args.fractions)
    ss = select(case, "structures", args.structures) if args.structures else case.structures_for(dose)
    if ss is None:
        raise UsageError("no structure set shares the dose's frame of reference; name one with --structures"
                         + not_used_note(case))
    assert isinstance(ss, StructureSet)
    check_same_frame(ss, dose, strict=True)
    plan = case.plan(dose.referenced_plan_uid)
    rx = plan.prescription_gy if plan is not None else None
    rx_note = ""
    if rx is not None and dose.per_fraction and plan is not None and plan.fractions:
        rx, rx_note = rx / plan.fractions, f" per fraction ({plan.prescription_gy:g} Gy in {plan.fractions} fx)"
    notes = per_fraction_notes(dose, case)
    preflight = preflight_of(case, stored, ss, plan)
    ws = Workspace(case=case)
    try:
        metrics = ws.dvh_metrics(ss, dose, roi_names=args.roi, prescription_gy=rx)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    rows = [m.to_json() for m in metrics] if (args.json or args.csv) else []
    doc = {"dose": {**dose_json(dose, case), "units": dose.units},
           "structure_set": {"sop_uid": ss.sop_uid, "label": ss.label},
           "prescription_gy": rx,
           "per_fraction": dose.per_fraction,
           "warnings": notes,
           "structures": rows,
           "preflight": [f.to_json() for f in preflight]}
    if args.csv:
        with open_output(args.csv, args.overwrite, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["roi", f"dose_{dose.value_unit}", "volume_cc"])
            for r in rows:
                c = r["cumulative"]
                doses = c["dose_gy"] if c["dose_gy"] is not None else c["dose_relative"]
                for d, v in zip(doses, c["volume_cc"], strict=True):
                    w.writerow([r["name"], d, v])
    if args.json:
        print_json(doc)
        return EXIT_OK
    u = dose.value_unit
    print(f"Dose {esc(case.dose_title(dose))} ({dose.dose_type}), values in {u}")
    print(f"Structures '{esc(ss.label)}'  Rx {f'{rx:g} {u}{rx_note}' if rx else '-'}")
    for n in notes:
        print(f"! {esc(n)}")
    print(f"{'ROI':<20} {'vol cc':>9} {'out cc':>7} {'Dmin':>7} {'Dmean':>7} {'Dmax':>7} {'D98':>7} {'D95':>7} {'D50':>7} {'D2':>7}"
          f"  TPS Dmean/D95  gap%   (doses in {u})")
    tps_notes: list[str] = []

    def f(v: float | None) -> str:
        return "-" if v is None else f"{v:.2f}"

    for m in metrics:
        t = m.tps
        tps_txt = (f"{f(t.dmean_gy)}/{f(t.d_percent_gy.get(95))}  {f(t.max_curve_diff_pct)}"
                   if t is not None and not t.is_empty else "")
        dp = m.d_percent
        print(f"{esc(m.roi_name):<20} {f(m.volume_cc):>9} {f(m.uncovered_cc):>7} {f(m.dmin_gy):>7} {f(m.dmean_gy):>7} "
              f"{f(m.dmax_gy):>7} {f(dp(98)):>7} {f(dp(95)):>7} {f(dp(50)):>7} {f(dp(2)):>7}  {tps_txt}")
        for warning in m.warnings:
            if warning.startswith("the TPS stores"):  # the same note for every ROI: say it once
                tps_notes.append(warning.split(" (maximum")[0])
            else:
                print(f"    ! {esc(warning)}")
    for note in dict.fromkeys(tps_notes):
        print(f"! {esc(note)}")
    print_preflight(preflight)
    return EXIT_OK
