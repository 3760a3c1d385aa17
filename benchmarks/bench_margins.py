"""Margins: the voxel method (the ROI's mask on the CT grid, an exact distance between voxel
centres, traced back) against the contour method (``compute.contour_margins``: from the contours at
sub-voxel resolution), on spheres of 5 to 50 mm given as contours (180-gons) on CT-like planes.

Volumes are the result contours' (each plane a slab one spacing thick); "analytic" is the exact
cross-section of the ideal grown or shrunk sphere on the same planes (also the ideal sphere's
volume). Times include everything from the contours to the result's contours (median of 3; wall
and, in brackets, CPU time of the process, all threads: the machine is shared).

Then clinical ROIs of ``onko_lung_imrt`` on its CT (512 x 512 x 105, 0.98 mm pixels, 3 mm
slices), as the ``margin`` command runs them (no analytic value: the two methods' volumes side by
side; the voxel method rasterises the ROI on the CT grid, grows or shrinks it and traces it back).

    .venv/bin/python benchmarks/bench_margins.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from plannerview.compute.contour_margins import margin_planes  # noqa: E402
from plannerview.compute.contours import plane_area_mm2, roi_volume_cc  # noqa: E402
from plannerview.compute.margins import contract_mask, expand_mask  # noqa: E402
from plannerview.compute.mask_to_contours import mask_to_roi  # noqa: E402
from plannerview.compute.masks import roi_mask_on_grid  # noqa: E402
from tests.plugins.phantom import grid as make_grid  # noqa: E402
from tests.plugins.phantom import sphere_roi  # noqa: E402

CASES = [(5, 5, True, 1.0), (10, 5, True, 1.0), (10, 5, False, 1.0), (20, 10, True, 1.0), (30, 20, False, 1.0),
         (45, 5, True, 1.0), (50, 5, False, 1.0), (25, 5, True, 2.5), (50, 5, False, 2.5), (40, 20, False, 2.5)]
CENTRE = (0.31, -0.17, 0.37)
PIXEL_MM = 1.0


def run(radius: float, margin: float, grow: bool, slice_mm: float) -> dict[str, float]:
    half = radius + margin + 6
    nxy = int(2 * half / PIXEL_MM) + 1
    nz = int(2 * half / slice_mm) + 1
    g = make_grid((nz, nxy, nxy), (slice_mm, PIXEL_MM, PIXEL_MM), (-half, -half, -half))
    zs = g.axis_coords_mm()[0]
    roi = sphere_roi(1, "S", CENTRE, radius, zs)
    result = radius + margin if grow else radius - margin
    slab = float(np.sum(np.pi * np.clip(result**2 - (zs - CENTRE[2]) ** 2, 0, None)) * slice_mm / 1000)
    ideal = 4 / 3 * np.pi * result**3 / 1000

    def voxel() -> float:
        mask = roi_mask_on_grid(roi, g)
        out = expand_mask(mask, g, margin) if grow else contract_mask(mask, g, margin)
        return roi_volume_cc(mask_to_roi(out, g, 2, "V"), slice_mm) or 0.0

    def contour() -> float:
        planes = margin_planes(roi, margin, zs, shrink=not grow)
        return sum(plane_area_mm2(p) for p in planes.values()) * slice_mm / 1000

    out: dict[str, float] = {"slab": slab, "ideal": ideal}
    for name, fn in (("voxel", voxel), ("contour", contour)):
        fn()
        ts, cs = [], []
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            v = fn()
            ts.append(time.perf_counter() - t0)
            cs.append(time.process_time() - c0)
        out[name] = v
        out[name + "_s"] = statistics.median(ts)
        out[name + "_cpu"] = statistics.median(cs)
    return out


LUNG = HERE.parents[1] / "shared" / "data" / "onko_lung_imrt"
REAL = [("PTV4140", 5.0, True), ("PTV4140", 5.0, False), ("GTVp", 10.0, True), ("HEART", 3.0, True),
        ("LUNG_R", 10.0, False)]


def timed(fn) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """(result, median wall s, median CPU s) of three runs after a warm-up."""
    fn()
    ts, cs, v = [], [], 0.0
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        v = fn()
        ts.append(time.perf_counter() - t0)
        cs.append(time.process_time() - c0)
    return v, statistics.median(ts), statistics.median(cs)


def real_rois() -> None:
    import plannerview

    case = plannerview.load(LUNG)
    ss, img = case.structure_sets[0], case.images[0]
    g = img.grid
    zs = g.axis_coords_mm()[0]
    print(f"\nonko_lung_imrt, CT {' x '.join(map(str, g.shape_zyx[::-1]))}; each method from the ROI's contours to "
          "the result's contours on the CT planes (median of 3)\n")
    print("| ROI | margin | ROI cc | voxel method cc | contour method cc | difference % | voxel s (CPU) "
          "| contour s (CPU) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, margin, grow in REAL:
        roi = ss.roi(name)

        def voxel(roi=roi, margin=margin, grow=grow) -> float:  # type: ignore[no-untyped-def]
            mask = roi_mask_on_grid(roi, g)
            out = expand_mask(mask, g, margin) if grow else contract_mask(mask, g, margin)
            return roi_volume_cc(mask_to_roi(out, g, 2, "V"), g.spacing_mm[0]) or 0.0

        def contour(roi=roi, margin=margin, grow=grow) -> float:  # type: ignore[no-untyped-def]
            planes = margin_planes(roi, margin, zs, shrink=not grow)
            return sum(plane_area_mm2(p) for p in planes.values()) * g.spacing_mm[0] / 1000

        v, vs, vc = timed(voxel)
        c, cs_, cc = timed(contour)
        print(f"| {name} | {'+' if grow else '-'}{margin:g} mm | {roi_volume_cc(roi, g.spacing_mm[0]):.1f} | "
              f"{v:.2f} | {c:.2f} | {100 * (c / v - 1):+.2f} | {vs:.2f} ({vc:.2f}) | {cs_:.2f} ({cc:.2f}) |",
              flush=True)


def main() -> int:
    print(f"spheres as 180-gon contours, pixels {PIXEL_MM} mm; error against the analytic volume on the same planes "
          "(and against the ideal sphere)\n")
    print("| sphere | margin | planes | analytic cc | voxel method % | contour method % | ideal sphere: voxel % "
          "| contour % | voxel s (CPU) | contour s (CPU) |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    worst = {"voxel": 0.0, "contour": 0.0}
    for radius, margin, grow, sl in CASES:
        r = run(radius, margin, grow, sl)
        e = {k: 100 * (r[k] / r["slab"] - 1) for k in ("voxel", "contour")}
        ei = {k: 100 * (r[k] / r["ideal"] - 1) for k in ("voxel", "contour")}
        for k in worst:
            worst[k] = max(worst[k], abs(e[k]))
        print(f"| r {radius:g} mm | {'+' if grow else '-'}{margin:g} mm | {sl:g} mm | {r['slab']:.3f} | "
              f"{e['voxel']:+.2f} | {e['contour']:+.2f} | {ei['voxel']:+.2f} | {ei['contour']:+.2f} | "
              f"{r['voxel_s']:.2f} ({r['voxel_cpu']:.2f}) | {r['contour_s']:.2f} ({r['contour_cpu']:.2f}) |", flush=True)
    print(f"\nworst against the analytic volume: voxel {worst['voxel']:.2f} %, contour {worst['contour']:.2f} %")
    if LUNG.is_dir():
        real_rois()
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores, shared); {time.strftime('%Y-%m-%d %H:%M')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
