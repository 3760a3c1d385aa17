"""DVH benchmark: plannerview against dicompyler-core and plastimatch, for accuracy and speed.

1. Analytic cases (after Nelms et al., Med Phys 2015; ``tests/compute/analytic.py``): spheres,
   cylinders and cones of 1 to 300 cc on 1 to 3 mm planes in linear and Gaussian dose fields,
   written as RTSTRUCT + RTDOSE for the peers. Every tool's error against the exact DVH of the
   solid the contours describe; the contour solid's own volume error against the ideal shape.
2. ``dicompyler_core_example`` (real breast case, 10 ROIs): times, and Dmean/D50/D95 beside the
   TPS's stored DVH.
3. A synthetic case of realistic size (512 x 512 x 150 CT geometry, 20 ROIs, ~1,100 contours,
   dose 200 x 200 x 150 at 2.5 mm): times.

Peers run in subprocesses in their own venvs (``benchmarks/.venv-dicompyler``: dicompyler-core
0.5.6, pydicom<3, numpy<2, scikit-image; ``benchmarks/.venv-plastimatch``: PyPI ``plastimatch``).
dicompyler-core uses interpolation_resolution = dose pixel spacing / 4 and
interpolation_segments_between_planes = 2. Prints Markdown tables and saves them (and JSON) in
``benchmarks/results/``.

    .venv/bin/python benchmarks/bench_dvh.py [--skip-peers] [--only analytic,real,synthetic]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from peers.write_dicom import write_rt_pair  # noqa: E402

import plannerview  # noqa: E402
from plannerview.compute.dvh import compute_dvh, compute_dvhs  # noqa: E402
from plannerview.compute.tps_dvh import compare_with_tps  # noqa: E402
from plannerview.model import ROI, Contour, DoseGrid, Grid, StructureSet  # noqa: E402
from tests.compute.analytic import FIELDS, dose_grid, ideal_volume_cc, sphere_roi, truth_metrics  # noqa: E402

REAL_CASE = HERE.parents[1] / "shared" / "data" / "dicompyler_core_example"
DCM_PY = HERE / ".venv-dicompyler" / "bin" / "python"
PLM = HERE / ".venv-plastimatch" / "bin" / "plastimatch"
RESULTS = HERE / "results"
METRICS = ("Dmean", "D2%", "D50%", "D95%", "D98%")
CASES = [("sphere", 6.2, 1.0), ("sphere", 10.6, 2.0), ("sphere", 22.0, 3.0), ("sphere", 41.5, 2.5),
         ("cylinder", 9.0, 1.0), ("cylinder", 30.0, 3.0), ("cone", 14.0, 2.0), ("cone", 40.0, 2.5)]


# --- peers ---------------------------------------------------------------------------------------
def run_dicompyler(rtss: Path, rtdose: Path, timeout_s: float) -> dict | None:
    if not DCM_PY.exists():
        return None
    try:
        p = subprocess.run([str(DCM_PY), str(HERE / "peers" / "dicompyler_dvh.py"), str(rtss), str(rtdose)],
                           capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return {"tool": "dicompyler-core", "seconds": None, "timeout_s": timeout_s, "rois": {}}
    if p.returncode != 0:
        print(p.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_plastimatch(folder: Path, max_dose: float, bin_width: float, timeout_s: float) -> dict | None:
    if not PLM.exists():
        return None
    p = subprocess.run([sys.executable, str(HERE / "peers" / "plastimatch_dvh.py"), str(folder), "--bin-width",
                        f"{bin_width:.6g}", "--max-dose", f"{max_dose:.6g}", "--binary", str(PLM)],
                       capture_output=True, text=True, timeout=timeout_s)
    if p.returncode != 0:
        print(p.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(p.stdout.strip().splitlines()[-1])


def _timed(fn, repeat: int = 3) -> tuple[object, float]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times)


def _f(v: float | None, nd: int = 2) -> str:
    return "-" if v is None else f"{v:.{nd}f}"


# --- 1. analytic ---------------------------------------------------------------------------------
def analytic(skip_peers: bool) -> tuple[list[str], list[dict]]:
    rows: list[dict] = []
    for shape, radius, slice_mm in CASES:
        roi, slabs = sphere_roi(radius, slice_mm, shape)
        for field in ("z", "x", "gauss"):
            g, fn = FIELDS[field]
            dose = dose_grid(fn)
            dmax = float(dose.dose.max())
            truth = truth_metrics(slabs, slice_mm, field, g, dmax)
            ideal = ideal_volume_cc(shape, radius)
            case = f"{shape} {truth['volume_cc']:.1f} cc, {slice_mm:g} mm, {field}"
            dvh, secs = _timed(lambda roi=roi, dose=dose: compute_dvh(roi, dose), 1)
            res = {"plannerview": ({"volume_cc": dvh.volume_cc, "Dmean": dvh.dmean,
                                    **{f"D{p}%": dvh.dose_at_percent(p) for p in (2, 50, 95, 98)}}, secs)}
            if not skip_peers:
                with tempfile.TemporaryDirectory() as tmp:
                    rtss, rtdose = write_rt_pair([roi], dose, Path(tmp))
                    t0 = time.perf_counter()
                    d = run_dicompyler(rtss, rtdose, 600)
                    if d and d["rois"]:
                        res["dicompyler-core"] = (next(iter(d["rois"].values())), time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    p = run_plastimatch(Path(tmp), dmax, dmax / 2000, 600)
                    if p and p["rois"]:
                        res["plastimatch"] = (next(iter(p["rois"].values())), time.perf_counter() - t0)
            for tool, (m, s) in res.items():
                errs = {k: 100 * abs(m[k] - truth[k]) / dmax for k in METRICS}
                rows.append({"case": case, "tool": tool, "truth_volume_cc": truth["volume_cc"], "ideal_volume_cc": ideal,
                             "solid_vs_ideal_pct": 100 * (truth["volume_cc"] - ideal) / ideal,
                             "volume_err_pct": 100 * (m["volume_cc"] - truth["volume_cc"]) / truth["volume_cc"],
                             "volume_err_vs_ideal_pct": 100 * (m["volume_cc"] - ideal) / ideal,
                             "errors_pct_of_max": errs, "max_err": max(errs.values()), "seconds": s})
    out = ["Errors against the exact DVH of the contour solid: volume in % of its volume, dose metrics in % of the",
           "maximum dose. 'solid vs ideal' is the contour solid's own volume error against the ideal shape.", "",
           "| case | solid vs ideal vol % | tool | vol err % | max dose err % | " + " | ".join(METRICS) + " | s |",
           "|---|---|---|---|---|" + "---|" * len(METRICS) + "---|"]
    for r in rows:
        e = r["errors_pct_of_max"]
        out.append(f"| {r['case']} | {r['solid_vs_ideal_pct']:+.2f} | {r['tool']} | {r['volume_err_pct']:+.2f} | "
                   f"{r['max_err']:.2f} | " + " | ".join(f"{e[k]:.2f}" for k in METRICS) + f" | {r['seconds']:.2f} |")
    out += ["", "| tool | cases | max abs volume error % | mean abs volume error % | max dose-metric error % of max "
            "| mean dose-metric error % of max | total s |", "|---|---|---|---|---|---|---|"]
    for tool in dict.fromkeys(r["tool"] for r in rows):
        sel = [r for r in rows if r["tool"] == tool]
        allerr = [v for r in sel for v in r["errors_pct_of_max"].values()]
        out.append(f"| {tool} | {len(sel)} | {max(abs(r['volume_err_pct']) for r in sel):.2f} | "
                   f"{np.mean([abs(r['volume_err_pct']) for r in sel]):.2f} | {max(allerr):.2f} | {np.mean(allerr):.3f} | "
                   f"{sum(r['seconds'] for r in sel):.1f} |")
    return out, rows


# --- 2. real case ----------------------------------------------------------------------------------
def real_case(skip_peers: bool, timeout_s: float) -> tuple[list[str], dict]:
    case = plannerview.load(REAL_CASE)
    dose, ss = case.doses[0], case.structure_sets[0]
    _ = dose.dose
    dvhs, ours_s = _timed(lambda: compute_dvhs(ss, dose))
    assert isinstance(dvhs, list)
    dcm = None if skip_peers else run_dicompyler(REAL_CASE / "rtss.dcm", REAL_CASE / "rtdose.dcm", timeout_s)
    plm = None
    if not skip_peers:
        with tempfile.TemporaryDirectory() as tmp:
            for n in ("rtss.dcm", "rtdose.dcm"):
                (Path(tmp) / n).write_bytes((REAL_CASE / n).read_bytes())
            plm = run_plastimatch(Path(tmp), float(dose.dose.max()), 0.01, timeout_s)
    tps = {t.roi_number: t for t in dose.tps_dvhs}
    out = [f"dicompyler_core_example: {len(dvhs)} ROIs, dose {dose.grid.shape_zyx[::-1]} voxels at "
           f"{dose.grid.spacing_mm[::-1]} mm, Rx 14 Gy. Dose metrics in Gy; TPS = the DVHSequence stored in the RTDOSE.", "",
           "| ROI | metric | plannerview | dicompyler-core | plastimatch | TPS |", "|---|---|---|---|---|---|"]
    doc: dict = {"rois": {}}
    for h in dvhs:
        if h.covered_cc <= 0 or h.roi_number not in tps:
            continue
        t, _ = compare_with_tps(h, tps[h.roi_number], 14.0)
        d = (dcm or {}).get("rois", {}).get(h.roi_name, {})
        p = (plm or {}).get("rois", {}).get(h.roi_name, {})
        ours = {"volume_cc": h.volume_cc, "Dmean": h.dmean, **{f"D{q}%": h.dose_at_percent(q) for q in (2, 50, 95)}}
        tp = {"volume_cc": t.volume_cc, "Dmean": t.dmean_gy, **{f"D{q}%": t.d_percent_gy[q] for q in (2, 50, 95)}}
        doc["rois"][h.roi_name] = {"plannerview": ours, "dicompyler-core": d, "plastimatch": p, "tps": tp}
        for k in ("volume_cc", "Dmean", "D2%", "D50%", "D95%"):
            out.append(f"| {h.roi_name if k == 'volume_cc' else ''} | {k} | {_f(ours[k], 3)} | {_f(d.get(k), 3)} | "
                       f"{_f(p.get(k), 3)} | {_f(tp[k], 3)} |")
    doc["seconds"] = {"plannerview": ours_s, "dicompyler-core": dcm and dcm["seconds"], "plastimatch": plm and plm["seconds"]}
    return out, doc


# --- 3. synthetic ----------------------------------------------------------------------------------
def synthetic_case(n_rois: int = 20, seed: int = 3) -> tuple[StructureSet, DoseGrid]:
    """512 x 512 x 150 CT geometry (ROIs on its 150 planes, 2 mm apart), 20 ROIs (a body outline on
    every plane, ellipsoids), dose 200 x 200 x 150 at 2.5 mm (a Gaussian)."""
    rng = np.random.default_rng(seed)
    zs = -150.0 + 2.0 * np.arange(150)
    ang = np.linspace(0, 2 * np.pi, 96, endpoint=False)
    body = tuple(Contour("CLOSED_PLANAR", np.column_stack([170 * np.cos(ang), 110 * np.sin(ang), np.full(96, z)]))
                 for z in zs)
    rois = [ROI(1, "BODY", body, "EXTERNAL")]
    for n in range(2, n_rois + 1):
        c = rng.uniform([-90, -50, -100], [90, 50, 100])
        ax = rng.uniform([8, 8, 20], [45, 35, 90])
        conts = []
        for z in zs:
            u = (z - c[2]) / ax[2]
            if abs(u) >= 1:
                continue
            k = np.sqrt(1 - u * u)
            conts.append(Contour("CLOSED_PLANAR", np.column_stack([c[0] + ax[0] * k * np.cos(ang),
                                                                    c[1] + ax[1] * k * np.sin(ang), np.full(96, z)])))
        rois.append(ROI(n, f"ROI{n}", tuple(conts), "ORGAN"))
    ss = StructureSet(sop_uid="ss", frame_of_reference_uid="F", rois=tuple(rois))
    nx, nz = 200, 150
    ax_x = -250 + 2.5 * np.arange(nx)
    ax_z = -187.5 + 2.5 * np.arange(nz)
    z, y, x = np.meshgrid(ax_z, ax_x, ax_x, indexing="ij")
    arr = (60 * np.exp(-(x**2 + (y / 0.8) ** 2 + (z / 1.5) ** 2) / (2 * 40.0**2))).astype(np.float32)
    grid = Grid((nz, nx, nx), (2.5, 2.5, 2.5), (ax_x[0], ax_x[0], ax_z[0]), np.eye(3), "F")
    dose = DoseGrid(sop_uid="d", frame_of_reference_uid="F", grid=grid, dose_type="PHYSICAL", units="GY",
                    summation_type="PLAN", loader=lambda: arr)
    return ss, dose


def synthetic(skip_peers: bool, timeout_s: float) -> tuple[list[str], dict]:
    ss, dose = synthetic_case()
    _ = dose.dose
    _, ours_s = _timed(lambda: compute_dvhs(ss, dose))
    n_contours = sum(len(r.contours) for r in ss.rois)
    doc = {"rois": len(ss.rois), "contours": n_contours, "seconds": {"plannerview": ours_s}}
    if not skip_peers:
        with tempfile.TemporaryDirectory() as tmp:
            rtss, rtdose = write_rt_pair(ss.rois, dose, Path(tmp))
            plm = run_plastimatch(Path(tmp), float(dose.dose.max()), 0.01, timeout_s)
            doc["seconds"]["plastimatch"] = plm and plm["seconds"]
            dcm = run_dicompyler(rtss, rtdose, timeout_s)
            doc["seconds"]["dicompyler-core"] = dcm and dcm["seconds"]
            doc["dicompyler_timeout_s"] = timeout_s if dcm and dcm["seconds"] is None else None
    return [f"synthetic: {len(ss.rois)} ROIs, {n_contours} contours on 150 planes, dose 200 x 200 x 150 at 2.5 mm"], doc


# --- 4. speed, side by side: the three cases, interleaved, medians -----------------------------------
PV_SCRIPT = Path(sys.executable).parent / "plannerview"  # the console script a user runs

@functools.cache
def _helpers_dir() -> Path:
    """The preloaded helpers' folder of this benchmark run (made when the speed section first needs it)."""
    return Path(tempfile.mkdtemp(prefix="pv-dvh-bench-helpers-"))


