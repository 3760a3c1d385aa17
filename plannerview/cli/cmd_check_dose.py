"""``plannerview check-dose PATH --plan SEL [--engine NAME] [--tps-dose SEL] [--normalise NONE|TARGET_MEAN]
[--param K=V ...] [--out RD.dcm] [--json]``: the secondary dose check.

Recalculates the plan's dose with a dose-engine plugin (through the plugin host; default: MCsquare
for proton plans, pyRadPlan otherwise), compares it with the planning system's dose through the
workspace (gamma 3 %/3 mm and 2 %/2 mm at a 10 % cut-off, per-ROI Dmean, D95, D2, the clinical goals
on both), checks that each beam's dose enters where the plan's geometry says, and gives a verdict
against documented action levels (see :mod:`plannerview.review.dose_check`).

A case without a CT (a phantom given by its structure set) gets a CT built from the ROIs'
physical properties (:mod:`plannerview.compute.phantom`; ``--synthetic-ct-mm`` sets its voxels).
``--out`` saves the engine's dose (as calculated, before any normalisation) as a new RTDOSE that
references the plan. Exit codes: 0 pass or review, 1 fail (or the engine failed), 2 bad input.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

from ..model import DoseGrid, IonPlan, Plan
from .common import EXIT_FAILED, EXIT_OK, UsageError, load_case, print_json, select

DEFAULT_ENGINE = {"proton": "mcsquare", "ion": "pyradplan", "photon": "pyradplan"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check-dose", help="secondary dose check: recalculate with an independent engine and "
                                          "compare with the planning system's dose")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders: plan, CT, structures, TPS dose")
    p.add_argument("--plan", metavar="SEL", help="the plan (file, UID or label; default: the only plan)")
    p.add_argument("--engine", metavar="NAME", help="dose engine (NAME or PLUGIN:NAME; default: mcsquare for "
                                                    "proton plans, pyradplan otherwise)")
    p.add_argument("--tps-dose", metavar="SEL", help="the planning system's dose (default: the plan's PLAN dose)")
    p.add_argument("--normalise", default="NONE", type=str.upper, choices=("NONE", "TARGET_MEAN"),
                   help="TARGET_MEAN scales the engine's dose to the planning system's mean in the target "
                        "(when the beam model's MU definition is not the machine's)")
    p.add_argument("--param", action="append", default=[], metavar="K=V", help="engine parameter (repeatable)")
    p.add_argument("--out", metavar="RD.dcm", help="save the engine's dose as a new RTDOSE (never overwrites)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--target", metavar="ROI", help="target ROI (default: the plan's TARGET dose reference, else "
                                                   "a PTV, CTV or GTV)")
    p.add_argument("--protocol", metavar="NAME|FILE", help="clinical goals protocol (default: the one that fits "
                                                            "the plan, if one does)")
    p.add_argument("--synthetic-ct-mm", type=float, default=None, metavar="MM",
                   help="voxel size of the CT built from the structure set when the case has no CT "
                        "(default: the planning system's dose grid spacing)")
    p.set_defaults(func=run)


def _progress(enabled: bool) -> Any:
    last = [-1.0]

    def show(f: float, msg: str) -> None:
        if enabled and (f - last[0] >= 0.05 or f >= 1.0):
            last[0] = f
            print(f"  {f:4.0%} {msg}", file=sys.stderr, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    from ..io.rtdose_writer import write_rtdose
    from ..plugin_api import DOSE_ENGINE, DoseRequest, ParamError
    from ..plugins import InputRefused, PluginFault, PluginUnavailable, default_registry, run_dose_engine
    from ..review.dose_check import DoseCheckError, image_for_check, plan_target, run_check
    from ..review.workspace import Workspace

    t_start = time.perf_counter()
    out = Path(args.out) if args.out else None
    if out is not None and out.exists():
        raise UsageError(f"{out} exists; plannerview never overwrites files")
    case = load_case(args.paths)
    plan = select(case, "plan", args.plan)
    if not isinstance(plan, Plan | IonPlan) or plan.kind == "brachy":
        raise UsageError(f"{getattr(plan, 'label', 'the plan')!r} is not an external-beam plan")
    tps = select(case, "dose", args.tps_dose) if args.tps_dose else case.plan_dose(plan.sop_uid)
    if not isinstance(tps, DoseGrid):
        raise UsageError(f"no planning-system dose for plan {plan.label!r}: add its RTDOSE or give --tps-dose")
    if not tps.is_gy:
        raise UsageError(f"the planning system's dose {tps.label!r} is in {tps.units}, not Gy")
    ss = case.structures_for(plan)
    if args.target:  # a wrong name is bad input: say so before a long calculation
        try:
            plan_target(plan, ss, args.target)
        except DoseCheckError as exc:
            raise UsageError(str(exc)) from None
    notes: list[str] = []
    try:
        image, note = image_for_check(case, plan, ss, tps, args.synthetic_ct_mm)
    except DoseCheckError as exc:
        raise UsageError(str(exc)) from None
    if note:
        case = dataclasses.replace(case, images=(*case.images, image))
        notes.append(note)

    registry = default_registry()
    name = args.engine or DEFAULT_ENGINE.get(plan.kind, "pyradplan")
    try:
        record, contrib = registry.find(DOSE_ENGINE, name)
        params = contrib.parameters.parse_cli(args.param)
    except (PluginUnavailable, ParamError) as exc:
        raise UsageError(str(exc)) from None
    request = DoseRequest(plan=plan, image=image, structure_set=ss, parameters=params)
    show = _progress(not args.json or sys.stderr.isatty())
    try:
        result = run_dose_engine(registry, f"{record.name}:{contrib.name}", case, request,
                                 progress=lambda f, m: show(0.9 * f, m))
    except (InputRefused, PluginUnavailable) as exc:
        raise UsageError(str(exc)) from None
    except PluginFault as exc:
        print(f"plannerview check-dose: {exc}", file=sys.stderr)
        return EXIT_FAILED

    workspace = Workspace(case=case)
    provs = list(result.provenances) if result.provenances else [_provenance(d, record, contrib) for d in result.doses]
    doses = [workspace.add_dose(d, p) for d, p in zip(result.doses, provs, strict=True)]
    details = _details(doses, result)
    u = details.get("statistical_uncertainty_pct")
    uncertainty = float(u) if isinstance(u, int | float) else None
    protocol, protocol_note = _protocol(args.protocol, plan, ss, tps.dose_type)
    if protocol_note:
        notes.append(protocol_note)
    beam_doses = {d.referenced_beam_numbers[0]: d for d in case.doses_for_plan(plan.sop_uid)
                  if d.summation_type == "BEAM" and len(d.referenced_beam_numbers) == 1 and d.is_gy}
    try:
        check = run_check(workspace, plan, doses, tps, ss, engine=f"{record.name}:{contrib.name}",
                          seconds=result.seconds, normalisation=args.normalise, target_name=args.target,
                          protocol=protocol, tps_beam_doses=beam_doses, statistical_uncertainty_pct=uncertainty,
                          engine_details=details, add_dose=workspace.add_dose,
                          progress=lambda f, m: show(0.9 + 0.1 * f, m))
    except DoseCheckError as exc:
        raise UsageError(str(exc)) from None
    check.notes = notes + check.notes
    if out is not None:
        raw = next(d for d in doses if d.summation_type == "PLAN" and d.dose_type == check.engine_dose.dose_type)
        try:
            uid = write_rtdose(raw, out, template=plan.file or None, referenced_plan_uids=[plan.sop_uid],
                               referenced_plan_classes={plan.sop_uid: plan.sop_class_uid} if plan.sop_class_uid
                               else None, private_provenance=True)
        except (FileExistsError, ValueError, OSError) as exc:
            raise UsageError(str(exc)) from None
        check.written = {"sop_uid": uid, "file": str(out)}
    doc = check.to_json()
    if check.written:  # the saved file is the engine's dose as calculated
        doc["dose"].update({"max_gy": round(float(raw.dose.max()), 5), "normalised": False})
    doc["total_seconds"] = round(time.perf_counter() - t_start, 2)
    doc["plan"] = {"sop_uid": plan.sop_uid, "label": plan.label, "file": plan.file or None}
    if args.json:
        print_json(doc)
    else:
        _print(doc)
    return EXIT_FAILED if check.verdict == "fail" else EXIT_OK


def _provenance(dose: DoseGrid, record: Any, contrib: Any) -> Any:
    from ..model import Provenance

    return Provenance.from_json(dict(dose.provenance or {})) if dose.provenance else Provenance(
        f"{record.name}:{contrib.name}", str(record.version))


def _details(doses: list[DoseGrid], result: Any) -> dict[str, Any]:
    """The engine's details (beam model, CT calibration, primaries, uncertainty ...) of the first dose."""
    for d in doses:
        prov: dict[str, Any] = dict(d.provenance) if isinstance(d.provenance, dict) else {}
        det = prov.get("details")
        if isinstance(det, dict):
            return dict(det)
    return {}


