"""The DVH engine.

Method: every closed contour plane is a slab one plane spacing thick (end caps: half a slice
either side). Each slab is sampled on a fine regular grid in x and y (even-odd fill: holes and
islands right) and at several depths in z; the dose is interpolated trilinearly at every sample,
whatever the dose grid's spacing, alignment or orientation (FFS, prone). Sample weights are
scaled so each plane carries exactly its polygon area, so the volume is the contours' exact
volume (``compute.contours.roi_volume_cc``), not a count of samples. The step is chosen so an ROI
gets about ``max_samples`` samples: sub-millimetre for ROIs of a few cc (no D95 of 0 Gy for a
0.1 cc target), half the dose spacing at most. Samples outside the dose grid count as
``uncovered_cc``; the histogram covers the part inside.

The sampling, interpolation and histogram run in compiled kernels (``compute.dvh_kernel``,
numba, planes in parallel) that never build the sample coordinates: memory is one float32 per
sample on top of the dose grid. Planes go to the kernel in chunks, for progress and cancel.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.geometry import outside_index
from ..model.provenance import Provenance
from ..model.structures import ROI, StructureSet
from ..model.text import QT_TRANSLATE_NOOP, Msg
from ..tasks import Cancelled, TaskContext
from ..version import __version__
from .contours import plane_area_mm2, plane_spacing_mm
from .dvh_kernel import count_kernel, coverage_kernel, histogram_kernel, sample_kernel

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
        if roi.is_point:
            said = Msg(QT_TRANSLATE_NOOP("GoalNotes", "point ROI: no volume, no DVH"))
        elif roi.is_empty:
            said = Msg(QT_TRANSLATE_NOOP("GoalNotes", "empty ROI: no volume, no DVH"))
        else:
            said = Msg(QT_TRANSLATE_NOOP("GoalNotes", "open-contour ROI: no volume, no DVH"))
        return _empty(roi, dose, unit, [said], params)
    zs = np.array(list(planes))
    thickness = slice_spacing_mm or plane_spacing_mm(zs)
    if thickness is None:
        ss_spacing = _structure_set_spacing(structure_set)
        thickness = ss_spacing or float(dose.grid.spacing_mm[0])
        if ss_spacing:
            warnings.append(Msg(QT_TRANSLATE_NOOP("GoalNotes", "single contour plane: slab thickness {thickness:g} mm taken from the "
                                                            "structure set's plane spacing"), thickness=thickness))
        else:
            warnings.append(Msg(QT_TRANSLATE_NOOP("GoalNotes", "single contour plane: slab thickness {thickness:g} mm taken from the "
                                                            "dose grid's slice spacing"), thickness=thickness))
    areas = [plane_area_mm2(polys) for polys in planes.values()]
    total_cc = sum(areas) * thickness / 1000.0  # = roi_volume_cc(roi, thickness)
    if total_cc <= 0:
        return _empty(roi, dose, unit, ["ROI contours enclose no area"], params)
    step = float(np.clip(np.cbrt(total_cc * 1000.0 / max_samples), 0.05, MAX_STEP_OF_SPACING * min(dose.grid.spacing_mm)))
    n_z = int(np.clip(math.ceil(thickness / step), 1, 12))
    params.update({"step_mm": round(step, 4), "z_samples_per_slab": n_z, "slab_mm": thickness})
    arr = dose.dose  # decoded once (cached on the DoseGrid)
    if arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float32)
    arr = np.ascontiguousarray(arr)

    lat = _lattices(planes, areas, step)
    counts = count_kernel(lat.ex0, lat.ey0, lat.ex1, lat.ey1, lat.plane_edges, lat.ox, lat.oy, lat.nx, lat.ny, step)
    centroid = np.full((len(lat.z), 2), np.nan)
    for p in np.nonzero(counts == 0)[0]:  # smaller than one sample: its centroid stands for it
        centroid[p] = lat.centroid_of(int(p))
    columns = np.maximum(counts, 1)
    out_start = np.concatenate([[0], np.cumsum(columns * n_z)]).astype(np.int64)
    weight = lat.area * thickness / (columns * n_z)
    vals = np.empty(int(out_start[-1]), dtype=np.float32)
    params["samples"] = int(out_start[-1])
    a = dose.grid.affine
    inv = np.ascontiguousarray(np.linalg.inv(a[:3, :3]))
    t = np.ascontiguousarray(a[:3, 3], dtype=np.float64)
    # planes in chunks of about CHUNK_SAMPLES samples, for progress and cancel between them
    p0 = 0
    n_planes = len(lat.z)
    while p0 < n_planes:
        if cancel is not None and cancel():
            raise DvhCancelled(roi.name)
        p1 = int(np.searchsorted(out_start, out_start[p0] + CHUNK_SAMPLES, side="right")) - 1
        p1 = min(max(p1, p0 + 1), n_planes)
        e0, e1 = lat.plane_edges[p0], lat.plane_edges[p1]
        sample_kernel(lat.ex0[e0:e1], lat.ey0[e0:e1], lat.ex1[e0:e1], lat.ey1[e0:e1],
                      lat.plane_edges[p0:p1 + 1] - e0, lat.ox[p0:p1], lat.oy[p0:p1], lat.nx[p0:p1],
                      lat.ny[p0:p1], step, lat.z[p0:p1], thickness, n_z, centroid[p0:p1],
                      out_start[p0:p1 + 1] - out_start[p0], arr, inv, t, vals[out_start[p0]:out_start[p1]])
        p0 = p1
        if progress is not None:
            progress(p0 / n_planes, roi.name)
    if progress is not None:
        progress(1.0, roi.name)

    n_inside, uncovered_mm3, dmin, dmax = coverage_kernel(vals, out_start, weight)
    uncovered = uncovered_mm3 / 1000.0  # cc
    if uncovered > 1e-6 * total_cc:
        warnings.append(Msg(QT_TRANSLATE_NOOP("GoalNotes", "{uncovered:.2f} cc of the ROI's {total:.2f} cc lies outside the dose "
                                                    "grid; the DVH covers the rest"), uncovered=uncovered, total=total_cc))
    if not dose.is_gy:
        warnings.append(Msg(QT_TRANSLATE_NOOP("GoalNotes", "dose is RELATIVE: DVH in relative dose units, no Gy values")))
    if not n_inside:
        return _empty(roi, dose, unit, [*warnings, Msg(QT_TRANSLATE_NOOP("GoalNotes", "ROI entirely outside the dose grid"))], params, total_cc)
    dmin, dmax = float(dmin), float(dmax)
    if bin_width_gy is not None and bin_width_gy > 0:
        width = float(bin_width_gy)
        n_bins = int(math.floor(dmax / width)) + 1
    else:
        width = max(dmax, 1e-9) / BINS
        n_bins = BINS + 1  # the last bin holds dmax itself
    params["bin_width"] = width
    edges = np.arange(n_bins + 1) * width
    hist_mm3, dose_sum, _ = histogram_kernel(vals, out_start, weight, width, n_bins)
    hist = hist_mm3 / 1000.0  # cc
    covered = float(hist.sum())
    return DVH(
        roi_name=roi.name,
        roi_number=roi.number,
        bin_edges=edges,
        differential_cc=hist,
        dmin=dmin,
        dmean=float(dose_sum / 1000.0 / covered),
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


@dataclass
class _Lattices:
    """The sampling lattice of each contour plane with area, and every polygon edge, flat."""

    z: np.ndarray
    area: np.ndarray
    ox: np.ndarray
    oy: np.ndarray
    nx: np.ndarray
    ny: np.ndarray
    plane_edges: np.ndarray  # plane p's edges are ex0[plane_edges[p]:plane_edges[p + 1]] ...
    ex0: np.ndarray
    ey0: np.ndarray
    ex1: np.ndarray
    ey1: np.ndarray
    polygons: list[tuple[np.ndarray, ...]]

    def centroid_of(self, p: int) -> np.ndarray:
        polys = self.polygons[p]
        return polys[int(np.argmax([len(q) for q in polys]))].mean(axis=0)


def _lattices(planes: dict[float, tuple[np.ndarray, ...]], areas: Sequence[float], step: float) -> _Lattices:
    """Per plane (with area): a lattice of ``step`` over its polygons' bounding box, centred on it
    (x0 + i step, y0 + j step); the samples are these lattice centres with an in-cell offset."""
    zs, kept_areas, oxs, oys, nxs, nys, polys_of = [], [], [], [], [], [], []
    rings: list[np.ndarray] = []  # the polygons with edges, in plane order
    plane_edges = [0]
    for (z, polys), area in zip(planes.items(), areas, strict=True):
        if area <= 0:
            continue
        allp = np.concatenate(polys)
        x0, y0 = allp.min(axis=0)
        x1, y1 = allp.max(axis=0)
        nx = max(1, int(math.ceil((x1 - x0) / step)))
        ny = max(1, int(math.ceil((y1 - y0) / step)))
        zs.append(z)
        kept_areas.append(area)
        oxs.append(x0 + 0.5 * ((x1 - x0) - (nx - 1) * step))
        oys.append(y0 + 0.5 * ((y1 - y0) - (ny - 1) * step))
        nxs.append(nx)
        nys.append(ny)
        polys_of.append(polys)
        n_edges = 0
        for poly in polys:
            if len(poly) < 3:
                continue
            rings.append(np.asarray(poly, dtype=np.float64))
            n_edges += len(poly)
        plane_edges.append(plane_edges[-1] + n_edges)
    if rings:
        # every polygon's edges (vertex, next vertex), all at once: the next of a polygon's last vertex is its first
        lengths = np.array([len(q) for q in rings], dtype=np.int64)
        ends = np.cumsum(lengths)
        pts = np.concatenate(rings)
        nxt = np.arange(1, len(pts) + 1)
        nxt[ends - 1] = ends - lengths
        ex0, ey0 = np.ascontiguousarray(pts[:, 0]), np.ascontiguousarray(pts[:, 1])
        ex1, ey1 = ex0[nxt], ey0[nxt]
    else:
        ex0 = ey0 = ex1 = ey1 = np.zeros(0)
    return _Lattices(np.array(zs, dtype=np.float64), np.array(kept_areas, dtype=np.float64), np.array(oxs, dtype=np.float64),
                     np.array(oys, dtype=np.float64), np.array(nxs, dtype=np.int64), np.array(nys, dtype=np.int64),
                     np.array(plane_edges, dtype=np.int64), ex0, ey0, ex1, ey1, polys_of)


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
    from scipy.ndimage import map_coordinates  # here: importing it costs every command 0.15 s

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

    ROIs run one after the other; each one's planes are sampled in parallel (compiled kernel).
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
    _ = dose.dose  # decode once
    out = []
    for i, roi in enumerate(rois):
        def cb(frac: float, name: str, i: int = i) -> None:
            if progress is not None:
                progress((i + frac) / max(1, len(rois)), name)
        out.append(compute_dvh(roi, dose, structure_set=structure_set, bin_width_gy=bin_width_gy,
                               progress=cb, cancel=cancel, max_samples=max_samples))
    return out
