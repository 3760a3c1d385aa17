"""Gamma benchmark: plannerview vs pymedphys (reference implementation) and plastimatch.

Same settings for all: 3 %/3 mm, 10 % low-dose cut-off (of the reference maximum), search step
DTA/10 (pymedphys ``interp_fraction=10``; plastimatch ``--interp-search``), max gamma 2, global
normalisation = the reference maximum (and local for some pairs). Peers run in subprocesses in their
own venvs on the same arrays and axes:

- pymedphys 0.41: ``benchmarks/.venv-pymedphys`` (``pip install pymedphys numba numpy scipy``)
- plastimatch 1.10 (PyPI ``plastimatch``, a static binary): ``benchmarks/.venv-plastimatch``

    .venv/bin/python benchmarks/bench_gamma.py [--skip-peer] [--only TEXT] [--peer-timeout S]

Prints a markdown table and saves it (and JSON) to ``benchmarks/results/gamma.{md,json}``
(``gamma_no_peers.*`` with ``--skip-peer``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import plannerview
from plannerview.compute.gamma import gamma_index
from plannerview.model import DoseGrid, Grid

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
SHARED = HERE.parents[1] / "shared" / "data"
PYMEDPHYS = HERE / ".venv-pymedphys" / "bin" / "python"
PLASTIMATCH = HERE / ".venv-plastimatch" / "bin" / "plastimatch"
RESULTS = HERE / "results"

PEER_CODE = r"""
import json, sys, time
import numpy as np
import pymedphys
d = np.load(sys.argv[1])
local = sys.argv[2] == "1"
ref = d["ref"]
t = time.perf_counter()
g = pymedphys.gamma((d["rz"], d["ry"], d["rx"]), ref, (d["ez"], d["ey"], d["ex"]), d["ev"], 3, 3,
                    lower_percent_dose_cutoff=10, interp_fraction=10, max_gamma=2, local_gamma=local,
                    global_normalisation=float(ref.max()), quiet=True)
s = time.perf_counter() - t
valid = g[~np.isnan(g)]
print(json.dumps({"seconds": s, "pass_rate_pct": 100.0 * float(np.sum(valid <= 1)) / len(valid),
                  "evaluated": int(len(valid))}))
