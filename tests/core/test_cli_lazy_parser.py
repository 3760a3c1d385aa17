"""The command line builds only the sub-command it runs (importing every command costs over a second)."""

from __future__ import annotations

import subprocess
import sys

from plannerview.cli.main import build_parser, builtin_command_names


def _choices(parser) -> set[str]:  # type: ignore[no-untyped-def]
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    return set(sub.choices)


def test_builtin_names_known_without_imports_are_the_parsers_commands() -> None:
    assert builtin_command_names() == _choices(build_parser(plugin_commands=False))
    assert {"dvh", "check-dose", "roi-op", "protocols", "goals", "open"} <= builtin_command_names()


def test_one_command_builds_only_its_own_parser() -> None:
    assert _choices(build_parser(plugin_commands=False, command="dvh")) == {"dvh"}
    assert _choices(build_parser(plugin_commands=False, command="protocols")) == {"goals", "protocols"}
    assert _choices(build_parser(plugin_commands=False, command="nosuch")) == builtin_command_names()


PROBE = """
import sys
from plannerview.cli.main import main
try:
    main(["dvh", "--help"])
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.startswith("plannerview.cli.cmd_")))
print("matplotlib" in sys.modules, "fpdf" in sys.modules)
"""


def test_dvh_command_imports_no_other_command() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    lines = out.strip().splitlines()
    assert lines[-2] == "['plannerview.cli.cmd_dvh']"
    assert lines[-1] == "False False"  # the report's PDF and figure libraries stay unloaded
