"""Finding, checking and running plugins, with isolation: a broken plugin is reported and disabled.

Plugins come from the entry-point group ``plannerview.plugins`` (installed packages, such as the
first-party ones in ``plugins/``) and from the user plugin folders: ``PLANNERVIEW_PLUGIN_PATH``
(folders separated by ``os.pathsep``) or, when unset, ``<platformdirs user data dir>/plugins``.
Each ``*.py`` file or package folder there is imported and must expose ``manifest``.

A plugin that fails to import, declares an incompatible API version, has an invalid manifest or
raises while it runs is recorded with its error and status (``failed`` or ``disabled``); the
others and the application keep working. ``PLANNERVIEW_DISABLE_PLUGINS`` (comma-separated
names) disables plugins by name.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from .model import ROI, Case, ImageVolume, Provenance, StructureSet
from .model.structures import (
    unique_roi_name as unique_roi_name,  # re-exported: CLI and plugins name ROIs with it
)
from .plugin_api import API_VERSION, is_compatible
from .plugin_api.context import Annotation, Cancelled, PluginContext
from .plugin_api.contracts import (
    CONTOUR_ENGINE,
    DOSE_ENGINE,
    PROTOCOLS,
    ContourRequest,
    ContourResult,
    DoseRequest,
)
from .plugin_api.manifest import Contribution, Manifest

ENTRY_POINT_GROUP = "plannerview.plugins"
ENV_PATH = "PLANNERVIEW_PLUGIN_PATH"
ENV_DISABLE = "PLANNERVIEW_DISABLE_PLUGINS"
ACTIVE, DISABLED, FAILED = "active", "disabled", "failed"
log = logging.getLogger("plannerview.plugins")


class PluginError(RuntimeError):
    """A plugin could not be found or raised while running; the message names it."""


@dataclass
class PluginRecord:
    """What the host knows about one plugin (the session may change its status)."""

    name: str
    source: str
    status: str = ACTIVE
    error: str = ""
    manifest: Manifest | None = None
    instances: dict[tuple[str, str], Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.manifest.version if self.manifest else ""

    @property
    def api_version(self) -> str:
        return self.manifest.api_version if self.manifest else ""

    def disable(self, status: str, error: str) -> None:
        self.status, self.error = status, error
        self.instances.clear()

    def to_json(self) -> dict[str, Any]:
        contributions = []
        if self.manifest is not None:
            for c in self.manifest.contributions:
                contributions.append({"kind": c.kind, "name": c.name, "title": c.title or c.name,
                                      "description": c.description, "needs": list(c.needs),
                                      "parameters": c.parameters.to_json()})
        return {"name": self.name, "version": self.version, "api_version": self.api_version,
                "status": self.status, "error": self.error or None, "source": self.source,
                "contributions": contributions}


def user_plugin_dirs() -> list[Path]:
    """The user plugin folders: ``$PLANNERVIEW_PLUGIN_PATH`` or the platform's user data dir."""
    env = os.environ.get(ENV_PATH)
    if env is not None:
        return [Path(p) for p in env.split(os.pathsep) if p]
    from platformdirs import user_data_dir

    return [Path(user_data_dir("plannerview")) / "plugins"]


@dataclass
class PluginRegistry:
    records: list[PluginRecord] = field(default_factory=list)

    def active(self) -> list[PluginRecord]:
        return [r for r in self.records if r.status == ACTIVE]

    def get(self, name: str) -> PluginRecord:
        for r in self.records:
            if r.name == name:
                return r
        raise PluginError(f"no plugin named {name!r}; installed: {', '.join(r.name for r in self.records) or 'none'}")

    def contributions(self, kind: str) -> list[tuple[PluginRecord, Contribution]]:
        out = []
        for r in self.active():
            assert r.manifest is not None
            out += [(r, c) for c in r.manifest.contributions if c.kind == kind]
        return out

    def find(self, kind: str, name: str) -> tuple[PluginRecord, Contribution]:
        """A contribution by ``name`` or ``plugin:name``; unknown or ambiguous names raise PluginError."""
        plugin, _, short = name.rpartition(":")
        pool = self.contributions(kind)
        matches = [(r, c) for r, c in pool if c.name == short and (not plugin or r.name == plugin)]
        if len(matches) == 1:
            return matches[0]
        listing = ", ".join(f"{r.name}:{c.name}" for r, c in pool) or "none"
        if not matches:
            broken = [r for r in self.records if r.status != ACTIVE]
            extra = "".join(f"\n  plugin {r.name} is {r.status}: {r.error}" for r in broken)
            raise PluginError(f"no active {kind} named {name!r}; available: {listing}{extra}")
        raise PluginError(f"{name!r} is ambiguous; use plugin:name, one of {listing}")

    def instance(self, record: PluginRecord, contribution: Contribution) -> Any:
        """The contribution's object (built once); a factory that raises disables the plugin."""
        key = (contribution.kind, contribution.name)
        if key not in record.instances:
            try:
                obj = contribution.factory()
            except Exception as exc:
                record.disable(FAILED, f"{contribution.kind} {contribution.name!r} could not be created: "
                                       f"{type(exc).__name__}: {exc}")
                raise PluginError(f"plugin {record.name}: {record.error}") from exc
            proto = PROTOCOLS[contribution.kind]
            if not isinstance(obj, proto):
                record.disable(FAILED, f"{contribution.kind} {contribution.name!r} does not implement "
                                       f"{proto.__name__}")
                raise PluginError(f"plugin {record.name}: {record.error}")
            record.instances[key] = obj
        return record.instances[key]


