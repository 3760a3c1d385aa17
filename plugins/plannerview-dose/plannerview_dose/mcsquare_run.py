"""Run MCsquare in a scratch folder: stdout becomes progress, cancel kills it, a timeout stops it."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from plannerview.plugin_api import Cancelled

from .mcsquare_inputs import CONFIG_FILE
from .proc import kill, start

_PERCENT = re.compile(r"^\s*([0-9.]+)\s*%")
_BATCH = re.compile(r"batch\s+(\d+)\s+completed", re.I)
_UNCERTAINTY = re.compile(r"stat uncertainty:\s*([0-9.]+)\s*%")
_PRIMARIES = re.compile(r"Nbr primaries simulated:\s*(\d+)")
_OUTSIDE = re.compile(r"\((\d+) generated outside")
_TIME = re.compile(r"Total computation time:\s*([0-9.]+)")
_SUBPLAN = re.compile(r"sub-plan for beam\s+(\d+)", re.I)
MIN_BATCHES = 10  # MCsquare's MIN_NUM_BATCH


class EngineFailed(RuntimeError):
    """MCsquare exited with an error or wrote no dose."""


@dataclass
class RunReport:
    primaries: int = 0
    outside_geometry: int = 0
    uncertainty_pct: float | None = None
    batches: int = 0
    seconds: float = 0.0
    beam: int = 0  # sub-plan being simulated (per-beam runs), 0 otherwise
    beam_uncertainties_pct: list[float] = field(default_factory=list)
    log_tail: list[str] = field(default_factory=list)


def _progress_fraction(line: str, target_pct: float, state: RunReport) -> float | None:
    """Fraction done from one stdout line (None when the line says nothing about it)."""
    u = _UNCERTAINTY.search(line)
    if u:
        state.uncertainty_pct = float(u.group(1))
    b = _BATCH.search(line)
    p = _PERCENT.match(line)
    if b:
        state.batches = int(b.group(1))
    elif p:
        state.batches = round(float(p.group(1)) / (100.0 / MIN_BATCHES))
    else:
        return None
    n = state.batches
    if target_pct <= 0 or state.uncertainty_pct is None:
        return min(0.99, n / MIN_BATCHES) if target_pct <= 0 else min(0.5, 0.5 * n / MIN_BATCHES)
    # the uncertainty falls as 1/sqrt(batches): batches needed to reach the target
    needed = max(MIN_BATCHES, n * (state.uncertainty_pct / target_pct) ** 2)
    return min(0.99, n / needed)


def run_mcsquare(executable: Path, materials_dir: Path, folder: Path, target_uncertainty_pct: float,
                 progress: Callable[[float, str], None], cancelled: Callable[[], bool],
                 timeout_s: float | None = None, n_subplans: int = 1) -> RunReport:
    """Run ``executable config.txt`` in ``folder``; raises :class:`Cancelled` or :class:`EngineFailed`.

    ``n_subplans``: beams simulated one after the other (MCsquare's per-beam export).
    """
    env = dict(os.environ, MCsquare_Materials_Dir=str(materials_dir))
    state = RunReport()
    t0 = time.perf_counter()
    proc = start([str(executable), CONFIG_FILE], cwd=folder, env=env, stdout=subprocess.PIPE,
                 stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: list[str] = []

    def reader() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.rstrip()
            lines.append(line)
            sub = _SUBPLAN.search(line)
            if sub:
                if state.beam and state.uncertainty_pct is not None:
                    state.beam_uncertainties_pct.append(state.uncertainty_pct)
                state.beam, state.batches, state.uncertainty_pct = int(sub.group(1)), 0, None
            f = _progress_fraction(line, target_uncertainty_pct, state)
            if f is not None:
                u = f", {state.uncertainty_pct:.2f} % uncertainty" if state.uncertainty_pct is not None else ""
                done = (max(state.beam, 1) - 1 + f) / max(n_subplans, 1)
                which = f" (beam {state.beam}/{n_subplans})" if state.beam else ""
                progress(done, f"MCsquare batch {state.batches}{u}{which}")
            m = _PRIMARIES.search(line)
            if m:
                state.primaries = int(m.group(1))
                o = _OUTSIDE.search(line)
                state.outside_geometry = int(o.group(1)) if o else 0

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        while proc.poll() is None:
            if cancelled():
                kill(proc)
                raise Cancelled("MCsquare: cancelled")
            if timeout_s is not None and time.perf_counter() - t0 > timeout_s:
                kill(proc)
                raise EngineFailed(f"MCsquare: stopped after the {timeout_s:.0f} s time limit")
            time.sleep(0.1)
    except BaseException:
        kill(proc)
        raise
    thread.join(timeout=5)
    state.seconds = time.perf_counter() - t0
    state.log_tail = lines[-40:]
    if state.beam and state.uncertainty_pct is not None:
        state.beam_uncertainties_pct.append(state.uncertainty_pct)
    if state.beam_uncertainties_pct:  # per-beam runs: the worst beam's
        state.uncertainty_pct = max(state.beam_uncertainties_pct)
    if proc.returncode != 0:
        raise EngineFailed(f"MCsquare exited with code {proc.returncode}:\n" + "\n".join(lines[-15:]))
    errors = [ln for ln in lines if "Error" in ln or "error:" in ln]
    if errors:
        raise EngineFailed("MCsquare reported: " + " | ".join(e.strip() for e in errors[:5]))
    return state


