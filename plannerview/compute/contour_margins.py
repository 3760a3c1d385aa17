"""Margins computed from an ROI's contours at sub-voxel resolution, with contours as the result.

The ROI is the solid its contours describe: between two contour planes the cross-section is
interpolated (shape-based interpolation: the in-plane signed distance to the contours varies
linearly between the planes), and the first and last planes are extended by half a plane spacing
(the end caps of the volume convention). A point p = (x, y, z) belongs to the expansion by a
margin m when some point of the solid lies within m of it; with D(z', x, y) the in-plane distance
from (x, y) to the cross-section at z', that is

    min over z' of  D(z', x, y)^2 + c^2 (z - z')^2  <=  m^2,

where c = m / (the superior or inferior margin) scales z for per-direction S/I margins. Between
two planes D is piecewise linear in z', so the minimum over each interval is found exactly (the
function is convex: a few candidate points), not by sampling z'. The in-plane distances are exact
distances to the polygon edges (the nearest boundary pixel of a fine raster picks the edges to
measure), so nothing is rounded to voxels. Contraction is the same with the distance to the
solid's complement. Each output plane's field sqrt(min) - m is traced by marching squares with
linear interpolation (``mask_to_contours.trace_slice``): sub-pixel contours on a lattice of
``step_mm`` (default from the ROI's size, 0.15 to 1 mm).

In-plane margins are the same in every direction (right = left = anterior = posterior); superior
and inferior may differ from them and from each other. Other per-direction margins use the voxel
method of ``compute.margins``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import ndimage

from ..model.structures import CLOSED, ROI, Contour
from .contours import plane_spacing_mm
from .margins import Margins, as_margins
from .mask_to_contours import keyhole_loops, trace_slice
from .masks import even_odd_fill

try:
    from numba import njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False

from .parallel_kernels import parallel_njit

MAX_PIXELS_PER_PLANE = 400_000
CHUNK_VALUES = 8_000_000  # float32 field values per chunk of output planes (32 MB)


def supports(margin: float | Margins) -> bool:
    """True when the contour method applies: the four in-plane margins are equal."""
    m = as_margins(margin)
    return len({m.right_mm, m.left_mm, m.anterior_mm, m.posterior_mm}) == 1


@dataclass(frozen=True)
class Lattice:
    x0: float
    y0: float
    nx: int
    ny: int
    step: float


def margin_planes(roi: ROI, margin: float | Margins, out_z_mm: Sequence[float], *, shrink: bool = False,
                  slice_spacing_mm: float | None = None, step_mm: float | None = None, holes: str = "xor",
                  crop_to: ROI | None = None, cancel: Callable[[], bool] | None = None
                  ) -> dict[float, list[np.ndarray]]:
    """The ROI grown (or, with ``shrink``, contracted) by ``margin`` on the planes ``out_z_mm``:
    plane z -> closed polygons (N x 2, x/y mm; holes as separate polygons, or spliced in with
    ``holes="keyhole"``). ``slice_spacing_mm`` is the ROI's plane spacing (default: its own).
    ``crop_to`` keeps the part inside another ROI (its contour on the plane, or on its plane within
    half its spacing), intersected at the same sub-pixel resolution."""
    m = as_margins(margin)
    if not supports(m):
        raise ValueError("contour margins need equal right, left, anterior and posterior margins")
    planes = roi.planes
    if not planes:
        return {}
    zs = np.array(sorted(planes), dtype=np.float64)
    spacing = slice_spacing_mm or plane_spacing_mm(zs) or 1.0
    m_xy = float(m.right_mm)
    # growth towards superior/inferior; a contraction is the growth of the complement with the
    # mirrored margins, so the superior margin then limits what lies above a point
    m_up, m_down = (m.inferior_mm, m.superior_mm) if shrink else (m.superior_mm, m.inferior_mm)
    reach_xy = m_xy if not shrink else 0.0
    lat = _lattice(planes, reach_xy, step_mm, -m_xy if shrink else m_xy)
    phis = np.empty((len(zs), lat.ny, lat.nx), dtype=np.float32)
    for j, z in enumerate(zs):
        if cancel is not None and cancel():
            raise InterruptedError("margin cancelled")
        phis[j] = signed_distance(planes[float(z)], lat)
    # solid pieces: runs of planes no more than 1.5 spacings apart, each with half-slice end caps
    breaks = np.nonzero(np.diff(zs) > 1.5 * spacing)[0]
    piece_start = np.concatenate([[0], breaks + 1]).astype(np.int64)
    piece_end = np.concatenate([breaks + 1, [len(zs)]]).astype(np.int64)
    nodes = _nodes(zs, piece_start, piece_end, spacing)
    ends = np.column_stack([zs[piece_start] - spacing / 2, zs[piece_end - 1] + spacing / 2])
    out: dict[float, list[np.ndarray]] = {}
    zmin, zmax = zs[0] - spacing / 2, zs[-1] + spacing / 2
    wanted = sorted(float(v) for v in out_z_mm)
    if shrink:
        wanted = [z for z in wanted if zmin - 1e-9 <= z <= zmax + 1e-9]
    else:
        wanted = [z for z in wanted if zmin - m_down - 1e-9 <= z <= zmax + m_up + 1e-9]
    # output planes in chunks of about CHUNK_VALUES field values (each chunk's envelopes take the nodes
    # within reach of it once)
    per_chunk = max(8, CHUNK_VALUES // max(1, lat.nx * lat.ny))
    for c0 in range(0, len(wanted), per_chunk):
        if cancel is not None and cancel():
            raise InterruptedError("margin cancelled")
        chunk = np.array(wanted[c0:c0 + per_chunk])
        if m_up == m_down:  # one scale along z: the exact lower envelope of the nodes' parabolas
            fields = _envelope_fields(phis, nodes, chunk, m_xy, m_up, shrink)
        else:
            fields = np.stack([_plane_field(phis, nodes, ends, z, m_xy, m_up, m_down, shrink) for z in chunk])
        for z, field in zip(chunk.tolist(), fields, strict=True):
            if crop_to is not None:
                field = np.minimum(field, -_cross_section_distance(crop_to, z, lat))
            loops = trace_slice(field, 0.0)
            if holes == "keyhole":
                loops = keyhole_loops(loops)
            polys = [np.column_stack([lat.x0 + loop[:, 1] * lat.step, lat.y0 + loop[:, 0] * lat.step])
                     for loop in loops if len(loop) >= 3]
            if polys:
                out[z] = polys
    return out


def _cross_section_distance(roi: ROI, z: float, lat: Lattice) -> np.ndarray:
    """Signed distance to the ROI's contours on its plane nearest z (within half its spacing; no
    plane there: everything outside)."""
    planes = roi.planes
    if not planes:
        return np.full((lat.ny, lat.nx), np.float32(1e9))
    zs = np.array(sorted(planes))
    k = int(np.argmin(np.abs(zs - z)))
    half = 0.5 * (plane_spacing_mm(zs) or 0.0)
    if abs(zs[k] - z) > half + 1e-6:
        return np.full((lat.ny, lat.nx), np.float32(1e9))
    return signed_distance(planes[float(zs[k])], lat)


def margin_roi(roi: ROI, margin: float | Margins, out_z_mm: Sequence[float], number: int, name: str, *,
               shrink: bool = False, slice_uids: Sequence[str] = (), holes: str = "xor", **kw: object) -> ROI:
    """:func:`margin_planes` as a new ROI; ``slice_uids[k]`` is the image slice at ``out_z_mm[k]``."""
    uid_of = {round(float(z), 3): u for z, u in zip(out_z_mm, slice_uids, strict=False)}
    planes = margin_planes(roi, margin, out_z_mm, shrink=shrink, holes=holes, **kw)  # type: ignore[arg-type]
    contours = []
    for z, polys in planes.items():
        for p in polys:
            contours.append(Contour(CLOSED, np.column_stack([p, np.full(len(p), z)]), uid_of.get(round(z, 3), "")))
    return ROI(number=number, name=name, contours=tuple(contours), interpreted_type=roi.interpreted_type,
               color_rgb=roi.color_rgb)


# --- in-plane signed distance ---------------------------------------------------------------------
def _lattice(planes: dict[float, tuple[np.ndarray, ...]], reach_mm: float, step_mm: float | None,
             change_mm: float = 0.0) -> Lattice:
    """The in-plane lattice: the ROI's extent plus ``reach_mm``; the step from the size of the
    result (its largest cross-section's equivalent radius, the ROI's changed by ``change_mm``)."""
    allp = np.concatenate([np.concatenate(p) for p in planes.values()])
    lo, hi = allp.min(axis=0), allp.max(axis=0)
    if step_mm is None:
        # fine enough that marching squares' linear interpolation of a distance field errs by
        # about 0.1 % of the area or less (error ~ step^2 / (8 x radius of curvature))
        radius = float(np.sqrt(max(plane_areas(p) for p in planes.values()) / np.pi)) + change_mm
        step_mm = float(np.clip(max(radius, 1.0) / 30.0, 0.2, 1.0))
    pad = reach_mm + 3 * step_mm
    nx = int(math.ceil((hi[0] - lo[0] + 2 * pad) / step_mm)) + 1
    ny = int(math.ceil((hi[1] - lo[1] + 2 * pad) / step_mm)) + 1
    if nx * ny > MAX_PIXELS_PER_PLANE:  # large ROIs: a coarser lattice bounds time and memory
        step_mm *= math.sqrt(nx * ny / MAX_PIXELS_PER_PLANE)
        pad = reach_mm + 3 * step_mm
        nx = int(math.ceil((hi[0] - lo[0] + 2 * pad) / step_mm)) + 1
        ny = int(math.ceil((hi[1] - lo[1] + 2 * pad) / step_mm)) + 1
    return Lattice(float(lo[0] - pad), float(lo[1] - pad), nx, ny, float(step_mm))


def plane_areas(polys: Sequence[np.ndarray]) -> float:
    from .contours import plane_area_mm2

    return plane_area_mm2(list(polys))


def signed_distance(polys: Sequence[np.ndarray], lat: Lattice) -> np.ndarray:
    """Signed in-plane distance (mm; negative inside, even-odd rule) from each lattice point to the
    polygons' edges: exact distances to the edges near each point's nearest boundary pixel."""
    polys = [np.asarray(p, dtype=np.float64) for p in polys if len(p) >= 3]
    inside = even_odd_fill(polys, lat.x0, lat.y0, lat.nx, lat.ny, lat.step, lat.step)
    edges = np.concatenate([np.column_stack([p, np.roll(p, -1, axis=0)]) for p in polys])
    # each edge's neighbours in its polygon (for points nearest a vertex)
    starts = np.cumsum([0] + [len(p) for p in polys])
    prev = np.concatenate([np.roll(np.arange(a, b), 1) for a, b in zip(starts[:-1], starts[1:], strict=True)])
    nxt = np.concatenate([np.roll(np.arange(a, b), -1) for a, b in zip(starts[:-1], starts[1:], strict=True)])
    # boundary pixels: a 4-neighbour on the other side
    b = np.zeros_like(inside)
    b[:, :-1] |= inside[:, :-1] != inside[:, 1:]
    b[:, 1:] |= inside[:, :-1] != inside[:, 1:]
    b[:-1, :] |= inside[:-1, :] != inside[1:, :]
    b[1:, :] |= inside[:-1, :] != inside[1:, :]
    for p in polys:  # a polygon smaller than the lattice still has its pixel
        i = int(np.clip(round((p[0, 0] - lat.x0) / lat.step), 0, lat.nx - 1))
        j = int(np.clip(round((p[0, 1] - lat.y0) / lat.step), 0, lat.ny - 1))
        b[j, i] = True
    nearest_edge = np.full(inside.shape, -1, dtype=np.int64)
    _nearest_edges(edges, lat.x0, lat.y0, lat.step, b, nearest_edge)
    _, (ir, ic) = ndimage.distance_transform_edt(~b, return_indices=True)
    out = np.empty(inside.shape, dtype=np.float32)
    _exact_distance(edges, prev, nxt, nearest_edge, ir, ic, inside, lat.x0, lat.y0, lat.step, out)
    return out


def _seg_dist2(px, py, ax, ay, bx, by):  # type: ignore[no-untyped-def]
    dx = bx - ax
    dy = by - ay
    ll = dx * dx + dy * dy
    t = 0.0
    if ll > 0.0:
        t = ((px - ax) * dx + (py - ay) * dy) / ll
        t = min(max(t, 0.0), 1.0)
    ex = ax + t * dx - px
    ey = ay + t * dy - py
    return ex * ex + ey * ey


def _nearest_edges_py(edges, x0, y0, step, boundary, nearest):  # type: ignore[no-untyped-def]
    """For every boundary pixel, the edge nearest to it (edges are splatted onto the pixels within
    two steps of their bounding box; a boundary pixel is within one step of some edge)."""
    ny, nx = boundary.shape
    best = np.full((ny, nx), np.inf)
    for e in range(edges.shape[0]):
        ax, ay, bx, by = edges[e, 0], edges[e, 1], edges[e, 2], edges[e, 3]
        i0 = max(int(np.floor((min(ax, bx) - x0) / step)) - 2, 0)
        i1 = min(int(np.ceil((max(ax, bx) - x0) / step)) + 2, nx - 1)
        j0 = max(int(np.floor((min(ay, by) - y0) / step)) - 2, 0)
        j1 = min(int(np.ceil((max(ay, by) - y0) / step)) + 2, ny - 1)
        for j in range(j0, j1 + 1):
            py = y0 + j * step
            for i in range(i0, i1 + 1):
                if not boundary[j, i]:
                    continue
                d2 = _seg_dist2(x0 + i * step, py, ax, ay, bx, by)
                if d2 < best[j, i]:
                    best[j, i] = d2
                    nearest[j, i] = e


def _exact_distance_py(edges, prev, nxt, nearest, ir, ic, inside, x0, y0, step, out):  # type: ignore[no-untyped-def]
    ny, nx = inside.shape
    for j in range(ny):
        py = y0 + j * step
        for i in range(nx):
            px = x0 + i * step
            e = nearest[ir[j, i], ic[j, i]]
            d2 = np.inf
            if e >= 0:
                d2 = _seg_dist2(px, py, edges[e, 0], edges[e, 1], edges[e, 2], edges[e, 3])
                f = prev[e]
                d2 = min(d2, _seg_dist2(px, py, edges[f, 0], edges[f, 1], edges[f, 2], edges[f, 3]))
                f = nxt[e]
                d2 = min(d2, _seg_dist2(px, py, edges[f, 0], edges[f, 1], edges[f, 2], edges[f, 3]))
            d = np.sqrt(d2)
            out[j, i] = -d if inside[j, i] else d


# --- the envelope over z' -------------------------------------------------------------------------
SUBDIVISIONS = 4  # linear pieces per plane interval of the cubic interpolation


def _nodes(zs: np.ndarray, piece_start: np.ndarray, piece_end: np.ndarray, spacing: float
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The solid's cross-sections along z as nodes: z, the planes and weights whose signed distances
    combine into the node's (Catmull-Rom between planes, ghost planes continuing the trend at the
    ends of a piece; the end caps continue the last interval's slope for half a spacing), and
    whether the segment from a node to the next lies in the solid (False across gaps)."""
    nz_, idx_, w_, seg_ = [], [], [], []
    for j0, j1 in zip(piece_start.tolist(), piece_end.tolist(), strict=True):
        half = 0.5 * spacing
        if j1 - j0 == 1:  # one plane: a slab
            for z in (zs[j0] - half, zs[j0] + half):
                nz_.append(z)
                idx_.append([j0, j0, j0, j0])
                w_.append([1.0, 0.0, 0.0, 0.0])
                seg_.append(True)
            seg_[-1] = False
            continue
        # lower cap: the piece's trend continued for half a spacing (quadratic through three planes)
        for u in (0.5, 0.25):
            nz_.append(zs[j0] - u * spacing)
            idx_.append(_pad4(list(range(j0, min(j0 + 3, j1)))))
            w_.append(_pad4w(_extrapolation(u, min(3, j1 - j0))))
            seg_.append(True)
        for q in range(j0, j1 - 1):
            for k in range(SUBDIVISIONS):
                t = k / SUBDIVISIONS
                wm = 0.5 * (-t + 2 * t * t - t**3)
                w0 = 0.5 * (2 - 5 * t * t + 3 * t**3)
                w1 = 0.5 * (t + 4 * t * t - 3 * t**3)
                w2 = 0.5 * (-t * t + t**3)
                # ghost planes beyond the piece continue its trend: quadratically through the
                # last three planes when the piece has them, else linearly
                coef = {q: w0, q + 1: w1}
                if q - 1 >= j0:
                    coef[q - 1] = coef.get(q - 1, 0.0) + wm
                else:
                    _add_ghost(coef, wm, [q, q + 1, q + 2] if q + 2 < j1 else [q, q + 1])
                if q + 2 < j1:
                    coef[q + 2] = coef.get(q + 2, 0.0) + w2
                else:
                    _add_ghost(coef, w2, [q + 1, q, q - 1] if q - 1 >= j0 else [q + 1, q])
                keys = list(coef)
                nz_.append(zs[q] + t * (zs[q + 1] - zs[q]))
                idx_.append(keys + [keys[0]] * (4 - len(keys)))
                w_.append([coef[c] for c in keys] + [0.0] * (4 - len(keys)))
                seg_.append(True)
        nz_.append(zs[j1 - 1])
        idx_.append([j1 - 1, j1 - 1, j1 - 1, j1 - 1])
        w_.append([1.0, 0.0, 0.0, 0.0])
        seg_.append(True)
        # upper cap
        for u in (0.25, 0.5):
            nz_.append(zs[j1 - 1] + u * spacing)
            idx_.append(_pad4(list(range(j1 - 1, max(j1 - 4, j0 - 1), -1))))
            w_.append(_pad4w(_extrapolation(u, min(3, j1 - j0))))
            seg_.append(True)
        seg_[-1] = False
    return (np.array(nz_, dtype=np.float64), np.array(idx_, dtype=np.int64), np.array(w_, dtype=np.float64),
            np.array(seg_, dtype=np.bool_))


