"""``plannerview report PATH [--plan SEL] [--protocol NAME] [--compare SEL] --out review.pdf``."""

from __future__ import annotations

import argparse
import time

from ..compute.protocols import ProtocolError
from ..model import DicomObject, DoseGrid, IonPlan, Plan, SelectionError
from ..review.audit import AuditLog
from ..review.checks import ConfigError, load_config
from ..review.files import write_new_bytes, write_replacing
from ..review.loaders import load_protocol
from ..review.report import set_language
from .common import EXIT_OK, UsageError, esc, load_case, print_json, select
from .language import add_lang_argument, report_language


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="PDF review report (plan, checks, goals, DVH, key slices, comparison, sign-off)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--plan", help="plan: file, SOP UID or label (default: the only plan)")
    p.add_argument("--dose", help="the plan's dose to review (default: its PLAN dose)")
    p.add_argument("--protocol", help="clinical-goal protocol (bundled name or YAML file)")
    p.add_argument("--compare", metavar="SEL", help="a second dose (file, SOP UID or plan label) to compare with")
    p.add_argument("--config", metavar="FILE", help="site check configuration")
    p.add_argument("--log", metavar="FILE", help="audit log holding the sign-off (default: the user's)")
    p.add_argument("--out", required=True, metavar="PDF")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file of that name")
    add_lang_argument(p, "the report (the command's own messages and --json stay English)")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    set_language(report_language(args.lang))
    try:
        protocol = load_protocol(args.protocol) if args.protocol else None
        config = load_config(args.config)
    except (ProtocolError, ConfigError) as exc:
        raise UsageError(str(exc)) from None
    case = load_case(args.paths)
    plan = select(case, "plan", args.plan)
    assert isinstance(plan, Plan | IonPlan)
    other: DoseGrid | None = None
    if args.compare:
        try:
            found: DicomObject | None = case.select("dose", args.compare)
        except SelectionError:  # not a dose: a plan label means its PLAN dose
            p2 = select(case, "plan", args.compare)
            found = case.plan_dose(p2.sop_uid)
            if found is None:
                raise UsageError(f"plan '{args.compare}' has no PLAN dose to compare with") from None
        assert isinstance(found, DoseGrid)
        other = found
    dose = select(case, "dose", args.dose) if args.dose else None
    assert dose is None or isinstance(dose, DoseGrid)
    from ..review.report import collect, write_pdf  # matplotlib and fpdf: only when a report is made

    data = collect(case, plan, dose=dose, protocol=protocol, compare_dose=other, config=config, log=AuditLog(args.log))
    try:
        out = write_pdf(data, args.out, write_replacing if args.overwrite else write_new_bytes)
    except FileExistsError as exc:
        raise UsageError(f"{exc}; give another --out or --overwrite") from None
    secs = time.perf_counter() - t0
    if args.json:
        print_json({"out": str(out), "plan": plan.sop_uid, "checks": data.checks.counts,
                    "goals": data.goals.counts if data.goals else None,
                    "signoff": data.signoff.hash if data.signoff else None, "seconds": round(secs, 2)})
    else:
        print(f"wrote {esc(str(out))} ({secs:.1f} s)")
    return EXIT_OK
