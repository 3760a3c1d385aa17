"""Where plugins keep things: per-plugin settings files and storage folders.

- settings: ``<config dir>/plugins/<plugin>.json`` (config dir: ``$PLANNERVIEW_CONFIG_DIR`` or the
  platformdirs user config folder), written by the GUI form, :func:`set_setting` or
  ``plannerview plugins --set PLUGIN.KEY=VALUE``; validated against the manifest's ``settings``.
- storage: ``<data dir>/plugin-data/<plugin>/`` (data dir: ``$PLANNERVIEW_DATA_DIR`` or the
  platformdirs user data folder).
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..plugin_api import Manifest, ParamError
from ..userdirs import ENV_CONFIG, ENV_DATA, config_dir, data_dir  # noqa: F401 - re-exported

log = logging.getLogger("plannerview.plugins")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "_"


def settings_path(plugin: str) -> Path:
    """The settings file of ``plugin``."""
    return config_dir() / "plugins" / f"{_safe(plugin)}.json"


def storage_dir(plugin: str) -> Path:
    """The storage folder of ``plugin`` (not created here: ``ctx.storage_dir`` creates it on use)."""
    return data_dir() / "plugin-data" / _safe(plugin)


def stored_settings(plugin: str) -> dict[str, Any]:
    """The raw values in the plugin's settings file ({} when there is none or it is unreadable)."""
    path = settings_path(plugin)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("plugin settings %s unreadable (%s); using defaults", path, exc)
        return {}
    return dict(doc) if isinstance(doc, dict) else {}


def effective_settings(manifest: Manifest) -> dict[str, Any]:
    """The manifest's settings defaults overlaid with the stored values that are still valid."""
    out = manifest.settings.defaults()
    for key, value in stored_settings(manifest.name).items():
        try:
            out[key] = manifest.settings.get(key).convert(value)
        except ParamError as exc:
            log.warning("plugin %s: stored setting ignored: %s", manifest.name, exc)
    return out


def save_settings(manifest: Manifest, values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate ``values`` against the manifest's settings schema, merge them into the settings
    file (written atomically) and return the effective settings. ParamError names a bad key or value."""
    if not len(manifest.settings) and values:
        raise ParamError(f"plugin {manifest.name} has no settings")
    converted = {k: manifest.settings.get(k).convert(v) for k, v in values.items()}
    doc = {**stored_settings(manifest.name), **converted}
    path = settings_path(manifest.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return effective_settings(manifest)
