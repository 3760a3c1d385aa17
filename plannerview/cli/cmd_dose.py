"""``plannerview dose PATH... --plan SEL --engine NAME [--param K=V ...] --out RD.dcm [--json]``:
calculate a plan's dose with a plugin's dose engine on the plan's CT and write a new RTDOSE.

The RTDOSE references the plan (ReferencedRTPlanSequence, with the plan's SOP class), has new
UIDs, copies patient and study identity from the plan file, and carries its provenance: the
complete JSON in the private block "PLANNERVIEW PROVENANCE" (0071,xx01), the same JSON in
ImageComments, and a one-line summary in DoseComment. An engine that returns several doses
(e.g. physical and RBE-weighted) writes the first to ``--out`` and the others beside it
(``RD_2.dcm`` ...).

Exit 2: unknown engine, bad parameter, no plan or image, or a plan the engine cannot handle
(its declared needs, or its own input error). Exit 1: the engine failed (its error is shown).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..model import DoseGrid, ImageVolume, IonPlan, Plan
from .common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_overwrite_option,
    check_output,
    esc,
    esc_lines,
    load_case,
    print_json,
    select,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dose", help="calculate a plan's dose with a plugin dose engine into a new RTDOSE")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders holding the plan and its CT")
    p.add_argument("--plan", metavar="SEL", help="the plan (file, UID or label; default: the only plan)")
    p.add_argument("--engine", required=True, help="dose engine: NAME or PLUGIN:NAME (see plannerview plugins)")
    p.add_argument("--param", action="append", default=[], metavar="K=V", help="engine parameter (repeatable)")
    p.add_argument("--out", required=True, metavar="RD.dcm", help="the new RTDOSE (an existing file only with --overwrite)")
    add_overwrite_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _extra_path(out: Path, n: int) -> Path:
    return out.with_name(f"{out.stem}_{n}{out.suffix or '.dcm'}")


def run(args: argparse.Namespace) -> int:
    from ..io.rtdose_writer import write_rtdose
    from ..plugin_api import DOSE_ENGINE, DoseRequest, ParamError
    from ..plugins import InputRefused, PluginFault, PluginUnavailable, default_registry, run_dose_engine

    t_start = time.perf_counter()
    out = Path(args.out)
    if out.exists() and not args.overwrite:
        raise UsageError(f"{esc(str(out))} exists; plannerview never overwrites files unless asked (--overwrite)")
    registry = default_registry()
    try:
        record, contrib = registry.find(DOSE_ENGINE, args.engine)
        params = contrib.parameters.parse_cli(args.param)
    except (PluginUnavailable, ParamError) as exc:
        raise UsageError(str(exc)) from None
    case = load_case(args.paths)
    check_output(str(out), args.overwrite)  # never onto an input, even with --overwrite
    plan = select(case, "plan", args.plan)
    assert isinstance(plan, Plan | IonPlan)
    image = case.image_for_frame(plan.frame_of_reference_uid, "CT") if plan.frame_of_reference_uid else None
    if not isinstance(image, ImageVolume):
        raise UsageError(f"no image on the frame of reference of plan {plan.label!r} "
                         f"({plan.frame_of_reference_uid or 'unknown'}); add the plan's CT to the input")
    request = DoseRequest(plan=plan, image=image, structure_set=case.structures_for(plan), parameters=params)
    try:
        result = run_dose_engine(registry, f"{record.name}:{contrib.name}", case, request)
    except (InputRefused, PluginUnavailable) as exc:
        raise UsageError(str(exc)) from None
    except PluginFault as exc:
        print(f"plannerview dose: {esc_lines(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    written = []
    for n, dose in enumerate(result.doses, start=1):
        path = out if n == 1 else _extra_path(out, n)
        try:
            uid = write_rtdose(dose, path, template=plan.file or None, referenced_plan_uids=[plan.sop_uid],
                               referenced_plan_classes={plan.sop_uid: plan.sop_class_uid} if plan.sop_class_uid
                               else None, private_provenance=True, overwrite=args.overwrite)
        except (FileExistsError, ValueError, OSError) as exc:
            raise UsageError(str(exc)) from None
        written.append(_dose_doc(dose, uid, path))
    doc = {
        "dose": written[0],
        "engine": {"name": contrib.name, "plugin": record.name, "version": record.version,
                   "parameters": dict(result.parameters)},
        "seconds": round(result.seconds, 3),
        "total_seconds": round(time.perf_counter() - t_start, 3),
        "plan": {"sop_uid": plan.sop_uid, "label": plan.label, "file": plan.file},
        "image_series": image.series_uid,
        "doses": written,
        "provenance": result.doses[0].provenance,
    }
    if args.json:
        print_json(doc)
        return EXIT_OK
    for d in written:
        print(f"wrote {esc(d['file'])}: {d['type']} dose, max {d['max_gy']:.3f} Gy ({d['sop_uid']})")
    print(f"engine {record.name}:{contrib.name} {record.version}, {result.seconds:.2f} s; plan {esc(repr(plan.label))}")
    return EXIT_OK


def _dose_doc(dose: DoseGrid, uid: str, path: Path) -> dict[str, object]:
    return {"sop_uid": uid, "file": str(path), "type": dose.dose_type, "units": dose.units,
            "max_gy": float(dose.dose.max()), "summation_type": dose.summation_type,
            "beam_numbers": list(dose.referenced_beam_numbers), "description": dose.description}
