"""Margins: the voxel method (the ROI's mask on the CT grid, an exact distance between voxel
centres, traced back) against the contour method (``compute.contour_margins``: from the contours at
sub-voxel resolution), on spheres of 5 to 50 mm given as contours (180-gons) on CT-like planes.

Volumes are the result contours' (each plane a slab one spacing thick); "analytic" is the exact
cross-section of the ideal grown or shrunk sphere on the same planes (also the ideal sphere's
volume). Times include everything from the contours to the result's contours (median of 3; wall
and, in brackets, CPU time of the process, all threads: the machine is shared).

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
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores, shared); {time.strftime('%Y-%m-%d %H:%M')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
