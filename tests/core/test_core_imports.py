"""The core (model, io, compute, review) must not import Qt, VTK or pyqtgraph."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = ["model", "io", "compute", "review"]
GUI_LIBS = ("PySide6", "PyQt5", "PyQt6", "vtk", "vtkmodules", "pyqtgraph")
PKG = Path(__file__).resolve().parents[2] / "plannerview"


def test_core_sources_have_no_gui_imports() -> None:
    offenders = []
    for sub in CORE:
        for f in (PKG / sub).rglob("*.py"):
            for node in ast.walk(ast.parse(f.read_text())):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                offenders += [f"{f}: {n}" for n in names if n.split(".")[0] in GUI_LIBS]
    assert offenders == []


def test_importing_every_core_module_loads_no_gui_library() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import plannerview\n"
        f"for sub in {CORE!r}:\n"
        "    pkg = importlib.import_module('plannerview.' + sub)\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "import plannerview.cli.cmd_info\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {GUI_LIBS!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
