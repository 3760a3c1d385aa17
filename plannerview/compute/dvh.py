"""The DVH engine.

Method: every closed contour plane is a slab one plane spacing thick (end caps: half a slice
either side). Each slab is sampled on a fine regular grid in x and y (even-odd fill: holes and
islands right) and at several depths in z; the dose is interpolated trilinearly at every sample,
whatever the dose grid's spacing, alignment or orientation (FFS, prone). Sample weights are
scaled so each plane carries exactly its polygon area, so the volume is the contours' exact
volume (``compute.contours.roi_volume_cc``), not a count of samples. The step is chosen so an ROI
gets about ``max_samples`` samples: sub-millimetre for ROIs of a few cc (no D95 of 0 Gy for a
0.1 cc target), half the dose spacing at most. Samples outside the dose grid count as
``uncovered_cc``; the histogram covers the part inside. Planes are processed in chunks, so memory
stays bounded for whole-body ROIs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy.ndimage import map_coordinates

from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.geometry import outside_index
from ..model.provenance import Provenance
from ..model.structures import ROI, StructureSet
from ..tasks import Cancelled, TaskContext
from ..version import __version__
from .contours import plane_area_mm2, plane_spacing_mm, roi_volume_cc
from .masks import even_odd_fill

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]
ENGINE = "plannerview-dvh"
MAX_SAMPLES = 1_000_000
BINS = 10_000
CHUNK_SAMPLES = 2_000_000
MAX_STEP_OF_SPACING = 0.75  # the sample step never exceeds this fraction of the finest dose spacing


class DvhCancelled(Cancelled):
    """Raised when the ``cancel`` callback returns True."""


def compute_dvh(
    roi: ROI,
    dose: DoseGrid,
    *,
    structure_set: StructureSet | None = None,
    bin_width_gy: float | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    max_samples: int = MAX_SAMPLES,
    slice_spacing_mm: float | None = None,
    ctx: TaskContext | None = None,
) -> DVH:
    """DVH of one ROI on one dose grid (same frame of reference).

    ``structure_set`` gives the slab thickness for single-plane ROIs (its ROIs' plane spacing);
    ``bin_width_gy`` fixes the histogram bin width (default: 1/10,000 of the ROI's maximum dose);
    ``slice_spacing_mm`` overrides the slab thickness. Point, open and empty ROIs give an empty
    DVH with a warning. Progress and cancel come from ``ctx`` (or the older ``progress``/``cancel``
    callbacks); raises :class:`DvhCancelled` when cancelled.
    """
    if ctx is not None:
        progress, cancel = ctx.progress_callback, ctx.cancel_callback
    warnings: list[str] = []
    unit = dose.unit_label
    params: dict[str, object] = {"max_samples": max_samples, "interpolation": "trilinear",
                                 "end_caps": "half slice", "fill": "even-odd"}
    planes = roi.planes
    if not planes:
        kind = "point" if roi.is_point else ("empty" if roi.is_empty else "open-contour")
        return _empty(roi, dose, unit, [f"{kind} ROI: no volume, no DVH"], params)
    zs = np.array(list(planes))
    thickness = slice_spacing_mm or plane_spacing_mm(zs)
    if thickness is None:
        ss_spacing = _structure_set_spacing(structure_set)
        thickness = ss_spacing or float(dose.grid.spacing_mm[0])
        src = "the structure set's plane spacing" if ss_spacing else "the dose grid's slice spacing"
        warnings.append(f"single contour plane: slab thickness {thickness:g} mm taken from {src}")
    total_cc = roi_volume_cc(roi, thickness) or 0.0
    if total_cc <= 0:
        return _empty(roi, dose, unit, ["ROI contours enclose no area"], params)
    step = float(np.clip(np.cbrt(total_cc * 1000.0 / max_samples), 0.05, MAX_STEP_OF_SPACING * min(dose.grid.spacing_mm)))
    n_z = int(np.clip(math.ceil(thickness / step), 1, 12))
    params.update({"step_mm": round(step, 4), "z_samples_per_slab": n_z, "slab_mm": thickness})
    arr = dose.dose  # decoded once (cached on the DoseGrid)

    values: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    uncovered_mm3 = 0.0
    pending: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    n_pending = 0

    def flush() -> None:
        nonlocal uncovered_mm3, n_pending
        if not pending:
            return
        x, y, z, w = (np.concatenate(a) for a in zip(*pending, strict=True))
        pending.clear()
        n_pending = 0
        v, outside = sample_dose_xyz(dose, x, y, z, arr)
        uncovered_mm3 += float(w[outside].sum())
        inside = ~outside
        values.append(v[inside])
        weights.append(w[inside])

    items = list(planes.items())
    for n_done, (z, polys) in enumerate(items):
        if cancel is not None and cancel():
            raise DvhCancelled(roi.name)
        area = plane_area_mm2(polys)
        if area <= 0:
            continue
        px, py, u = _plane_samples(polys, step)
        n = len(px)
        # depth k of each column at (k + u) / n_z of the slab: u differs from column to column
        # (low-discrepancy), so the slab's depths are covered evenly, not in n_z layers
        depth = thickness * ((np.arange(n_z)[:, None] + u[None, :]) / n_z - 0.5)
        pending.append((np.tile(px, n_z), np.tile(py, n_z), (z + depth).ravel(),
                        np.full(n * n_z, area * thickness / (n * n_z))))
        n_pending += n * n_z
        if n_pending >= CHUNK_SAMPLES:
            flush()
            if progress is not None:
                progress((n_done + 1) / len(items), roi.name)
    flush()
    if progress is not None:
        progress(1.0, roi.name)

    d = np.concatenate(values) if values else np.zeros(0, dtype=np.float32)
    w = np.concatenate(weights) / 1000.0 if weights else np.zeros(0)  # cc
    uncovered = uncovered_mm3 / 1000.0
    if uncovered > 1e-6 * total_cc:
        warnings.append(f"{uncovered:.2f} cc of the ROI's {total_cc:.2f} cc lies outside the dose grid; "
                        "the DVH covers the rest")
    if not dose.is_gy:
        warnings.append("dose is RELATIVE: DVH in relative dose units, no Gy values")
    if not len(d):
        return _empty(roi, dose, unit, [*warnings, "ROI entirely outside the dose grid"], params, total_cc)
    covered = float(w.sum())
    dmax = float(d.max())
    if bin_width_gy is not None and bin_width_gy > 0:
        width = float(bin_width_gy)
        n_bins = int(math.floor(dmax / width)) + 1
    else:
        width = max(dmax, 1e-9) / BINS
        n_bins = BINS + 1  # the last bin holds dmax itself
    params["bin_width"] = width
    edges = np.arange(n_bins + 1) * width
    idx = np.minimum((d / width).astype(np.int64), n_bins - 1)
    hist = np.bincount(idx, weights=w, minlength=n_bins)
    return DVH(
        roi_name=roi.name,
        roi_number=roi.number,
        bin_edges=edges,
        differential_cc=hist,
        dmin=float(d.min()),
        dmean=float(np.dot(d.astype(np.float64), w) / covered),
        dmax=dmax,
        unit=unit,
        volume_cc=total_cc,
        covered_cc=covered,
        uncovered_cc=uncovered,
        color_rgb=roi.color_rgb,
        dose_type=dose.dose_type,
        warnings=tuple(warnings),
        provenance=Provenance(ENGINE, __version__, params, inputs=(dose.sop_uid,)).to_json(),
    )


def _plane_samples(polys: Sequence[np.ndarray], step: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sample centres (x, y) inside one plane's polygons on a ``step`` grid over their bounding box,
    and each column's depth fraction in [0, 1) (an R2 low-discrepancy sequence over the lattice)."""
    allp = np.concatenate(polys)
    x0, y0 = allp.min(axis=0)
    x1, y1 = allp.max(axis=0)
    nx = max(1, int(math.ceil((x1 - x0) / step)))
    ny = max(1, int(math.ceil((y1 - y0) / step)))
    # centre the sample lattice on the bounding box
    ox = x0 + 0.5 * ((x1 - x0) - (nx - 1) * step)
    oy = y0 + 0.5 * ((y1 - y0) - (ny - 1) * step)
    inside = even_odd_fill(polys, ox, oy, nx, ny, step, step)
    jj, ii = np.nonzero(inside)
    if len(ii) == 0:  # smaller than one sample: its centroid stands for it
        c = polys[int(np.argmax([len(p) for p in polys]))].mean(axis=0)
        return np.array([c[0]]), np.array([c[1]]), np.array([0.5])
    # R2 sequence (Roberts 2018) over the lattice index: depth fraction u, and an in-cell jitter
    # (v, w) of the sampling point, so a dose gradient along x or y is not seen as a staircase
    n = ii * 7919 + jj * 104729
    u = np.modf(0.5 + n * 0.8191725133961645)[0]
    v = np.modf(0.5 + n * 0.6710436067037893)[0]
    w = np.modf(0.5 + n * 0.5497004779019703)[0]
    return ox + (ii + v - 0.5) * step, oy + (jj + w - 0.5) * step, u


def _structure_set_spacing(ss: StructureSet | None) -> float | None:
    if ss is None:
        return None
    zs = sorted({z for r in ss.rois for z in r.planes})
    return plane_spacing_mm(np.array(zs)) if len(zs) > 1 else None


def sample_dose(dose: DoseGrid, points_mm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Trilinear dose at patient points (N x 3); also which points fall outside the grid (marked, not zeroed)."""
    p = np.asarray(points_mm, dtype=np.float64)
    return sample_dose_xyz(dose, p[:, 0], p[:, 1], p[:, 2])


def sample_dose_xyz(
    dose: DoseGrid, x: np.ndarray, y: np.ndarray, z: np.ndarray, arr: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """As :func:`sample_dose`, with the coordinates as three arrays (no N x 3 temporaries).

    A point is inside when it lies within the grid's voxels (half a voxel beyond the outer
    centres); between the outer centres and that boundary the nearest centre's dose is used.
    """
    grid = dose.grid
    inv = grid.mm_to_index
    ox, oy, oz = grid.origin_mm
    dx, dy, dz = x - ox, y - oy, z - oz
    coords = np.empty((3, len(x)))
    outside = np.zeros(len(x), dtype=bool)
    for row, axis in ((2, 0), (1, 1), (0, 2)):  # coords rows are (k, j, i); inv rows are (i, j, k)
        m = inv[axis]
        c = coords[row]
        np.multiply(dx, m[0], out=c)
        if m[1] != 0.0:
            c += m[1] * dy
        if m[2] != 0.0:
            c += m[2] * dz
        outside |= outside_index(c, grid.shape_zyx[row])
    vals = map_coordinates(dose.dose if arr is None else arr, coords, order=1, mode="nearest", prefilter=False)
    return vals, outside


def _empty(roi: ROI, dose: DoseGrid, unit: str, warnings: list[str], params: dict, total: float = 0.0) -> DVH:
    return DVH(
        roi_name=roi.name, roi_number=roi.number, bin_edges=np.array([0.0, 1.0]), differential_cc=np.zeros(1),
        dmin=float("nan"), dmean=float("nan"), dmax=float("nan"), unit=unit, volume_cc=total,
        covered_cc=0.0, uncovered_cc=total, color_rgb=roi.color_rgb, dose_type=dose.dose_type,
        warnings=tuple(warnings), provenance=Provenance(ENGINE, __version__, params, inputs=(dose.sop_uid,)).to_json(),
    )


def compute_dvhs(
    structure_set: StructureSet,
    dose: DoseGrid,
    roi_names: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    bin_width_gy: float | None = None,
    max_samples: int = MAX_SAMPLES,
    ctx: TaskContext | None = None,
) -> list[DVH]:
    """DVHs of several ROIs (all by default; names or numbers, case-insensitive), in structure-set order.

    Two ROIs run at a time in threads (the heavy parts are numpy/scipy and release the GIL).
    Point, open and empty ROIs come back as empty DVHs with a warning. Raises ``ValueError`` for
    different frames of reference, ``KeyError`` for unknown ROI names, :class:`DvhCancelled`.
    Progress and cancel come from ``ctx`` or the older ``progress``/``cancel`` callbacks.
    """
    if ctx is not None:
        progress, cancel = ctx.progress_callback, ctx.cancel_callback
    if structure_set.frame_of_reference_uid and dose.frame_of_reference_uid and \
            structure_set.frame_of_reference_uid != dose.frame_of_reference_uid:
        raise ValueError("structure set and dose are in different frames of reference")
    if roi_names:
        wanted = {n.lower() for n in roi_names}
        rois = [r for r in structure_set.rois if r.name.lower() in wanted or str(r.number) in wanted]
        missing = wanted - {r.name.lower() for r in rois} - {str(r.number) for r in rois}
        if missing:
            raise KeyError(f"no ROI named {', '.join(sorted(missing))}; "
                           f"ROIs: {', '.join(r.name for r in structure_set.rois)}")
    else:
        rois = list(structure_set.rois)
    _ = dose.dose  # decode once, before the threads start
    done: dict[int, float] = {}

    def report(i: int) -> Progress:
        def cb(frac: float, name: str) -> None:
            done[i] = frac
            if progress is not None:
                progress(sum(done.values()) / max(1, len(rois)), name)
        return cb

    def one(item: tuple[int, ROI]) -> DVH:
        i, roi = item
        return compute_dvh(roi, dose, structure_set=structure_set, bin_width_gy=bin_width_gy,
                           progress=report(i), cancel=cancel, max_samples=max_samples)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(one, enumerate(rois)))
