"""``plannerview gamma REF EVAL [--dd 3] [--dta 3] [--cutoff 10] [--local] [--local-norm reference|evaluated]
[--max-gamma 2] [--json] [--out GAMMA.dcm]``."""

from __future__ import annotations

import argparse

from ..compute.derived import derived_dose
from ..compute.gamma import LOCAL_NORMS
from ..compute.resample import FrameMismatch
from ..model import Provenance
from ..review.comparison import GammaCriteria
from ..review.summary import dose_json
from ..review.workspace import Workspace
from .common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_overwrite_option,
    check_output,
    esc,
    load_case,
    print_json,
)
from .dose_args import add_scaling_options, load_dose, scaled


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gamma", help="3D gamma index of an evaluated dose against a reference dose")
    p.add_argument("ref", metavar="REF", help="reference RTDOSE file (or a selector with --in)")
    p.add_argument("eval", metavar="EVAL", help="evaluated RTDOSE file (or a selector with --in)")
    p.add_argument("--ref-sel", metavar="SEL", help="the dose (or plan's PLAN dose) to use when REF is a folder")
    p.add_argument("--eval-sel", metavar="SEL", help="the dose (or plan's PLAN dose) to use when EVAL is a folder")
    p.add_argument("--in", dest="inputs", nargs="+", metavar="PATH", help="a case in which REF and EVAL are selectors")
    p.add_argument("--dd", type=float, default=3.0, help="dose criterion, %% (default 3)")
    p.add_argument("--dta", type=float, default=3.0, help="distance criterion, mm (default 3)")
    p.add_argument("--cutoff", type=float, default=10.0, help="low-dose cut-off, %% of the reference maximum (default 10)")
    p.add_argument("--local", action="store_true", help="local instead of global normalisation")
    p.add_argument("--local-norm", choices=LOCAL_NORMS, default="reference",
                   help="with --local: dose criterion in %% of the reference voxel's dose (default; Low 1998, "
                        "pymedphys, plastimatch) or of the evaluated dose at each searched point")
    p.add_argument("--max-gamma", type=float, default=2.0)
    p.add_argument("--interp-fraction", type=int, default=10, metavar="N",
                   help="search step = DTA / N (default 10, at least 10; pymedphys' interp_fraction). Steep "
                        "gradients (stereotactic doses, local gamma) converge with 20 to 40")
    p.add_argument("--allow-mixed-types", action="store_true", help="compare Gy with Gy(RBE) or different summations")
    p.add_argument("--min-pass-rate", type=float, help="exit 1 when the pass rate is below this (%%)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--out", metavar="GAMMA.dcm", help="write the gamma volume as a new RTDOSE (RELATIVE)")
    add_overwrite_option(p)
    add_scaling_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load_case(args.inputs) if args.inputs else None
    if case is not None and (args.ref_sel or args.eval_sel):
        raise UsageError("with --in, REF and EVAL are the selectors: --ref-sel/--eval-sel are for folders")
    ref, ref_case = load_dose(args.ref, case, args.ref_sel, "--ref-sel")
    ev, ev_case = load_dose(args.eval, case, args.eval_sel, "--eval-sel")
    if args.out:
        check_output(args.out, args.overwrite)
    template = ref.file or None  # the stored reference's file (a dose scaled to the course has none)
    ref = scaled(ref_case, ref, args.scale_to_course, args.fractions)
    ev = scaled(ev_case, ev, args.scale_to_course, args.fractions)
    criteria = GammaCriteria(dd_pct=args.dd, dta_mm=args.dta, cutoff_pct=args.cutoff, local=args.local,
                             max_gamma=args.max_gamma, local_norm=args.local_norm,
                             interp_fraction=args.interp_fraction)
    try:
        res = Workspace(case=ref_case).gamma(ref, ev, criteria, allow_mixed_types=args.allow_mixed_types)
    except ValueError as exc:  # includes FrameMismatch
        hint = "" if isinstance(exc, FrameMismatch) else " (use --allow-mixed-types to compare anyway)"
        raise UsageError(f"{exc}{hint}") from None
    doc = res.to_json()
    doc["reference"] = {**_short(dose_json(ref, ref_case)), "unit": ref.unit_label}
    doc["evaluated"] = {**_short(dose_json(ev, ev_case)), "unit": ev.unit_label}
    if args.out:
        from ..io.rtdose_writer import write_rtdose

        kind = ("local" if args.local_norm == "reference" else "local-eval") if args.local else "global"
        label = f"gamma {args.dd:g}%/{args.dta:g}mm {kind}"
        gdose = derived_dose(res.gamma, like=ref, units="RELATIVE", provenance=Provenance.from_json(res.provenance),
                             description=label)
        try:
            # RTDOSE needs a plan reference (Type 1C): the reference dose's plan, as the file always had
            doc["out_sop_uid"] = write_rtdose(gdose, args.out, template=template,
                                              referenced_plan_uids=[ref.referenced_plan_uid] if ref.referenced_plan_uid else None,
                                              overwrite=args.overwrite)
        except (ValueError, OSError) as exc:
            raise UsageError(str(exc)) from None
    if args.json:
        print_json(doc)
    else:
        c = doc["criteria"]
        r, e = doc["reference"], doc["evaluated"]
        print(f"reference {esc(r['title'])} ({r['type']}, {r['value_unit']}); evaluated {esc(e['title'])} ({e['type']}, "
              f"{e['value_unit']})")
        kind = f"local ({c['local_norm']} dose)" if c["local"] else "global"
        # the cut-off is a share of the reference maximum in both modes
        of = f"{c['normalisation_gy']:g} {ref.value_unit}" if c["normalisation_gy"] else "the reference maximum"
        print(f"gamma {c['dd_pct']:g}%/{c['dta_mm']:g} mm {kind}, cut-off {c['cutoff_pct']:g}% of {of}")
        print(f"pass rate {doc['pass_rate_pct']:.2f} %  ({doc['evaluated_voxels']} voxels)  mean {doc['gamma_mean']:.3f}"
              f"  p95 {doc['gamma_p95']:.3f}  in {doc['seconds']:.2f} s")
        for w in doc["warnings"]:
            print(f"! {w}")
    if args.min_pass_rate is not None and not res.pass_rate_pct >= args.min_pass_rate:  # NaN (no voxel) fails
        return EXIT_FAILED
    return EXIT_OK


def _short(d: dict) -> dict:
    return {k: d[k] for k in ("sop_uid", "file", "title", "type", "summation_label", "per_fraction", "value_unit")}
