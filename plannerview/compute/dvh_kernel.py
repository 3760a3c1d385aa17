"""Compiled kernels of the DVH engine: slab sampling, trilinear dose and the weighted histogram.

The samples are those the engine has always taken (``compute.dvh``): per contour plane a regular
lattice of ``step`` over the plane's bounding box, centred on it, filled by the even-odd rule with
the half-open row rule of ``compute.masks.even_odd_fill`` (a vertex counts for one edge only);
each inside lattice cell is sampled at an R2 low-discrepancy offset within the cell and at
``n_z`` depths through the slab. Here the lattice is never materialised: every row's edge
crossings are found once (edges visit only the rows they span), sorted, and the spans between
them are walked, interpolating the dose at each sample on the fly. Planes run in parallel
(numba ``prange``); only one float32 per sample is kept (the histogram needs the maximum first).
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:
    from numba import njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False

from .parallel_kernels import parallel_njit

# R2 sequence (Roberts 2018) constants: depth fraction u, in-cell jitter v (x) and w (y)
R2_U = 0.8191725133961645
R2_V = 0.6710436067037893
R2_W = 0.5497004779019703
PRIME_I = 7919
PRIME_J = 104729


def _row_crossings(ex0, ey0, ex1, ey1, e_lo, e_hi, oy, ox, ny, nx, step):  # type: ignore[no-untyped-def]
    """Crossing columns per lattice row of one plane's edges: (row_start (ny + 1), cols), each
    row's columns sorted. Column c means: samples i >= c are toggled (as ``even_odd_fill``)."""
    n_edges = e_hi - e_lo
    counts = np.zeros(ny + 1, np.int64)
    r0s = np.empty(n_edges, np.int64)
    r1s = np.empty(n_edges, np.int64)
    for e in range(n_edges):
        ya = ey0[e_lo + e]
        yb = ey1[e_lo + e]
        lo = min(ya, yb)
        hi = max(ya, yb)
        r0 = 0
        r1 = 0
        if hi > lo:  # horizontal edges never cross a row
            r0 = min(max(int(np.ceil((lo - oy) / step)), 0), ny)
            r1 = min(max(int(np.ceil((hi - oy) / step)), 0), ny)
        r0s[e] = r0
        r1s[e] = r1
        for r in range(r0, r1):
            counts[r + 1] += 1
    for r in range(ny):
        counts[r + 1] += counts[r]
    cols = np.empty(counts[ny], np.int64)
    fill = counts[:ny].copy()
    for e in range(n_edges):
        xa = ex0[e_lo + e]
        ya = ey0[e_lo + e]
        xb = ex1[e_lo + e]
        yb = ey1[e_lo + e]
        for r in range(r0s[e], r1s[e]):
            y = oy + r * step
            t = (y - ya) / (yb - ya)
            xi = xa + t * (xb - xa)
            c = min(max(int(np.ceil((xi - ox) / step)), 0), nx)
            cols[fill[r]] = c
            fill[r] += 1
    for r in range(ny):  # insertion sort: a row has few crossings
        a = counts[r]
        b = counts[r + 1]
        for m in range(a + 1, b):
            v = cols[m]
            q = m - 1
            while q >= a and cols[q] > v:
                cols[q + 1] = cols[q]
                q -= 1
            cols[q + 1] = v
    return counts, cols


def _count_kernel(ex0, ey0, ex1, ey1, plane_edges, ox, oy, nx, ny, step):  # type: ignore[no-untyped-def]
    """Inside lattice cells per plane."""
    n_planes = ox.shape[0]
    out = np.zeros(n_planes, np.int64)
    for p in range(n_planes):
        counts, cols = _row_crossings(ex0, ey0, ex1, ey1, plane_edges[p], plane_edges[p + 1],
                                      oy[p], ox[p], ny[p], nx[p], step)
        total = 0
        for r in range(ny[p]):
            for m in range(counts[r], counts[r + 1] - 1, 2):
                total += cols[m + 1] - cols[m]
        out[p] = total
    return out


