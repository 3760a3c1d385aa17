"""Typed plugin parameters: defaults, ranges, units and descriptions.

The host builds its settings form and the ``--param k=v`` command-line options from a
:class:`ParamSchema`; :meth:`ParamSchema.resolve` validates and converts the values a user gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

KINDS = ("float", "int", "bool", "str", "choice")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class ParamError(ValueError):
    """A parameter value that is unknown, of the wrong type or out of range."""


@dataclass(frozen=True)
class Param:
    """One parameter. ``kind`` is float, int, bool, str or choice (then ``choices`` lists them)."""

    name: str
    kind: str
    default: Any
    description: str = ""
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"parameter {self.name!r}: kind {self.kind!r} is not one of {KINDS}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"parameter {self.name!r}: a choice needs choices")
        self.convert(self.default)  # the default itself must be valid

    def convert(self, value: Any) -> Any:
        """Convert a value (or its text, as typed on a command line) and check its range."""
        name = self.name
        try:
            if self.kind == "float":
                out: Any = float(value)
            elif self.kind == "int":
                if isinstance(value, float) and not value.is_integer():
                    raise ValueError
                out = int(str(value).strip()) if isinstance(value, str) else int(value)
            elif self.kind == "bool":
                if isinstance(value, bool):
                    out = value
                elif str(value).strip().lower() in _TRUE:
                    out = True
                elif str(value).strip().lower() in _FALSE:
                    out = False
                else:
                    raise ValueError
            else:
                out = str(value)
        except (TypeError, ValueError):
            raise ParamError(f"parameter {name!r}: {value!r} is not a valid {self.kind}") from None
        if self.kind == "choice" and out not in self.choices:
            raise ParamError(f"parameter {name!r}: {out!r} is not one of {', '.join(self.choices)}")
        if self.kind in ("float", "int"):
            if out != out:  # NaN
                raise ParamError(f"parameter {name!r}: NaN is not allowed")
            if self.minimum is not None and out < self.minimum:
                raise ParamError(f"parameter {name!r}: {out} is below the minimum {self.minimum} {self.unit}".rstrip())
            if self.maximum is not None and out > self.maximum:
                raise ParamError(f"parameter {name!r}: {out} is above the maximum {self.maximum} {self.unit}".rstrip())
        return out

    def to_json(self) -> dict[str, Any]:
        """The parameter as ``plannerview plugins --json`` prints it (type, default, range, unit ...)."""
        doc: dict[str, Any] = {"type": self.kind, "default": self.default, "description": self.description}
        if self.unit:
            doc["unit"] = self.unit
        if self.minimum is not None:
            doc["minimum"] = self.minimum
        if self.maximum is not None:
            doc["maximum"] = self.maximum
        if self.choices:
            doc["choices"] = list(self.choices)
        return doc


@dataclass(frozen=True)
class ParamSchema:
    """An ordered set of parameters."""

    params: tuple[Param, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", tuple(self.params))
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate parameter names in {names}")

    def __iter__(self) -> Iterator[Param]:
        return iter(self.params)

    def __len__(self) -> int:
        return len(self.params)

    def get(self, name: str) -> Param:
        """The parameter called ``name`` (ParamError listing the known ones)."""
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise ParamError(f"unknown parameter {name!r} (known: {known})")

    def defaults(self) -> dict[str, Any]:
        """Every parameter's default value."""
        return {p.name: p.default for p in self.params}

    def resolve(self, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overlaid with ``values``, each converted and range-checked."""
        out = self.defaults()
        for k, v in (values or {}).items():
            out[k] = self.get(k).convert(v)
        return out

    def parse_cli(self, items: Iterable[str]) -> dict[str, Any]:
        """``["k=v", ...]`` (as given to ``--param``) -> validated values with defaults filled in."""
        given: dict[str, str] = {}
        for item in items:
            if "=" not in item:
                raise ParamError(f"--param {item!r}: expected NAME=VALUE")
            k, v = item.split("=", 1)
            given[k.strip()] = v.strip()
        return self.resolve(given)

    def to_json(self) -> dict[str, Any]:
        """``{name: parameter JSON}`` in declaration order."""
        return {p.name: p.to_json() for p in self.params}
