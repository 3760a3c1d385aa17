"""Load files, folders and zip archives into one Case, then run the preflight checks."""

from __future__ import annotations

import dataclasses
import os
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..model.case import Case
from ..model.dose import DoseGrid
from ..model.findings import Finding, Severity
from ..model.messages import user_message
from ..model.plan import IonPlan, Plan
from ..model.registration import Registration
from ..model.structures import StructureSet
from ..model.text import QT_TRANSLATE_NOOP, Msg
from ..tasks import Cancelled, TaskContext
from . import codes
from .images import build_images
from .preflight import run_preflight
from .registration import read_registrations
from .rtdose import read_dose
from .rtplan import read_plan
from .rtstruct import read_structure_set
from .scan import Item, Opener, close_archives, iter_sources, read_item
from .validate import ObjectRejected

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


class LoadCancelled(Cancelled):
    """Raised when the ``cancel`` callback asks to stop."""


def load(paths: list[str] | str, progress: Progress | None = None, cancel: Cancel | None = None, *,
         ctx: TaskContext | None = None) -> Case:
    """Read every DICOM object below ``paths`` and link them by UID into a :class:`Case`.

    Problems never raise: each becomes a finding naming the file, and the rest still loads.
    Progress and cancel come from ``ctx`` (or the older callbacks); raises :class:`LoadCancelled`.
    """
    if ctx is not None:
        progress, cancel = ctx.progress_callback, ctx.cancel_callback
    if isinstance(paths, str):
        paths = [paths]
    with warnings.catch_warnings():
        # pydicom warns about every odd value; problems that matter become findings instead.
        warnings.simplefilter("ignore")
        return _load(paths, progress, cancel)


def _load(paths: list[str], progress: Progress | None, cancel: Cancel | None) -> Case:
    t0 = time.perf_counter()
    findings: list[Finding] = []
    archives: list[zipfile.ZipFile] = []  # this load's own: a concurrent load closes only its own
    try:
        sources: list[tuple[str, Opener]] = []
        for src in iter_sources(paths, archives=archives):
            if isinstance(src, Finding):
                findings.append(src)
            else:
                sources.append(src)
        read: list[Item] = []
        for n, (label, opener) in enumerate(sources):
            if cancel is not None and cancel():
                raise LoadCancelled("loading cancelled")
            item, finding = read_item(label, opener)
            if finding is not None:
                findings.append(finding)
            if item is not None:
                read.append(item)
            if progress is not None and (n % 16 == 0 or n == len(sources) - 1):
                progress(0.8 * (n + 1) / max(1, len(sources)), f"reading {label}")
    finally:
        close_archives(archives)
    items, fs = _keep_intact(read)
    findings = _summarise_not_dicom(findings) + fs

    by_kind: dict[str, list[Item]] = {}
    for it in items:
        by_kind.setdefault(it.kind, []).append(it)

    try:
        images, fs = build_images(by_kind.get("IMAGE", []))
    except Exception as exc:  # never let one odd series stop the case; say what happened
        images, fs = [], [Finding(codes.IO_CORRUPT, Severity.WARNING, Msg(QT_TRANSLATE_NOOP("Findings", "image series could not be read: {why}"), why=str(exc)),
                                  file=by_kind["IMAGE"][0].path)]
    findings += fs
    structure_sets: list[StructureSet] = []
    plans: list[Plan | IonPlan] = []
    doses: list[DoseGrid] = []
    registrations: list[Registration] = []
    readers: list[tuple[str, Callable[[Item], tuple[object, list[Finding]]], list]] = [
        ("RTSTRUCT", read_structure_set, structure_sets),
        ("RTPLAN", read_plan, plans),
        ("RTDOSE", read_dose, doses),
        ("REG", read_registrations, registrations),
    ]
    for kind, reader, out in readers:
        for it in by_kind.get(kind, []):
            try:
                obj, fs = reader(it)
            except ObjectRejected as exc:  # a value the numbers depend on is invalid: not used
                findings += exc.findings
                continue
            except Exception as exc:  # a broken object is reported, the others still load
                findings.append(Finding(codes.IO_CORRUPT, Severity.ERROR,
                                        Msg(QT_TRANSLATE_NOOP("Findings", "{kind} could not be read ({why}); not used"), kind=kind,
                                            why=user_message(exc)),
                                        _uid(it), it.path))
                continue
            if isinstance(obj, list):
                out.extend(obj)
            else:
                out.append(obj)
            findings += fs
    if progress is not None:
        progress(0.9, "linking objects")
    structure_sets = [_frame_from_images(ss, images) for ss in structure_sets]
    case = Case(
        images=tuple(images),
        structure_sets=tuple(structure_sets),
        plans=tuple(plans),
        doses=tuple(doses),
        registrations=tuple(registrations),
        sources=tuple(str(p) for p in paths),
        files_read=len(sources),
    )
    try:
        findings += run_preflight(case)
    except Exception as exc:
        findings.append(Finding(codes.PREFLIGHT_INCOMPLETE, Severity.WARNING,
                                Msg(QT_TRANSLATE_NOOP("Findings", "some preflight checks could not run: {why}"), why=user_message(exc))))
    case = dataclasses.replace(case, findings=tuple(findings), extra={"load_seconds": time.perf_counter() - t0})
    if progress is not None:
        progress(1.0, "loaded")
    return case


