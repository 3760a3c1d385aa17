"""The one way plannerview writes a new RTSTRUCT from masks: ``contour``, ``margin``, ``roi-op`` and
the GUI contour editor's "Save as new structure set" all call :func:`save_new_structure_set`.

Each new mask (bool [k, j, i] on the image grid) is traced into contours
(:func:`plannerview.compute.mask_to_contours.mask_to_roi`, holes as ``"xor"`` or ``"keyhole"``),
numbered after the source's ROIs and named without clashing (case-insensitive). The result is a
derived structure set (:func:`plannerview.compute.derived.derived_structure_set`: new UIDs, the
source's ROIs unchanged plus the new ones) written to a new file with those UIDs; the source file is
only read and an existing path is never overwritten. Each new ROI's provenance (with the hole mode)
goes into its ROIDescription.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..compute.contours import roi_volume_cc
from ..compute.derived import derived_structure_set, next_roi_number
from ..compute.mask_to_contours import HOLE_MODES, mask_to_roi
from ..model.image import ImageVolume
from ..model.provenance import Provenance
from ..model.structures import ROI, StructureSet, unique_roi_name
from ..tasks import Cancelled, TaskContext
from ..version import __version__

ENGINE = "plannerview-structure-save"


class SaveCancelled(Cancelled):
    """Writing a new structure set was cancelled (nothing is written)."""


@dataclass(frozen=True)
class NewRoiMask:
    """One mask to save as a new ROI, and how it was made.

    ``name`` is numbered on a clash (``name_sep`` and ``name_first`` choose ``name_1`` or
    ``name 2``); ``source_roi`` names the ROI it was edited from (None for a new one).
    """

    name: str
    mask: np.ndarray
    provenance: Provenance
    interpreted_type: str = ""
    color_rgb: tuple[int, int, int] = (255, 255, 0)
    algorithm: str = "AUTOMATIC"  # ROIGenerationAlgorithm: AUTOMATIC, SEMIAUTOMATIC or MANUAL
    description: str = ""
    source_roi: str | None = None
    name_sep: str = "_"
    name_first: int = 1


@dataclass(frozen=True)
class NewRoiContours:
    """A new ROI that already has its contours (e.g. a margin computed from contours at sub-voxel
    resolution): named and numbered like a mask, written as it is (no tracing)."""

    roi: ROI
    provenance: Provenance
    algorithm: str = "SEMIAUTOMATIC"
    description: str = ""
    source_roi: str | None = None
    name_sep: str = "_"
    name_first: int = 1

    @property
    def name(self) -> str:
        return self.roi.name


@dataclass(frozen=True)
class SavedRoi:
    number: int
    name: str
    source_roi: str | None
    interpreted_type: str
    voxels: int | None  # None for a new ROI given as contours
    mask_volume_cc: float | None
    volume_cc: float  # from the traced contours (plane spacing = the image's slice spacing)
    contours: int
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "name": self.name, "type": self.interpreted_type, "voxels": self.voxels,
                "mask_volume_cc": None if self.mask_volume_cc is None else round(self.mask_volume_cc, 3),
                "volume_cc": round(self.volume_cc, 3),
                "contours": self.contours, "provenance": self.provenance.to_json()}


@dataclass(frozen=True)
class SavedStructureSet:
    """What was written: the file, the new structure set (in memory, ``file`` set) and its new ROIs."""

    path: str
    sop_uid: str
    source_sop_uid: str
    image_series_uid: str
    original_rois: int
    rois: tuple[SavedRoi, ...]
    structure_set: StructureSet
    provenance: Provenance
    skipped_empty: tuple[str, ...] = ()
    write_seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The document ``contour``, ``margin`` and ``roi-op`` print with ``--json``."""
        return {"out": self.path, "sop_uid": self.sop_uid, "source_structure_set": self.source_sop_uid or None,
                "image_series": self.image_series_uid, "original_rois": self.original_rois,
                "new_rois": [r.to_json() for r in self.rois], "write_seconds": round(self.write_seconds, 3)}