def _cli_env(preload: bool) -> dict[str, str]:
    """The environment of the CLI runs: preloading on (helpers in a folder of this benchmark) or off.
    Python writes its bytecode caches, as in a user's installation (pip compiles them; an editable
    install writes them on first use): a shell that sets PYTHONDONTWRITEBYTECODE would otherwise
    compile plannerview's modules from source in every run (about 0.1 s)."""
    env = {**os.environ, "PLANNERVIEW_PRELOAD": "1" if preload else "0", "PLANNERVIEW_RUNTIME_DIR": str(_helpers_dir())}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _cli_seconds(folder: Path, preload: bool) -> float:
    """Wall time of ``plannerview dvh FOLDER --json`` as a user runs it (start, imports, reading the
    files, the DVHs, the JSON): in a fresh process (preload False), or handed to the preloaded helper
    started by an earlier command (see plannerview/cli/launcher.py)."""
    t0 = time.perf_counter()
    subprocess.run([str(PV_SCRIPT), "dvh", str(folder), "--json"], check=True, capture_output=True, text=True,
                   env=_cli_env(preload))
    return time.perf_counter() - t0


def _start_helper() -> int:
    """Start the preloaded helper for the CLI runs (as any first command does) and wait until it serves."""
    from plannerview.cli import launcher

    subprocess.run([str(PV_SCRIPT), "info", "--help"], check=True, capture_output=True, env=_cli_env(True))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        serving = [h for h in launcher.helpers(str(_helpers_dir())) if h["serving"]]
        if serving:
            return int(serving[0]["pid"])
        time.sleep(0.1)
    raise RuntimeError(f"no preloaded helper in {_helpers_dir()}")


