"""Planar contour geometry: areas with holes (even-odd rule) and ROI volumes.

Volume convention (documented in the README): each closed axial contour is a prism spanning half
the slice spacing either side of its plane ("end caps" of half a slice, as most planning systems
do). The slice spacing is the ROI's own plane spacing (the most common gap between its planes),
or ``slice_spacing_mm`` when given (e.g. the image series'), or the ROI's only gap for
single-plane ROIs where nothing else is known.
"""

from __future__ import annotations

import numpy as np

from ..model.geometry import polygon_area_mm2
from ..model.structures import ROI

__all__ = ["nesting_depths", "plane_area_mm2", "plane_spacing_mm", "point_in_polygon", "polygon_area_mm2",
           "roi_volume_cc"]


def point_in_polygon(px: float, py: float, xy: np.ndarray) -> bool:
    """Even-odd ray casting test of one point against a polygon."""
    x = xy[:, 0]
    y = xy[:, 1]
    xj = np.concatenate((x[-1:], x[:-1]))  # the previous vertex (np.roll's result, without its overhead)
    yj = np.concatenate((y[-1:], y[:-1]))
    crosses = ((y > py) != (yj > py)) & (px < (xj - x) * (py - y) / np.where(yj == y, 1e-300, yj - y) + x)
    return bool(np.count_nonzero(crosses) % 2)


def nesting_depths(polygons: tuple[np.ndarray, ...] | list[np.ndarray]) -> list[int]:
    """How many other polygons of the same plane contain each polygon (even = solid, odd = hole)."""
    if len(polygons) < 2:
        return [0] * len(polygons)
    boxes = [(float(p[:, 0].min()), float(p[:, 0].max()), float(p[:, 1].min()), float(p[:, 1].max())) for p in polygons]
    depths = []
    for a, pa in enumerate(polygons):
        px, py = float(pa[0][0]), float(pa[0][1])
        depth = 0
        for b, pb in enumerate(polygons):
            x0, x1, y0, y1 = boxes[b]
            # a point outside a polygon's bounding box is outside the polygon: no ray casting needed
            if a != b and x0 <= px <= x1 and y0 <= py <= y1 and point_in_polygon(px, py, pb):
                depth += 1
        depths.append(depth)
    return depths


def plane_area_mm2(polygons: tuple[np.ndarray, ...] | list[np.ndarray]) -> float:
    """Area of one plane's contours under the even-odd rule (a contour inside another is a hole)."""
    if len(polygons) == 1:
        return polygon_area_mm2(polygons[0])
    total = 0.0
    for poly, depth in zip(polygons, nesting_depths(polygons), strict=True):
        total += polygon_area_mm2(poly) * (1 if depth % 2 == 0 else -1)
    return max(total, 0.0)


def plane_spacing_mm(zs: np.ndarray) -> float | None:
    """Most common gap between consecutive contour planes (mm), or None for one plane."""
    if len(zs) < 2:
        return None
    gaps = np.round(np.diff(np.sort(zs)), 2)
    gaps = gaps[gaps > 0.01]
    if not len(gaps):
        return None
    values, counts = np.unique(gaps, return_counts=True)
    return float(values[np.argmax(counts)])


def roi_volume_cc(roi: ROI, slice_spacing_mm: float | None = None) -> float | None:
    """Volume of an ROI from its closed contours (cc); None when it has no closed contour."""
    planes = roi.planes
    if not planes:
        return None
    zs = np.array(list(planes.keys()))
    thickness = slice_spacing_mm or plane_spacing_mm(zs)
    if thickness is None:
        return None
    area = sum(plane_area_mm2(polys) for polys in planes.values())
    return area * thickness / 1000.0
