"""DVHs by dicompyler-core, for the benchmark. Runs in ``benchmarks/.venv-dicompyler``
(dicompyler-core 0.5.6, pydicom<3, numpy<2, scikit-image), never in plannerview's venv.

    python dicompyler_dvh.py RTSTRUCT RTDOSE [--roi NUMBER ...] [--no-interpolation]

Settings of the issue: interpolation_resolution = dose pixel spacing / 4,
interpolation_segments_between_planes = 2. Prints one JSON document: total seconds and, per ROI
name, volume (cc), Dmean, D2%, D50%, D95%, D98% (Gy) and seconds.
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
    ap.add_argument("--no-interpolation", action="store_true")
    args = ap.parse_args()
    rs = dicomparser.DicomParser(args.rtstruct)
    rd = dicomparser.DicomParser(args.rtdose)
    kw = interpolation_kwargs(rd, not args.no_interpolation)
    out = {}
    t_all = time.perf_counter()
    for number, s in rs.GetStructures().items():
        if args.roi and number not in args.roi:
            continue
        t0 = time.perf_counter()
        try:
            d = dvhcalc.get_dvh(args.rtstruct, args.rtdose, number, **kw)
        except Exception as exc:  # noqa: BLE001 - report and go on, as a user would
            out[s["name"]] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        if d.volume > 0:
            out[s["name"]] = {"volume_cc": float(d.volume), "Dmean": float(d.mean), "D2%": float(d.D2.value),
                              "D50%": float(d.D50.value), "D95%": float(d.D95.value), "D98%": float(d.D98.value),
                              "seconds": time.perf_counter() - t0}
    import dicompylercore
    print(json.dumps({"tool": f"dicompyler-core {dicompylercore.__version__}", "seconds": time.perf_counter() - t_all,
                      "settings": kw, "rois": out}))


if __name__ == "__main__":
    main()
