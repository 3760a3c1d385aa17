"""ROI volumes by dicompyler-core, for the RTSTRUCT cross-check (``bench_rtstruct_peers.py``).
Runs in ``benchmarks/.venv-dicompyler`` (dicompyler-core 0.5.6, pydicom<3, numpy<2, scikit-image,
shapely), never in plannerview's venv.

    python rtstruct_volumes_dicompyler.py RTSTRUCT RTDOSE [--roi NUMBER ...] [--interpolation]

RTDOSE is a uniform dose covering every contour (the benchmark writes one on the CT grid). Two
volumes per ROI:

- ``volume_cc``: ``dvhcalc.get_dvh(...).volume``, the volume dicompyler-core reports with a DVH:
  per contour plane, the dose-grid points inside the contours (matplotlib ``contains_points``,
  several contours on a plane combined by XOR, so holes are kept) times the pixel area times the
  structure's thickness (the smallest gap between its planes). Every plane counts a whole
  thickness, i.e. half a slice either side, as plannerview does. Without ``--interpolation``
  the points are the dose grid's voxel centres; with it, the DVH benchmark's settings
  (interpolation_resolution = dose pixel spacing / 4, interpolation_segments_between_planes = 2).
- ``structure_volume_cc``: ``DicomParser.CalculateStructureVolume`` (shapely polygon areas,
  first and last planes at half weight; only when shapely imports).

Prints one JSON document: tool, settings, total seconds and, per ROI name, number, volumes and
seconds (or an error).
"""

import argparse
import json
import time

from dicompyler_settings import interpolation_kwargs
from dicompylercore import dicomparser, dvhcalc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rtstruct")
    ap.add_argument("rtdose")
    ap.add_argument("--roi", type=int, nargs="*")
    ap.add_argument("--interpolation", action="store_true", help="the DVH benchmark's interpolation settings")
    args = ap.parse_args()
    rs = dicomparser.DicomParser(args.rtstruct)
    rd = dicomparser.DicomParser(args.rtdose)
    kw = interpolation_kwargs(rd, args.interpolation)
    out = {}
    t_all = time.perf_counter()
    for number, s in rs.GetStructures().items():
        if args.roi and number not in args.roi:
            continue
        res = {"number": int(number)}
        t0 = time.perf_counter()
        try:
            d = dvhcalc.get_dvh(args.rtstruct, args.rtdose, number, **kw)
            res["volume_cc"] = float(d.volume)
        except Exception as exc:  # noqa: BLE001 - report and go on, as a user would
            res["error"] = f"{type(exc).__name__}: {exc}"
        res["seconds"] = time.perf_counter() - t0
        if dicomparser.shapely_available:
            t0 = time.perf_counter()
            try:
                coords = rs.GetStructureCoordinates(number)
                res["structure_volume_cc"] = float(rs.CalculateStructureVolume(coords,
                                                                                rs.CalculatePlaneThickness(coords)))
            except Exception as exc:  # noqa: BLE001
                res["structure_volume_error"] = f"{type(exc).__name__}: {exc}"
            res["structure_volume_seconds"] = time.perf_counter() - t0
        out[s["name"]] = res
    import dicompylercore
    print(json.dumps({"tool": f"dicompyler-core {dicompylercore.__version__}", "seconds": time.perf_counter() - t_all,
                      "settings": kw, "rois": out}))


if __name__ == "__main__":
    main()
