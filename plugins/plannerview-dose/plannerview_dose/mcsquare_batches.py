"""Batches of independent MCsquare runs and the statistical uncertainty in the target.

MCsquare's own estimate averages over the voxels above half the maximum dose; the check needs the
uncertainty *in the target*. So each batch is one MCsquare run with its own seed, and the batch
method (the one MCsquare uses internally) is applied here to any voxel set: with batch doses
``D_i`` (per simulated proton) from ``n_i`` primaries, the dose is ``D = sum n_i D_i / N`` and its
standard error ``sqrt(sum n_i (D_i - D)^2 / ((K - 1) N))``. The reported figure is the mean relative
standard error over the target voxels. Four pilot batches give the first estimate; the rest of the
primaries needed for the requested uncertainty (which falls as ``1/sqrt(N)``) follow in a few more
batches, re-estimated after each.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from plannerview.plugin_api import Cancelled

from .mcsquare_inputs import OUTPUT_DIR, RunSettings, read_mhd, write_config
from .mcsquare_run import EngineFailed, run_mcsquare

PILOT_BATCHES = 4
MIN_BATCHES = 5


@dataclass
class BatchResult:
    dose_per_proton: list[np.ndarray]  # [Z, Y, X] engine box: the plan, or each beam
    primaries: int = 0
    batches: int = 0
    uncertainty_pct: float | None = None
    uncertainty_voxels: int = 0
    seconds: float = 0.0
    outside_geometry: int = 0
    history: list[tuple[int, float | None]] = field(default_factory=list)  # (primaries, uncertainty %)
    stopped_by: str = ""


def relative_uncertainty_pct(sum_w: np.ndarray, sum_w2: np.ndarray, n_total: int, n_batches: int,
                             mask: np.ndarray) -> float | None:
    """Mean relative standard error (%) over ``mask`` from batch sums ``sum n_i D_i`` and ``sum n_i D_i^2``."""
    if n_batches < 2 or not mask.any():
        return None
    s1, s2 = sum_w[mask], sum_w2[mask]
    mean = s1 / n_total
    keep = mean > 0
    if not keep.any():
        return None
    spread = np.clip(s2[keep] - n_total * mean[keep] ** 2, 0.0, None)  # sum n_i (D_i - D)^2
    se = np.sqrt(spread / ((n_batches - 1) * n_total))
    return float(np.mean(se / mean[keep]) * 100.0)


def simulate(exe: Path, materials: Path, folder: Path, run: RunSettings, n_beams: int,
             target_mask: np.ndarray | None, progress: Callable[[float, str], None],
             cancelled: Callable[[], bool]) -> BatchResult:
    """Batches until the target uncertainty, the time limit or ``run.primaries`` (no target) is reached.

    ``target_mask`` ([Z, Y, X] in the engine box) selects the voxels of the uncertainty; without it,
    those above half the maximum dose (MCsquare's own choice).
    """
    t0 = time.perf_counter()
    seed0 = run.seed if run.seed > 0 else int(time.time() * 1000) % (2**31 - 1000) + 1
    pilot = max(1000, int(run.primaries) // PILOT_BATCHES)
    goal = float(run.target_uncertainty_pct)
    deadline = t0 + 60.0 * run.max_minutes if run.max_minutes > 0 else None
    n_parts = n_beams if run.per_beam else 1
    sums: list[np.ndarray] | None = None
    sums2: np.ndarray | None = None  # of the plan total
    res = BatchResult(dose_per_proton=[])
    planned = PILOT_BATCHES
    size = pilot
    # progress = primaries done / primaries expected (a guess until the pilot batches measured the
    # uncertainty), never going back
    expected = [pilot * PILOT_BATCHES * (1 if goal <= 0 else 4)]
    shown = [0.0]

    def show(fraction: float, label: str) -> None:
        shown[0] = max(shown[0], min(0.99, fraction))
        progress(shown[0], label)

    while True:
        if cancelled():
            raise Cancelled("MCsquare: cancelled")
        b = res.batches
        write_config(folder, run, size, seed0 + b)
        out = folder / OUTPUT_DIR
        for old in out.glob("*.mhd"):
            old.unlink()
        lo = min(0.99, b / max(planned, 1))
        hi = min(0.99, (b + 1) / max(planned, 1))
        u_txt = f", {res.uncertainty_pct:.2f} % in the target" if res.uncertainty_pct is not None else ""

        label = f"MCsquare batch {b + 1}/{planned}{u_txt}"

        def report(f: float, msg: str, lo: float = lo, hi: float = hi, label: str = label) -> None:
            progress(lo + (hi - lo) * f, label)

        timeout = None if deadline is None else max(30.0, deadline - time.perf_counter() + 60.0)
        rep = run_mcsquare(exe, materials, folder, 0.0, report, cancelled, timeout, n_subplans=n_parts)
        parts = []
        if run.per_beam:
            for n in range(1, n_beams + 1):
                path = out / f"Dose_Beam{n}.mhd"
                if not path.is_file():
                    raise EngineFailed(f"MCsquare wrote no dose for beam {n} ({path.name})")
                parts.append(read_mhd(path)[0].astype(np.float64))
        else:
            path = out / "Dose.mhd"
            if not path.is_file():
                raise EngineFailed("MCsquare wrote no dose (Dose.mhd)")
            parts.append(read_mhd(path)[0].astype(np.float64))
        n_sim = rep.primaries or size
        total = np.sum(parts, axis=0) if len(parts) > 1 else parts[0]
        if sums is None:
            sums = [n_sim * p for p in parts]
            sums2 = n_sim * total * total
        else:
            for s, p in zip(sums, parts, strict=True):
                s += n_sim * p
            assert sums2 is not None
            sums2 += n_sim * total * total
        res.primaries += n_sim
        res.outside_geometry += rep.outside_geometry
        res.batches += 1
        plan_sum = np.sum(sums, axis=0) if len(sums) > 1 else sums[0]
        mask = target_mask if target_mask is not None else plan_sum > 0.5 * plan_sum.max()
        res.uncertainty_voxels = int(np.count_nonzero(mask))
        res.uncertainty_pct = relative_uncertainty_pct(plan_sum, sums2, res.primaries, res.batches, mask)  # type: ignore[arg-type]
        res.history.append((res.primaries, res.uncertainty_pct))
        elapsed = time.perf_counter() - t0
        if res.batches < PILOT_BATCHES:
            continue
        if goal <= 0:
            res.stopped_by = "primaries"
            break
        u = res.uncertainty_pct
        if u is not None and u <= goal and res.batches >= MIN_BATCHES:
            res.stopped_by = "target uncertainty"
            break
        if deadline is not None and time.perf_counter() + elapsed / res.batches > deadline:
            res.stopped_by = "time limit"
            break
        if u is None:
            raise EngineFailed("MCsquare deposited no dose in the target: check the plan and the image")
        needed = res.primaries * (u / goal) ** 2 * 1.05 - res.primaries
        remaining_batches = max(1, math.ceil(needed / max(pilot, needed / 4)))
        size = int(max(pilot, min(needed / remaining_batches, 50 * pilot)))
        planned = max(res.batches + remaining_batches, MIN_BATCHES)
        expected[0] = max(res.primaries + 1, int(res.primaries + needed))
    assert sums is not None
    res.dose_per_proton = [(s / res.primaries).astype(np.float32) for s in sums]
    res.seconds = time.perf_counter() - t0
    progress(1.0, f"MCsquare: {res.primaries:.3g} primaries, {res.uncertainty_pct or 0:.2f} % in the target")
    return res
