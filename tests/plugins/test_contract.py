"""The contract test, run against every installed plugin (entry points), plus the import rule for
first-party plugins: they use only the public API and the model."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

from plannerview.model import Case
from plannerview.plugin_api import is_compatible
from plannerview.plugin_api.contracts import PROTOCOLS, ContourResult
from plannerview.plugins import ACTIVE, discover, run_contour_engine

from .phantom import ct, grid, thorax_phantom

REPO = Path(__file__).resolve().parents[2]
INSTALLED = discover(folders=[])
FIRST_PARTY = {p.name for p in (REPO / "plugins").iterdir() if (p / "pyproject.toml").is_file()}
ALLOWED_PLANNERVIEW = ("plannerview.plugin_api", "plannerview.model", "plannerview.tasks")


def test_first_party_plugins_are_installed() -> None:
    firsts = [p.name for p in (REPO / "plugins").iterdir() if (p / "pyproject.toml").is_file()]
    assert firsts, "no first-party plugin folder"
    names = {r.name for r in INSTALLED.records}
    for name in firsts:
        assert name in names, f"plugin {name} is not installed (run scripts/setup.sh)"


@pytest.mark.parametrize("record", INSTALLED.records, ids=lambda r: r.name)
def test_installed_plugin_honours_the_contract(record) -> None:
    assert record.status == ACTIVE, record.error
    m = record.manifest
    assert m is not None and m.name and m.version and m.contributions
    assert is_compatible(m.api_version)
    json.dumps(record.to_json())  # what `plannerview plugins --json` prints
    for c in m.contributions:
        obj = INSTALLED.instance(record, c)
        assert isinstance(obj, PROTOCOLS[c.kind])
        assert record.state(c).status == ACTIVE, record.state(c).error
        assert c.unknown_needs == (), f"{m.name}:{c.name}: needs the host does not check: {c.unknown_needs}"
        c.parameters.resolve({})  # every default is valid
        m.settings.resolve({})
        for p in c.parameters:
            assert p.description, f"{m.name}:{c.name}: parameter {p.name} lacks a description"


@pytest.mark.parametrize("record", [r for r in INSTALLED.records if r.name in FIRST_PARTY], ids=lambda r: r.name)
def test_first_party_contributions_are_imported_lazily(record) -> None:
    """A first-party manifest names its implementations as 'module:attr' (listing imports no engine)."""
    assert record.manifest is not None
    assert all(c.lazy for c in record.manifest.contributions)


CONTOUR_ENGINES = INSTALLED.contributions("contour_engine")


@pytest.mark.parametrize("pair", CONTOUR_ENGINES, ids=lambda rc: f"{rc[0].name}:{rc[1].name}")
def test_contour_engine_returns_named_masks_on_the_image_grid(pair) -> None:
    record, contrib = pair
    g = grid((12, 64, 64), (3.0, 2.0, 2.0), (-63.0, -63.0, -16.5))
    img = ct(thorax_phantom(g), g)
    run = run_contour_engine(INSTALLED, f"{record.name}:{contrib.name}", Case(images=(img,)), img)
    assert run.rois
    for r in run.rois:
        assert isinstance(r.result, ContourResult) and r.result.name
        assert r.result.mask.shape == g.shape_zyx and r.result.mask.dtype == bool
        assert r.provenance.engine == f"{record.name}:{contrib.name}" and r.provenance.version == record.version


def _imports(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append(node.module)
    return out


# Worker scripts a plugin runs with another interpreter (its engine's own environment): they never
# import plannerview, only what that environment has.
EXTERNAL_WORKERS = {
    "plugins/plannerview-dose/plannerview_dose/pyradplan_worker.py": {"numpy", "SimpleITK", "pyRadPlan"},
}


def test_first_party_plugins_import_only_the_public_api() -> None:
    stdlib = set(sys.stdlib_module_names)
    third_party = {"numpy", "scipy", "SimpleITK",
                   # plannerview-consult's own dependencies
                   "pydicom", "dicognito", "dicomweb_client", "highdicom", "requests", "platformdirs",
                   "PySide6"}  # widgets (imported only when the GUI asks for them)
    offenders = []
    for f in (REPO / "plugins").rglob("*.py"):
        if ".venv" in f.parts or "build" in f.parts:
            continue
        rel = str(f.relative_to(REPO))
        if rel in EXTERNAL_WORKERS:
            allowed = EXTERNAL_WORKERS[rel]
            offenders += [f"{rel}: {n}" for n in _imports(f) if n.split(".")[0] not in stdlib | allowed]
            continue
        for name in _imports(f):
            top = name.split(".")[0]
            if top == "plannerview":
                if not name.startswith(ALLOWED_PLANNERVIEW):
                    offenders.append(f"{f.relative_to(REPO)}: {name}")
            elif top not in stdlib and top not in third_party and not top.startswith("plannerview_"):
                offenders.append(f"{f.relative_to(REPO)}: {name}")
    assert offenders == []
