"""Keyhole holes: every hole spliced into its outer contour, so OR and XOR readers agree.

Expected regions are the masks the contours were traced from (and analytic disk areas), read
back two ways: plannerview's even-odd fill of a plane's contours (the XOR reader) and a
simulated OR reader that fills each contour on its own and ORs the results (plastimatch's
default).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pydicom
import pytest
from scipy import ndimage

import plannerview
from plannerview.cli.main import main
from plannerview.compute.contours import polygon_area_mm2, roi_volume_cc
from plannerview.compute.mask_to_contours import keyhole_loops, mask_to_contours, mask_to_roi, trace_slice
from plannerview.compute.masks import even_odd_fill, roi_mask_on_grid
from plannerview.io.rtstruct_writer import write_rtstruct
from plannerview.model import ROI, Grid

from .phantom import ct, grid, sphere_roi, structure_set
from .test_rtstruct_writer import dciodvfy_errors

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
DIRECTIONS = [np.eye(3), np.diag([-1.0, 1.0, -1.0]), np.diag([-1.0, -1.0, 1.0])]


def or_reader(roi: ROI, g: Grid) -> np.ndarray:
    """A reader that ORs a plane's contours: each contour filled alone, the fills ORed."""
    out = np.zeros(g.shape_zyx, bool)
    for c in roi.contours:
        out |= roi_mask_on_grid(ROI(number=1, name="one", contours=(c,)), g)
    return out


def radius_mm(g: Grid, centre=(0.0, 0.0)) -> np.ndarray:
    _, yc, xc = g.axis_coords_mm()
    yy, xx = np.meshgrid(yc, xc, indexing="ij")
    return np.broadcast_to(np.hypot(xx - centre[0], yy - centre[1]), g.shape_zyx)


