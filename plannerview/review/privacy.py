"""Paths of cases shared outside this machine (remote consult), kept out of the recent-cases list.

Qt-free, so a share from the command line is honoured by the workstation too: the host records
the shared paths here (a small JSON file in the user data folder, or ``$PLANNERVIEW_SHARED_LOG``)
and the GUI's recent-cases list never remembers, and forgets on start, any path at or below one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..userdirs import data_dir

ENV = "PLANNERVIEW_SHARED_LOG"


def shared_log_path() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    return data_dir() / "shared-cases.json"


def shared_paths() -> list[str]:
    """Every path recorded as shared (resolved, as text); [] when none or the file is unreadable."""
    try:
        data = json.loads(shared_log_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(p) for p in data if isinstance(p, str)] if isinstance(data, list) else []


def mark_shared(paths: Iterable[str]) -> None:
    """Record ``paths`` as shared (atomically; the list only grows)."""
    known = shared_paths()
    for p in paths:
        r = _resolved(p)
        if r not in known:
            known.append(r)
    target = shared_log_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(known, indent=1), encoding="utf-8")
    os.replace(tmp, target)


def is_shared(path: str) -> bool:
    """True when ``path`` is, or lies inside, a case recorded as shared."""
    r = Path(_resolved(path))
    for s in shared_paths():
        sp = Path(s)
        if r == sp or sp in r.parents:
            return True
    return False


def _resolved(p: str) -> str:
    try:
        return str(Path(p).expanduser().resolve())
    except OSError:
        return str(Path(p).expanduser().absolute())
