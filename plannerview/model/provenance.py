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

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "version": self.version,
            "parameters": dict(self.parameters),
            "time_utc": self.time_utc,
            "user": self.user,
            "inputs": list(self.inputs),
        }
