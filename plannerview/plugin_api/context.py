"""The context a plugin's code runs in (given by the host; plugins never build one themselves).

API 1.0: ``case`` (read-only), ``progress`` / ``cancelled`` / ``check_cancel``, ``settings``,
``logger``, and proposals (``add_roi``, ``add_dose``, ``add_annotation``) the host turns into new
objects with provenance. API 1.1 adds ``workspace`` (read-only view of the review workspace),
``subscribe`` (typed workspace events), ``submit`` (background work), ``storage_dir`` (a folder of
the plugin's own), persisted per-plugin ``settings``, ``user`` (who is working), ``task`` (the
:class:`~plannerview.tasks.TaskContext` of the call), ``services`` (start or stop a service), and
for sync plugins ``deliver_annotation`` (a revision made elsewhere, applied now) and
``case_shared`` (keep a shared case out of the recent-cases list).

Nothing here protects the host from the plugin: plugins are ordinary Python running with the
user's rights. "Read-only" means the objects are immutable and the arrays not writeable, so a
plugin cannot change the case by accident.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol, TypeVar

import numpy as np

from ..model import Case, DoseGrid
from ..model.annotation import Annotation
from ..model.events import WorkspaceEvent
from ..model.provenance import current_user
from ..tasks import Cancelled, TaskContext
from .contracts import ContourResult, DoseResult, ServiceStatus
from .workspace import WorkspaceView

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]
Submitter = Callable[[Callable[[], Any], str], "Future[Any]"]
E = TypeVar("E", bound=WorkspaceEvent)


class ServiceControl(Protocol):
    """Start, stop and query services by ``plugin:name`` or ``name`` (``ctx.services``)."""

    def start(self, name: str) -> ServiceStatus:
        """Start a service (no-op when running) and return its status."""
        ...

    def stop(self, name: str) -> None:
        """Stop a service (no-op when stopped)."""
        ...

    def status(self, name: str) -> ServiceStatus:
        """A service's current status."""
        ...


class ContextUnavailable(AttributeError, RuntimeError):
    """A context feature the host did not provide here (e.g. ``storage_dir`` in a context made
    outside the host); an AttributeError, so ``getattr(ctx, "storage_dir", None)`` works."""


@dataclass
class Proposals:
    """What a plugin run proposed, in order (the host validates each before adopting it)."""

    rois: list[ContourResult] = field(default_factory=list)
    doses: list[DoseGrid | DoseResult] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)


def _thread_submit(fn: Callable[[], Any], name: str) -> Future[Any]:
    """Run ``fn`` on a daemon thread (the CLI's background submission)."""
    fut: Future[Any] = Future()

    def work() -> None:
        if not fut.set_running_or_notify_cancel():
            return
        try:
            fut.set_result(fn())
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the future
            fut.set_exception(exc)

    threading.Thread(target=work, name=name, daemon=True).start()
    return fut