def _extrapolation(u: float, n: int) -> list[float]:
    """Weights of planes p0, p1, (p2) (p0 the end plane, then inwards, one spacing apart) giving the
    value u spacings beyond p0: the quadratic (n = 3) or line (n = 2) through them."""
    if n >= 3:
        return [1 + 1.5 * u + 0.5 * u * u, -2 * u - u * u, 0.5 * u + 0.5 * u * u]
    return [1 + u, -u]


def _pad4(idx: list[int]) -> list[int]:
    return idx + [idx[0]] * (4 - len(idx))


def _pad4w(w: list[float]) -> list[float]:
    return w + [0.0] * (4 - len(w))


def _add_ghost(coef: dict[int, float], weight: float, planes: list[int]) -> None:
    """Add ``weight`` x a ghost plane one spacing beyond planes[0], extrapolated from ``planes``
    (nearest first): 3 p0 - 3 p1 + p2 (quadratic) or 2 p0 - p1 (linear)."""
    factors = (3.0, -3.0, 1.0) if len(planes) == 3 else (2.0, -1.0)
    for plane, f in zip(planes, factors, strict=True):
        coef[plane] = coef.get(plane, 0.0) + weight * f


def _interval_min(a, b, s, dz, c):  # type: ignore[no-untyped-def]
    """min over t in [0, 1] of max(a + b t, 0)^2 + c^2 (dz - t s)^2, a convex function of t: the
    minimum is at an end, where the distance term reaches 0, or at a stationary point."""
    best = _f(a, b, s, dz, c, 0.0)
    best = min(best, _f(a, b, s, dz, c, 1.0))
    if b != 0.0:
        t0 = -a / b
        if 0.0 < t0 < 1.0:
            best = min(best, _f(a, b, s, dz, c, t0))
    den = b * b + c * c * s * s
    if den > 0.0:
        t1 = (c * c * s * dz - a * b) / den
        if 0.0 < t1 < 1.0:
            best = min(best, _f(a, b, s, dz, c, t1))
    if s > 0.0:
        t2 = dz / s
        if 0.0 < t2 < 1.0:
            best = min(best, _f(a, b, s, dz, c, t2))
    return best


