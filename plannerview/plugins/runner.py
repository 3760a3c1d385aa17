"""One ``invoke`` path for every kind of contribution.

``invoke(registry, kind, name, method, *args)`` finds the contribution, resolves the request's
parameters against its schema, checks its ``needs``, builds its context, runs the call as plugin
code (in-process, or in a worker process for ``isolation="process"``), checks the result for its
kind, and records provenance. Outcomes:

- the checked result (:class:`Invocation`);
- :class:`InputRefused` for unmet needs, a bad parameter or the plugin's ``PluginInputError``
  (shown to the user; nothing is counted against the plugin);
- :class:`PluginFault` when the plugin raised, crashed, hung, returned a bad result or replaced a
  host function (counted against the contribution; disabled after FAULT_LIMIT faults);
- ``Cancelled`` when the user stopped it;
- :class:`PluginUnavailable` when there is no such active contribution.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..model import Case, DoseGrid, ImageVolume, Provenance
from ..model.annotation import Annotation
from ..model.provenance import current_user
from ..plugin_api import (
    COMMAND,
    CONTOUR_ENGINE,
    DOSE_ENGINE,
    EXPORTER,
    READER,
    SERVICE,
    SYNC_PROVIDER,
    WIDGET,
    Contribution,
    DoseRequest,
    ParamError,
    PluginContext,
    PluginInputError,
    Proposals,
    ServiceControl,
    WorkspaceView,
)
from ..tasks import Cancelled, TaskContext
from . import results as R
from .errors import InputRefused, PluginFault
from .guard import PluginCodeError, run_plugin_code
from .needs import unmet_needs
from .records import PluginRecord
from .registry import PluginRegistry, describe, label
from .store import effective_settings, storage_dir
from .worker import WorkerFailure

log = logging.getLogger("plannerview.plugins")


@dataclass(frozen=True)
class CallSpec:
    """How the host calls one method: with a request first, with the context last, how the raw
    result is checked, and whether stdout is routed to the log (not for a command's own output)."""

    request: bool
    takes_ctx: bool
    route_stdout: bool = True


CALLS: dict[str, dict[str, CallSpec]] = {
    CONTOUR_ENGINE: {"contour": CallSpec(True, True)},
    DOSE_ENGINE: {"calculate": CallSpec(True, True)},
    SYNC_PROVIDER: {"push": CallSpec(True, True), "pull": CallSpec(True, True)},
    READER: {"can_read": CallSpec(False, False), "read": CallSpec(False, True)},
    EXPORTER: {"export": CallSpec(True, True)},
    WIDGET: {"create_widget": CallSpec(False, True)},
    SERVICE: {"start": CallSpec(False, True), "stop": CallSpec(False, False), "status": CallSpec(False, False)},
    COMMAND: {"register": CallSpec(False, False, route_stdout=False), "run": CallSpec(False, True, route_stdout=False)},
}


@dataclass
class HostEnvironment:
    """What the host gives plugin contexts: the workspace (read-only to plugins), how background
    work is submitted (GUI: the job runner; default: a thread) and service control."""

    workspace: WorkspaceView | None = None
    submit: Callable[[Callable[[], Any], str], Future[Any]] | None = None
    services: ServiceControl | None = None

    @classmethod
    def for_case(cls, case: Case | None) -> HostEnvironment:
        """An environment around a case (the CLI's): a workspace of its own."""
        from ..review.workspace import Workspace

        return cls(workspace=Workspace(case=case))


@dataclass(frozen=True)
class Invocation:
    """A checked outcome: ``value`` (per kind: ``tuple[NewROI]`` for contour engines,
    ``tuple[DoseGrid]`` for dose engines, the checked return value otherwise), the proposed
    annotations, the resolved parameters, the provenance and the time taken."""

    record: PluginRecord
    contribution: Contribution
    value: Any
    parameters: Mapping[str, Any] = field(default_factory=dict)
    provenance: Provenance | None = None
    annotations: tuple[Annotation, ...] = ()
    seconds: float = 0.0
    provenances: tuple[Provenance, ...] = ()  # dose engines: one per dose, in order


def make_context(registry: PluginRegistry, record: PluginRecord, contribution: Contribution,
                 env: HostEnvironment | None = None, task: TaskContext | None = None) -> PluginContext:
    """The context of one call (or of a running service)."""
    env = env or HostEnvironment()
    logger = logging.getLogger(f"plannerview.plugins.{record.name}")
    what = describe(record, contribution)

    def on_callback_error(exc: BaseException) -> None:
        registry.record_fault(record, contribution, f"{what}: event callback raised {type(exc).__name__}: {exc}")

    def submit(fn: Callable[[], Any], name: str) -> Future[Any]:
        def guarded() -> Any:
            try:
                return run_plugin_code(fn, what=f"{what} background job", logger=logger)
            except PluginCodeError as exc:
                cause = exc.__cause__
                if isinstance(cause, Exception) and "replaced host function" not in exc.detail:
                    logger.warning("%s", exc)
                    raise cause from None  # an ordinary exception is the plugin's to handle via the future
                registry.record_fault(record, contribution, str(exc))  # sys.exit, KeyboardInterrupt, patching
                raise
        if env.submit is not None:
            return env.submit(guarded, name)
        from ..plugin_api.context import _thread_submit

        return _thread_submit(guarded, name)

    assert record.manifest is not None
    return PluginContext(record.name, None, effective_settings(record.manifest), logger=logger,
                         contribution=contribution.name, workspace=env.workspace,
                         task=task if task is not None else TaskContext(logger=logger),
                         storage_dir=storage_dir(record.name), user=current_user(), submit=submit,
                         services=env.services, on_callback_error=on_callback_error,
                         annotation_sink=getattr(env.workspace, "add_annotation_revision", None),
                         on_case_shared=partial(_case_shared, env.workspace))


def _case_shared(workspace: Any, paths: tuple[str, ...], destination: str) -> None:
    """Record a shared case (so no recent-cases list keeps it) and tell the workspace's subscribers."""
    from ..model.events import CaseShared
    from ..review.privacy import mark_shared

    mark_shared(paths)
    emit = getattr(workspace, "emit", None)
    if emit is not None:
        emit(CaseShared(paths, destination))


def invoke(registry: PluginRegistry, kind: str, name: str | tuple[PluginRecord, Contribution], method: str,
           *args: Any, env: HostEnvironment | None = None, task: TaskContext | None = None,
           ctx: PluginContext | None = None) -> Invocation:
    """Call ``method`` of a contribution (by ``name``/``plugin:name`` or a found pair) with ``args``
    (and its context); see the module docstring for the outcomes."""
    record, contrib = registry.find(kind, name) if isinstance(name, str) else name
    spec = CALLS[kind][method]
    what = describe(record, contrib)
    args, params = _resolve_parameters(record, contrib, spec, args)
    request = args[0] if spec.request and args else None
    unmet = unmet_needs(contrib, request)
    if unmet:
        raise InputRefused(f"{what} cannot run: {'; '.join(unmet)}")
    own_ctx = ctx is None and spec.takes_ctx
    if own_ctx:
        ctx = make_context(registry, record, contrib, env, task)
    task = ctx.task if ctx is not None else (task or TaskContext())
    t0 = time.perf_counter()
    try:
        if contrib.isolation == "process":
            raw, proposals = _call_in_worker(record, contrib, kind, method, args, ctx, task)
        else:
            obj = registry.instance(record, contrib)
            call_args = (*args, ctx) if spec.takes_ctx else args
            raw = run_plugin_code(getattr(obj, method), *call_args, what=f"{what} {method}()",
                                  logger=ctx.logger if ctx is not None else log, route_stdout=spec.route_stdout)
            proposals = ctx.proposals if ctx is not None else Proposals()
        value, provenance, provenances = _check(kind, method, raw, proposals, request, record, contrib, params, ctx)
    except PluginInputError as exc:
        raise InputRefused(f"{what}: {exc}") from None
    except Cancelled:
        raise
    except PluginCodeError as exc:
        raise PluginFault(registry.record_fault(record, contrib, f"{what} {exc.detail}")) from None
    except R.ResultRefused as exc:
        raise PluginFault(registry.record_fault(record, contrib, f"{what}: result refused: {exc}")) from None
    except WorkerFailure as exc:
        raise PluginFault(registry.record_fault(record, contrib, f"{what} {exc.detail}")) from None
    finally:
        if own_ctx and ctx is not None and kind != SERVICE:
            ctx.close()
    return Invocation(record, contrib, value, params, provenance, tuple(proposals.annotations),
                      time.perf_counter() - t0, provenances)


def _resolve_parameters(record: PluginRecord, contrib: Contribution, spec: CallSpec,
                        args: tuple[Any, ...]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    request: Any = args[0] if args else None
    if not (spec.request and dataclasses.is_dataclass(request) and not isinstance(request, type)
            and hasattr(request, "parameters")):
        return args, {}
    try:
        params = contrib.parameters.resolve(request.parameters)
    except ParamError as exc:
        raise InputRefused(f"{describe(record, contrib)}: {exc}") from None
    return (dataclasses.replace(request, parameters=params), *args[1:]), params


def _call_in_worker(record: PluginRecord, contrib: Contribution, kind: str, method: str, args: tuple[Any, ...],
                    ctx: PluginContext | None, task: TaskContext) -> tuple[Any, Proposals]:
    from .worker import call_in_process, locator_for

    info = {"takes_ctx": ctx is not None, "contribution": contrib.name}
    if ctx is not None:
        info.update(settings=dict(ctx.settings), storage_dir=str(storage_dir(record.name)), user=ctx.user)
    raw, proposals = call_in_process(locator_for(record, contrib), kind, method, args, info, task,
                                     contrib.timeout_s, contrib.memory_mb,
                                     ctx.logger if ctx is not None else log)
    if ctx is not None:  # the worker's proposals become this context's
        ctx.proposals.rois.extend(proposals.rois)
        ctx.proposals.doses.extend(proposals.doses)
        ctx.proposals.annotations.extend(proposals.annotations)
        proposals = ctx.proposals
    return raw, proposals


def _provenance(record: PluginRecord, contrib: Contribution, params: Mapping[str, Any], inputs: tuple[str, ...],
                ctx: PluginContext | None, details: Mapping[str, Any] | None = None) -> Provenance:
    return Provenance(engine=label(record, contrib), version=record.version, parameters=dict(params),
                      user=ctx.user if ctx is not None else current_user(), inputs=tuple(u for u in inputs if u),
                      details=dict(details or {}))


def _check(kind: str, method: str, raw: Any, proposals: Proposals, request: Any, record: PluginRecord,
           contrib: Contribution, params: Mapping[str, Any], ctx: PluginContext | None
           ) -> tuple[Any, Provenance | None, tuple[Provenance, ...]]:
    if kind == CONTOUR_ENGINE:
        image: ImageVolume = request.image
        checked = R.check_contours(raw, proposals.rois, image)
        ss = request.structure_set
        prov = _provenance(record, contrib, params, (image.series_uid, ss.sop_uid if ss is not None else ""), ctx)
        return R.new_rois(checked, image, prov), prov, (prov,)
    if kind == DOSE_ENGINE:
        doses, provs = _check_doses(raw, proposals, request, record, contrib, params, ctx)
        return doses, provs[0], provs
    if kind == SYNC_PROVIDER:
        value: Any = R.check_sync(raw)
    elif kind == EXPORTER:
        value = R.check_paths(raw)
    elif kind == READER and method == "can_read":
        value = R.check_bool(raw)
    elif kind == SERVICE and method == "status":
        value = R.check_status(raw)
    elif kind == COMMAND and method == "run":
        value = R.check_exit_code(raw)
    else:
        value = R.anything(raw)
    return value, None, ()


def _check_doses(raw: Any, proposals: Proposals, request: DoseRequest, record: PluginRecord,
                 contrib: Contribution, params: Mapping[str, Any], ctx: PluginContext | None
                 ) -> tuple[tuple[DoseGrid, ...], tuple[Provenance, ...]]:
    items = R._as_items(raw) + list(proposals.doses)
    if not items:
        raise R.ResultRefused("returned no dose")
    logger = ctx.logger if ctx is not None else log
    out, provs = [], []
    for item in items:
        # a DoseGrid's values come from the plugin's own loader: read them as plugin code
        arr, grid, attrs = run_plugin_code(R.dose_values, item, what=f"{describe(record, contrib)} dose loader",
                                           logger=logger)
        values = R.check_dose(arr, grid, attrs, request)
        ss = request.structure_set
        prov = _provenance(record, contrib, params, (request.plan.sop_uid, request.image.series_uid,
                                                     ss.sop_uid if ss is not None else ""), ctx, R.dose_details(attrs))
        out.append(R.dose_grid(values, grid, attrs, request, prov))
        provs.append(prov)
    return tuple(out), tuple(provs)


# --- the two engine kinds with their own helpers ------------------------------------------------
@dataclass(frozen=True)
class ContourRun:
    """New structures (checked, with host-computed volumes and provenance), annotations, time."""

    rois: tuple[R.NewROI, ...]
    annotations: tuple[Annotation, ...]
    seconds: float
    provenance: Provenance | None = None


@dataclass(frozen=True)
class DoseRun:
    """New doses (new UIDs, provenance in each), the resolved parameters, time."""

    doses: tuple[DoseGrid, ...]
    record: PluginRecord
    contribution: Contribution
    parameters: Mapping[str, Any]
    annotations: tuple[Annotation, ...]
    seconds: float
    provenances: tuple[Provenance, ...] = ()


def run_contour_engine(registry: PluginRegistry, engine: str, case: Case | None, image: ImageVolume,
                       structure_set: Any = None, parameters: Mapping[str, Any] | None = None,
                       roi_names: tuple[str, ...] | list[str] = (), settings: Any = None,
                       progress: Callable[[float, str], None] | None = None,
                       cancel: Callable[[], bool] | None = None, env: HostEnvironment | None = None,
                       task: TaskContext | None = None) -> ContourRun:
    """Run a contour engine (``name`` or ``plugin:name``) on ``image`` through :func:`invoke`."""
    from ..plugin_api import ContourRequest

    del settings  # API 1.0 argument: settings now come from the plugin's settings file
    request = ContourRequest(image=image, structure_set=structure_set, parameters=dict(parameters or {}),
                             roi_names=tuple(roi_names))
    inv = invoke(registry, CONTOUR_ENGINE, engine, "contour", request,
                 env=env or HostEnvironment.for_case(case), task=TaskContext.of(task, progress, cancel))
    return ContourRun(inv.value, inv.annotations, inv.seconds, inv.provenance)


def run_dose_engine(registry: PluginRegistry, engine: str, case: Case | None, request: DoseRequest,
                    progress: Callable[[float, str], None] | None = None,
                    cancel: Callable[[], bool] | None = None, env: HostEnvironment | None = None,
                    task: TaskContext | None = None) -> DoseRun:
    """Run a dose engine through :func:`invoke`; every dose it returns is checked and rebuilt by the
    host with new UIDs and provenance."""
    inv = invoke(registry, DOSE_ENGINE, engine, "calculate", request,
                 env=env or HostEnvironment.for_case(case), task=TaskContext.of(task, progress, cancel))
    return DoseRun(inv.value, inv.record, inv.contribution, inv.parameters, inv.annotations, inv.seconds,
                   inv.provenances)