def _protocol(name: str | None, plan: Any, ss: Any, dose_type: str) -> tuple[Any, str]:
    from ..io.protocols import list_protocols
    from ..review.loaders import load_protocol
    from ..review.protocol_choice import choose_protocol

    if name:
        try:
            return load_protocol(name), ""
        except Exception as exc:  # noqa: BLE001 - a bad protocol is the user's input
            raise UsageError(f"protocol {name}: {exc}") from None
    try:
        pool = [load_protocol(n) for n in list_protocols()]
    except Exception:  # noqa: BLE001 - goals are an extra; the check goes on without them
        return None, "clinical goals skipped: the bundled protocols could not be read"
    choice = choose_protocol(pool, plan, ss, dose_type)
    if choice.protocol is None:
        return None, f"clinical goals skipped: {choice.reason} (give --protocol)"
    return choice.protocol, f"clinical goals: {choice.protocol.name} ({choice.reason})"


def _print(doc: dict[str, Any]) -> None:
    print(f"engine {doc['engine']}: {doc['seconds']:.1f} s"
          + (f", statistical uncertainty {doc['statistical_uncertainty_pct']:.2f} % in the target"
             if doc["statistical_uncertainty_pct"] is not None else ""))
    if doc["normalisation"] != "NONE":
        print(f"normalisation {doc['normalisation']} on {doc['target']}: x{doc['normalisation_factor']:.4g}")
    for key, g in doc["gamma"].items():
        print(f"gamma {key}: {g['pass_rate_pct']:.2f} % of {g['evaluated_voxels']} voxels pass")
    print(f"{'ROI':<24} {'Dmean':>8} {'TPS':>8} {'diff %':>7} {'D95':>8} {'TPS':>8} {'D2':>8} {'TPS':>8}")
    for r in doc["rois"]:
        def f(v: Any) -> str:
            return f"{v:8.3f}" if isinstance(v, float) else f"{'-':>8}"
        diff = f"{r['dmean_diff_pct']:+7.2f}" if r["dmean_diff_pct"] is not None else f"{'-':>7}"
        print(f"{r['name'][:24]:<24} {f(r['dmean_gy'])} {f(r['tps_dmean_gy'])} {diff} {f(r['d95_gy'])} "
              f"{f(r['tps_d95_gy'])} {f(r['d2_gy'])} {f(r['tps_d2_gy'])}")
    for n in doc["notes"]:
        print(f"note: {n}")
    if doc["dose"].get("file"):
        print(f"wrote {doc['dose']['file']} ({doc['dose']['sop_uid']})")
    print(f"verdict: {doc['verdict'].upper()}")
    for r in doc["reasons"]:
        print(f"  - {r}")
