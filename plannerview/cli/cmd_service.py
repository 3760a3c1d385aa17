"""``plannerview service NAME [--seconds S] [--json]``: run a plugin's service in the foreground
until interrupted (Ctrl-C) or for ``S`` seconds, then stop it. Exit 1 when it fails to start."""

from __future__ import annotations

import argparse
import sys
import time

from .common import EXIT_FAILED, EXIT_OK, UsageError, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("service", help="run a plugin service (NAME or PLUGIN:NAME) in the foreground")
    p.add_argument("name", metavar="NAME", help="the service (see plannerview plugins)")
    p.add_argument("--seconds", type=float, default=None, help="stop after this long (default: until Ctrl-C)")
    p.add_argument("--json", action="store_true", help="print the status at start and stop as JSON")
    p.set_defaults(func=run)


def _doc(status: object) -> dict[str, object]:
    return {"state": status.state, "message": status.message, "details": dict(status.details)}  # type: ignore[attr-defined]


def run(args: argparse.Namespace) -> int:
    from ..plugins import HostEnvironment, PluginUnavailable, default_registry, label
    from ..plugins.services import ServiceManager

    registry = default_registry()
    try:
        record, contrib = registry.find("service", args.name)
    except PluginUnavailable as exc:
        raise UsageError(str(exc)) from None
    name = label(record, contrib)
    manager = ServiceManager(registry, HostEnvironment.for_case(None))
    started = manager.start(name)
    if started.state == "failed":
        print(f"plannerview service: {started.message}", file=sys.stderr)
        return EXIT_FAILED
    if not args.json:
        print(f"{name}: {started.state} {started.message}".rstrip(), flush=True)
    try:
        t0 = time.monotonic()
        while args.seconds is None or time.monotonic() - t0 < args.seconds:
            time.sleep(min(0.2, args.seconds or 0.2))
    except KeyboardInterrupt:
        pass
    finally:
        manager.stop(name)
    stopped = manager.status(name)
    if args.json:
        print_json({"service": name, "started": _doc(started), "stopped": _doc(stopped)})
    else:
        print(f"{name}: {stopped.state} {stopped.message}".rstrip())
    return EXIT_OK
