"""The two complete plugins in docs/plugins.md, installed exactly as written into a user plugin
folder and run: the dose engine through ``plannerview dose`` on the demo plan (values checked
against the CT and plan read with pydicom), the service through the host's service manager.
Also: every public class and method of the plugin API has a docstring."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pydicom
import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "plugins.md"
DEMO = REPO / "resources" / "demo"


def examples() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in
            re.finditer(r"<!-- example: (\S+) -->\n```python\n(.*?)```", text, flags=re.S)}


@pytest.fixture()
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from plannerview.plugins import reset_default_registry

    folder = tmp_path / "plugins"
    folder.mkdir()
    found = examples()
    assert set(found) == {"flat_dose.py", "journal.py"}
    for name, code in found.items():
        (folder / name).write_text(code, encoding="utf-8")
    monkeypatch.setenv("PLANNERVIEW_PLUGIN_PATH", str(folder))
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PLANNERVIEW_DATA_DIR", str(tmp_path / "data"))
    reset_default_registry()
    yield folder
    reset_default_registry()


def test_the_documented_dose_engine_runs_as_written(installed: Path, tmp_path: Path, capsys) -> None:
    from plannerview.cli.main import main

    out = tmp_path / "RD_flat.dcm"
    assert main(["dose", str(DEMO), "--plan", "Photon7F", "--engine", "flat", "--out", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    plan = pydicom.dcmread(DEMO / "RP_Photon7F.dcm")
    rx = max(float(r.TargetPrescriptionDose) for r in plan.DoseReferenceSequence if "TargetPrescriptionDose" in r)
    assert rx == 50.0 and doc["dose"]["max_gy"] == pytest.approx(rx)
    assert doc["engine"] == {"name": "flat", "plugin": "flat-dose", "version": "1.0.0",
                             "parameters": {"body_threshold_hu": -350.0}}
    slices = sorted((pydicom.dcmread(f) for f in (DEMO / "CT").glob("*.dcm")),
                    key=lambda d: float(d.ImagePositionPatient[2]))
    hu = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in slices])
    ds = pydicom.dcmread(out)
    values = ds.pixel_array * float(ds.DoseGridScaling)
    assert np.array_equal(values > 25.0, hu > -350.0)
    assert np.abs(values[hu > -350.0] - rx).max() <= float(ds.DoseGridScaling)


def test_the_documented_service_runs_as_written(installed: Path, tmp_path: Path) -> None:
    from plannerview.model import Case, DoseGrid, Grid, Provenance
    from plannerview.plugins import HostEnvironment, discover
    from plannerview.plugins.services import ServiceManager
    from plannerview.review.workspace import Workspace

    ws = Workspace(case=Case())
    manager = ServiceManager(discover(), HostEnvironment(workspace=ws))
    assert manager.start("journal").state == "running"
    dose = DoseGrid(sop_uid="1.2.3.4.5", grid=Grid((1, 1, 1), (1, 1, 1), (0, 0, 0)), dose_type="PHYSICAL",
                    units="GY", summation_type="PLAN")
    ws.add_dose(dose, Provenance("flat-dose:flat", "1.0.0"))
    status = manager.status("journal")
    assert status.message == "1 objects recorded"
    journal = tmp_path / "data" / "plugin-data" / "journal" / "journal.txt"
    assert status.details["file"] == str(journal)
    assert journal.read_text() == "DoseGrid 1.2.3.4.5 from flat-dose:flat\n"
    manager.stop("journal")
    assert manager.status("journal").state == "stopped"


def _public_defs(tree: ast.Module) -> list[tuple[str, ast.AST]]:
    out: list[tuple[str, ast.AST]] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef) and not node.name.startswith("_"):
            out.append((node.name, node))
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                        out.append((f"{node.name}.{item.name}", item))
    return out


def test_every_public_class_and_method_of_the_plugin_api_has_a_docstring() -> None:
    missing = []
    for path in sorted((REPO / "plannerview" / "plugin_api").glob("*.py")):
        for name, node in _public_defs(ast.parse(path.read_text())):
            if not ast.get_docstring(node):  # type: ignore[arg-type]
                missing.append(f"{path.name}: {name}")
    assert missing == []
