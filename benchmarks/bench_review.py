"""Time the review pipeline on the demo case: load, plan checks, DVHs, goals, figures, PDF report
(and, with --compare, the comparison with gamma). Each run is a fresh Workspace (nothing cached).

    .venv/bin/python benchmarks/bench_review.py [--repeat 3] [--compare]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from plannerview.io.loader import load
from plannerview.review.audit import AuditLog
from plannerview.review.checks import load_config, make_context, run_checks
from plannerview.review.loaders import load_protocol
from plannerview.review.report import collect, write_pdf
from plannerview.review.workspace import Workspace

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


def one(compare: bool, out: Path) -> dict[str, float]:
    out.mkdir(parents=True)
    t = {}
    t0 = time.perf_counter()
    case = load([str(DEMO)])
    _ = [i.voxels for i in case.images]
    t["load"] = time.perf_counter() - t0
    plan = next(p for p in case.plans if p.label == "Photon7F")
    other = case.plan_dose(next(p for p in case.plans if p.label == "ProtonIMPT").sop_uid) if compare else None
    s = time.perf_counter()
    report = run_checks(make_context(case, plan, results=Workspace(case=case)), load_config())
    t["checks (alone)"] = time.perf_counter() - s
    assert report.results
    s = time.perf_counter()
    data = collect(case, plan, protocol=load_protocol("tg119_cshape"), compare_dose=other,
                   log=AuditLog(out / "none.jsonl"))
    t["collect: checks+DVH+goals" + ("+gamma" if compare else "")] = time.perf_counter() - s
    s = time.perf_counter()
    write_pdf(data, out / "review.pdf")
    t["figures + PDF"] = time.perf_counter() - s
    t["report total (load..PDF)"] = time.perf_counter() - t0 - t["checks (alone)"]
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--compare", action="store_true", help="also compare with the proton dose (gamma)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        runs = [one(args.compare, Path(d) / str(i)) for i in range(args.repeat)]
    print(f"demo case (TG-119 photon plan, CT 167x167x129, dose 125x55x106), median of {args.repeat}")
    print("| step | median s | min s |")
    print("|---|---|---|")
    for k in runs[0]:
        vals = [r[k] for r in runs]
        print(f"| {k} | {statistics.median(vals):.2f} | {min(vals):.2f} |")


if __name__ == "__main__":
    main()
