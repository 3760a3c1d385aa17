"""The compiled marching squares (``compute.isodose.marching_squares``) against values known by
hand, and against the numpy version it replaced on fields with saddles and NaNs."""

from __future__ import annotations

import numpy as np

from plannerview.compute.isodose import marching_squares, marching_squares_numpy


def _as_set(segments: np.ndarray) -> list[tuple[float, ...]]:
    return sorted(map(tuple, segments.reshape(-1, 4).tolist()))


def test_saddle_cells_by_hand() -> None:
    # corners a=1 (top left), b=0, c=1, d=0: case 5; centre 0.5 >= 0.5 joins a and c
    v = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert _as_set(marching_squares(v, 0.5)) == sorted([(0.0, 0.5, 0.5, 1.0), (1.0, 0.5, 0.5, 0.0)])
    # the mirror (case 10) with a centre below the level: b and d (high) are joined, edges 0-1 and 2-3
    w = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert _as_set(marching_squares(w, 0.6)) == sorted([(0.0, 0.6, 0.4, 1.0), (1.0, 0.4, 0.6, 0.0)])


def test_linear_ramp_crossings_lie_on_the_level() -> None:
    # v = 2 col + 0.1 row: the 7.3 line crosses each row r at col = (7.3 - 0.1 r) / 2
    r, c = np.mgrid[0:12, 0:10].astype(float)
    segs = marching_squares(2 * c + 0.1 * r, 7.3)
    pts = segs.reshape(-1, 2)
    assert len(segs) == 11  # one segment per row pair
    assert np.allclose(2 * pts[:, 1] + 0.1 * pts[:, 0], 7.3, atol=1e-12)


def test_same_segments_as_the_numpy_version() -> None:
    rng = np.random.default_rng(3)
    for _ in range(15):
        v = rng.normal(size=(int(rng.integers(2, 50)), int(rng.integers(2, 50))))
        v[rng.random(v.shape) < 0.05] = np.nan
        for level in (-0.5, 0.0, 0.7):
            assert _as_set(marching_squares(v, level)) == _as_set(marching_squares_numpy(v, level))
    assert marching_squares(np.ones((1, 5)), 0.5).shape == (0, 2, 2)
