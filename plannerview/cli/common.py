"""Helpers every sub-command shares: loading inputs, selecting objects, printing JSON."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

from ..model import Case, SelectionError
from ..model.common import DicomObject

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input or arguments: printed as one message, exit code 2."""


def load_case(paths: list[str], quiet: bool = False) -> Case:
    """Load every path into one case; exit code 2 (UsageError) when nothing usable loads."""
    from ..io.loader import load

    for p in paths:
        if not Path(p).exists():
            raise UsageError(f"{p}: no such file or folder")
    case = load(paths)
    if case.is_empty:
        msgs = "\n".join(f"  {f.severity.value}: {f.file}: {f.message}" for f in case.findings[:20])
        raise UsageError("nothing usable was found in " + ", ".join(paths) + (f"\n{msgs}" if msgs else ""))
    return case


def select(case: Case, kind: str, name: str | None) -> DicomObject:
    try:
        return case.select(kind, name)
    except SelectionError as exc:
        raise UsageError(str(exc)) from None


def _default(o: Any) -> Any:
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return None if not math.isfinite(float(o)) else float(o)
    if isinstance(o, Path):
        return str(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def _clean(o: Any) -> Any:
    if isinstance(o, float) and not math.isfinite(o):
        return None
    if isinstance(o, dict):
        return {str(k): _clean(v) for k, v in o.items()}
    if isinstance(o, list | tuple):
        return [_clean(v) for v in o]
    return o


def print_json(doc: Any) -> None:
    """Print one JSON document (NaN/inf become null, numpy types become plain numbers)."""
    json.dump(_clean(doc), sys.stdout, default=_default, indent=2)
    sys.stdout.write("\n")
