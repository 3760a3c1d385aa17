"""Isodose lines on a 2D dose slice: marching squares in numpy (no Qt, no VTK, no scikit-image).

Segments come in pixel-centre coordinates (row, col) of the slice: a crossing on the edge
between two pixel centres is placed by linear interpolation of their values, so a line lies
where the (bilinearly interpolated) dose equals the level. Cells touching a NaN (outside the dose
grid) give no line. Saddle cells are resolved by the cell's centre value (mean of its corners).
With numba the cells are walked in one compiled pass (:func:`marching_squares`); the numpy
version (:func:`marching_squares_numpy`) gives the same segments, grouped by cell case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

try:
    from numba import njit

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False

# edges: 0 top (a-b), 1 right (b-c), 2 bottom (d-c), 3 left (a-d); corners a=(r,c) b=(r,c+1) c=(r+1,c+1) d=(r+1,c)
_CASES: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((3, 0),), 2: ((0, 1),), 3: ((3, 1),), 4: ((1, 2),), 6: ((0, 2),), 7: ((3, 2),),
    8: ((3, 2),), 9: ((0, 2),), 11: ((1, 2),), 12: ((3, 1),), 13: ((0, 1),), 14: ((3, 0),),
}


@dataclass(frozen=True, eq=False)
class IsodoseLines:
    """Line segments of one level: ``segments`` (N, 2, 2) as [[row0, col0], [row1, col1]]."""

    level: float
    segments: np.ndarray

    @property
    def n_segments(self) -> int:
        return int(self.segments.shape[0])


def marching_squares(values: np.ndarray, level: float) -> np.ndarray:
    """Segments (N, 2, 2) in (row, col) pixel-centre coordinates where ``values`` crosses ``level``."""
    if not HAVE_NUMBA:  # pragma: no cover
        return marching_squares_numpy(values, level)
    v = np.ascontiguousarray(values, dtype=np.float64)
    if v.ndim != 2 or v.shape[0] < 2 or v.shape[1] < 2:
        return np.zeros((0, 2, 2))
    out = np.empty((2 * (v.shape[0] - 1) * (v.shape[1] - 1), 2, 2))
    n = _ms_kernel(v, float(level), out)
    return out[:n].copy()


def _edge_point(edge, r, c, va, vb, vc, vd, level, out, n, e):  # type: ignore[no-untyped-def]
    """out[n, e] = the crossing on ``edge`` of cell (r, c), as ``marching_squares_numpy`` computes it."""
    if edge == 0:
        t = (level - va) / (vb - va)
        out[n, e, 0] = r + 0.0
        out[n, e, 1] = c + t
    elif edge == 1:
        t = (level - vb) / (vc - vb)
        out[n, e, 0] = r + t
        out[n, e, 1] = c + 1.0
    elif edge == 2:
        t = (level - vd) / (vc - vd)
        out[n, e, 0] = r + 1.0
        out[n, e, 1] = c + t
    else:
        t = (level - va) / (vd - va)
        out[n, e, 0] = r + t
        out[n, e, 1] = c + 0.0


def _ms_kernel_py(v, level, out):  # type: ignore[no-untyped-def]
    """Segments of every crossed cell with four finite corners into ``out``, row by row; returns their count."""
    nr, nc = v.shape
    # first edge and second edge of each single-segment case (-1: none), as _CASES
    e0 = np.array([-1, 3, 0, 3, 1, -1, 0, 3, 3, 0, -1, 1, 3, 0, 3, -1])
    e1 = np.array([-1, 0, 1, 1, 2, -1, 2, 2, 2, 2, -1, 2, 1, 1, 0, -1])
    n = 0
    for r in range(nr - 1):
        for c in range(nc - 1):
            va = v[r, c]
            vb = v[r, c + 1]
            vc = v[r + 1, c + 1]
            vd = v[r + 1, c]
            k = (1 if va >= level else 0) + (2 if vb >= level else 0) + (4 if vc >= level else 0) \
                + (8 if vd >= level else 0)
            if k == 0 or k == 15:
                continue
            if not (np.isfinite(va) and np.isfinite(vb) and np.isfinite(vc) and np.isfinite(vd)):
                continue
            if k == 5 or k == 10:
                centre = (va + vb + vc + vd) / 4.0 >= level
                joined = centre if k == 5 else not centre
                if joined:
                    _edge_point(0, r, c, va, vb, vc, vd, level, out, n, 0)
                    _edge_point(1, r, c, va, vb, vc, vd, level, out, n, 1)
                    _edge_point(2, r, c, va, vb, vc, vd, level, out, n + 1, 0)
                    _edge_point(3, r, c, va, vb, vc, vd, level, out, n + 1, 1)
                else:
                    _edge_point(3, r, c, va, vb, vc, vd, level, out, n, 0)
                    _edge_point(0, r, c, va, vb, vc, vd, level, out, n, 1)
                    _edge_point(1, r, c, va, vb, vc, vd, level, out, n + 1, 0)
                    _edge_point(2, r, c, va, vb, vc, vd, level, out, n + 1, 1)
                n += 2
                continue
            _edge_point(e0[k], r, c, va, vb, vc, vd, level, out, n, 0)
            _edge_point(e1[k], r, c, va, vb, vc, vd, level, out, n, 1)
            n += 1
    return n


_ms_kernel: Any
if HAVE_NUMBA:
    _edge_point = njit(cache=True, nogil=True, inline="always")(_edge_point)
    _ms_kernel = njit(cache=True, nogil=True)(_ms_kernel_py)
else:  # pragma: no cover
    _ms_kernel = _ms_kernel_py


def marching_squares_numpy(values: np.ndarray, level: float) -> np.ndarray:
    """:func:`marching_squares` in numpy (segments grouped by cell case; the reference)."""
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 2 or v.shape[0] < 2 or v.shape[1] < 2:
        return np.zeros((0, 2, 2))
    hi = v >= level  # NaN compares False
    fin = np.isfinite(v)
    hi8 = hi.astype(np.int8)
    case = hi8[:-1, :-1] + 2 * hi8[:-1, 1:] + 4 * hi8[1:, 1:] + 8 * hi8[1:, :-1]
    # only cells the level crosses, with four finite corners
    cand = np.flatnonzero((case != 0) & (case != 15))
    if not len(cand):
        return np.zeros((0, 2, 2))
    ncol = v.shape[1] - 1
    rr, cc = np.divmod(cand, ncol)
    ok = fin[rr, cc] & fin[rr, cc + 1] & fin[rr + 1, cc + 1] & fin[rr + 1, cc]
    rr, cc = rr[ok], cc[ok]
    cases = case[rr, cc]
    a, b, c, d = v[rr, cc], v[rr, cc + 1], v[rr + 1, cc + 1], v[rr + 1, cc]
    out: list[np.ndarray] = []

    def edge_points(edge: int, sel: np.ndarray) -> np.ndarray:
        r0, c0 = rr[sel], cc[sel]
        va, vb, vc, vd = a[sel], b[sel], c[sel], d[sel]
        with np.errstate(divide="ignore", invalid="ignore"):
            if edge == 0:
                t = (level - va) / (vb - va)
                return np.stack([r0 + 0.0, c0 + t], axis=-1)
            if edge == 1:
                t = (level - vb) / (vc - vb)
                return np.stack([r0 + t, c0 + 1.0], axis=-1)
            if edge == 2:
                t = (level - vd) / (vc - vd)
                return np.stack([r0 + 1.0, c0 + t], axis=-1)
            t = (level - va) / (vd - va)
            return np.stack([r0 + t, c0 + 0.0], axis=-1)

    for k in np.unique(cases):
        sel = cases == k
        if k in _CASES:
            for e0, e1 in _CASES[int(k)]:
                out.append(np.stack([edge_points(e0, sel), edge_points(e1, sel)], axis=1))
            continue
        # saddles: k=5 (a, c high) with a high centre joins a-c, cutting off b and d; k=10 the mirror
        centre = (a + b + c + d) / 4.0 >= level
        joined = (centre if k == 5 else ~centre) & sel
        split = ~(centre if k == 5 else ~centre) & sel
        for s2, pairs in ((joined, ((0, 1), (2, 3))), (split, ((3, 0), (1, 2)))):
            if not np.any(s2):
                continue
            for e0, e1 in pairs:
                out.append(np.stack([edge_points(e0, s2), edge_points(e1, s2)], axis=1))
    return np.concatenate(out, axis=0) if out else np.zeros((0, 2, 2))


def isodose_lines(dose_slice: np.ndarray, levels: Sequence[float]) -> list[IsodoseLines]:
    """Isodose segments of each level (same units as ``dose_slice``), in the order given."""
    return [IsodoseLines(float(lv), marching_squares(dose_slice, float(lv))) for lv in levels]


def levels_in_gy(levels: Sequence[float], unit: str, prescription_gy: float | None) -> list[float]:
    """Isodose levels in Gy from levels stated in '%' (of the prescription) or 'Gy'."""
    if unit == "%":
        if not prescription_gy:
            raise ValueError("isodose levels in % need a prescription dose")
        return [prescription_gy * lv / 100.0 for lv in levels]
    return [float(lv) for lv in levels]


def join_segments(segments: np.ndarray, tol: float = 1e-6) -> list[np.ndarray]:
    """Chain segments into polylines (each (M, 2)); closed loops repeat their first point."""
    n = len(segments)
    if n == 0:
        return []
    keys = np.round(segments / max(tol, 1e-9)).astype(np.int64)
    ends: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i in range(n):
        for e in (0, 1):
            ends.setdefault((int(keys[i, e, 0]), int(keys[i, e, 1])), []).append((i, e))
    used = np.zeros(n, dtype=bool)
    lines: list[np.ndarray] = []
    for start in range(n):
        if used[start]:
            continue
        used[start] = True
        chain = [segments[start, 0], segments[start, 1]]
        for direction in (1, 0):
            cur_seg, cur_end = start, direction
            while True:
                key = (int(keys[cur_seg, cur_end, 0]), int(keys[cur_seg, cur_end, 1]))
                nxt = next(((s, e) for s, e in ends.get(key, []) if not used[s]), None)
                if nxt is None:
                    break
                s, e = nxt
                used[s] = True
                p = segments[s, 1 - e]
                if direction == 1:
                    chain.append(p)
                else:
                    chain.insert(0, p)
                cur_seg, cur_end = s, 1 - e
        lines.append(np.asarray(chain))
    return lines
