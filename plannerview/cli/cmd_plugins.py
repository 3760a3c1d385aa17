"""``plannerview plugins [--json]``: installed plugins, their status and what they contribute."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plugins", help="list plugins: status (active/disabled/failed), errors, contributions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..plugin_api import API_VERSION
    from ..plugins_host import discover, user_plugin_dirs

    registry = discover()
    dirs = [str(p) for p in user_plugin_dirs()]
    doc = {"api_version": API_VERSION, "user_plugin_dirs": dirs, "plugins": [r.to_json() for r in registry.records]}
    if args.json:
        print_json(doc)
        return EXIT_OK
    print(f"plugin API {API_VERSION}; user plugin folders: {', '.join(dirs)}")
    if not registry.records:
        print("no plugins installed")
    for r in registry.records:
        print(f"{r.name} {r.version or '?'} (API {r.api_version or '?'}): {r.status}")
        if r.error:
            print(f"  error: {r.error}")
        for c in (r.manifest.contributions if r.manifest else ()):
            params = ", ".join(f"{p.name}={p.default}{(' ' + p.unit) if p.unit else ''}" for p in c.parameters)
            print(f"  {c.kind} {c.name}: {c.description}" + (f"\n    parameters: {params}" if params else ""))
    return EXIT_OK
