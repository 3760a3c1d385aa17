"""``plannerview consult serve|share|pull|annotations|sync``.

The plugin contributes these through the plugin host's ``command`` kind (``register(parser)``,
``run(args, ctx) -> int``); ``main()`` runs the same without the host (console script
``plannerview-consult``). Credentials come from ``PLANNERVIEW_CONSULT_USER`` and
``PLANNERVIEW_CONSULT_PASSWORD`` (or a prompt); a password is never an argument.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from plannerview.model.annotation import Annotation

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
ENV_USER, ENV_PASSWORD, ENV_CA = "PLANNERVIEW_CONSULT_USER", "PLANNERVIEW_CONSULT_PASSWORD", "PLANNERVIEW_CONSULT_CA"
ENV_HUB_USERS = "PLANNERVIEW_CONSULT_HUB_USERS"  # more hub accounts for 'serve': "name:password,name:password"
HELP = "share a de-identified case to a consult hub, annotate it, sync the annotations"


class BadInput(Exception):
    pass


def storage_dir(ctx: Any = None) -> Path:
    """This client's folder: the plugin's storage folder the host gives (``ctx.storage_dir``), else
    the same folder found the host's way: ``<data>/plugin-data/plannerview-consult`` with ``<data>``
    = ``$PLANNERVIEW_DATA_DIR`` or the platformdirs user data folder of plannerview. Two users on one
    machine (two ``XDG_DATA_HOME``s) are two clients."""
    d = getattr(ctx, "storage_dir", None)
    if d:
        return Path(d)
    data = os.environ.get("PLANNERVIEW_DATA_DIR")
    if not data:
        from platformdirs import user_data_dir
        data = user_data_dir("plannerview", appauthor=False)
    return Path(data) / "plugin-data" / "plannerview-consult"


def credentials(interactive: bool | None = None) -> Any:
    from .net import Credentials
    user, password = os.environ.get(ENV_USER, ""), os.environ.get(ENV_PASSWORD, "")
    tty = sys.stdin.isatty() if interactive is None else interactive
    if not user and tty:
        user = input("consult hub user: ").strip()
    if not password and tty:
        password = getpass.getpass(f"password for {user}: ")
    if not user or not password:
        raise BadInput(f"no hub credentials: set {ENV_USER} and {ENV_PASSWORD} (a password is never an argument)")
    return Credentials(user, password)


def register(parser: argparse.ArgumentParser) -> None:
    """Add the ``consult`` sub-commands to ``parser`` (the host's ``consult`` parser)."""
    sub = parser.add_subparsers(dest="consult_command", metavar="ACTION")

    def common(p: argparse.ArgumentParser, server_required: bool = True) -> None:
        p.add_argument("--server", required=server_required, metavar="URL",
                       help="the hub's base URL, e.g. http://127.0.0.1:8042 (DICOMweb at URL/dicom-web)")
        p.add_argument("--ca", metavar="FILE", default=os.environ.get(ENV_CA) or None,
                       help=f"CA certificate to trust for an https hub (or {ENV_CA})")
        p.add_argument("--json", action="store_true", help="print one JSON document")

    p = sub.add_parser("serve", help="start a local hub (Orthanc with DICOMweb on 127.0.0.1) until stopped")
    p.add_argument("--data", metavar="DIR", help="storage folder (default: a throwaway temporary folder)")
    p.add_argument("--port", type=int, default=8042, metavar="N", help="port clients connect to (default 8042)")
    p.add_argument("--tls", action="store_true", help="nginx with a generated certificate in front (https)")
    p.add_argument("--postgres", action="store_true", help="Orthanc's index in a PostgreSQL cluster in DIR")
    p = sub.add_parser("share", help="de-identify a case here and upload it with STOW-RS (resumable)")
    p.add_argument("path", metavar="PATH", help="folder or file of the case (one patient, one study)")
    common(p)
    p = sub.add_parser("studies", help="list the studies shared on the hub (QIDO-RS)")
    common(p)
    p = sub.add_parser("pull", help="retrieve a shared study (QIDO-RS, WADO-RS) and its annotations")
    p.add_argument("study_uid", metavar="STUDY_UID")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the study's files")
    common(p)
    p = sub.add_parser("annotations", help="list (and add) the annotations of a shared study")
    p.add_argument("study_uid", metavar="STUDY_UID", help="the study's UID on the hub (or its original UID)")
    p.add_argument("--add", metavar="TEXT", help="add an annotation with this text")
    p.add_argument("--at", metavar="X,Y,Z", help="its position in patient mm (a point annotation)")
    p.add_argument("--roi", metavar="NAME", help="the ROI it is about")
    p.add_argument("--status", choices=("open", "resolved", "withdrawn"), help="list only this status")
    common(p)
    p = sub.add_parser("sync", help="push waiting annotations and pull new ones (every server when no --server)")
    common(p, server_required=False)


def run(args: argparse.Namespace, ctx: Any = None) -> int:
    from .net import ConsultError, Refused
    action = getattr(args, "consult_command", None)
    try:
        if action == "serve":
            return _serve(args)
        if action is None:
            print("plannerview consult: give an action (serve, share, pull, annotations, sync)", file=sys.stderr)
            return EXIT_BAD_INPUT
        return {"share": _share, "pull": _pull, "annotations": _annotations, "sync": _sync,
                "studies": _studies}[action](args, ctx)
    except BadInput as exc:
        print(f"plannerview consult {action}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Refused as exc:
        print(f"plannerview consult {action}: refused: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except ConsultError as exc:
        print(f"plannerview consult {action}: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _client(args: argparse.Namespace, ctx: Any) -> Any:
    from .engine import Client
    if args.server and not args.server.startswith(("http://", "https://")):
        raise BadInput(f"--server {args.server!r}: give a base URL such as http://127.0.0.1:8042")
    if args.ca and not Path(args.ca).is_file():
        raise BadInput(f"--ca {args.ca}: no such file")
    return Client(storage_dir(ctx), credentials(), ca=args.ca)


def _print(doc: Any) -> None:
    print(json.dumps(doc, indent=2, sort_keys=False))


def _progress(enabled: bool) -> Any:
    from plannerview.tasks import TaskContext
    last = [-1]

    def show(f: float, msg: str) -> None:
        pct = int(f * 100)
        if pct != last[0]:
            last[0] = pct
            print(f"\r{pct:3d}% {msg:<60}", end="", file=sys.stderr, flush=True)
    return TaskContext(on_progress=show if enabled else None)


def _share(args: argparse.Namespace, ctx: Any) -> int:
    from .engine import ShareError
    if not Path(args.path).exists():
        raise BadInput(f"{args.path}: no such file or folder")
    client = _client(args, ctx)
    try:
        res = client.share([args.path], args.server, _progress(sys.stderr.isatty() and not args.json))
    except ShareError as exc:
        raise BadInput(str(exc)) from exc
    finally:
        client.close()
    shared = getattr(ctx, "case_shared", None)
    if shared is not None:  # the workstation then keeps this case out of its recent-cases list
        shared([args.path], args.server)
    if args.json:
        _print({"study_uid": res.study_uid, "instances": res.instances, "seconds": round(res.seconds, 3),
                "uploaded": res.uploaded})
    else:
        print(f"shared {res.instances} instances as study {res.study_uid} ({res.uploaded} uploaded now, "
              f"{res.seconds:.1f} s)")
    return EXIT_OK


def _studies(args: argparse.Namespace, ctx: Any) -> int:
    from .net import qido_value
    client = _client(args, ctx)
    try:
        found = client.hub(args.server).search_studies()
    finally:
        client.close()
    rows = [{"study_uid": qido_value(s, "0020000D"), "date": qido_value(s, "00080020"),
             "patient_id": qido_value(s, "00100020"), "modalities": qido_value(s, "00080061"),
             "instances": qido_value(s, "00201208")} for s in found]
    if args.json:
        _print({"studies": rows})
    else:
        for r in rows:
            print(f"{r['study_uid']}  {r['date']}  {r['patient_id']}  {r['instances']} instances")
    return EXIT_OK


def _pull(args: argparse.Namespace, ctx: Any) -> int:
    from .engine import ShareError, SyncReport
    client = _client(args, ctx)
    got = SyncReport(args.server)
    try:
        files = client.pull(args.study_uid, args.server, Path(args.out),
                            _progress(sys.stderr.isatty() and not args.json), got)
        rep = client.sync(args.server)
    except ShareError as exc:
        raise BadInput(str(exc)) from exc
    finally:
        client.close()
    if args.json:
        _print({"study_uid": args.study_uid, "out": str(Path(args.out).resolve()), "instances": len(files),
                "annotations": got.pulled + rep.pulled})
    else:
        print(f"{len(files)} instances in {args.out}")
    return EXIT_OK if not rep.error else EXIT_FAILED


def annotation_json(a: Annotation, conflict: bool = False) -> dict[str, Any]:
    return {"uid": a.uid, "revision_uid": a.revision_uid, "author": a.author, "status": a.status, "text": a.text,
            "position_mm": list(a.position_mm) if a.position_mm else None,
            "roi": a.target_ref if a.target == "roi" else None, "created": a.created_utc,
            "modified": a.modified_utc, "kind": a.kind, "target": a.target, "target_ref": a.target_ref,
            "predecessor_revision_uid": a.predecessor_revision_uid, "conflict": conflict}


def _parse_at(text: str) -> tuple[float, float, float]:
    try:
        x, y, z = (float(v) for v in text.split(","))
    except ValueError as exc:
        raise BadInput(f"--at {text!r}: give X,Y,Z in mm, e.g. --at 10,-5.5,20") from exc
    return x, y, z


def _annotations(args: argparse.Namespace, ctx: Any) -> int:
    if (args.at or args.roi) and not args.add:
        raise BadInput("--at and --roi go with --add TEXT")
    at = _parse_at(args.at) if args.at else None
    client = _client(args, ctx)
    try:
        study = client.hub_study(args.study_uid)
        if not client.store.study_info(study):
            raise BadInput(f"study {args.study_uid} is neither shared nor pulled by this client "
                           "(consult share or consult pull it first)")
        rep = client.sync(args.server, force=True)
        if args.add:
            client.annotate(args.server, study, args.add, at, args.roi)
            rep2 = client.sync(args.server, force=True, reconcile=False)
            rep.error = rep2.error or rep.error
            rep.waiting = rep2.waiting
        current = client.current(study)
    finally:
        client.close()
    if args.status:
        current = [(a, c) for a, c in current if a.status == args.status]
    if args.json:
        _print({"annotations": [annotation_json(a, c) for a, c in current], "waiting": rep.waiting,
                **({"error": rep.error} if rep.error else {})})
    else:
        for a, c in current:
            where = f" at ({', '.join(f'{v:.1f}' for v in a.position_mm)}) mm" if a.position_mm else ""
            about = f" [{a.target} {a.target_ref}]" if a.target_ref else ""
            print(f"{a.created_utc}  {a.author:<12} {a.status:<9} {a.text}{where}{about}"
                  f"{'  CONFLICT' if c else ''}")
        if rep.error:
            print(f"not synced ({rep.waiting} waiting): {rep.error}", file=sys.stderr)
    if rep.error:
        print(f"plannerview consult annotations: {rep.error}", file=sys.stderr)
    return EXIT_FAILED if rep.refused else EXIT_OK


def _sync(args: argparse.Namespace, ctx: Any) -> int:
    client = _client(args, ctx)
    try:
        servers = [args.server.rstrip("/")] if args.server else client.store.servers()
        reports = [client.sync(s, force=True) for s in servers]
    finally:
        client.close()
    if args.json:
        _print({"servers": [r.to_json() for r in reports]})
    else:
        for r in reports:
            state = f"error: {r.error}" if r.error else "ok"
            print(f"{r.server}: pushed {r.pushed}, pulled {r.pulled}, waiting {r.waiting}, "
                  f"conflicts {r.conflicts}; {state}")
        if not reports:
            print("nothing to sync: no study shared or pulled yet")
    return EXIT_FAILED if any(r.error for r in reports) else EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from .hub import Hub, HubError
    user, password = os.environ.get(ENV_USER, ""), os.environ.get(ENV_PASSWORD, "")
    if not user or not password:
        print(f"plannerview consult serve: set {ENV_USER} and {ENV_PASSWORD} (the hub's account)", file=sys.stderr)
        return EXIT_BAD_INPUT
    users = {user: password}
    for pair in filter(None, os.environ.get(ENV_HUB_USERS, "").split(",")):
        name, _, pw = pair.partition(":")
        if name and pw:
            users[name.strip()] = pw
    data = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="plannerview-hub-"))
    hub = Hub(data, users, port=args.port, tls=args.tls, postgres=args.postgres)
    stop = {"now": False}

    def on_signal(signum: int, frame: Any) -> None:
        stop["now"] = True
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        hub.start()
    except HubError as exc:
        hub.stop()
        print(f"plannerview consult serve: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(hub.url, flush=True)
    if hub.ca_path:
        print(f"CA certificate (give clients --ca): {hub.ca_path}", file=sys.stderr, flush=True)
    print(f"data: {data}; stop with Ctrl+C", file=sys.stderr, flush=True)
    try:
        while not stop["now"] and hub.running("orthanc") and (not args.tls or hub.running("nginx")):
            time.sleep(0.2)
    finally:
        hub.stop()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="plannerview consult", description=HELP)
    register(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
