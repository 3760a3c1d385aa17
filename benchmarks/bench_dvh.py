"""DVH benchmark: plannerview vs dicompyler-core on dicompyler_core_example (all ROIs).

dicompyler-core runs in its own venv (``benchmarks/.venv-dicompyler``: dicompyler-core 0.5.6,
pydicom<3, numpy<2, scikit-image) with the settings of the issue: interpolation_resolution = dose
pixel spacing / 4, interpolation_segments_between_planes = 2. Both report Dmean and D95 per ROI
beside the TPS's stored curve.

    .venv/bin/python benchmarks/bench_dvh.py [--skip-peer]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

import plannerview
from plannerview.compute.dvh import compute_dvhs
from plannerview.compute.tps_dvh import compare_with_tps

HERE = Path(__file__).resolve().parent
CASE = HERE.parents[1] / "shared" / "data" / "dicompyler_core_example"
PEER = HERE / ".venv-dicompyler" / "bin" / "python"

PEER_CODE = r"""
import json, sys, time
import numpy as np
from dicompylercore import dicomparser, dvhcalc
folder = sys.argv[1]
rs, rd = dicomparser.DicomParser(folder + '/rtss.dcm'), dicomparser.DicomParser(folder + '/rtdose.dcm')
spacing = [float(v) for v in rd.ds.PixelSpacing]
out = {}
t0 = time.perf_counter()
for n, s in rs.GetStructures().items():
    try:
        d = dvhcalc.get_dvh(folder + '/rtss.dcm', folder + '/rtdose.dcm', n,
                            interpolation_resolution=(spacing[0] / 4, spacing[1] / 4),
                            interpolation_segments_between_planes=2)
    except Exception as exc:
        continue
    if d.volume > 0:
        out[s['name']] = {'volume': float(d.volume), 'mean': float(d.mean), 'D95': float(d.D95.value), 'D50': float(d.D50.value), 'D2': float(d.D2.value)}
print(json.dumps({'seconds': time.perf_counter() - t0, 'rois': out}))
"""


def synthetic_case(n_rois: int = 20, seed: int = 3) -> tuple:
    """Realistic size: 512 x 512 x 150 CT geometry (ROIs on its 150 planes, 2 mm apart), 20 ROIs of
    ellipsoids and tubes with about 1,200 contours in all, dose 200 x 200 x 150 at 2.5 mm."""
    import numpy as np

    from plannerview.model import ROI, Contour, DoseGrid, Grid, StructureSet

    rng = np.random.default_rng(seed)
    zs = -150.0 + 2.0 * np.arange(150)
    ang = np.linspace(0, 2 * np.pi, 96, endpoint=False)
    rois = []
    body = tuple(Contour("CLOSED_PLANAR", np.column_stack([170 * np.cos(ang), 110 * np.sin(ang), np.full(96, z)]))
                 for z in zs)  # body on every plane: 150 contours
    rois.append(ROI(1, "BODY", body, "EXTERNAL"))
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-peer", action="store_true")
    args = ap.parse_args()
    case = plannerview.load(CASE)
    dose, ss = case.doses[0], case.structure_sets[0]
    _ = dose.dose
    t0 = time.perf_counter()
    dvhs = compute_dvhs(ss, dose)
    ours_s = time.perf_counter() - t0
    tps = {t.roi_number: t for t in dose.tps_dvhs}
    peer: dict = {}
    peer_s = None
    if not args.skip_peer and PEER.exists():
        res = subprocess.run([str(PEER), "-c", PEER_CODE, str(CASE)], capture_output=True, text=True, check=True)
        doc = json.loads(res.stdout.strip().splitlines()[-1])
        peer, peer_s = doc["rois"], doc["seconds"]
    print(f"dicompyler_core_example, {len(dvhs)} ROIs; Rx 14 Gy; TPS = DVHSequence stored by the planning system")
    print(f"| {'ROI':<16} | {'vol cc ours':>11} | {'dcm-core':>9} | {'TPS':>9} | {'Dmean ours':>10} | {'dcm-core':>8} | {'TPS':>6} "
          f"| {'D95 ours':>8} | {'dcm-core':>8} | {'TPS':>6} |")
    print("|" + "|".join("-" * (w + 2) for w in (16, 11, 9, 9, 10, 8, 6, 8, 8, 6)) + "|")
    for h in dvhs:
        if h.covered_cc <= 0 or h.roi_number not in tps:
            continue
        t, _ = compare_with_tps(h, tps[h.roi_number], 14.0)
        p = peer.get(h.roi_name, {})

        def f(v: float | None, nd: int = 2) -> str:
            return "-" if v is None else f"{v:.{nd}f}"

        print(f"| {h.roi_name:<16} | {h.volume_cc_total:>11.2f} | {f(p.get('volume')):>9} | {f(t['volume_cc']):>9} "
              f"| {h.dmean:>10.3f} | {f(p.get('mean'), 3):>8} | {f(t['dmean_gy'], 3):>6} "
              f"| {h.dose_at_percent(95):>8.3f} | {f(p.get('D95'), 3):>8} | {f(t['d_percent_gy']['95'], 3):>6} |")
    print()
    print(f"| tool | seconds (all ROIs) |\n|---|---|\n| plannerview | {ours_s:.2f} |")
    ss_syn, dose_syn = synthetic_case()
    _ = dose_syn.dose
    t0 = time.perf_counter()
    compute_dvhs(ss_syn, dose_syn)
    syn_s = time.perf_counter() - t0
    n_contours = sum(len(r.contours) for r in ss_syn.rois)
    print(f"| plannerview, synthetic {len(ss_syn.rois)} ROIs / {n_contours} contours, dose 200x200x150 | {syn_s:.2f} |")
    if peer_s is not None:
        print(f"| dicompyler-core 0.5.6 (interpolated) | {peer_s:.1f} |")
        print(f"\nspeed-up: {peer_s / ours_s:.0f}x")


if __name__ == "__main__":
    main()
