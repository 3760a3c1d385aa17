"""GUI responsiveness (software OpenGL under Xvfb). Prints a table; not a test.

1. Launch to first rendered demo slice: ``plannerview open --exit-after-first-frame`` run as a
   fresh process (first launch, then warm launches; target <= 3 s).
2. Scrolling one axial slice on onko_lung_imrt (512 x 512 x 105, 9 ROIs) with a synthetic smooth
   dose (a 3D Gaussian around the PTV, 2.5 mm grid): the axial view repaints its new slice and
   the sagittal and coronal views their crosshair; median of 40 steps (target <= 30 ms).
3. Building every ROI surface for the 3D view (off the GUI thread in the app; timed here
   directly; target <= 2 s).

Run: ``xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python benchmarks/bench_gui.py``
(it re-runs itself under xvfb-run when DISPLAY is unset).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
LUNG = REPO.parent / "shared" / "data" / "onko_lung_imrt"


def launch_times(n: int = 3) -> list[float]:
    env = dict(os.environ, PLANNERVIEW_CONFIG_DIR=tempfile.mkdtemp(prefix="pv-bench-"))
    exe = [sys.executable, "-m", "plannerview.cli.main", "open", "--exit-after-first-frame"]
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = subprocess.run(exe, env=env, capture_output=True, text=True, timeout=120)
        dt = time.perf_counter() - t0
        if r.returncode != 0 or "first slice rendered" not in r.stdout:
            raise RuntimeError(f"launch failed: {r.stdout}\n{r.stderr}")
        out.append(dt)
    return out


def synthetic_dose(case):  # type: ignore[no-untyped-def]
    import dataclasses

    from plannerview.model import DoseGrid, Grid

    img = case.images[0]
    ss = case.structure_sets[0]
    ptv = next(r for r in ss.rois if r.name.upper().startswith("PTV"))
    pts = np.concatenate([np.column_stack([np.concatenate(p), np.full(sum(len(q) for q in p), z)])
                          for z, p in ptv.planes.items()])
    c = pts.mean(axis=0)
    centres = img.grid.corners_mm(edges=False)  # the image's outer voxel centres
    lo, hi = centres.min(axis=0), centres.max(axis=0)
    sp = 2.5
    shape = tuple(int((hi[a] - lo[a]) / sp) + 1 for a in (2, 1, 0))
    grid = Grid(shape, (sp, sp, sp), tuple(lo), np.eye(3), img.frame_of_reference_uid)
    zc, yc, xc = (lo[a] + sp * np.arange(shape[2 - a]) for a in (2, 1, 0))
    zz, yy, xx = np.meshgrid(zc, yc, xc, indexing="ij", sparse=True)
    dose = (45.0 * np.exp(-(((xx - c[0]) / 60) ** 2 + ((yy - c[1]) / 50) ** 2 + ((zz - c[2]) / 70) ** 2))).astype(np.float32)
    d = DoseGrid(sop_uid="2.25.1", frame_of_reference_uid=img.frame_of_reference_uid, grid=grid, dose_type="PHYSICAL",
                 units="GY", summation_type="PLAN", loader=lambda: dose, description="synthetic Gaussian")
    return dataclasses.replace(case, doses=(d,))


def scroll_and_surfaces() -> tuple[list[float], float, int]:
    from PySide6.QtCore import QEventLoop, QTimer

    import plannerview
    from plannerview.ui.app import make_app
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings
    from plannerview.ui.surfaces import structure_surfaces

    case = synthetic_dose(plannerview.load(str(LUNG)))
    _ = case.images[0].voxels
    app = make_app("dark")
    win = MainWindow(settings=Settings(), heavy_panels=False)
    win.resize(1600, 1000)
    win.show()
    win.set_case(case)
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()
    views = [win.axial, win.sagittal, win.coronal]
    for v in views:
        v.repaint()
    times = []
    start = win.axial.index
    steps = [1] * 20 + [-1] * 20
    for st in steps:  # each step: a slice the axial view has not drawn yet (caches cold)
        t0 = time.perf_counter()
        win.axial.scroll(st)
        for v in views:
            v.repaint()
        times.append(1000 * (time.perf_counter() - t0))
    del start
    ss = case.structure_sets[0]
    t0 = time.perf_counter()
    surf = structure_surfaces(ss)
    t_surf = time.perf_counter() - t0
    from plannerview.cli.cmd_screenshot import _teardown

    _teardown(app, win, win)
    return times, t_surf, len(surf)


def main() -> int:
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run") and not os.environ.get("PV_BENCH_CHILD"):
        env = dict(os.environ, PV_BENCH_CHILD="1")
        return subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1920x1200x24", sys.executable, __file__],
                              env=env).returncode
    rows = []
    lt = launch_times(3)
    rows.append(("launch to first demo slice, first run", f"{lt[0]:.2f} s", "<= 3 s"))
    rows.append(("launch to first demo slice, warm (median)", f"{statistics.median(lt[1:]):.2f} s", "<= 3 s"))
    if LUNG.is_dir():
        times, t_surf, n = scroll_and_surfaces()
        rows.append(("scroll one axial slice + 2 crosshair repaints (median of 40)",
                     f"{statistics.median(times):.1f} ms", "<= 30 ms"))
        rows.append(("  same, 90th percentile", f"{np.percentile(times, 90):.1f} ms", ""))
        rows.append((f"build {n} ROI surfaces (onko_lung_imrt)", f"{t_surf:.2f} s", "<= 2 s"))
    else:
        rows.append(("onko_lung_imrt", "not available", ""))
    w = max(len(r[0]) for r in rows)
    print(f"{'measure':<{w}}  {'value':>10}  target")
    print("-" * (w + 22))
    for name, val, target in rows:
        print(f"{name:<{w}}  {val:>10}  {target}")
    return 0


if __name__ == "__main__":
    rc = main()
    sys.stdout.flush()
    os._exit(rc)  # skip interpreter finalisation (a shiboken refcount bug can abort it)
