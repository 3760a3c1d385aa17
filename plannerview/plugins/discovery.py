"""Finding plugins: installed packages (entry points) and the user plugin folders.

Only the module holding each plugin's manifest is imported; contributions named as
``"module:attr"`` are imported when first used. Importing runs as plugin code
(:func:`~plannerview.plugins.guard.run_plugin_code`): a plugin that raises, exits or prints while
being imported is recorded as failed and the others load.

- Entry points: group ``plannerview.plugins`` (e.g. ``contouring = "plannerview_contouring:manifest"``).
- User folders: ``$PLANNERVIEW_PLUGIN_PATH`` (separated by ``os.pathsep``) or, when unset,
  ``<user data dir>/plugins``; every ``*.py`` file or package folder there, imported as
  ``plannerview_user_plugins.<name>``. A user-folder plugin may not take the name of an installed
  plugin (it would shadow it): it is refused with a message saying so.
- ``$PLANNERVIEW_DISABLE_PLUGINS`` (comma-separated names) disables plugins by name.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
import types
from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

from ..plugin_api import API_VERSION, Manifest, is_compatible
from .guard import PluginCodeError, run_plugin_code
from .records import ACTIVE, DISABLED, ENTRY_POINT, FAILED, USER_FOLDER, PluginRecord
from .registry import PluginRegistry

ENTRY_POINT_GROUP = "plannerview.plugins"
ENV_PATH = "PLANNERVIEW_PLUGIN_PATH"
ENV_DISABLE = "PLANNERVIEW_DISABLE_PLUGINS"
USER_PACKAGE = "plannerview_user_plugins"
log = logging.getLogger("plannerview.plugins")


def user_plugin_dirs() -> list[Path]:
    """The user plugin folders: ``$PLANNERVIEW_PLUGIN_PATH`` or the platform's user data dir."""
    env = os.environ.get(ENV_PATH)
    if env is not None:
        return [Path(p) for p in env.split(os.pathsep) if p]
    from .store import data_dir

    return [data_dir() / "plugins"]


def _norm(name: str) -> str:
    return name.lower().replace("-", "_")


def discover(entry_points_group: str | None = ENTRY_POINT_GROUP, folders: Iterable[Path] | None = None,
             check: bool = False) -> PluginRegistry:
    """Find every plugin; never raises for a broken one (it is recorded as failed or disabled).

    Imports only manifests. With ``check``, every contribution is also imported and built once
    and checked against its contract (``plannerview plugins --check``).
    """
    reg = PluginRegistry()
    installed: dict[str, PluginRecord] = {}
    if entry_points_group:
        for ep in sorted(entry_points(group=entry_points_group), key=lambda e: e.name):
            rec = _load_entry_point(ep)
            reg.records.append(rec)
            installed.setdefault(_norm(rec.name), rec)
            installed.setdefault(_norm(ep.name), rec)
    for folder in (user_plugin_dirs() if folders is None else [Path(f) for f in folders]):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.name.startswith(("_", ".")):
                continue
            if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").is_file()):
                reg.records.append(_load_user_plugin(path, installed))
    _finish(reg)
    if check:
        reg.check_all()
    return reg


def _load_entry_point(ep: EntryPoint) -> PluginRecord:
    dist = getattr(ep, "dist", None)
    origin = f"{ep.name} = {ep.value}" + (f" (package {dist.name} {dist.version})" if dist is not None else "")
    module_name = ep.value.split(":", 1)[0].strip()
    try:
        obj = run_plugin_code(ep.load, what=f"plugin {ep.name} ({origin})", logger=log)
    except PluginCodeError as exc:
        return PluginRecord(ep.name, origin, ENTRY_POINT, FAILED, f"import failed: {exc.detail}",
                            module_name=module_name)
    return _record_from(obj, ep.name, origin, ENTRY_POINT, module_name, "")


