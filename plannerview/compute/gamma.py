"""3D gamma index (Low et al. 1998) with a sub-voxel search of the evaluated dose.

For each reference voxel above the low-dose cut-off, the evaluated dose is interpolated
trilinearly at points of a fine lattice (step = DTA / ``interp_fraction``, at most a tenth of the
distance criterion) within ``max_gamma`` x DTA, visited in order of increasing distance; the
search stops as soon as the distance term alone reaches the best gamma found (Wendling et al.,
Med Phys 2007). Normalisation is the reference maximum (global) or, for local gamma, the
reference voxel's dose (default) or the evaluated dose at each searched point
(``local_norm="evaluated"``). The kernels are compiled with numba and run on all cores.

Speed without changing a value: distance bands whose bound (from block minima and maxima of the
evaluated dose) cannot beat the best gamma are skipped; on axis-aligned grids of the same spacing
and orientation the search points are grouped by evaluated-grid cell (cells whose corner doses
cannot beat the best are skipped) and, within a cell, by rows along x, where Gamma^2 is a convex
quadratic of the lattice index, so two points per row are evaluated instead of all of them; a row
whose quadratic's minimum (with a margin far above rounding) cannot beat the best is skipped, and
so is a point whose value on the quadratic cannot.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model.dose import DoseGrid
from ..model.provenance import Provenance
from ..tasks import Cancelled, TaskContext
from ..version import __version__
from .parallel_kernels import parallel_njit
from .resample import FrameMismatch

LOCAL_NORMS = ("reference", "evaluated")

try:  # numba compiles the search kernel; without it a (slow) numpy fallback runs
    from numba import njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False


MIN_VOXELS = 100  # a pass rate over fewer evaluated voxels carries a warning


class GammaCancelled(Cancelled):
    """The gamma computation was cancelled."""


@dataclass
class GammaResult:
    pass_rate_pct: float
    evaluated_voxels: int
    gamma_mean: float
    gamma_p95: float
    histogram_edges: list[float]
    histogram_counts: list[int]
    criteria: dict[str, Any]
    seconds: float
    gamma: np.ndarray = field(repr=False)  # full reference grid; NaN where not evaluated
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """What limits the meaning of the pass rate (e.g. too few voxels above the cut-off)."""
        n = self.evaluated_voxels
        if n == 0:
            return ["no voxel reaches the low-dose cut-off: there is no pass rate"]
        if n < MIN_VOXELS:
            return [f"the pass rate is over only {n} voxels (fewer than {MIN_VOXELS}): one voxel changes it by "
                    f"{100.0 / n:.1f} points; check the cut-off, the grids and the doses"]
        return []

    def to_json(self) -> dict[str, Any]:
        return {
            "pass_rate_pct": round(self.pass_rate_pct, 4),
            "evaluated_voxels": self.evaluated_voxels,
            "warnings": self.warnings,
            "gamma_mean": round(self.gamma_mean, 5),
            "gamma_p95": round(self.gamma_p95, 5),
            "histogram": {"edges": self.histogram_edges, "counts": self.histogram_counts},
            "criteria": self.criteria,
            "seconds": round(self.seconds, 3),
        }


def search_offsets_mm(dta_mm: float, max_gamma: float, interp_fraction: int) -> np.ndarray:
    """Lattice offsets (x, y, z mm) within max_gamma x DTA, sorted by distance (origin first).

    Built one z layer at a time (only the points in the ball are kept), so fine steps (large
    ``interp_fraction``) do not allocate the whole cube."""
    step = dta_mm / interp_fraction
    n = int(np.ceil(max_gamma * dta_mm / step))
    ax = np.arange(-n, n + 1) * step
    y, x = np.meshgrid(ax, ax, indexing="ij")
    x, y = x.ravel(), y.ravel()
    rho2 = x * x + y * y
    layers = []
    for z in ax:
        keep = np.sqrt(rho2 + z * z) <= max_gamma * dta_mm + 1e-9
        if keep.any():
            layers.append(np.column_stack([x[keep], y[keep], np.full(int(keep.sum()), z)]))
    pts = np.concatenate(layers)
    d = np.linalg.norm(pts, axis=1)
    order = np.argsort(d, kind="stable")
    return pts[order]


def gamma_index(
    ref: DoseGrid,
    ev: DoseGrid,
    dd_pct: float = 3.0,
    dta_mm: float = 3.0,
    cutoff_pct: float = 10.0,
    local: bool = False,
    max_gamma: float = 2.0,
    interp_fraction: int = 10,
    roi_mask: np.ndarray | None = None,
    allow_mixed_types: bool = False,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    *,
    ctx: TaskContext | None = None,
    local_norm: str = "reference",
) -> GammaResult:
    """Gamma of ``ev`` against ``ref`` on the reference grid. ``roi_mask`` (bool, ref grid) limits it.

    ``local_norm`` (local gamma only): the dose criterion is ``dd_pct`` of the reference voxel's
    dose ("reference", the default: Low et al. 1998, pymedphys, plastimatch) or of the evaluated
    dose at each searched point ("evaluated"). The low-dose cut-off always applies to the
    reference dose, as a percentage of the reference maximum, in both modes. Progress and cancel
    come from ``ctx`` (or the older ``progress``/``cancel`` callbacks); raises
    :class:`GammaCancelled` when cancelled.
    """
    t0 = time.perf_counter()
    if local_norm not in LOCAL_NORMS:
        raise ValueError(f"local_norm must be one of {', '.join(LOCAL_NORMS)}, not {local_norm!r}")
    task = TaskContext.of(ctx, progress, cancel)
    progress, cancel = task.progress_callback, task.cancel_callback
    check_comparable(ref, ev, allow_mixed_types)
    if interp_fraction < 10:
        raise ValueError("the search step must be at most a tenth of the distance criterion (interp_fraction >= 10)")
    rdose = np.asarray(ref.dose, dtype=np.float64)
    edose = np.ascontiguousarray(ev.dose, dtype=np.float32)  # doses are float32: lossless, half the memory
    ref_max = float(rdose.max())
    threshold = cutoff_pct / 100.0 * ref_max
    mask = rdose >= threshold
    if roi_mask is not None:
        mask &= roi_mask
    # np.nonzero's indices (C order) from the flat ones: several times faster on a 3-D mask
    k, rest_kj = np.divmod(np.flatnonzero(mask), mask.shape[1] * mask.shape[2])
    j, i = np.divmod(rest_kj, mask.shape[2])
    # reference voxel positions in the evaluated grid's index space
    m = ev.grid.index_map_from(ref.grid)
    pos = np.empty((len(i), 3))
    for col in range(3):
        pos[:, col] = m[col, 0] * i + m[col, 1] * j + m[col, 2] * k + m[col, 3]
    offsets_mm = search_offsets_mm(dta_mm, max_gamma, interp_fraction)
    offsets_idx = offsets_mm @ ev.grid.mm_to_index.T  # mm -> evaluated-grid index units (i, j, k)
    dist_norm = np.linalg.norm(offsets_mm, axis=1) / dta_mm
    ref_vals = rdose[k, j, i]
    if local:
        dd_abs = np.maximum(ref_vals * dd_pct / 100.0, 1e-12)
    else:
        dd_abs = np.full(len(ref_vals), dd_pct / 100.0 * ref_max)
    if progress is not None:
        progress(0.05, f"gamma: {len(ref_vals)} voxels, {len(offsets_idx)} search points")
    eval_frac = dd_pct / 100.0 if local and local_norm == "evaluated" else 0.0
    band_start, band_inner, gaps = _band_bounds(edose, ev.grid, pos, ref_vals, dd_abs, dist_norm, dta_mm, max_gamma,
                                                eval_frac)
    base, interior, lin_off, frac, fl = _aligned_tables(m, edose.shape, i, j, k, offsets_idx)
    eflat = edose.ravel()
    g = np.empty(len(ref_vals))
    nz_e, ny_e, nx_e = edose.shape
    # interior voxels of aligned, axis-aligned grids: the cell-and-row kernel; the others: the general one
    direction = np.asarray(ev.grid.direction, dtype=float)
    rows_ok = fl is not None and bool(np.allclose(direction, np.diag(np.diag(direction)), atol=1e-9))
    cells = np.nonzero(interior)[0] if rows_ok else np.zeros(0, np.int64)
    rest = np.nonzero(~interior)[0] if rows_ok else np.arange(len(ref_vals))
    groups: tuple[np.ndarray, ...] = ()
    if len(cells):
        step_mm = dta_mm / interp_fraction
        lattice = np.rint(offsets_mm / step_mm).astype(np.int64)
        assert fl is not None
        groups = _cell_rows(lin_off, frac, fl, lattice, dist_norm, band_inner)
        step_fx = float(step_mm * ev.grid.mm_to_index[0, 0])  # change of the x fraction per lattice step
        s2 = float((step_mm / dta_mm) ** 2)
    no_interior = np.zeros(len(ref_vals), np.bool_)
    chunk = 200_000
    total = max(1, len(ref_vals))
    done = 0
    for idx, use_cells in ((cells, True), (rest, False)):
        for start in range(0, len(idx), chunk):
            if cancel is not None and cancel():
                raise GammaCancelled("gamma cancelled")
            sel = idx[start:start + chunk]
            if use_cells:
                g[sel] = _kernel_rows(ref_vals[sel], dd_abs[sel], eflat, base[sel], nx_e, ny_e * nx_e, *groups,
                                      step_fx, s2, band_inner, gaps[sel], float(max_gamma), eval_frac)
            else:
                g[sel] = _kernel(pos[sel], ref_vals[sel], dd_abs[sel], edose, offsets_idx, dist_norm, float(max_gamma),
                                 band_start, band_inner, gaps[sel], eflat, base[sel], no_interior[sel], lin_off, frac,
                                 eval_frac)
            done += len(sel)
            if progress is not None:
                progress(min(1.0, 0.05 + 0.95 * done / total), "gamma")
    volume = np.full(ref.grid.shape_zyx, np.nan, dtype=np.float32)
    volume[k, j, i] = g
    n = len(g)
    edges = np.round(np.linspace(0.0, max_gamma, int(round(max_gamma * 10)) + 1), 4)
    counts = _histogram(np.minimum(g, max_gamma), edges)
    criteria: dict[str, Any] = {"dd_pct": dd_pct, "dta_mm": dta_mm, "cutoff_pct": cutoff_pct, "local": local,
                                "max_gamma": max_gamma, "normalisation_gy": None if local else round(ref_max, 6)}
    if local:
        criteria["local_norm"] = local_norm
    return GammaResult(
        pass_rate_pct=100.0 * float(np.count_nonzero(g <= 1.0)) / n if n else float("nan"),
        evaluated_voxels=n,
        gamma_mean=float(np.mean(g)) if n else float("nan"),
        gamma_p95=float(np.percentile(g, 95)) if n else float("nan"),
        histogram_edges=[float(e) for e in edges],
        histogram_counts=[int(c) for c in counts],
        criteria=criteria,
        seconds=time.perf_counter() - t0,
        gamma=volume,
        provenance=Provenance("plannerview-gamma", __version__, {
            **criteria, "search_step_mm": dta_mm / interp_fraction, "search_points": len(offsets_idx),
            "roi_mask": roi_mask is not None, "reference_unit": ref.unit_label, "evaluated_unit": ev.unit_label,
        }, inputs=(ref.sop_uid, ev.sop_uid)).to_json(),
    )


def _histogram(v: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """``np.histogram(v, bins=edges)[0]`` without its sort of ``v`` (a compiled binary search)."""
    if len(edges) < 2:
        return np.histogram(v, bins=edges)[0]
    return _bin_counts(np.ascontiguousarray(v, dtype=np.float64), np.ascontiguousarray(edges, dtype=np.float64))


def _bin_counts_py(v, edges):  # type: ignore[no-untyped-def]
    """Counts in bins [e_i, e_i+1), the last one closed; values outside the edges (or NaN) not counted."""
    nb = edges.shape[0] - 1
    counts = np.zeros(nb, np.int64)
    for x in v:
        if not (x >= edges[0] and x <= edges[nb]):
            continue
        lo = 0
        hi = nb  # the bin is the last edge index <= x, in [lo, hi)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if edges[mid] <= x:
                lo = mid
            else:
                hi = mid
        counts[lo] += 1
    return counts


BANDS = 6
BLOCK = 2


def _band_bounds(edose: np.ndarray, grid: Any, pos: np.ndarray, ref_vals: np.ndarray, dd_abs: np.ndarray,
                 dist_norm: np.ndarray, dta_mm: float, max_gamma: float, eval_frac: float = 0.0
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Branch-and-bound data: the search points are split into distance bands; for each band and
    reference voxel, the gap between the reference dose and the range of evaluated doses within the
    band's outer radius (min/max filters over a box that covers the ball and its interpolation cells)
    bounds gamma from below, so whole bands are skipped when they cannot improve the best gamma."""
    outer = max_gamma * (np.arange(BANDS) + 1) / BANDS  # in units of DTA
    band_start = np.searchsorted(dist_norm, np.concatenate([[0.0], outer[:-1]]), side="right").astype(np.int64)
    band_start[0] = 0
    band_inner = np.concatenate([[0.0], outer[:-1]])
    dz, dy, dx = grid.spacing_mm
    node = np.rint(pos).astype(np.int64)
    nz, ny, nx = edose.shape
    ii = np.clip(node[:, 0], 0, nx - 1)
    jj = np.clip(node[:, 1], 0, ny - 1)
    kk = np.clip(node[:, 2], 0, nz - 1)
    kb, jb, ib = kk // BLOCK, jj // BLOCK, ii // BLOCK
    reach = [tuple(_block_reach(r / s) for s in (dz, dy, dx)) for r in outer * dta_mm]  # grows with the band
    if len(kb):
        # only the blocks within the largest reach of a reference voxel's block matter: crop the dose to them
        # (the edge-clamped box filters give the same values at the voxels' blocks, whole blocks stay whole)
        ends = []
        for a, n_vox, rr in ((kb, nz, reach[-1][0]), (jb, ny, reach[-1][1]), (ib, nx, reach[-1][2])):
            lo_b = max(int(a.min()) - rr, 0)
            ends.append((lo_b, min(int(a.max()) + rr + 1, -(-n_vox // BLOCK))))
        (z0, z1), (y0, y1), (x0, x1) = ends
        edose = edose[z0 * BLOCK:z1 * BLOCK, y0 * BLOCK:y1 * BLOCK, x0 * BLOCK:x1 * BLOCK]
        kb, jb, ib = kb - z0, jb - y0, ib - x0
    # min/max per block of BLOCK^3 voxels, then over neighbouring blocks: cheap and still a valid bound
    bmin, bmax = _block_minmax(edose, BLOCK)
    lin = (kb * bmin.shape[1] + jb) * bmin.shape[2] + ib
    gaps = np.empty((len(ref_vals), BANDS), dtype=np.float64)
    lo, hi = bmin, bmax
    done: tuple[int, ...] = (0, 0, 0)  # the reach (z, y, x) of lo and hi
    lo_bands = np.empty((BANDS, bmin.size), bmin.dtype)
    hi_bands = np.empty((BANDS, bmin.size), bmin.dtype)
    for b in range(BANDS):
        # a box of reach r + d is the box of reach d of the box of reach r (edge-clamped too): grow band by band
        lo, hi = _box_minmax(lo, hi, *(r - d for r, d in zip(reach[b], done, strict=True)))
        done = reach[b]
        lo_bands[b] = lo.ravel()
        hi_bands[b] = hi.ravel()
    _band_gap(lo_bands, hi_bands, lin, ref_vals, dd_abs, gaps, eval_frac)
    return band_start, band_inner, gaps


def _aligned_tables(m: np.ndarray, shape: tuple[int, ...], i: np.ndarray, j: np.ndarray, k: np.ndarray,
                    offsets_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Fast path when both grids share spacing and orientation (any shift): every reference voxel then
    sees the same sub-voxel fractions for a search offset, so each offset's interpolation cell is a
    fixed linear-index step with fixed weights. ``interior`` marks voxels whose whole search stays
    inside the evaluated grid (the others take the general path, with its edge handling)."""
    n = len(i)
    nz, ny, nx = shape
    if not np.allclose(m[:3, :3], np.eye(3), atol=1e-9) or n == 0 or min(shape) < 2:
        return (np.zeros(n, np.int64), np.zeros(n, np.bool_), np.zeros(len(offsets_idx), np.int64),
                np.zeros((len(offsets_idx), 3)), None)
    eff = offsets_idx + m[:3, 3]  # offset from the integer reference index, in evaluated index units
    fl = np.floor(eff + 1e-12).astype(np.int64)
    frac = np.clip(eff - fl, 0.0, 1.0)
    lin_off = fl[:, 2] * (ny * nx) + fl[:, 1] * nx + fl[:, 0]
    lo, hi = fl.min(axis=0), fl.max(axis=0) + 1
    interior = ((i + lo[0] >= 0) & (i + hi[0] <= nx - 1) & (j + lo[1] >= 0) & (j + hi[1] <= ny - 1)
                & (k + lo[2] >= 0) & (k + hi[2] <= nz - 1))
    base = (k.astype(np.int64) * ny + j) * nx + i
    return base, interior, lin_off, frac, fl


def _block_minmax_py(a, block):  # type: ignore[no-untyped-def]
    """Minimum and maximum of each block x block x block cube of ``a`` (partial cubes at the far ends)."""
    nz, ny, nx = a.shape
    bz, by, bx = -(-nz // block), -(-ny // block), -(-nx // block)
    lo = np.empty((bz, by, bx), dtype=a.dtype)
    hi = np.empty((bz, by, bx), dtype=a.dtype)
    for kb in range(bz):
        for jb in range(by):
            for ib in range(bx):
                v = a[kb * block, jb * block, ib * block]
                mn = v
                mx = v
                for k in range(kb * block, min(kb * block + block, nz)):
                    for j in range(jb * block, min(jb * block + block, ny)):
                        for i in range(ib * block, min(ib * block + block, nx)):
                            v = a[k, j, i]
                            mn = min(mn, v)
                            mx = max(mx, v)
                lo[kb, jb, ib] = mn
                hi[kb, jb, ib] = mx
    return lo, hi


def _box_minmax_py(lo, hi, rz, ry, rx):  # type: ignore[no-untyped-def]
    """Minimum of ``lo`` and maximum of ``hi`` over a box of (2 rz + 1, 2 ry + 1, 2 rx + 1) cells
    around each cell (clamped at the edges, as scipy's ``mode="nearest"`` filters): one pass per axis."""
    nz, ny, nx = lo.shape
    a_lo = lo.copy()
    a_hi = hi.copy()
    b_lo = np.empty_like(lo)
    b_hi = np.empty_like(hi)
    if rx > 0:
        for k in range(nz):
            for j in range(ny):
                for i in range(nx):
                    mn = a_lo[k, j, i]
                    mx = a_hi[k, j, i]
                    for d in range(max(i - rx, 0), min(i + rx + 1, nx)):
                        mn = min(mn, a_lo[k, j, d])
                        mx = max(mx, a_hi[k, j, d])
                    b_lo[k, j, i] = mn
                    b_hi[k, j, i] = mx
        a_lo, b_lo = b_lo, a_lo
        a_hi, b_hi = b_hi, a_hi
    if ry > 0:
        for k in range(nz):
            for j in range(ny):
                j0 = max(j - ry, 0)
                j1 = min(j + ry + 1, ny)
                for i in range(nx):
                    b_lo[k, j, i] = a_lo[k, j, i]
                    b_hi[k, j, i] = a_hi[k, j, i]
                for d in range(j0, j1):
                    for i in range(nx):
                        b_lo[k, j, i] = min(b_lo[k, j, i], a_lo[k, d, i])
                        b_hi[k, j, i] = max(b_hi[k, j, i], a_hi[k, d, i])
        a_lo, b_lo = b_lo, a_lo
        a_hi, b_hi = b_hi, a_hi
    if rz > 0:
        for k in range(nz):
            k0 = max(k - rz, 0)
            k1 = min(k + rz + 1, nz)
            for j in range(ny):
                for i in range(nx):
                    b_lo[k, j, i] = a_lo[k, j, i]
                    b_hi[k, j, i] = a_hi[k, j, i]
            for d in range(k0, k1):
                for j in range(ny):
                    for i in range(nx):
                        b_lo[k, j, i] = min(b_lo[k, j, i], a_lo[d, j, i])
                        b_hi[k, j, i] = max(b_hi[k, j, i], a_hi[d, j, i])
        a_lo, b_lo = b_lo, a_lo
        a_hi, b_hi = b_hi, a_hi
    return a_lo, a_hi


def _band_gap_py(lo, hi, lin, ref_vals, dd_abs, gaps, eval_frac):  # type: ignore[no-untyped-def]
    """gaps[:, b] = distance of each reference dose from the [lo[b], hi[b]] range around it, in dose
    criteria, for every band b (one pass over the voxels)."""
    for p in range(lin.shape[0]):
        q = lin[p]
        for b in range(lo.shape[0]):
            gaps[p, b] = _gap_term(float(lo[b, q]), float(hi[b, q]), ref_vals[p], dd_abs[p], eval_frac)


def _block_reach(u: float) -> int:
    """Blocks either side of a voxel's block that hold every voxel a search point within ``u`` voxels
    of the voxel's position can interpolate from. The position lies within half a voxel of its
    nearest node n, so the cells use voxels n - ceil(u + 0.5) .. n + floor(u + 1.5)."""
    below = int(np.ceil(u + 0.5 + 1e-6))
    above = int(np.floor(u + 1.5 + 1e-6))
    return max(-((-below) // BLOCK), (above + BLOCK - 1) // BLOCK)


def check_comparable(a: DoseGrid, b: DoseGrid, allow_mixed_types: bool = False) -> None:
    """Refuse to compare doses of different frames, units, dose types or summation types."""
    if a.frame_of_reference_uid and b.frame_of_reference_uid and a.frame_of_reference_uid != b.frame_of_reference_uid:
        raise FrameMismatch("the two doses are in different frames of reference")
    if not allow_mixed_types:
        if a.units != b.units:
            raise ValueError(f"dose units differ ({a.units} vs {b.units}); pass allow_mixed_types to compare anyway")
        if a.dose_type != b.dose_type:
            raise ValueError(f"dose types differ ({a.unit_label} vs {b.unit_label}); pass allow_mixed_types to compare anyway")
        if a.summation_type != b.summation_type:
            raise ValueError(f"summation types differ ({a.summation_type} vs {b.summation_type}); "
                             "pass allow_mixed_types to compare anyway")


def _dose_term_py(v, r, dd, eval_frac):  # type: ignore[no-untyped-def]
    """The dose difference in units of the dose criterion: ``dd`` (global, or local on the reference
    dose), or ``eval_frac`` x the evaluated dose ``v`` when ``eval_frac`` > 0 (infinite where v <= 0)."""
    if eval_frac > 0.0:
        if v <= 0.0:
            return np.inf
        return (v - r) / (eval_frac * v)
    return (v - r) / dd


def _gap_term_py(lo, hi, r, dd, eval_frac):  # type: ignore[no-untyped-def]
    """Lower bound of |dose term| over evaluated doses in [lo, hi] (the term is monotonic on either
    side of the reference dose r)."""
    if lo > r:
        return abs(_dose_term(lo, r, dd, eval_frac))
    if hi < r:
        return abs(_dose_term(hi, r, dd, eval_frac))
    return 0.0


def _kernel_py(pos, ref_vals, dd_abs, edose, offsets_idx, dist_norm, max_gamma,  # type: ignore[no-untyped-def]
               band_start, band_inner, gaps, eflat, base, interior, lin_off, frac, eval_frac):
    """Reference implementation (and the kernel numba compiles). ``eval_frac`` > 0: local
    normalisation on the evaluated dose at each search point (dose criterion ``eval_frac`` x it)
    instead of ``dd_abs``."""
    nz, ny, nx = edose.shape
    nxy = ny * nx
    n = pos.shape[0]
    n_off = offsets_idx.shape[0]
    n_band = band_start.shape[0]
    out = np.empty(n)
    cap2 = max_gamma * max_gamma
    for p in prange(n):
        best2 = cap2  # gamma is reported capped at max_gamma
        q = 0
        b = 0
        while q < n_off:
            if b < n_band and q == band_start[b]:
                lb = band_inner[b] * band_inner[b] + gaps[p, b] * gaps[p, b]
                nxt = band_start[b + 1] if b + 1 < n_band else n_off
                b += 1
                if lb >= best2:
                    q = nxt
                    continue
            dn = dist_norm[q]
            if dn * dn >= best2:
                break
            q += 1
            if interior[p]:  # same-geometry fast path: fixed cell step and weights per offset
                b0 = base[p] + lin_off[q - 1]
                fx = frac[q - 1, 0]
                fy = frac[q - 1, 1]
                fz = frac[q - 1, 2]
                c00 = eflat[b0] * (1 - fx) + eflat[b0 + 1] * fx
                c01 = eflat[b0 + nx] * (1 - fx) + eflat[b0 + nx + 1] * fx
                c10 = eflat[b0 + nxy] * (1 - fx) + eflat[b0 + nxy + 1] * fx
                c11 = eflat[b0 + nxy + nx] * (1 - fx) + eflat[b0 + nxy + nx + 1] * fx
                v = (c00 * (1 - fy) + c01 * fy) * (1 - fz) + (c10 * (1 - fy) + c11 * fy) * fz
                diff = _dose_term(v, ref_vals[p], dd_abs[p], eval_frac)
                g2 = dn * dn + diff * diff
                if g2 < best2:
                    best2 = g2
                continue
            x = pos[p, 0] + offsets_idx[q - 1, 0]
            y = pos[p, 1] + offsets_idx[q - 1, 1]
            z = pos[p, 2] + offsets_idx[q - 1, 2]
            if x < -0.5 or y < -0.5 or z < -0.5 or x > nx - 0.5 or y > ny - 0.5 or z > nz - 0.5:
                continue
            x = min(max(x, 0.0), nx - 1.0)
            y = min(max(y, 0.0), ny - 1.0)
            z = min(max(z, 0.0), nz - 1.0)
            i0 = min(int(x), nx - 2) if nx > 1 else 0
            j0 = min(int(y), ny - 2) if ny > 1 else 0
            k0 = min(int(z), nz - 2) if nz > 1 else 0
            fx = x - i0
            fy = y - j0
            fz = z - k0
            i1 = min(i0 + 1, nx - 1)
            j1 = min(j0 + 1, ny - 1)
            k1 = min(k0 + 1, nz - 1)
            c00 = edose[k0, j0, i0] * (1 - fx) + edose[k0, j0, i1] * fx
            c01 = edose[k0, j1, i0] * (1 - fx) + edose[k0, j1, i1] * fx
            c10 = edose[k1, j0, i0] * (1 - fx) + edose[k1, j0, i1] * fx
            c11 = edose[k1, j1, i0] * (1 - fx) + edose[k1, j1, i1] * fx
            v = (c00 * (1 - fy) + c01 * fy) * (1 - fz) + (c10 * (1 - fy) + c11 * fy) * fz
            diff = _dose_term(v, ref_vals[p], dd_abs[p], eval_frac)
            g2 = dn * dn + diff * diff
            if g2 < best2:
                best2 = g2
        out[p] = np.sqrt(best2)
    return out


def _kernel_rows_py(ref_vals, dd_abs, eflat, base, nx, nxy, cell_lin, group_row, group_min_dn, group_band,  # type: ignore[no-untyped-def]
                    row_start, row_len, row_ix, row_min_dn, row_fx, row_fy, row_fz, row_yz, member_dn, member_frac,
                    step_fx, s2, band_inner, gaps, max_gamma, eval_frac):
    """Interior voxels of axis-aligned grids with the same spacing and orientation.

    The search points are grouped by the evaluated-grid cell they fall in (the same cells and
    weights for every reference voxel), cells in order of their nearest point. A cell is skipped
    when its nearest distance and the gap between the reference dose and its 8 corner doses
    (trilinear interpolation stays within them) cannot beat the best gamma so far; the search stops
    when the nearest distance alone, or the distance bands' bound, cannot. Within a cell the points
    lie in rows along x; along a row the interpolated dose is linear in x, so Gamma^2 is a convex
    quadratic of the lattice index and only the two points around its minimum can be the row's
    best: only they are evaluated (with the same arithmetic as :func:`_kernel_py`, so the values
    are the exhaustive search's). The quadratic (from per-cell coefficients) also bounds them from
    below: a row whose minimum over all real indices, or a point whose value, is at or above the
    best (less a margin of 1e-9 relative, far above the rounding of the two ways to compute the
    dose) is not evaluated. With ``eval_frac`` > 0 (local normalisation on the evaluated dose)
    the dose term is not linear along a row: every point of a row nearer than the best is evaluated."""
    n = ref_vals.shape[0]
    n_groups = group_min_dn.shape[0]
    n_band = band_inner.shape[0]
    out = np.empty(n)
    cap2 = max_gamma * max_gamma
    for p in prange(n):
        best2 = cap2
        r = ref_vals[p]
        dd = dd_abs[p]
        inv_dd = 1.0 / dd
        cur_band = -1
        bound = 0.0
        for g in range(n_groups):
            gm = group_min_dn[g]
            gm2 = gm * gm
            if gm2 >= best2:
                break
            if group_band[g] != cur_band:
                # no point in band b or beyond is below min over b' >= b of inner(b')^2 + gap(b')^2
                cur_band = group_band[g]
                bound = np.inf
                for b in range(cur_band, n_band):
                    lb = band_inner[b] * band_inner[b] + gaps[p, b] * gaps[p, b]
                    if lb < bound:
                        bound = lb
            if bound >= best2:
                break
            b0 = base[p] + cell_lin[g]
            # in float64 (exact for the float32 doses), so that the model coefficients below are not rounded to float32
            e000 = np.float64(eflat[b0])
            e001 = np.float64(eflat[b0 + 1])
            e010 = np.float64(eflat[b0 + nx])
            e011 = np.float64(eflat[b0 + nx + 1])
            e100 = np.float64(eflat[b0 + nxy])
            e101 = np.float64(eflat[b0 + nxy + 1])
            e110 = np.float64(eflat[b0 + nxy + nx])
            e111 = np.float64(eflat[b0 + nxy + nx + 1])
            lo = min(min(min(e000, e001), min(e010, e011)), min(min(e100, e101), min(e110, e111)))
            hi = max(max(max(e000, e001), max(e010, e011)), max(max(e100, e101), max(e110, e111)))
            gap = _gap_term(lo, hi, r, dd, eval_frac)
            if gm2 + gap * gap >= best2:
                continue
            # the row model's coefficients, in dose criteria: the x = 0 face of the cell at (fy, fz) minus the
            # reference dose is a0 + b0 fy + c0 fz + d0 fy fz, the x = 1 face minus the x = 0 face da + ...
            a0 = (e000 - r) * inv_dd
            b0 = (e010 - e000) * inv_dd
            k0 = (e100 - e000) * inv_dd
            d0 = (e110 - e100 - e010 + e000) * inv_dd
            da = (e001 - e000) * inv_dd
            db = (e011 - e001 - e010 + e000) * inv_dd
            dk = (e101 - e001 - e100 + e000) * inv_dd
            dd1 = (e111 - e101 - e011 + e001 - e110 + e100 + e010 - e000) * inv_dd
            for w in range(group_row[g], group_row[g + 1]):
                rm = row_min_dn[w]
                if rm * rm >= best2:
                    break  # rows by nearest point
                if eval_frac > 0.0:
                    for q in range(row_start[w], row_start[w] + row_len[w]):
                        dn = member_dn[q]
                        if dn * dn >= best2:
                            continue
                        fx = member_frac[q, 0]
                        fyq = member_frac[q, 1]
                        fzq = member_frac[q, 2]
                        d00 = e000 * (1 - fx) + e001 * fx
                        d01 = e010 * (1 - fx) + e011 * fx
                        d10 = e100 * (1 - fx) + e101 * fx
                        d11 = e110 * (1 - fx) + e111 * fx
                        v = (d00 * (1 - fyq) + d01 * fyq) * (1 - fzq) + (d10 * (1 - fyq) + d11 * fyq) * fzq
                        diff = _dose_term(v, r, dd, eval_frac)
                        g2 = dn * dn + diff * diff
                        if g2 < best2:
                            best2 = g2
                    continue
                fy = row_fy[w]
                fz = row_fz[w]
                fyz = fy * fz
                # along the row (x fraction fx) the dose term is linear: c + dc fx, the cell's faces at (fy, fz)
                dc = da + db * fy + dk * fz + dd1 * fyz
                alpha = a0 + b0 * fy + k0 * fz + d0 * fyz + dc * row_fx[w]
                beta = dc * step_fx
                ix = row_ix[w]
                # Gamma^2(t) = s2 (ix + t)^2 + s2 yz + (alpha + beta t)^2, t = 0 .. len - 1; its minimum over
                # all real t, s2 (yz + (alpha - beta ix)^2 / den), bounds the row's points from below: skip the
                # row (with a margin far above rounding) when it cannot beat the best
                den = s2 + beta * beta
                a_ix = alpha - beta * ix
                q_den = s2 * (row_yz[w] * den + a_ix * a_ix)
                if q_den - 1e-9 * (den + q_den) >= best2 * den:
                    continue
                t_min = -(s2 * ix + alpha * beta) / den
                last = row_len[w] - 1
                t0 = min(max(int(np.floor(t_min)), 0), last)
                t1 = min(t0 + 1, last)
                yz = row_yz[w]
                for t in (t0, t1):
                    # the linear model of the row's Gamma^2 at t: a point it puts (with a margin far above
                    # rounding) at or above the best cannot improve it, so its exact value is not needed
                    xt = ix + t
                    dm = alpha + beta * t
                    qm = s2 * (xt * xt + yz) + dm * dm
                    if qm - 1e-9 * (1.0 + qm) >= best2:
                        continue
                    q = row_start[w] + t
                    dn = member_dn[q]
                    fx = member_frac[q, 0]
                    fyq = member_frac[q, 1]
                    fzq = member_frac[q, 2]
                    d00 = e000 * (1 - fx) + e001 * fx
                    d01 = e010 * (1 - fx) + e011 * fx
                    d10 = e100 * (1 - fx) + e101 * fx
                    d11 = e110 * (1 - fx) + e111 * fx
                    v = (d00 * (1 - fyq) + d01 * fyq) * (1 - fzq) + (d10 * (1 - fyq) + d11 * fyq) * fzq
                    diff = (v - r) / dd
                    g2 = dn * dn + diff * diff
                    if g2 < best2:
                        best2 = g2
        out[p] = np.sqrt(best2)
    return out


def _row_keys(a: np.ndarray) -> np.ndarray:
    """One int64 per row of a small-integer array, equal for equal rows (for a fast ``np.unique``)."""
    a = a - a.min(axis=0)
    key = np.zeros(len(a), np.int64)
    for c in range(a.shape[1]):
        key = key * (int(a[:, c].max()) + 1) + a[:, c]
    return key


def _unique_inverse(key: np.ndarray) -> np.ndarray:
    """``np.unique(key, return_inverse=True)[1]`` for non-negative int64 keys: by a table over the
    key range when it is small (no sort), else by ``np.unique``."""
    top = int(key.max()) + 1 if len(key) else 0
    if top > 4 * len(key) + 1_000_000:
        return np.unique(key, return_inverse=True)[1].astype(np.int64)
    present = np.zeros(top, np.bool_)
    present[key] = True
    return (np.cumsum(present) - 1)[key]


def _cell_rows(lin_off: np.ndarray, frac: np.ndarray, fl: np.ndarray, lattice: np.ndarray, dist_norm: np.ndarray,
               band_inner: np.ndarray) -> tuple[np.ndarray, ...]:
    """The search points (aligned grids) grouped by evaluated-grid cell, and within a cell into rows
    along x: per cell its linear offset, its rows, nearest distance and distance band (cells by
    nearest distance); per row its first member, length, lattice x index of the first member,
    nearest distance, fractions and squared lattice y-z distance (rows by nearest distance); members along x."""
    group_of = _unique_inverse(_row_keys(fl))
    n_groups = int(group_of.max()) + 1
    gmin = np.full(n_groups, np.inf)
    np.minimum.at(gmin, group_of, dist_norm)
    rank = np.empty(n_groups, np.int64)
    rank[np.argsort(gmin, kind="stable")] = np.arange(n_groups)
    grank = rank[group_of]
    # rows: (cell, y, z) of the lattice
    row_of = _unique_inverse(_row_keys(np.column_stack([grank, lattice[:, 1], lattice[:, 2]])))
    n_rows = int(row_of.max()) + 1
    rmin = np.full(n_rows, np.inf)
    np.minimum.at(rmin, row_of, dist_norm)
    row_cell = np.zeros(n_rows, np.int64)
    row_cell[row_of] = grank
    row_rank = np.empty(n_rows, np.int64)
    row_rank[np.lexsort((rmin, row_cell))] = np.arange(n_rows)  # by cell, then nearest point
    counts = np.bincount(row_rank[row_of], minlength=n_rows)
    row_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    # members by row, then x: a row's lattice x indices are consecutive (the ball and the cell are
    # intervals along x), so each member's place is its row's start plus its x past the row's first
    x_first = np.full(n_rows, np.iinfo(np.int64).max)
    np.minimum.at(x_first, row_of, lattice[:, 0])
    place = row_start[row_rank[row_of]] + lattice[:, 0] - x_first[row_of]
    if np.array_equal(np.bincount(place, minlength=len(place)), np.ones(len(place), np.int64)):
        order = np.empty(len(place), np.int64)
        order[place] = np.arange(len(place))
    else:  # pragma: no cover - not consecutive after all: sort
        order = np.lexsort((lattice[:, 0], row_rank[row_of]))
    first = order[row_start[:-1]]
    cells_sorted = row_cell[np.argsort(row_rank)]
    group_row = np.searchsorted(cells_sorted, np.arange(n_groups + 1)).astype(np.int64)
    group_first = order[row_start[group_row[:-1]]]
    group_min_dn = np.sort(gmin)
    group_band = np.clip(np.searchsorted(band_inner, group_min_dn, side="right") - 1, 0, len(band_inner) - 1)
    at = np.argsort(row_rank)  # row id at each sorted position
    return (lin_off[group_first].astype(np.int64), group_row, np.ascontiguousarray(group_min_dn),
            group_band.astype(np.int64), row_start[:-1].copy(), np.diff(row_start),
            lattice[first, 0].astype(np.float64), np.ascontiguousarray(rmin[at]),
            np.ascontiguousarray(frac[first, 0]), np.ascontiguousarray(frac[first, 1]),
            np.ascontiguousarray(frac[first, 2]),
            (lattice[first, 1] ** 2 + lattice[first, 2] ** 2).astype(np.float64), np.ascontiguousarray(dist_norm[order]),
            np.ascontiguousarray(frac[order]))


_kernel: Any
_kernel_rows: Any
_dose_term: Any
_gap_term: Any
_block_minmax: Any
_box_minmax: Any
_band_gap: Any
_bin_counts: Any
if HAVE_NUMBA:
    _bin_counts = njit(cache=True, nogil=True)(_bin_counts_py)
    _dose_term = njit(cache=True, nogil=True, inline="always")(_dose_term_py)
    _gap_term = njit(cache=True, nogil=True, inline="always")(_gap_term_py)
    _block_minmax = njit(cache=True, nogil=True)(_block_minmax_py)
    _box_minmax = njit(cache=True, nogil=True)(_box_minmax_py)
    _band_gap = njit(cache=True, nogil=True)(_band_gap_py)
    _kernel = parallel_njit(_kernel_py, cache=True, fastmath=False, nogil=True)
    _kernel_rows = parallel_njit(_kernel_rows_py, cache=True, fastmath=False, nogil=True)
else:  # pragma: no cover
    prange = range  # type: ignore[misc]  # noqa: F811
    _kernel = _kernel_py
    _kernel_rows = _kernel_rows_py
    _block_minmax, _box_minmax, _band_gap = _block_minmax_py, _box_minmax_py, _band_gap_py
    _dose_term, _gap_term = _dose_term_py, _gap_term_py
    _bin_counts = _bin_counts_py
