"""3D gamma index (Low et al. 1998) with a sub-voxel search of the evaluated dose.

For each reference voxel above the low-dose cut-off, the evaluated dose is interpolated
trilinearly at points of a fine lattice (step = DTA / ``interp_fraction``, at most a tenth of the
distance criterion) within ``max_gamma`` x DTA, visited in order of increasing distance; the
search stops as soon as the distance term alone reaches the best gamma found (Wendling et al.,
Med Phys 2007). Normalisation is the reference maximum (global) or the reference voxel's dose
(local). The kernel is compiled with numba and runs on all cores.
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
from .resample import FrameMismatch

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
    """Lattice offsets (x, y, z mm) within max_gamma x DTA, sorted by distance (origin first)."""
    step = dta_mm / interp_fraction
    n = int(np.ceil(max_gamma * dta_mm / step))
    ax = np.arange(-n, n + 1) * step
    z, y, x = np.meshgrid(ax, ax, ax, indexing="ij")
    pts = np.column_stack([x.ravel(), y.ravel(), z.ravel()])
    d = np.linalg.norm(pts, axis=1)
    keep = d <= max_gamma * dta_mm + 1e-9
    pts, d = pts[keep], d[keep]
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
) -> GammaResult:
    """Gamma of ``ev`` against ``ref`` on the reference grid. ``roi_mask`` (bool, ref grid) limits it.

    Progress and cancel come from ``ctx`` (or the older ``progress``/``cancel`` callbacks); raises
    :class:`GammaCancelled` when cancelled."""
    t0 = time.perf_counter()
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
    k, j, i = np.nonzero(mask)
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
    band_start, band_inner, gaps = _band_bounds(edose, ev.grid, pos, ref_vals, dd_abs, dist_norm, dta_mm, max_gamma)
    base, interior, lin_off, frac = _aligned_tables(m, edose.shape, i, j, k, offsets_idx)
    eflat = edose.ravel()
    g = np.empty(len(ref_vals))
    chunk = 200_000
    for start in range(0, len(ref_vals), chunk):
        if cancel is not None and cancel():
            raise GammaCancelled("gamma cancelled")
        sl = slice(start, start + chunk)
        g[sl] = _kernel(pos[sl], ref_vals[sl], dd_abs[sl], edose, offsets_idx, dist_norm, float(max_gamma),
                        band_start, band_inner, gaps[sl], eflat, base[sl], interior[sl], lin_off, frac)
        if progress is not None:
            progress(min(1.0, (start + chunk) / max(1, len(ref_vals))), "gamma")
    volume = np.full(ref.grid.shape_zyx, np.nan, dtype=np.float32)
    volume[k, j, i] = g
    n = len(g)
    edges = np.round(np.linspace(0.0, max_gamma, int(round(max_gamma * 10)) + 1), 4)
    counts, _ = np.histogram(np.minimum(g, max_gamma), bins=edges)
    criteria = {"dd_pct": dd_pct, "dta_mm": dta_mm, "cutoff_pct": cutoff_pct, "local": local,
                "max_gamma": max_gamma, "normalisation_gy": None if local else round(ref_max, 6)}
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


BANDS = 6
BLOCK = 2


def _band_bounds(edose: np.ndarray, grid: Any, pos: np.ndarray, ref_vals: np.ndarray, dd_abs: np.ndarray,
                 dist_norm: np.ndarray, dta_mm: float, max_gamma: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Branch-and-bound data: the search points are split into distance bands; for each band and
    reference voxel, the gap between the reference dose and the range of evaluated doses within the
    band's outer radius (min/max filters over a box that covers the ball and its interpolation cells)
    bounds gamma from below, so whole bands are skipped when they cannot improve the best gamma."""
    from scipy.ndimage import maximum_filter, minimum_filter

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
    # min/max per block of BLOCK^3 voxels, then over neighbouring blocks: cheap and still a valid bound
    pad = [(0, (-n) % BLOCK) for n in edose.shape]
    e = np.pad(edose, pad, mode="edge")
    bz, by, bx = (n // BLOCK for n in e.shape)
    blocks = e.reshape(bz, BLOCK, by, BLOCK, bx, BLOCK)
    bmin = blocks.min(axis=(1, 3, 5))
    bmax = blocks.max(axis=(1, 3, 5))
    kb, jb, ib = kk // BLOCK, jj // BLOCK, ii // BLOCK
    gaps = np.empty((len(ref_vals), BANDS), dtype=np.float64)
    for b, r in enumerate(outer * dta_mm):
        size = tuple(2 * _block_reach(r / s) + 1 for s in (dz, dy, dx))
        lo = minimum_filter(bmin, size=size, mode="nearest")[kb, jb, ib]
        hi = maximum_filter(bmax, size=size, mode="nearest")[kb, jb, ib]
        gaps[:, b] = np.maximum(0.0, np.maximum(lo - ref_vals, ref_vals - hi)) / dd_abs
    return band_start, band_inner, gaps


def _aligned_tables(m: np.ndarray, shape: tuple[int, ...], i: np.ndarray, j: np.ndarray, k: np.ndarray,
                    offsets_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Fast path when both grids share spacing and orientation (any shift): every reference voxel then
    sees the same sub-voxel fractions for a search offset, so each offset's interpolation cell is a
    fixed linear-index step with fixed weights. ``interior`` marks voxels whose whole search stays
    inside the evaluated grid (the others take the general path, with its edge handling)."""
    n = len(i)
    nz, ny, nx = shape
    if not np.allclose(m[:3, :3], np.eye(3), atol=1e-9) or n == 0 or min(shape) < 2:
        return (np.zeros(n, np.int64), np.zeros(n, np.bool_), np.zeros(len(offsets_idx), np.int64),
                np.zeros((len(offsets_idx), 3)))
    eff = offsets_idx + m[:3, 3]  # offset from the integer reference index, in evaluated index units
    fl = np.floor(eff + 1e-12).astype(np.int64)
    frac = np.clip(eff - fl, 0.0, 1.0)
    lin_off = fl[:, 2] * (ny * nx) + fl[:, 1] * nx + fl[:, 0]
    lo, hi = fl.min(axis=0), fl.max(axis=0) + 1
    interior = ((i + lo[0] >= 0) & (i + hi[0] <= nx - 1) & (j + lo[1] >= 0) & (j + hi[1] <= ny - 1)
                & (k + lo[2] >= 0) & (k + hi[2] <= nz - 1))
    base = (k.astype(np.int64) * ny + j) * nx + i
    return base, interior, lin_off, frac


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


def _kernel_py(pos, ref_vals, dd_abs, edose, offsets_idx, dist_norm, max_gamma,  # type: ignore[no-untyped-def]
               band_start, band_inner, gaps, eflat, base, interior, lin_off, frac):
    """Reference implementation (and the kernel numba compiles)."""
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
                diff = (v - ref_vals[p]) / dd_abs[p]
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
            diff = (v - ref_vals[p]) / dd_abs[p]
            g2 = dn * dn + diff * diff
            if g2 < best2:
                best2 = g2
        out[p] = np.sqrt(best2)
    return out


_kernel: Any
if HAVE_NUMBA:
    _kernel = njit(parallel=True, cache=True, fastmath=False)(_kernel_py)
else:  # pragma: no cover
    prange = range  # type: ignore[misc]  # noqa: F811
    _kernel = _kernel_py
