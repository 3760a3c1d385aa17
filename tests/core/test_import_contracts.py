"""The import-linter configuration (pyproject.toml) covers every first-party plugin package.

``lint-imports`` itself runs in scripts/test.sh beside ruff and mypy; this test makes sure a new
plugin under ``plugins/`` cannot escape the plugin contract by not being listed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _config() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]


def _plugin_packages() -> set[str]:
    return {init.parent.name for init in REPO.glob("plugins/*/*/__init__.py")}


def test_every_first_party_plugin_is_linted_by_the_plugin_contract() -> None:
    cfg = _config()
    plugins = _plugin_packages()
    assert "plannerview_contouring" in plugins  # the glob finds the plugins that exist
    contract = next(c for c in cfg["contracts"] if c["id"] == "plugins-public-api-only")
    assert plugins <= set(cfg["root_packages"]), "add the new plugin package to [tool.importlinter] root_packages"
    assert plugins <= set(contract["source_modules"]), "add the new plugin package to the plugin contract"


def test_core_contract_names_every_core_package() -> None:
    contract = next(c for c in _config()["contracts"] if c["id"] == "core-gui-free")
    core = {"model", "io", "compute", "review", "render", "plugin_api", "tasks", "resources", "version"}
    assert {f"plannerview.{m}" for m in core} <= set(contract["source_modules"])
    assert {"PySide6", "shiboken6", "vtk", "vtkmodules", "pyqtgraph"} <= set(contract["forbidden_modules"])
