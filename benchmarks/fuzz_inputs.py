"""Mutation-fuzzing campaign: mutated copies of real multi-vendor files through info, dvh and goals.

    .venv/bin/python benchmarks/fuzz_inputs.py [--runs 120] [--seed 1] [--timeout 60] [--scenarios a,b]
                                               [--json results.json]

For every scenario (``tests/fuzzing.py``: the demo case and the ../shared/data sets of RayStation,
Eclipse, BrachyVision and other exports) it makes ``--runs`` mutated copies (half tag-value
mutations, a quarter byte mutations, a quarter truncations) and runs the commands on each in a
worker process (killed after ``--timeout`` seconds: a hang). It prints the table that goes in the
README (runs, crashes, hangs, silent changes ...) and lists every failing run. The oracle is
described in ``tests/fuzzing.py``. Exit code 1 when any run crashed, hung, left a dvh/goals exit 2
unexplained or changed numbers silently after an invalid value.
"""

from __future__ import annotations

import argparse
import json
import platform
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzzing import Campaign, Runner, make_mutations, scenarios, table  # noqa: E402

FAILING = ("crash", "hang", "unexplained-exit", "silent-change")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=120, help="mutated copies per scenario (default 120)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per command before a run counts as a hang")
    ap.add_argument("--scenarios", help="comma-separated scenario names (default: all available)")
    ap.add_argument("--json", metavar="FILE", help="write every outcome as JSON")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so the temporary folder is removed when stopped
    chosen = [sc for sc in scenarios() if not args.scenarios or sc.name in args.scenarios.split(",")]
    t0 = time.perf_counter()
    runner = Runner(timeout_s=args.timeout)
    failures = []
    with tempfile.TemporaryDirectory(prefix="plannerview-fuzz-") as tmp:
        camp = Campaign(Path(tmp), runner)
        for sc in chosen:
            n_tag, n_bytes = args.runs // 2, args.runs // 4
            muts = make_mutations(sc, n_tag, n_bytes, args.runs - n_tag - n_bytes, seed=args.seed)
            t_sc = time.perf_counter()
            for m, data in muts:
                oc = camp.run(sc, m, data)
                if oc.verdict in FAILING:
                    failures.append(oc)
                    print(f"[{oc.verdict}] {sc.name} {m.kind} {m.target}: {m.detail}\n    {oc.detail[-600:]}",
                          flush=True)
            print(f"# {sc.name} ({sc.vendor}): {len(muts)} runs in {time.perf_counter() - t_sc:.0f} s", flush=True)
        runner.close()
        outcomes = camp.outcomes
    elapsed = time.perf_counter() - t0
    print()
    print(f"plannerview mutation fuzzing, {date.today()}, {platform.machine()} {platform.system()}, "
          f"seed {args.seed}, {len(chosen)} scenarios, {elapsed / 60:.1f} min (shared 2-core machine: timings noisy)")
    print()
    print(table(outcomes))
    print()
    mutated_tags = Counter(o.mutation.detail.split(" ")[0].split("/")[-1] for o in outcomes if o.mutation.kind == "tag")
    print(f"{len(mutated_tags)} distinct tags mutated; scenarios: " + ", ".join(f"{s.name} ({s.vendor})" for s in chosen))
    if args.json:
        Path(args.json).write_text(json.dumps([
            {"scenario": o.scenario, "kind": o.mutation.kind, "target": o.mutation.target, "mutation": o.mutation.detail,
             "invalid": o.mutation.invalid, "verdict": o.verdict, "detail": o.detail, "seconds": round(o.seconds, 3)}
            for o in outcomes], indent=1))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