def _f(a, b, s, dz, c, t):  # type: ignore[no-untyped-def]
    d = a + b * t
    if d < 0.0:
        d = 0.0
    w = dz - t * s
    return d * d + c * c * w * w


def _plane_field_py(phis, node_z, node_idx, node_w, node_seg, n0, n1, z, m_xy, m_up, m_down, shrink,  # type: ignore[no-untyped-def]
                    ends, out):
    """out = m - sqrt(min over the solid (growth) of D^2 + c^2 (z - z')^2), or sqrt(min over the
    complement (contraction)) - m: > 0 inside the result. Nodes n0 .. n1 are within reach of z;
    ``ends`` holds the z ranges of the solid's pieces (the complement is everything outside them)."""
    ny, nx = phis.shape[1], phis.shape[2]
    big = 1e18
    c_up = m_xy / m_up if m_up > 0 else 1e9  # source below the point (z' < z)
    c_down = m_xy / m_down if m_down > 0 else 1e9
    sign = -1.0 if shrink else 1.0
    for jy in prange(ny):
        for ix in range(nx):
            best = big
            prev = 0.0
            for n in range(n0, n1):
                ph = 0.0
                for q in range(4):
                    wq = node_w[n, q]
                    if wq != 0.0:
                        ph += wq * phis[node_idx[n, q], jy, ix]
                ph *= sign
                if n > n0 and node_seg[n - 1]:
                    za = node_z[n - 1]
                    zb = node_z[n]
                    s = zb - za
                    dz = z - za
                    if dz <= 0.0:
                        v = _interval_min(prev, ph - prev, s, dz, c_down)
                    elif dz >= s:
                        v = _interval_min(prev, ph - prev, s, dz, c_up)
                    else:  # the point's own height splits the segment: above it 'down', below it 'up'
                        tm = dz / s
                        mid = prev + (ph - prev) * tm
                        v = min(_interval_min(prev, mid - prev, dz, dz, c_up),
                                _interval_min(mid, ph - mid, s - dz, 0.0, c_down))
                    if v < best:
                        best = v
                prev = ph
            if shrink:
                # the complement also holds every point outside the solid's pieces along z
                below = -big
                above = big
                inside_piece = False
                for e in range(ends.shape[0]):
                    lo = ends[e, 0]
                    hi = ends[e, 1]
                    if lo <= z <= hi:
                        inside_piece = True
                        below = max(below, lo)
                        above = min(above, hi)
                    elif hi < z:
                        below = max(below, hi)
                    else:
                        above = min(above, lo)
                if not inside_piece:
                    best = 0.0
                else:
                    w = (z - below) * c_up
                    best = min(best, w * w)
                    w = (above - z) * c_down
                    best = min(best, w * w)
                out[jy, ix] = np.sqrt(best) - m_xy
            else:
                out[jy, ix] = m_xy - np.sqrt(best) if best < big else -1e9


