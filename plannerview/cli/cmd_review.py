"""``plannerview review PATH --plan SEL --decision D --comment TEXT [--reviewer NAME] [--out DIR] [--json]``.

Records a sign-off: hashes the reviewed files, runs the plan checks, writes the DICOM SR review
document (and with ``--plan-copy`` a copy of the RTPLAN with its approval set) into ``--out``, and
appends ``review-started`` and ``signed-off`` to the audit log.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..compute.protocols import ProtocolError
from ..model import IonPlan, Plan
from ..review.audit import AuditError, AuditLog
from ..review.checks import ConfigError, load_config, make_context, run_checks
from ..review.loaders import load_protocol
from ..review.signoff import COMMENT_TARGETS, DECISIONS, ROLES, Comment, PlanReview, SignOffError
from ..userdirs import data_dir
from .common import EXIT_FAILED, EXIT_OK, UsageError, esc, esc_lines, load_case, print_json, select


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="record a review sign-off (DICOM SR + audit log)",
                       description="Sign off a plan: approve, approve with comments, request changes or reject. "
                                   "Writes a DICOM SR review document and appends to the audit log.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--plan", help="plan: file, SOP UID or label (default: the only plan)")
    p.add_argument("--decision", required=True, choices=DECISIONS)
    p.add_argument("--comment", action="append", default=[], metavar="TEXT", help="a comment on the plan (repeatable)")
    p.add_argument("--comment-on", nargs=3, action="append", default=[], metavar=("WHAT", "REF", "TEXT"),
                   help=f"a comment on a {', '.join(t for t in COMMENT_TARGETS if t != 'plan')} "
                        "(e.g. --comment-on check couch_structure 'accepted')")
    p.add_argument("--reviewer", help="the reviewer's name (default: the login name)")
    p.add_argument("--role", default="physician", choices=ROLES)
    p.add_argument("--institution", default="", help="the reviewer's organisation (recorded in the SR)")
    p.add_argument("--out", metavar="DIR", help="folder for the SR (default: <user data folder>/reviews)")
    p.add_argument("--plan-copy", action="store_true",
                   help="also write a copy of the RTPLAN with Approval Status, Review Date/Time, Reviewer Name")
    p.add_argument("--protocol", help="clinical-goal protocol whose verdict the SR records")
    p.add_argument("--config", metavar="FILE", help="site check configuration")
    p.add_argument("--log", metavar="FILE", help="audit log (default: the user's, or $PLANNERVIEW_AUDIT_LOG)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def default_out() -> Path:
    return data_dir() / "reviews"


def run(args: argparse.Namespace) -> int:
    try:
        comments = [Comment(t) for t in args.comment]
        comments += [Comment(text, what, ref) for what, ref, text in args.comment_on]
        config = load_config(args.config)
        protocol = load_protocol(args.protocol) if args.protocol else None
    except (SignOffError, ConfigError, ProtocolError) as exc:
        raise UsageError(str(exc)) from None
    case = load_case(args.paths)
    plan = select(case, "plan", args.plan)
    assert isinstance(plan, Plan | IonPlan)
    ctx = make_context(case, plan, protocol=protocol)
    log = AuditLog(args.log)
    try:
        session = PlanReview(case, plan, ctx.dose, ctx.structure_set, reviewer=args.reviewer or "",
                                role=args.role, log=log)
        session.start()
        checks = run_checks(ctx, config)
        result = session.sign_off(args.decision, comments, args.out or default_out(), checks=checks,
                                  goals=ctx.goal_report, plan_copy=args.plan_copy, institution=args.institution)
    except AuditError as exc:
        print(f"plannerview review: {esc_lines(str(exc))}")
        return EXIT_FAILED
    except SignOffError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        doc = result.to_json()
        doc["audit"]["log"] = str(log.path)
        doc["checks"] = checks.counts
        print_json(doc)
    else:
        print(f"{result.decision} by {esc(result.reviewer)} ({result.role}) of plan '{esc(plan.label)}'")
        print(f"  SR           {esc(result.sr_file)}  ({result.sr_sop_uid})")
        if result.plan_copy_file:
            print(f"  plan copy    {esc(result.plan_copy_file)}  ({result.plan_copy_sop_uid})")
        print(f"  audit entry  {result.audit.seq} {result.audit.hash}  ({log.path})")
        print(f"  checks       {checks.counts}")
    return EXIT_OK
