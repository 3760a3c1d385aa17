"""DVHs against analytic truth (the phantoms and their exact DVHs are in ``analytic.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.compute.dvh import compute_dvh
from plannerview.compute.metrics import evaluate_metric
from plannerview.model import ROI, Contour

from .analytic import CENTRE, FIELDS, dose_grid, sphere_roi, truth_metrics


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
    assert dvh.volume_cc == pytest.approx(truth["volume_cc"], rel=0.01)
    tol = (0.005 if truth["volume_cc"] > 5 else 0.015) * dvh.dmax
    if field in ("z", "x"):  # trilinear interpolation is exact in a linear field: only geometry is left
        tol = 0.0005 * dvh.dmax
    assert dvh.dmean == pytest.approx(truth["Dmean"], abs=tol)
    for p in (2, 50, 95, 98):
        assert dvh.dose_at_percent(p) == pytest.approx(truth[f"D{p}%"], abs=tol), f"D{p}%"
    if shape == "sphere":  # the ideal sphere (not the contour solid) is within a few % in volume
        ideal = 4 / 3 * np.pi * radius**3 / 1000
        assert abs(dvh.volume_cc - ideal) / ideal < 0.1


def test_tiny_target_gets_a_real_d95() -> None:
    """A 0.1 cc sphere in a steep field: D95 is the dose in the sphere, not 0 Gy."""
    g, fn = FIELDS["x"]
    roi, _ = sphere_roi(2.9, 1.0)
    dvh = compute_dvh(roi, dose_grid(fn))
    assert 0.05 < dvh.volume_cc < 0.15
    assert dvh.dose_at_percent(95) == pytest.approx(20.0 + 0.3 * (CENTRE[0] - 2.9), abs=0.6)


def test_partly_outside_grid_reports_uncovered_volume() -> None:
    """A box half outside the dose grid: the outside half is uncovered_cc, the curve covers the rest."""
    xs = np.array([[50.0, -10.0], [70.0, -10.0], [70.0, 10.0], [50.0, 10.0]])  # x 50..70, grid ends at 61.25
    contours = tuple(Contour("CLOSED_PLANAR", np.column_stack([xs, np.full(4, z)])) for z in np.arange(-10, 11, 2.0))
    dose = dose_grid(lambda x, y, z: np.full_like(x, 5.0))
    dvh = compute_dvh(ROI(3, "box", contours), dose)
    assert dvh.volume_cc == pytest.approx(20 * 20 * 22 / 1000)
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
    assert dvh.volume_cc == pytest.approx((1600 - 400) * 10 / 1000)
    assert dvh.dmean == pytest.approx(10.0, abs=0.01)  # symmetric in x
    assert dvh.dmax == pytest.approx(12.0, abs=0.02) and dvh.dmin == pytest.approx(8.0, abs=0.02)
    # V(>= 11 Gy): x >= 10 mm: 10 x 40 strip, no hole there -> 400 mm^2 of 1200
    assert evaluate_metric("V11Gy[%]", dvh).value == pytest.approx(100 * 400 / 1200, abs=0.3)