# --- discovery ---------------------------------------------------------------------------------
def discover(entry_points_group: str | None = ENTRY_POINT_GROUP, folders: Iterable[Path] | None = None,
             check: bool = True) -> PluginRegistry:
    """Find every plugin; never raises for a broken one (it is recorded as failed or disabled).

    With ``check``, each contribution is built once and checked against its contract, so
    ``plannerview plugins`` shows a plugin that would fail before it is used.
    """
    reg = PluginRegistry()
    if entry_points_group:
        for ep in sorted(entry_points(group=entry_points_group), key=lambda e: e.name):
            src = f"entry point {ep.name} = {ep.value}"
            try:
                obj = ep.load()
            except Exception as exc:
                reg.records.append(PluginRecord(ep.name, src, FAILED, _import_error(exc)))
                continue
            reg.records.append(_record_from(obj, ep.name, src))
    for folder in (user_plugin_dirs() if folders is None else list(folders)):
        for path in sorted(Path(folder).glob("*")) if Path(folder).is_dir() else []:
            if path.name.startswith(("_", ".")):
                continue
            if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").is_file()):
                reg.records.append(_load_file_plugin(path))
    _finish(reg, check)
    return reg


def _finish(reg: PluginRegistry, check: bool) -> None:
    disabled_names = {n.strip() for n in os.environ.get(ENV_DISABLE, "").split(",") if n.strip()}
    seen: set[str] = set()
    for r in reg.records:
        if r.status != ACTIVE:
            continue
        if r.name in seen:
            r.disable(FAILED, "another plugin with this name was found first")
            continue
        seen.add(r.name)
        assert r.manifest is not None
        if not is_compatible(r.manifest.api_version):
            r.disable(DISABLED, f"written for plugin API {r.manifest.api_version}; this plannerview provides "
                                f"{API_VERSION}")
        elif r.name in disabled_names:
            r.disable(DISABLED, f"disabled by {ENV_DISABLE}")
        elif check:
            for c in r.manifest.contributions:
                try:
                    reg.instance(r, c)
                except PluginError:
                    break
    for r in reg.records:
        if r.status != ACTIVE:
            log.warning("plugin %s is %s: %s", r.name, r.status, r.error)


def _record_from(obj: Any, fallback_name: str, source: str) -> PluginRecord:
    try:
        if isinstance(obj, ModuleType):
            if not hasattr(obj, "manifest"):
                raise TypeError("module has no 'manifest'")
            obj = obj.manifest
        if callable(obj) and not isinstance(obj, Manifest):
            obj = obj()
        if not isinstance(obj, Manifest):
            raise TypeError(f"'manifest' is a {type(obj).__name__}, not a plannerview.plugin_api.Manifest")
    except Exception as exc:
        return PluginRecord(fallback_name, source, FAILED, f"invalid manifest: {type(exc).__name__}: {exc}")
    return PluginRecord(obj.name, source, ACTIVE, "", obj)


def _load_file_plugin(path: Path) -> PluginRecord:
    name = path.stem if path.suffix == ".py" else path.name
    mod_name = f"plannerview_user_plugins.{name}"
    init = path if path.suffix == ".py" else path / "__init__.py"
    try:
        spec = importlib.util.spec_from_file_location(
            mod_name, init, submodule_search_locations=[str(path)] if path.is_dir() else None)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot import {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[mod_name] = module
        spec.loader.exec_module(module)
    except BaseException as exc:  # SystemExit in a plugin must not end the application either
        sys.modules.pop(mod_name, None)
        if isinstance(exc, KeyboardInterrupt):
            raise
        return PluginRecord(name, str(path), FAILED, _import_error(exc))
    return _record_from(module, name, str(path))


def _import_error(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(tb[-1].filename).name}:{tb[-1].lineno})" if tb else ""
    return f"import failed: {type(exc).__name__}: {exc}{where}"