def _stop_helpers() -> None:
    subprocess.run([str(PV_SCRIPT), "preload", "stop"], capture_output=True, env=_cli_env(True))


BATCH = 8  # cases per batch run: a day's plans of a small hub (and twice that, for the cost of each further case)


def _batch_copies(folder: Path, n: int = 2 * BATCH) -> list[Path]:
    """``n`` copies of the case's files, each in its own folder (as a hub's cases arrive)."""
    root = Path(tempfile.mkdtemp(prefix=f"pv-dvh-batch-{folder.name}-"))
    out = []
    for i in range(n):
        d = root / f"case{i + 1:02d}"
        d.mkdir()
        for f in folder.glob("*.dcm"):
            (d / f.name).write_bytes(f.read_bytes())
        out.append(d)
    return out


def _cli_batch_seconds(folders: list[Path]) -> float:
    """Wall time of ``plannerview dvh --each F1 F2 ... --json`` in one fresh process (start, imports
    and kernel loading paid once, each case read, computed and printed)."""
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "plannerview.cli.main", "dvh", "--each", *map(str, folders), "--json"],
                       check=True, capture_output=True, text=True, env=_cli_env(False))
    assert len(p.stdout.splitlines()) == len(folders)
    return time.perf_counter() - t0


def _peak_memory(ss: StructureSet, dose: DoseGrid) -> tuple[int, int, int]:
    """(tracemalloc peak of one compute_dvhs with the dose decoded, the dose's bytes, the largest
    ROI's samples) -- numpy's allocations, which the DVH engine's are."""
    import tracemalloc

    _ = dose.dose
    tracemalloc.start()
    dvhs = compute_dvhs(ss, dose)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    samples = max(int(h.provenance["parameters"].get("samples", 0)) for h in dvhs)
    return peak, int(dose.dose.nbytes), samples


