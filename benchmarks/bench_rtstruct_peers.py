"""RTSTRUCT export cross-check (issue 7): volumes of a plannerview-written RTSTRUCT read back by
plannerview, dicompyler-core, plastimatch and rt-utils.

1. On ``onko_lung_imrt`` (105 x 512 x 512 CT, 9 clinical ROIs), the CLI writes a new structure
   set into a temporary folder: ``contour --engine all`` (BODY, both lungs, bones, air cavities),
   ``margin --roi PTV4140 --mm 5``, ``roi-op --op ring`` (PTV4140 5 to 20 mm, cropped to BODY) and
   ``roi-op --op subtract`` (LUNGS minus PTV4140+5mm). The file holds the 9 original ROIs
   (passed through: origin "original") and 8 ROIs traced from masks (origin "traced").
2. plannerview's volume per ROI: the file loaded with ``plannerview.io.loader`` and
   ``compute.contours.roi_volume_cc`` (as ``plannerview info`` reports it: contour areas with
   holes, half a slice either side of each plane).
3. Peers, each in a subprocess with its own venv (``benchmarks/.venv-<peer>``; a missing venv is
   skipped with a message; ``benchmarks/peers/setup_peers.sh`` creates them):
   dicompyler-core (``get_dvh(...).volume`` on a uniform RTDOSE written on the CT grid, no
   interpolation; ``--dicompyler-interpolation`` adds a run with the DVH benchmark's settings),
   plastimatch (``convert`` to masks on the CT grid; default, and ``--xor-contours``), rt-utils
   (``get_roi_mask_by_name``). Voxel counts times the CT voxel volume.
4. A Markdown table: per ROI, each tool's cc and % difference from plannerview, and the issue's
   criterion for ROIs over 10 cc (dicompyler-core and plastimatch within 2 %, rt-utils within
   6 %), evaluated on the traced ROIs (the originals are shown for information); then each tool's
   time. Saved with the JSON in ``benchmarks/results/``.

``--holes keyhole`` writes the traced ROIs with ``--holes keyhole`` (each hole spliced into its
outer contour through a zero-width cut) instead of the default separate hole contours, to see
whether readers that OR a plane's contours (plastimatch's default) then read them right.

    .venv/bin/python benchmarks/bench_rtstruct_peers.py [--case DIR] [--rtstruct RS.dcm]
        [--workdir DIR] [--dicompyler-interpolation] [--timeout S] [--holes xor|keyhole]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pydicom.uid import generate_uid

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from peers.write_dicom import write_rtdose_file  # noqa: E402

import plannerview  # noqa: E402
from plannerview.compute.contours import roi_volume_cc  # noqa: E402
from plannerview.io import loader  # noqa: E402
from plannerview.model import Grid  # noqa: E402

CASE = HERE.parents[1] / "shared" / "data" / "onko_lung_imrt"
CLI = Path(sys.executable).parent / "plannerview"
PEERS = HERE / "peers"
DCM_PY = HERE / ".venv-dicompyler" / "bin" / "python"
PLM_PY = HERE / ".venv-plastimatch" / "bin" / "python"
PLM = HERE / ".venv-plastimatch" / "bin" / "plastimatch"
RTU_PY = HERE / ".venv-rtutils" / "bin" / "python"
RESULTS = HERE / "results"
MIN_CC = 10.0
# peer column -> tolerance (%) of the issue, or None (shown for information)
TOLERANCE = {"dicompyler-core": 2.0, "plastimatch": 2.0, "plastimatch --xor-contours": 2.0, "rt-utils": 6.0,
             "dicompyler-core interpolated": None, "dicompyler-core CalculateStructureVolume": None}
RTDOSE_CLASS = "1.2.840.10008.5.1.4.1.1.481.2"


# --- 1. the plannerview RTSTRUCT -----------------------------------------------------------------
def make_rtstruct(case_dir: Path, ctdir: Path, work: Path,
                  holes: str = "xor") -> tuple[Path, list[dict], dict[str, dict]]:
    """Run the CLI steps; returns the final RTSTRUCT, the steps (command, seconds) and the traced
    ROIs as each step reported them (mask voxels and mask volume)."""
    steps = [
        (["contour", str(case_dir), "--engine", "all"], "rs1.dcm"),
        (["margin", str(ctdir), "{prev}", "--roi", "PTV4140", "--mm", "5"], "rs2.dcm"),
        (["roi-op", str(ctdir), "{prev}", "--op", "ring", "--a", "PTV4140", "--inner-mm", "5", "--outer-mm", "20",
          "--crop-to", "BODY", "--name", "PTV_RING"], "rs3.dcm"),
        (["roi-op", str(ctdir), "{prev}", "--op", "subtract", "--a", "LUNGS", "--b", "PTV4140+5mm",
          "--name", "LUNGS-PTV", "--type", "AVOIDANCE"], "rs4.dcm"),
    ]
    prev: Path | None = None
    log: list[dict] = []
    traced: dict[str, dict] = {}
    for args, out_name in steps:
        out = work / out_name
        cmd = [str(CLI), *[str(prev) if a == "{prev}" else a for a in args], "--out", str(out), "--json"]
        if holes != "xor":
            cmd += ["--holes", holes]
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        secs = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{p.stderr[-3000:]}")
        doc = json.loads(p.stdout)
        for r in doc["new_rois"]:
            traced[r["name"]] = {k: r.get(k) for k in ("number", "voxels", "mask_volume_cc", "volume_cc", "contours")}
        log.append({"command": "plannerview " + " ".join(cmd[1:]), "seconds": secs})
        prev = out
    assert prev is not None
    return prev, log, traced


def ct_only_folder(case_dir: Path, ctdir: Path) -> Grid:
    """Symlink the CT slices of the case into ``ctdir`` (peers also pick up any RTSTRUCT of a folder)."""
    case = loader.load([str(case_dir)])
    img = next(i for i in case.images if i.modality == "CT")
    ctdir.mkdir(parents=True, exist_ok=True)
    for f in img.slice_files:
        (ctdir / Path(f).name).symlink_to(Path(f).resolve())
    return img.grid


def write_uniform_dose(grid: Grid, out: Path) -> Path:
    """A 1 Gy RTDOSE on the CT grid (axial, identity direction), so that dicompyler-core's DVH
    volume samples every contour plane at the CT's voxel centres."""
    return write_rtdose_file(grid, np.ones(grid.shape_zyx), out / "rtdose.dcm", grid.frame_of_reference_uid,
                             generate_uid(), patient="Benchmark^Uniform")


