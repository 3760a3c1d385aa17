"""The registry: the plugins found, their contributions, and building a contribution's object on
first use (the lazy import of ``"module:attr"``)."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..plugin_api import Contribution
from ..plugin_api.contracts import PROTOCOLS
from .errors import PluginFault, PluginUnavailable
from .guard import PluginCodeError, run_plugin_code
from .records import ACTIVE, DISABLED, FAILED, FAULT_LIMIT, PluginRecord

log = logging.getLogger("plannerview.plugins")
KIND_LABELS = {"contour_engine": "contour engine", "dose_engine": "dose engine", "sync_provider": "sync provider",
               "reader": "reader", "exporter": "exporter", "widget": "widget", "service": "service",
               "command": "command"}


def label(record: PluginRecord, contribution: Contribution) -> str:
    """``plugin:name`` of a contribution, as messages and provenance name it."""
    return f"{record.name}:{contribution.name}"


def describe(record: PluginRecord, contribution: Contribution) -> str:
    """``dose engine 'plugin:name'`` for messages."""
    return f"{KIND_LABELS.get(contribution.kind, contribution.kind)} {label(record, contribution)!r}"


def resolve_target(target: str, base_module: str) -> Callable[[], Any]:
    """Import ``"module:attr"`` (a leading ``.`` is relative to the package of ``base_module``,
    the module holding the manifest) and return the attribute, which must be callable."""
    module_part, _, attr = target.partition(":")
    package = None
    if module_part.startswith("."):
        host = sys.modules.get(base_module)
        package = base_module if getattr(host, "__path__", None) is not None else base_module.rpartition(".")[0]
    obj: Any = importlib.import_module(module_part, package=package)
    for part in attr.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise TypeError(f"{target} is a {type(obj).__name__}, not a class or function")
    return obj  # type: ignore[no-any-return]


@dataclass
class PluginRegistry:
    """Every plugin found, in discovery order (entry points first, then user folders)."""

    records: list[PluginRecord] = field(default_factory=list)

    def active(self) -> list[PluginRecord]:
        """The plugins whose manifests loaded and that are not disabled."""
        return [r for r in self.records if r.status == ACTIVE]

    def get(self, name: str) -> PluginRecord:
        """A plugin by name (PluginUnavailable listing the installed ones)."""
        for r in self.records:
            if r.name == name:
                return r
        raise PluginUnavailable(f"no plugin named {name!r}; installed: "
                                f"{', '.join(r.name for r in self.records) or 'none'}")

    def contributions(self, kind: str, all_states: bool = False) -> list[tuple[PluginRecord, Contribution]]:
        """``(plugin, contribution)`` pairs of ``kind`` in active plugins (only active
        contributions unless ``all_states``)."""
        out = []
        for r in self.active():
            for st in r.states.values():
                if st.contribution.kind == kind and (all_states or st.status == ACTIVE):
                    out.append((r, st.contribution))
        return out

    def find(self, kind: str, name: str) -> tuple[PluginRecord, Contribution]:
        """A contribution by ``name`` or ``plugin:name``; unknown, inactive or ambiguous names raise
        PluginUnavailable with the candidates and the reasons of the inactive ones."""
        plugin, _, short = name.rpartition(":")
        label_ = KIND_LABELS.get(kind, kind)
        pool = self.contributions(kind)
        matches = [(r, c) for r, c in pool if c.name == short and (not plugin or r.name == plugin)]
        if len(matches) == 1:
            return matches[0]
        listing = ", ".join(f"{r.name}:{c.name}" for r, c in pool) or "none"
        if matches:
            raise PluginUnavailable(f"{name!r} is ambiguous; use plugin:name, one of {listing}")
        reasons = []
        for r in self.records:
            if r.status != ACTIVE:
                reasons.append(f"plugin {r.name} is {r.status}: {r.error}")
                continue
            for st in r.states.values():
                c = st.contribution
                if c.kind == kind and st.status != ACTIVE and c.name == short and (not plugin or r.name == plugin):
                    reasons.append(f"{label_} {r.name}:{c.name} is {st.status}: {st.error}")
        extra = "".join(f"\n  {m}" for m in reasons)
        raise PluginUnavailable(f"no active {label_} named {name!r}; available: {listing}{extra}")

    # --- building a contribution's object ----------------------------------------------------------
    def resolve_factory(self, record: PluginRecord, contribution: Contribution) -> Callable[[], Any]:
        """The factory of a contribution; a ``"module:attr"`` string is imported here (as plugin code)."""
        factory = contribution.factory
        if not isinstance(factory, str):
            return factory
        return resolve_target(factory, record.module_name)

    def instance(self, record: PluginRecord, contribution: Contribution) -> Any:
        """The contribution's object, imported and built on first use and kept for the session.

        Code that cannot be imported, a factory that raises, or an object that does not implement
        the contract marks the contribution ``failed`` (PluginFault); the plugin's other
        contributions are unaffected.
        """
        st = record.state(contribution)
        with record.lock:
            if record.status != ACTIVE:
                raise PluginUnavailable(f"plugin {record.name} is {record.status}: {record.error}")
            if st.status != ACTIVE:
                raise PluginUnavailable(f"{describe(record, contribution)} is {st.status}: {st.error}")
            if st.instance is not None:
                return st.instance
            what = f"{describe(record, contribution)}"
            try:
                factory = run_plugin_code(self.resolve_factory, record, contribution, what=what, logger=log)
                obj = run_plugin_code(factory, what=what, logger=log)
            except PluginCodeError as exc:
                st.status, st.error = FAILED, f"could not be loaded: {exc.detail}"
                log.info("%s %s", what, st.error)
                raise PluginFault(f"plugin {record.name}: {what} {st.error}") from None
            proto = PROTOCOLS[contribution.kind]
            if not isinstance(obj, proto):
                missing = [m for m in dir(proto) if not m.startswith("_") and not hasattr(obj, m)]
                st.status = FAILED
                st.error = f"does not implement {proto.__name__} (missing {', '.join(missing) or 'methods'})"
                raise PluginFault(f"plugin {record.name}: {what} {st.error}")
            st.instance = obj
            return obj

    def check_all(self) -> None:
        """Import and build every contribution of every active plugin (failures are recorded)."""
        for r in self.active():
            for st in r.states.values():
                try:
                    self.instance(r, st.contribution)
                except (PluginFault, PluginUnavailable):
                    pass

    # --- faults -------------------------------------------------------------------------------------
    def record_fault(self, record: PluginRecord, contribution: Contribution, message: str) -> str:
        """Count a fault against the contribution (disabled at FAULT_LIMIT); returns the message
        with the count, as shown to the user."""
        st = record.state(contribution)
        with record.lock:
            st.faults += 1
            st.error = message
            text = f"{message} (fault {st.faults} of {FAULT_LIMIT} this session)"
            if st.faults >= FAULT_LIMIT and st.status == ACTIVE:
                st.status = DISABLED
                st.error = f"after {st.faults} faults this session; last: {message}"
                st.instance = None
                text = f"{message}; {describe(record, contribution)} is now disabled for this session"
        log.info("plugin %s: %s", record.name, text)
        return text

    def reset(self, record: PluginRecord, contribution: Contribution) -> None:
        """Re-enable a contribution disabled by faults (the status panel's "Enable again")."""
        st = record.state(contribution)
        with record.lock:
            if st.status == DISABLED:
                st.status, st.faults, st.error = ACTIVE, 0, ""
