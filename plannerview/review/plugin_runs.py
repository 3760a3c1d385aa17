"""Turning a plugin's contour run into a new, in-memory structure set (Qt-free; the GUI uses it).

The new set holds the source structure set's ROIs (when there is one) plus the run's structures
traced from their masks; it gets new UIDs and never replaces the source. Provenance stays with
the run (one :class:`Provenance` for the set, as the workspace records it).

(When the workspace's derived-structure-set factory is on main, this uses it.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import ROI, ImageVolume, StructureSet
from ..model.structures import unique_roi_name
from ..model.uids import new_uid

RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3"


def structure_set_from_contour_run(image: ImageVolume, source: StructureSet | None, rois: Sequence[Any],
                                   label: str, name: str = "") -> StructureSet:
    """``source``'s ROIs plus ``rois`` (the run's ``NewROI`` items: ``result`` with name, mask,
    type, colour, description) traced on ``image``'s grid, numbered and named without clashes."""
    from ..compute.mask_to_contours import mask_to_roi

    originals = list(source.rois) if source is not None else []
    taken = [r.name for r in originals]
    number = max((r.number for r in originals), default=0) + 1
    new: list[ROI] = []
    for item in rois:
        res = item.result
        grid = res.grid or image.grid
        name = unique_roi_name(res.name, taken)
        taken.append(name)
        new.append(mask_to_roi(res.mask, grid, number, name, res.interpreted_type, res.color_rgb, "AUTOMATIC",
                               res.description, image.slice_sop_uids))
        number += 1
    return StructureSet(
        sop_uid=new_uid(), sop_class_uid=RT_STRUCTURE_SET_STORAGE, series_uid=new_uid(),
        study_uid=image.study_uid, frame_of_reference_uid=image.frame_of_reference_uid, patient=image.patient,
        label=label[:16], name=name or label, rois=(*originals, *new), referenced_series_uids=(image.series_uid,),
        referenced_image_uids=tuple(image.slice_sop_uids))
