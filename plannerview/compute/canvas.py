"""A patient-space canvas for cases without an image series.

A consultant often receives the RT objects alone (structures, plan, dose). The slice views then
draw on a blank axis-aligned grid that covers the dose grid and every closed contour, fine enough
in plane for contours (at most ``max_in_plane_mm``, at most ``max_voxels`` per axis) and with the
slice step of the dose grid (else of the contour planes). The dose is still sampled on its own
grid (``render.dose``); the canvas only gives the views their planes.
"""

from __future__ import annotations

import numpy as np

from ..model.dose import DoseGrid
from ..model.geometry import Grid
from ..model.structures import StructureSet


def canvas_grid(dose: DoseGrid | None, structure_set: StructureSet | None, *, margin_mm: float = 10.0,
                max_in_plane_mm: float = 1.0, max_voxels: int = 512) -> Grid | None:
    """The blank canvas covering ``dose``'s grid and ``structure_set``'s closed contours (None when
    neither gives a box). Axis-aligned in patient coordinates (LPS), in the objects' frame."""
    lo: list[np.ndarray] = []
    hi: list[np.ndarray] = []
    frame = ""
    dz: float | None = None
    if dose is not None:
        a, b = dose.grid.bounds_mm()
        lo.append(np.asarray(a, dtype=float))
        hi.append(np.asarray(b, dtype=float))
        frame = dose.grid.frame_of_reference_uid or dose.frame_of_reference_uid
        dz = abs(float(dose.grid.spacing_mm[0])) if dose.grid.shape_zyx[0] > 1 else None
    planes: list[float] = []
    if structure_set is not None:
        pts = [c.points_mm for roi in structure_set.rois for c in roi.closed_contours if len(c.points_mm)]
        if pts:
            allp = np.concatenate(pts)
            lo.append(allp.min(axis=0) - margin_mm)
            hi.append(allp.max(axis=0) + margin_mm)
            planes = sorted({round(float(z), 3) for p in pts for z in p[:, 2]})
        frame = frame or structure_set.frame_of_reference_uid
    if not lo:
        return None
    box_lo, box_hi = np.min(lo, axis=0), np.max(hi, axis=0)
    if dz is None:
        steps = np.diff(planes)
        steps = steps[steps > 1e-3]
        dz = float(np.median(steps)) if len(steps) else 2.5
    extent = np.maximum(box_hi - box_lo, 1e-3)
    d_in = max(max_in_plane_mm, float(max(extent[0], extent[1])) / max_voxels)
    spacing_xyz = np.array([d_in, d_in, max(dz, float(extent[2]) / max_voxels)])
    shape_xyz = np.maximum(1, np.ceil(extent / spacing_xyz).astype(int))
    origin = box_lo + 0.5 * spacing_xyz  # voxel centres: the outer edges are the box (the bounds rule)
    return Grid(shape_zyx=(int(shape_xyz[2]), int(shape_xyz[1]), int(shape_xyz[0])),
                spacing_mm=(float(spacing_xyz[2]), float(spacing_xyz[1]), float(spacing_xyz[0])),
                origin_mm=(float(origin[0]), float(origin[1]), float(origin[2])), frame_of_reference_uid=frame)
