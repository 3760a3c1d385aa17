"""What the host knows about each plugin and each contribution during a session.

A plugin is ``active``, ``disabled`` (by the user, or written for another API major version) or
``failed`` (it could not be imported, its manifest is invalid, or it shadows an installed plugin).
Each contribution of an active plugin has its own state: ``active``; ``failed`` when its code
cannot be imported or does not implement its contract (it cannot work until fixed); ``disabled``
after :data:`FAULT_LIMIT` faults in one session. A fault of one contribution never hides the
others.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ..plugin_api import Contribution, Manifest

ACTIVE, DISABLED, FAILED = "active", "disabled", "failed"
ENTRY_POINT, USER_FOLDER = "entry point", "user folder"
FAULT_LIMIT = 3
"""A contribution is disabled for the session after this many faults (exceptions, crashes,
timeouts, refused results). Input errors and cancellations are not faults."""


@dataclass
class ContributionState:
    """Session state of one contribution: status, fault count, last error, its built object."""

    contribution: Contribution
    status: str = ACTIVE
    faults: int = 0
    error: str = ""
    instance: Any = field(default=None, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        """``(kind, name)``."""
        return (self.contribution.kind, self.contribution.name)

    def to_json(self) -> dict[str, Any]:
        """The contribution with its state (``plannerview plugins --json``)."""
        doc = self.contribution.to_json()
        doc.update(status=self.status, faults=self.faults, error=self.error or None)
        if self.contribution.unknown_needs:
            doc["unknown_needs"] = list(self.contribution.unknown_needs)
        return doc


@dataclass
class PluginRecord:
    """One plugin: where it came from (``origin_kind`` entry point or user folder; ``origin`` the
    entry point or the path), its manifest, status and contributions' states."""

    name: str
    origin: str
    origin_kind: str
    status: str = ACTIVE
    error: str = ""
    manifest: Manifest | None = None
    module_name: str = ""  # the module holding the manifest: relative "module:attr" strings start there
    path: str = ""  # user-folder plugins: the file or package folder
    states: dict[tuple[str, str], ContributionState] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def __post_init__(self) -> None:
        if self.manifest is not None and not self.states:
            self.states = {(c.kind, c.name): ContributionState(c) for c in self.manifest.contributions}

    @property
    def source(self) -> str:
        """The origin as one line (kept from API 1.0's ``source``)."""
        return f"{self.origin_kind}: {self.origin}"

    @property
    def version(self) -> str:
        """The plugin's version ("" when its manifest could not be read)."""
        return self.manifest.version if self.manifest else ""

    @property
    def api_version(self) -> str:
        """The plugin API version the plugin was written for."""
        return self.manifest.api_version if self.manifest else ""

    def state(self, contribution: Contribution) -> ContributionState:
        """The session state of one of this plugin's contributions."""
        return self.states[(contribution.kind, contribution.name)]

    def disable(self, status: str, error: str) -> None:
        """Mark the whole plugin ``failed`` or ``disabled`` with the reason."""
        self.status, self.error = status, error
        for st in self.states.values():
            st.instance = None

    def to_json(self) -> dict[str, Any]:
        """The plugin as ``plannerview plugins --json`` prints it."""
        return {"name": self.name, "version": self.version, "api_version": self.api_version,
                "status": self.status, "error": self.error or None, "origin": self.origin,
                "origin_kind": self.origin_kind, "source": self.source,
                "description": self.manifest.description if self.manifest else "",
                "settings": self.manifest.settings.to_json() if self.manifest else {},
                "contributions": [st.to_json() for st in self.states.values()]}