def plannerview_volumes(ctdir: Path, rs: Path) -> tuple[dict[str, float], float, dict[str, int], dict[str, float]]:
    """Volumes (cc) as ``plannerview info`` reports them, the seconds to load and compute them,
    ROI numbers, and each ROI's total contour length (mm; for the rt-utils boundary model)."""
    t0 = time.perf_counter()
    case = loader.load([str(ctdir), str(rs)])
    ss = case.select("structures", None)
    img = case.image_for_frame(ss.frame_of_reference_uid)
    fallback = img.grid.spacing_mm[0] if img is not None else None
    vols = {}
    for roi in ss.rois:
        v = roi_volume_cc(roi)
        if v is None and fallback:
            v = roi_volume_cc(roi, fallback)
        if v is not None:
            vols[roi.name] = v
    secs = time.perf_counter() - t0
    perimeters = {}
    for roi in ss.rois:
        perimeters[roi.name] = sum(float(np.linalg.norm(np.diff(c.points_mm[:, :2], axis=0, append=c.points_mm[:1, :2]),
                                                        axis=1).sum()) for c in roi.closed_contours)
    return vols, secs, {r.name: r.number for r in ss.rois}, perimeters


# --- 3. peers -----------------------------------------------------------------------------------
def run_peer(label: str, python: Path, script: str, args: list[str], timeout_s: float) -> dict | None:
    if not python.exists():
        print(f"[skip] {label}: {python.parent.parent} is missing; run benchmarks/peers/setup_peers.sh",
              file=sys.stderr)
        return None
    cmd = [str(python), str(PEERS / script), *args]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        print(f"[timeout] {label}: stopped after {timeout_s:.0f} s", file=sys.stderr)
        return {"tool": label, "timeout_s": timeout_s, "rois": {}, "wall_seconds": None}
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        print(f"[fail] {label}:\n{p.stderr[-3000:]}", file=sys.stderr)
        return None
    doc = json.loads(p.stdout.strip().splitlines()[-1])
    doc["wall_seconds"] = wall
    doc["command"] = " ".join(cmd)
    return doc


# --- 4. table -----------------------------------------------------------------------------------
def pct(peer: float | None, ref: float) -> float | None:
    return None if peer is None or ref <= 0 else 100.0 * (peer - ref) / ref


