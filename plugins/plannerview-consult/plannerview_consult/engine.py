"""One consult client: share, pull, annotate and sync, on top of the persistent store.

Qt-free and blocking: the CLI calls it directly, the workstation's plugin service runs it on its
own thread. Annotations are kept in hub UIDs in the store; ``to_local`` / ``to_hub`` translate
through the UID map (only the sending client has one; for the consultant both are the same).
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from plannerview.model.annotation import Annotation
from plannerview.model.uids import new_uid
from plannerview.tasks import TaskContext

from . import net, sr
from .deid import Deidentifier, Identifiers
from .store import Revision, Store

log = logging.getLogger("plannerview.plugins.consult")
STOW_BATCH_BYTES = 12 * 1024 * 1024
STOW_BATCH_COUNT = int(os.environ.get("PLANNERVIEW_CONSULT_STOW_BATCH", "32"))  # instances per STOW-RS request
CHANGES_PAGE = 200
MAX_BACKOFF_S = 30.0
RECONCILE_AFTER_GAP_S = 30.0
# a pause between uploads (seconds): keeps a thin shared link usable; the fault tests use it to
# have time to break things mid-transfer
PAUSE_S = float(os.environ.get("PLANNERVIEW_CONSULT_PAUSE_S", "0") or 0)
REFERENCED_MODALITIES = ("RTPLAN", "RTDOSE", "RTSTRUCT", "REG")


class ShareError(ValueError):
    """The input cannot be shared (not DICOM, several patients or studies)."""


@dataclass(frozen=True)
class ShareResult:
    study_uid: str  # on the hub
    instances: int
    uploaded: int
    seconds: float


@dataclass
class SyncReport:
    server: str
    pushed: int = 0
    pulled: int = 0
    waiting: int = 0
    conflicts: int = 0
    reconciled: bool = False
    error: str = ""
    refused: bool = False
    new_remote: list[Annotation] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"server": self.server, "pushed": self.pushed, "pulled": self.pulled, "waiting": self.waiting,
                "conflicts": self.conflicts, "reconciled": self.reconciled, "error": self.error}


def read_dicom_files(paths: Iterable[str | Path]) -> list[tuple[Path, Dataset]]:
    """Every DICOM file under ``paths`` (folders recursively), read in full; others are skipped."""
    out: list[tuple[Path, Dataset]] = []
    for p in paths:
        p = Path(p)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                ds = pydicom.dcmread(f)
            except (InvalidDicomError, OSError):
                continue
            if "SOPInstanceUID" in ds and "StudyInstanceUID" in ds:
                out.append((f, ds))
    return out


class _UidMap:
    """The share's UID mapping: existing hub UIDs from the store, new ones made here and saved in
    one transaction (``save``) before anything leaves the machine."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, str] = {}
        self.new: dict[str, str] = {}

    def __call__(self, original: str) -> str:
        hub = self.known.get(original)
        if hub is None:
            rows = self.store.query("SELECT hub_uid FROM uid_map WHERE original_uid=?", (original,))
            if rows:
                hub = str(rows[0][0])
            else:
                hub = self.new[original] = new_uid()
            self.known[original] = hub
        return hub

    def save(self) -> None:
        self.store.hub_uids_for([], self.new)
        self.new = {}


