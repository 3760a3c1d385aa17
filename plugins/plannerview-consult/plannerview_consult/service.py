"""The consult sync as a background service of the workstation (plugin kind ``service``).

``start(ctx)`` opens this user's store and starts one thread that syncs the open case's hub
study: it pushes the outbox, reads the hub's change feed every ``poll_s`` and hands new remote
revisions to the workspace (translated to the case's own UIDs). Annotations made in the workstation
reach the outbox through the workspace's ``AnnotationChanged`` event: one SQLite transaction, no
network call, so the GUI never waits. ``status()`` says connected / offline / refused, how many
items wait and how many conflicts need a person.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plannerview.model.annotation import Annotation
from plannerview.model.events import AnnotationChanged

from . import net
from .engine import Client

log = logging.getLogger("plannerview.plugins.consult")
RUNNING: list[ConsultService] = []  # services started in this process (the status widget shows them)
ENV_SERVER = "PLANNERVIEW_CONSULT_SERVER"


@dataclass(frozen=True)
class ServiceStatus:
    """Mirrors the host's ServiceStatus (state, message, details) until the plugin API has one."""

    state: str
    message: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _status_type() -> Any:
    import plannerview.plugin_api as api  # the plugin API's own type once the host provides it
    return getattr(api, "ServiceStatus", ServiceStatus)


def _warm_up() -> None:
    """Encode and decode one SR now, so the first annotation does not pay for loading highdicom's
    and pydicom's code dictionaries (a second on a busy machine)."""
    from . import sr
    try:
        a = Annotation(text="warm-up", kind="point", points_mm=((0.0, 0.0, 0.0),), frame_of_reference_uid="1.2.3")
        info = {k: "" for k in sr.STUDY_KEYS} | {"StudyInstanceUID": "1.2.3.4"}
        sr.decode(sr.from_bytes(sr.to_bytes(sr.encode(a, info, "1.2.3.5", []))))
    except Exception:  # noqa: BLE001 - only a warm-up
        log.debug("consult warm-up failed", exc_info=True)


