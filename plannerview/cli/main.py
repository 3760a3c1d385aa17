"""The ``plannerview`` command line. Each sub-command lives in a ``cmd_*.py`` module that
defines ``register(subparsers)``; this module finds them, so commands are added without
editing a shared list.

Exit codes everywhere: 0 success, 1 a check failed or an internal error, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
import traceback

from ..model.messages import user_message
from ..version import __version__
from .common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UsageError, esc_lines


def build_parser(plugin_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plannerview",
        description="Review radiotherapy treatment plans (research and review aid, not a medical device).",
    )
    parser.add_argument("--version", action="version", version=f"plannerview {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from . import __path__ as cli_path

    for mod in sorted(pkgutil.iter_modules(cli_path), key=lambda m: m.name):
        if mod.name.startswith("cmd_"):
            module = importlib.import_module(f"{__package__}.{mod.name}")
            module.register(sub)
    if plugin_commands:
        _add_plugin_commands(sub)
    return parser


def _add_plugin_commands(sub: argparse._SubParsersAction) -> None:
    """Commands contributed by plugins (only their manifests are read here)."""
    try:
        from ..plugins import default_registry
        from ..plugins.commands import add_plugin_commands

        add_plugin_commands(sub, set(sub.choices), default_registry())
    except Exception:  # noqa: BLE001 - the built-in commands must work whatever the plugins do
        logging.getLogger("plannerview.plugins").exception("plugin commands could not be listed")


GUI_LIBRARIES = ("PySide6", "shiboken6", "vtk", "vtkmodules", "pyqtgraph")


def _configure_reviewer() -> None:
    """The reviewer name of the application settings (PLANNERVIEW_USER, when set, takes precedence)."""
    from ..model.provenance import set_reviewer

    try:
        from ..ui.settings import Settings  # plain JSON; no Qt

        set_reviewer(Settings.load().reviewer_name)
    except Exception:  # settings are a convenience; never fail a command over them
        set_reviewer(None)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    plugin_command = getattr(args, "plugin_command", None)
    if plugin_command:
        from ..plugins import default_registry
        from ..plugins.commands import run_plugin_command

        return run_plugin_command(plugin_command, extra, default_registry())
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "func", None):
        if args.command is None and argv is None and len(sys.argv) == 1:
            # No command at all: open the application on the demo case.
            args = parser.parse_args(["open"])
        else:
            parser.print_help()
            return EXIT_BAD_INPUT
    from ..io.safe_write import forget_inputs

    _configure_reviewer()
    forget_inputs()  # the files this command reads are the ones its outputs must never replace
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # output piped into head and the like
        return EXIT_OK
    except UsageError as exc:
        print(f"plannerview {args.command}: {esc_lines(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_FAILED
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in GUI_LIBRARIES and ".so" not in str(exc):
            return _internal_error(args.command, exc)
        # a broken install or missing system libraries: say so instead of a traceback
        print(f"plannerview {args.command}: the GUI libraries cannot be loaded ({exc}). They are "
              "dependencies of plannerview: reinstall it (pip install plannerview), and on Debian/Ubuntu "
              "install the X/GL libraries Qt and VTK need (see scripts/setup.sh)", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # an internal error: report it, exit 1
        return _internal_error(args.command, exc)


def _internal_error(command: str, exc: BaseException) -> int:
    """Say what failed in words (the Python details with PLANNERVIEW_DEBUG=1), exit 1."""
    if os.environ.get("PLANNERVIEW_DEBUG"):
        traceback.print_exc()
    print(f"plannerview {command}: internal error: {user_message(exc)} (this is a bug; run again with "
          "PLANNERVIEW_DEBUG=1 for the details to report)", file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
