"""Gamma benchmark: plannerview vs pymedphys (reference implementation) at the same settings.

3 %/3 mm, 10 % low-dose cut-off, interp_fraction 10, max_gamma 2, global normalisation = the
reference maximum (and local for one pair). pymedphys 0.41 runs in its own venv
(``benchmarks/.venv-pymedphys`` with numba, numpy, scipy), on the same arrays and axes.

    .venv/bin/python benchmarks/bench_gamma.py [--skip-peer] [--only NAME]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

import plannerview
from plannerview.compute.gamma import gamma_index
from plannerview.model import DoseGrid, Grid

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
PEER = HERE / ".venv-pymedphys" / "bin" / "python"

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
print(json.dumps({"seconds": s, "pass_rate_pct": 100.0 * float(np.sum(valid <= 1)) / len(valid), "evaluated": int(len(valid))}))
"""


def axes(grid: Grid) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return grid.axis_coords_mm()


def make_dose(arr: np.ndarray, spacing: float, origin: tuple[float, float, float]) -> DoseGrid:
    g = Grid(arr.shape, (spacing,) * 3, origin, np.eye(3), "F")
    a = arr.astype(np.float32)
    return DoseGrid(sop_uid="s", frame_of_reference_uid="F", grid=g, dose_type="PHYSICAL", units="GY",
                    summation_type="PLAN", loader=lambda: a)


def synthetic_pair() -> tuple[DoseGrid, DoseGrid]:
    """200 x 200 x 150 at 2.5 mm: a broad plan-like dose (box target with penumbra, a low-dose
    bath and ripple), and the same shifted 1 mm and scaled by 1.015 with a little noise."""
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
    ev = 1.015 * plan(x - 1.0) + np.random.default_rng(0).normal(0, 0.15, x.shape)
    return make_dose(ref, 2.5, (0, 0, 0)), make_dose(np.clip(ev, 0, None), 2.5, (0, 0, 0))


def pairs() -> dict[str, tuple[DoseGrid, DoseGrid, bool]]:
    out: dict[str, tuple[DoseGrid, DoseGrid, bool]] = {}
    p3 = SHARED / "aptg_dcpt_proton" / "plan03_ramp_full"
    if p3.is_dir():
        case = plannerview.load(p3)
        plan = next(d for d in case.doses if d.summation_type == "PLAN")
        b1, b2 = [d for d in case.doses if d.summation_type == "BEAM"]
        out["proton PLAN vs BEAM 1 (global)"] = (plan, b1, False)
        out["proton BEAM 1 vs BEAM 2 (global)"] = (b1, b2, False)
        shifted = dataclasses.replace(
            plan, grid=dataclasses.replace(plan.grid, origin_mm=tuple(np.add(plan.grid.origin_mm, (1.0, 0.0, 0.5)))),
            loader=lambda: (np.asarray(plan.dose) * 1.02).astype(np.float32))
        out["proton PLAN vs shifted (1, 0, 0.5 mm) x1.02 copy (global)"] = (plan, shifted, False)
        out["proton PLAN vs shifted x1.02 copy (local)"] = (plan, shifted, True)
    ref, ev = synthetic_pair()
    out["synthetic 200x200x150 @2.5 mm, 1 mm shift x1.015 (global)"] = (ref, ev, False)
    return out


PEER_TIMEOUT_S = 300


def run_peer(ref: DoseGrid, ev: DoseGrid, local: bool) -> dict | None:
    """pymedphys on the same arrays; None when it runs longer than PEER_TIMEOUT_S."""
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "pair.npz"
        rz, ry, rx = axes(ref.grid)
        ez, ey, ex = axes(ev.grid)
        np.savez(f, ref=np.asarray(ref.dose, np.float64), ev=np.asarray(ev.dose, np.float64),
                 rz=rz, ry=ry, rx=rx, ez=ez, ey=ey, ex=ex)
        try:
            res = subprocess.run([str(PEER), "-c", PEER_CODE, str(f), "1" if local else "0"], capture_output=True,
                                 text=True, check=True, timeout=PEER_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None
        return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--only")
    args = ap.parse_args()
    # compile the kernel once, outside the timings
    tiny = make_dose(np.ones((4, 4, 4)), 2.5, (0, 0, 0))
    gamma_index(tiny, tiny)
    print("| pair | voxels | plannerview pass % | s | pymedphys pass % | s | diff pp | speed-up |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (ref, ev, local) in pairs().items():
        if args.only and args.only not in name:
            continue
        t0 = time.perf_counter()
        ours = gamma_index(ref, ev, 3, 3, 10, local=local, max_gamma=2, allow_mixed_types=True)
        ours_s = time.perf_counter() - t0
        peer = None if args.skip_peer or not PEER.exists() else run_peer(ref, ev, local)
        if peer is None and not args.skip_peer and PEER.exists():
            print(f"| {name} | {ours.evaluated_voxels} | {ours.pass_rate_pct:.2f} | {ours_s:.2f} | (not finished) "
                  f"| > {PEER_TIMEOUT_S} | - | > {PEER_TIMEOUT_S / ours_s:.0f}x |")
        elif peer:
            print(f"| {name} | {ours.evaluated_voxels} | {ours.pass_rate_pct:.2f} | {ours_s:.2f} | {peer['pass_rate_pct']:.2f} "
                  f"| {peer['seconds']:.1f} | {ours.pass_rate_pct - peer['pass_rate_pct']:+.2f} | {peer['seconds'] / ours_s:.0f}x |")
        else:
            print(f"| {name} | {ours.evaluated_voxels} | {ours.pass_rate_pct:.2f} | {ours_s:.2f} | - | - | - | - |")


if __name__ == "__main__":
    main()
