"""``plannerview sum DOSE... [--weights ...] [--eqd2 --alpha-beta FILE] [--fractions N ...] --out RD.dcm``."""

from __future__ import annotations

import argparse

from ..compute.dose_ops import summation_and_plans
from ..io.rtdose_writer import write_rtdose
from ..model import Case, DoseGrid, StructureSet
from ..review.loaders import load_alpha_beta_map
from ..review.workspace import Workspace
from .common import (
    EXIT_OK,
    UsageError,
    add_overwrite_option,
    check_output,
    esc,
    load_case,
    print_json,
    select,
)
from .dose_args import as_dose, fractions_of

GRID_NAMES = {"first": "first dose's", "union": "union of all doses at the finest spacing"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sum", help="sum doses (physical, EQD2 or BED) into a new RTDOSE")
    p.add_argument("doses", nargs="+", metavar="DOSE", help="RTDOSE files (or dose or plan selectors with --in)")
    p.add_argument("--in", dest="inputs", nargs="+", metavar="PATH", help="case folders: plans give fractions")
    p.add_argument("--weights", nargs="+", type=float)
    p.add_argument("--fractions", nargs="+", type=int, help="fractions per dose when no plan states them")
    p.add_argument("--eqd2", action="store_true", help="sum EQD2 (needs --alpha-beta)")
    p.add_argument("--bed", action="store_true", help="sum BED (needs --alpha-beta)")
    p.add_argument("--alpha-beta", metavar="FILE", help="YAML: default alpha/beta and per-ROI values with priorities")
    p.add_argument("--structures", help="structure set for the alpha/beta ROIs (default: the first dose's)")
    p.add_argument("--grid", choices=("first", "union"), default="first",
                   help="sum grid: the first dose's (default) or the union of all at the finest spacing")
    p.add_argument("--scale-to-course", action="store_true",
                   help="multiply per-fraction (FRACTION) doses by their fractions first (needed to add them to "
                        "whole-course doses, and for --eqd2/--bed); without it FRACTION doses are summed per fraction")
    p.add_argument("--allow-mixed-types", action="store_true",
                   help="sum Gy with Gy(RBE) (counted with RBE 1) or doses of different summation types")
    p.add_argument("--out", required=True, metavar="RD.dcm")
    add_overwrite_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    mode = "eqd2" if args.eqd2 else "bed" if args.bed else "physical"
    if mode != "physical" and not args.alpha_beta:
        raise UsageError(f"--{mode} needs --alpha-beta FILE")
    case: Case = load_case(list(args.inputs or []) + ([] if args.inputs else args.doses))
    check_output(args.out, args.overwrite, extra_inputs=[args.alpha_beta] if args.alpha_beta else ())
    doses: list[DoseGrid] = []
    for name in args.doses:  # a file path or a dose selector, or a plan selector (its PLAN dose)
        doses.append(as_dose(case, name))
    # fractions: each dose's plan when it is in the input, else --fractions
    fr = [fractions_of(case, d) for d in doses]
    if args.fractions:
        if len(args.fractions) != len(doses):
            raise UsageError("give one --fractions value per dose")
        notes = [f"dose {d.label}: its plan states {f} fractions; --fractions {g} ignored"
                 for d, f, g in zip(doses, fr, args.fractions, strict=True) if f is not None and f != g]
        fr = [f if f is not None else g for f, g in zip(fr, args.fractions, strict=True)]
    else:
        notes = []
    try:
        ab = load_alpha_beta_map(args.alpha_beta) if args.alpha_beta else None
        ss = select(case, "structures", args.structures) if args.structures else case.structures_for(doses[0])
        total, warnings = Workspace(case=case).plan_sum(
            doses, args.weights, fr, mode=mode, alpha_beta=ab, structure_set=ss if isinstance(ss, StructureSet) else None,
            target=args.grid, allow_mixed_types=args.allow_mixed_types, scale_to_course=args.scale_to_course)
        uid = write_rtdose(total, args.out, template=doses[0].file or None,
                           referenced_plan_uids=summation_and_plans(doses)[1], overwrite=args.overwrite)
    except (ValueError, FileExistsError, OSError) as exc:
        hint = " (use --allow-mixed-types to sum anyway)" if "allow_mixed_types" in str(exc) else ""
        raise UsageError(f"{exc}{hint}") from None
    doc = {"out": args.out, "sop_uid": uid, "mode": mode, "dose_type": total.dose_type, "unit": total.unit_label,
           "summation_type": total.summation_type, "per_fraction": total.per_fraction,
           "value_unit": total.value_unit,
           "scaled_to_course": [fr[i] if args.scale_to_course and d.per_fraction else None for i, d in enumerate(doses)], "grid": GRID_NAMES[args.grid],
           "shape_zyx": list(total.grid.shape_zyx), "inputs": [d.sop_uid for d in doses], "fractions": fr,
           "weights": args.weights or [1.0] * len(doses), "max_gy": round(float(total.dose.max()), 4),
           "warnings": notes + warnings}
    if args.json:
        print_json(doc)
    else:
        print(f"wrote {esc(args.out)}: {esc(total.description)}, {total.summation_label}, max {doc['max_gy']} {total.value_unit}, "
              f"{len(doses)} doses on the {doc['grid']} grid")
        for w in doc["warnings"]:
            print(f"  ! {esc(w)}")
    return EXIT_OK
