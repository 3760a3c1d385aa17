"""RTSTRUCT writing speed and read-back (issue 16, item 3).

onko_lung_imrt's structure set (9 ROIs, 482 contours, 50,916 points) written again by
``io.rtstruct_writer.write_rtstruct`` (the originals passed through): the writer as it is (contour
items ready-encoded) and with pydicom's per-value path (one validated ``DSfloat`` per coordinate,
what it did before), interleaved, medians. Then both files are read back: by pydicom (every
element compared, UIDs and times aside), and by dicompyler-core and plastimatch (their ROI
volumes from each file, which must be identical), and checked with ``dciodvfy``.

    .venv/bin/python benchmarks/bench_rtstruct_write.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pydicom

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_rtstruct_peers import (  # noqa: E402
    CASE,
    DCM_PY,
    PLM,
    PLM_PY,
    ct_only_folder,
    run_peer,
    write_uniform_dose,
)

import plannerview  # noqa: E402
from plannerview.io import rtstruct_writer  # noqa: E402
from tests.io.test_rtstruct_write_encoding import _elements  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    case = plannerview.load(CASE)
    ss, img = case.structure_sets[0], case.images[0]
    work = Path(tempfile.mkdtemp(prefix="pv-rs-write-"))
    fast_raw = rtstruct_writer.contour_data_raw
    times: dict[str, list[float]] = {"ready-encoded (now)": [], "pydicom per value (before)": []}
    cpu: dict[str, list[float]] = {k: [] for k in times}
    files: dict[str, Path] = {}
    rtstruct_writer.write_rtstruct(work / "warm.dcm", img, [], ss)
    for n in range(args.repeat):
        for label, raw in (("ready-encoded (now)", fast_raw), ("pydicom per value (before)", lambda pts: None)):
            rtstruct_writer.contour_data_raw = raw  # type: ignore[assignment]
            path = work / f"{'fast' if raw is fast_raw else 'slow'}_{n}.dcm"
            t0, c0 = time.perf_counter(), time.process_time()
            rtstruct_writer.write_rtstruct(path, img, [], ss)
            times[label].append(time.perf_counter() - t0)
            cpu[label].append(time.process_time() - c0)
            files[label] = path
    rtstruct_writer.contour_data_raw = fast_raw  # type: ignore[assignment]
    n_pts = sum(c.n_points for r in ss.rois for c in r.contours)
    print(f"onko_lung_imrt structure set: {len(ss.rois)} ROIs, {sum(len(r.contours) for r in ss.rois)} contours, "
          f"{n_pts:,} points; median of {args.repeat} (interleaved)\n")
    print("| writer | wall s | CPU s |\n|---|---:|---:|")
    for label in times:
        print(f"| {label} | {statistics.median(times[label]):.3f} | {statistics.median(cpu[label]):.3f} |")
    a, b = (pydicom.dcmread(files[k]) for k in times)
    ea, eb = _elements(a), _elements(b)
    differ = [k for k in ea if ea[k] != eb.get(k)] + [k for k in eb if k not in ea]
    print(f"\npydicom read-back: {len(ea)} elements, {len(differ)} differ" + (f" ({differ[:5]})" if differ else ""))
    exe = shutil.which("dciodvfy")
    for label, path in files.items():
        if exe:
            res = subprocess.run([exe, str(path)], capture_output=True, text=True)
            errs = [ln for ln in (res.stdout + res.stderr).splitlines() if ln.startswith("Error")]
            print(f"dciodvfy {label}: {len(errs)} errors")
    # peers: the same volumes from both files
    ctdir = work / "ct"
    grid = ct_only_folder(CASE, ctdir)
    dose = write_uniform_dose(grid, work / "dose")
    plm_py = PLM_PY if PLM_PY.exists() else Path(sys.executable)
    vols: dict[str, dict[str, dict]] = {}
    for label, path in files.items():
        vols[label] = {
            "dicompyler-core": (run_peer("dicompyler-core", DCM_PY, "rtstruct_volumes_dicompyler.py",
                                         [str(path), str(dose)], 1800) or {}).get("rois", {}),
            "plastimatch": (run_peer("plastimatch", plm_py, "rtstruct_volumes_plastimatch.py",
                                     [str(ctdir), str(path), str(work / f"plm_{len(vols)}"), "--binary", str(PLM)],
                                     1800) or {}).get("rois", {}),
        }
    now, before = (vols[k] for k in times)
    print("\n| ROI | dicompyler-core cc (now / before) | plastimatch cc (now / before) |\n|---|---:|---:|")
    same = True
    for roi in ss.rois:
        cells = []
        for peer in ("dicompyler-core", "plastimatch"):
            x = now[peer].get(roi.name, {}).get("volume_cc")
            y = before[peer].get(roi.name, {}).get("volume_cc")
            same &= x == y
            cells.append(f"{x if x is None else f'{x:.3f}'} / {y if y is None else f'{y:.3f}'}")
        print(f"| {roi.name} | {cells[0]} | {cells[1]} |")
    print(f"\npeers read identical volumes from both files: {same}")
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores, shared); {time.strftime('%Y-%m-%d %H:%M')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