def speed_cases(skip_peers: bool, timeout_s: float) -> list[tuple[str, StructureSet, DoseGrid, Path]]:
    """The three cases of the speed target, with their files (RTSTRUCT + RTDOSE) for the peers and the CLI."""
    sys.path.insert(0, str(HERE))
    from cases import srs_doses, srs_structures

    out = []
    tmp = Path(tempfile.mkdtemp(prefix="pv-dvh-bench-"))
    if REAL_CASE.is_dir():
        case = plannerview.load(REAL_CASE)
        d = tmp / "dicompyler_core_example"
        d.mkdir()
        for n in ("rtss.dcm", "rtdose.dcm"):
            (d / n).write_bytes((REAL_CASE / n).read_bytes())
        out.append(("dicompyler_core_example", case.structure_sets[0], case.doses[0], d))
    ss, dose = synthetic_case()
    d = tmp / "synthetic"
    d.mkdir()
    write_rt_pair(ss.rois, dose, d)
    out.append(("synthetic, 20 ROIs", ss, dose, d))
    srs_ss = srs_structures()
    imrt, _ = srs_doses()
    d = tmp / "srs"
    d.mkdir()
    write_rt_pair(srs_ss.rois, imrt, d)
    out.append(("SRS-like, 28 ROIs", srs_ss, imrt, d))
    return out


