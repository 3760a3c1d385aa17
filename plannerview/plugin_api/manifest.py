"""A plugin's manifest: who it is, which API it targets and what it contributes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .contracts import KINDS
from .params import ParamSchema
from .version import API_VERSION, parse_api_version


@dataclass(frozen=True)
class Contribution:
    """One thing a plugin adds.

    ``factory`` builds the object implementing the contract of ``kind`` (a class or a function
    taking no argument). ``needs`` names the data it reads: "image:CT", "structures", "plan",
    "dose". ``parameters`` is the schema of its settings.
    """

    kind: str
    name: str
    factory: Callable[[], Any]
    title: str = ""
    description: str = ""
    parameters: ParamSchema = field(default_factory=ParamSchema)
    needs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"contribution {self.name!r}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if not self.name or not all(c.isalnum() or c in "-_." for c in self.name):
            raise ValueError(f"contribution name {self.name!r}: use letters, digits, '-', '_' or '.'")
        if not callable(self.factory):
            raise ValueError(f"contribution {self.name!r}: factory is not callable")
        object.__setattr__(self, "needs", tuple(self.needs))

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "title": self.title or self.name,
                "description": self.description, "needs": list(self.needs),
                "parameters": self.parameters.to_json()}


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    contributions: tuple[Contribution, ...] = ()
    api_version: str = API_VERSION
    description: str = ""

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a plugin manifest needs a name")
        parse_api_version(self.api_version)
        object.__setattr__(self, "contributions", tuple(self.contributions))
        keys = [(c.kind, c.name) for c in self.contributions]
        if len(set(keys)) != len(keys):
            raise ValueError(f"plugin {self.name!r}: two contributions share a kind and name")

    def contribution(self, kind: str, name: str) -> Contribution:
        for c in self.contributions:
            if c.kind == kind and c.name == name:
                return c
        raise KeyError(f"plugin {self.name!r} has no {kind} named {name!r}")