class PluginContext:
    """Given to every plugin call by the host; plugins never build one themselves."""

    def __init__(self, plugin: str, case: Case | None = None, settings: Mapping[str, Any] | None = None,
                 progress: Progress | None = None, cancel: Cancel | None = None,
                 logger: logging.Logger | None = None, *, contribution: str = "",
                 workspace: WorkspaceView | None = None, task: TaskContext | None = None,
                 storage_dir: str | Path | None = None, user: str | None = None,
                 submit: Submitter | None = None, services: ServiceControl | None = None,
                 on_callback_error: Callable[[BaseException], None] | None = None,
                 annotation_sink: Callable[[Annotation], Any] | None = None,
                 on_case_shared: Callable[[tuple[str, ...], str], None] | None = None) -> None:
        self.plugin = plugin
        self.contribution = contribution
        self._case = case
        self._workspace = workspace
        self._settings: Mapping[str, Any] = MappingProxyType(dict(settings or {}))
        self.logger = logger or logging.getLogger(f"plannerview.plugins.{plugin}")
        self._task = task if task is not None else TaskContext(progress, cancel, self.logger)
        self._storage_dir = Path(storage_dir) if storage_dir is not None else None
        self._user = user
        self._submit = submit or _thread_submit
        self._services = services
        self._on_callback_error = on_callback_error
        self._annotation_sink = annotation_sink
        self._on_case_shared = on_case_shared
        self._unsubscribers: list[Callable[[], None]] = []
        self.proposals = Proposals()

    # --- reading ---------------------------------------------------------------------------------
    @property
    def case(self) -> Case:
        """The case, read-only (model objects are immutable; arrays are not writeable)."""
        if self._workspace is not None:
            return self._workspace.case
        return self._case if self._case is not None else Case()

    @property
    def workspace(self) -> WorkspaceView | None:
        """The review workspace, read-only (API 1.1): the case, derived doses and structure sets,
        annotations, provenance, cached DVHs. None only in a context made outside the host."""
        return self._workspace

    @property
    def settings(self) -> Mapping[str, Any]:
        """This plugin's persisted settings (read-only): the manifest's ``settings`` defaults
        overlaid with what the user set in the GUI or with ``plannerview plugins --set``."""
        return self._settings

    @property
    def user(self) -> str:
        """Who is working (``$PLANNERVIEW_USER``, the configured reviewer name, else the OS login)."""
        return self._user or current_user()

    @property
    def storage_dir(self) -> Path:
        """A folder for this plugin's own files (caches, keys, downloaded models); created on use."""
        if self._storage_dir is None:
            raise ContextUnavailable(f"plugin {self.plugin}: this context has no storage folder (made outside the host)")
        self._storage_dir.mkdir(parents=True, exist_ok=True)
        return self._storage_dir

    @property
    def task(self) -> TaskContext:
        """Progress, cancel and logger of this call as a :class:`~plannerview.tasks.TaskContext`
        (pass it, or ``task.sub(lo, hi)``, to core functions that take one)."""
        return self._task

    @property
    def services(self) -> ServiceControl:
        """Start, stop or query services (e.g. a command that runs a server in the foreground)."""
        if self._services is None:
            raise ContextUnavailable(f"plugin {self.plugin}: services cannot be controlled from here")
        return self._services

    # --- progress and cancel ---------------------------------------------------------------------
    def progress(self, fraction: float, message: str = "") -> None:
        """Report ``fraction`` (0..1, clipped) of the work done, with a short message."""
        self._task.progress(fraction, message)

    def cancelled(self) -> bool:
        """True once the user asked to stop."""
        return self._task.cancelled()

    def check_cancel(self) -> None:
        """Raise :class:`Cancelled` when the user asked to stop (call it between steps)."""
        if self.cancelled():
            raise Cancelled(f"{self.plugin}: cancelled")

    # --- events and background work (API 1.1) -------------------------------------------------------
    def subscribe(self, event_type: type[E], callback: Callable[[E], Any]) -> Callable[[], None]:
        """Call ``callback(event)`` for every workspace event of ``event_type`` (a class from
        :mod:`plannerview.model.events`); returns an unsubscribe function. Subscriptions end with
        the context: a service's when it stops, a call's when the call returns. An exception in
        the callback is logged and counted as a fault of this contribution."""
        if self._workspace is None:
            raise ContextUnavailable(f"plugin {self.plugin}: no workspace to subscribe to here")

        def guarded(event: E) -> None:
            try:
                callback(event)
            except Exception as exc:  # noqa: BLE001 - a plugin's callback never breaks the emitter
                self.logger.exception("event callback of %s failed", self.plugin)
                if self._on_callback_error is not None:
                    self._on_callback_error(exc)

        unsubscribe = self._workspace.subscribe(event_type, guarded)
        self._unsubscribers.append(unsubscribe)
        return unsubscribe

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn(*args, **kwargs)`` in the background (the workstation's job runner, or a thread
        on the command line); returns a ``concurrent.futures.Future``."""
        name = f"{self.plugin}:{getattr(fn, '__name__', 'job')}"
        return self._submit(lambda: fn(*args, **kwargs), name)

    def close(self) -> None:
        """End every subscription made through this context (the host calls it)."""
        for unsubscribe in self._unsubscribers:
            try:
                unsubscribe()
            except Exception:  # noqa: BLE001
                self.logger.exception("unsubscribe failed")
        self._unsubscribers.clear()

    # --- sync plugins (API 1.1) -------------------------------------------------------------------
    def deliver_annotation(self, revision: Annotation) -> None:
        """Put an annotation revision made elsewhere (another workstation, through a sync service)
        into the workspace now, with its own UIDs. A revision already there changes nothing. For
        sync plugins; other plugins propose new notes with :meth:`add_annotation`."""
        if not isinstance(revision, Annotation):
            raise TypeError(f"deliver_annotation expects an Annotation, got {type(revision).__name__}")
        if self._annotation_sink is None:
            raise ContextUnavailable(f"plugin {self.plugin}: no workspace to deliver annotations to here")
        self._annotation_sink(revision)

    def case_shared(self, paths: tuple[str, ...] | list[str], destination: str = "") -> None:
        """Tell the host a case (its input paths) was shared outside this machine (e.g. to a
        consult hub at ``destination``): the workstation keeps those paths out of its recent-cases
        list, now and after a restart."""
        if self._on_case_shared is None:
            raise ContextUnavailable(f"plugin {self.plugin}: the host does not track shared cases here")
        self._on_case_shared(tuple(str(p) for p in paths), str(destination))

    # --- proposing results ---------------------------------------------------------------------
    def add_roi(self, result: ContourResult) -> None:
        """Propose a new structure (it becomes a new ROI; it never replaces one)."""
        if not isinstance(result, ContourResult):
            raise TypeError(f"add_roi expects a ContourResult, got {type(result).__name__}")
        self.proposals.rois.append(result)

    def add_dose(self, dose: DoseResult | DoseGrid) -> None:
        """Propose a new dose (a :class:`DoseResult`; a ``DoseGrid`` from API 1.0 plugins)."""
        if not isinstance(dose, DoseResult | DoseGrid):
            raise TypeError(f"add_dose expects a DoseResult, got {type(dose).__name__}")
        self.proposals.doses.append(dose)

    def add_annotation(self, text: str | Annotation, position_mm: tuple[float, float, float] | None = None,
                       object_uid: str = "") -> None:
        """Propose a note: an :class:`~plannerview.model.Annotation`, or (API 1.0) its text with an
        optional patient position (mm) and the UID of the object it is about."""
        if isinstance(text, Annotation):
            self.proposals.annotations.append(text)
            return
        points: tuple[tuple[float, float, float], ...] = ()
        if position_mm is not None:
            p = np.asarray(position_mm, dtype=float).ravel()[:3]
            points = ((float(p[0]), float(p[1]), float(p[2])),)
        frame = ""
        if points and self.case.images:
            frame = self.case.images[0].frame_of_reference_uid
        self.proposals.annotations.append(Annotation(
            text=str(text), kind="point" if points else "comment", points_mm=points,
            frame_of_reference_uid=frame, target="location" if points else "case",
            referenced_uids=(object_uid,) if object_uid else (), author=self.user))
