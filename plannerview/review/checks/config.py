"""Check configuration: the bundled defaults (``plannerview/data/checks/*.yaml``) and a site file.

Bundled file format (every ``*.yaml`` in the folder is read; an id may appear in one file only)::

    checks:
      dose_grid_resolution:
        title: Dose grid resolution suits the technique
        citation: "AAPM TG-101 (Benedict et al., Med Phys 2010) ..."
        thresholds: {stereotactic_max_mm: 2.5, conventional_max_mm: 3.0}

A site file (``plannerview check --config site.yaml``) changes the defaults::

    checks:
      tg263_names: {enabled: false}
      dose_grid_resolution:
        thresholds: {conventional_max_mm: 2.5}
        citation: "Site physics protocol RT-12, section 4"
      couch_structure: {severity: WARN}   # report at most WARN for this check

Errors name the file and the key; unknown checks, unknown thresholds and wrong types are refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ...io.yaml_files import YamlFileError, read_yaml
from ...resources import checks_dir
from .registry import Status, registered

SITE_KEYS = ("enabled", "thresholds", "citation", "title", "severity")


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class CheckConfig:
    id: str
    title: str
    citation: str
    thresholds: Mapping[str, Any]
    enabled: bool = True
    severity: Status = Status.FAIL  # the most severe status the check may report
    description: str = ""


@dataclass(frozen=True)
class ChecksConfig:
    checks: dict[str, CheckConfig]
    files: tuple[str, ...] = ()
    sha256: str = ""
    changed: dict[str, list[str]] = field(default_factory=dict)  # check id -> what the site changed

    def __getitem__(self, check_id: str) -> CheckConfig:
        return self.checks[check_id]


def _read(path: Path) -> dict[str, Any]:
    try:
        data, _sha = read_yaml(path, "check configuration")
    except YamlFileError as exc:
        raise ConfigError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("checks"), dict):
        raise ConfigError(f"{path}: a check configuration is a mapping with a 'checks:' mapping of check ids")
    return data


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(default, list):
        if not isinstance(value, list):
            return False
        if default and all(isinstance(d, str) for d in default):
            return all(isinstance(v, str) for v in value)
        return len(value) == len(default) and all(_same_type(d, v) for d, v in zip(default, value, strict=True))
    if isinstance(default, str):
        return isinstance(value, str)
    return True


def _describe(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int | float):
        return "a number"
    if isinstance(default, list):
        return f"a list like {default}"
    return "a text"


def _bundled() -> tuple[dict[str, CheckConfig], list[Path]]:
    folder = checks_dir()
    files = sorted(folder.glob("*.yaml"))
    out: dict[str, CheckConfig] = {}
    origin: dict[str, Path] = {}
    for f in files:
        for cid, spec in _read(f)["checks"].items():
            if cid in out:
                raise ConfigError(f"{f}: check {cid!r} is also configured in {origin[cid]}")
            if not isinstance(spec, dict) or not spec.get("title") or not spec.get("citation"):
                raise ConfigError(f"{f}: check {cid!r} needs a title and a citation")
            thresholds = spec.get("thresholds") or {}
            if not isinstance(thresholds, dict):
                raise ConfigError(f"{f}: check {cid!r}: thresholds must be a mapping")
            out[str(cid)] = CheckConfig(str(cid), str(spec["title"]), str(spec["citation"]), dict(thresholds),
                                        bool(spec.get("enabled", True)), Status.FAIL,
                                        str(spec.get("description", "")))
            origin[str(cid)] = f
    return out, files


def load_config(site: str | Path | None = None) -> ChecksConfig:
    """The bundled configuration, with ``site``'s changes applied and validated."""
    checks, files = _bundled()
    known = registered()
    missing = sorted(set(known) - set(checks))
    if missing:
        raise ConfigError(f"{checks_dir()}: no configuration for the registered checks {', '.join(missing)}")
    orphans = sorted(set(checks) - set(known))
    if orphans:
        raise ConfigError(f"{checks_dir()}: configured checks with no function: {', '.join(orphans)}")
    used = list(files)
    changed: dict[str, list[str]] = {}
    if site is not None:
        path = Path(site)
        data = _read(path)
        used.append(path)
        for cid, spec in data["checks"].items():
            checks[str(cid)] = _apply(path, str(cid), spec, checks)
            changed[str(cid)] = sorted(spec) if isinstance(spec, dict) else []
    h = hashlib.sha256()
    for f in used:
        h.update(f.read_bytes())
    return ChecksConfig(checks, tuple(str(f) for f in used), h.hexdigest(), changed)


def _apply(path: Path, cid: str, spec: Any, checks: dict[str, CheckConfig]) -> CheckConfig:
    if cid not in checks:
        raise ConfigError(f"{path}: unknown check {cid!r}; known checks: {', '.join(sorted(checks))}")
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise ConfigError(f"{path}: check {cid!r}: expected a mapping of {', '.join(SITE_KEYS)}")
    bad = sorted(set(spec) - set(SITE_KEYS))
    if bad:
        raise ConfigError(f"{path}: check {cid!r}: unknown key(s) {', '.join(map(str, bad))}; "
                          f"allowed: {', '.join(SITE_KEYS)}")
    cfg = checks[cid]
    changes: dict[str, Any] = {}
    if "enabled" in spec:
        if not isinstance(spec["enabled"], bool):
            raise ConfigError(f"{path}: check {cid!r}: 'enabled' must be true or false, not {spec['enabled']!r}")
        changes["enabled"] = spec["enabled"]
    for key in ("citation", "title"):
        if key in spec:
            if not isinstance(spec[key], str) or not spec[key].strip():
                raise ConfigError(f"{path}: check {cid!r}: '{key}' must be a non-empty text")
            changes[key] = spec[key]
    if "severity" in spec:
        sev = str(spec["severity"]).upper()
        if sev not in ("WARN", "FAIL"):
            raise ConfigError(f"{path}: check {cid!r}: 'severity' must be WARN or FAIL, not {spec['severity']!r}")
        changes["severity"] = Status(sev)
    if "thresholds" in spec:
        new = spec["thresholds"] or {}
        if not isinstance(new, dict):
            raise ConfigError(f"{path}: check {cid!r}: 'thresholds' must be a mapping")
        merged = dict(cfg.thresholds)
        for name, value in new.items():
            if name not in cfg.thresholds:
                raise ConfigError(f"{path}: check {cid!r}: unknown threshold {name!r}; known: "
                                  f"{', '.join(sorted(cfg.thresholds)) or 'none'}")
            if not _same_type(cfg.thresholds[name], value):
                raise ConfigError(f"{path}: check {cid!r}: threshold {name!r} must be "
                                  f"{_describe(cfg.thresholds[name])}, not {value!r}")
            merged[name] = value
        changes["thresholds"] = merged
    return replace(cfg, **changes)
