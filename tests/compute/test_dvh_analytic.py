"""DVHs against analytic truth (after Nelms et al., Med Phys 2015).

Truth is the solid the contours describe: each contour plane is a slab one plane spacing thick
(half a slice either side), its cross-section the exact polygon. For a sphere drawn as 720-gon
contours in a dose field that is linear along z or along x, or Gaussian around the centre, the
cumulative DVH of that solid is computed here in closed form (slab by slab; circular segments)
or by 1D quadrature, independently of the engine.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from plannerview.compute.dvh import compute_dvh
from plannerview.compute.metrics import evaluate_metric
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


def polygon_area(r: float) -> float:
    return 0.5 * N_SIDES * r * r * np.sin(2 * np.pi / N_SIDES)


def dose_grid(fn, spacing: float = 2.5, half_extent: float = 60.0) -> DoseGrid:
    n = int(2 * half_extent / spacing) + 1
    ax = -half_extent + spacing * np.arange(n)
    z, y, x = np.meshgrid(ax, ax, ax, indexing="ij")
    values = fn(x, y, z).astype(np.float32)
    grid = Grid((n, n, n), (spacing, spacing, spacing), (ax[0], ax[0], ax[0]), np.eye(3), "1.2.3")
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


@pytest.mark.parametrize("field", ["z", "x", "gauss"])
@pytest.mark.parametrize(("radius", "slice_mm"), [(6.2, 1.0), (10.0, 2.0), (22.0, 3.0), (41.5, 2.5)])
def test_sphere_dvh_matches_truth(field: str, radius: float, slice_mm: float) -> None:
    _check_shape("sphere", field, radius, slice_mm)


@pytest.mark.parametrize("field", ["z", "x", "gauss"])
@pytest.mark.parametrize(("shape", "radius", "slice_mm"), [("cylinder", 9.0, 1.0), ("cylinder", 30.0, 3.0),
                                                          ("cone", 14.0, 2.0), ("cone", 40.0, 2.5)])
def test_cylinder_and_cone_dvh_match_truth(field: str, shape: str, radius: float, slice_mm: float) -> None:
    _check_shape(shape, field, radius, slice_mm)


def _check_shape(shape: str, field: str, radius: float, slice_mm: float) -> None:
    g, fn = FIELDS[field]
    dose = dose_grid(fn)
    roi, slabs = sphere_roi(radius, slice_mm, shape)
    dvh = compute_dvh(roi, dose)
    dmax_field = float(dose.dose.max())
    truth = truth_metrics(slabs, slice_mm, field, g, dmax_field)
    assert dvh.volume_cc_total == pytest.approx(truth["volume_cc"], rel=0.01)
    tol = (0.005 if truth["volume_cc"] > 5 else 0.015) * dvh.dmax
    assert dvh.dmean == pytest.approx(truth["Dmean"], abs=tol)
    for p in (2, 50, 95, 98):
        assert dvh.dose_at_percent(p) == pytest.approx(truth[f"D{p}%"], abs=tol), f"D{p}%"
    if shape == "sphere":  # the ideal sphere (not the contour solid) is within a few % in volume
        ideal = 4 / 3 * np.pi * radius**3 / 1000
        assert abs(dvh.volume_cc_total - ideal) / ideal < 0.1


def test_tiny_target_gets_a_real_d95() -> None:
    """A 0.1 cc sphere in a steep field: D95 is the dose in the sphere, not 0 Gy."""
    g, fn = FIELDS["x"]
    roi, _ = sphere_roi(2.9, 1.0)
    dvh = compute_dvh(roi, dose_grid(fn))
    assert 0.05 < dvh.volume_cc_total < 0.15
    assert dvh.dose_at_percent(95) == pytest.approx(20.0 + 0.3 * (CENTRE[0] - 2.9), abs=0.6)


def test_partly_outside_grid_reports_uncovered_volume() -> None:
    """A box half outside the dose grid: the outside half is uncovered_cc, the curve covers the rest."""
    xs = np.array([[50.0, -10.0], [70.0, -10.0], [70.0, 10.0], [50.0, 10.0]])  # x 50..70, grid ends at 61.25
    contours = tuple(Contour("CLOSED_PLANAR", np.column_stack([xs, np.full(4, z)])) for z in np.arange(-10, 11, 2.0))
    dose = dose_grid(lambda x, y, z: np.full_like(x, 5.0))
    dvh = compute_dvh(ROI(3, "box", contours), dose)
    assert dvh.volume_cc_total == pytest.approx(20 * 20 * 22 / 1000)
    assert dvh.uncovered_cc == pytest.approx((70 - 61.25) * 20 * 22 / 1000, rel=0.02)
    assert dvh.warnings and "outside the dose grid" in dvh.warnings[0]
    assert evaluate_metric("Dmean", dvh).value == pytest.approx(5.0)
    assert evaluate_metric("V5Gy[%]", dvh).value == pytest.approx(100.0)
    assert evaluate_metric("D95%[%]", dvh, prescription_gy=10.0).value == pytest.approx(50.0)


def test_box_with_hole_in_linear_field() -> None:
    """A 40 x 40 mm square with a 20 x 20 hole (even-odd), 10 mm tall, in D = 10 + 0.1 x."""
    outer = np.array([[-20, -20], [20, -20], [20, 20], [-20, 20]], float)
    hole = outer / 2
    contours = []
    for z in np.arange(-4, 5, 2.0):
        contours += [Contour("CLOSED_PLANAR", np.column_stack([outer, np.full(4, z)])),
                     Contour("CLOSED_PLANAR", np.column_stack([hole, np.full(4, z)]))]
    dvh = compute_dvh(ROI(4, "frame", tuple(contours)), dose_grid(lambda x, y, z: 10.0 + 0.1 * x))
    assert dvh.volume_cc_total == pytest.approx((1600 - 400) * 10 / 1000)
    assert dvh.dmean == pytest.approx(10.0, abs=0.01)  # symmetric in x
    assert dvh.dmax == pytest.approx(12.0, abs=0.02) and dvh.dmin == pytest.approx(8.0, abs=0.02)
    # V(>= 11 Gy): x >= 10 mm: 10 x 40 strip, no hole there -> 400 mm^2 of 1200
    assert evaluate_metric("V11Gy[%]", dvh).value == pytest.approx(100 * 400 / 1200, abs=0.3)
