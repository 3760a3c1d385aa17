"""``plannerview dvh PATH [--dose SEL] [--structures SEL] [--roi NAME ...] [--json] [--csv FILE]``."""

from __future__ import annotations

import argparse
import csv
import math
from typing import Any

import numpy as np

from ..compute.dvh import compute_dvhs
from ..compute.metrics import STANDARD_D_PERCENT
from ..compute.tps_dvh import compare_with_tps
from ..model import DoseGrid, StructureSet
from ..model.dvh import DVH
from ..review.summary import dose_json
from .common import EXIT_OK, UsageError, load_case, print_json, select
from .dose_args import add_scaling_options, per_fraction_notes, scaled


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dvh", help="dose-volume histograms and dose statistics per ROI")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--dose", help="dose: file, SOP UID, label or its plan's label (default: the only one)")
    p.add_argument("--structures", help="structure set: file, SOP UID or label (default: the dose's)")
    p.add_argument("--roi", nargs="+", metavar="NAME", help="only these ROIs")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--csv", metavar="FILE", help="write the cumulative curves as CSV")
    add_scaling_options(p)
    p.set_defaults(func=run)


def _r(x: float | None, nd: int = 4) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), nd)


def curve_step(dmax: float) -> float:
    """Cumulative curve sampling: every 0.1 Gy or 1/500 of the maximum, whichever is finer."""
    return min(0.1, dmax / 500.0) if dmax > 0 else 0.1


def dvh_json(dvh: DVH, prescription_gy: float | None, tps: dict[str, Any] | None, tps_warnings: list[str]) -> dict[str, Any]:
    gy = not dvh.is_relative
    dose_pts = np.arange(0.0, dvh.dmax + curve_step(dvh.dmax), curve_step(dvh.dmax)) if dvh.covered_cc > 0 else np.zeros(0)
    vols = [round(dvh.volume_at_dose(d), 5) for d in dose_pts]
    d_pct = {str(p): _r(dvh.dose_at_percent(p)) if gy and dvh.covered_cc > 0 else None for p in STANDARD_D_PERCENT}
    doc: dict[str, Any] = {
        "name": dvh.roi_name,
        "number": dvh.roi_number,
        "volume_cc": _r(dvh.volume_cc, 4),
        "uncovered_cc": _r(dvh.uncovered_cc, 4),
        "dmin_gy": _r(dvh.dmin) if gy else None,
        "dmean_gy": _r(dvh.dmean) if gy else None,
        "dmax_gy": _r(dvh.dmax) if gy else None,
        "d_percent_gy": d_pct,
        "d0_03cc_gy": _r(dvh.dose_at_volume(0.03)) if gy and dvh.covered_cc >= 0.03 else None,
        "cumulative": {"dose_gy": [round(float(d), 6) for d in dose_pts], "volume_cc": vols},
        "tps": tps,
        "warnings": list(dvh.warnings) + tps_warnings,
        "unit": dvh.unit,
        "provenance": dvh.provenance,
    }
    if not gy:  # same keys, Gy values null; the relative-dose figures beside them
        doc["relative"] = {"dmin": _r(dvh.dmin), "dmean": _r(dvh.dmean), "dmax": _r(dvh.dmax),
                           "d_percent": {str(p): _r(dvh.dose_at_percent(p)) for p in STANDARD_D_PERCENT}}
        doc["cumulative"] = {"dose_gy": None, "dose_relative": [round(float(d), 6) for d in dose_pts], "volume_cc": vols}
    return doc


def run(args: argparse.Namespace) -> int:
    case = load_case(args.paths)
    stored = select(case, "dose", args.dose)
    assert isinstance(stored, DoseGrid)
    dose = scaled(case, stored, args.scale_to_course, args.fractions)
    ss = select(case, "structures", args.structures) if args.structures else case.structures_for(dose)
    if ss is None:
        raise UsageError("no structure set shares the dose's frame of reference; name one with --structures")
    assert isinstance(ss, StructureSet)
    if ss.frame_of_reference_uid != dose.frame_of_reference_uid:
        raise UsageError(f"structure set '{ss.label}' and the dose are in different frames of reference")
    try:
        dvhs = compute_dvhs(ss, dose, roi_names=args.roi)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    plan = case.plan(dose.referenced_plan_uid)
    rx = plan.prescription_gy if plan is not None else None
    rx_note = ""
    if rx is not None and dose.per_fraction and plan is not None and plan.fractions:
        rx, rx_note = rx / plan.fractions, f" per fraction ({plan.prescription_gy:g} Gy in {plan.fractions} fx)"
    notes = per_fraction_notes(dose, case)
    tps_by_roi = {t.roi_number: t for t in dose.tps_dvhs}
    rows = []
    for h in dvhs:
        tps_doc, tps_warn = (compare_with_tps(h, tps_by_roi[h.roi_number], rx) if h.roi_number in tps_by_roi and h.covered_cc > 0
                             else (None, []))
        rows.append(dvh_json(h, rx, tps_doc, tps_warn))
    doc = {"dose": {**dose_json(dose, case), "units": dose.units},
           "structure_set": {"sop_uid": ss.sop_uid, "label": ss.label},
           "prescription_gy": rx,
           "per_fraction": dose.per_fraction,
           "warnings": notes,
           "structures": rows}
    if args.csv:
        with open(args.csv, "w", newline="") as fh:
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
    print(f"Dose {case.dose_title(dose)} ({dose.dose_type}), values in {u}")
    print(f"Structures '{ss.label}'  Rx {f'{rx:g} {u}{rx_note}' if rx else '-'}")
    for n in notes:
        print(f"! {n}")
    print(f"{'ROI':<20} {'vol cc':>9} {'out cc':>7} {'Dmin':>7} {'Dmean':>7} {'Dmax':>7} {'D98':>7} {'D95':>7} {'D50':>7} {'D2':>7}"
          f"  TPS Dmean/D95  gap%   (doses in {u})")
    tps_notes: list[str] = []
    for r in rows:
        def f(v: Any) -> str:
            return "-" if v is None else f"{v:.2f}"
        t = r["tps"]
        tps_txt = f"{f(t['dmean_gy'])}/{f(t['d_percent_gy'].get('95'))}  {f(t['max_curve_diff_pct'])}" if t else ""
        dp = r["d_percent_gy"]
        print(f"{r['name']:<20} {f(r['volume_cc']):>9} {f(r['uncovered_cc']):>7} {f(r['dmin_gy']):>7} {f(r['dmean_gy']):>7} "
              f"{f(r['dmax_gy']):>7} {f(dp['98']):>7} {f(dp['95']):>7} {f(dp['50']):>7} {f(dp['2']):>7}  {tps_txt}")
        for w in r["warnings"]:
            if w.startswith("the TPS stores"):  # the same note for every ROI: say it once
                tps_notes.append(w.split(" (maximum")[0])
            else:
                print(f"    ! {w}")
    for note in dict.fromkeys(tps_notes):
        print(f"! {note}")
    return EXIT_OK
