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

ENV_USER = "PLANNERVIEW_USER"
USER_ENV = ENV_USER
NOT_RECORDED = "-"
_configured_user: list[str] = []  # the application settings' reviewer name, when set


def set_current_user(name: str | None) -> None:
    """Set the reviewer's name for this process (the GUI and CLI call it from their settings);
    ``None`` or "" goes back to the environment or the OS login; "-" records no user."""
    _configured_user.clear()
    if name is not None and str(name).strip():
        _configured_user.append(str(name).strip())


set_reviewer = set_current_user  # the name the settings code uses


def current_user() -> str:
    """Who is working: ``$PLANNERVIEW_USER``, else the name set with :func:`set_current_user`,
    else the OS login name ("unknown" when there is none). "-" in either place records no user:
    "" is returned. The one function for user identity."""
    env = os.environ.get(ENV_USER, "").strip()
    name = env or (_configured_user[0] if _configured_user else "")
    if name == NOT_RECORDED:
        return ""
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


_user = current_user  # the older private name, kept for callers that import it


@dataclass(frozen=True)
class Provenance:
    """Engine (``plugin:contribution`` for plugins), its version, the resolved parameters, when, by
    whom, the input UIDs, and ``details``: engine-specific facts (beam model, CT calibration, ...)."""

    engine: str
    version: str
    parameters: dict[str, Any] = field(default_factory=dict)
    time_utc: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    user: str = field(default_factory=current_user)
    inputs: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

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
        doc = {
            "engine": self.engine,
            "version": self.version,
            "parameters": dict(self.parameters),
            "time_utc": self.time_utc,
            "user": self.user,
            "inputs": list(self.inputs),
        }
        if self.details:
            doc["details"] = dict(self.details)
        return doc