def build_table(pv: dict[str, float], origin: dict[str, str], peers: dict[str, dict | None]) -> tuple[str, dict]:
    cols = [k for k, v in peers.items() if v is not None]
    head = "| ROI | origin | plannerview cc | " + " | ".join(f"{c} cc | %" for c in cols) + " | criterion |"
    sep = "|---|---|---:|" + "---:|---:|" * len(cols) + "---|"
    lines = [head, sep]
    verdict: dict[str, dict[str, bool]] = {}
    for group in ("traced", "original"):
        for name, ref in pv.items():
            if origin[name] != group:
                continue
            cells, fails, checked = [], [], False
            for c in cols:
                r = peers[c]["rois"].get(name, {})
                v = r.get("volume_cc")
                d = pct(v, ref)
                cells.append(f"{v:.2f} | {d:+.2f}" if v is not None else f"{r.get('error') or 'not run'} | -")
                tol = TOLERANCE.get(c)
                if tol is not None and ref > MIN_CC:
                    checked = True
                    ok = d is not None and abs(d) <= tol
                    verdict.setdefault(c, {})[name] = ok
                    if not ok:
                        fails.append(f"{c} > {tol:g} %")
            if not checked:
                crit = "n/a (<= 10 cc)" if ref <= MIN_CC else "-"
            elif group == "original":
                crit = "(info) " + ("ok" if not fails else "; ".join(fails))
            else:
                crit = "PASS" if not fails else "FAIL: " + "; ".join(fails)
            lines.append(f"| {name} | {group} | {ref:.2f} | " + " | ".join(cells) + f" | {crit} |")
    return "\n".join(lines), verdict


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", type=Path, default=CASE)
    ap.add_argument("--rtstruct", type=Path, help="use this RTSTRUCT instead of writing one")
    ap.add_argument("--workdir", type=Path, help="keep the files here (default: a temporary folder)")
    ap.add_argument("--dicompyler-interpolation", action="store_true",
                    help="also run dicompyler-core with the DVH benchmark's interpolation (about 80x slower)")
    ap.add_argument("--interpolation-rois", help="comma-separated ROI names for that run (default: all)")
    ap.add_argument("--timeout", type=float, default=1800.0, help="per peer run, seconds")
    ap.add_argument("--holes", choices=("xor", "keyhole"), default="xor",
                    help="how the CLI writes holes of traced ROIs (default xor: separate contours)")
    args = ap.parse_args()

    tmp = None
    if args.workdir:
        work = args.workdir
        if work.exists() and any(work.iterdir()):
            raise SystemExit(f"{work} is not empty")
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.mkdtemp(prefix="bench_rtstruct_")
        work = Path(tmp)
    try:
        ctdir = work / "ct"
        grid = ct_only_folder(args.case, ctdir)
        if args.rtstruct:
            rs, steps, traced = args.rtstruct.resolve(), [], {}
        else:
            rs, steps, traced = make_rtstruct(args.case, ctdir, work, args.holes)
        src = loader.load([str(args.case)]).structure_sets
        original_names = {r.name for s in src for r in s.rois}
        pv, pv_s, numbers, perimeters = plannerview_volumes(ctdir, rs)
        origin = {n: ("original" if n in original_names else "traced") for n in pv}
        dose = write_uniform_dose(grid, work / "dose")

        peers: dict[str, dict | None] = {}
        peers["dicompyler-core"] = run_peer("dicompyler-core", DCM_PY, "rtstruct_volumes_dicompyler.py",
                                            [str(rs), str(dose)], args.timeout)
        if args.dicompyler_interpolation:
            sel = [numbers[n.strip()] for n in args.interpolation_rois.split(",")] if args.interpolation_rois else []
            peers["dicompyler-core interpolated"] = run_peer(
                "dicompyler-core interpolated", DCM_PY, "rtstruct_volumes_dicompyler.py",
                [str(rs), str(dose), "--interpolation", *(["--roi", *map(str, sel)] if sel else [])], args.timeout)
        d = peers["dicompyler-core"]
        if d is not None and any("structure_volume_cc" in r for r in d["rois"].values()):
            peers["dicompyler-core CalculateStructureVolume"] = {
                "tool": d["tool"], "wall_seconds": sum(r.get("structure_volume_seconds", 0.0) for r in d["rois"].values()),
                "rois": {n: {"volume_cc": r.get("structure_volume_cc"), "error": r.get("structure_volume_error", "")}
                         for n, r in d["rois"].items()}}
        # the venv's binary, else a system plastimatch (e.g. Debian's) run from this venv's Python
        plm = PLM if PLM.exists() else Path(shutil.which("plastimatch") or PLM)
        plm_py = PLM_PY if PLM_PY.exists() else Path(sys.executable) if plm.exists() else PLM_PY
        peers["plastimatch"] = run_peer("plastimatch", plm_py, "rtstruct_volumes_plastimatch.py",
                                        [str(ctdir), str(rs), str(work / "plm"), "--binary", str(plm)], args.timeout)
        peers["plastimatch --xor-contours"] = run_peer(
            "plastimatch --xor-contours", plm_py, "rtstruct_volumes_plastimatch.py",
            [str(ctdir), str(rs), str(work / "plm_xor"), "--xor-contours", "--binary", str(plm)], args.timeout)
        peers["rt-utils"] = run_peer("rt-utils", RTU_PY, "rtstruct_volumes_rtutils.py", [str(ctdir), str(rs)],
                                     args.timeout)

        table, verdict = build_table(pv, origin, peers)
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        out = [f"RTSTRUCT cross-check, {when}, {machine}, plannerview {plannerview.__version__}",
               f"case: {args.case}  CT {list(grid.shape_zyx)} at {grid.spacing_mm[::-1]} mm (x, y, z)",
               f"RTSTRUCT: {rs}" + ("" if args.rtstruct else f" (traced ROIs' holes: {args.holes})"), ""]
        if steps:
            out += ["plannerview steps:"] + [f"  {s['seconds']:6.1f} s  {s['command']}" for s in steps] + [""]
        out += [table, ""]
        rows = [f"| plannerview {plannerview.__version__} (load + volumes) | {pv_s:.2f} |"]
        for label, doc in peers.items():
            if doc is None:
                rows.append(f"| {label} | skipped |")
            else:
                rows.append(f"| {doc.get('tool', label)}{' ' + label.split(' ', 1)[1] if ' ' in label else ''} | "
                            + ("-" if doc.get("wall_seconds") is None else f"{doc['wall_seconds']:.2f}") + " |")
        out += ["| tool | seconds (whole run, incl. loading) |", "|---|---:|", *rows, ""]
        out.append(f"criterion on traced ROIs over {MIN_CC:g} cc:")
        for c, res in verdict.items():
            traced_res = {n: ok for n, ok in res.items() if origin[n] == "traced"}
            if traced_res:
                bad = [n for n, ok in traced_res.items() if not ok]
                out.append(f"  {c}: {len(traced_res) - len(bad)}/{len(traced_res)} within {TOLERANCE[c]:g} %"
                           + (f" (outside: {', '.join(bad)})" if bad else ""))
        ref_label = next((k for k in ("plastimatch --xor-contours", "dicompyler-core") if peers.get(k)), None)
        rtu, ref = peers.get("rt-utils"), peers.get(ref_label) if ref_label else None
        if rtu is not None and ref is not None:
            px = float(np.sqrt(grid.spacing_mm[1] * grid.spacing_mm[2]))
            out += ["", f"rt-utils excess over a voxel-centre mask ({ref_label}) against half a pixel x contour "
                    "length x slice thickness:", "",
                    "| ROI | contour length m | rt-utils excess cc | 0.5 px x length x slice cc | ratio | excess % |",
                    "|---|---:|---:|---:|---:|---:|"]
            for name in pv:
                a, b = rtu["rois"].get(name, {}).get("volume_cc"), ref["rois"].get(name, {}).get("volume_cc")
                if a is None or b is None:
                    continue
                model = 0.5 * px * perimeters[name] * grid.spacing_mm[0] / 1000.0
                out.append(f"| {name} | {perimeters[name] / 1000:.2f} | {a - b:.2f} | {model:.2f} | "
                           f"{(a - b) / model:.2f} | {100 * (a - pv[name]) / pv[name]:+.2f} |")
        if traced:
            out += ["", "traced ROIs as the CLI reported them (mask voxels, mask cc, traced contour cc, contours):"]
            out += [f"  {n}: {t['voxels']} voxels, {t['mask_volume_cc']} cc mask, {t['volume_cc']} cc contours, "
                    f"{t['contours']} contours" for n, t in traced.items()]
        text = "\n".join(out)
        print(text)
        RESULTS.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        (RESULTS / f"rtstruct_peers-{stamp}.md").write_text(text + "\n")
        (RESULTS / f"rtstruct_peers-{stamp}.json").write_text(json.dumps(
            {"when": when, "machine": machine, "rtstruct": str(rs), "holes": args.holes, "steps": steps, "traced": traced,
             "plannerview": {"seconds": pv_s, "volumes_cc": pv}, "origin": origin, "peers": peers}, indent=1))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
