"""The one way to make a derived dose or a derived structure set.

Every dose plannerview computes (resampled, EQD2, plan sum, comparison difference and gamma maps,
plugin dose engines) is made by :func:`derived_dose`; every structure set it makes (contouring,
margins, ROI operations, manual edits) by :func:`derived_structure_set`. Both give the object
new SOP Instance and Series UIDs (:func:`plannerview.model.uids.new_uid`), no file, and its
provenance; they keep the patient, study and frame of reference of the object they were made
from. A derived dose carries **no** plan reference, beam numbers, fraction group or TPS DVHs
unless the caller passes them because they are true of the new dose (a resampled plan dose is
still that plan's dose; an EQD2 map is not, and the TPS's DVHs never describe it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from ..model.common import DicomObject
from ..model.dose import DoseGrid, TpsDvh
from ..model.geometry import Grid
from ..model.provenance import Provenance
from ..model.structures import ROI, StructureSet
from ..model.uids import new_uid

RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2"
RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3"
MANUFACTURER = "plannerview"


def derived_dose(
    values: np.ndarray | Callable[[], np.ndarray],
    *,
    like: DicomObject,
    provenance: Provenance,
    description: str,
    grid: Grid | None = None,
    units: str | None = None,
    dose_type: str | None = None,
    summation_type: str | None = None,
    referenced_plan_uid: str = "",
    referenced_beam_numbers: Sequence[int] = (),
    referenced_fraction_group: int | None = None,
    tps_dvhs: Sequence[TpsDvh] = (),
    comment: str | None = None,
    fraction_scaling: int | None = None,
) -> DoseGrid:
    """A new in-memory dose grid holding ``values`` (float32, [k, j, i]).

    ``like`` gives patient, study and frame of reference (a dose, plan, image or structure set);
    when it is a :class:`DoseGrid`, ``grid``, ``units``, ``dose_type`` and ``summation_type``
    default to its own, otherwise they must be given. ``values`` may be a function returning the
    array (computed on first access). ``fraction_scaling``: the values are a FRACTION dose times
    this many fractions (see :func:`~plannerview.compute.dose_ops.course_dose`). Raises ValueError for a missing field or an array whose shape
    is not the grid's.
    """
    src = like if isinstance(like, DoseGrid) else None
    g = grid if grid is not None else (src.grid if src is not None else None)
    u = units if units is not None else (src.units if src is not None else None)
    dt = dose_type if dose_type is not None else (src.dose_type if src is not None else None)
    st = summation_type if summation_type is not None else (src.summation_type if src is not None else None)
    missing = [n for n, v in (("grid", g), ("units", u), ("dose_type", dt), ("summation_type", st)) if v is None]
    if missing:
        raise ValueError(f"derived dose: {', '.join(missing)} must be given (not taken from a {type(like).__name__})")
    assert g is not None and u is not None and dt is not None and st is not None
    shape = g.shape_zyx

    def checked(arr: np.ndarray) -> np.ndarray:
        out = np.asarray(arr, dtype=np.float32)
        if out.shape != shape:
            raise ValueError(f"derived dose {description!r}: values {out.shape} != grid {shape}")
        return out

    if callable(values):
        fn = values

        def loader() -> np.ndarray:
            return checked(fn())
    else:
        arr = checked(values)

        def loader() -> np.ndarray:
            return arr

    frame = g.frame_of_reference_uid or like.frame_of_reference_uid
    return DoseGrid(
        sop_uid=new_uid(), sop_class_uid=RT_DOSE_STORAGE, study_uid=like.study_uid, series_uid=new_uid(),
        frame_of_reference_uid=frame, patient=like.patient, file="", manufacturer=MANUFACTURER,
        grid=g, dose_type=dt, units=u, summation_type=st, grid_scaling=1.0,
        referenced_plan_uid=referenced_plan_uid, referenced_beam_numbers=tuple(referenced_beam_numbers),
        referenced_fraction_group=referenced_fraction_group, tps_dvhs=tuple(tps_dvhs),
        comment=description if comment is None else comment, description=description, loader=loader,
        provenance=provenance.to_json(), fraction_scaling=fraction_scaling,
    )


def derived_structure_set(
    rois: Sequence[ROI],
    *,
    like: DicomObject,
    provenance: Provenance,
    label: str,
    name: str = "",
    source: StructureSet | None = None,
    referenced_series_uids: Sequence[str] | None = None,
    referenced_image_uids: Sequence[str] | None = None,
) -> StructureSet:
    """A new in-memory structure set: ``source``'s ROIs (when given) followed by ``rois``.

    ``like`` gives patient, study and frame of reference (the image the ROIs were drawn on, or the
    source structure set). ROI numbers and names must be unique (ValueError otherwise): number new
    ROIs after the source's (:func:`next_roi_number`) and name them with
    :func:`plannerview.model.structures.unique_roi_name`.
    """
    all_rois = (*(source.rois if source is not None else ()), *rois)
    numbers = [r.number for r in all_rois]
    if len(set(numbers)) != len(numbers):
        raise ValueError("derived structure set: ROI numbers repeat; number new ROIs after the source's")
    names = [r.name for r in all_rois]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"derived structure set: ROI names must be unique; repeated: {', '.join(dup)}")
    series = tuple(referenced_series_uids) if referenced_series_uids is not None else (
        source.referenced_series_uids if source is not None else (like.series_uid,) if like.series_uid else ())
    images = tuple(referenced_image_uids) if referenced_image_uids is not None else (
        source.referenced_image_uids if source is not None else ())
    return StructureSet(
        sop_uid=new_uid(), sop_class_uid=RT_STRUCTURE_SET_STORAGE, study_uid=like.study_uid, series_uid=new_uid(),
        frame_of_reference_uid=like.frame_of_reference_uid, patient=like.patient, file="",
        manufacturer=MANUFACTURER, label=label[:16] or MANUFACTURER, name=name or label, rois=tuple(all_rois),
        referenced_series_uids=series, referenced_image_uids=images, provenance=provenance.to_json(),
    )


def next_roi_number(rois: Sequence[ROI]) -> int:
    """The number after the highest of ``rois`` (1 for none)."""
    return max((r.number for r in rois), default=0) + 1


def with_file(obj: StructureSet, path: str) -> StructureSet:
    """The same structure set, now saved at ``path``."""
    return replace(obj, file=str(path))
