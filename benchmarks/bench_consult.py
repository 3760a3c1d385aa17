"""Remote consult benchmark on a loopback hub (Orthanc with DICOMweb on 127.0.0.1, authentication on).

1. Share the demo case (CT 129 slices, structures, two plans, two doses) with de-identification:
   wall time of ``Client.share`` (de-identify, stage, STOW-RS), median of ``--repeat`` fresh clients
   (target: <= 10 s).
2. An annotation made in one workstation is visible in another's: two background sync services
   (``ConsultService``, as the workstation runs them) on two workspaces; time from
   ``add_annotation`` in A's workspace to the ``AnnotationChanged`` event in B's (target: <= 2 s).
   Without the workspace (before it lands) the same path is timed engine to engine.

Prints a Markdown table and saves it in ``benchmarks/results/consult.md``.

    .venv/bin/python benchmarks/bench_consult.py [--repeat 3] [--annotations 10] [--tls]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from plannerview_consult.engine import Client
from plannerview_consult.hub import Hub, free_port
from plannerview_consult.net import Credentials

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "resources" / "demo"
USERS = {"alice": "alice-bench", "bob": "bob-bench"}


def bench_share(hub: Hub, tmp: Path, repeat: int) -> list[float]:
    times = []
    for i in range(repeat):
        c = Client(tmp / f"share-{i}", Credentials("alice", USERS["alice"]), ca=str(hub.ca_path or "") or None)
        t0 = time.perf_counter()
        res = c.share([DEMO], hub.url)
        times.append(time.perf_counter() - t0)
        assert res.uploaded == res.instances == 134, res
        c.close()
    return times


def _workspace_for(case_dir: Path) -> Any:
    from plannerview.io.loader import load
    from plannerview.review.workspace import Workspace
    return Workspace(case=load([str(case_dir)]))


def bench_latency(hub: Hub, tmp: Path, n: int) -> tuple[list[float], str]:
    ca = str(hub.ca_path) if hub.ca_path else None
    alice = Client(tmp / "alice", Credentials("alice", USERS["alice"]), ca=ca)
    bob = Client(tmp / "bob", Credentials("bob", USERS["bob"]), ca=ca)
    study = alice.share([DEMO], hub.url).study_uid
    bob.pull(study, hub.url, tmp / "bob-case")
    try:
        ws_a, ws_b = _workspace_for(DEMO), _workspace_for(tmp / "bob-case")
    except ImportError:
        ws_a = ws_b = None
    if ws_a is None:  # engine to engine: A records and pushes, B polls the change feed
        times = []
        for i in range(n):
            t0 = time.perf_counter()
            a = alice.annotate(hub.url, study, f"bench {i}", (1.0, 2.0, float(i)))
            alice.sync(hub.url)
            while not bob.store.has_revision(a.revision_uid):
                bob.sync(hub.url)
                time.sleep(0.05)
            times.append(time.perf_counter() - t0)
        return times, "engine to engine (no workspace yet)"
    import os

    from plannerview_consult.service import ConsultService

    from plannerview.model.annotation import Annotation
    from plannerview.model.events import AnnotationChanged

    alice.close()
    bob.close()
    services = []
    for user, ws in (("alice", ws_a), ("bob", ws_b)):
        os.environ.update({"PLANNERVIEW_CONSULT_USER": user, "PLANNERVIEW_CONSULT_PASSWORD": USERS[user]})
        svc = ConsultService(poll_s=0.25)

        class Ctx:
            workspace = ws
            storage_dir = tmp / user
            settings = {"server": hub.url, "ca": ca or ""}
            deliver_annotation = ws.add_annotation_revision  # as the host's context gives it
        svc.start(Ctx())
        services.append(svc)
    deadline = time.monotonic() + 60  # both workstations running and connected (steady state)
    while not all(svc.status().details.get("connection") == "connected" for svc in services):
        assert time.monotonic() < deadline, [svc.status() for svc in services]
        time.sleep(0.05)
    seen: dict[str, float] = {}
    arrived = threading.Event()

    def on_b(e: AnnotationChanged) -> None:
        seen[e.annotation.uid] = time.perf_counter()
        arrived.set()
    ws_b.subscribe(AnnotationChanged, on_b)
    times = []
    frame = ws_a.case.images[0].frame_of_reference_uid
    for i in range(n):
        arrived.clear()
        a = Annotation(text=f"bench {i}", kind="point", points_mm=((1.0, 2.0, float(i)),),
                       frame_of_reference_uid=frame, target="location", author="alice")
        t0 = time.perf_counter()
        ws_a.add_annotation(a)
        while a.uid not in seen:
            arrived.wait(5)
            arrived.clear()
        times.append(seen[a.uid] - t0)
    for svc in services:
        svc.stop()
    print("latencies (s):", " ".join(f"{t:.2f}" for t in times))
    return times, "workstation to workstation (two sync services, two workspaces)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--annotations", type=int, default=10)
    ap.add_argument("--tls", action="store_true", help="through nginx with TLS")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        hub = Hub(tmp / "hub", USERS, port=free_port(), tls=args.tls).start()
        try:
            share = bench_share(hub, tmp, args.repeat)
            lat, how = bench_latency(hub, tmp, args.annotations)
        finally:
            hub.stop()
    rows = [
        ("share demo case (134 instances, de-identified, STOW-RS)", f"{statistics.median(share):.2f} s",
         f"{min(share):.2f} s", "<= 10 s"),
        (f"annotation visible in the other workstation ({how})", f"{statistics.median(lat):.2f} s",
         f"max {max(lat):.2f} s", "<= 2 s"),
    ]
    lines = ["| what | median | best / worst | target |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {t} |" for a, b, c, t in rows]
    lines.append(f"\nhub: {'https via nginx' if args.tls else 'http'} on 127.0.0.1; {args.repeat} shares, "
                 f"{args.annotations} annotations")
    text = "\n".join(lines)
    print(text)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "consult.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
