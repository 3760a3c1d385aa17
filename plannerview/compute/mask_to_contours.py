"""Trace voxel masks into planar contours: marching squares on each slice.

The contour of a binary slice is its iso-line at 0.5: vertices lie on the midpoints between an
inside and an outside voxel centre (or, for a float field such as a probability or a signed
distance, where linear interpolation between the two centres crosses ``level``). Every voxel
centre therefore lies strictly on its own side of the traced polygons, so rasterising them back
with the even-odd rule gives the same mask: holes come out as separate loops inside their outer
contour, islands in holes as loops inside those. Diagonal-only contacts (saddles) are split, so
loops never touch or cross. Straight runs are merged into single edges.

Holes are written one of two ways (``holes=``):

- ``"xor"`` (default): each hole is its own contour inside its outer contour. Readers that XOR a
  plane's contours (even-odd rule: Eclipse, plannerview, dicompyler-core, plastimatch
  ``--xor-contours``) get the region; readers that OR them (plastimatch ``convert`` by default)
  fill the holes.
- ``"keyhole"``: every hole is spliced into its outer contour through a zero-width cut (out along
  the cut, around the hole, back along the cut), so an outer boundary and its holes are one closed
  polygon; islands in holes stay separate polygons with their own holes spliced in. The cut's two
  edges cancel under the even-odd and the non-zero rule, so OR and XOR readers get the same region.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..model.geometry import Grid
from ..model.structures import CLOSED, ROI, Contour
from ..tasks import Cancelled


class TracingCancelled(Cancelled):
    """Tracing a mask into contours was cancelled."""

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


HOLE_MODES = ("xor", "keyhole")


def _orient(ax: np.ndarray, ay: np.ndarray, bx: np.ndarray, by: np.ndarray,
            cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
    return np.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))


def _bridges_clear(a: np.ndarray, b: np.ndarray, e0: np.ndarray, e1: np.ndarray) -> np.ndarray:
    """For candidate bridges ``a[i] -> b[i]`` (C x 2), whether each one meets none of the edges
    ``e0[j] -> e1[j]`` (E x 2) anywhere but at its own end points (touching counts as meeting;
    an edge leaving an end point along the bridge counts too)."""
    ax, ay, bx, by = (v[:, None] for v in (a[:, 0], a[:, 1], b[:, 0], b[:, 1]))
    cx, cy, dx, dy = (v[None, :] for v in (e0[:, 0], e0[:, 1], e1[:, 0], e1[:, 1]))
    o1, o2 = _orient(ax, ay, bx, by, cx, cy), _orient(ax, ay, bx, by, dx, dy)
    o3, o4 = _orient(cx, cy, dx, dy, ax, ay), _orient(cx, cy, dx, dy, bx, by)
    hit = (o1 * o2 <= 0) & (o3 * o4 <= 0)
    col = (o1 == 0) & (o2 == 0)
    overlap = ((np.maximum(np.minimum(ax, bx), np.minimum(cx, dx)) <= np.minimum(np.maximum(ax, bx), np.maximum(cx, dx)))
               & (np.maximum(np.minimum(ay, by), np.minimum(cy, dy)) <= np.minimum(np.maximum(ay, by), np.maximum(cy, dy))))
    hit &= ~col | overlap
    # edges sharing an end point with the bridge: only a collinear run along the bridge is a hit
    ux, uy = bx - ax, by - ay
    for px, py, sign in ((ax, ay, 1.0), (bx, by, -1.0)):
        at_c = (cx == px) & (cy == py)
        at_d = (dx == px) & (dy == py)
        ox, oy = np.where(at_c, dx, cx) - px, np.where(at_c, dy, cy) - py  # the edge's other end, from p
        along = (ux * oy - uy * ox == 0) & (sign * (ux * ox + uy * oy) > 0)
        hit = np.where(at_c | at_d, along, hit)
    return ~hit.any(axis=1)


def _find_bridge(poly: np.ndarray, hole: np.ndarray, e0: np.ndarray, e1: np.ndarray,
                 exhaustive: bool = False) -> tuple[int, int] | None:
    """Shortest clear vertex-to-vertex bridge (index in ``poly``, index in ``hole``), or None.

    Vertices that occur twice in ``poly`` (the ends of earlier cuts) are not used as anchors.
    """
    from scipy.spatial import cKDTree

    _, inv, counts = np.unique(poly, axis=0, return_inverse=True, return_counts=True)
    usable = np.nonzero(counts[inv.ravel()] == 1)[0]
    if not len(usable):
        return None
    if exhaustive and len(hole) * len(usable) <= 4_000_000:
        d2 = ((hole[:, None, :] - poly[None, usable, :]) ** 2).sum(axis=2)
        hj, pk = np.unravel_index(np.argsort(d2, axis=None, kind="stable"), d2.shape)
    else:
        k = min(256 if exhaustive else 8, len(usable))
        dist, idx = cKDTree(poly[usable]).query(hole, k=k)
        dist, idx = dist.reshape(len(hole), k), idx.reshape(len(hole), k)
        order = np.argsort(dist, axis=None, kind="stable")
        hj, pk = np.unravel_index(order, dist.shape)
        pk = idx[hj, pk]
    for start in range(0, min(len(hj), 1 << 14), 64):  # bounded: a hole left over stays its own loop
        h_sel, p_sel = hj[start:start + 64], usable[pk[start:start + 64]]
        ok = np.nonzero(_bridges_clear(hole[h_sel], poly[p_sel], e0, e1))[0]
        if len(ok):
            return int(p_sel[ok[0]]), int(h_sel[ok[0]])
    return None


def _edges(loops: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    return (np.concatenate(list(loops)), np.concatenate([np.roll(lp, -1, axis=0) for lp in loops]))


def _splice_holes(outer: np.ndarray, holes: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Splice ``holes`` one by one into ``outer`` through zero-width cuts; returns the polygon and
    any hole no clear bridge was found for (left as its own loop)."""
    poly = outer
    remaining = list(holes)
    for exhaustive in (False, True):
        progress = True
        while remaining and progress:
            progress = False
            for n, hole in enumerate(remaining):
                e0, e1 = _edges([poly, *remaining])
                found = _find_bridge(poly, hole, e0, e1, exhaustive)
                if found is None:
                    continue
                i, j = found
                ring = np.roll(hole, -j, axis=0)
                poly = np.concatenate([poly[:i + 1], ring, ring[:1], poly[i:]])
                del remaining[n]
                progress = True
                break
    return poly, remaining


