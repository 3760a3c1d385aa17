"""Margins computed from contours at sub-voxel resolution, against analytic geometry.

Truth is the exact cross-section of the ideal grown or shrunk solid on each output plane, with the
volume convention of the contours (each plane a slab one spacing thick), as for the DVH tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from plannerview.cli.main import main
from plannerview.compute.contour_margins import margin_planes, supports
from plannerview.compute.contours import plane_area_mm2, roi_volume_cc
from plannerview.compute.margins import Margins
from plannerview.model import ROI, Contour

from .phantom import sphere_roi

CENTRE = (0.31, -0.17, 0.0)


def _planes(half_mm: float, spacing: float) -> np.ndarray:
    return np.round(-half_mm + spacing * np.arange(int(2 * half_mm / spacing) + 1), 4)


def _volume_cc(planes: dict[float, list[np.ndarray]], spacing: float) -> float:
    return sum(plane_area_mm2(p) for p in planes.values()) * spacing / 1000.0


def _sphere_truth_cc(radius: float, zs: np.ndarray, zc: float, spacing: float) -> float:
    return float(np.sum(np.pi * np.clip(radius**2 - (zs - zc) ** 2, 0, None)) * spacing / 1000.0)


@pytest.mark.parametrize(("radius", "margin", "grow", "spacing"), [
    (5.0, 5.0, True, 1.0), (10.0, 5.0, True, 1.0), (10.0, 5.0, False, 1.0), (20.0, 10.0, True, 1.0),
    (30.0, 20.0, False, 1.0), (45.0, 5.0, True, 1.0), (50.0, 5.0, False, 1.0),
    (25.0, 5.0, True, 2.5), (50.0, 5.0, False, 2.5), (40.0, 20.0, False, 2.5),
])
@pytest.mark.parametrize("offset", [0.0, 0.37])
def test_grown_and_shrunk_spheres_within_half_a_percent(radius: float, margin: float, grow: bool, spacing: float,
                                                       offset: float) -> None:
    """Spheres of 5 to 50 mm (given as contours, 180-gons), grown or shrunk by 5 to 20 mm, on planes
    1 mm apart (and 2.5 mm for the large ones): result radii 5 to 55 mm, volume within 0.5 %."""
    zc = offset
    zs = _planes(radius + margin + 6, spacing)
    roi = sphere_roi(1, "S", (CENTRE[0], CENTRE[1], zc), radius, zs)
    planes = margin_planes(roi, margin, zs, shrink=not grow)
    result = radius + margin if grow else radius - margin
    truth = _sphere_truth_cc(result, zs, zc, spacing)
    assert _volume_cc(planes, spacing) == pytest.approx(truth, rel=0.005)
    if result >= 20:  # fine enough planes: the ideal sphere's volume too
        assert _volume_cc(planes, spacing) == pytest.approx(4 / 3 * np.pi * result**3 / 1000, rel=0.005)


def _cylinder(radius: float, zs: np.ndarray) -> ROI:
    t = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    return ROI(2, "cyl", tuple(Contour("CLOSED_PLANAR", np.column_stack([radius * np.cos(t), radius * np.sin(t),
                                                                         np.full(360, z)])) for z in zs))


def test_cylinder_with_different_superior_and_inferior_margins() -> None:
    """A cylinder r = 10 mm on planes -10 .. 10 (slab ends at -11 and +11 mm), grown 5 mm in the plane,
    12 mm superior, 3 mm inferior: exact cross-sections are r + 5 over the cylinder's length and
    (ellipsoid) r + 5 sqrt(1 - (d / m_z)^2) at distance d beyond its ends."""
    s = 2.0
    roi = _cylinder(10.0, np.arange(-10.0, 10.1, s))
    out = np.arange(-20.0, 26.1, s)
    planes = margin_planes(roi, Margins(5, 5, 5, 5, 12, 3), out)
    assert min(planes) == -12.0 and max(planes) == 22.0  # 11 + 3 = 14 and 11 + 12 = 23 mm: last planes inside
    for z in out:
        d = max(0.0, abs(z) - 11.0)
        m_z = 12.0 if z > 0 else 3.0
        expect = 0.0 if d >= m_z else np.pi * (10 + 5 * np.sqrt(1 - (d / m_z) ** 2)) ** 2
        got = plane_area_mm2(planes[z]) if z in planes else 0.0
        assert got == pytest.approx(expect, rel=0.004, abs=0.5), f"z = {z}"


def test_shrinking_a_box_keeps_square_corners_and_a_hole_grows() -> None:
    """A 40 x 40 mm square prism with a 10 x 10 mm hole, on planes 1 mm apart (z -10 .. 10): shrunk
    by 4 mm it is a 32 x 32 square with an 18 x 18 hole (sharp corners outside, rounded corners of
    the hole: 18^2 - (4 - pi) 4^2 mm^2 less), over z -6.5 .. 6.5."""
    outer = np.array([[-20, -20], [20, -20], [20, 20], [-20, 20]], float)
    hole = outer / 4
    zs = np.arange(-10.0, 10.1, 1.0)
    cs = []
    for z in zs:
        for poly in (outer, hole):
            cs.append(Contour("CLOSED_PLANAR", np.column_stack([poly, np.full(4, z)])))
    planes = margin_planes(ROI(3, "frame", tuple(cs)), 4.0, zs, shrink=True)
    assert sorted(planes) == list(np.arange(-6.0, 6.1, 1.0))
    hole_area = 18.0**2 - (4 - np.pi) * 4.0**2
    for z, polys in planes.items():
        assert len(polys) == 2
        assert plane_area_mm2(polys) == pytest.approx(32.0**2 - hole_area, rel=0.002), f"z = {z}"


def test_supports_only_equal_in_plane_margins() -> None:
    assert supports(5.0) and supports(Margins(5, 5, 5, 5, 10, 0))
    assert not supports(Margins(7, 7, 7, 5, 7, 7))
    with pytest.raises(ValueError, match="equal right, left"):
        margin_planes(_cylinder(5, np.arange(3.0)), Margins(7, 7, 7, 5, 7, 7), np.arange(3.0))


def test_margin_cli_uses_the_contours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``plannerview margin --mm 5`` on the demo: the contour method, the same volume as the
    function gives on the CT's planes, larger than the voxel method's (which loses up to half a
    voxel on every side)."""
    demo = Path(__file__).resolve().parents[2] / "resources" / "demo"
    out, out_v = tmp_path / "RS.c.dcm", tmp_path / "RS.v.dcm"
    assert main(["margin", str(demo), "--roi", "Core", "--mm", "5", "--out", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    row = doc["new_rois"][0]
    assert doc["method"] == "contour" and row["name"] == "Core+5mm"
    assert row["provenance"]["parameters"]["method"].startswith("contour")
    import plannerview

    case = plannerview.load(demo)
    img, core = case.images[0], case.structure_sets[0].roi("Core")
    expect = margin_planes(core, 5.0, img.grid.axis_coords_mm()[0])
    assert row["volume_cc"] == pytest.approx(_volume_cc(expect, img.grid.spacing_mm[0]), abs=0.001)  # 3 decimals
    assert main(["margin", str(demo), "--roi", "Core", "--mm", "5", "--method", "voxel", "--out", str(out_v),
                 "--json"]) == 0
    voxel = json.loads(capsys.readouterr().out)["new_rois"][0]["volume_cc"]
    assert voxel < row["volume_cc"] and row["volume_cc"] > roi_volume_cc(core)
