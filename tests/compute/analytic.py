"""Analytic DVH phantoms (after Nelms et al., Med Phys 2015), shared by the tests and the benchmark.

Truth is the solid the contours describe: each contour plane is a slab one plane spacing thick
(half a slice either side), its cross-section the exact polygon. For spheres, cylinders and cones
drawn as 720-gon contours in a dose field that is linear along z or along x, or Gaussian around
the centre, the cumulative DVH of that solid is computed here in closed form (slab by slab;
circular segments) or by 1D quadrature, independently of the engine.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from plannerview.model import ROI, Contour, DoseGrid, Grid

N_SIDES = 720
CENTRE = np.array([3.3, -7.1, 1.7])  # deliberately off the dose grid's voxel centres


def sphere_roi(radius: float, slice_mm: float, shape: str = "sphere") -> tuple[ROI, list[tuple[float, float]]]:
    """Contours of a sphere (or a cylinder or cone of the same half-height, axis along z) on planes
    ``slice_mm`` apart; returns (roi, [(z, polygon radius)])."""
    n = int(np.floor(radius / slice_mm))
    zs = CENTRE[2] + slice_mm * np.arange(-n, n + 1)
    ang = np.linspace(0, 2 * np.pi, N_SIDES, endpoint=False)
    contours, slabs = [], []
    for z in zs:
        u = (z - CENTRE[2]) / radius  # -1 .. 1 along the axis
        if shape == "sphere":
            r2 = radius**2 * (1 - u * u)
        elif shape == "cylinder":
            r2 = (0.6 * radius) ** 2
        else:  # cone: apex at the top
            r2 = (0.8 * radius * (1 - u) / 2) ** 2
        if r2 <= (0.05 * radius) ** 2:
            continue
        r = np.sqrt(r2)
        pts = np.column_stack([CENTRE[0] + r * np.cos(ang), CENTRE[1] + r * np.sin(ang), np.full(N_SIDES, z)])
        contours.append(Contour("CLOSED_PLANAR", pts))
        slabs.append((float(z), float(r)))
    return ROI(1, f"sphere r{radius}", tuple(contours)), slabs


def ideal_volume_cc(shape: str, radius: float) -> float:
    """Volume of the ideal solid the contours approximate (sphere, or cylinder / cone of height 2 r)."""
    if shape == "sphere":
        v = 4 / 3 * np.pi * radius**3
    elif shape == "cylinder":
        v = np.pi * (0.6 * radius) ** 2 * 2 * radius
    else:
        v = np.pi * (0.8 * radius) ** 2 * 2 * radius / 3
    return float(v / 1000.0)


def polygon_area(r: float) -> float:
    return 0.5 * N_SIDES * r * r * np.sin(2 * np.pi / N_SIDES)


def dose_grid(fn, spacing: float | tuple[float, float, float] = 2.5, half_extent: float = 60.0,
              signs: tuple[int, int, int] = (1, 1, 1)) -> DoseGrid:
    """The analytic dose ``fn(x, y, z)`` sampled at the voxel centres of a grid covering
    +-``half_extent`` mm. ``spacing`` is one value or (dx, dy, dz); ``signs`` flips the index
    axes' directions (x, y, z): (-1, -1, 1) is a prone (HFP) grid, (-1, 1, -1) feet-first (FFS)."""
    sx, sy, sz = (spacing,) * 3 if np.isscalar(spacing) else spacing
    axes = []
    for s, sign in zip((sx, sy, sz), signs, strict=True):
        n = int(2 * half_extent / s) + 1
        axes.append(sign * (-half_extent + s * np.arange(n)))
    ax_x, ax_y, ax_z = axes
    z, y, x = np.meshgrid(ax_z, ax_y, ax_x, indexing="ij")
    values = fn(x, y, z).astype(np.float32)
    grid = Grid((len(ax_z), len(ax_y), len(ax_x)), (sz, sy, sx), (ax_x[0], ax_y[0], ax_z[0]),
                np.diag(np.array(signs, dtype=float)), "1.2.3")
    return DoseGrid(sop_uid="1.2.3.4", frame_of_reference_uid="1.2.3", grid=grid, dose_type="PHYSICAL",
                    units="GY", summation_type="PLAN", loader=lambda: values)


# --- truth -------------------------------------------------------------------------------------
def truth_volume_above(level: float, slabs, thickness: float, field: str, g: dict) -> float:
    """Volume (mm^3) of the contour solid with dose >= level."""
    total = 0.0
    for z, r in slabs:
        area = polygon_area(r)
        if field == "z":  # D = a + b z  (b > 0)
            zt = (level - g["a"]) / g["b"]
            lo, hi = z - thickness / 2, z + thickness / 2
            total += area * max(0.0, hi - max(lo, zt))
        elif field == "x":  # D = a + b x: circular segment x >= xt (circle of equal area)
            re = np.sqrt(area / np.pi)
            d = (level - g["a"]) / g["b"] - CENTRE[0]
            if d <= -re:
                seg = area
            elif d >= re:
                seg = 0.0
            else:
                seg = re * re * np.arccos(d / re) - d * np.sqrt(re * re - d * d)
            total += thickness * seg
        else:  # Gaussian around CENTRE: dose >= level inside a ball of radius R
            rad2 = -2 * g["sigma"] ** 2 * np.log(min(level / g["d0"], 1.0)) if level > 0 else np.inf
            zz = np.linspace(z - thickness / 2, z + thickness / 2, 401)
            disc = np.clip(rad2 - (zz - CENTRE[2]) ** 2, 0.0, None)
            re2 = area / np.pi
            total += np.trapezoid(np.pi * np.minimum(re2, disc), zz)
    return total


def truth_metrics(slabs, thickness: float, field: str, g: dict, dmax: float) -> dict[str, float]:
    vol = sum(polygon_area(r) for _, r in slabs) * thickness

    def v(level: float) -> float:
        return truth_volume_above(level, slabs, thickness, field, g)

    def d_at(frac: float) -> float:
        return brentq(lambda L: v(L) - frac * vol, 0.0, dmax * 1.01, xtol=1e-6)

    levels = np.linspace(0, dmax * 1.01, 2001)
    vs = np.array([v(L) for L in levels])
    mean = np.trapezoid(vs, levels) / vol
    return {"volume_cc": vol / 1000, "Dmean": mean, **{f"D{p}%": d_at(p / 100) for p in (2, 50, 95, 98)}}


FIELDS = {
    "z": ({"a": 20.0, "b": 0.25}, lambda x, y, z: 20.0 + 0.25 * z),
    "x": ({"a": 20.0, "b": 0.3}, lambda x, y, z: 20.0 + 0.3 * x),
    "gauss": ({"d0": 60.0, "sigma": 25.0},
              lambda x, y, z: 60.0 * np.exp(-((x - CENTRE[0]) ** 2 + (y - CENTRE[1]) ** 2 + (z - CENTRE[2]) ** 2) / (2 * 25.0**2))),
}
