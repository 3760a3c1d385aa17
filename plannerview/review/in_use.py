"""The preflight findings of the objects a view uses (the dose, structure set and plan on screen).

A derived dose (scaled to the course, a sum, an EQD2) has no file of its own: its findings are
those of the stored doses it was made from, found through its provenance's inputs. The GUI shows
these next to the DVH and the goals, as the CLI prints them after its numbers
(``cli.common.preflight_of``)."""

from __future__ import annotations

from pathlib import Path

from ..model.case import Case
from ..model.common import DicomObject
from ..model.dose import DoseGrid
from ..model.findings import Finding, Severity
from ..textsafe import esc

MAX_DEPTH = 8  # derived from derived from ...: provenance chains are short; a cycle must not loop


def sources_of(case: Case, obj: DicomObject | None, depth: int = 0) -> list[DicomObject]:
    """``obj`` itself, or for a derived dose the case's objects it was computed from (recursively)."""
    if obj is None:
        return []
    if not isinstance(obj, DoseGrid) or obj.file or not obj.provenance or depth >= MAX_DEPTH:
        return [obj]
    inputs = obj.provenance.get("inputs") if isinstance(obj.provenance, dict) else None
    found: list[DicomObject] = [obj]
    for uid in inputs if isinstance(inputs, list | tuple) else ():
        src = case.by_uid(str(uid))
        if src is not None and src is not obj:
            found += sources_of(case, src, depth + 1)
    return found


def findings_in_use(case: Case | None, *objects: DicomObject | None) -> tuple[Finding, ...]:
    """Errors and warnings about these objects (derived doses: about their sources), errors first."""
    if case is None:
        return ()
    used: list[DicomObject] = []
    for o in objects:
        used += sources_of(case, o)
    seen: set[Finding] = set()
    out = []
    for f in case.findings_for(*used):
        if f.severity in (Severity.ERROR, Severity.WARNING) and f not in seen:
            seen.add(f)
            out.append(f)
    return tuple(out)


def finding_line(f: Finding) -> str:
    """'ERROR RD_x.dcm: DOSE_SUMMATION_MISMATCH — the message' (the file by name; the full path is the tooltip's)."""
    where = Path(f.file).name if f.file else (f.object_uid or "case")
    return esc(f"{f.severity.value.upper()} {where}: {f.code} — {f.message}")

