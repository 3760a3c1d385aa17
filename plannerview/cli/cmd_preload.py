"""``plannerview preload status|stop [--json]``: the background helpers that run headless commands
(see ``launcher.py``): list them with their memory, or stop them."""

from __future__ import annotations

import argparse
import os
import signal
import time

from . import launcher
from .common import EXIT_OK, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("preload", help="the background helpers that start commands faster: status, stop")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name, hlp in (("status", "list this user's helpers (pid, memory, commands run, serving or not)"),
                      ("stop", "stop them (the next command runs in its own process and starts a new one)")):
        q = verbs.add_parser(name, help=hlp)
        q.add_argument("--json", action="store_true")
        q.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = launcher.runtime_dir()
    found = launcher.helpers(folder) if folder else []
    stopped: list[int] = []
    if args.verb == "stop":
        for h in found:
            try:
                os.kill(int(str(h["pid"])), signal.SIGTERM)
                stopped.append(int(str(h["pid"])))
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5.0
        while folder and time.monotonic() < deadline and launcher.helpers(folder):
            time.sleep(0.05)
    doc = {"enabled": launcher.enabled(), "folder": folder, "helpers": found, "stopped": stopped}
    if args.json:
        print_json(doc)
        return EXIT_OK
    state = "on" if doc["enabled"] else "off (PLANNERVIEW_PRELOAD=0)"
    print(f"preloading: {state}; folder: {folder or 'none (not a private folder of this user)'}")
    for h in found:
        mem = f"{h['rss_mb']:.0f} MB" if h["rss_mb"] is not None else "? MB"
        what = "serving" if h["serving"] else "not serving (warming up, or see its .log)"
        print(f"  pid {h['pid']}: {what}, {h['commands']} commands run, {mem}"
              + (" - stopped" if h["pid"] in stopped else ""))
    if not found:
        print("  no helper running")
    return EXIT_OK