def save_new_structure_set(path: str | Path, image: ImageVolume, source: StructureSet | None,
                           new: Sequence[NewRoiMask | NewRoiContours], *, label: str = "plannerview", holes: str = "xor",
                           skip_empty: bool = False, overwrite: bool = False,
                           ctx: TaskContext | None = None) -> SavedStructureSet:
    """Write ``source``'s ROIs plus one traced ROI per mask of ``new`` to a new RTSTRUCT at ``path``.

    ``holes`` is ``"xor"`` (holes as separate contours) or ``"keyhole"`` (spliced into their outer
    contour; readers that OR a plane's contours keep them too); it is recorded in each new ROI's
    provenance. Empty masks are skipped with ``skip_empty`` (listed in ``skipped_empty``; nothing
    left raises ValueError), else written as ROIs without contours. Raises FileExistsError for an
    existing ``path`` (unless ``overwrite``) or an input of the session (never replaced; see
    :mod:`plannerview.io.safe_write`), ValueError for masks off the image grid or a non-axial image.
    """
    t = TaskContext.of(ctx)
    t0 = time.perf_counter()
    from ..io.rtstruct_writer import write_rtstruct
    from ..io.safe_write import check_target

    if holes not in HOLE_MODES:
        raise ValueError(f"holes must be one of {', '.join(HOLE_MODES)}, not {holes!r}")
    grid = image.grid
    if not grid.is_axis_aligned:
        raise ValueError(f"image {image.label!r} is not axial; contours need an axial image")
    path = check_target(path, overwrite)  # early: refused before tracing (the writer checks again)
    originals = list(source.rois) if source is not None else []
    taken = [r.name for r in originals]
    number = next_roi_number(originals)
    rois: list[ROI] = []
    prov: dict[int, Provenance] = {}
    saved: list[SavedRoi] = []
    skipped: list[str] = []
    for n, nm in enumerate(new):
        if t.cancelled():
            raise SaveCancelled("saving the structure set cancelled")
        t.progress(n / max(1, len(new)), f"tracing {nm.name}")
        if isinstance(nm, NewRoiContours):
            name = unique_roi_name(nm.name.strip() or "ROI", taken, sep=nm.name_sep, first=nm.name_first)
            taken.append(name)
            roi = replace(nm.roi, number=number, name=name, generation_algorithm=nm.algorithm,
                          description=nm.description)
            p = replace(nm.provenance, parameters={**nm.provenance.parameters, "holes": holes})
            rois.append(roi)
            prov[number] = p
            saved.append(SavedRoi(number, name, nm.source_roi, roi.interpreted_type, None, None,
                                  roi_volume_cc(roi, grid.spacing_mm[0]) or 0.0, len(roi.contours), p))
            number += 1
            continue
        mask = np.asarray(nm.mask, dtype=bool)
        if mask.shape != grid.shape_zyx:
            raise ValueError(f"mask of {nm.name!r} has shape {mask.shape}, the image grid {grid.shape_zyx}")
        if skip_empty and not mask.any():
            skipped.append(nm.name)
            continue
        name = unique_roi_name(nm.name.strip() or "ROI", taken, sep=nm.name_sep, first=nm.name_first)
        taken.append(name)
        roi = mask_to_roi(mask, grid, number, name, nm.interpreted_type, nm.color_rgb, nm.algorithm,
                          nm.description, image.slice_sop_uids, holes=holes)
        p = replace(nm.provenance, parameters={**nm.provenance.parameters, "holes": holes})
        rois.append(roi)
        prov[number] = p
        n_vox = int(np.count_nonzero(mask))
        saved.append(SavedRoi(number, name, nm.source_roi, nm.interpreted_type, n_vox, n_vox * grid.voxel_volume_cc,
                              roi_volume_cc(roi, grid.spacing_mm[0]) or 0.0, len(roi.contours), p))
        number += 1
    if skip_empty and not rois:
        raise ValueError("nothing to save: every mask is empty")
    inputs = tuple(dict.fromkeys([source.sop_uid if source is not None else "", image.series_uid]))
    set_prov = Provenance(ENGINE, __version__, {
        "label": label, "holes": holes, "new_rois": [r.name for r in saved],
        "engines": sorted({p.engine for p in prov.values()})}, inputs=tuple(u for u in inputs if u))
    ss = derived_structure_set(rois, like=image, provenance=set_prov,
                               label=label, source=source, referenced_series_uids=(image.series_uid,),
                               referenced_image_uids=image.slice_sop_uids)
    t.progress(0.95, "writing")
    uid = write_rtstruct(path, image, rois, source, prov, label=label, sop_uid=ss.sop_uid, series_uid=ss.series_uid,
                         overwrite=overwrite)
    t.progress(1.0, "written")
    return SavedStructureSet(str(path), uid, source.sop_uid if source is not None else "", image.series_uid,
                             len(originals), tuple(saved), replace(ss, file=str(path)), set_prov, tuple(skipped),
                             time.perf_counter() - t0)
