"""An append-only, hash-chained audit log of review actions (JSON Lines).

Each line is one entry::

    {"seq": 3, "time_utc": "...", "action": "sign-off", "user": "...", "role": "...",
     "data": {...}, "prev_hash": "<hash of entry 2>", "hash": "<sha256 of this entry>"}

``hash`` is the SHA-256 of the entry's canonical JSON (sorted keys, no spaces, UTF-8) without the
``hash`` key; ``prev_hash`` of the first entry is 64 zeros. Editing an entry breaks its own hash,
removing or reordering entries breaks the next entry's ``prev_hash`` (and the ``seq`` order), so
:func:`verify` names the first bad entry. A chain cannot show that its *last* entries were cut
off: the sign-off's hash is therefore also written into the SR document and the PDF report, so a
truncated log no longer contains a hash those documents quote.

The log lives in the user data folder (``platformdirs``), ``$PLANNERVIEW_AUDIT_LOG`` overrides it.
Appends take an exclusive lock (``fcntl`` on POSIX) and are flushed to disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ..model.provenance import _user
from ..userdirs import data_dir

GENESIS = "0" * 64
ENV = "PLANNERVIEW_AUDIT_LOG"


def default_log_path() -> Path:
    """``$PLANNERVIEW_AUDIT_LOG``, else ``<user data folder>/audit/audit-log.jsonl``."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    return data_dir() / "audit" / "audit-log.jsonl"


def entry_hash(entry: dict[str, Any]) -> str:
    """SHA-256 of the entry's canonical JSON without its ``hash`` key."""
    body = {k: v for k, v in entry.items() if k != "hash"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    time_utc: str
    action: str
    user: str
    role: str
    data: dict[str, Any]
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "time_utc": self.time_utc, "action": self.action, "user": self.user,
                "role": self.role, "data": self.data, "prev_hash": self.prev_hash, "hash": self.hash}


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    head_hash: str
    first_bad: int | None = None  # 1-based line number of the first bad entry
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "head_hash": self.head_hash,
                "first_bad_line": self.first_bad, "reason": self.reason}


@contextlib.contextmanager
def _locked(fh: IO[str]) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory lock
        yield
        return
    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class AuditLog:
    """The audit log at ``path`` (created on the first append)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_log_path()

    def entries(self) -> list[AuditEntry]:
        """Every entry as stored (use :meth:`verify` to know whether they can be trusted)."""
        if not self.path.exists():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out.append(AuditEntry(d["seq"], d["time_utc"], d["action"], d["user"], d.get("role", ""),
                                      d.get("data", {}), d["prev_hash"], d["hash"]))
        return out

    def append(self, action: str, data: dict[str, Any], user: str | None = None, role: str = "") -> AuditEntry:
        """Add one entry chained to the last one; refuses to extend a log that does not verify."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+", encoding="utf-8") as fh, _locked(fh):
            fh.seek(0)
            key = str(self.path.resolve())
            text = fh.read()
            check = _verify_text(key, text)
            if not check.ok:
                raise AuditError(f"{self.path}: the audit log does not verify ({check.reason}); "
                                 "nothing appended. Keep the file for investigation and start a new log.")
            entry: dict[str, Any] = {
                "seq": check.entries + 1,
                "time_utc": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "action": action, "user": user or _user(), "role": role,
                "data": json.loads(json.dumps(data, default=str)),
                "prev_hash": check.head_hash,
            }
            entry["hash"] = entry_hash(entry)
            fh.seek(0, os.SEEK_END)
            line = json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n"
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
            if text.endswith("\n") or not text:  # what this process wrote is verified too
                _remember(key, text + line, len(text.splitlines()) + 1,
                          Verification(True, check.entries + 1, entry["hash"]))
        return AuditEntry(**entry)

    def verify(self) -> Verification:
        if not self.path.exists():
            return Verification(False, 0, GENESIS, None, f"{self.path}: no such audit log")
        return _verify_lines(self.path.read_text(encoding="utf-8").splitlines())

    def export(self, out: str | Path) -> Verification:
        """Copy the log to ``out`` (byte for byte, so the copy verifies on its own) and verify it."""
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path, out)
        return AuditLog(out).verify()


class AuditError(RuntimeError):
    """The audit log cannot be used (it does not verify)."""


_VERIFIED: dict[str, tuple[int, str, int, Verification]] = {}


def _verify_text(key: str, text: str) -> Verification:
    """:func:`_verify_lines` of a whole log, resumed after the part this process verified before
    when that part is unchanged (the same characters: its SHA-256 is compared), so an append does
    not parse every earlier entry again (the log grows with every review)."""
    done = _VERIFIED.get(key)
    if done is not None:
        n_chars, digest, n_lines, check = done
        if check.ok and len(text) >= n_chars and \
                hashlib.sha256(text[:n_chars].encode("utf-8")).hexdigest() == digest:
            rest = text[n_chars:].splitlines()
            result = _verify_lines(rest, check.head_hash, check.entries, n_lines)
            _remember(key, text, n_lines + len(rest), result)
            return result
    lines = text.splitlines()
    result = _verify_lines(lines)
    _remember(key, text, len(lines), result)
    return result


def _remember(key: str, text: str, n_lines: int, check: Verification) -> None:
    if check.ok and (not text or text.endswith("\n")):
        _VERIFIED[key] = (len(text), hashlib.sha256(text.encode("utf-8")).hexdigest(), n_lines, check)
    else:
        _VERIFIED.pop(key, None)


def _verify_lines(lines: list[str], prev: str = GENESIS, n: int = 0, line_offset: int = 0) -> Verification:
    """Check a chain of entries (``prev``, ``n``, ``line_offset``: where a verified prefix ended)."""
    for i, line in enumerate(lines, start=line_offset + 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
        except json.JSONDecodeError as exc:
            return Verification(False, n, prev, i, f"line {i}: not valid JSON ({exc.msg})")
        if not isinstance(e, dict) or "hash" not in e or "prev_hash" not in e or "seq" not in e:
            return Verification(False, n, prev, i, f"line {i}: not an audit entry")
        seq = e.get("seq")
        if entry_hash(e) != e["hash"]:
            return Verification(False, n, prev, i, f"line {i} (entry {seq}): its content does not match its hash "
                                                   "(the entry was edited)")
        if e["prev_hash"] != prev:
            what = "removed" if seq != n + 1 and isinstance(seq, int) and seq > n + 1 else "reordered or removed"
            return Verification(False, n, prev, i, f"line {i} (entry {seq}): it does not follow the entry before it "
                                                   f"(previous hash differs: an entry was {what})")
        if seq != n + 1:
            return Verification(False, n, prev, i, f"line {i} (entry {seq}): expected entry {n + 1}")
        prev = e["hash"]
        n += 1
    return Verification(True, n, prev)
