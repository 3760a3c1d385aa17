"""The hash-chained audit log: intact logs verify, edited, removed and reordered entries are named."""

from __future__ import annotations

import json

import pytest

from plannerview.cli.main import main
from plannerview.review.audit import GENESIS, AuditError, AuditLog, entry_hash


@pytest.fixture()
def log(tmp_path):
    a = AuditLog(tmp_path / "audit.jsonl")
    for i in range(5):
        a.append("test-action", {"n": i, "text": f"entry {i + 1}"}, user="tester", role="physicist")
    return a


def _lines(log):
    return log.path.read_text().splitlines()


def _write(log, lines):
    log.path.write_text("\n".join(lines) + "\n")


def test_intact_log_verifies_and_each_hash_chains(log, capsys):
    entries = [json.loads(line) for line in _lines(log)]
    assert entries[0]["prev_hash"] == GENESIS
    for prev, e in zip(entries, entries[1:], strict=False):
        assert e["prev_hash"] == prev["hash"]
    for e in entries:  # the hash is the SHA-256 of the canonical JSON without "hash"
        import hashlib
        body = json.dumps({k: v for k, v in e.items() if k != "hash"}, sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False)
        assert e["hash"] == hashlib.sha256(body.encode()).hexdigest() == entry_hash(e)
    assert main(["audit", "verify", "--log", str(log.path)]) == 0
    assert "intact, 5 entries" in capsys.readouterr().out


def test_edited_entry_is_named(log, capsys):
    lines = _lines(log)
    e = json.loads(lines[2])
    e["data"]["text"] = "quietly changed"
    lines[2] = json.dumps(e, sort_keys=True)
    _write(log, lines)
    assert main(["audit", "verify", "--log", str(log.path)]) == 1
    out = capsys.readouterr().out
    assert "line 3 (entry 3)" in out and "edited" in out


def test_edited_entry_with_recomputed_hash_breaks_the_next_link(log, capsys):
    lines = _lines(log)
    e = json.loads(lines[1])
    e["data"]["text"] = "changed, hash recomputed"
    e["hash"] = entry_hash(e)
    lines[1] = json.dumps(e, sort_keys=True)
    _write(log, lines)
    assert main(["audit", "verify", "--log", str(log.path), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] is False and doc["first_bad_line"] == 3


def test_removed_entry_is_named(log, capsys):
    lines = _lines(log)
    del lines[2]
    _write(log, lines)
    assert main(["audit", "verify", "--log", str(log.path)]) == 1
    out = capsys.readouterr().out
    assert "line 3 (entry 4)" in out and "removed" in out


def test_reordered_entries_are_named(log, capsys):
    lines = _lines(log)
    lines[1], lines[2] = lines[2], lines[1]
    _write(log, lines)
    assert main(["audit", "verify", "--log", str(log.path)]) == 1
    assert "line 2 (entry 3)" in capsys.readouterr().out


def test_a_broken_log_is_not_extended_and_export_copies(log, tmp_path, capsys):
    assert main(["audit", "export", "--log", str(log.path), "--out", str(tmp_path / "copy.jsonl")]) == 0
    assert (tmp_path / "copy.jsonl").read_bytes() == log.path.read_bytes()
    assert AuditLog(tmp_path / "copy.jsonl").verify().entries == 5
    lines = _lines(log)
    del lines[0]
    _write(log, lines)
    with pytest.raises(AuditError, match="does not verify"):
        log.append("more", {})
    assert len(_lines(log)) == 4
    assert main(["audit", "verify", "--log", str(tmp_path / "missing.jsonl")]) == 2
