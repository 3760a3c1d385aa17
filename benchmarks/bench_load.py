"""Load benchmark: onko_lung_imrt (105 x 512 x 512 CT, RTSTRUCT, RTPLAN).

Each method runs in a fresh process (files already in the OS cache after a warm-up read), and
plannerview also a second time in the same process. "Memory" is the growth of resident memory
over the process's state after its imports, which counts SimpleITK's own (C++) memory too.
Target: whole case parsed, CT in memory, contours indexed by plane, <= 1.5 s; growth <= 2.5x the
CT's int16 voxel data.

    .venv/bin/python benchmarks/bench_load.py [CASE_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "onko_lung_imrt"

CHILD = r"""
import json, sys, time, glob, os
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')
method, folder = sys.argv[1], sys.argv[2]
import numpy as np
if method.startswith('plannerview'):
    import plannerview, plannerview.io.loader  # imports are not timed
elif method == 'pydicom':
    import pydicom
elif method == 'sitk':
    import SimpleITK as sitk
base = rss()
t0 = time.perf_counter()
if method.startswith('plannerview'):
    case = plannerview.load(folder)
    vox = case.images[0].voxels
    planes = sum(len(r.planes) for ss in case.structure_sets for r in ss.rois)
    shape = vox.shape
    t1 = time.perf_counter()
    extra = {}
    grow_first = rss() - base
    if method == 'plannerview-twice':
        t2 = time.perf_counter()
        case = plannerview.load(folder)
        vox = case.images[0].voxels
        planes = sum(len(r.planes) for ss in case.structure_sets for r in ss.rois)
        extra['second_s'] = time.perf_counter() - t2
elif method == 'pydicom':
    files = sorted(glob.glob(os.path.join(folder, 'CT_*.dcm')))
    dss = [pydicom.dcmread(f) for f in files]
    dss.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    vox = np.stack([d.pixel_array.astype(np.int16) * int(d.RescaleSlope) + int(d.RescaleIntercept) for d in dss])
    del dss
    shape = vox.shape
    t1 = time.perf_counter(); extra = {}
elif method == 'sitk':
    r = sitk.ImageSeriesReader()
    files = r.GetGDCMSeriesFileNames(folder)
    r.SetFileNames(files)
    img = r.Execute()
    vox = sitk.GetArrayViewFromImage(img)
    shape = vox.shape
    t1 = time.perf_counter(); extra = {}
grow = rss() - base if not method.startswith('plannerview') else grow_first
print(json.dumps({"seconds": t1 - t0, "rss_growth_mb": grow / 2**20, "shape": list(shape),
                  "ct_int16_mb": int(np.prod(shape)) * 2 / 2**20, **extra}))
"""


def run(method: str, folder: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, method, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("case", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    folder = Path(args.case)
    for f in folder.iterdir():  # warm the OS cache
        f.read_bytes()
    rows = []
    for method, label in [("plannerview-twice", "plannerview.load (whole case)"),
                          ("pydicom", "plain pydicom loop (CT only)"),
                          ("sitk", "SimpleITK ImageSeriesReader (CT only)")]:
        runs = [run(method, folder) for _ in range(args.repeat)]
        rows.append((label, runs))
    ct_mb = rows[0][1][0]["ct_int16_mb"]
    print(f"case: {folder}  CT {rows[0][1][0]['shape']}  int16 voxels {ct_mb:.1f} MB  (median of {args.repeat} fresh processes)")
    print(f"| {'method':<40} | {'time s':>7} | {'2nd load s':>10} | {'RSS growth MB':>13} | {'x CT':>5} |")
    print(f"|{'-' * 42}|{'-' * 9}|{'-' * 12}|{'-' * 15}|{'-' * 7}|")
    for label, runs in rows:
        t = statistics.median(r["seconds"] for r in runs)
        m = statistics.median(r["rss_growth_mb"] for r in runs)
        second = [r["second_s"] for r in runs if "second_s" in r]
        s2 = f"{statistics.median(second):.3f}" if second else "-"
        print(f"| {label:<40} | {t:>7.3f} | {s2:>10} | {m:>13.1f} | {m / ct_mb:>5.2f} |")


if __name__ == "__main__":
    main()