def _trilinear(arr, inv, t, x, y, z):  # type: ignore[no-untyped-def]
    """Dose at a patient point (NaN outside the grid's voxels; nearest centre's value between the
    outer centres and the grid's edge), as ``map_coordinates(order=1, mode="nearest")``."""
    nz, ny, nx = arr.shape
    dx = x - t[0]
    dy = y - t[1]
    dz = z - t[2]
    ci = inv[0, 0] * dx + inv[0, 1] * dy + inv[0, 2] * dz
    cj = inv[1, 0] * dx + inv[1, 1] * dy + inv[1, 2] * dz
    ck = inv[2, 0] * dx + inv[2, 1] * dy + inv[2, 2] * dz
    if ci < -0.5 or ci > nx - 0.5 or cj < -0.5 or cj > ny - 0.5 or ck < -0.5 or ck > nz - 0.5:
        return np.nan
    ci = min(max(ci, 0.0), nx - 1.0)
    cj = min(max(cj, 0.0), ny - 1.0)
    ck = min(max(ck, 0.0), nz - 1.0)
    i0 = min(int(ci), nx - 2) if nx > 1 else 0
    j0 = min(int(cj), ny - 2) if ny > 1 else 0
    k0 = min(int(ck), nz - 2) if nz > 1 else 0
    fx = ci - i0
    fy = cj - j0
    fz = ck - k0
    i1 = min(i0 + 1, nx - 1)
    j1 = min(j0 + 1, ny - 1)
    k1 = min(k0 + 1, nz - 1)
    c00 = arr[k0, j0, i0] * (1.0 - fx) + arr[k0, j0, i1] * fx
    c01 = arr[k0, j1, i0] * (1.0 - fx) + arr[k0, j1, i1] * fx
    c10 = arr[k1, j0, i0] * (1.0 - fx) + arr[k1, j0, i1] * fx
    c11 = arr[k1, j1, i0] * (1.0 - fx) + arr[k1, j1, i1] * fx
    return (c00 * (1.0 - fy) + c01 * fy) * (1.0 - fz) + (c10 * (1.0 - fy) + c11 * fy) * fz


def _sample_kernel(ex0, ey0, ex1, ey1, plane_edges, ox, oy, nx, ny, step, z, thickness, n_z,  # type: ignore[no-untyped-def]
                   centroid, out_start, arr, inv, t, out):
    """Dose at every sample of the planes, written to ``out[out_start[p]:out_start[p + 1]]``
    (NaN outside the grid). A plane with ``centroid[p] = (x, y)`` not NaN (smaller than one
    lattice cell) is sampled at that point only, at depth fraction 0.5."""
    n_planes = ox.shape[0]
    axial = inv[0, 2] == 0.0 and inv[1, 2] == 0.0 and inv[2, 0] == 0.0 and inv[2, 1] == 0.0
    for p in prange(n_planes):
        pos = out_start[p]
        if not np.isnan(centroid[p, 0]):
            for k in range(n_z):
                depth = thickness * ((k + 0.5) / n_z - 0.5)
                out[pos] = _trilinear(arr, inv, t, centroid[p, 0], centroid[p, 1], z[p] + depth)
                pos += 1
            continue
        counts, cols = _row_crossings(ex0, ey0, ex1, ey1, plane_edges[p], plane_edges[p + 1],
                                      oy[p], ox[p], ny[p], nx[p], step)
        for jj in range(ny[p]):
            for m in range(counts[jj], counts[jj + 1] - 1, 2):
                for ii in range(cols[m], cols[m + 1]):
                    nn = ii * PRIME_I + jj * PRIME_J
                    a = 0.5 + nn * R2_U
                    u = a - np.floor(a)
                    a = 0.5 + nn * R2_V
                    v = a - np.floor(a)
                    a = 0.5 + nn * R2_W
                    w = a - np.floor(a)
                    x = ox[p] + (ii + v - 0.5) * step
                    y = oy[p] + (jj + w - 0.5) * step
                    if axial:
                        _column_axial(arr, inv, t, x, y, z[p], thickness, n_z, u, out, pos)
                    else:
                        for k in range(n_z):
                            depth = thickness * ((k + u) / n_z - 0.5)
                            out[pos + k] = _trilinear(arr, inv, t, x, y, z[p] + depth)
                    pos += n_z


