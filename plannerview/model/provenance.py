"""How a computed object was made: engine, version, parameters, time, user."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


@dataclass(frozen=True)
class Provenance:
    engine: str
    version: str
    parameters: dict[str, Any] = field(default_factory=dict)
    time_utc: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    user: str = field(default_factory=_user)
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
