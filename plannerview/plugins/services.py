"""Services: long-lived plugin contributions started and stopped by the host.

The workstation starts every active service when it opens and stops them when it closes; a
CLI command starts the ones it needs (``ctx.services.start(name)``, or ``plannerview service``).
A service that fails to start is reported with its error (status ``failed``) and the application
keeps running. The manager implements :class:`~plannerview.plugin_api.ServiceControl`.
"""

from __future__ import annotations

import logging
import threading

from ..plugin_api import SERVICE, Contribution, PluginContext, ServiceStatus
from .errors import InputRefused, PluginError, PluginFault, PluginUnavailable
from .records import PluginRecord
from .registry import PluginRegistry, label
from .runner import HostEnvironment, invoke, make_context

log = logging.getLogger("plannerview.plugins")


class ServiceManager:
    """Starts, stops and queries the services of a registry."""

    def __init__(self, registry: PluginRegistry, env: HostEnvironment | None = None) -> None:
        self.registry = registry
        self.env = env or HostEnvironment()
        if self.env.services is None:
            self.env.services = self
        self._running: dict[str, tuple[PluginRecord, Contribution, PluginContext]] = {}
        self._errors: dict[str, str] = {}
        self._lock = threading.RLock()

    def names(self) -> list[str]:
        """``plugin:name`` of every active service contribution."""
        return [label(r, c) for r, c in self.registry.contributions(SERVICE)]

    def is_running(self, name: str) -> bool:
        """True when the service was started and not stopped."""
        return self._key(name) in self._running

    def _key(self, name: str) -> str:
        try:
            r, c = self.registry.find(SERVICE, name)
        except PluginUnavailable:
            return name
        return label(r, c)

    def start(self, name: str) -> ServiceStatus:
        """Start a service (no-op when running). Failures are reported in the returned status
        (``failed`` with the message); PluginUnavailable for an unknown or inactive name."""
        record, contrib = self.registry.find(SERVICE, name)
        key = label(record, contrib)
        with self._lock:
            if key in self._running:
                return self.status(key)
            ctx = make_context(self.registry, record, contrib, self.env)
            try:
                invoke(self.registry, SERVICE, (record, contrib), "start", env=self.env, ctx=ctx)
            except (PluginFault, InputRefused, PluginUnavailable) as exc:
                ctx.close()
                self._errors[key] = str(exc)
                log.warning("service %s did not start: %s", key, exc)
                return ServiceStatus("failed", str(exc))
            self._errors.pop(key, None)
            self._running[key] = (record, contrib, ctx)
        return self.status(key)

    def stop(self, name: str) -> None:
        """Stop a running service (no-op otherwise); its event subscriptions end."""
        key = self._key(name)
        with self._lock:
            entry = self._running.pop(key, None)
        if entry is None:
            return
        record, contrib, ctx = entry
        try:
            invoke(self.registry, SERVICE, (record, contrib), "stop", env=self.env)
        except PluginError as exc:
            self._errors[key] = str(exc)
            log.warning("service %s did not stop cleanly: %s", key, exc)
        finally:
            ctx.close()

    def status(self, name: str) -> ServiceStatus:
        """The service's own status when running, else ``stopped`` or ``failed`` with the error."""
        key = self._key(name)
        entry = self._running.get(key)
        if entry is None:
            err = self._errors.get(key)
            return ServiceStatus("failed", err) if err else ServiceStatus("stopped")
        record, contrib, _ctx = entry
        try:
            return invoke(self.registry, SERVICE, (record, contrib), "status", env=self.env).value  # type: ignore[no-any-return]
        except PluginError as exc:
            return ServiceStatus("failed", str(exc))

    def start_all(self) -> dict[str, ServiceStatus]:
        """Start every active service; returns each one's status (never raises)."""
        out = {}
        for name in self.names():
            try:
                out[name] = self.start(name)
            except PluginError as exc:
                out[name] = ServiceStatus("failed", str(exc))
        return out

    def stop_all(self) -> None:
        """Stop every running service."""
        for key in list(self._running):
            self.stop(key)
