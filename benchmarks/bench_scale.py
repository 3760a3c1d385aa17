"""Scale: load, DVH, gamma and screenshot on a large generated case and on half of it.

The full case is a 512 x 512 x 400 CT (0.977 mm pixels, 2 mm slices), 60 ROIs on the CT planes
(a body outline on every plane and 59 organ-like shapes) and two RTDOSEs on a 2 mm grid over the
whole CT (a plan-like dose and a shifted, rescaled, noisy copy); the half case has 200 slices and
30 ROIs, so half the voxels and contours. Both are written once as DICOM into a cache folder
(``--cache``, default the user cache folder; not in the repository) and reused.

The files are read once before each step (so the times are plannerview's, not the shared disk's).
Every step runs in a fresh process, timed around the work (imports outside; wall and CPU time,
all threads) and with its peak
resident memory (``VmHWM`` of the process): load (``plannerview.load``: every header, the CT voxels, the
contours indexed by plane, the doses' pixel data), DVH (all ROIs, dose decoded first), gamma
(3 %/3 mm global, 10 % cut-off, the two doses) and a screenshot (``plannerview screenshot
--size 1000x800`` of the axial view with dose and ROIs: the whole command, under Xvfb).

    .venv/bin/python benchmarks/bench_scale.py [--cache DIR] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHILD = r"""
import json, sys, time
step, folder = sys.argv[1], sys.argv[2]
import numpy as np
import plannerview
from plannerview.compute.dvh import compute_dvhs
from plannerview.compute.gamma import gamma_index
t0, c0 = time.perf_counter(), time.process_time()
case = plannerview.load(folder)
if step == "load":
    vox = case.images[0].voxels
    planes = sum(len(r.planes) for ss in case.structure_sets for r in ss.rois)
    for d in case.doses:
        _ = d.dose
    out = {"ct": list(vox.shape), "planes": planes}
t1, c1 = time.perf_counter(), time.process_time()
if step == "dvh":
    dose = next(d for d in case.doses if "plan" in d.file.lower())
    _ = dose.dose
    ss = case.structure_sets[0]
    t1, c1 = time.perf_counter(), time.process_time()
    dvhs = compute_dvhs(ss, dose)
    out = {"rois": len(dvhs), "samples": sum(int(h.provenance["parameters"].get("samples", 0)) for h in dvhs)}
elif step == "gamma":
    ref = next(d for d in case.doses if "plan" in d.file.lower())
    ev = next(d for d in case.doses if "eval" in d.file.lower())
    _ = ref.dose, ev.dose
    t1, c1 = time.perf_counter(), time.process_time()
    r = gamma_index(ref, ev, 3, 3, 10)
    out = {"evaluated": r.evaluated_voxels, "pass_rate_pct": round(r.pass_rate_pct, 2)}
t2, c2 = time.perf_counter(), time.process_time()
seconds = (t2 - t0) if step == "load" else (t2 - t1)
cpu = (c2 - c0) if step == "load" else (c2 - c1)
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"step": step, "seconds": seconds, "cpu_s": cpu, "load_s": t1 - t0, "peak_rss_mb": hwm / 1024,
                  **out}))
"""


def warm(folder: Path) -> None:
    """Read every file once, so the timings are of plannerview, not of the disk (as bench_load)."""
    for f in folder.rglob("*.dcm"):
        f.read_bytes()


def run_child(step: str, folder: Path) -> dict:
    warm(folder)
    p = subprocess.run([sys.executable, "-c", CHILD, step, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_screenshot(folder: Path) -> dict:
    warm(folder)
    out = Path(tempfile.mkdtemp(prefix="pv-scale-")) / "shot.png"
    cmd = [sys.executable, "-m", "plannerview.cli.main", "screenshot", str(folder), "--out", str(out), "--size",
           "1000x800", "--dose", str(next(folder.glob("RD_plan*.dcm"))), "--json"]
    timer = shutil.which("time") or "/usr/bin/time"
    t0 = time.perf_counter()
    p = subprocess.run([timer, "-f", "MAXRSS_KB %M CPU_S %U %S", *cmd], capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-2000:])
    line = next(ln.split() for ln in p.stderr.splitlines() if ln.startswith("MAXRSS_KB"))
    return {"step": "screenshot", "seconds": secs, "peak_rss_mb": int(line[1]) / 1024,
            "cpu_s": float(line[3]) + float(line[4])}  # the whole command (start, imports, load, render)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, help="where the generated cases are kept (default: the user cache folder)")
    ap.add_argument("--repeat", type=int, default=2, help="fresh-process runs per step (median)")
    ap.add_argument("--steps", default="load,dvh,gamma,screenshot", help="comma-separated steps to run")
    args = ap.parse_args()
    import platformdirs
    from cases import write_large_case

    cache = args.cache or Path(platformdirs.user_cache_dir("plannerview-bench", appauthor=False))
    sizes = {"half (512 x 512 x 200 CT, 30 ROIs)": (200, 30), "full (512 x 512 x 400 CT, 60 ROIs)": (400, 60)}
    folders = {}
    for label, (n, rois) in sizes.items():
        t0 = time.perf_counter()
        folders[label] = write_large_case(cache / f"scale_{n}_{rois}", n_slices=n, n_rois=rois)
        print(f"{label}: {folders[label]} ({time.perf_counter() - t0:.0f} s to write or find)", flush=True)
    results: dict[str, dict[str, dict]] = {label: {} for label in sizes}
    steps = [x for x in ("load", "dvh", "gamma", "screenshot") if x in args.steps.split(",")]
    for step in steps:
        for label, folder in folders.items():  # the two sizes interleaved
            runs = [run_screenshot(folder) if step == "screenshot" else run_child(step, folder)
                    for _ in range(args.repeat)]
            r = dict(runs[-1])
            r["seconds"] = statistics.median(x["seconds"] for x in runs)
            r["cpu_s"] = statistics.median(x.get("cpu_s", float("nan")) for x in runs)
            r["peak_rss_mb"] = max(x["peak_rss_mb"] for x in runs)
            results[label][step] = r
            print(f"  {step:<10} {label}: {r}", flush=True)
    half, full = (results[k] for k in sizes)
    print("\n| step | half case s (CPU s) | full case s (CPU s) | growth (x2 the data), wall (CPU) "
          "| half peak RSS MB | full peak RSS MB | growth |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for step in steps:
        h, f = half[step], full[step]
        cpu = f" ({f['cpu_s'] / h['cpu_s']:.2f}x)"
        hc = f" ({h['cpu_s']:.2f})"
        fc = f" ({f['cpu_s']:.2f})"
        print(f"| {step} | {h['seconds']:.2f}{hc} | {f['seconds']:.2f}{fc} | {f['seconds'] / h['seconds']:.2f}x{cpu} | "
              f"{h['peak_rss_mb']:.0f} | {f['peak_rss_mb']:.0f} | {f['peak_rss_mb'] / h['peak_rss_mb']:.2f}x |")
    if "dvh" in full and "gamma" in full:
        print(f"\nfull: DVH {full['dvh'].get('rois')} ROIs, {full['dvh'].get('samples', 0) / 1e6:.0f} M samples; gamma "
              f"{full['gamma'].get('evaluated')} voxels, {full['gamma'].get('pass_rate_pct')} % pass")
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores, shared); {time.strftime('%Y-%m-%d %H:%M')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
