"""Appending to a long audit log verifies only what is new, and still refuses a log edited since."""

from __future__ import annotations

import json
import time

import pytest

from plannerview.review import audit
from plannerview.review.audit import AuditError, AuditLog


def test_append_resumes_after_the_verified_part_and_catches_edits(tmp_path, monkeypatch):
    log = AuditLog(tmp_path / "audit.jsonl")
    for i in range(300):
        log.append("review-started", {"n": i, "files": [f"{k:064x}" for k in range(40)]}, user="u")
    parsed: list[int] = []
    real = audit._verify_lines

    def counting(lines, *a, **k):  # type: ignore[no-untyped-def]
        parsed.append(len([x for x in lines if x.strip()]))
        return real(lines, *a, **k)

    monkeypatch.setattr(audit, "_verify_lines", counting)
    t0 = time.perf_counter()
    e = log.append("more", {"x": 1}, user="u")
    assert e.seq == 301 and parsed == [0]  # the 300 entries already verified are not parsed again
    assert time.perf_counter() - t0 < 1.0
    assert log.verify().ok and log.verify().entries == 301
    # an earlier entry edited (same length, so only its content differs): the next append verifies
    # the whole log again and refuses it
    lines = log.path.read_text().splitlines()
    d = json.loads(lines[10])
    d["user"] = "x"  # "u" -> "x"
    lines[10] = json.dumps(d, sort_keys=True, ensure_ascii=False)
    log.path.write_text("\n".join(lines) + "\n")
    with pytest.raises(AuditError, match="does not verify"):
        log.append("after-edit", {}, user="u")
    assert len(log.path.read_text().splitlines()) == 301