def speed(skip_peers: bool, timeout_s: float, repeat: int = 3, dicompyler: bool = False) -> tuple[list[str], dict]:
    rows, doc = [], {}
    _start_helper()
    for name, ss, dose, folder in speed_cases(skip_peers, timeout_s):
        _ = dose.dose
        compute_dvhs(ss, dose)  # load the compiled kernels
        ours, cli, warm, batch, further, plm = [], [], [], [], [], []
        copies = _batch_copies(folder)
        _cli_seconds(folder, False)  # bytecode caches written, files in the OS cache (for both)
        for _ in range(repeat):  # interleaved: the machine's load changes while they run
            t0 = time.perf_counter()
            compute_dvhs(ss, dose)
            ours.append(time.perf_counter() - t0)
            cli.append(_cli_seconds(folder, False))
            warm.append(_cli_seconds(folder, True))
            t_one = _cli_batch_seconds(copies[:BATCH])
            t_two = _cli_batch_seconds(copies)
            batch.append(t_one / BATCH)
            further.append((t_two - t_one) / (len(copies) - BATCH))
            if not skip_peers:
                p = run_plastimatch(folder, float(dose.dose.max()), 0.01, timeout_s)
                if p:
                    plm.append(p["seconds"])
        dcm = run_dicompyler(folder / "rtss.dcm", folder / "rtdose.dcm", timeout_s) if dicompyler and not skip_peers \
            else None
        shutil.rmtree(copies[0].parent, ignore_errors=True)
        peak, dose_bytes, samples = _peak_memory(ss, dose)
        n_rois = sum(1 for r in ss.rois if r.planes)
        o, c, w, b, fu = (statistics.median(ours), statistics.median(cli), statistics.median(warm),
                          statistics.median(batch), statistics.median(further))
        pm = statistics.median(plm) if plm else None
        r = {"case": name, "rois": n_rois, "contours": sum(len(x.contours) for x in ss.rois),
             "dose_voxels": int(np.prod(dose.grid.shape_zyx)), "plannerview_s": o, "plannerview_runs_s": ours,
             "plannerview_cli_s": c, "plannerview_cli_runs_s": cli, "plannerview_cli_preloaded_s": w,
             "plannerview_cli_preloaded_runs_s": warm, "plannerview_batch_s_per_case": b,
             "plannerview_batch_runs_s": batch, "plannerview_further_case_s": fu, "plannerview_further_runs_s": further,
             "plastimatch_s": pm, "plastimatch_runs_s": plm,
             "dicompyler_s": dcm and dcm["seconds"], "ms_per_roi": 1000 * o / n_rois,
             "peak_mb": (dose_bytes + peak) / 1e6, "dose_mb": dose_bytes / 1e6, "largest_roi_samples": samples,
             "budget_mb": (2 * dose_bytes + 4 * samples) / 1e6}
        rows.append(r)
        print(r, flush=True)
    _stop_helpers()
    out = ["plannerview: compute_dvhs in the process, dose decoded (median of the runs); CLI: `plannerview dvh "
           "FOLDER --json` as a user runs it (start, imports, reading, output), in a fresh process "
           "(PLANNERVIEW_PRELOAD=0, or the first command of a session), and handed to the preloaded helper an "
           "earlier command started (every later command); batch: `plannerview dvh --each` "
           f"over {BATCH} copies of the case in one fresh process, wall time per case; further case: what each case "
           f"beyond those adds (a batch of {2 * BATCH} less the batch of {BATCH}, per case); plastimatch: `plastimatch dvh` "
           "(its own process, reading the files; it has no batch mode, so a batch of its runs takes its time per case). "
           "Memory: the decoded dose grid plus the tracemalloc peak of one "
           "compute_dvhs; budget = 2 x the dose grid + 4 bytes x the largest ROI's samples.", "",
           "| case | ROIs | contours | dose voxels | plannerview s | ms per ROI | CLI fresh process s | CLI preloaded s "
           "| batch s per case | further case s | plastimatch s | plastimatch / plannerview | plastimatch / CLI fresh "
           "| plastimatch / CLI preloaded | plastimatch / batch | plastimatch / further case | dicompyler-core s "
           "| peak MB | budget MB |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        pm = r["plastimatch_s"]

        def ratio(key: str, pm: float | None = pm, r: dict = r) -> str:
            return "-" if not pm else f"{pm / r[key]:.1f}x"

        out.append(f"| {r['case']} | {r['rois']} | {r['contours']} | {r['dose_voxels']:,} | {r['plannerview_s']:.2f} | "
                   f"{r['ms_per_roi']:.1f} | {r['plannerview_cli_s']:.2f} | {r['plannerview_cli_preloaded_s']:.2f} | "
                   f"{r['plannerview_batch_s_per_case']:.2f} | {r['plannerview_further_case_s']:.2f} | {_f(pm)} | "
                   f"{ratio('plannerview_s')} | {ratio('plannerview_cli_s')} | {ratio('plannerview_cli_preloaded_s')} | "
                   f"{ratio('plannerview_batch_s_per_case')} | {ratio('plannerview_further_case_s')} | "
                   f"{_f(r['dicompyler_s'], 1)} | {r['peak_mb']:.0f} | {r['budget_mb']:.0f} |")
    doc["rows"] = rows
    return out, doc


def scaling() -> tuple[list[str], dict]:
    """How the time grows with the number of ROIs (same grid) and with the dose grid (same ROIs)."""
    out = ["synthetic case; plannerview compute_dvhs in the process (median of 3).", "",
           "| ROIs | dose grid | dose voxels | samples (millions) | s | ms per ROI | ns per sample |",
           "|---:|---|---:|---:|---:|---:|---:|"]
    doc = []
    configs = [(n, 2.5) for n in (5, 10, 20, 40)] + [(20, sp) for sp in (5.0, 1.25)]
    for n_rois, sp in configs:
        ss, dose = synthetic_case(n_rois=n_rois)
        if sp != 2.5:
            arr = np.asarray(dose.dose)
            g = dose.grid
            nz, ny, nx = (int(round((n - 1) * 2.5 / sp)) + 1 for n in g.shape_zyx)
            az = g.origin_mm[2] + sp * np.arange(nz)
            ay = g.origin_mm[1] + sp * np.arange(ny)
            axx = g.origin_mm[0] + sp * np.arange(nx)
            z, y, x = np.meshgrid(az, ay, axx, indexing="ij", sparse=True)
            new = (60 * np.exp(-(x**2 + (y / 0.8) ** 2 + (z / 1.5) ** 2) / (2 * 40.0**2))).astype(np.float32)
            del arr
            grid = Grid((nz, ny, nx), (sp, sp, sp), g.origin_mm, np.eye(3), "F")
            dose = DoseGrid(sop_uid=f"d{sp}", frame_of_reference_uid="F", grid=grid, dose_type="PHYSICAL", units="GY",
                            summation_type="PLAN", loader=lambda new=new: new)
        _ = dose.dose
        dvhs, secs = _timed(lambda ss=ss, dose=dose: compute_dvhs(ss, dose))
        assert isinstance(dvhs, list)
        samples = sum(int(h.provenance["parameters"].get("samples", 0)) for h in dvhs)
        voxels = int(np.prod(dose.grid.shape_zyx))
        doc.append({"rois": n_rois, "spacing_mm": sp, "voxels": voxels, "samples": samples, "seconds": secs})
        out.append(f"| {n_rois} | {' x '.join(str(v) for v in dose.grid.shape_zyx[::-1])} at {sp} mm | {voxels:,} | "
                   f"{samples / 1e6:.1f} | {secs:.2f} | {1000 * secs / n_rois:.0f} | {1e9 * secs / samples:.0f} |")
        print(out[-1], flush=True)
    return out, {"rows": doc}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--only", default="analytic,real,synthetic,speed,scaling")
    ap.add_argument("--repeat", type=int, default=3, help="speed: runs of each tool per case (interleaved)")
    ap.add_argument("--dicompyler", action="store_true", help="speed: also dicompyler-core (slow) on each case")
    ap.add_argument("--peer-timeout", type=float, default=1800.0, help="seconds per peer run on the large cases")
    args = ap.parse_args()
    parts = args.only.split(",")
    RESULTS.mkdir(exist_ok=True)
    stamp = (f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores (shared), plannerview {plannerview.__version__}, "
             f"peers {'skipped' if args.skip_peers else 'run'}, load average {os.getloadavg()[0]:.2f} at the start")
    sections = {"analytic": ("Analytic cases", analytic, (args.skip_peers,)),
                "real": ("dicompyler_core_example", real_case, (args.skip_peers, args.peer_timeout)),
                "synthetic": ("Synthetic case of realistic size", synthetic, (args.skip_peers, args.peer_timeout)),
                "speed": ("Speed and memory against plastimatch (same run, interleaved)", speed,
                          (args.skip_peers, args.peer_timeout, args.repeat, args.dicompyler)),
                "scaling": ("Growth with the number of ROIs and the dose grid", scaling, ())}
    for key in parts:
        title, fn, fargs = sections[key]
        if key == "real" and not REAL_CASE.is_dir():
            print(f"skipped {key}: {REAL_CASE} not found")
            continue
        lines, doc = fn(*fargs)
        text = "\n".join([f"## {title}", "", f"Measured {stamp}.", "", *lines, ""])
        print(text, flush=True)
        (RESULTS / f"dvh_{key}.md").write_text(text)
        (RESULTS / f"dvh_{key}.json").write_text(json.dumps(doc, indent=1, default=float))
    # the combined report: every section measured so far, and the times table
    out = ["# DVH benchmark (benchmarks/bench_dvh.py)", ""]
    times: dict[str, dict] = {}
    for key in sections:
        md = RESULTS / f"dvh_{key}.md"
        if md.exists():
            out.append(md.read_text())
        js = RESULTS / f"dvh_{key}.json"
        if key in ("real", "synthetic") and js.exists():
            doc = json.loads(js.read_text())
            name = ("dicompyler_core_example (10 ROIs)" if key == "real"
                    else f"synthetic ({doc['rois']} ROIs, {doc['contours']} contours, dose 200 x 200 x 150)")
            times[name] = doc["seconds"]
    if times:
        out += ["## Times", "",
                "All ROIs of the case, seconds. plannerview: median of 3 in-process runs, dose already decoded; "
                "peers: one run each, including process start and reading the files.", "",
                "| case | plannerview | dicompyler-core | plastimatch | dicompyler-core / plannerview |",
                "|---|---|---|---|---|"]
        for name, t in times.items():
            ours, dcm, plm = t.get("plannerview"), t.get("dicompyler-core"), t.get("plastimatch")
            ratio = f"{dcm / ours:.0f}x" if dcm and ours else "-"
            out.append(f"| {name} | {_f(ours)} | {_f(dcm, 1)} | {_f(plm)} | {ratio} |")
    text = "\n".join(out) + "\n"
    (RESULTS / "dvh.md").write_text(text)
    print(f"\nsaved {RESULTS / 'dvh.md'}")


if __name__ == "__main__":
    main()
