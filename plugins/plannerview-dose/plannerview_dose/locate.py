"""Where the provisioned engines are (see :mod:`plannerview_dose.provision`)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from plannerview.plugin_api import PluginInputError

from .provision import default_root

SETUP_HINT = "run scripts/setup.sh (or: python -m plannerview_dose.provision)"
GENERIC_BDL = {"generic-DN": "BDL_default_DN_RangeShifter.txt", "generic-UN": "BDL_default_UN_RangeShifter.txt"}
GENERIC_SCANNER = "UCL_Toshiba"
DATA_DIR = Path(__file__).resolve().parent / "data"


class EngineMissing(PluginInputError):
    """The engine was not provisioned on this machine."""


def engines_root(settings: Mapping[str, Any] | None = None) -> Path:
    value = str((settings or {}).get("engines_dir") or "").strip()
    return Path(value).expanduser() if value else default_root()


def mcsquare_dir(settings: Mapping[str, Any] | None = None) -> Path:
    d = engines_root(settings) / "mcsquare"
    if not (d / "PROVENANCE.json").is_file():
        raise EngineMissing(f"MCsquare is not installed in {d}: {SETUP_HINT}")
    return d


@lru_cache(maxsize=1)
def _cpu_flags() -> tuple[str, set[str]]:
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return "", set()
    vendor, flags = "", set[str]()
    for line in text.splitlines():
        if line.startswith("vendor_id") and not vendor:
            vendor = line.split(":", 1)[1].strip()
        if line.startswith("flags") and not flags:
            flags = set(line.split(":", 1)[1].split())
    return vendor, flags


def mcsquare_executable(folder: Path) -> Path:
    """The build for this CPU, chosen as MCsquare's own launcher does (generic build on AMD)."""
    vendor, flags = _cpu_flags()
    name = "MCsquare_linux"
    if vendor != "AuthenticAMD":
        if any(f.startswith("avx512") for f in flags):
            name = "MCsquare_linux_avx512"
        elif "avx2" in flags:
            name = "MCsquare_linux_avx2"
        elif "avx" in flags:
            name = "MCsquare_linux_avx"
        elif "sse4_1" in flags or "sse4_2" in flags:
            name = "MCsquare_linux_sse4"
    exe = folder / name
    if not exe.is_file() or not os.access(exe, os.X_OK):
        raise EngineMissing(f"MCsquare executable {exe} is missing or not executable: {SETUP_HINT}")
    return exe


def mcsquare_provenance(folder: Path) -> dict[str, Any]:
    try:
        return dict(json.loads((folder / "PROVENANCE.json").read_text()))
    except (OSError, ValueError):
        return {}


def pyradplan_python(settings: Mapping[str, Any] | None = None) -> Path:
    d = engines_root(settings) / "pyradplan"
    py = d / "venv" / "bin" / "python"
    if not (d / "PROVENANCE.json").is_file() or not py.exists():
        raise EngineMissing(f"pyRadPlan is not installed in {d}: {SETUP_HINT}")
    return py


def pyradplan_provenance(settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    try:
        return dict(json.loads((engines_root(settings) / "pyradplan" / "PROVENANCE.json").read_text()))
    except (OSError, ValueError):
        return {}