"""


def make_dose(arr: np.ndarray, spacing: float, origin: tuple[float, float, float]) -> DoseGrid:
    g = Grid(arr.shape, (spacing,) * 3, origin, np.eye(3), "F")
    a = arr.astype(np.float32)
    return DoseGrid(sop_uid="s", frame_of_reference_uid="F", grid=g, dose_type="PHYSICAL", units="GY",
                    summation_type="PLAN", loader=lambda: a)


def synthetic_pair() -> tuple[DoseGrid, DoseGrid]:
    """200 x 200 x 150 at 2.5 mm: a plan-like dose (box target with 6 mm penumbra, 2 % ripple, a
    low-dose bath); evaluated = the same shifted 1.5 mm in x, scaled by 1 + 5 % sin(y / 20 mm),
    plus Gaussian noise of 0.5 Gy (about 4 % of the voxels fail 3 %/3 mm)."""
    from scipy.special import erf

    n = (150, 200, 200)
    ax = [np.arange(s) * 2.5 for s in n]
    z, y, x = np.meshgrid(*ax, indexing="ij")

    def plan(xs: np.ndarray) -> np.ndarray:
        box = 1.0
        for c, half, ctr in ((xs, 60, 250), (y, 45, 250), (z, 50, 187)):
            box = box * 0.5 * (erf((c - ctr + half) / 6.0) - erf((c - ctr - half) / 6.0))
        bath = 0.25 * np.exp(-((xs - 250) ** 2 + (y - 250) ** 2 + (z - 187) ** 2) / (2 * 110.0**2))
        return 60 * (box * (1 + 0.02 * np.sin(xs / 7.0)) + bath)

    ref = plan(x)
    ev = plan(x - 1.5) * (1 + 0.05 * np.sin(y / 20.0)) + np.random.default_rng(0).normal(0, 0.5, x.shape)
    return make_dose(ref, 2.5, (0, 0, 0)), make_dose(np.clip(ev, 0, None), 2.5, (0, 0, 0))


def shifted_copy(d: DoseGrid, shift_mm: tuple[float, float, float], scale: float) -> DoseGrid:
    arr = (np.asarray(d.dose) * scale).astype(np.float32)
    grid = dataclasses.replace(d.grid, origin_mm=tuple(np.add(d.grid.origin_mm, shift_mm)))
    return dataclasses.replace(d, grid=grid, loader=lambda: arr)


def pairs() -> dict[str, tuple[DoseGrid, DoseGrid, bool]]:
    out: dict[str, tuple[DoseGrid, DoseGrid, bool]] = {}
    p3 = SHARED / "aptg_dcpt_proton" / "plan03_ramp_full"
    if p3.is_dir():
        case = plannerview.load(p3)
        plan = next(d for d in case.doses if d.summation_type == "PLAN")
        b1 = [d for d in case.doses if d.summation_type == "BEAM"][0]
        out["proton plan03 PLAN vs BEAM 1 (global)"] = (plan, b1, False)
        shifted = shifted_copy(plan, (1.0, 0.0, 0.5), 1.02)
        out["proton plan03 PLAN vs copy shifted (1, 0, 0.5) mm x1.02 (global)"] = (plan, shifted, False)
        out["proton plan03 PLAN vs copy shifted (1, 0, 0.5) mm x1.02 (local)"] = (plan, shifted, True)
    dc = SHARED / "dicompyler_core_example" / "rtdose.dcm"
    if dc.is_file():
        photon = plannerview.load(dc).doses[0]
        moved = shifted_copy(photon, (1.5, 0.0, 1.0), 1.02)
        out["photon breast PLAN vs copy shifted (1.5, 0, 1) mm x1.02 (global)"] = (photon, moved, False)
    ref, ev = synthetic_pair()
    out["synthetic 200x200x150 @2.5 mm (global)"] = (ref, ev, False)
    out["synthetic 200x200x150 @2.5 mm (local)"] = (ref, ev, True)
    from cases import srs_doses  # built here: no stereotactic pair is in ../shared/data

    imrt, vmat = srs_doses()
    out["SRS-like IMRT vs VMAT, 9 metastases, 1 mm grid (global)"] = (imrt, vmat, False)
    out["SRS-like IMRT vs VMAT, 9 metastases, 1 mm grid (local)"] = (imrt, vmat, True)
    return out


def axes(grid: Grid) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return grid.axis_coords_mm()


def run_pymedphys(ref: DoseGrid, ev: DoseGrid, local: bool, timeout_s: float) -> dict | None:
    """pymedphys on the same arrays; None when it runs longer than the timeout."""
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "pair.npz"
        rz, ry, rx = axes(ref.grid)
        ez, ey, ex = axes(ev.grid)
        np.savez(f, ref=np.asarray(ref.dose, np.float64), ev=np.asarray(ev.dose, np.float64),
                 rz=rz, ry=ry, rx=rx, ez=ez, ey=ey, ex=ex)
        try:
            res = subprocess.run([str(PYMEDPHYS), "-c", PEER_CODE, str(f), "1" if local else "0"],
                                 capture_output=True, text=True, check=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return None
        return json.loads(res.stdout.strip().splitlines()[-1])


def write_mha(d: DoseGrid, path: Path) -> None:
    import SimpleITK as sitk

    img = sitk.GetImageFromArray(np.asarray(d.dose, dtype=np.float32))
    dz, dy, dx = d.grid.spacing_mm
    img.SetSpacing((dx, dy, dz))
    img.SetOrigin(d.grid.origin_mm)
    img.SetDirection(tuple(float(v) for v in np.asarray(d.grid.direction).ravel()))
    sitk.WriteImage(img, str(path))


def run_plastimatch(ref: DoseGrid, ev: DoseGrid, local: bool, timeout_s: float) -> dict | None:
    """plastimatch gamma with sub-voxel search; the time is the whole process (reading two MHA files
    included: well under 0.1 s of it)."""
    with tempfile.TemporaryDirectory() as tmp:
        r, e, txt = Path(tmp) / "ref.mha", Path(tmp) / "ev.mha", Path(tmp) / "gamma.txt"
        write_mha(ref, r)
        write_mha(ev, e)
        cmd = [str(PLASTIMATCH), "gamma", str(r), str(e), "--dose-tolerance", "0.03", "--dta-tolerance", "3",
               "--analysis-threshold", "0.1", "--gamma-max", "2", "--interp-search", "--ref-only-threshold",
               "--output-text", str(txt)] + (["--local-gamma"] if local else [])
        t0 = time.perf_counter()
        try:
            subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return None
        seconds = time.perf_counter() - t0
        text = txt.read_text()
        rate = float(re.findall(r"pass_rate\(%\)\s+([\d.]+)", text)[-1])
        n = int(re.search(r"number_of_analysis_voxels\s+(\d+)", text).group(1))  # type: ignore[union-attr]
        return {"seconds": seconds, "pass_rate_pct": rate, "evaluated": n}


def fmt_peer(peer: dict | None, ours_rate: float, ours_s: float, timeout_s: float) -> list[str]:
    if peer is None:
        return ["not finished", f"> {timeout_s:.0f}", "-", f"> {timeout_s / ours_s:.0f}x"]
    return [f"{peer['pass_rate_pct']:.2f}", f"{peer['seconds']:.1f}", f"{ours_rate - peer['pass_rate_pct']:+.2f}",
            f"{peer['seconds'] / ours_s:.0f}x"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--peer-timeout", type=float, default=300.0)
    ap.add_argument("--repeat", type=int, default=3, help="plannerview runs per pair (median reported)")
    args = ap.parse_args()
    load0 = os.getloadavg()[0]
    tiny = make_dose(np.ones((8, 8, 8)), 2.5, (0, 0, 0))
    gamma_index(tiny, tiny)  # compile (or load the cached) kernels outside the timings
    gamma_index(tiny, tiny, local=True, local_norm="evaluated")
    header = ("| pair | evaluated voxels | plannerview pass % | s | pymedphys pass % | s | diff pp | speed-up "
              "| plastimatch pass % | s | diff pp | speed-up |")
    lines = [header, "|" + "---|" * 12]
    print("\n".join(lines), flush=True)
    rows = []
    for name, (ref, ev, local) in pairs().items():
        if args.only and args.only not in name:
            continue
        def ours_runs(n: int, ref: DoseGrid = ref, ev: DoseGrid = ev, local: bool = local) -> tuple[object, list[float]]:
            res, ts = None, []
            for _ in range(n):
                t0 = time.perf_counter()
                res = gamma_index(ref, ev, 3, 3, 10, local=local, max_gamma=2, allow_mixed_types=True)
                ts.append(time.perf_counter() - t0)
            return res, ts

        # ours before and after the peers (the machine is shared: the load changes while they run)
        ours, times = ours_runs(max(1, args.repeat // 2 + args.repeat % 2))
        pmp = plm = None
        if not args.skip_peer and PYMEDPHYS.exists():
            pmp = run_pymedphys(ref, ev, local, args.peer_timeout)
        if not args.skip_peer and PLASTIMATCH.exists():
            plm = run_plastimatch(ref, ev, local, args.peer_timeout)
        if args.repeat > 1:
            times += ours_runs(args.repeat // 2)[1]
        ours_s = statistics.median(times)
        assert isinstance(ours, plannerview.compute.gamma.GammaResult)
        cells = [name, str(ours.evaluated_voxels), f"{ours.pass_rate_pct:.2f}", f"{ours_s:.2f}"]
        cells += fmt_peer(pmp, ours.pass_rate_pct, ours_s, args.peer_timeout) if not args.skip_peer else ["-"] * 4
        cells += fmt_peer(plm, ours.pass_rate_pct, ours_s, args.peer_timeout) if not args.skip_peer else ["-"] * 4
        line = "| " + " | ".join(cells) + " |"
        lines.append(line)
        print(line, flush=True)
        rows.append({"pair": name, "local": local, "evaluated": ours.evaluated_voxels,
                     "plannerview": {"pass_rate_pct": ours.pass_rate_pct, "seconds": ours_s, "runs_s": times,
                                     "gamma_mean": ours.gamma_mean, "gamma_p95": ours.gamma_p95},
                     "pymedphys": pmp, "plastimatch": plm})
    machine = (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores (shared), load average "
               f"at start {load0:.2f}, at end {os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"\n{machine}")
    RESULTS.mkdir(exist_ok=True)
    stem = "gamma_no_peers" if args.skip_peer else "gamma"  # a quick run keeps the full table
    (RESULTS / f"{stem}.md").write_text("\n".join(lines) + f"\n\n{machine}\n")
    (RESULTS / f"{stem}.json").write_text(json.dumps({"machine": machine, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
