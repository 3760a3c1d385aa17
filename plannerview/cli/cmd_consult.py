"""``plannerview consult ...``: the remote-consult plugin's commands (temporary glue).

The plannerview-consult plugin brings the sub-commands; this module only hands them over until
the plugin host's ``command`` kind does it (then this file goes away). Imported by name at run
time, so the core never depends on the plugin.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from .common import EXIT_BAD_INPUT


def _plugin_cli() -> Any:
    try:
        return importlib.import_module("plannerview_consult.cli")
    except ImportError:
        return None


def register(sub: argparse._SubParsersAction) -> None:
    mod = _plugin_cli()
    p = sub.add_parser("consult", help=mod.HELP if mod else "remote consult (needs the plannerview-consult plugin)")
    if mod is not None:
        mod.register(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    mod = _plugin_cli()
    if mod is None:
        print("plannerview consult: the plannerview-consult plugin is not installed (bash scripts/setup.sh)")
        return EXIT_BAD_INPUT
    return int(mod.run(args))
