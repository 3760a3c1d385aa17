"""Independent dose calculation benchmark: speed and agreement with the planning system's dose.

Cases (each engine run in the plugin's own way: MCsquare's executable, pyRadPlan's own venv):
- demo ProtonIMPT with MCsquare to <= 2 % statistical uncertainty in the target (CT calibration
  matched to the demo's: pyRadPlan's HU -> stopping-power table), generic BDL, against RD_ProtonIMPT
  after TARGET_MEAN normalisation (the generic BDL's MU definition is not the demo's);
- demo ProtonIMPT and Photon7F with pyRadPlan (the engine that made the demo: consistency);
- aptg_dcpt_proton plan03 with MCsquare on the CT built from the structure set, as the plan states
  (HFS) and with the setup its RTDOSEs show (HFDL), TARGET_MEAN normalisation, per beam too;
- onko_lung_imrt (real 10-field IMRT, no TPS dose): pyRadPlan photon time on a real CT.

    .venv/bin/python benchmarks/bench_dose.py [--only demo-mcsquare,aptg,...]

Prints a Markdown table and saves it in benchmarks/results/dose.md. The machine is shared: the
load average is printed with the table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared" / "data"
APTG = SHARED / "aptg_dcpt_proton" / "plan03_ramp_full"
ONKO = SHARED / "onko_lung_imrt"
DEMO = REPO / "resources" / "demo"


class Ctx:
    settings: dict[str, Any] = {}
    storage_dir = None

    def __init__(self) -> None:
        self.last = 0.0

    def progress(self, f: float, msg: str = "") -> None:
        if f - self.last >= 0.1 or f >= 1.0:
            print(f"    {f:4.0%} {msg}", file=sys.stderr, flush=True)
            self.last = f

    def cancelled(self) -> bool:
        return False

    def check_cancel(self) -> None:
        pass


def dose_grid(values: np.ndarray, like: Any, grid: Any) -> Any:
    from plannerview.model import DoseGrid
    from plannerview.model.uids import new_uid

    return DoseGrid(sop_uid=new_uid(), frame_of_reference_uid=like.frame_of_reference_uid, grid=grid,
                    dose_type=like.dose_type, units="GY", summation_type=like.summation_type,
                    loader=lambda: np.array(values, dtype=np.float32))


def compare(tps: Any, mine: np.ndarray, grid: Any, target_mask: np.ndarray | None) -> dict[str, Any]:
    """Gamma 3/3 and 2/2 (10 % cut-off, global) of ``mine`` against ``tps``; ``target_mask`` (on
    ``grid``) normalises the mean dose in the target to the TPS's first."""
    from plannerview.compute.gamma import gamma_index
    from plannerview.compute.resample import resample_values

    factor = 1.0
    if target_mask is not None:
        tps_on, _ = resample_values(tps, grid, fill=0.0)
        factor = float(tps_on[target_mask].mean() / mine[target_mask].mean())
    ev = dose_grid(mine * factor, tps, grid)
    out = {"factor": factor}
    for dd, dta in ((3, 3), (2, 2)):
        g = gamma_index(tps, ev, dd, dta, 10.0, allow_mixed_types=True)
        out[f"{dd}/{dta}"] = g.pass_rate_pct
    return out


def demo_case() -> Any:
    from plannerview.io.loader import load

    return load(str(DEMO))


def run_demo_mcsquare() -> list[dict[str, Any]]:
    from plannerview_dose.mcsquare_engine import McSquareEngine

    from plannerview.plugin_api import DoseRequest, roi_mask

    case = demo_case()
    plan = next(p for p in case.plans if p.kind == "proton")
    tps = next(d for d in case.doses if d.referenced_plan_uid == plan.sop_uid)
    image, ss = case.images[0], case.structure_sets[0]
    t0 = time.perf_counter()
    res = McSquareEngine().calculate(DoseRequest(plan=plan, image=image, structure_set=ss, parameters={
        "ct_calibration": "pyradplan-hlut", "target_uncertainty_pct": 2.0}), Ctx())
    secs = time.perf_counter() - t0
    eff = next(r for r in res if r.dose_type == "EFFECTIVE")
    c = compare(tps, eff.dose, image.grid, roi_mask(ss.roi("OuterTarget"), image.grid))
    return [{"case": "demo ProtonIMPT", "engine": "MCsquare (generic BDL, pyRadPlan HLUT)", "seconds": secs,
             "uncertainty_pct": eff.statistical_uncertainty_pct, "primaries": eff.details["primaries"],
             "normalisation": f"TARGET_MEAN x{c['factor']:.4g}", "3/3": c["3/3"], "2/2": c["2/2"]}]


def run_demo_pyradplan() -> list[dict[str, Any]]:
    from plannerview_dose.pyradplan_engine import PyRadPlanEngine

    from plannerview.plugin_api import DoseRequest

    case = demo_case()
    rows = []
    for kind in ("proton", "photon"):
        plan = next(p for p in case.plans if p.kind == kind)
        tps = next(d for d in case.doses if d.referenced_plan_uid == plan.sop_uid)
        t0 = time.perf_counter()
        res = PyRadPlanEngine().calculate(DoseRequest(plan=plan, image=case.images[0],
                                                      structure_set=case.structure_sets[0]), Ctx())
        secs = time.perf_counter() - t0
        mine = next(r for r in res if r.dose_type == tps.dose_type)
        c = compare(tps, mine.dose, case.images[0].grid, None)
        rows.append({"case": f"demo {plan.label}", "engine": f"pyRadPlan {kind}", "seconds": secs,
                     "uncertainty_pct": None, "primaries": None, "normalisation": "none (absolute)",
                     "3/3": c["3/3"], "2/2": c["2/2"]})
    return rows