def _column_axial(arr, inv, t, x, y, z, thickness, n_z, u, out, pos):  # type: ignore[no-untyped-def]
    """The ``n_z`` depth samples of one column on an axial dose grid (x and y indices do not depend
    on z, nor the slice index on x and y): the in-plane cell and weights are found once, and each
    dose slice's bilinear value once, then the depths only interpolate between two slices. Gives
    the values of :func:`_trilinear` (same arithmetic, reordered)."""
    nz, ny, nx = arr.shape
    dx = x - t[0]
    dy = y - t[1]
    ci = inv[0, 0] * dx + inv[0, 1] * dy
    cj = inv[1, 0] * dx + inv[1, 1] * dy
    if ci < -0.5 or ci > nx - 0.5 or cj < -0.5 or cj > ny - 0.5:
        for k in range(n_z):
            out[pos + k] = np.nan
        return
    ci = min(max(ci, 0.0), nx - 1.0)
    cj = min(max(cj, 0.0), ny - 1.0)
    i0 = min(int(ci), nx - 2) if nx > 1 else 0
    j0 = min(int(cj), ny - 2) if ny > 1 else 0
    fx = ci - i0
    fy = cj - j0
    i1 = min(i0 + 1, nx - 1)
    j1 = min(j0 + 1, ny - 1)
    cached = -1
    b0 = 0.0
    b1 = 0.0
    for k in range(n_z):
        ck = inv[2, 2] * (z + thickness * ((k + u) / n_z - 0.5) - t[2])
        if ck < -0.5 or ck > nz - 0.5:
            out[pos + k] = np.nan
            continue
        ck = min(max(ck, 0.0), nz - 1.0)
        k0 = min(int(ck), nz - 2) if nz > 1 else 0
        if k0 != cached:
            k1 = min(k0 + 1, nz - 1)
            b0 = (arr[k0, j0, i0] * (1.0 - fx) + arr[k0, j0, i1] * fx) * (1.0 - fy) + \
                (arr[k0, j1, i0] * (1.0 - fx) + arr[k0, j1, i1] * fx) * fy
            b1 = (arr[k1, j0, i0] * (1.0 - fx) + arr[k1, j0, i1] * fx) * (1.0 - fy) + \
                (arr[k1, j1, i0] * (1.0 - fx) + arr[k1, j1, i1] * fx) * fy
            cached = k0
        fz = ck - k0
        out[pos + k] = b0 * (1.0 - fz) + b1 * fz


def _coverage_kernel(vals, out_start, weight):  # type: ignore[no-untyped-def]
    """Samples inside the grid, the weight of those outside (NaN), and the inside samples' minimum
    and maximum, in one pass without temporaries."""
    n_inside = 0
    uncovered = 0.0
    lo = np.inf
    hi = -np.inf
    for p in range(out_start.shape[0] - 1):
        for q in range(out_start[p], out_start[p + 1]):
            d = vals[q]
            if np.isnan(d):
                uncovered += weight[p]
                continue
            n_inside += 1
            lo = min(lo, d)
            hi = max(hi, d)
    return n_inside, uncovered, lo, hi


def _histogram_kernel(vals, out_start, weight, width, n_bins):  # type: ignore[no-untyped-def]
    """Weighted histogram of the samples (bin = floor(d / width), the last bin open-ended), the
    weighted dose sum, and the weight of the samples outside the grid (NaN)."""
    hist = np.zeros(n_bins, np.float64)
    dose_sum = 0.0
    uncovered = 0.0
    for p in range(out_start.shape[0] - 1):
        w = weight[p]
        for q in range(out_start[p], out_start[p + 1]):
            d = vals[q]
            if np.isnan(d):
                uncovered += w
                continue
            b = min(int(d / width), n_bins - 1)
            hist[b] += w
            dose_sum += d * w
    return hist, dose_sum, uncovered


count_kernel: Any
sample_kernel: Any
histogram_kernel: Any
coverage_kernel: Any
if HAVE_NUMBA:
    coverage_kernel = njit(cache=True, nogil=True)(_coverage_kernel)
    _row_crossings = njit(cache=True, nogil=True)(_row_crossings)
    _trilinear = njit(cache=True, nogil=True, inline="always")(_trilinear)
    _column_axial = njit(cache=True, nogil=True, inline="always")(_column_axial)
    # serial: counting is about 2 % of a DVH's time, and a serial kernel can be loaded ahead in
    # the preloaded helper (a parallel one starts its threads when it loads)
    count_kernel = njit(cache=True, nogil=True)(_count_kernel)
    sample_kernel = parallel_njit(_sample_kernel, cache=True, nogil=True)
    histogram_kernel = njit(cache=True, nogil=True)(_histogram_kernel)
else:  # pragma: no cover
    prange = range  # type: ignore[misc]  # noqa: F811
    count_kernel, sample_kernel, histogram_kernel = _count_kernel, _sample_kernel, _histogram_kernel
    coverage_kernel = _coverage_kernel


def preload_serial_kernels() -> None:
    """Load the serial kernels from numba's on-disk cache, with the argument types
    :func:`plannerview.compute.dvh.compute_dvh` passes, and so numba's CPU target (0.25 s once
    per process). Starts no thread: the preloaded command helper calls this before it forks."""
    if not HAVE_NUMBA:  # pragma: no cover
        return
    square = np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.0, 0.0, 1.0, 1.0])
    ex0, ey0 = square
    ex1, ey1 = np.roll(ex0, -1), np.roll(ey0, -1)
    one_f, one_i = np.zeros(1), np.ones(1, np.int64)
    count_kernel(ex0, ey0, ex1, ey1, np.array([0, 4], np.int64), one_f, one_f, one_i, one_i, 1.0)
    vals, out_start, weight = np.zeros(2, np.float32), np.array([0, 2], np.int64), np.ones(1)
    coverage_kernel(vals, out_start, weight)
    histogram_kernel(vals, out_start, weight, 1.0, 4)