def _envelope_py(phis, node_z, node_idx, node_w, node_end, n0, n1, out_z, m_xy, c, shrink, out):  # type: ignore[no-untyped-def]
    """For each pixel: the lower envelope of the parabolas D_n^2 + c^2 (z - z_n)^2 of the nodes
    n0 .. n1 (D_n the in-plane distance to the cross-section, or to its complement, at node n;
    Felzenszwalb and Huttenlocher 2012), evaluated at every ``out_z``: out = m - sqrt(envelope)
    (growth) or sqrt(envelope) - m (contraction, where the solid's ends are complement too)."""
    ny, nx = phis.shape[1], phis.shape[2]
    n = n1 - n0
    n_out = out_z.shape[0]
    sign = -1.0 if shrink else 1.0
    cc = c * c
    for jy in prange(ny):
        g = np.empty(n)
        zn = np.empty(n)
        v = np.empty(n, np.int64)
        zb = np.empty(n + 1)
        for ix in range(nx):
            for k in range(n):
                node = n0 + k
                ph = 0.0
                for q in range(4):
                    wq = node_w[node, q]
                    if wq != 0.0:
                        ph += wq * phis[node_idx[node, q], jy, ix]
                d = sign * ph
                if d < 0.0 or (shrink and node_end[node]):
                    d = 0.0
                g[k] = d * d / cc  # in units of z^2
                zn[k] = node_z[node]
            # the envelope
            top = 0
            v[0] = 0
            zb[0] = -np.inf
            zb[1] = np.inf
            for q in range(1, n):
                while True:
                    p = v[top]
                    sx = ((g[q] + zn[q] * zn[q]) - (g[p] + zn[p] * zn[p])) / (2.0 * (zn[q] - zn[p]))
                    if sx <= zb[top] and top > 0:
                        top -= 1
                        continue
                    break
                if sx <= zb[top]:  # top == 0 and the new parabola is lower everywhere to the left
                    v[0] = q
                    zb[1] = np.inf
                    continue
                top += 1
                v[top] = q
                zb[top] = sx
                zb[top + 1] = np.inf
            j = 0
            for o in range(n_out):
                z = out_z[o]
                while zb[j + 1] < z:
                    j += 1
                p = v[j]
                w = z - zn[p]
                dist = np.sqrt(cc * (g[p] + w * w))
                out[o, jy, ix] = dist - m_xy if shrink else m_xy - dist


