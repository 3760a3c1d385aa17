"""Helpers both engines share: the patient position to place the beams with, the plan's target,
a sub-box of a grid."""

from __future__ import annotations

from typing import Any

import numpy as np

from plannerview.model import Grid, ImageVolume, StructureSet
from plannerview.plugin_api import PluginInputError, roi_mask


def patient_position(plan: Any, image: ImageVolume, choice: str) -> tuple[str, str]:
    if choice and choice != "PLAN":
        return choice, "parameter patient_position (the plan says " + (
            ", ".join(sorted({b.patient_position for b in plan.beams if b.patient_position})) or "nothing") + ")"
    positions = {b.patient_position for b in plan.beams if b.delivers_dose and b.patient_position}
    if len(positions) > 1:
        raise PluginInputError(f"the plan's beams use different patient positions {sorted(positions)}; calculate them "
                               "one position at a time")
    if positions:
        return positions.pop(), "plan patient setup"
    if image.patient_position:
        return image.patient_position.upper(), "image (the plan gives no patient setup)"
    raise PluginInputError("neither the plan nor the image says the patient position; set the parameter "
                           "patient_position")


def plan_target_mask(plan: Any, ss: StructureSet | None, grid: Grid) -> tuple[str, np.ndarray | None]:
    """The plan's target as a mask on ``grid``: its TARGET dose reference's ROI, else a PTV, CTV or GTV."""
    if ss is None:
        return "", None
    rois = {r.number: r for r in ss.rois if r.closed_contours}
    chosen = None
    for ref in plan.dose_references:
        if ref.type in ("TARGET", "") and ref.referenced_roi_number in rois:
            chosen = rois[ref.referenced_roi_number]
            break
    if chosen is None:
        for kind in ("PTV", "CTV", "GTV"):
            typed = [r for r in rois.values() if r.interpreted_type.upper() == kind]
            if typed:
                chosen = typed[0]
                break
    if chosen is None:
        return "", None
    mask = roi_mask(chosen, grid)
    return (chosen.name, mask) if mask.any() else ("", None)


def sub_grid(grid: Grid, box: tuple[slice, slice, slice]) -> Grid:
    k0, j0, i0 = (s.start for s in box)
    origin = grid.index_to_patient(np.array([i0, j0, k0], dtype=float))
    shape = tuple(s.stop - s.start for s in box)
    return Grid(shape, grid.spacing_mm, tuple(origin), grid.direction, grid.frame_of_reference_uid)  # type: ignore[arg-type]
