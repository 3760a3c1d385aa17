"""Load files, folders and zip archives into one Case, then run the preflight checks."""

from __future__ import annotations

import dataclasses
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from ..model.case import Case
from ..model.dose import DoseGrid
from ..model.findings import Finding, Severity
from ..model.plan import IonPlan, Plan
from ..model.registration import Registration
from ..model.structures import StructureSet
from ..tasks import Cancelled, TaskContext
from . import codes
from .images import build_images
from .preflight import run_preflight
from .registration import read_registrations
from .rtdose import read_dose
from .rtplan import read_plan
from .rtstruct import read_structure_set
from .scan import Item, iter_sources, read_item

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
    sources = list(iter_sources(paths))
    findings: list[Finding] = []
    items: list[Item] = []
    seen: dict[str, str] = {}
    for n, (label, opener) in enumerate(sources):
        if cancel is not None and cancel():
            raise LoadCancelled("loading cancelled")
        item, finding = read_item(label, opener)
        if finding is not None:
            findings.append(finding)
        if item is not None:
            uid = str(item.dataset.get("SOPInstanceUID", "")) or f"no-uid:{label}"
            if uid in seen:
                findings.append(_duplicate_finding(uid, label, seen[uid]))
                continue
            seen[uid] = label
            items.append(item)
        if progress is not None and (n % 16 == 0 or n == len(sources) - 1):
            progress(0.8 * (n + 1) / max(1, len(sources)), f"reading {label}")

    by_kind: dict[str, list[Item]] = {}
    for it in items:
        by_kind.setdefault(it.kind, []).append(it)

    try:
        images, fs = build_images(by_kind.get("IMAGE", []))
    except Exception as exc:  # never let one odd series stop the case; say what happened
        images, fs = [], [Finding(codes.IO_CORRUPT, Severity.WARNING, f"image series could not be read: {exc}",
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
            except Exception as exc:  # a broken object is reported, the others still load
                findings.append(Finding(codes.IO_CORRUPT, Severity.WARNING,
                                        f"{kind} could not be read: {type(exc).__name__}: {exc}",
                                        str(it.dataset.get("SOPInstanceUID", "")), it.path))
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
                                f"some preflight checks could not run: {type(exc).__name__}: {exc}"))
    case = dataclasses.replace(case, findings=tuple(findings), extra={"load_seconds": time.perf_counter() - t0})
    if progress is not None:
        progress(1.0, "loaded")
    return case


def _duplicate_finding(uid: str, label: str, first_label: str) -> Finding:
    """Two inputs with one SOP Instance UID: a harmless copy, or a conflict when they differ."""
    try:
        same = Path(label).read_bytes() == Path(first_label).read_bytes()
    except OSError:
        same = False
    if same:
        return Finding(codes.IO_DUPLICATE, Severity.INFO, f"identical copy of {first_label}; ignored", uid, label)
    return Finding(codes.IO_DUPLICATE, Severity.WARNING,
                   f"has the same SOP Instance UID as {first_label} but different content; only the first was loaded",
                   uid, label)


def _frame_from_images(ss: StructureSet, images: list) -> StructureSet:
    """A structure set that states no frame of reference takes the one of the images it references."""
    if ss.frame_of_reference_uid:
        return ss
    refs = set(ss.referenced_image_uids) | set(ss.referenced_series_uids)
    for img in images:
        if img.series_uid in refs or refs.intersection(img.slice_sop_uids):
            return dataclasses.replace(ss, frame_of_reference_uid=img.frame_of_reference_uid)
    return ss
