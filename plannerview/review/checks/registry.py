"""The check registry: statuses, what a check returns, and the ``@check`` decorator.

A check is a small function ``fn(ctx, p) -> Outcome``: ``ctx`` is the
:class:`~plannerview.review.checks.context.CheckContext` (plan, dose, structures, helpers), ``p``
the check's thresholds from the configuration (``plannerview/data/checks/*.yaml``, then a site
file). Its title, citation and default thresholds live in the YAML, not in the code, so a site
can change them without touching Python. Every module of this package is imported once by
:func:`registered`, so adding a check is: a function with ``@check("my_id")`` in a module here,
and an entry ``my_id:`` in a YAML file of ``plannerview/data/checks/`` (see ``docs/checks.md``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ...model.text import QT_TRANSLATE_NOOP, Msg

if TYPE_CHECKING:
    from .context import CheckContext


class Status(StrEnum):
    PASS = "PASS"
    WARN = "WARN"
    FAIL = "FAIL"
    NOT_APPLICABLE = "NOT APPLICABLE"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Status.NOT_APPLICABLE: 0, Status.PASS: 1, Status.WARN: 2, Status.FAIL: 3}


@dataclass(frozen=True)
class Outcome:
    """A check's verdict: status, one line naming the objects and values, and those values.

    The line is a :class:`~plannerview.model.text.Msg` (marked ``QT_TRANSLATE_NOOP("CheckMessages",
    ...)``) so the workstation can show it in its language; its ``str`` is the English."""

    status: Status
    message: str
    values: dict[str, Any] = field(default_factory=dict)
    objects: tuple[str, ...] = ()  # SOP Instance UIDs (or ROI names) the verdict is about


def passed(message: str, objects: Iterable[str] = (), **values: Any) -> Outcome:
    return Outcome(Status.PASS, message, values, tuple(objects))


def warn(message: str, objects: Iterable[str] = (), **values: Any) -> Outcome:
    return Outcome(Status.WARN, message, values, tuple(objects))


def fail(message: str, objects: Iterable[str] = (), **values: Any) -> Outcome:
    return Outcome(Status.FAIL, message, values, tuple(objects))


def not_applicable(message: str, objects: Iterable[str] = (), **values: Any) -> Outcome:
    return Outcome(Status.NOT_APPLICABLE, message, values, tuple(objects))


def worst(outcomes: Iterable[Outcome], all_ok: str = "") -> Outcome:
    """Combine sub-verdicts: the most severe wins; its message first, the other problems after it.

    With every part PASS the messages are joined (or ``all_ok`` is used when given).
    """
    items = list(outcomes)
    if not items:
        return not_applicable(all_ok or Msg(QT_TRANSLATE_NOOP("CheckMessages", "nothing to check")))
    top = max(items, key=lambda o: o.status.rank)
    values: dict[str, Any] = {}
    objects: list[str] = []
    for o in items:
        values.update(o.values)
        objects += [u for u in o.objects if u not in objects]
    if top.status in (Status.PASS, Status.NOT_APPLICABLE):
        msg = all_ok or Msg.joined(o.message for o in items if o.status == top.status)
    else:
        bad = [o.message for o in sorted(items, key=lambda o: -o.status.rank) if o.status.rank >= Status.WARN.rank]
        msg = Msg.joined(bad)
    return Outcome(top.status, msg, values, tuple(objects))


CheckFn = Callable[["CheckContext", Mapping[str, Any]], Outcome]


@dataclass(frozen=True)
class CheckDef:
    id: str
    fn: CheckFn
    module: str


_REGISTRY: dict[str, CheckDef] = {}
_LOADED = False


def check(check_id: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check ``check_id`` (its YAML entry gives title, citation, thresholds)."""

    def deco(fn: CheckFn) -> CheckFn:
        if check_id in _REGISTRY and _REGISTRY[check_id].fn is not fn:
            raise ValueError(f"plan check {check_id!r} is registered twice "
                             f"({_REGISTRY[check_id].module} and {fn.__module__})")
        _REGISTRY[check_id] = CheckDef(check_id, fn, fn.__module__)
        return fn

    return deco


def registered() -> dict[str, CheckDef]:
    """Every registered check by id (imports each module of this package the first time)."""
    global _LOADED
    if not _LOADED:
        from . import __path__ as pkg_path

        skip = {"registry", "config", "context", "runner", "geometry_util"}
        for mod in sorted(pkgutil.iter_modules(pkg_path), key=lambda m: m.name):
            if mod.name not in skip and not mod.name.startswith("_"):
                importlib.import_module(f"{__package__}.{mod.name}")
        _LOADED = True
    return dict(_REGISTRY)
