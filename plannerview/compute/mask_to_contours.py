"""Trace voxel masks into planar contours: marching squares on each slice.

The contour of a binary slice is its iso-line at 0.5: vertices lie on the midpoints between an
inside and an outside voxel centre (or, for a float field such as a probability or a signed
distance, where linear interpolation between the two centres crosses ``level``). Every voxel
centre therefore lies strictly on its own side of the traced polygons, so rasterising them back
with the even-odd rule gives the same mask: holes come out as separate loops inside their outer
contour, islands in holes as loops inside those. Diagonal-only contacts (saddles) are split, so
loops never touch or cross. Straight runs are merged into single edges.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..model.geometry import Grid
from ..model.structures import CLOSED, ROI, Contour

# corners of a cell (row, col offsets) and their bits: top-left 1, top-right 2, bottom-right 4, bottom-left 8
_CORNERS = {1: (0.0, 0.0), 2: (0.0, 1.0), 4: (1.0, 1.0), 8: (1.0, 0.0)}
# edges: T top (between tl, tr), R right, B bottom, L left; their mid-points in cell coords
_EDGE_MID = {"T": (0.0, 0.5), "R": (0.5, 1.0), "B": (1.0, 0.5), "L": (0.5, 0.0)}
_CORNER_EDGES = {1: ("L", "T"), 2: ("T", "R"), 4: ("R", "B"), 8: ("B", "L")}


def _oriented(e1: str, e2: str, inside_corner: int) -> tuple[str, str]:
    """Order a segment so that the inside lies on the same side of every segment."""
    p1, p2, f = np.array(_EDGE_MID[e1]), np.array(_EDGE_MID[e2]), np.array(_CORNERS[inside_corner])
    d, v = p2 - p1, f - p1
    return (e1, e2) if d[0] * v[1] - d[1] * v[0] > 0 else (e2, e1)


def _build_table() -> dict[int, list[tuple[str, str]]]:
    table: dict[int, list[tuple[str, str]]] = {}
    for case in range(1, 15):
        inside = [b for b in (1, 2, 4, 8) if case & b]
        if case in (5, 10):  # saddle: keep the two inside corners apart
            table[case] = [_oriented(*_CORNER_EDGES[b], b) for b in inside]
            continue
        crossing = [e for e, (a, b) in {"T": (1, 2), "R": (2, 4), "B": (8, 4), "L": (1, 8)}.items()
                    if bool(case & a) != bool(case & b)]
        table[case] = [_oriented(crossing[0], crossing[1], inside[0])]
    return table


_TABLE = _build_table()


def trace_slice(values: np.ndarray, level: float = 0.5) -> list[np.ndarray]:
    """Closed loops (each M x 2 in continuous (row, col) index coordinates) around ``values > level``."""
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 2:
        raise ValueError("trace_slice needs a 2-D array")
    low = min(float(v.min(initial=level)), level) - 1.0
    p = np.pad(v, 1, constant_values=low)
    ny, nx = p.shape
    inside = p > level
    if not inside.any():
        return []
    ins = inside.astype(np.uint8)
    case = ins[:-1, :-1] * 1 + ins[:-1, 1:] * 2 + ins[1:, 1:] * 4 + ins[1:, :-1] * 8
    rr, cc = np.nonzero((case > 0) & (case < 15))
    cases = case[rr, cc]

    def key(edge: str, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        if edge == "T":
            return 2 * (r * nx + c)
        if edge == "B":
            return 2 * ((r + 1) * nx + c)
        if edge == "L":
            return 2 * (r * nx + c) + 1
        return 2 * (r * nx + c + 1) + 1  # R

    starts, ends = [], []
    for cs, segs in _TABLE.items():
        sel = cases == cs
        if not sel.any():
            continue
        r, c = rr[sel], cc[sel]
        for e1, e2 in segs:
            starts.append(key(e1, r, c))
            ends.append(key(e2, r, c))
    s = np.concatenate(starts)
    e = np.concatenate(ends)
    # vertex position of every crossing edge (linear interpolation between the two centres)
    keys = np.unique(np.concatenate([s, e]))
    horiz = keys % 2 == 0
    base = keys // 2
    r0, c0 = base // nx, base % nx
    r1 = np.where(horiz, r0, r0 + 1)
    c1 = np.where(horiz, c0 + 1, c0)
    v0, v1 = p[r0, c0], p[r1, c1]
    t = (level - v0) / (v1 - v0)
    rows = np.where(horiz, r0, r0 + t) - 1.0
    cols = np.where(horiz, c0 + t, c0) - 1.0
    pos = {int(k): (float(a), float(b)) for k, a, b in zip(keys, rows, cols, strict=True)}
    nxt = dict(zip(s.tolist(), e.tolist(), strict=True))
    loops: list[np.ndarray] = []
    while nxt:
        k0, k = nxt.popitem()
        loop = [pos[k0]]
        while k != k0:
            loop.append(pos[k])
            k = nxt.pop(k)
        loops.append(_simplify(np.array(loop)))
    return loops


def _simplify(loop: np.ndarray) -> np.ndarray:
    """Drop vertices lying on the straight line between their neighbours."""
    if len(loop) <= 4:
        return loop
    prev, nxt = np.roll(loop, 1, axis=0), np.roll(loop, -1, axis=0)
    cross = (loop[:, 0] - prev[:, 0]) * (nxt[:, 1] - prev[:, 1]) - (loop[:, 1] - prev[:, 1]) * (nxt[:, 0] - prev[:, 0])
    keep = np.abs(cross) > 1e-9
    return loop[keep] if keep.sum() >= 3 else loop


def mask_to_contours(mask: np.ndarray, grid: Grid, level: float = 0.5,
                     slice_uids: Sequence[str] = (),
                     cancel: Callable[[], bool] | None = None) -> list[Contour]:
    """Closed planar contours (patient mm) of a mask or float field on ``grid``, slice by slice.

    ``slice_uids[k]`` (the image's SOP Instance UIDs) become each contour's referenced image.
    """
    arr = np.asarray(mask)
    if arr.shape != grid.shape_zyx:
        raise ValueError(f"mask shape {arr.shape} differs from the grid {grid.shape_zyx}")
    values = arr.astype(np.float32) if arr.dtype == bool else arr
    out: list[Contour] = []
    ks = np.nonzero((values > level).reshape(arr.shape[0], -1).any(axis=1))[0]
    for k in (int(v) for v in ks):
        if cancel is not None and cancel():
            raise InterruptedError("tracing cancelled")
        uid = slice_uids[k] if k < len(slice_uids) else ""
        for loop in trace_slice(values[k], level):
            ijk = np.column_stack([loop[:, 1], loop[:, 0], np.full(len(loop), float(k))])
            out.append(Contour(CLOSED, grid.index_to_patient(ijk), uid))
    return out


def mask_to_roi(mask: np.ndarray, grid: Grid, number: int, name: str, interpreted_type: str = "",
                color_rgb: tuple[int, int, int] = (255, 255, 0), generation_algorithm: str = "AUTOMATIC",
                description: str = "", slice_uids: Sequence[str] = ()) -> ROI:
    """An ROI whose closed contours trace ``mask`` (see :func:`mask_to_contours`)."""
    return ROI(number=number, name=name, contours=tuple(mask_to_contours(mask, grid, slice_uids=slice_uids)),
               interpreted_type=interpreted_type, color_rgb=color_rgb,
               generation_algorithm=generation_algorithm, description=description)
