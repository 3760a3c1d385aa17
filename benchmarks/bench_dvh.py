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
    if peer_s is not None:
        print(f"| dicompyler-core 0.5.6 (interpolated) | {peer_s:.1f} |")
        print(f"\nspeed-up: {peer_s / ours_s:.0f}x")


if __name__ == "__main__":
    main()
