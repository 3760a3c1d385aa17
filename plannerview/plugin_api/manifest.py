"""A plugin's manifest: who it is, which API it targets and what it contributes.

The manifest is all the host reads to list a plugin (``plannerview plugins``, the Plugins menu,
``plannerview --help``): keep the module that defines it light, and name each contribution's
implementation as a ``"module:attr"`` string, imported only when the contribution is first used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .contracts import COMMAND, ISOLATABLE_KINDS, KINDS
from .params import ParamSchema
from .version import API_VERSION, parse_api_version

ISOLATIONS = ("inline", "process")
_TARGET = re.compile(r"^(\.*[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*|\.+):[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
_NEED = re.compile(r"^(image(:[A-Z]{2,4})?|plan(:(ion|photon|electron|proton|brachy))?|structures|dose)$")


def known_need(need: str) -> bool:
    """True for a ``needs`` entry the host checks: ``image``, ``image:CT`` (any modality in capitals),
    ``plan``, ``plan:ion``, ``plan:photon``, ``plan:electron``, ``plan:proton``, ``plan:brachy``,
    ``structures``, ``dose``."""
    return bool(_NEED.match(need))


@dataclass(frozen=True)
class Contribution:
    """One thing a plugin adds.

    ``factory`` builds the object implementing the contract of ``kind``: a ``"module:attr"``
    string (API 1.1, imported lazily; ``".engine:Engine"`` is relative to the plugin's package) or
    a class or function taking no argument (API 1.0). ``needs`` names the data it reads (checked
    before each call: see :func:`known_need`). ``parameters`` is the schema of its per-run settings.

    ``isolation="process"`` (API 1.1; engines, sync providers, readers, exporters) runs each call in
    a worker process with ``timeout_s`` seconds and ``memory_mb`` of address space: a crash, hang
    or runaway allocation is then reported as this contribution's failure. It isolates crashes, it
    is *not* a security sandbox. For a ``command``, ``name`` is the sub-command and ``description``
    its help line.
    """

    kind: str
    name: str
    factory: Callable[[], Any] | str
    title: str = ""
    description: str = ""
    parameters: ParamSchema = field(default_factory=ParamSchema)
    needs: tuple[str, ...] = ()
    isolation: str = "inline"
    timeout_s: float | None = None
    memory_mb: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"contribution {self.name!r}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if not self.name or not all(c.isalnum() or c in "-_." for c in self.name):
            raise ValueError(f"contribution name {self.name!r}: use letters, digits, '-', '_' or '.'")
        if self.kind == COMMAND and not (self.name[0].isalpha() and self.name.replace("-", "").isalnum()):
            raise ValueError(f"command {self.name!r}: a command name is letters, digits and '-', starting with a letter")
        if isinstance(self.factory, str):
            if not _TARGET.match(self.factory):
                raise ValueError(f"contribution {self.name!r}: factory {self.factory!r} is not 'module:attr'")
        elif not callable(self.factory):
            raise ValueError(f"contribution {self.name!r}: factory is neither 'module:attr' nor callable")
        object.__setattr__(self, "needs", tuple(self.needs))
        if self.isolation not in ISOLATIONS:
            raise ValueError(f"contribution {self.name!r}: isolation {self.isolation!r} is not one of {ISOLATIONS}")
        if self.isolation == "process" and self.kind not in ISOLATABLE_KINDS:
            raise ValueError(f"contribution {self.name!r}: a {self.kind} runs in the host process; "
                             f"process isolation is for {', '.join(ISOLATABLE_KINDS)}")
        if self.timeout_s is not None and not self.timeout_s > 0:
            raise ValueError(f"contribution {self.name!r}: timeout_s must be positive")
        if self.memory_mb is not None and int(self.memory_mb) < 128:
            raise ValueError(f"contribution {self.name!r}: memory_mb below 128 cannot even start Python")

    @property
    def lazy(self) -> bool:
        """True when the implementation is named by a ``"module:attr"`` string (imported on first use)."""
        return isinstance(self.factory, str)

    @property
    def unknown_needs(self) -> tuple[str, ...]:
        """``needs`` entries the host does not know (ignored, and shown by ``plannerview plugins``)."""
        return tuple(n for n in self.needs if not known_need(n))

    def to_json(self) -> dict[str, Any]:
        """The contribution as ``plannerview plugins --json`` prints it."""
        doc: dict[str, Any] = {"kind": self.kind, "name": self.name, "title": self.title or self.name,
                               "description": self.description, "needs": list(self.needs),
                               "parameters": self.parameters.to_json(), "isolation": self.isolation}
        if self.isolation == "process":
            doc["timeout_s"] = self.timeout_s
            doc["memory_mb"] = self.memory_mb
        return doc


@dataclass(frozen=True)
class Manifest:
    """A plugin: ``name`` (unique among installed plugins), ``version``, the plugin API version it
    was written for, its contributions, and (API 1.1) ``settings``: the schema of its persisted
    per-plugin settings (``ctx.settings``; set in the GUI or with ``plannerview plugins --set``)."""

    name: str
    version: str
    contributions: tuple[Contribution, ...] = ()
    api_version: str = API_VERSION
    description: str = ""
    settings: ParamSchema = field(default_factory=ParamSchema)

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a plugin manifest needs a name")
        parse_api_version(self.api_version)
        object.__setattr__(self, "contributions", tuple(self.contributions))
        keys = [(c.kind, c.name) for c in self.contributions]
        if len(set(keys)) != len(keys):
            raise ValueError(f"plugin {self.name!r}: two contributions share a kind and name")

    def contribution(self, kind: str, name: str) -> Contribution:
        """The contribution of ``kind`` called ``name`` (KeyError when there is none)."""
        for c in self.contributions:
            if c.kind == kind and c.name == name:
                return c
        raise KeyError(f"plugin {self.name!r} has no {kind} named {name!r}")
