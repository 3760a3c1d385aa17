"""DVHs by plastimatch (``plastimatch dvh``), for the benchmark. The binary comes from the PyPI
package ``plastimatch`` installed in ``benchmarks/.venv-plastimatch``; this wrapper only runs it and
reads its CSV (any Python 3 with numpy will do).

    python plastimatch_dvh.py FOLDER --bin-width GY [--binary PATH]

FOLDER holds one RTSTRUCT and one RTDOSE. plastimatch rasterises the structures on its own grid
(printed as "checking voxel size"); volumes are voxel counts times that voxel's volume. Prints one
JSON document like ``dicompyler_dvh.py``; metrics come from the cumulative curve (linear between
bins, Dmean from bin centres).
"""

import argparse
import csv
import json
import subprocess
import time
from pathlib import Path

import numpy as np

DEFAULT_BINARY = Path(__file__).resolve().parents[1] / ".venv-plastimatch" / "bin" / "plastimatch"


def metrics_from_cumulative(dose, vol):
    v0 = vol[0]
    diff = -np.diff(np.append(vol, 0.0))
    width = np.append(np.diff(dose), dose[-1] - dose[-2] if len(dose) > 1 else 0.0)
    out = {"volume_cc": float(v0), "Dmean": float(np.dot(diff, dose + width / 2) / v0) if v0 > 0 else None}
    for p in (2, 50, 95, 98):
        out[f"D{p}%"] = float(np.interp(v0 * p / 100, vol[::-1], dose[::-1])) if v0 > 0 else None
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--bin-width", type=float, required=True)
    ap.add_argument("--max-dose", type=float, required=True, help="histogram range: bins up to this dose")
    ap.add_argument("--binary", default=str(DEFAULT_BINARY))
    args = ap.parse_args()
    out_csv = Path(args.folder) / "plastimatch_dvh.csv"
    n_bins = int(np.ceil(args.max_dose * 1.01 / args.bin_width)) + 1
    t0 = time.perf_counter()
    proc = subprocess.run([args.binary, "dvh", "--input", args.folder, "--output-csv", str(out_csv),
                           "--num-bins", str(n_bins), "--bin-width", f"{args.bin_width:.6g}", "--normalization", "vox"],
                          check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    lines = (proc.stdout + proc.stderr).splitlines()
    i = next(n for n, line in enumerate(lines) if "checking voxel size" in line)
    voxel_cc = float(np.prod([float(v) for v in lines[i + 1].split()[:3]])) / 1000.0
    rows = list(csv.reader(out_csv.open()))
    header = rows[0]
    data = np.array([[float(v) for v in r] for r in rows[1:] if len(r) == len(header)])
    rois = {}
    for c, name in enumerate(header[1:], start=1):
        vol = data[:, c] * voxel_cc
        if vol[0] > 0:
            rois[name] = metrics_from_cumulative(data[:, 0], vol)
    version = subprocess.run([args.binary, "--version"], capture_output=True, text=True).stdout.strip()
    print(json.dumps({"tool": version.replace(" version", ""), "seconds": seconds, "voxel_cc": voxel_cc, "rois": rois}))


if __name__ == "__main__":
    main()
