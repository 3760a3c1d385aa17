"""How a computed object was made: engine, version, parameters, time, user.

The user recorded (in provenance, annotations, review records and every new DICOM object) is
:func:`current_user`: the ``PLANNERVIEW_USER`` environment variable, else the reviewer name of the
application settings (given here with :func:`set_reviewer`), else the operating-system login.
``PLANNERVIEW_USER=-`` (or the reviewer name ``-``) records no user at all: the field is left empty.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

USER_ENV = "PLANNERVIEW_USER"
NOT_RECORDED = "-"
_reviewer: list[str] = []  # the application settings' reviewer name, when set


def set_reviewer(name: str | None) -> None:
    """The reviewer name from the application settings ("" or None: the login; "-": record none)."""
    _reviewer.clear()
    if name is not None and name.strip():
        _reviewer.append(name.strip())


def current_user() -> str:
    """Who is recorded as the user ("" when the user chose not to be recorded)."""
    env = os.environ.get(USER_ENV, "").strip()
    name = env or (_reviewer[0] if _reviewer else "")
    if name == NOT_RECORDED:
        return ""
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def _user() -> str:  # the name the first callers used
    return current_user()


@dataclass(frozen=True)
class Provenance:
    engine: str
    version: str
    parameters: dict[str, Any] = field(default_factory=dict)
    time_utc: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    user: str = field(default_factory=current_user)
    inputs: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, doc: dict[str, Any] | None) -> Provenance:
        """The provenance :meth:`to_json` wrote (missing fields: 'unknown' engine, no parameters)."""
        d = dict(doc or {})
        params = d.get("parameters")
        inputs = d.get("inputs")
        extra: dict[str, Any] = {k: str(d[k]) for k in ("time_utc", "user") if d.get(k)}
        return cls(engine=str(d.get("engine", "unknown")), version=str(d.get("version", "")),
                   parameters=dict(params) if isinstance(params, dict) else {},
                   inputs=tuple(str(x) for x in inputs) if isinstance(inputs, list | tuple) else (), **extra)

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "version": self.version,
            "parameters": dict(self.parameters),
            "time_utc": self.time_utc,
            "user": self.user,
            "inputs": list(self.inputs),
        }