# --- running -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class NewROI:
    """A proposed structure with the provenance the host recorded for it."""

    result: ContourResult
    provenance: Provenance


@dataclass(frozen=True)
class ContourRun:
    rois: tuple[NewROI, ...]
    annotations: tuple[Annotation, ...]
    seconds: float


def run_contour_engine(registry: PluginRegistry, engine: str, case: Case, image: ImageVolume,
                       structure_set: StructureSet | None = None,
                       parameters: Mapping[str, Any] | None = None, roi_names: Iterable[str] = (),
                       settings: Mapping[str, Any] | None = None,
                       progress: Callable[[float, str], None] | None = None,
                       cancel: Callable[[], bool] | None = None) -> ContourRun:
    """Run a contour engine in isolation; its errors become PluginError naming the plugin.

    Parameters are validated against the contribution's schema (``ParamError`` for bad input).
    """
    record, contrib = registry.find(CONTOUR_ENGINE, engine)
    params = contrib.parameters.resolve(parameters)
    obj = registry.instance(record, contrib)
    ctx = PluginContext(record.name, case, settings, progress, cancel)
    request = ContourRequest(image=image, structure_set=structure_set, parameters=params,
                             roi_names=tuple(roi_names))
    t0 = time.perf_counter()
    returned = _guarded(record, lambda: obj.contour(request, ctx), f"contour engine {contrib.name!r}")
    results = list(returned or []) + ctx.proposals.rois
    for res in results:
        if not isinstance(res, ContourResult):
            record.disable(FAILED, f"contour engine {contrib.name!r} returned a {type(res).__name__}")
            raise PluginError(f"plugin {record.name}: {record.error}")
        shape = (res.grid or image.grid).shape_zyx
        if res.mask.shape != shape:
            raise PluginError(f"plugin {record.name}: ROI {res.name!r} mask {res.mask.shape} does not match "
                              f"the grid {shape}")
    inputs = (image.series_uid,) + ((structure_set.sop_uid,) if structure_set is not None else ())
    prov = Provenance(engine=f"{record.name}:{contrib.name}", version=record.version, parameters=dict(params),
                      inputs=inputs)
    return ContourRun(tuple(NewROI(r, prov) for r in results), tuple(ctx.proposals.annotations),
                      time.perf_counter() - t0)


def run_dose_engine(registry: PluginRegistry, engine: str, case: Case, request: DoseRequest,
                    settings: Mapping[str, Any] | None = None,
                    progress: Callable[[float, str], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> Any:
    """Run a dose engine; the returned DoseGrid gets a new UID and the host's provenance."""
    from .model import DoseGrid

    record, contrib = registry.find(DOSE_ENGINE, engine)
    params = contrib.parameters.resolve(request.parameters)
    obj = registry.instance(record, contrib)
    ctx = PluginContext(record.name, case, settings, progress, cancel)
    req = replace(request, parameters=params)
    dose = _guarded(record, lambda: obj.calculate(req, ctx), f"dose engine {contrib.name!r}")
    if not isinstance(dose, DoseGrid):
        record.disable(FAILED, f"dose engine {contrib.name!r} returned a {type(dose).__name__}, not a DoseGrid")
        raise PluginError(f"plugin {record.name}: {record.error}")
    from pydicom.uid import generate_uid

    prov = Provenance(engine=f"{record.name}:{contrib.name}", version=record.version, parameters=dict(params),
                      inputs=(request.plan.sop_uid, request.image.series_uid))
    return replace(dose, sop_uid=generate_uid(), provenance=prov.to_json())


def _guarded(record: PluginRecord, call: Callable[[], Any], what: str) -> Any:
    if record.status != ACTIVE:
        raise PluginError(f"plugin {record.name} is {record.status}: {record.error}")
    try:
        return call()
    except Cancelled:
        raise
    except Exception as exc:
        record.disable(FAILED, f"{what} raised {type(exc).__name__}: {exc}")
        log.exception("plugin %s failed", record.name)
        raise PluginError(f"plugin {record.name}: {record.error}") from exc


def next_roi_number(rois: Iterable[ROI]) -> int:
    return max((r.number for r in rois), default=0) + 1
