"""Contouring benchmark on the real thorax case (../shared/data/onko_lung_imrt, 105 x 512 x 512 CT).

Times (median of ``--repeat`` runs) and accuracy of: automatic body, lungs (Dice against the
clinical LUNG_R / LUNG_L rasterised on the CT grid), bones and air cavities; a 5 mm and a
7 mm-except-5-mm-posterior expansion of PTV4140; tracing and writing the new RTSTRUCT.
Prints a Markdown table and saves it in ``benchmarks/results/contouring.md``.

Peer cross-check (lowest priority, not done yet): dicompyler-core, plastimatch and rt-utils
reading the written RTSTRUCT's volumes, each in its own venv ``benchmarks/.venv-<peer>``.

    .venv/bin/python benchmarks/bench_contouring.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
CASE = HERE.parent.parent / "shared" / "data" / "onko_lung_imrt"


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def dice(a: np.ndarray, b: np.ndarray) -> float:
    return 2.0 * np.count_nonzero(a & b) / max(1, np.count_nonzero(a) + np.count_nonzero(b))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not CASE.is_dir():
        print(f"{CASE} is missing", file=sys.stderr)
        return 2
    import plannerview
    from plannerview.compute.contours import roi_volume_cc
    from plannerview.compute.margins import Margins, expand_mask
    from plannerview.compute.mask_to_contours import mask_to_roi
    from plannerview.compute.masks import roi_mask_on_grid
    from plannerview.io.rtstruct_writer import write_rtstruct
    from plannerview.model import Case, Provenance
    from plannerview.plugins import discover, run_contour_engine

    case = plannerview.load(str(CASE))
    img, ss = case.images[0], case.structure_sets[0]
    g = img.grid
    _ = img.voxels
    reg = discover(folders=[])
    one = Case(images=(img,), structure_sets=(ss,))

    def engine(name: str) -> dict[str, np.ndarray]:
        run = run_contour_engine(reg, f"plannerview-contouring:{name}", one, img, ss)
        return {r.result.name: r.result.mask for r in run.rois}

    rows: list[tuple[str, float, str]] = []
    t, body = timed(lambda: engine("body"), args.repeat)
    hu = img.voxels
    b = body["BODY"]
    cover = min(np.count_nonzero(roi_mask_on_grid(r, g) & b) / max(1, np.count_nonzero(roi_mask_on_grid(r, g)))
                for r in ss.rois)
    rows.append(("body", t, f"min clinical ROI coverage {cover * 100:.2f} %, air<-950 HU "
                            f"{np.count_nonzero(b & (hu < -950)) / np.count_nonzero(b) * 100:.2f} % of body"))
    t, lungs = timed(lambda: engine("lungs"), args.repeat)
    dr = dice(lungs["Lung_R"], roi_mask_on_grid(ss.roi("LUNG_R"), g))
    dl = dice(lungs["Lung_L"], roi_mask_on_grid(ss.roi("LUNG_L"), g))
    rows.append(("lungs (body included)", t, f"Dice R {dr:.4f}, L {dl:.4f}"))
    t, bones = timed(lambda: engine("bones"), args.repeat)
    rows.append(("bones (body included)", t, f"{np.count_nonzero(bones['Bones']) * g.voxel_volume_cc:.0f} cc"))
    t, air = timed(lambda: engine("air_cavities"), args.repeat)
    rows.append(("air cavities (body, lungs included)", t,
                 f"{np.count_nonzero(air['Air_Cavities']) * g.voxel_volume_cc:.1f} cc"))
    ptv = roi_mask_on_grid(ss.roi("PTV4140"), g)
    t, grown = timed(lambda: expand_mask(ptv, g, 5.0), args.repeat)
    rows.append(("PTV4140 + 5 mm", t, f"{np.count_nonzero(ptv) * g.voxel_volume_cc:.1f} -> "
                                      f"{np.count_nonzero(grown) * g.voxel_volume_cc:.1f} cc"))
    t, grown2 = timed(lambda: expand_mask(ptv, g, Margins(7, 7, 7, 5, 7, 7)), args.repeat)
    rows.append(("PTV4140 + 7 mm (5 mm posterior)", t, f"{np.count_nonzero(grown2) * g.voxel_volume_cc:.1f} cc"))
    t, roi = timed(lambda: mask_to_roi(grown, g, 100, "PTV+5", slice_uids=img.slice_sop_uids), args.repeat)
    rows.append(("trace PTV+5 to contours", t, f"{len(roi.contours)} contours, "
                                               f"{roi_volume_cc(roi, g.spacing_mm[0]):.1f} cc from contours"))
    t, body_roi = timed(lambda: mask_to_roi(b, g, 101, "BODY", slice_uids=img.slice_sop_uids), args.repeat)
    rows.append(("trace BODY to contours", t, f"{sum(c.n_points for c in body_roi.contours)} points"))
    with tempfile.TemporaryDirectory() as tmp:
        n = iter(range(1000))
        t, _ = timed(lambda: write_rtstruct(Path(tmp) / f"rs{next(n)}.dcm", img, [roi, body_roi], ss,
                                            {100: Provenance("bench", "0")}), args.repeat)
    rows.append(("write RTSTRUCT (9 + 2 ROIs)", t, ""))
    table = ["| step | seconds | result |", "|---|---:|---|"]
    table += [f"| {a} | {t:.3f} | {c} |" for a, t, c in rows]
    text = f"Contouring on onko_lung_imrt ({' x '.join(map(str, g.shape_zyx))}), median of {args.repeat}\n\n" + \
        "\n".join(table)
    print(text)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "contouring.md").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