def keyhole_loops(loops: Sequence[np.ndarray]) -> list[np.ndarray]:
    """One plane's loops (non-touching, holes oriented against their outer loops, as
    :func:`trace_slice` gives them) with every hole spliced into its parent outer loop.

    Depth = how many other loops contain a loop (tested on one vertex): even = outer boundary,
    odd = hole, whose parent is its containing loop of depth - 1. Outer loops keep their order.
    """
    from .contours import point_in_polygon

    n = len(loops)
    if n < 2:
        return list(loops)
    lo = np.array([lp.min(axis=0) for lp in loops])
    hi = np.array([lp.max(axis=0) for lp in loops])
    containers: list[list[int]] = []
    for a in range(n):
        probe = loops[a][0]
        inside = []
        boxes = (lo[:, 0] <= lo[a, 0]) & (lo[:, 1] <= lo[a, 1]) & (hi[:, 0] >= hi[a, 0]) & (hi[:, 1] >= hi[a, 1])
        for b in np.nonzero(boxes)[0].tolist():
            if b != a and point_in_polygon(float(probe[0]), float(probe[1]), loops[b]):
                inside.append(b)
        containers.append(inside)
    depth = [len(c) for c in containers]
    holes_of: dict[int, list[int]] = {}
    for a in range(n):
        if depth[a] % 2:
            parent = next(b for b in containers[a] if depth[b] == depth[a] - 1)
            holes_of.setdefault(parent, []).append(a)
    out: list[np.ndarray] = []
    for a in range(n):
        if depth[a] % 2:
            continue
        if a not in holes_of:
            out.append(loops[a])
            continue
        poly, left = _splice_holes(loops[a], [loops[h] for h in holes_of[a]])
        out.append(poly)
        out.extend(left)
    return out


def mask_to_contours(mask: np.ndarray, grid: Grid, level: float = 0.5,
                     slice_uids: Sequence[str] = (),
                     cancel: Callable[[], bool] | None = None, holes: str = "xor") -> list[Contour]:
    """Closed planar contours (patient mm) of a mask or float field on ``grid``, slice by slice.

    ``slice_uids[k]`` (the image's SOP Instance UIDs) become each contour's referenced image.
    ``holes`` is ``"xor"`` (holes as separate contours) or ``"keyhole"`` (holes spliced into their
    outer contour; see the module docstring).
    """
    if holes not in HOLE_MODES:
        raise ValueError(f"holes must be one of {HOLE_MODES}, not {holes!r}")
    arr = np.asarray(mask)
    if arr.shape != grid.shape_zyx:
        raise ValueError(f"mask shape {arr.shape} differs from the grid {grid.shape_zyx}")
    values = arr.astype(np.float32) if arr.dtype == bool else arr
    out: list[Contour] = []
    ks = np.nonzero((values > level).reshape(arr.shape[0], -1).any(axis=1))[0]
    for k in (int(v) for v in ks):
        if cancel is not None and cancel():
            raise TracingCancelled("tracing cancelled")
        uid = slice_uids[k] if k < len(slice_uids) else ""
        loops = trace_slice(values[k], level)
        if holes == "keyhole":
            loops = keyhole_loops(loops)
        for loop in loops:
            ijk = np.column_stack([loop[:, 1], loop[:, 0], np.full(len(loop), float(k))])
            out.append(Contour(CLOSED, grid.index_to_patient(ijk), uid))
    return out


def mask_to_roi(mask: np.ndarray, grid: Grid, number: int, name: str, interpreted_type: str = "",
                color_rgb: tuple[int, int, int] = (255, 255, 0), generation_algorithm: str = "AUTOMATIC",
                description: str = "", slice_uids: Sequence[str] = (), holes: str = "xor") -> ROI:
    """An ROI whose closed contours trace ``mask`` (see :func:`mask_to_contours`)."""
    contours = mask_to_contours(mask, grid, slice_uids=slice_uids, holes=holes)
    return ROI(number=number, name=name, contours=tuple(contours),
               interpreted_type=interpreted_type, color_rgb=color_rgb,
               generation_algorithm=generation_algorithm, description=description)
