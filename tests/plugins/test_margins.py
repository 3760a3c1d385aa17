"""Margins, rings and Booleans against analytic geometry."""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.compute.margins import (
    Margins,
    boolean,
    contract_mask,
    crop_to,
    expand_mask,
    mask_volume_cc,
    ring_mask,
)
from plannerview.model import Grid

SPACING = (1.0, 1.0, 1.0)


def _ball_grid(r_big: float, spacing=SPACING, direction=None) -> tuple[Grid, np.ndarray, np.ndarray, np.ndarray]:
    n = [int(2 * (r_big + 8) / s) + 1 for s in spacing]
    d = np.eye(3) if direction is None else direction
    half = np.array([(n[2] - 1) * spacing[2], (n[1] - 1) * spacing[1], (n[0] - 1) * spacing[0]]) / 2
    g = Grid(n, spacing, tuple(-(d @ half)), d)  # centred on the patient origin
    zc, yc, xc = g.axis_coords_mm()
    z, y, x = np.meshgrid(zc, yc, xc, indexing="ij")
    return g, x - 0.31, y + 0.17, z - 0.23  # an off-grid centre


def sphere_cc(r: float) -> float:
    return 4.0 / 3.0 * np.pi * r**3 / 1000.0


@pytest.mark.parametrize("spacing", [(1.0, 1.0, 1.0), (2.0, 1.0, 1.0)])
def test_expanding_a_sphere_matches_the_exact_volume_within_2_percent(spacing) -> None:
    g, x, y, z = _ball_grid(40.0, spacing)
    ball = x**2 + y**2 + z**2 <= 30.0**2
    grown = expand_mask(ball, g, 5.0)
    assert mask_volume_cc(grown, g) == pytest.approx(sphere_cc(35.0), rel=0.02)
    shrunk = contract_mask(ball, g, 5.0)
    assert mask_volume_cc(shrunk, g) == pytest.approx(sphere_cc(25.0), rel=0.025)


def test_expansion_is_a_ball_not_a_cube_or_diamond() -> None:
    g, x, y, z = _ball_grid(12.0)
    point = (np.abs(x + 0.31) < 0.5) & (np.abs(y - 0.17) < 0.5) & (np.abs(z + 0.23) < 0.5)  # the centre voxel
    assert point.sum() == 1
    grown = expand_mask(point, g, 10.0)
    # voxel centres within 10 mm of the centre voxel's centre: counted independently
    d2 = (x + 0.31) ** 2 + (y - 0.17) ** 2 + (z + 0.23) ** 2
    assert np.array_equal(grown, d2 <= 100.0 + 1e-9)


def _extent(mask: np.ndarray, g: Grid) -> np.ndarray:
    ks, js, is_ = np.nonzero(mask)
    pts = g.index_to_patient(np.column_stack([is_, js, ks]).astype(float))
    return np.concatenate([pts.min(axis=0), pts.max(axis=0)])


DIRECTIONS = {
    "HFS": np.eye(3),
    "FFS": np.diag([-1.0, 1.0, -1.0]),  # x and slice axis flipped
    "HFP": np.diag([-1.0, -1.0, 1.0]),  # x and y flipped
}


@pytest.mark.parametrize("position", list(DIRECTIONS))
def test_per_direction_margins_follow_patient_directions(position: str) -> None:
    g, x, y, z = _ball_grid(20.0, direction=DIRECTIONS[position])
    cube = (np.abs(x) <= 5) & (np.abs(y) <= 5) & (np.abs(z) <= 5)
    m = Margins(right_mm=3, left_mm=8, anterior_mm=7, posterior_mm=5, superior_mm=10, inferior_mm=2)
    before, after = _extent(cube, g), _extent(expand_mask(cube, g, m), g)
    # LPS: -x is right, +x left, -y anterior, +y posterior, +z superior, -z inferior
    grown = np.array([before[0] - after[0], after[3] - before[3], before[1] - after[1], after[4] - before[4],
                      after[5] - before[5], before[2] - after[2]])
    np.testing.assert_allclose(grown, [3, 8, 7, 5, 10, 2], atol=1e-9)


def test_seven_mm_except_five_posterior_on_a_sphere() -> None:
    g, x, y, z = _ball_grid(30.0)
    ball = x**2 + y**2 + z**2 <= 15.0**2
    uniform = expand_mask(ball, g, 7.0)
    aniso = expand_mask(ball, g, Margins(7, 7, 7, 5, 7, 7))
    # identical anterior half; posterior half lies between the 5 mm and 7 mm expansions
    ant = y < -1.0
    assert np.array_equal(aniso[ant], uniform[ant])
    post = y > 1.0
    assert (aniso & post).sum() < (uniform & post).sum()
    assert ((expand_mask(ball, g, 5.0) & post) & ~aniso).sum() == 0


def test_ring_volume_is_the_shell_between_two_spheres() -> None:
    g, x, y, z = _ball_grid(35.0)
    ball = x**2 + y**2 + z**2 <= 25.0**2
    ring = ring_mask(ball, g, 2.0, 8.0)
    assert mask_volume_cc(ring, g) == pytest.approx(sphere_cc(33.0) - sphere_cc(27.0), rel=0.03)
    assert not (ring & ball).any()
    with pytest.raises(ValueError, match="outer"):
        ring_mask(ball, g, 5.0, 5.0)


def test_booleans_of_two_overlapping_spheres_match_the_lens_formula() -> None:
    g, x, y, z = _ball_grid(40.0)
    r, d = 20.0, 20.0
    a = (x + d / 2) ** 2 + y**2 + z**2 <= r * r
    b = (x - d / 2) ** 2 + y**2 + z**2 <= r * r
    lens = np.pi * (4 * r + d) * (2 * r - d) ** 2 / 12 / 1000.0  # intersection of two equal spheres
    vol = lambda m: mask_volume_cc(m, g)  # noqa: E731
    assert vol(boolean("intersect", a, b)) == pytest.approx(lens, rel=0.03)
    assert vol(boolean("union", a, b)) == pytest.approx(2 * sphere_cc(r) - lens, rel=0.02)
    assert vol(boolean("subtract", a, b)) == pytest.approx(sphere_cc(r) - lens, rel=0.02)
    assert vol(boolean("xor", a, b)) == pytest.approx(2 * (sphere_cc(r) - lens), rel=0.02)
    assert np.array_equal(crop_to(a, b), a & b)
    with pytest.raises(ValueError, match="unknown Boolean"):
        boolean("nand", a, b)


def test_expansion_stays_on_the_grid_and_contraction_treats_outside_as_outside() -> None:
    g = Grid((10, 10, 10), (1.0, 1.0, 1.0), (0, 0, 0))
    full = np.ones(g.shape_zyx, dtype=bool)
    assert expand_mask(full, g, 3.0).all()
    inner = contract_mask(full, g, 2.0)
    assert inner.sum() == 6 * 6 * 6  # 2 mm (two voxels) off every face
    assert not expand_mask(np.zeros_like(full), g, 5.0).any()


def test_margins_parse_and_refuse_bad_text() -> None:
    assert Margins.parse("5").as_tuple() == (5.0,) * 6
    assert Margins.parse("7,7,7,5,7,7").posterior_mm == 5.0
    for bad in ("1,2", "a", "-1"):
        with pytest.raises(ValueError):
            Margins.parse(bad)
