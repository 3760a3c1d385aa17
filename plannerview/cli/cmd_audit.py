"""``plannerview audit verify [--log FILE]``, ``audit show`` and ``audit export --out FILE``.

``verify`` exits 0 on an intact log and 1 naming the first bad entry.
"""

from __future__ import annotations

import argparse

from ..review.audit import AuditLog
from .common import EXIT_FAILED, EXIT_OK, UsageError, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="the review audit log: verify, show, export")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name, hlp in (("verify", "check the hash chain; exit 1 naming the first bad entry"),
                      ("show", "print the entries"), ("export", "copy the log (and verify the copy)")):
        q = verbs.add_parser(name, help=hlp)
        q.add_argument("--log", metavar="FILE", help="audit log (default: the user's, or $PLANNERVIEW_AUDIT_LOG)")
        q.add_argument("--json", action="store_true")
        if name == "export":
            q.add_argument("--out", required=True, metavar="FILE")
        q.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    log = AuditLog(args.log)
    if not log.path.exists():
        raise UsageError(f"{log.path}: no such audit log")
    if args.verb == "export":
        v = log.export(args.out)
        if args.json:
            print_json({"out": args.out, **v.to_json()})
        else:
            print(f"exported {v.entries} entries to {args.out}; head {v.head_hash}"
                  + ("" if v.ok else f"; the log does NOT verify: {v.reason}"))
        return EXIT_OK if v.ok else EXIT_FAILED
    v = log.verify()
    if args.verb == "show":
        entries = [e.to_json() for e in log.entries()]
        if args.json:
            print_json({"log": str(log.path), "verification": v.to_json(), "entries": entries})
        else:
            for e in entries:
                print(f"{e['seq']:>5} {e['time_utc']} {e['action']:<18} {e['user']:<16} {e['hash'][:16]}")
            print("intact" if v.ok else f"NOT intact: {v.reason}")
        return EXIT_OK if v.ok else EXIT_FAILED
    if args.json:
        print_json({"log": str(log.path), **v.to_json()})
    elif v.ok:
        print(f"{log.path}: intact, {v.entries} entries, head {v.head_hash}")
    else:
        print(f"{log.path}: NOT intact: {v.reason}")
    return EXIT_OK if v.ok else EXIT_FAILED