class ConsultService:
    """Background sync of the open case with its hub (one thread; never blocks the caller)."""

    def __init__(self, poll_s: float = 0.5) -> None:
        self.poll_s = poll_s
        self._client: Client | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._state: tuple[str, str, dict[str, Any]] = ("stopped", "", {})
        self._unsubscribe: Any = None
        self._workspace: Any = None
        self._deliver_to: Any = None
        self._server = ""
        self._delivering: set[str] = set()
        self._incoming: queue.Queue[Annotation | None] = queue.Queue()
        self._recorder: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------------
    def start(self, ctx: Any) -> None:
        settings = dict(getattr(ctx, "settings", {}) or {})
        self._server = str(settings.get("server") or os.environ.get(ENV_SERVER, "")).rstrip("/")
        user = str(settings.get("user") or os.environ.get("PLANNERVIEW_CONSULT_USER", ""))
        password = str(settings.get("password") or os.environ.get("PLANNERVIEW_CONSULT_PASSWORD", ""))
        ca = settings.get("ca") or os.environ.get("PLANNERVIEW_CONSULT_CA") or None
        storage = getattr(ctx, "storage_dir", None)
        if storage is None:
            from .cli import storage_dir
            storage = storage_dir()
        self._workspace = getattr(ctx, "workspace", None)
        self._deliver_to = getattr(ctx, "deliver_annotation", None)  # API 1.1: revisions made elsewhere
        if not user or not password:
            self._state = ("off", "not configured: set PLANNERVIEW_CONSULT_USER and PLANNERVIEW_CONSULT_PASSWORD "
                                  "(and the plugin's server setting) to sync consult annotations", {})
            return
        self._client = Client(Path(storage), net.Credentials(user, password), ca=str(ca) if ca else None)
        if not self._server:
            servers = self._client.store.servers()
            self._server = servers[0] if servers else ""
        subscribe = getattr(ctx, "subscribe", None) or getattr(self._workspace, "subscribe", None)
        if subscribe is not None:
            self._unsubscribe = subscribe(AnnotationChanged, self._on_annotation_changed)
        self._stop.clear()
        self._state = ("starting", f"connecting to {self._server}", self._details())
        self._thread = threading.Thread(target=self._run, name="consult-sync", daemon=True)
        self._thread.start()
        self._recorder = threading.Thread(target=self._record_loop, name="consult-outbox", daemon=True)
        self._recorder.start()
        RUNNING.append(self)

    def stop(self) -> None:
        if self in RUNNING:
            RUNNING.remove(self)
        self._stop.set()
        self._wake.set()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._incoming.put(None)
        for t in (self._recorder, self._thread):
            if t is not None:
                t.join(timeout=10)
        self._thread = self._recorder = None
        if self._client is not None:
            self._client.close()
            self._client = None
        self._state = ("stopped", "", {})

    def status(self) -> Any:
        """The host's states (running / degraded / failed / starting / stopped); the connection as
        a person reads it (connected, offline, refused) is ``details['connection']``."""
        connection, message, details = self._state
        state = {"connected": "running", "offline": "degraded", "refused": "degraded", "off": "stopped",
                 "error": "failed", "starting": "starting", "stopped": "stopped"}[connection]
        return _status_type()(state, message, {**details, "connection": connection})

    def sync_now(self) -> None:
        self._wake.set()

    def conflicts(self) -> list[str]:
        """Annotation UIDs of the open case with two newest revisions (a person must choose)."""
        c, study = self._client, self.study()
        return c.conflicts(study) if c is not None and study is not None else []

    # --- the open case ---------------------------------------------------------------------------
    def study(self) -> str | None:
        """The hub study of the workspace's case, if this client shared or pulled it."""
        case = getattr(self._workspace, "case", None)
        if case is None or self._client is None:
            return None
        for obj in getattr(case, "objects", ()):
            uid = getattr(obj, "study_uid", "")
            if uid:
                hub = self._client.hub_study(uid)
                if self._client.store.study_info(hub):
                    return hub
        return None

    def _on_annotation_changed(self, event: AnnotationChanged) -> None:
        """Called on whichever thread changed the workspace (the GUI's): hand over and return."""
        if event.annotation.revision_uid not in self._delivering:
            self._incoming.put(event.annotation)

    def _record_loop(self) -> None:
        """Write each new local revision to the outbox (SQLite, no network), then wake the sync."""
        while True:
            a = self._incoming.get()
            if a is None:
                return
            client, study = self._client, self.study()
            if client is None or study is None or not self._server:
                continue
            try:
                if not client.store.has_revision(client.to_hub(a).revision_uid):  # not one from the hub
                    client.record(a, self._server, study, local=True)
                    self._wake.set()
            except Exception as exc:  # noqa: BLE001 - reported in the log, the GUI goes on
                log.warning("consult: could not queue annotation %s: %s", a.uid, exc)

    def _deliver(self, a: Annotation) -> None:
        ws, client = self._workspace, self._client
        if ws is None or client is None:
            return
        local = client.to_local(a)
        self._delivering.add(local.revision_uid)
        try:
            if self._deliver_to is None:  # a host without API 1.1's deliver_annotation
                log.warning("consult: the host cannot take annotations from the hub; %s not shown", local.uid)
                return
            self._deliver_to(local)
        finally:
            self._delivering.discard(local.revision_uid)

    def _deliver_known(self) -> None:
        """Hand the workspace every stored revision of the open case it does not have yet."""
        ws, client, study = self._workspace, self._client, self.study()
        if ws is None or client is None or study is None:
            return
        have = {a.revision_uid for a in getattr(ws, "annotations", ())}
        for r in client.store.revisions(study_uid=study):
            if r.annotation.revision_uid not in have:
                self._deliver(r.annotation)

    def _details(self, rep: Any = None) -> dict[str, Any]:
        c = self._client
        waiting = c.store.outbox_count(self._server) if c is not None and self._server else 0
        return {"server": self._server, "waiting": waiting,
                "conflicts": rep.conflicts if rep is not None else 0,
                "last_sync": time.strftime("%H:%M:%S") if rep is not None and not rep.error else ""}

    def _run(self) -> None:
        assert self._client is not None
        _warm_up()
        first = True
        while not self._stop.is_set():
            if not self._server:
                self._state = ("off", "no hub: share or pull a case, or set the server", self._details())
            else:
                try:
                    rep = self._client.sync(self._server, reconcile=True if first else None,
                                            on_remote=self._deliver)
                    if first:
                        self._deliver_known()
                    first = False
                except Exception as exc:  # noqa: BLE001 - a bug must not end the sync loop silently
                    log.exception("consult sync failed")
                    self._state = ("error", f"sync failed: {exc}", self._details())
                    self._wake.wait(max(self.poll_s, 5.0))
                    self._wake.clear()
                    continue
                if rep.error:
                    state = "refused" if rep.refused else "offline"
                    self._state = (state, rep.error, self._details(rep))
                else:
                    d = self._details(rep)
                    msg = f"connected; {d['waiting']} waiting, {rep.conflicts} conflict(s)"
                    self._state = ("connected", msg, d)
            self._wake.wait(self.poll_s)
            self._wake.clear()