def run_aptg() -> list[dict[str, Any]]:
    from plannerview_dose.mcsquare_engine import McSquareEngine

    from plannerview.compute.phantom import ct_from_structures, phantom_grid
    from plannerview.io.loader import load
    from plannerview.plugin_api import DoseRequest, roi_mask

    case = load(str(APTG))
    plan, ss = case.plans[0], case.structure_sets[0]
    tps = next(d for d in case.doses if d.summation_type == "PLAN")
    tps_beams = {d.referenced_beam_numbers[0]: d for d in case.doses if d.summation_type == "BEAM"}
    # a 5 mm phantom with voxel faces on the External's faces (the 5 mm PMMA slab is one voxel):
    # per-voxel Monte Carlo noise ~4x lower than on the TPS's 2 mm grid
    image, _ = ct_from_structures(ss, phantom_grid(ss, 5.0))
    target = roi_mask(ss.roi("Cube101010"), image.grid)
    rows = []
    for position in ("PLAN", "HFDL"):
        t0 = time.perf_counter()
        res = McSquareEngine().calculate(DoseRequest(plan=plan, image=image, structure_set=ss, parameters={
            "patient_position": position, "per_beam": True, "target_uncertainty_pct": 2.0}), Ctx())
        secs = time.perf_counter() - t0
        eff = next(r for r in res if r.dose_type == "EFFECTIVE" and r.summation_type == "PLAN")
        c = compare(tps, eff.dose, image.grid, target)
        beam_rates = []
        for r in res:
            if r.dose_type == "EFFECTIVE" and r.summation_type == "BEAM":
                b = compare(tps_beams[r.beam_numbers[0]], r.dose * c["factor"], image.grid, None)
                beam_rates.append(f"b{r.beam_numbers[0]} {b['3/3']:.1f}")
        label = "as stated (HFS)" if position == "PLAN" else "setup the RTDOSEs show (HFDL)"
        rows.append({"case": f"aptg plan03 {label}", "engine": "MCsquare (generic BDL, water-linear)",
                     "seconds": secs, "uncertainty_pct": eff.statistical_uncertainty_pct,
                     "primaries": eff.details["primaries"],
                     "normalisation": f"TARGET_MEAN x{c['factor']:.4g}; beams 3/3: {', '.join(beam_rates)}",
                     "3/3": c["3/3"], "2/2": c["2/2"]})
    return rows


def run_onko() -> list[dict[str, Any]]:
    from plannerview_dose.pyradplan_engine import PyRadPlanEngine

    from plannerview.io.loader import load
    from plannerview.plugin_api import DoseRequest

    case = load(str(ONKO))
    plan = case.plans[0]
    t0 = time.perf_counter()
    res = PyRadPlanEngine().calculate(DoseRequest(plan=plan, image=case.images[0],
                                                  structure_set=case.structure_sets[0]), Ctx())
    secs = time.perf_counter() - t0
    return [{"case": f"onko_lung_imrt {plan.label} ({len(plan.beams)} fields)", "engine": "pyRadPlan photon",
             "seconds": secs, "uncertainty_pct": None, "primaries": None,
             "normalisation": f"no TPS dose; max {float(res[0].dose.max()):.1f} Gy", "3/3": None, "2/2": None}]


CASES = {"demo-mcsquare": run_demo_mcsquare, "demo-pyradplan": run_demo_pyradplan, "aptg": run_aptg,
         "onko": run_onko}


def child_cpu_s() -> float:
    """CPU seconds used by finished child processes (MCsquare, pyRadPlan's worker) so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def fmt(v: Any, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(CASES), help=f"comma-separated: {', '.join(CASES)}")
    args = ap.parse_args()
    rows: list[dict[str, Any]] = []
    load_before = os.getloadavg()
    for name in args.only.split(","):
        print(f"== {name}", file=sys.stderr, flush=True)
        cpu0 = child_cpu_s()
        new = CASES[name]()
        cpu = (child_cpu_s() - cpu0) / max(1, len(new))
        for r in new:  # the engine's own CPU time; / cores = the time on an idle machine
            r["engine_cpu_s"] = cpu
        rows += new
    load_after = os.getloadavg()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores; load average before "
        f"{load_before[0]:.1f}, after {load_after[0]:.1f} (the machine is shared: times are noisy).", "",
        "| case | engine | time s | engine CPU s | stat. unc. in target % | primaries | normalisation | gamma 3%/3mm % | gamma 2%/2mm % |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['case']} | {r['engine']} | {r['seconds']:.0f} | {r['engine_cpu_s']:.0f} | "
                     f"{fmt(r['uncertainty_pct'], '.2f')} | "
                     f"{fmt(r['primaries'], '.3g')} | {r['normalisation']} | {fmt(r['3/3'], '.1f')} | "
                     f"{fmt(r['2/2'], '.1f')} |")
    text = "\n".join(lines)
    print(text)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "dose.md").write_text(text + "\n")
    (out / "dose.json").write_text(json.dumps(rows, indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
