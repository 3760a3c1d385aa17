"""ROI volumes by rt-utils, for the RTSTRUCT cross-check (``bench_rtstruct_peers.py``). Runs in
``benchmarks/.venv-rtutils`` (rt-utils 1.2.7), never in plannerview's venv.

    python rtstruct_volumes_rtutils.py CTDIR RTSTRUCT

``RTStructBuilder.create_from`` loads the CT series and the structure set;
``get_roi_mask_by_name`` rasterises each ROI on the CT grid (contours matched to slices through
their ContourImageSequence, vertices rounded to the nearest pixel, all contours of a slice filled
together by OpenCV ``fillPoly``, which keeps boundary pixels). Volume = mask voxels x CT voxel
volume. Prints one JSON document: tool, voxel_cc, load and total seconds and, per ROI name,
volume (cc), voxel count and seconds (or an error).
"""

import argparse
import json
import time
from importlib.metadata import version

import numpy as np
from rt_utils import RTStructBuilder


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ctdir")
    ap.add_argument("rtstruct")
    args = ap.parse_args()
    t_all = time.perf_counter()
    rt = RTStructBuilder.create_from(dicom_series_path=args.ctdir, rt_struct_path=args.rtstruct)
    load_s = time.perf_counter() - t_all
    first = rt.series_data[0]
    row_mm, col_mm = (float(v) for v in first.PixelSpacing)
    zs = sorted(float(ds.ImagePositionPatient[2]) for ds in rt.series_data)
    gaps = np.diff(zs)
    slice_mm = float(np.median(gaps)) if len(gaps) else float(first.SliceThickness)
    voxel_cc = row_mm * col_mm * slice_mm / 1000.0
    rois = {}
    for name in rt.get_roi_names():
        t0 = time.perf_counter()
        try:
            n = int(np.count_nonzero(rt.get_roi_mask_by_name(name)))
            rois[name] = {"volume_cc": n * voxel_cc, "voxels": n}
        except Exception as exc:  # noqa: BLE001 - report and go on, as a user would
            rois[name] = {"error": f"{type(exc).__name__}: {exc}"}
        rois[name]["seconds"] = time.perf_counter() - t0
    print(json.dumps({"tool": f"rt-utils {version('rt-utils')}", "voxel_cc": voxel_cc, "load_seconds": load_s,
                      "seconds": time.perf_counter() - t_all, "rois": rois}))


if __name__ == "__main__":
    main()
