"""Helpers every sub-command shares: loading inputs, selecting objects, printing JSON."""

from __future__ import annotations

import contextlib
import json
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np

from ..model import Case, SelectionError
from ..model.common import DicomObject
from ..model.findings import Finding
from ..textsafe import esc as esc

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input or arguments: printed as one message, exit code 2."""


def esc_lines(text: str) -> str:
    """:func:`esc` for a message of several lines of our own: each line escaped, newlines kept."""
    return "\n".join(esc(line) for line in str(text).split("\n"))


def add_overwrite_option(p: Any) -> None:
    """``--overwrite`` for every command that writes a file."""
    p.add_argument("--overwrite", action="store_true",
                   help="replace an existing output file (an input of the command is never replaced)")


def check_output(path: str, overwrite: bool, extra_inputs: list[str] | tuple[str, ...] = ()) -> Path:
    """Refuse an output path early (exists without --overwrite, an input, a dangling link): exit 2.

    ``extra_inputs`` are files the command read besides the DICOM inputs (YAML settings ...);
    they are noted as inputs, so no later write of this command replaces them either.
    """
    from ..io.safe_write import WriteRefused, check_target, note_input

    for p in extra_inputs:
        note_input(p)
    try:
        return check_target(path, overwrite)
    except WriteRefused as exc:
        raise UsageError(str(exc)) from None


@contextlib.contextmanager
def open_output(path: str, overwrite: bool, mode: str = "wb", **kwargs: Any) -> Iterator[IO[Any]]:
    """A file object whose content becomes ``path`` atomically; refused or failed writes exit 2
    and leave neither a partial file nor a temporary one."""
    from ..io.safe_write import atomic_write

    try:
        with atomic_write(path, mode, overwrite, **kwargs) as fh:
            yield fh
    except OSError as exc:
        raise UsageError(f"{path} not written: {exc}") from None


def load_case(paths: list[str], quiet: bool = False) -> Case:
    """Load every path into one case; exit code 2 (UsageError) when nothing usable loads."""
    from ..io.loader import load

    for p in paths:
        if not Path(p).exists():
            raise UsageError(f"{esc(p)}: no such file or folder")
    case = load(paths)
    if case.is_empty:
        msgs = "\n".join(f"  {f.severity.value}: {esc(f.file)}: {esc(f.message)}" for f in case.findings[:20])
        raise UsageError("nothing usable was found in " + ", ".join(esc(p) for p in paths) + (f"\n{msgs}" if msgs else ""))
    return case


_NOT_USED = ("IO_CORRUPT", "IO_INVALID_VALUE", "IO_PIXEL_DATA", "IO_SKIPPED", "IO_UNREADABLE", "IMG_INCONSISTENT")


def not_used_note(case: Case, limit: int = 10) -> str:
    """The errors that kept objects out of the case, to explain "no dose found" and the like."""
    errs = [f for f in case.findings if f.code in _NOT_USED and f.severity.value == "error"]
    if not errs:
        return ""
    lines = [f"  {esc(f.file)}: {esc(f.message)}" for f in errs[:limit]]
    more = f"\n  ... and {len(errs) - limit} more" if len(errs) > limit else ""
    return "\nobjects not used because of errors:\n" + "\n".join(lines) + more


def select(case: Case, kind: str, name: str | None) -> DicomObject:
    try:
        return case.select(kind, name)
    except SelectionError as exc:
        raise UsageError(str(exc) + not_used_note(case)) from None


def check_same_frame(ss: DicomObject, dose: DicomObject, strict: bool = False) -> None:
    """DVHs need the structure set and the dose in one frame of reference: exit 2 naming both files.

    Without ``strict`` an object that states no frame is accepted (as the DVH engine does)."""
    a, b = ss.frame_of_reference_uid, dose.frame_of_reference_uid
    if a != b and (strict or (a and b)):
        raise UsageError(f"structure set '{esc(getattr(ss, 'label', ''))}' ({esc(ss.file)}) and the dose "
                         f"({esc(dose.file)}) are in different frames of reference "
                         f"({ss.frame_of_reference_uid or 'none'} and {dose.frame_of_reference_uid or 'none'})")


def preflight_of(case: Case, *objects: DicomObject | None) -> list[Finding]:
    """The preflight findings (errors and warnings) of the objects a command uses."""
    return [f for f in case.findings_for(*objects) if f.severity.value in ("error", "warning")]


def print_preflight(findings: list[Finding]) -> None:
    """Text output: the findings of the objects used, after the numbers they qualify."""
    if not findings:
        return
    print("Preflight findings of the objects used:")
    for f in findings:
        print(f"  [{f.severity.value.upper():7}] {f.code}: {esc(f.message)}  ({esc(f.file)})")


def _default(o: Any) -> Any:
    if isinstance(o, np.ndarray):
        return _clean(o.tolist())
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


def add_each_option(p: Any) -> None:
    """``--each`` for commands that review one case: every PATH is a case of its own, all of them in
    one process (a batch pays the start-up and the compiled kernels' loading once)."""
    p.add_argument("--each", action="store_true",
                   help="treat every PATH as a case of its own, one after another in this process; with --json "
                        "one JSON document per line (JSON Lines) with the case's 'path' first")


_json_lines_path: str | None = None  # set while --each prints JSON Lines (the case's path)
_json_lines_printed: list[int] = []  # an entry per line printed for that case


@contextlib.contextmanager
def json_lines_for(path: str | None) -> Iterator[list[int]]:
    """While active, :func:`print_json` prints one line ``{"path": path, ...}`` (``--each``); the
    list yielded gets an entry for every line printed."""
    global _json_lines_path, _json_lines_printed
    before = _json_lines_path, _json_lines_printed
    _json_lines_path, _json_lines_printed = path, []
    try:
        yield _json_lines_printed
    finally:
        _json_lines_path, _json_lines_printed = before


def print_json(doc: Any) -> None:
    """Print one JSON document (NaN/inf become null, numpy types become plain numbers); one line
    with the case's path first under ``--each`` (:func:`json_lines_for`)."""
    if _json_lines_path is not None:
        line = {"path": _json_lines_path, **doc} if isinstance(doc, dict) else {"path": _json_lines_path, "result": doc}
        text = json.dumps(_clean(line), default=_default, separators=(",", ":"))
        _json_lines_printed.append(1)
    else:
        text = json.dumps(_clean(doc), default=_default, indent=2)
    sys.stdout.write(text + "\n")  # one write: json.dump writes every token on its own
