"""Turning a plugin's contour run into a new, in-memory structure set (Qt-free; the GUI uses it).

The new set holds the source structure set's ROIs (when there is one) plus the run's structures
traced from their masks, made by the one derived-structure-set factory
(:func:`plannerview.compute.derived.derived_structure_set`): new UIDs, the run's provenance, never
replacing the source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..compute.derived import derived_structure_set, next_roi_number
from ..model import ROI, ImageVolume, Provenance, StructureSet
from ..model.structures import unique_roi_name


def structure_set_from_contour_run(image: ImageVolume, source: StructureSet | None, rois: Sequence[Any],
                                   provenance: Provenance, label: str, name: str = "") -> StructureSet:
    """``source``'s ROIs plus ``rois`` (the run's ``NewROI`` items: ``result`` with name, mask,
    type, colour, description) traced on ``image``'s grid, numbered and named without clashes."""
    from ..compute.mask_to_contours import mask_to_roi

    taken = [r.name for r in source.rois] if source is not None else []
    number = next_roi_number(source.rois if source is not None else ())
    new: list[ROI] = []
    for item in rois:
        res = item.result
        roi_name = unique_roi_name(res.name, taken)
        taken.append(roi_name)
        new.append(mask_to_roi(res.mask, res.grid or image.grid, number, roi_name, res.interpreted_type,
                               res.color_rgb, "AUTOMATIC", res.description, image.slice_sop_uids))
        number += 1
    return derived_structure_set(new, like=image, provenance=provenance, label=label, name=name, source=source,
                                 referenced_series_uids=(image.series_uid,),
                                 referenced_image_uids=tuple(image.slice_sop_uids))
