"""ROI layers on a slice: axial contour polygons in plane mm, and masks (fill and outline) for
sagittal and coronal cuts and edited masks."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..compute import slicing
from ..compute.contours import plane_spacing_mm
from ..compute.isodose import marching_squares
from ..model.structures import ROI

MASK_ALPHA = 90  # fill opacity (0..255) of ROI masks and filled contours


_HALF_CACHE: OrderedDict[int, tuple[ROI, float, float]] = OrderedDict()
_HALF_CACHE_SIZE = 4096


def roi_half_thickness_mm(roi: ROI, fallback_mm: float) -> float:
    """Half the ROI's contour-plane spacing (``fallback_mm`` for a single plane): how far from a
    contour plane a slice still shows that plane's contours. Remembered per ROI object (ROIs are
    immutable; the readout asks for every ROI at every crosshair move)."""
    hit = _HALF_CACHE.get(id(roi))
    if hit is not None and hit[0] is roi and hit[1] == fallback_mm:
        return hit[2]
    zs = np.array(list(roi.planes))
    sp = plane_spacing_mm(zs) if len(zs) > 1 else None
    half = 0.5 * (sp or fallback_mm)
    _HALF_CACHE[id(roi)] = (roi, fallback_mm, half)
    if len(_HALF_CACHE) > _HALF_CACHE_SIZE:
        _HALF_CACHE.popitem(last=False)
    return half


def polygons_in_plane_mm(
    planes: Mapping[float, Sequence[np.ndarray]], plane: slicing.SlicePlane, ax: slicing.ViewAxes, half_mm: float
) -> list[np.ndarray] | None:
    """The polygons (each (N, 2) plane-mm x, y) of the contour plane nearest to an axial slice, or
    None when no contour plane lies within ``half_mm`` of it (or the ROI has none)."""
    zs = np.array(list(planes))
    if not len(zs):
        return None
    z = float(plane.origin_mm[2])
    i = int(np.argmin(np.abs(zs - z)))
    if abs(zs[i] - z) > half_mm + 1e-6:
        return None
    polys = list(planes.values())[i]
    inv = plane.patient_to_plane
    out = []
    for poly in polys:
        p3 = np.column_stack([poly, np.full(len(poly), z)]) - plane.origin_mm
        crd = p3 @ inv.T
        xy = np.empty((len(poly), 2))
        xy[:, 0] = (crd[:, 0] + 0.5) * ax.du_mm
        xy[:, 1] = (crd[:, 1] + 0.5) * ax.dv_mm
        out.append(xy)
    return out


def mask_rgba(mask: np.ndarray, rgb: Sequence[int], alpha: int = MASK_ALPHA) -> np.ndarray:
    """(rows, cols, 4) uint8: ``rgb`` with ``alpha`` where ``mask`` is set, transparent elsewhere."""
    rgba = np.zeros(mask.shape + (4,), dtype=np.uint8)
    rgba[mask] = (rgb[0], rgb[1], rgb[2], alpha)
    return rgba


def mask_outline_mm(mask: np.ndarray, du_mm: float, dv_mm: float) -> np.ndarray:
    """Outline segments (N, 2, 2) of a slice mask in plane mm: the 0.5 level between pixel centres,
    closed at the slice's edges."""
    seg = marching_squares(np.pad(mask.astype(np.float32), 1), 0.5) - 1.0
    mm = np.empty_like(seg)
    mm[..., 0] = (seg[..., 1] + 0.5) * du_mm
    mm[..., 1] = (seg[..., 0] + 0.5) * dv_mm
    return mm


@dataclass(frozen=True, eq=False)
class RoiLayer:
    """One ROI on one slice: axial polygons (plane mm), or a cut mask with its outline."""

    polygons_mm: list[np.ndarray] | None = None
    fill_rgba: np.ndarray | None = None
    outline_mm: np.ndarray | None = None

    @property
    def empty(self) -> bool:
        return self.polygons_mm is None and self.fill_rgba is None and self.outline_mm is None


def roi_layer(roi: ROI, plane: slicing.SlicePlane, ax: slicing.ViewAxes, half_mm: float) -> RoiLayer:
    """An ROI on a view's slice. Axial: the polygons of the nearest contour plane; sagittal and
    coronal: the polygons cut by the plane (a pixel mask filled in the ROI colour, outlined)."""
    if abs(plane.normal[2]) > 0.99:
        polys = polygons_in_plane_mm(roi.planes, plane, ax, half_mm)
        return RoiLayer(polygons_mm=polys)
    mask = slicing.contour_mask_on_plane(roi.planes, plane, half_mm)
    if not mask.any():
        return RoiLayer()
    return RoiLayer(fill_rgba=mask_rgba(mask, roi.color_rgb), outline_mm=mask_outline_mm(mask, ax.du_mm, ax.dv_mm))