def load_user_module(path: Path) -> types.ModuleType:
    """Import a user-folder plugin (``x.py`` or package ``x/``) as ``plannerview_user_plugins.x``
    (also used by worker processes). Raises what the plugin's code raises."""
    if USER_PACKAGE not in sys.modules:
        pkg = types.ModuleType(USER_PACKAGE)
        pkg.__path__ = []
        sys.modules[USER_PACKAGE] = pkg
    name = path.stem if path.suffix == ".py" else path.name
    mod_name = f"{USER_PACKAGE}.{name}"
    init = path if path.suffix == ".py" else path / "__init__.py"
    cached = sys.modules.get(mod_name)
    if cached is not None and getattr(cached, "__file__", None) == str(init):
        return cached  # this very file was imported already in this process
    for name in [m for m in sys.modules if m == mod_name or m.startswith(mod_name + ".")]:
        del sys.modules[name]  # another folder's plugin of the same name: forget it
    spec = importlib.util.spec_from_file_location(
        mod_name, init, submodule_search_locations=[str(path)] if path.is_dir() else None)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(mod_name, None)
        raise
    return module


def _load_user_plugin(path: Path, installed: dict[str, PluginRecord]) -> PluginRecord:
    name = path.stem if path.suffix == ".py" else path.name
    mod_name = f"{USER_PACKAGE}.{name}"
    shadowed = installed.get(_norm(name))
    if shadowed is not None:  # refused before any of its code runs
        return PluginRecord(name, str(path), USER_FOLDER, FAILED, _shadow_message(path, shadowed),
                            module_name=mod_name, path=str(path))
    try:
        module = run_plugin_code(load_user_module, path, what=f"plugin {path}", logger=log)
    except PluginCodeError as exc:
        return PluginRecord(name, str(path), USER_FOLDER, FAILED, f"import failed: {exc.detail}", module_name=mod_name,
                            path=str(path))
    rec = _record_from(module, name, str(path), USER_FOLDER, mod_name, str(path))
    shadowed = installed.get(_norm(rec.name))
    if shadowed is not None:
        rec.disable(FAILED, _shadow_message(path, shadowed))
    return rec


def _shadow_message(path: Path, installed: PluginRecord) -> str:
    return (f"refused: the user-folder plugin {path} takes the name of the installed plugin {installed.name!r} "
            f"({installed.origin_kind} {installed.origin}); a user-folder plugin cannot shadow an installed "
            "one: rename it")


def _record_from(obj: Any, fallback_name: str, origin: str, origin_kind: str, module_name: str,
                 path: str) -> PluginRecord:
    try:
        if isinstance(obj, types.ModuleType):
            if not hasattr(obj, "manifest"):
                raise TypeError("module has no 'manifest'")
            obj = obj.manifest
        if callable(obj) and not isinstance(obj, Manifest):
            obj = run_plugin_code(obj, what="manifest factory", logger=log)
        if not isinstance(obj, Manifest):
            raise TypeError(f"'manifest' is a {type(obj).__name__}, not a plannerview.plugin_api.Manifest")
    except (TypeError, PluginCodeError) as exc:
        detail = exc.detail if isinstance(exc, PluginCodeError) else str(exc)
        return PluginRecord(fallback_name, origin, origin_kind, FAILED, f"invalid manifest: {detail}",
                            module_name=module_name, path=path)
    return PluginRecord(obj.name, origin, origin_kind, ACTIVE, "", obj, module_name=module_name, path=path)


def _finish(reg: PluginRegistry) -> None:
    disabled_names = {n.strip() for n in os.environ.get(ENV_DISABLE, "").split(",") if n.strip()}
    seen: dict[str, PluginRecord] = {}
    for r in reg.records:
        if r.status != ACTIVE:
            continue
        assert r.manifest is not None
        if r.name in seen:
            first = seen[r.name]
            r.disable(FAILED, f"another plugin named {r.name!r} was found first ({first.origin_kind} {first.origin})")
            continue
        seen[r.name] = r
        if not is_compatible(r.manifest.api_version):
            r.disable(DISABLED, f"written for plugin API {r.manifest.api_version}; this plannerview provides "
                                f"{API_VERSION}")
        elif r.name in disabled_names:
            r.disable(DISABLED, f"disabled by {ENV_DISABLE}")
    for r in reg.records:
        if r.status != ACTIVE:
            log.info("plugin %s is %s: %s", r.name, r.status, r.error)
