"""Discovery, isolation of broken plugins, provenance of results, dose and sync contracts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from plannerview.model import Case, Plan, StructureSet
from plannerview.plugin_api import DoseRequest, SyncPullRequest, SyncPushRequest
from plannerview.plugins import (
    ACTIVE,
    DISABLED,
    FAILED,
    FAULT_LIMIT,
    PluginError,
    PluginFault,
    discover,
    invoke,
    run_contour_engine,
    run_dose_engine,
    unique_roi_name,
)

from .phantom import ct, grid

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def plugin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "plugins"
    shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("PLANNERVIEW_PLUGIN_PATH", str(folder))
    return folder


def test_each_broken_plugin_is_reported_by_name_and_the_rest_stay_active(plugin_dir: Path) -> None:
    reg = discover()
    status = {r.name: (r.status, r.error) for r in reg.records}
    assert status["broken_import"][0] == FAILED
    assert "ModuleNotFoundError" in status["broken_import"][1]
    assert "plannerview_module_that_does_not_exist" in status["broken_import"][1]
    assert status["future-api"][0] == DISABLED and "2.0" in status["future-api"][1]
    assert status["bad_manifest"][0] == FAILED and "not a plannerview.plugin_api.Manifest" in status["bad_manifest"][1]
    assert status["demo-engines"] == (ACTIVE, "")
    assert status["raises-at-run"] == (ACTIVE, "")  # fine until it runs
    assert status["plannerview-contouring"] == (ACTIVE, "")  # the installed first-party plugin
    # listing builds nothing: a contribution that does not implement its contract shows when checked
    nothing = reg.get("not-a-contour-engine")
    assert nothing.status == ACTIVE
    reg.check_all()
    st = next(iter(nothing.states.values()))
    assert st.status == FAILED and "does not implement ContourEngine (missing contour)" in st.error
    assert nothing.status == ACTIVE  # the plugin itself loaded; only that contribution failed


def test_disabled_plugins_offer_nothing(plugin_dir: Path) -> None:
    reg = discover()
    with pytest.raises(PluginError, match="future-api is disabled"):
        reg.find("contour_engine", "never")


def test_faults_are_counted_per_contribution_and_others_still_run(plugin_dir: Path) -> None:
    reg = discover()
    g = grid((10, 20, 20), (2.0, 2.0, 2.0), (-19.0, -19.0, -9.0))
    img = ct(np.zeros(g.shape_zyx), g)
    for n in range(1, FAULT_LIMIT + 1):
        with pytest.raises(PluginFault, match="raises-at-run:crash.*RuntimeError: segmentation model missing"):
            run_contour_engine(reg, "crash", Case(images=(img,)), img)
        st = next(iter(reg.get("raises-at-run").states.values()))
        assert st.faults == n
    assert st.status == DISABLED and "after 3 faults this session" in st.error
    assert reg.get("raises-at-run").status == ACTIVE  # the plugin is not blamed as a whole
    with pytest.raises(PluginError, match="raises-at-run:crash is disabled: after 3 faults"):
        run_contour_engine(reg, "crash", Case(images=(img,)), img)
    run = run_contour_engine(reg, "demo-engines:ball", Case(images=(img,)), img, parameters={"radius_mm": 8.0})
    (roi,) = run.rois
    zc, yc, xc = g.axis_coords_mm()
    z, y, x = np.meshgrid(zc - zc.mean(), yc - yc.mean(), xc - xc.mean(), indexing="ij")
    truth = x**2 + y**2 + z**2 <= 64.0
    assert np.array_equal(roi.result.mask, truth)
    assert roi.voxels == int(truth.sum()) and roi.mask_volume_cc == pytest.approx(truth.sum() * 8.0 / 1000.0)
    assert roi.provenance.engine == "demo-engines:ball"
    assert roi.provenance.version == "9.9.1"
    assert roi.provenance.parameters == {"radius_mm": 8.0}
    assert roi.provenance.inputs == (img.series_uid,)
    assert run.annotations[0].text == "ball centre"
    assert run.annotations[0].position_mm == pytest.approx((xc.mean(), yc.mean(), zc.mean()))


def test_dose_engine_result_gets_a_new_uid_and_provenance(plugin_dir: Path) -> None:
    reg = discover()
    g = grid((4, 5, 6))
    img = ct(np.zeros(g.shape_zyx), g)
    plan = Plan(sop_uid="1.2.3.9")
    run = run_dose_engine(reg, "uniform", Case(images=(img,), plans=(plan,)),
                          DoseRequest(plan=plan, image=img, parameters={"dose_gy": 1.8}))
    (dose,) = run.doses  # an API 1.0 engine returning a DoseGrid: checked and rebuilt by the host
    assert dose.sop_uid != "plugin-made" and dose.referenced_plan_uid == "1.2.3.9"
    assert dose.provenance["engine"] == "demo-engines:uniform"
    assert dose.provenance["parameters"] == {"dose_gy": 1.8}
    assert float(dose.dose.max()) == pytest.approx(1.8) and dose.dose.shape == g.shape_zyx


def test_sync_provider_push_and_pull_through_the_contract(plugin_dir: Path, tmp_path: Path) -> None:

    reg = discover()
    src = tmp_path / "a.dcm"
    src.write_bytes(b"DICM-ish")
    res = invoke(reg, "sync_provider", "folder", "push",
                 SyncPushRequest(destination=str(tmp_path / "remote"), files=(str(src),))).value
    assert res.ok and (tmp_path / "remote" / "a.dcm").read_bytes() == b"DICM-ish"
    back = invoke(reg, "sync_provider", "folder", "pull",
                  SyncPullRequest(source=str(tmp_path / "remote"), folder=str(tmp_path / "local"),
                                  query={"pattern": "*.dcm"})).value
    assert [Path(p).name for p in back.transferred] == ["a.dcm"]


def test_results_never_take_an_existing_name() -> None:
    assert unique_roi_name("Lung_R", ["LUNG_R", "Lung_R_1"]) == "Lung_R_2"
    assert unique_roi_name("BODY", ["Heart"]) == "BODY"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plannerview.cli.main", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300)


def test_plugins_cli_json_and_the_app_keeps_working_with_broken_plugins(plugin_dir: Path) -> None:
    env = {**os.environ, "PLANNERVIEW_PLUGIN_PATH": str(plugin_dir)}
    res = _cli("plugins", "--json", env=env)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    by_name = {p["name"]: p for p in doc["plugins"]}
    assert set(by_name["demo-engines"]) >= {"name", "version", "api_version", "status", "error", "contributions",
                                            "origin", "origin_kind"}
    assert by_name["demo-engines"]["origin_kind"] == "user folder"
    assert by_name["demo-engines"]["origin"] == str(plugin_dir / "demo_engines.py")
    assert by_name["plannerview-contouring"]["origin_kind"] == "entry point"
    assert by_name["plannerview-contouring"]["origin"].startswith("contouring = plannerview_contouring:manifest")
    assert by_name["broken_import"]["status"] == "failed" and by_name["broken_import"]["error"]
    assert by_name["future-api"]["status"] == "disabled"
    ball = next(c for c in by_name["demo-engines"]["contributions"] if c["name"] == "ball")
    assert ball["kind"] == "contour_engine"
    assert ball["parameters"]["radius_mm"]["default"] == 10.0 and ball["parameters"]["radius_mm"]["unit"] == "mm"
    kinds = {c["kind"] for c in by_name["demo-engines"]["contributions"]}
    assert kinds == {"contour_engine", "dose_engine", "sync_provider"}
    # the rest of the application is unaffected: another command still works
    res = _cli("plugins", env=env)
    assert res.returncode == 0 and "broken_import" in res.stdout and "error:" in res.stdout
    assert f"from user folder: {plugin_dir / 'demo_engines.py'}" in res.stdout
    assert "from entry point: contouring = plannerview_contouring:manifest" in res.stdout


def test_environment_can_disable_a_plugin_by_name(plugin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNERVIEW_DISABLE_PLUGINS", "demo-engines")
    reg = discover()
    assert reg.get("demo-engines").status == DISABLED


def test_structure_sets_are_not_modified_by_a_run(plugin_dir: Path) -> None:
    reg = discover()
    g = grid((6, 10, 10), (2.0, 2.0, 2.0), (-9.0, -9.0, -5.0))
    img = ct(np.zeros(g.shape_zyx), g)
    ss = StructureSet(sop_uid="1.2.3.10", label="orig", rois=())
    run_contour_engine(reg, "ball", Case(images=(img,), structure_sets=(ss,)), img, ss)
    assert ss.rois == ()