def _envelope_fields(phis: np.ndarray, nodes: tuple[np.ndarray, ...], out_z: np.ndarray, m_xy: float, m_z: float,
                     shrink: bool) -> np.ndarray:
    node_z, node_idx, node_w, node_seg = nodes
    reach = m_z + 1e-6
    n0 = max(int(np.searchsorted(node_z, out_z[0] - reach)) - 1, 0)
    n1 = min(int(np.searchsorted(node_z, out_z[-1] + reach)) + 1, len(node_z))
    # the first and last node of each piece: beyond them (contraction) lies the complement
    node_end = np.zeros(len(node_z), np.bool_)
    node_end[0] = True
    node_end[~node_seg] = True
    node_end[1:][~node_seg[:-1]] = True
    c = m_xy / m_z if m_z > 0 else 1e9
    out = np.empty((len(out_z), phis.shape[1], phis.shape[2]), dtype=np.float32)
    _envelope_kernel(phis, node_z, node_idx, node_w, node_end, n0, n1, np.asarray(out_z, dtype=np.float64),
                     float(m_xy), float(c), bool(shrink), out)
    return out


def _plane_field(phis: np.ndarray, nodes: tuple[np.ndarray, ...], ends: np.ndarray, z: float, m_xy: float,
                 m_up: float, m_down: float, shrink: bool) -> np.ndarray:
    node_z, node_idx, node_w, node_seg = nodes
    reach = max(m_up, m_down, 0.0) + 1e-6
    n0 = max(int(np.searchsorted(node_z, z - reach)) - 1, 0)
    n1 = min(int(np.searchsorted(node_z, z + reach)) + 1, len(node_z))
    out = np.empty(phis.shape[1:], dtype=np.float64)
    _plane_field_kernel(phis, node_z, node_idx, node_w, node_seg, n0, n1, float(z), m_xy, float(m_up),
                        float(m_down), bool(shrink), ends, out)
    return out


_nearest_edges: Any
_exact_distance: Any
_plane_field_kernel: Any
_envelope_kernel: Any
if HAVE_NUMBA:
    _seg_dist2 = njit(cache=True, nogil=True, inline="always")(_seg_dist2)
    _f = njit(cache=True, nogil=True, inline="always")(_f)
    _interval_min = njit(cache=True, nogil=True, inline="always")(_interval_min)
    _nearest_edges = njit(cache=True, nogil=True)(_nearest_edges_py)
    _exact_distance = njit(cache=True, nogil=True)(_exact_distance_py)
    _plane_field_kernel = njit(cache=True, nogil=True)(_plane_field_py)  # S/I margins only: compiled serial
    _envelope_kernel = parallel_njit(_envelope_py, cache=True, nogil=True)
else:  # pragma: no cover
    prange = range  # type: ignore[misc]  # noqa: F811
    _nearest_edges, _exact_distance, _plane_field_kernel = _nearest_edges_py, _exact_distance_py, _plane_field_py
    _envelope_kernel = _envelope_py
