"""``plannerview plugins [--json] [--check] [--set PLUGIN.KEY=VALUE ...]``: installed plugins, where
each comes from, its status and errors, what it contributes, and its persisted settings."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, UsageError, esc, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plugins", help="list plugins: origin, status (active/disabled/failed), errors, "
                                       "contributions; set per-plugin settings")
    p.add_argument("--json", action="store_true")
    p.add_argument("--check", action="store_true",
                   help="also import and build every contribution (listing alone imports only manifests)")
    p.add_argument("--set", action="append", default=[], metavar="PLUGIN.KEY=VALUE",
                   help="store a per-plugin setting (validated against the plugin's settings schema; repeatable)")
    p.set_defaults(func=run)


def _apply_settings(items: list[str]) -> list[str]:
    from ..plugin_api import ParamError
    from ..plugins import PluginUnavailable, default_registry
    from ..plugins.store import save_settings, settings_path

    registry = default_registry()
    by_plugin: dict[str, dict[str, str]] = {}
    for item in items:
        target, eq, value = item.partition("=")
        plugin, dot, key = target.strip().rpartition(".")
        if not eq or not dot or not plugin or not key:
            raise UsageError(f"--set {item!r}: expected PLUGIN.KEY=VALUE")
        by_plugin.setdefault(plugin, {})[key] = value.strip()
    done = []
    for plugin, values in by_plugin.items():
        try:
            record = registry.get(plugin)
        except PluginUnavailable as exc:
            raise UsageError(str(exc)) from None
        if record.manifest is None:
            raise UsageError(f"plugin {plugin} could not be loaded ({record.error}); its settings are unknown")
        try:
            effective = save_settings(record.manifest, values)
        except ParamError as exc:
            raise UsageError(f"plugin {plugin}: {exc}") from None
        done += [f"{plugin}.{k} = {effective[k]!r} ({settings_path(plugin)})" for k in values]
    return done


def run(args: argparse.Namespace) -> int:
    from ..plugin_api import API_VERSION
    from ..plugins import default_registry, user_plugin_dirs
    from ..plugins.store import effective_settings

    changed = _apply_settings(args.set) if args.set else []
    registry = default_registry()
    if args.check:
        registry.check_all()
    dirs = [str(p) for p in user_plugin_dirs()]
    docs = []
    for r in registry.records:
        doc = r.to_json()
        doc["settings_values"] = effective_settings(r.manifest) if r.manifest is not None else {}
        docs.append(doc)
    if args.json:
        print_json({"api_version": API_VERSION, "user_plugin_dirs": dirs, "plugins": docs,
                    **({"set": changed} if changed else {})})
        return EXIT_OK
    for line in changed:
        print(f"set {line}")
    print(f"plugin API {API_VERSION}; user plugin folders: {', '.join(dirs)}")
    print("plugins are Python code running with your rights; install only plugins you trust")
    if not registry.records:
        print("no plugins installed")
    for r, doc in zip(registry.records, docs, strict=True):
        print(f"{esc(r.name)} {esc(r.version or '?')} (API {esc(r.api_version or '?')}): {r.status}")
        print(f"  from {r.origin_kind}: {esc(r.origin)}")
        if r.error:
            print(f"  error: {esc(r.error)}")
        if doc["settings_values"]:
            print("  settings: " + ", ".join(f"{k}={v!r}" for k, v in doc["settings_values"].items()))
        for st in r.states.values():
            c = st.contribution
            state = "" if st.status == "active" and not st.faults else \
                f" [{st.status}{f', {st.faults} faults' if st.faults else ''}]"
            iso = f" (worker process, {c.timeout_s or '-'} s, {c.memory_mb or '-'} MB)" if c.isolation == "process" else ""
            print(f"  {c.kind} {esc(c.name)}{state}{iso}: {esc(c.description)}")
            if st.error:
                print(f"    error: {esc(st.error)}")
            params = ", ".join(f"{p.name}={p.default}{(' ' + p.unit) if p.unit else ''}" for p in c.parameters)
            if params:
                print(f"    parameters: {params}")
            if c.unknown_needs:
                print(f"    unknown needs (ignored): {', '.join(c.unknown_needs)}")
    return EXIT_OK