def assert_weakly_simple(polys: list[np.ndarray] | tuple[np.ndarray, ...]) -> None:
    """No two edges of a plane's polygons cross, and no vertex lies inside another edge: polygons
    only touch where a cut runs out and back along the very same edge."""
    a = np.concatenate([p for p in polys])
    b = np.concatenate([np.roll(p, -1, axis=0) for p in polys])
    a, b = a[:, None, :], b[:, None, :]
    c, d = a.transpose(1, 0, 2), b.transpose(1, 0, 2)

    def orient(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        return np.sign((q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0]))

    def strictly_inside(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        """r on segment p-q but not at its ends."""
        t = ((r - p) * (q - p)).sum(-1)
        return (orient(p, q, r) == 0) & (t > 0) & (t < ((q - p) ** 2).sum(-1))

    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    assert not ((o1 * o2 < 0) & (o3 * o4 < 0)).any(), "edges cross"
    assert not (strictly_inside(a, b, c) | strictly_inside(a, b, d)).any(), "a vertex lies inside an edge"


def per_plane_counts(roi: ROI) -> list[int]:
    return [len(p) for p in roi.planes.values()]


@pytest.fixture()
def g1() -> Grid:
    return Grid((4, 61, 61), (2.0, 1.0, 1.0), (-30.0, -30.0, 0.0))


def test_annulus_one_contour_per_slice_and_both_readers_agree(g1: Grid) -> None:
    r = radius_mm(g1)
    m = (r >= 10) & (r <= 20)
    m[0] = False  # an empty slice stays empty
    key = mask_to_roi(m, g1, 1, "ring", holes="keyhole")
    xor = mask_to_roi(m, g1, 2, "ring")
    assert per_plane_counts(key) == [1, 1, 1] and per_plane_counts(xor) == [2, 2, 2]
    assert np.array_equal(roi_mask_on_grid(key, g1), m)
    assert np.array_equal(or_reader(key, g1), m)
    for polys in key.planes.values():
        assert_weakly_simple(polys)
    assert np.array_equal(roi_mask_on_grid(xor, g1), m)
    # the OR reader fills the xor export's hole: about pi 20^2 per slice instead of pi (20^2 - 10^2)
    filled = or_reader(xor, g1)
    assert filled[1].sum() == pytest.approx(np.pi * 20**2, rel=0.02)
    assert m[1].sum() == pytest.approx(np.pi * (20**2 - 10**2), rel=0.03)
    # the cut has zero width: the one polygon's area is the annulus' traced area
    assert roi_volume_cc(key, 2.0) == pytest.approx(roi_volume_cc(xor, 2.0), rel=1e-12)


def test_four_nesting_levels_and_an_innermost_island(g1: Grid) -> None:
    r = radius_mm(g1, (0.5, -0.5))
    # disk, its hole, an island in the hole, the island's hole, a dot in that hole
    m = (r <= 28) & ~(r < 20) | (r <= 14) & ~(r < 7) | (r <= 3)
    loops = trace_slice(m[1])
    assert len(loops) == 5
    key = mask_to_roi(m, g1, 1, "nested", holes="keyhole")
    assert per_plane_counts(key) == [3] * 4  # ring, island ring, dot
    assert np.array_equal(roi_mask_on_grid(key, g1), m)
    assert np.array_equal(or_reader(key, g1), m)
    for polys in key.planes.values():
        assert_weakly_simple(polys)
    xor = mask_to_roi(m, g1, 2, "nested")
    assert roi_volume_cc(key, 2.0) == pytest.approx(roi_volume_cc(xor, 2.0), rel=1e-12)


def test_several_holes_in_one_outer_region() -> None:
    g = Grid((2, 60, 80), (3.0, 1.0, 1.0), (0.0, 0.0, 0.0))
    sl = np.zeros((60, 80), bool)
    sl[5:55, 5:75] = True
    # a row of holes (a bridge from the inner ones must not cross the outer ones), an L, a slot
    for c0 in range(10, 70, 8):
        sl[27:33, c0:c0 + 5] = False
    sl[10:20, 10:13] = False
    sl[17:20, 10:25] = False
    sl[40:50, 20:60] = False
    sl[44:46, 30:50] = True  # island in the slot
    m = np.stack([sl, sl[:, ::-1]])
    n_holes = ndimage.label(~m[0])[1] - 1
    assert n_holes == 10
    key = mask_to_roi(m, g, 1, "holes", holes="keyhole")
    assert per_plane_counts(key) == [2, 2]  # the region with its holes, the island
    assert np.array_equal(roi_mask_on_grid(key, g), m)
    assert np.array_equal(or_reader(key, g), m)
    for polys in key.planes.values():
        assert_weakly_simple(polys)


@pytest.mark.parametrize("direction", DIRECTIONS, ids=["HFS", "FFS", "HFP"])
@pytest.mark.parametrize("seed", [3, 11])
def test_random_masks_read_back_exactly_by_both_readers(direction: np.ndarray, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = ndimage.binary_opening(rng.random((3, 40, 50)) > 0.3)
    m[:, 0, :] = True  # touching the border
    m[:, 6:26, 6:28] = True
    m[:, 8:24, 8:26] = False  # a hole with an island that has a hole with a dot
    m[:, 11:21, 11:23] = True
    m[:, 13:19, 13:21] = False
    m[:, 15:17, 16:18] = True
    g = Grid(m.shape, (3.0, 1.1, 0.9), (10.0, -20.0, 5.0), direction)
    key = mask_to_roi(m, g, 1, "r", holes="keyhole", slice_uids=[f"1.2.{k}" for k in range(3)])
    xor = mask_to_roi(m, g, 2, "r")
    assert np.array_equal(roi_mask_on_grid(key, g), m)
    assert np.array_equal(or_reader(key, g), m)
    for polys in key.planes.values():
        assert_weakly_simple(polys)
    # one contour per 4-connected region of each slice (holes are spliced, none left over)
    assert per_plane_counts(key) == [ndimage.label(s)[1] for s in m]
    assert len(xor.contours) > len(key.contours)
    assert roi_volume_cc(key, 3.0) == pytest.approx(roi_volume_cc(xor, 3.0), rel=1e-9)


def test_cuts_are_zero_width_and_holes_keep_their_orientation() -> None:
    m = np.zeros((30, 30), bool)
    m[3:27, 3:27] = True
    m[10:20, 10:20] = False
    loops = trace_slice(m)
    outer, hole = sorted(loops, key=polygon_area_mm2, reverse=True)
    (poly,) = keyhole_loops(loops)
    # every vertex of both loops is used once, the two ends of the cut twice
    pts, counts = np.unique(poly, axis=0, return_counts=True)
    assert len(pts) == len(outer) + len(hole) and len(poly) == len(pts) + 2
    assert sorted(counts.tolist())[-3:] == [1, 2, 2]
    # signed area: outer minus hole, i.e. the hole is walked against the outer loop
    x, y = poly[:, 1], poly[:, 0]
    signed = 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    assert abs(signed) == pytest.approx((24 * 24 - 0.5) - (10 * 10 - 0.5))  # corners cut on both loops


def test_bridges_go_around_long_edges_and_blocking_holes() -> None:
    m = np.zeros((84, 64), bool)
    m[20:81, 2:62] = True  # tall region: its nearest corners are the top ones
    m[28:32, 29:33] = False  # a small hole ...
    m[24:26, 5:59] = False  # ... under a long slot whose straight edges have no vertex near it
    m[34:36, 20:44] = False  # and one below it
    for sl in (m, m[::-1], m[:, ::-1], m.T):
        loops = trace_slice(sl)
        assert len(loops) == 4
        key = keyhole_loops(loops)
        assert len(key) == 1
        assert_weakly_simple(key)
        ref = even_odd_fill([p[:, ::-1] for p in key], 0, 0, sl.shape[1], sl.shape[0], 1, 1)
        assert np.array_equal(ref, sl)


def test_crossing_bridges_are_detected() -> None:
    from plannerview.compute.mask_to_contours import _bridges_clear

    e0, e1 = np.array([[0.0, 2.0], [5.0, 5.0]]), np.array([[4.0, 2.0], [5.0, 9.0]])
    a = np.array([[2.0, 0.0], [2.0, 0.0], [5.0, 1.0], [5.0, 5.0], [5.0, 5.0], [9.0, 0.0]])
    b = np.array([[2.0, 4.0], [6.0, 0.0], [5.0, 7.0], [5.0, 0.0], [5.0, 7.0], [9.0, 9.0]])
    # crosses; clear; passes through the vertex (5, 5); leaves (5, 5) away from the edge; runs
    # along the edge it starts on; clear
    assert _bridges_clear(a, b, e0, e1).tolist() == [False, True, False, True, False, True]


def test_unknown_hole_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="holes must be one of"):
        mask_to_contours(np.ones((1, 3, 3), bool), Grid((1, 3, 3), (1.0, 1.0, 1.0), (0, 0, 0)), holes="or")


def test_written_keyhole_file_reads_back_with_the_xor_volume(tmp_path: Path) -> None:
    g = grid((20, 64, 64), (3.0, 2.0, 2.0), (-63.0, -63.0, -28.5))
    img = ct(np.zeros(g.shape_zyx), g)
    ss = structure_set((sphere_roi(3, "GTV", (1.0, -2.0, 0.0), 15.0, g.axis_coords_mm()[0], "GTV"),), img)
    yy, xx = np.mgrid[:64, :64]
    d2 = (yy - 32) ** 2 + (xx - 32) ** 2
    m = np.zeros(g.shape_zyx, bool)
    m[5:15] = (d2 <= 20**2) & ~(d2 <= 8**2) | (d2 <= 3**2)
    vols = {}
    for holes in ("xor", "keyhole"):
        roi = mask_to_roi(m, g, 4, "Ring", "CONTROL", slice_uids=img.slice_sop_uids, holes=holes)
        path = tmp_path / f"RS.{holes}.dcm"
        write_rtstruct(path, img, [roi], ss, label="TEST")
        if holes == "keyhole":
            assert dciodvfy_errors(path) == []
        back = plannerview.load([str(path)]).structure_sets[0].roi("Ring")
        assert len(back.contours) == (3 if holes == "xor" else 2) * 10
        vols[holes] = roi_volume_cc(back)
        assert np.array_equal(roi_mask_on_grid(back, g), m)
        if holes == "keyhole":
            assert np.array_equal(or_reader(back, g), m)
    assert vols["keyhole"] == pytest.approx(vols["xor"], rel=1e-3)
    assert vols["xor"] == pytest.approx(np.pi * (40**2 - 16**2 + 6**2) * 30 / 1000, rel=0.03)


def test_roi_op_ring_cli_writes_keyhole_contours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs, rois = {}, {}
    for holes in ("xor", "keyhole"):
        out = tmp_path / f"RS.{holes}.dcm"
        assert main(["roi-op", str(DEMO), "--op", "ring", "--a", "OuterTarget", "--inner-mm", "0",
                     "--outer-mm", "10", "--crop-to", "BODY", "--name", "Ring", "--holes", holes,
                     "--out", str(out), "--json"]) == 0
        docs[holes] = json.loads(capsys.readouterr().out)
        rois[holes] = plannerview.load([str(out)]).structure_sets[0].roi("Ring")
        ring = pydicom.dcmread(out).StructureSetROISequence[-1]
        prov = json.loads(ring.ROIDescription[ring.ROIDescription.index("{"):])["plannerview_provenance"]
        assert prov["parameters"]["holes"] == holes
    assert docs["keyhole"]["new_rois"][0]["provenance"]["parameters"]["holes"] == "keyhole"
    img = plannerview.load(DEMO).images[0]
    mask = roi_mask_on_grid(rois["xor"], img.grid)
    key = rois["keyhole"]
    assert np.array_equal(roi_mask_on_grid(key, img.grid), mask)
    assert np.array_equal(or_reader(key, img.grid), mask)
    # the ring has a hole (the target) on its planes: xor writes it as a contour, keyhole does not
    assert len(rois["xor"].contours) > len(key.contours)
    zc = img.grid.axis_coords_mm()[0]
    for z, polys in key.planes.items():
        k = int(np.argmin(np.abs(zc - z)))
        assert len(polys) == ndimage.label(mask[k])[1]  # one contour per region of the plane
        assert_weakly_simple(polys)
    assert roi_volume_cc(key) == pytest.approx(roi_volume_cc(rois["xor"]), rel=1e-3)