class Client:
    """A consult client whose state lives in ``storage_dir`` (one per user)."""

    def __init__(self, storage_dir: Path, credentials: net.Credentials, ca: str | None = None) -> None:
        self.storage_dir = Path(storage_dir)
        self.storage_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(self.storage_dir / "consult.sqlite")
        self.credentials = credentials
        self.ca = ca
        self._hubs: dict[str, net.Hub] = {}
        self._lock = threading.RLock()  # one sync at a time (held during network calls)
        self._record_lock = threading.Lock()  # recording a revision (held for SQLite writes only)
        self._reconciled: dict[str, float] = {}  # server -> time of last reconcile in this process
        self._last_ok: dict[str, float] = {}
        self._series_cache: dict[str, tuple[str, str, str, str]] = {}

    @property
    def user(self) -> str:
        return self.credentials.user

    def hub(self, server: str) -> net.Hub:
        server = server.rstrip("/")
        if server not in self._hubs:
            if self.ca:
                self.store.remember_ca(server, str(Path(self.ca).resolve()))
            self._hubs[server] = net.Hub(server, self.credentials, self.ca or self.store.ca_for(server))
        return self._hubs[server]

    def close(self) -> None:
        for h in self._hubs.values():
            h.close()
        self.store.close()

    # --- UID spaces ------------------------------------------------------------------------------
    def to_hub(self, a: Annotation) -> Annotation:
        m = self.store.hub_uid
        return replace(a, frame_of_reference_uid=m(a.frame_of_reference_uid) if a.frame_of_reference_uid else "",
                       referenced_uids=tuple(m(u) for u in a.referenced_uids), provenance=None)

    def to_local(self, a: Annotation) -> Annotation:
        m = self.store.original_uid
        return replace(a, frame_of_reference_uid=m(a.frame_of_reference_uid) if a.frame_of_reference_uid else "",
                       referenced_uids=tuple(m(u) for u in a.referenced_uids))

    def hub_study(self, study_uid: str) -> str:
        """The hub study UID for a hub or original study UID."""
        return self.store.hub_uid(study_uid)

    # --- share -----------------------------------------------------------------------------------
    def share(self, paths: Sequence[str | Path], server: str, ctx: TaskContext | None = None) -> ShareResult:
        """De-identify ``paths`` here and upload them with STOW-RS (resumable: a repeated call
        uploads only what the hub does not hold yet)."""
        ctx = TaskContext.of(ctx)
        t0 = time.perf_counter()
        server = server.rstrip("/")
        hub = self.hub(server)
        hub.check()  # a wrong password or certificate stops here, before anything is staged
        files = read_dicom_files(paths)
        if not files:
            raise ShareError(f"no DICOM file in {', '.join(map(str, paths))}")
        studies = {str(ds.StudyInstanceUID) for _, ds in files}
        patients = {str(ds.get("PatientID", "")) for _, ds in files}
        if len(studies) > 1 or len(patients) > 1:
            raise ShareError(f"{', '.join(map(str, paths))} holds {len(patients)} patient(s) and {len(studies)} "
                             "studies; share one patient's study at a time")
        original_study = studies.pop()
        hub_study = self.store.hub_uid_for(original_study)
        staged = self.storage_dir / "outgoing" / hub_study
        staged.mkdir(parents=True, exist_ok=True)
        if self.store.share_items_count(server, hub_study) < len(files):
            mapping = _UidMap(self.store)
            deid = Deidentifier(mapping, self.store.seed_for(patients.pop()),
                                Identifiers.of([ds for _, ds in files]))
            outs = []
            for i, (_, ds) in enumerate(files):
                ctx.check_cancel("share")
                outs.append(deid(ds))  # read for this share only: changed in place
                ctx.progress(0.2 * (i + 1) / len(files), "de-identifying")
            mapping.save()  # the UID map is on disk before anything is staged or sent
            items, rows, infos = [], [], {}
            for i, out in enumerate(outs):
                target = staged / f"{out.SOPInstanceUID}.dcm"
                if not target.exists():
                    tmp = target.with_suffix(".tmp")
                    out.save_as(tmp, enforce_file_format=True)
                    os.replace(tmp, target)
                items.append((str(out.SOPInstanceUID), str(target), target.stat().st_size))
                rows.append((hub_study, str(out.SeriesInstanceUID), str(out.SOPInstanceUID), str(out.SOPClassUID),
                             str(out.get("Modality", ""))))
                infos.update({k: v for k, v in self._study_info_of(out).items() if v})
                ctx.progress(0.2 + 0.1 * (i + 1) / len(outs), "staging")
            self.store.set_study_info(hub_study, infos)
            self.store.add_instances(rows)
            self.store.add_share_items(server, hub_study, items)
        self.store.follow_study(server, hub_study, "sent", str(Path(paths[0]).resolve()))
        uploaded = self._upload(server, hub_study, ctx.sub(0.3, 1.0, "uploading"))
        total = self.store.share_items_count(server, hub_study)
        if not self.store.pending_share_items(server, hub_study):
            for f in staged.glob("*.dcm"):
                f.unlink()
        return ShareResult(hub_study, total, uploaded, time.perf_counter() - t0)

    @staticmethod
    def _study_info_of(ds: Dataset) -> dict[str, str]:
        info = sr.study_info(ds)
        if ds.get("Modality") in ("CT", "MR", "PT", "RTSTRUCT") and "FrameOfReferenceUID" in ds:
            info["FrameOfReferenceUID"] = str(ds.FrameOfReferenceUID)
        return info

    def _remember_study(self, ds: Dataset) -> None:
        self.store.set_study_info(str(ds.StudyInstanceUID), self._study_info_of(ds))

    def _upload(self, server: str, study_uid: str, ctx: TaskContext) -> int:
        hub = self.hub(server)
        pending = self.store.pending_share_items(server, study_uid)
        if not pending:
            return 0
        # after a crash between a STOW and its bookkeeping: ask what the hub already holds
        present = {net.qido_value(i, net.SOP_UID) for i in hub.search_instances(study_uid)}
        done = [sop for sop, _, _ in pending if sop in present]
        self.store.mark_shared(server, done)
        pending = [p for p in pending if p[0] not in present]
        total_bytes = sum(size for _, _, size in pending) or 1
        sent_bytes, uploaded = 0, 0
        batch: list[tuple[str, str, int]] = []

        def flush() -> None:
            nonlocal sent_bytes, uploaded
            ok = hub.store([pydicom.dcmread(path) for _, path, _ in batch])
            stored = [sop for sop, _, _ in batch if sop in ok]
            self.store.mark_shared(server, stored)
            uploaded += len(stored)
            sent_bytes += sum(size for _, _, size in batch)
            ctx.progress(sent_bytes / total_bytes, f"{uploaded} of {len(pending)} instances")
            batch.clear()

        for item in pending:
            ctx.check_cancel("upload")
            if PAUSE_S:
                time.sleep(PAUSE_S)
            batch.append(item)
            if len(batch) >= STOW_BATCH_COUNT or sum(s for _, _, s in batch) >= STOW_BATCH_BYTES:
                flush()
        if batch:
            flush()
        return uploaded

    # --- pull ------------------------------------------------------------------------------------
    def pull(self, study_uid: str, server: str, out_dir: Path, ctx: TaskContext | None = None,
             report: SyncReport | None = None) -> list[Path]:
        """Retrieve a shared study (QIDO-RS, WADO-RS) into ``out_dir`` and its annotations into the store."""
        ctx = TaskContext.of(ctx)
        server = server.rstrip("/")
        hub = self.hub(server)
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        items = hub.search_instances(study_uid)
        if not items:
            raise ShareError(f"{server}: no study {study_uid}")
        self.store.follow_study(server, study_uid, "pulled", str(out_dir.resolve()))
        written = []
        rows = []
        for i, it in enumerate(items):
            ctx.check_cancel("pull")
            series, sop = net.qido_value(it, net.SERIES_UID), net.qido_value(it, net.SOP_UID)
            modality, sop_class = net.qido_value(it, net.MODALITY), net.qido_value(it, net.SOP_CLASS)
            rows.append((study_uid, series, sop, sop_class, modality))
            if sop_class == sr.COMPREHENSIVE_3D_SR:
                if not self.store.has_revision(sop):
                    self._ingest(server, hub.retrieve(study_uid, series, sop), report)
                continue
            target = out_dir / f"{modality or 'OT'}_{sop}.dcm"
            if not target.exists():
                ds = hub.retrieve(study_uid, series, sop)
                self._remember_study(ds)
                tmp = target.with_suffix(".tmp")
                ds.save_as(tmp, enforce_file_format=True)
                os.replace(tmp, target)
            written.append(target)
            ctx.progress((i + 1) / len(items), f"{len(written)} instances")
        self.store.add_instances(rows)
        return written

    # --- annotations -------------------------------------------------------------------------------
    def references(self, study_uid: str) -> list[sr.InstanceRef]:
        """The plan, dose, structure set and registration objects of a hub study."""
        return [sr.InstanceRef(study_uid, series, sop, cls) for series, sop, cls, mod in self.store.instances(study_uid)
                if mod in REFERENCED_MODALITIES]

    def record(self, a: Annotation, server: str, study_uid: str, local: bool = True,
               extra_predecessors: Sequence[str] = ()) -> Annotation:
        """Queue a new revision ``a`` (made on this client) for upload: the revision and its SR are
        written to the outbox before any network call. ``local``: ``a`` carries this client's own
        UIDs (the original case), translated here. Returns the revision in hub UIDs."""
        server = server.rstrip("/")
        with self._record_lock:  # short: SQLite only, never the network (the GUI thread calls this)
            h = self.to_hub(a) if local else a
            study = self.hub_study(study_uid)
            if self.store.has_revision(h.revision_uid):
                return h
            if not self.store.study_info(study):
                raise ShareError(f"study {study_uid} is neither shared nor pulled by this client")
            series = self.store.follow_study(server, study, self.store_role(server, study))
            preds = [p for p in (h.predecessor_revision_uid, *extra_predecessors) if p]
            n = len(self.store.revisions(study_uid=study)) + 1
            doc = self._encode(h, study, series, preds, n)
            self.store.add_revision(h, server, study, series, "local", preds, sr.to_bytes(doc))
            return h

    def _encode(self, h: Annotation, study: str, series: str, preds: Sequence[str], number: int = 1) -> Dataset:
        """The SR of revision ``h`` (hub UIDs) with its references and predecessor documents."""
        info = {**self.store.study_info(study), "StudyInstanceUID": study}
        known = {sop: (ser, cls) for ser, sop, cls, _ in self.store.instances(study)}
        refs = [sr.InstanceRef(study, known[u][0], u, known[u][1]) for u in h.referenced_uids if u in known]
        pred_refs = []
        for p in preds:
            rows = self.store.query("SELECT sr_series_uid, study_uid FROM revisions WHERE revision_uid=?", (p,))
            if rows:
                pred_refs.append(sr.InstanceRef(str(rows[0][1]), str(rows[0][0]), p, sr.COMPREHENSIVE_3D_SR))
        return sr.encode(h, {k: v for k, v in info.items() if k in sr.STUDY_KEYS}, series, refs, pred_refs, number)

    def store_role(self, server: str, study: str) -> str:
        rows = self.store.query("SELECT role FROM studies WHERE server=? AND study_uid=?", (server, study))
        return str(rows[0][0]) if rows else "pulled"

    def annotate(self, server: str, study_uid: str, text: str, at_mm: tuple[float, float, float] | None = None,
                 roi: str | None = None) -> Annotation:
        """A new annotation on a hub study (the CLI's ``--add``): a point at ``at_mm`` or a comment,
        about ``roi`` when given, referencing the study's plans, doses and structure sets."""
        study = self.hub_study(study_uid)
        info = self.store.study_info(study)
        refs = tuple(r.sop_uid for r in self.references(study))
        a = Annotation(text=text, kind="point" if at_mm else "comment", points_mm=(at_mm,) if at_mm else (),
                       frame_of_reference_uid=info.get("FrameOfReferenceUID", "") if at_mm else "",
                       target="roi" if roi else ("location" if at_mm else "case"), target_ref=roi or "",
                       referenced_uids=refs, author=self.user)
        return self.record(a, server, study, local=False)

    def current(self, study_uid: str) -> list[tuple[Annotation, bool]]:
        """The newest revision of every annotation of a study (hub UIDs) and whether it is in conflict
        (two revisions replace the same one: both are kept, both listed)."""
        study = self.hub_study(study_uid)
        by_uid: dict[str, list[Revision]] = {}
        for r in self.store.revisions(study_uid=study):
            by_uid.setdefault(r.annotation.uid, []).append(r)
        out = []
        for revs in by_uid.values():
            replaced = {p for r in revs for p in r.predecessors}
            heads = [r for r in revs if r.annotation.revision_uid not in replaced]
            for h in sorted(heads, key=lambda r: r.annotation.modified_utc):
                out.append((h.annotation, len(heads) > 1))
        return sorted(out, key=lambda t: t[0].created_utc)

    def conflicts(self, study_uid: str | None = None) -> list[str]:
        """Annotation UIDs with more than one newest revision."""
        studies = [study_uid] if study_uid else [s for _, s, _, _ in self.store.studies()]
        return sorted({a.uid for s in studies for a, c in self.current(s) if c})

    def resolve(self, server: str, uid: str, keep_revision_uid: str, author: str | None = None,
                **changes: object) -> Annotation:
        """Resolve a conflict: a new revision from the kept one that replaces every current head."""
        heads = self.store.heads(uid)
        keep = next(r for r in heads if r.annotation.revision_uid == keep_revision_uid)
        new = keep.annotation.revise(author=author or self.user, **changes)
        others = [r.annotation.revision_uid for r in heads if r.annotation.revision_uid != keep_revision_uid]
        return self.record(new, server, keep.study_uid, local=False, extra_predecessors=others)

    # --- sync --------------------------------------------------------------------------------------
    def sync(self, server: str, force: bool = False, reconcile: bool | None = None,
             on_remote: Callable[[Annotation], None] | None = None) -> SyncReport:
        """Push the outbox, read the change feed until done, reconcile by QIDO when this process
        has not yet (or after a gap). Never raises for a network problem: the report says it."""
        server = server.rstrip("/")
        rep = SyncReport(server)
        with self._lock:
            try:
                if force:
                    self.store.retry_now()
                gap = time.monotonic() - self._last_ok.get(server, 0.0) > RECONCILE_AFTER_GAP_S
                fresh = self.store.cursor(server) == 0
                if reconcile or fresh or (reconcile is None and (server not in self._reconciled or gap)):
                    # a client that never read the feed starts it at the hub's last change: the
                    # reconcile (QIDO-RS) brings everything of its studies from before
                    last = self.hub(server).last_change() if fresh else None
                    self._reconcile(server, rep)
                    if last is not None:
                        self.store.set_cursor(server, last)
                self._push(server, rep)
                self._pull_changes(server, rep)
                self._push(server, rep)
                self._last_ok[server] = time.monotonic()
            except net.ConsultError as exc:
                rep.error = str(exc)
                rep.refused = isinstance(exc, net.Refused)
            rep.waiting = self.store.outbox_count(server)
            rep.conflicts = len({u for _, s, _, _ in self.store.studies(server) for u in self.conflicts(s)})
        if on_remote is not None:
            for a in rep.new_remote:
                on_remote(a)
        return rep

    def _push(self, server: str, rep: SyncReport) -> None:
        hub = self.hub(server)
        for item in self.store.outbox(server, due_only=True):
            if PAUSE_S:
                time.sleep(PAUSE_S)
            try:
                ok = hub.store([sr.from_bytes(item.payload)])
            except net.ConsultError as exc:
                delay = min(MAX_BACKOFF_S, 0.5 * 2 ** item.attempts) * (0.75 + 0.5 * random.random())
                self.store.outbox_failed(item.id, str(exc), delay)
                raise
            if item.revision_uid in ok:
                self.store.mark_on_server(item.revision_uid)
                rep.pushed += 1

    def _pull_changes(self, server: str, rep: SyncReport) -> None:
        hub = self.hub(server)
        followed = {s for _, s, _, _ in self.store.studies(server)}
        since = self.store.cursor(server)
        while True:
            changes, done, last = hub.changes(since, CHANGES_PAGE)
            for ch in changes:
                if ch.get("ChangeType") != "NewInstance":
                    continue
                try:
                    inst = hub._get_json(f"/instances/{ch['ID']}")
                except net.Refused:
                    continue  # gone (never happens: nothing is deleted on the hub)
                study, series_uid, modality, desc = self._series_of(hub, str(inst.get("ParentSeries", "")))
                if study not in followed:
                    continue
                sop = str(inst.get("MainDicomTags", {}).get("SOPInstanceUID", ""))
                if desc == "plannerview consult annotations" and modality == "SR":
                    if not self.store.has_revision(sop):
                        self._ingest(server, hub.retrieve(study, series_uid, sop), rep)
                    else:
                        self.store.mark_on_server(sop)
            self.store.set_cursor(server, last)
            since = last
            if done or not changes:
                return

    def _series_of(self, hub: net.Hub, orthanc_series: str) -> tuple[str, str, str, str]:
        """(study UID, series UID, modality, description) of an Orthanc series id (cached)."""
        if orthanc_series not in self._series_cache:
            s = hub._get_json(f"/series/{orthanc_series}")
            st = hub._get_json(f"/studies/{s['ParentStudy']}")
            tags = s.get("MainDicomTags", {})
            self._series_cache[orthanc_series] = (str(st["MainDicomTags"]["StudyInstanceUID"]),
                                                  str(tags.get("SeriesInstanceUID", "")),
                                                  str(tags.get("Modality", "")), str(tags.get("SeriesDescription", "")))
        return self._series_cache[orthanc_series]

    def _ingest(self, server: str, ds: Dataset, rep: SyncReport | None = None) -> None:
        if not sr.is_annotation_sr(ds):
            return
        try:
            d = sr.decode(ds)
        except (ValueError, KeyError, AttributeError, IndexError) as exc:  # another tool's or a damaged SR
            log.warning("consult: SR %s is not a plannerview annotation: %s", ds.get("SOPInstanceUID"), exc)
            return
        if self.store.add_revision(d.annotation, server, d.study_uid, d.series_uid, "remote", d.predecessors):
            if rep is not None:
                rep.pulled += 1
                rep.new_remote.append(d.annotation)
        else:
            self.store.mark_on_server(d.annotation.revision_uid)

    def _reconcile(self, server: str, rep: SyncReport) -> None:
        """Compare each followed study's SRs on the hub (QIDO-RS) with the store: fetch what is
        missing here, queue again what the hub lacks (a revision confirmed before a hub restore)."""
        hub = self.hub(server)
        for _, study, _, _ in self.store.studies(server):
            on_hub = {}
            for it in hub.search_instances(study, modality="SR"):
                if net.qido_value(it, net.SERIES_DESC) in ("", "plannerview consult annotations"):
                    on_hub[net.qido_value(it, net.SOP_UID)] = net.qido_value(it, net.SERIES_UID)
            for sop, series in on_hub.items():
                if not self.store.has_revision(sop):
                    self._ingest(server, hub.retrieve(study, series, sop), rep)
                else:
                    self.store.mark_on_server(sop)
            for r in self.store.revisions(study_uid=study):
                if r.annotation.revision_uid not in on_hub and r.on_server and r.origin == "local":
                    self._requeue(server, r)
        self._reconciled[server] = time.monotonic()
        rep.reconciled = True

    def _requeue(self, server: str, r: Revision) -> None:
        rows = self.store.query("SELECT sr_series_uid FROM revisions WHERE revision_uid=?", (r.annotation.revision_uid,))
        doc = self._encode(r.annotation, r.study_uid, str(rows[0][0]), r.predecessors)
        self.store.requeue(server, r.annotation.revision_uid, r.study_uid, sr.to_bytes(doc))