NOT_DICOM_LISTED = 10  # per folder or archive; the rest are counted in one finding


def _summarise_not_dicom(findings: list[Finding]) -> list[Finding]:
    """Many files that are not DICOM in one folder (or archive) are listed up to a few, then counted."""
    per_parent: dict[str, int] = {}
    for f in findings:
        if f.code == codes.IO_NOT_DICOM:
            parent = os.path.dirname(f.file)
            per_parent[parent] = per_parent.get(parent, 0) + 1
    crowded = {p for p, n in per_parent.items() if n > 2 * NOT_DICOM_LISTED}
    if not crowded:
        return findings
    out: list[Finding] = []
    shown: dict[str, int] = {}
    for f in findings:
        parent = os.path.dirname(f.file)
        if f.code == codes.IO_NOT_DICOM and parent in crowded:
            shown[parent] = shown.get(parent, 0) + 1
            if shown[parent] > NOT_DICOM_LISTED:
                continue
        out.append(f)
    for p in sorted(crowded):
        out.append(Finding(codes.IO_NOT_DICOM, Severity.WARNING,
                           Msg(QT_TRANSLATE_NOOP("Findings", "{count:,} files in {folder} are not DICOM (the first {listed} are listed)"),
                               count=per_parent[p], folder=p, listed=NOT_DICOM_LISTED),
                           file=p))
    return out


def _uid(it: Item) -> str:
    try:
        return str(it.dataset.get("SOPInstanceUID", "") or "")
    except Exception:
        return ""


def _keep_intact(read: list[Item]) -> tuple[list[Item], list[Finding]]:
    """One item per SOP Instance UID: a complete copy is preferred over a truncated one whatever the
    order of the files; the others are reported. Truncated files without a complete copy are errors."""
    groups: dict[str, list[Item]] = {}
    for it in read:
        groups.setdefault(_uid(it) or f"no-uid:{it.path}", []).append(it)
    kept: list[Item] = []
    findings: list[Finding] = []
    for uid, group in groups.items():
        complete = [it for it in group if not it.incomplete]
        best = complete[0] if complete else None
        for it in group:
            if it is best:
                continue
            if it.incomplete and best is not None:
                findings.append(Finding(codes.IO_DUPLICATE, Severity.WARNING,
                                        Msg(QT_TRANSLATE_NOOP("Findings", "truncated copy of {file} (same SOP Instance UID; {why}); the "
                                                              "complete copy {file} was used"), file=best.path,
                                            why=it.incomplete), uid, it.path))
            elif it.incomplete:
                findings.append(Finding(codes.IO_CORRUPT, Severity.ERROR,
                                        Msg(QT_TRANSLATE_NOOP("Findings", "damaged file: {why}; not used"), why=it.incomplete), uid, it.path))
            elif best is not None:
                findings.append(_duplicate_finding(uid, it.path, best.path))
        if best is not None:
            kept.append(best)
    order = {id(it): n for n, it in enumerate(read)}
    kept.sort(key=lambda it: order[id(it)])
    return kept, findings


def _duplicate_finding(uid: str, label: str, first_label: str) -> Finding:
    """Two complete inputs with one SOP Instance UID: a harmless copy, or a conflict when they differ."""
    try:
        same = Path(label).read_bytes() == Path(first_label).read_bytes()
    except OSError:
        same = False
    if same:
        return Finding(codes.IO_DUPLICATE, Severity.INFO, Msg(QT_TRANSLATE_NOOP("Findings", "identical copy of {file}; ignored"), file=first_label), uid, label)
    return Finding(codes.IO_DUPLICATE, Severity.WARNING,
                   Msg(QT_TRANSLATE_NOOP("Findings", "has the same SOP Instance UID as {file} but different content; only {file} "
                                     "(first in file order) was loaded"), file=first_label), uid, label)


def _frame_from_images(ss: StructureSet, images: list) -> StructureSet:
    """A structure set that states no frame of reference takes the one of the images it references."""
    if ss.frame_of_reference_uid:
        return ss
    refs = set(ss.referenced_image_uids) | set(ss.referenced_series_uids)
    for img in images:
        if img.series_uid in refs or refs.intersection(img.slice_sop_uids):
            return dataclasses.replace(ss, frame_of_reference_uid=img.frame_of_reference_uid)
    return ss
