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

# commands registered by a module not named after them
_COMMAND_MODULE = {"protocols": "cmd_goals"}


def _command_modules() -> list[str]:
    from . import __path__ as cli_path

    return sorted(m.name for m in pkgutil.iter_modules(cli_path) if m.name.startswith("cmd_"))


def builtin_command_names() -> set[str]:
    """The built-in commands' names, known without importing their modules."""
    return {m.removeprefix("cmd_").replace("_", "-") for m in _command_modules()} | set(_COMMAND_MODULE)


def build_parser(plugin_commands: bool = True, command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only ``command``'s sub-parser when it is a built-in command (each
    command module imports what it computes with: building all of them costs over a second)."""
    parser = argparse.ArgumentParser(
        prog="plannerview",
        description="Review radiotherapy treatment plans (research and review aid, not a medical device).",
    )
    parser.add_argument("--version", action="version", version=f"plannerview {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = _command_modules()
    if command is not None:
        wanted = _COMMAND_MODULE.get(command, "cmd_" + command.replace("-", "_"))
        if wanted in modules:
            importlib.import_module(f"{__package__}.{wanted}").register(sub)
            if plugin_commands and command == "plugins":
                _add_plugin_commands(sub)  # a plugin command clashing with a built-in one is listed as failed
            return parser
    for name in modules:
        importlib.import_module(f"{__package__}.{name}").register(sub)
    if plugin_commands:
        _add_plugin_commands(sub)
    return parser


def _command_of(argv: list[str]) -> str | None:
    """The sub-command named by argv (its first word; the top level has no option taking a value)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first is not None and argv.index(first) == 0 else None


def _add_plugin_commands(sub: argparse._SubParsersAction) -> None:
    """Commands contributed by plugins (only their manifests are read here)."""
    try:
        from ..plugins import default_registry
        from ..plugins.commands import add_plugin_commands

        add_plugin_commands(sub, set(sub.choices) | builtin_command_names(), default_registry())
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
    parser = build_parser(command=_command_of(sys.argv[1:] if argv is None else argv))
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
    if getattr(args, "each", False):
        return _run_each(args)
    return _run(args)


# options naming one output file: under --each every case would write it
_ONE_OUTPUT_OPTIONS = ("csv", "output", "out", "pdf")


def _run_each(args: argparse.Namespace) -> int:
    """``--each``: the command on every PATH as a case of its own, in this process. A case that
    fails is reported (on stderr, and as a JSON line with 'error' under --json) and the others
    still run; the exit code is the worst of the cases'."""
    from .common import esc, json_lines_for, print_json

    for name in _ONE_OUTPUT_OPTIONS:
        if getattr(args, name, None):
            print(f"plannerview {args.command}: --each cannot be combined with --{name} (one file for every case)",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
    if not getattr(args, "paths", None):
        return _run(args)  # the command says what it needs
    worst = EXIT_OK
    as_json = bool(getattr(args, "json", False))
    for n, path in enumerate(args.paths):
        one = argparse.Namespace(**{**vars(args), "paths": [path], "each": False})
        if not as_json:
            if n:
                print()
            print(f"== {esc(path)} ==", flush=True)
        with json_lines_for(path if as_json else None) as printed:
            errors: list[str] = []
            try:
                code = _run(one, label=f"{args.command}: {esc(path)}", batch=True, errors=errors)
            except KeyboardInterrupt:
                return EXIT_FAILED
            if as_json and not printed:
                print_json({"error": "\n".join(errors) or "no result", "exit_code": code})
        sys.stdout.flush()
        worst = max(worst, code)
    return worst


def _run(args: argparse.Namespace, label: str | None = None, batch: bool = False,
         errors: list[str] | None = None) -> int:
    """Run the parsed command; messages start with ``plannerview LABEL:`` (default: the command);
    bad input and internal errors are also appended to ``errors`` when given."""
    label = label or args.command
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # output piped into head and the like
        return EXIT_OK
    except UsageError as exc:
        print(f"plannerview {label}: {esc_lines(str(exc))}", file=sys.stderr)
        if errors is not None:
            errors.append(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        if batch:
            raise  # Ctrl-C stops the whole batch
        return EXIT_FAILED
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in GUI_LIBRARIES and ".so" not in str(exc):
            return _internal_error(label, exc)
        # a broken install or missing system libraries: say so instead of a traceback
        print(f"plannerview {label}: the GUI libraries cannot be loaded ({exc}). They are "
              "dependencies of plannerview: reinstall it (pip install plannerview), and on Debian/Ubuntu "
              "install the X/GL libraries Qt and VTK need (see scripts/setup.sh)", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # an internal error: report it, exit 1
        if errors is not None:
            errors.append(f"internal error: {user_message(exc)}")
        return _internal_error(label, exc)


def _internal_error(command: str, exc: BaseException) -> int:
    """Say what failed in words (the Python details with PLANNERVIEW_DEBUG=1), exit 1."""
    if os.environ.get("PLANNERVIEW_DEBUG"):
        traceback.print_exc()
    print(f"plannerview {command}: internal error: {user_message(exc)} (this is a bug; run again with "
          "PLANNERVIEW_DEBUG=1 for the details to report)", file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
