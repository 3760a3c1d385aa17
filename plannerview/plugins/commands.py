"""Plugin commands: ``plannerview NAME ...`` sub-commands contributed by plugins.

Why a ``command`` kind: plugins such as the remote consult need a command line of their own
(``plannerview consult serve|share|pull``) and every capability must be reachable headless. The
manifest holds the command's name and help, so ``plannerview --help`` lists it after importing
only manifests; the plugin's code (``register(parser)``, then ``run(args, ctx)``) is imported when
the command is run. A command may not take a built-in command's name or another plugin's.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterable

from ..plugin_api import COMMAND
from .errors import InputRefused, PluginError
from .records import ACTIVE, FAILED
from .registry import PluginRegistry

log = logging.getLogger("plannerview.plugins")


def add_plugin_commands(sub: argparse._SubParsersAction, builtin: Iterable[str],
                        registry: PluginRegistry) -> list[str]:
    """Add a sub-parser per command contribution (help from the manifest; arguments parsed by the
    plugin's own parser when run). Returns the names added."""
    taken = set(builtin)
    added = []
    for record, contrib in registry.contributions(COMMAND):
        st = record.state(contrib)
        if contrib.name in taken:
            st.status = FAILED
            st.error = f"the command name {contrib.name!r} is already taken (built-in or another plugin's)"
            log.info("plugin %s: %s", record.name, st.error)
            continue
        taken.add(contrib.name)
        help_text = f"{contrib.description or contrib.title or contrib.name} [plugin {record.name}]"
        p = sub.add_parser(contrib.name, help=help_text, add_help=False)
        p.set_defaults(func=None, plugin_command=f"{record.name}:{contrib.name}")
        added.append(contrib.name)
    return added


def run_plugin_command(name: str, argv: list[str], registry: PluginRegistry) -> int:
    """Run a plugin command with its own arguments ``argv``; returns the exit code.

    Bad input (the plugin's ``PluginInputError``) exits 2; a fault of the plugin exits 1. Services
    the command started are stopped when it returns.
    """
    import sys

    from .runner import HostEnvironment, invoke
    from .services import ServiceManager

    try:
        record, contrib = registry.find(COMMAND, name)
    except PluginError as exc:
        print(f"plannerview: {exc}", file=sys.stderr)
        return 2
    env = HostEnvironment.for_case(None)
    services = ServiceManager(registry, env)
    parser = argparse.ArgumentParser(prog=f"plannerview {contrib.name}",
                                     description=contrib.description or contrib.title or None)
    try:
        invoke(registry, COMMAND, (record, contrib), "register", parser, env=env)
        args = parser.parse_args(argv)
        return int(invoke(registry, COMMAND, (record, contrib), "run", args, env=env).value)
    except InputRefused as exc:
        print(f"plannerview {contrib.name}: {exc}", file=sys.stderr)
        return 2
    except PluginError as exc:
        print(f"plannerview {contrib.name}: {exc}", file=sys.stderr)
        return 1
    finally:
        services.stop_all()


def command_status(registry: PluginRegistry) -> dict[str, str]:
    """``name -> plugin:name`` of the active commands (for listings)."""
    return {c.name: f"{r.name}:{c.name}" for r, c in registry.contributions(COMMAND)
            if r.state(c).status == ACTIVE}
