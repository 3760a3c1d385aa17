"""The client's own persistent state (one SQLite file in its storage folder).

- ``uid_map``: hub UID <- original UID for everything this client shared (never leaves the machine);
- ``seeds``: the de-identification seed per original patient (the same share gives the same objects);
- ``studies`` / ``instances``: the hub studies this client follows (shared or pulled) and their objects;
- ``share_items``: the staged de-identified files of a share and whether each is stored on the hub
  (resumable upload);
- ``revisions`` / ``predecessors``: every annotation revision seen, local or remote, with its SR;
- ``outbox``: SR documents waiting for upload, written in the same transaction as the revision and
  before any network call; a row leaves only once the hub has confirmed the instance;
- ``cursors``: the last Orthanc change sequence read per server.

Every write is one transaction (WAL mode), so a client killed at any moment restarts consistent.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from plannerview.model.annotation import Annotation
from plannerview.model.uids import new_uid

SCHEMA = """
CREATE TABLE IF NOT EXISTS uid_map (hub_uid TEXT PRIMARY KEY, original_uid TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS seeds (patient_key TEXT PRIMARY KEY, seed TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS studies (
  server TEXT NOT NULL, study_uid TEXT NOT NULL, role TEXT NOT NULL, local_path TEXT NOT NULL DEFAULT '',
  sr_series_uid TEXT NOT NULL, added_utc TEXT NOT NULL, PRIMARY KEY (server, study_uid));
CREATE TABLE IF NOT EXISTS instances (
  study_uid TEXT NOT NULL, series_uid TEXT NOT NULL, sop_uid TEXT PRIMARY KEY, sop_class_uid TEXT NOT NULL,
  modality TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS share_items (
  server TEXT NOT NULL, study_uid TEXT NOT NULL, sop_uid TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
  stored INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (server, sop_uid));
CREATE TABLE IF NOT EXISTS revisions (
  revision_uid TEXT PRIMARY KEY, uid TEXT NOT NULL, server TEXT NOT NULL, study_uid TEXT NOT NULL,
  annotation TEXT NOT NULL, sr_series_uid TEXT NOT NULL, origin TEXT NOT NULL, on_server INTEGER NOT NULL,
  seen_utc TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS revisions_uid ON revisions (uid);
CREATE TABLE IF NOT EXISTS predecessors (revision_uid TEXT NOT NULL, predecessor_uid TEXT NOT NULL,
  PRIMARY KEY (revision_uid, predecessor_uid));
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, server TEXT NOT NULL, revision_uid TEXT NOT NULL UNIQUE,
  study_uid TEXT NOT NULL, payload BLOB NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_try REAL NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '', created_utc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (server TEXT PRIMARY KEY, last_change INTEGER NOT NULL, synced_utc TEXT);
CREATE TABLE IF NOT EXISTS servers (server TEXT PRIMARY KEY, ca TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS study_info (study_uid TEXT PRIMARY KEY, info TEXT NOT NULL);
"""


def _utc() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def annotation_to_json(a: Annotation) -> str:
    d = asdict(a)
    d.pop("provenance", None)
    return json.dumps(d, sort_keys=True)


def annotation_from_json(text: str) -> Annotation:
    d = json.loads(text)
    d["points_mm"] = tuple(tuple(p) for p in d.get("points_mm", ()))
    d["referenced_uids"] = tuple(d.get("referenced_uids", ()))
    d.pop("provenance", None)
    return Annotation(**d)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    server: str
    revision_uid: str
    study_uid: str
    payload: bytes
    attempts: int
    next_try: float
    last_error: str


@dataclass(frozen=True)
class Revision:
    annotation: Annotation  # in hub UIDs
    study_uid: str
    server: str
    origin: str  # 'local' or 'remote'
    on_server: bool
    predecessors: tuple[str, ...]


class Store:
    """Thread-safe access to one client's SQLite file (one connection per thread)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._conn().executescript(SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            self._local.conn = conn
        return conn

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction (committed on success, rolled back on error)."""
        c = self._conn()
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        c.execute("COMMIT")

    def query(self, sql: str, args: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._conn().execute(sql, tuple(args)))

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- UID map (sending side only) ---------------------------------------------------------------
    def hub_uid_for(self, original: str) -> str:
        """The hub UID for ``original``, made (and persisted) the first time."""
        rows = self.query("SELECT hub_uid FROM uid_map WHERE original_uid=?", (original,))
        if rows:
            return str(rows[0][0])
        hub = new_uid()
        with self.tx() as c:
            c.execute("INSERT OR IGNORE INTO uid_map VALUES (?, ?)", (hub, original))
            return str(c.execute("SELECT hub_uid FROM uid_map WHERE original_uid=?", (original,)).fetchone()[0])

    def hub_uids_for(self, originals: Iterable[str], new: dict[str, str]) -> dict[str, str]:
        """Existing hub UIDs for ``originals`` (one query); ``new`` mappings are saved in one transaction."""
        with self.tx() as c:
            c.executemany("INSERT OR IGNORE INTO uid_map VALUES (?, ?)", [(h, o) for o, h in new.items()])
        wanted = list(originals)
        out: dict[str, str] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            q = f"SELECT original_uid, hub_uid FROM uid_map WHERE original_uid IN ({','.join('?' * len(part))})"
            out.update({str(o): str(h) for o, h in self.query(q, part)})
        return out

    def original_uid(self, hub: str) -> str:
        """The original UID behind a hub UID; the UID itself when this client did not share it."""
        rows = self.query("SELECT original_uid FROM uid_map WHERE hub_uid=?", (hub,))
        return str(rows[0][0]) if rows else hub

    def hub_uid(self, uid: str) -> str:
        """The hub UID of a local UID (an original this client shared), else the UID itself."""
        rows = self.query("SELECT hub_uid FROM uid_map WHERE original_uid=?", (uid,))
        return str(rows[0][0]) if rows else uid

    def seed_for(self, patient_key: str) -> str:
        with self.tx() as c:
            c.execute("INSERT OR IGNORE INTO seeds VALUES (?, ?)", (patient_key, new_uid()))
            return str(c.execute("SELECT seed FROM seeds WHERE patient_key=?", (patient_key,)).fetchone()[0])

    # --- studies and instances ---------------------------------------------------------------------
    def follow_study(self, server: str, study_uid: str, role: str, local_path: str = "") -> str:
        """Follow a hub study; returns this client's SR series for it (one per client and study)."""
        with self.tx() as c:
            c.execute("INSERT OR IGNORE INTO studies VALUES (?, ?, ?, ?, ?, ?)",
                      (server, study_uid, role, local_path, new_uid(), _utc()))
            if local_path:
                c.execute("UPDATE studies SET local_path=? WHERE server=? AND study_uid=?",
                          (local_path, server, study_uid))
            return str(c.execute("SELECT sr_series_uid FROM studies WHERE server=? AND study_uid=?",
                                 (server, study_uid)).fetchone()[0])

    def studies(self, server: str | None = None) -> list[tuple[str, str, str, str]]:
        """(server, study_uid, role, local_path) of every followed study."""
        if server is None:
            return [tuple(r) for r in self.query("SELECT server, study_uid, role, local_path FROM studies")]  # type: ignore[misc]
        return [tuple(r) for r in self.query(  # type: ignore[misc]
            "SELECT server, study_uid, role, local_path FROM studies WHERE server=?", (server,))]

    def servers(self) -> list[str]:
        return sorted({str(r[0]) for r in self.query(
            "SELECT server FROM studies UNION SELECT server FROM outbox UNION SELECT server FROM servers")})

    def remember_ca(self, server: str, ca: str) -> None:
        """The CA certificate path a server was reached with (so 'sync' without --ca still trusts it)."""
        with self.tx() as c:
            c.execute("INSERT OR REPLACE INTO servers VALUES (?, ?)", (server, ca))

    def ca_for(self, server: str) -> str | None:
        rows = self.query("SELECT ca FROM servers WHERE server=?", (server,))
        return str(rows[0][0]) if rows and rows[0][0] else None

    def add_instances(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None:
        """(study, series, sop, sop_class, modality) rows."""
        with self.tx() as c:
            c.executemany("INSERT OR IGNORE INTO instances VALUES (?, ?, ?, ?, ?)", list(rows))

    def instances(self, study_uid: str) -> list[tuple[str, str, str, str]]:
        """(series, sop, sop_class, modality) of a study's known instances."""
        return [tuple(r) for r in self.query(  # type: ignore[misc]
            "SELECT series_uid, sop_uid, sop_class_uid, modality FROM instances WHERE study_uid=?", (study_uid,))]

    def study_of(self, uid: str) -> str | None:
        """The hub study holding an instance, series or study UID (None when unknown)."""
        for sql in ("SELECT study_uid FROM instances WHERE sop_uid=?", "SELECT study_uid FROM instances WHERE series_uid=?",
                    "SELECT study_uid FROM studies WHERE study_uid=?"):
            rows = self.query(sql, (uid,))
            if rows:
                return str(rows[0][0])
        return None

    def set_study_info(self, study_uid: str, info: dict[str, str]) -> None:
        with self.tx() as c:
            old = c.execute("SELECT info FROM study_info WHERE study_uid=?", (study_uid,)).fetchone()
            merged = {**(json.loads(old[0]) if old else {}), **{k: v for k, v in info.items() if v}}
            c.execute("INSERT OR REPLACE INTO study_info VALUES (?, ?)", (study_uid, json.dumps(merged)))

    def study_info(self, study_uid: str) -> dict[str, str]:
        rows = self.query("SELECT info FROM study_info WHERE study_uid=?", (study_uid,))
        return dict(json.loads(rows[0][0])) if rows else {}

    # --- share items -------------------------------------------------------------------------------
    def add_share_items(self, server: str, study_uid: str, items: Iterable[tuple[str, str, int]]) -> None:
        with self.tx() as c:
            c.executemany("INSERT OR IGNORE INTO share_items (server, study_uid, sop_uid, path, size) "
                          "VALUES (?, ?, ?, ?, ?)", [(server, study_uid, *i) for i in items])

    def pending_share_items(self, server: str, study_uid: str) -> list[tuple[str, str, int]]:
        return [(str(r[0]), str(r[1]), int(r[2])) for r in self.query(
            "SELECT sop_uid, path, size FROM share_items WHERE server=? AND study_uid=? AND stored=0 ORDER BY path",
            (server, study_uid))]

    def share_items_count(self, server: str, study_uid: str) -> int:
        return int(self.query("SELECT count(*) FROM share_items WHERE server=? AND study_uid=?",
                              (server, study_uid))[0][0])

    def mark_shared(self, server: str, sop_uids: Iterable[str]) -> None:
        with self.tx() as c:
            c.executemany("UPDATE share_items SET stored=1 WHERE server=? AND sop_uid=?",
                          [(server, s) for s in sop_uids])

    # --- annotation revisions ----------------------------------------------------------------------
    def has_revision(self, revision_uid: str) -> bool:
        return bool(self.query("SELECT 1 FROM revisions WHERE revision_uid=?", (revision_uid,)))

    def add_revision(self, a: Annotation, server: str, study_uid: str, sr_series_uid: str, origin: str,
                     predecessors: Iterable[str], payload: bytes | None = None) -> bool:
        """Record a revision (hub UIDs); with ``payload`` also queue its SR in the outbox, in the
        same transaction. False when the revision was already known."""
        with self.tx() as c:
            if c.execute("SELECT 1 FROM revisions WHERE revision_uid=?", (a.revision_uid,)).fetchone():
                if origin == "remote":
                    c.execute("UPDATE revisions SET on_server=1 WHERE revision_uid=?", (a.revision_uid,))
                return False
            seq = c.execute("SELECT coalesce(max(seq), 0) + 1 FROM revisions").fetchone()[0]
            c.execute("INSERT INTO revisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (a.revision_uid, a.uid, server, study_uid, annotation_to_json(a), sr_series_uid, origin,
                       int(origin == "remote"), _utc(), seq))
            c.executemany("INSERT OR IGNORE INTO predecessors VALUES (?, ?)",
                          [(a.revision_uid, p) for p in predecessors if p])
            if payload is not None:
                c.execute("INSERT INTO outbox (server, revision_uid, study_uid, payload, created_utc) "
                          "VALUES (?, ?, ?, ?, ?)", (server, a.revision_uid, study_uid, payload, _utc()))
            return True

    def revisions(self, study_uid: str | None = None, uid: str | None = None) -> list[Revision]:
        sql = "SELECT revision_uid, annotation, study_uid, server, origin, on_server FROM revisions"
        where, args = [], []
        if study_uid:
            where.append("study_uid=?")
            args.append(study_uid)
        if uid:
            where.append("uid=?")
            args.append(uid)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY seq"
        preds: dict[str, list[str]] = {}
        for r, p in self.query("SELECT revision_uid, predecessor_uid FROM predecessors"):
            preds.setdefault(str(r), []).append(str(p))
        return [Revision(annotation_from_json(str(js)), str(st), str(srv), str(org), bool(on),
                         tuple(sorted(preds.get(str(rev), ()))))
                for rev, js, st, srv, org, on in self.query(sql, args)]

    def mark_on_server(self, revision_uid: str) -> None:
        with self.tx() as c:
            c.execute("UPDATE revisions SET on_server=1 WHERE revision_uid=?", (revision_uid,))
            c.execute("DELETE FROM outbox WHERE revision_uid=?", (revision_uid,))

    def heads(self, uid: str) -> list[Revision]:
        """The revisions of annotation ``uid`` that no other revision replaces (two or more: a conflict)."""
        revs = self.revisions(uid=uid)
        replaced = {p for r in revs for p in r.predecessors}
        return [r for r in revs if r.annotation.revision_uid not in replaced]

    # --- outbox ------------------------------------------------------------------------------------
    def outbox(self, server: str | None = None, due_only: bool = False) -> list[OutboxItem]:
        sql = "SELECT id, server, revision_uid, study_uid, payload, attempts, next_try, last_error FROM outbox"
        where: list[str] = []
        args: list[Any] = []
        if server:
            where.append("server=?")
            args.append(server)
        if due_only:
            where.append("next_try<=?")
            args.append(time.time())
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [OutboxItem(int(r[0]), str(r[1]), str(r[2]), str(r[3]), bytes(r[4]), int(r[5]), float(r[6]), str(r[7]))
                for r in self.query(sql + " ORDER BY id", args)]

    def outbox_count(self, server: str | None = None) -> int:
        if server:
            return int(self.query("SELECT count(*) FROM outbox WHERE server=?", (server,))[0][0])
        return int(self.query("SELECT count(*) FROM outbox")[0][0])

    def outbox_failed(self, item_id: int, error: str, delay_s: float) -> None:
        with self.tx() as c:
            c.execute("UPDATE outbox SET attempts=attempts+1, next_try=?, last_error=? WHERE id=?",
                      (time.time() + delay_s, error[:500], item_id))

    def requeue(self, server: str, revision_uid: str, study_uid: str, payload: bytes) -> None:
        with self.tx() as c:
            c.execute("UPDATE revisions SET on_server=0 WHERE revision_uid=?", (revision_uid,))
            c.execute("INSERT OR IGNORE INTO outbox (server, revision_uid, study_uid, payload, created_utc) "
                      "VALUES (?, ?, ?, ?, ?)", (server, revision_uid, study_uid, payload, _utc()))

    def retry_now(self) -> None:
        with self.tx() as c:
            c.execute("UPDATE outbox SET next_try=0")

    # --- change cursor -----------------------------------------------------------------------------
    def cursor(self, server: str) -> int:
        rows = self.query("SELECT last_change FROM cursors WHERE server=?", (server,))
        return int(rows[0][0]) if rows else 0

    def set_cursor(self, server: str, last_change: int) -> None:
        with self.tx() as c:
            c.execute("INSERT INTO cursors VALUES (?, ?, ?) ON CONFLICT(server) DO UPDATE SET "
                      "last_change=excluded.last_change, synced_utc=excluded.synced_utc", (server, last_change, _utc()))
