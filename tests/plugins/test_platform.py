"""Plugin API 1.1 on the host: input errors and needs, per-kind result checks, lazy import,
surviving SystemExit / KeyboardInterrupt / prints / replaced host functions, shadowing, settings,
storage, user identity, events, background jobs, services and commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from plannerview.model import Case, DoseGrid, IonPlan, Plan, Provenance
from plannerview.plugin_api import ContourRequest, DoseRequest, PluginInputError
from plannerview.plugins import (
    ACTIVE,
    FAILED,
    HostEnvironment,
    InputRefused,
    PluginFault,
    PluginUnavailable,
    discover,
    invoke,
    run_contour_engine,
    run_dose_engine,
)
from plannerview.plugins.services import ServiceManager
from plannerview.review.workspace import Workspace

from .phantom import ct, grid, thorax_phantom

FIXTURES = Path(__file__).parent / "fixtures"
MISBEHAVING = FIXTURES / "misbehaving"
REPO = Path(__file__).resolve().parents[2]


def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *names: str) -> Path:
    """A user plugin folder holding copies of the named fixtures (files or packages)."""
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    for name in names:
        src = FIXTURES / name if (FIXTURES / name).exists() else MISBEHAVING / name
        if src.is_dir():
            shutil.copytree(src, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, folder / name)
    monkeypatch.setenv("PLANNERVIEW_PLUGIN_PATH", str(folder))
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PLANNERVIEW_DATA_DIR", str(tmp_path / "data"))
    return folder


def _cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """Run ``plannerview ARGS`` in this process (a fresh plugin registry each time)."""
    from plannerview.cli.main import main
    from plannerview.plugins import reset_default_registry

    reset_default_registry()
    capsys.readouterr()
    try:
        rc = main(list(args))
    except SystemExit as exc:  # argparse's --help and usage errors
        rc = int(exc.code or 0)
    finally:
        reset_default_registry()
    out, err = capsys.readouterr()
    return rc, out, err


def _thorax() -> tuple:
    g = grid((12, 64, 64), (3.0, 2.0, 2.0), (-63.0, -63.0, -16.5))
    return ct(thorax_phantom(g), g), g


def _mr_of(img):  # the same voxels and geometry, declared MR
    from dataclasses import replace

    return replace(img, modality="MR", units="", loader=lambda: np.asarray(img.voxels).copy())


def _plan(frame: str, ion: bool = False, metersets: tuple[float, ...] = (100.0, 150.0), fractions: int = 2):
    from plannerview.model import Beam, FractionGroup

    fg = FractionGroup(1, fractions, {i + 1: m for i, m in enumerate(metersets)})
    if ion:
        return IonPlan(sop_uid="1.2.3.77", frame_of_reference_uid=frame, label="ion", kind="proton",
                       fraction_groups=(fg,))
    beams = tuple(Beam(number=i + 1, name=f"B{i + 1}", beam_type="STATIC", radiation_type="PHOTON",
                       treatment_delivery_type="TREATMENT", energy=6.0, energy_label="6X", control_points=(),
                       meterset=m)
                  for i, m in enumerate(metersets))
    return Plan(sop_uid="1.2.3.78", frame_of_reference_uid=frame, label="photon", fraction_groups=(fg,), beams=beams)


# --- input errors and needs -----------------------------------------------------------------------------
def _chest() -> tuple:
    """Air, a water ellipse 320 x 220 mm (the body) and two -800 HU lungs (ellipses 100 x 150 mm at
    x = -75 mm, patient right, and +75 mm, left) on 16 slices."""
    g = grid((16, 96, 128), (5.0, 3.0, 3.0), (-190.5, -142.5, -37.5))
    zc, yc, xc = g.axis_coords_mm()
    z, y, x = np.meshgrid(zc, yc, xc, indexing="ij")
    hu = np.full(g.shape_zyx, -1000, dtype=np.int16)
    hu[(x / 160.0) ** 2 + (y / 110.0) ** 2 <= 1] = 30
    right = ((x + 75) / 50.0) ** 2 + (y / 75.0) ** 2 <= 1
    left = ((x - 75) / 50.0) ** 2 + (y / 75.0) ** 2 <= 1
    hu[right | left] = -800
    return ct(hu, g), right, left


def test_body_engine_on_an_mr_is_an_input_error_and_the_lungs_engine_still_works(tmp_path, monkeypatch) -> None:
    _folder(tmp_path, monkeypatch)
    reg = discover()
    img, right, left = _chest()
    mr = _mr_of(img)
    with pytest.raises(InputRefused, match=r"'plannerview-contouring:body' cannot run: it needs a CT image; "
                                           r"the input is the MR series"):
        run_contour_engine(reg, "body", Case(images=(mr,)), mr)
    rec = reg.get("plannerview-contouring")
    assert rec.status == ACTIVE
    assert all(st.status == ACTIVE and st.faults == 0 for st in rec.states.values())
    run = run_contour_engine(reg, "lungs", Case(images=(img,)), img)
    assert [r.result.name for r in run.rois] == ["Lung_R", "Lung_L"]
    assert np.array_equal(run.rois[0].result.mask, right) and np.array_equal(run.rois[1].result.mask, left)
    assert run.rois[0].voxels == int(right.sum()) and run.rois[0].mask_volume_cc == pytest.approx(
        right.sum() * 5 * 3 * 3 / 1000.0)


def test_the_engine_itself_raises_plugin_input_error_for_an_mr() -> None:
    """Without the host's needs check (called directly), the engine says the same in its own words."""
    from plannerview_contouring.engines import BodyEngine

    from plannerview.plugin_api import PluginContext

    img, _ = _thorax()
    with pytest.raises(PluginInputError, match="automatic contours need a CT, got a MR series"):
        BodyEngine().contour(ContourRequest(image=_mr_of(img)), PluginContext("plannerview-contouring"))


def test_plugin_input_error_is_reported_and_not_counted(tmp_path, monkeypatch) -> None:
    _folder(tmp_path, monkeypatch, "fixture_dose.py")
    reg = discover()
    img, g = _thorax()
    empty = Plan(sop_uid="1.2.3.79", frame_of_reference_uid=g.frame_of_reference_uid, label="empty")
    for _ in range(4):  # more than FAULT_LIMIT: input errors never disable anything
        with pytest.raises(InputRefused, match="'fixture-dose:constant': plan 'empty' has no beams to calculate"):
            run_dose_engine(reg, "constant", None, DoseRequest(plan=empty, image=img))
    st = reg.get("fixture-dose").state(reg.find("dose_engine", "constant")[1])
    assert (st.status, st.faults) == (ACTIVE, 0)


@pytest.mark.parametrize("engine, plan_kind, message", [
    ("ion_only", "photon", "it needs an ion plan; plan 'photon' is a photon plan"),
    ("constant", "none", "it needs a plan and none was given"),
])
def test_needs_are_checked_before_the_call(tmp_path, monkeypatch, engine, plan_kind, message) -> None:
    _folder(tmp_path, monkeypatch, "fixture_dose.py")
    reg = discover()
    img, g = _thorax()
    plan = _plan(g.frame_of_reference_uid) if plan_kind == "photon" else None
    request = DoseRequest(plan=plan, image=img)  # type: ignore[arg-type]
    with pytest.raises(InputRefused, match=message):
        run_dose_engine(reg, engine, None, request)
    rec = reg.get("fixture-dose")
    assert all(st.instance is None for st in rec.states.values())  # never even built: not called


def test_needs_accept_the_right_plan_kind(tmp_path, monkeypatch) -> None:
    from plannerview.plugins.needs import unmet_needs

    _folder(tmp_path, monkeypatch, "fixture_dose.py")
    reg = discover()
    img, g = _thorax()
    _, ion_only = reg.find("dose_engine", "ion_only")
    ion = _plan(g.frame_of_reference_uid, ion=True)
    assert unmet_needs(ion_only, DoseRequest(plan=ion, image=img)) == []
    assert unmet_needs(ion_only, DoseRequest(plan=ion, image=_mr_of(img))) == [
        "it needs a CT image; the input is the MR series 'MR 1.2.3.4.5.6.7.8.2'"]


# --- dose results ------------------------------------------------------------------------------------
@pytest.fixture()
def dose_setup(tmp_path, monkeypatch):
    _folder(tmp_path, monkeypatch, "fixture_dose.py")
    reg = discover()
    img, g = _thorax()
    plan = _plan(g.frame_of_reference_uid)
    return reg, img, g, plan


def test_dose_engine_known_answer(dose_setup, monkeypatch) -> None:
    reg, img, g, plan = dose_setup
    monkeypatch.setenv("PLANNERVIEW_USER", "Dr Test")
    run = run_dose_engine(reg, "fixture-dose:two", None,
                          DoseRequest(plan=plan, image=img, parameters={"gy_per_mu": 0.004}))
    phys, eff = run.doses
    mu = (100.0 + 150.0) * 2  # two beams, two fractions
    truth = np.where(np.asarray(img.voxels) > -350, 0.004 * mu, 0.0)
    assert phys.dose.dtype == np.float32 and np.allclose(phys.dose, truth, atol=1e-6)
    assert float(phys.dose.max()) == pytest.approx(2.0)
    assert np.allclose(eff.dose, 1.1 * truth, atol=1e-6)
    assert (phys.dose_type, eff.dose_type, phys.units) == ("PHYSICAL", "EFFECTIVE", "GY")
    assert phys.sop_uid != eff.sop_uid and phys.sop_uid.startswith("2.25.")
    assert phys.referenced_plan_uid == plan.sop_uid and phys.frame_of_reference_uid == g.frame_of_reference_uid
    prov = phys.provenance
    assert prov["engine"] == "fixture-dose:two" and prov["version"] == "2.3.4" and prov["user"] == "Dr Test"
    assert prov["parameters"] == {"gy_per_mu": 0.004, "body_threshold_hu": -350.0}
    assert prov["inputs"] == [plan.sop_uid, img.series_uid]
    assert prov["details"]["meterset_mu"] == mu and prov["details"]["dose_type"] == "PHYSICAL"
    assert eff.provenance["details"]["rbe_model"] == "constant RBE 1.1"
    assert eff.provenance["details"]["statistical_uncertainty_pct"] == 0.5
    with pytest.raises(ValueError):
        phys.dose[0, 0, 0] = 1.0  # read-only


@pytest.mark.parametrize("engine, problem", [
    ("bad_units", "its units are 'CGY'; engines return dose in Gy"),
    ("nan", "its dose has 1 non-finite values"),
    ("negative", r"its dose has negative values \(minimum -1 Gy\)"),
    ("shape", r"its dose array \(1, 2, 3\) does not match its grid \(12, 64, 64\)"),
    ("frame", "its grid is on frame of reference 9.9.9, not the image's 1.2.3.4.5.6.7.8.1"),
    ("beam", r"it names beams \[999\] that plan 'photon' does not have"),
    ("old_style", r"its dose has negative values \(minimum -1 Gy\)"),  # an API 1.0 DoseGrid, same checks
])
def test_bad_dose_results_are_refused_naming_plugin_contribution_and_problem(dose_setup, engine, problem) -> None:
    reg, img, _g, plan = dose_setup
    with pytest.raises(PluginFault, match=f"dose engine 'fixture-dose:{engine}': result refused: {problem}"):
        run_dose_engine(reg, engine, None, DoseRequest(plan=plan, image=img))
    assert reg.get("fixture-dose").state(reg.find("dose_engine", engine)[1]).faults == 1
    run = run_dose_engine(reg, "constant", None, DoseRequest(plan=plan, image=img))  # the others still work
    assert len(run.doses) == 1


# --- lazy import --------------------------------------------------------------------------------------
def test_listing_imports_no_engine_module(tmp_path, monkeypatch) -> None:
    _folder(tmp_path, monkeypatch, "lazy_engine")
    reg = discover()
    rec = reg.get("lazy-engine")
    assert rec.status == ACTIVE and all(st.status == ACTIVE for st in rec.states.values())
    assert "plannerview_user_plugins.lazy_engine.engine" not in sys.modules
    img, _ = _thorax()
    with pytest.raises(PluginFault, match=r"could not be loaded: ImportError: libheavy.so.3: cannot open shared "
                                          r"object file \(fixture\) \(engine.py:3\)"):
        run_contour_engine(reg, "lazy-engine:heavy", None, img)
    heavy = rec.state(rec.manifest.contribution("contour_engine", "heavy"))
    assert heavy.status == FAILED
    (roi,) = run_contour_engine(reg, "lazy-engine:empty", None, img).rois  # the other contribution works
    assert roi.result.name == "Nothing" and roi.voxels == 0


def test_plugins_command_imports_no_engine_module(tmp_path) -> None:
    """In a fresh interpreter: `plannerview plugins --json` imports only manifests."""
    folder = tmp_path / "plugins"
    shutil.copytree(FIXTURES / "lazy_engine", folder / "lazy_engine")
    code = textwrap.dedent("""
        import contextlib, io, json, sys
        from plannerview.cli.main import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = main(["plugins", "--json"])
        doc = json.loads(out.getvalue())
        mods = ["plannerview_contouring.engines", "plannerview_contouring.lungs",
                "plannerview_user_plugins.lazy_engine.engine", "plannerview_consult.engine",
                "plannerview_consult.service", "highdicom", "plannerview_dose.mcsquare_engine",
                "plannerview_dose.pyradplan_engine"]
        print(json.dumps({"rc": rc, "loaded": [m for m in mods if m in sys.modules],
                          "status": {p["name"]: p["status"] for p in doc["plugins"]}}))
    """)
    env = {**os.environ, "PLANNERVIEW_PLUGIN_PATH": str(folder)}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    doc = json.loads(res.stdout.strip().splitlines()[-1])
    assert doc == {"rc": 0, "loaded": [], "status": {"plannerview-consult": "active", "plannerview-contouring": "active",
                                                     "plannerview-dose": "active", "lazy-engine": "active"}}


# --- the host survives ----------------------------------------------------------------------------------
def test_system_exit_and_keyboard_interrupt_at_import_are_plugin_failures(tmp_path, monkeypatch) -> None:
    _folder(tmp_path, monkeypatch, "exits_at_import.py", "interrupts_at_import.py", "fixture_dose.py")
    reg = discover()
    status = {r.name: (r.status, r.error) for r in reg.records}
    assert status["exits_at_import"][0] == FAILED
    assert status["exits_at_import"][1] == "import failed: called sys.exit(3) (exits_at_import.py:4)"
    assert status["interrupts_at_import"][0] == FAILED
    assert "raised KeyboardInterrupt (interrupts_at_import.py:2)" in status["interrupts_at_import"][1]
    assert status["fixture-dose"] == (ACTIVE, "")


def test_system_exit_and_keyboard_interrupt_at_call_are_faults_of_that_contribution(tmp_path, monkeypatch,
                                                                                      capsys) -> None:
    _folder(tmp_path, monkeypatch, "exits_at_call.py")
    reg = discover()
    img, g = _thorax()
    with pytest.raises(PluginFault, match=r"contour engine 'exits-at-call:exits' called sys.exit\(0\) \(exits_at_call.py:12\)"):
        run_contour_engine(reg, "exits", None, img)
    with pytest.raises(PluginFault, match=r"contour engine 'exits-at-call:interrupts' raised KeyboardInterrupt"):
        run_contour_engine(reg, "interrupts", None, img)
    (roi,) = run_contour_engine(reg, "fine", None, img).rois
    assert roi.voxels == int(np.prod(g.shape_zyx))
    assert "about to exit" not in capsys.readouterr().out  # the plugin's print went to the log


def test_prints_go_to_the_log_and_dose_json_stays_json(tmp_path, monkeypatch, capsys) -> None:
    _folder(tmp_path, monkeypatch, "printing_plugin.py")
    rc, out, err = _cli(capsys, "dose", str(REPO / "resources" / "demo"), "--plan", "Photon7F", "--engine", "noisy",
                        "--out", str(tmp_path / "RD.dcm"), "--json")
    assert rc == 0, err
    doc = json.loads(out)  # nothing but the JSON document
    assert doc["dose"]["max_gy"] == pytest.approx(1.5) and doc["engine"]["plugin"] == "printing-plugin"
    assert "imported" not in out and "calculating" not in out


def test_prints_at_import_and_call_are_logged(tmp_path, monkeypatch, capsys, caplog) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="plannerview.plugins")
    _folder(tmp_path, monkeypatch, "printing_plugin.py")
    reg = discover()
    img, g = _thorax()
    (dose,) = run_dose_engine(reg, "noisy", None, DoseRequest(plan=_plan(g.frame_of_reference_uid), image=img)).doses
    assert float(dose.dose.max()) == 1.5
    assert capsys.readouterr().out == ""
    logged = [r.getMessage() for r in caplog.records]
    assert "plugin output: printing-plugin: imported" in logged
    assert "plugin output: printing-plugin: calculating" in logged and "plugin output: {not json" in logged


def test_replaced_host_functions_are_restored_and_the_result_refused(tmp_path, monkeypatch) -> None:
    import plannerview.compute.contours as host_contours

    original_volume, original_count = host_contours.roi_volume_cc, np.count_nonzero
    _folder(tmp_path, monkeypatch, "patcher.py", "patches_at_import.py")
    reg = discover()
    assert reg.get("patches_at_import").status == FAILED
    assert "replaced host function(s) plannerview.compute.contours.roi_volume_cc" in reg.get("patches_at_import").error
    assert host_contours.roi_volume_cc is original_volume
    img, _ = _thorax()
    with pytest.raises(PluginFault, match=r"replaced host function\(s\) numpy.count_nonzero, "
                                          r"plannerview.compute.contours.roi_volume_cc while it ran; they are "
                                          r"restored and its result is refused"):
        run_contour_engine(reg, "inflate", None, img)
    assert host_contours.roi_volume_cc is original_volume and np.count_nonzero is original_count


def test_contour_command_reports_true_volumes_despite_a_patching_plugin(tmp_path, monkeypatch, capsys) -> None:
    """The CLI refuses the patching engine's result (exit 1); a clean run afterwards in the same
    process reports the analytic voxel count."""
    _folder(tmp_path, monkeypatch, "patcher.py", "demo_engines.py")
    demo = str(REPO / "resources" / "demo")
    rc, _out, err = _cli(capsys, "contour", demo, "--engine", "inflate", "--out", str(tmp_path / "a.dcm"))
    assert rc == 1 and "replaced host function(s)" in err and not (tmp_path / "a.dcm").exists()
    rc, out, err = _cli(capsys, "contour", demo, "--engine", "ball", "--param", "radius_mm=30",
                        "--out", str(tmp_path / "b.dcm"), "--json")
    assert rc == 0, err
    (row,) = [r for r in json.loads(out)["new_rois"] if r["name"] == "Ball"]
    from plannerview.io.loader import load

    g = load([str(REPO / "resources" / "demo" / "CT")]).images[0].grid
    zc, yc, xc = g.axis_coords_mm()
    z, y, x = np.meshgrid(zc - zc.mean(), yc - yc.mean(), xc - xc.mean(), indexing="ij")
    voxels = int(np.sum(x**2 + y**2 + z**2 <= 900.0))
    assert row["voxels"] == voxels
    assert row["mask_volume_cc"] == pytest.approx(voxels * g.voxel_volume_cc, abs=1e-3)
    assert row["volume_cc"] == pytest.approx(4 / 3 * np.pi * 27.0, rel=0.1)  # traced contours: about the ball


# --- origin and shadowing -------------------------------------------------------------------------------
def test_a_user_folder_plugin_cannot_shadow_an_installed_one(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path, monkeypatch)
    marker = tmp_path / "imported"
    (folder / "contouring.py").write_text(f"open({str(marker)!r}, 'w').close()\nmanifest = None\n")
    (folder / "my_contours.py").write_text(textwrap.dedent("""
        from plannerview.plugin_api import Manifest
        manifest = Manifest("plannerview-contouring", "6.6.6", (), api_version="1.1")
    """))
    reg = discover()
    by_origin = {r.origin: r for r in reg.records}
    named = by_origin[str(folder / "contouring.py")]
    assert named.status == FAILED and "cannot shadow an installed one: rename it" in named.error
    assert not marker.exists()  # refused by its file name before any of its code ran
    declared = by_origin[str(folder / "my_contours.py")]
    assert declared.status == FAILED
    assert declared.error.startswith(f"refused: the user-folder plugin {folder / 'my_contours.py'} takes the name of "
                                     "the installed plugin 'plannerview-contouring' (entry point contouring = ")
    assert reg.get("plannerview-contouring").version == "0.1.0"  # the installed one is the one used


# --- context: settings, storage, user, events, background work ------------------------------------------------
SETTINGS_PLUGIN = '''
import sys
import numpy as np
from plannerview.plugin_api import CONTOUR_ENGINE, Contribution, ContourResult, Manifest, Param, ParamSchema

class Probe:
    def contour(self, request, ctx):
        (ctx.storage_dir / "seen.txt").write_text(ctx.user)
        fut = ctx.submit(lambda a, b: a * b, 6, 7)
        ctx.add_annotation(f"{dict(ctx.settings)}|{fut.result(timeout=10)}|{len(ctx.workspace.case.images)}")
        return [ContourResult("Probe", np.zeros(request.grid.shape_zyx, bool))]

class Fails:
    def contour(self, request, ctx):
        fut = ctx.submit(lambda: 1 / 0)
        try:
            fut.result(timeout=10)
        except ZeroDivisionError as exc:  # an ordinary exception comes back through the future
            ctx.add_annotation(f"handled {type(exc).__name__}")
        exits = ctx.submit(sys.exit, 4)  # ending the process is a fault of the contribution
        try:
            exits.result(timeout=10)
        except Exception as exc:
            ctx.add_annotation(type(exc).__name__)
        return []

manifest = Manifest("settings-demo", "1.0", api_version="1.1",
    settings=ParamSchema((Param("server", "str", "localhost", "where to connect"),
                          Param("port", "int", 104, "port", "", 1, 65535))),
    contributions=(Contribution(CONTOUR_ENGINE, "probe", Probe), Contribution(CONTOUR_ENGINE, "fails", Fails)))
'''


def test_settings_storage_user_and_background_jobs(tmp_path, monkeypatch, capsys) -> None:
    folder = _folder(tmp_path, monkeypatch)
    (folder / "settings_demo.py").write_text(SETTINGS_PLUGIN)
    monkeypatch.setenv("PLANNERVIEW_USER", "Physicist A")
    rc, out, err = _cli(capsys, "plugins", "--set", "settings-demo.port=4242", "--set", "settings-demo.server=pacs.local")
    assert rc == 0, err
    assert "set settings-demo.port = 4242" in out
    stored = json.loads((tmp_path / "config" / "plugins" / "settings-demo.json").read_text())
    assert stored == {"port": 4242, "server": "pacs.local"}
    rc, _out, err = _cli(capsys, "plugins", "--set", "settings-demo.port=70000")
    assert rc == 2 and "70000 is above the maximum 65535" in err
    rc, _out, err = _cli(capsys, "plugins", "--set", "settings-demo.colour=red")
    assert rc == 2 and "unknown parameter 'colour' (known: server, port)" in err
    reg = discover()
    img, _ = _thorax()
    run = run_contour_engine(reg, "probe", Case(images=(img,)), img)
    assert run.annotations[0].text == "{'server': 'pacs.local', 'port': 4242}|42|1"
    assert run.annotations[0].author == "Physicist A" and run.provenance.user == "Physicist A"
    assert (tmp_path / "data" / "plugin-data" / "settings-demo" / "seen.txt").read_text() == "Physicist A"
    run = run_contour_engine(reg, "fails", None, img)
    assert [a.text for a in run.annotations] == ["handled ZeroDivisionError", "PluginCodeError"]
    st = reg.get("settings-demo").state(reg.find("contour_engine", "fails")[1])
    assert st.faults == 1 and "background job called sys.exit(4)" in st.error


SERVICE_PLUGIN = '''
from plannerview.model.events import ObjectAdded
from plannerview.plugin_api import SERVICE, Contribution, Manifest, ServiceStatus

class Watcher:
    def __init__(self):
        self.seen = []
        self.state = "stopped"

    def start(self, ctx):
        ctx.subscribe(ObjectAdded, lambda e: self.seen.append(e.obj.sop_uid))
        self.state = "running"

    def stop(self):
        self.state = "stopped"

    def status(self):
        return ServiceStatus(self.state, f"{len(self.seen)} objects seen", {"seen": list(self.seen)})

class Broken:
    def start(self, ctx):
        raise OSError("port 104 is in use")

    def stop(self):
        pass

    def status(self):
        return ServiceStatus("running")

manifest = Manifest("watcher", "1.0", api_version="1.1", contributions=(
    Contribution(SERVICE, "watch", Watcher), Contribution(SERVICE, "broken", Broken)))
'''


def test_services_start_report_and_stop_and_subscriptions_end_with_them(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path, monkeypatch)
    (folder / "watcher.py").write_text(SERVICE_PLUGIN)
    reg = discover()
    ws = Workspace(case=Case())
    manager = ServiceManager(reg, HostEnvironment(workspace=ws))
    statuses = manager.start_all()  # never raises: the broken one is reported
    assert statuses["watcher:watch"].state == "running"
    assert statuses["watcher:broken"].state == "failed"
    assert "OSError: port 104 is in use" in statuses["watcher:broken"].message
    img, g = _thorax()
    dose = DoseGrid(sop_uid="1.2.3.90", grid=g, dose_type="PHYSICAL", units="GY", summation_type="PLAN")
    ws.add_dose(dose, Provenance("test", "1"))
    assert manager.status("watch").details["seen"] == ["1.2.3.90"]
    manager.stop_all()
    assert manager.status("watch").state == "stopped"
    ws.add_dose(DoseGrid(sop_uid="1.2.3.91", grid=g, dose_type="PHYSICAL", units="GY", summation_type="PLAN"),
                Provenance("test", "1"))
    (rec,) = [r for r in reg.records if r.name == "watcher"]
    watcher = rec.states[("service", "watch")].instance
    assert watcher.seen == ["1.2.3.90"]  # unsubscribed when stopped


COMMAND_PLUGIN = '''
from plannerview.plugin_api import COMMAND, Contribution, Manifest

manifest = Manifest("greeter", "1.0", api_version="1.1", contributions=(
    Contribution(COMMAND, "greet", ".greet_impl:Greet", description="say hello to someone"),
    Contribution(COMMAND, "dose", ".greet_impl:Greet", description="clashes with the built-in"),
))
'''
COMMAND_IMPL = '''
from plannerview.plugin_api import PluginInputError

class Greet:
    def register(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--shout", action="store_true")

    def run(self, args, ctx):
        if args.name == "nobody":
            raise PluginInputError("greet whom?")
        text = f"hello {args.name} from {ctx.user}"
        print(text.upper() if args.shout else text)
        return 0
'''


def test_plugin_commands_are_listed_lazily_and_run(tmp_path, monkeypatch, capsys) -> None:
    pkg = _folder(tmp_path, monkeypatch) / "greeter"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(COMMAND_PLUGIN)
    (pkg / "greet_impl.py").write_text(COMMAND_IMPL)
    monkeypatch.setenv("PLANNERVIEW_USER", "Ann")
    from plannerview.cli.main import build_parser
    from plannerview.plugins import reset_default_registry

    reset_default_registry()
    help_text = build_parser().format_help()
    reset_default_registry()
    assert "say hello to someone [plugin greeter]" in help_text
    assert "clashes with the built-in" not in help_text  # 'dose' stays the built-in command
    assert "plannerview_user_plugins.greeter.greet_impl" not in sys.modules  # listed from the manifest only
    assert _cli(capsys, "greet", "--name", "Bo", "--shout")[:2] == (0, "HELLO BO FROM ANN\n")
    rc, out, _err = _cli(capsys, "greet", "--help")
    assert rc == 0 and "usage: plannerview greet [-h] --name NAME [--shout]" in out
    rc, _out, err = _cli(capsys, "greet", "--name", "nobody")
    assert rc == 2 and "greet whom?" in err
    rc, out, _err = _cli(capsys, "plugins", "--json")
    (greeter,) = [p for p in json.loads(out)["plugins"] if p["name"] == "greeter"]
    assert {c["name"]: c["status"] for c in greeter["contributions"]} == {"greet": "active", "dose": "failed"}


def test_invoke_checks_results_of_every_kind(tmp_path, monkeypatch) -> None:
    """Readers, exporters and commands through the same path, each with its own result check."""
    folder = _folder(tmp_path, monkeypatch)
    (folder / "kinds.py").write_text(textwrap.dedent('''
        from plannerview.plugin_api import COMMAND, EXPORTER, READER, Contribution, Manifest

        class Txt:
            def can_read(self, path):
                return "yes" if path.endswith(".txt") else False   # not a bool: refused
            def read(self, path, ctx):
                ctx.add_annotation(open(path).read())

        class Export:
            def export(self, request, ctx):
                return request.folder   # a str, not a list of paths: refused

        class Code:
            def register(self, parser):
                pass
            def run(self, args, ctx):
                return 300

        manifest = Manifest("kinds", "1.0", api_version="1.1", contributions=(
            Contribution(READER, "txt", Txt), Contribution(EXPORTER, "exp", Export),
            Contribution(COMMAND, "code", Code)))
    '''))
    from plannerview.plugin_api import ExportRequest

    reg = discover()
    (tmp_path / "note.txt").write_text("a note")
    assert invoke(reg, "reader", "txt", "can_read", str(tmp_path / "x.dcm")).value is False
    with pytest.raises(PluginFault, match=r"reader 'kinds:txt': result refused: returned a str, not True or False"):
        invoke(reg, "reader", "txt", "can_read", str(tmp_path / "note.txt"))
    assert invoke(reg, "reader", "txt", "read", str(tmp_path / "note.txt")).annotations[0].text == "a note"
    with pytest.raises(PluginFault, match="exporter 'kinds:exp': result refused: returned a str, not a list of paths"):
        invoke(reg, "exporter", "exp", "export", ExportRequest(objects=(), folder=str(tmp_path)))
    with pytest.raises(PluginFault, match=r"returned 300, not an exit code \(0..255\)"):
        invoke(reg, "command", "code", "run", None)
    with pytest.raises(PluginUnavailable, match="no active widget named 'nope'"):
        invoke(reg, "widget", "nope", "create_widget", None)


def test_a_service_can_be_run_from_the_command_line(tmp_path, monkeypatch, capsys) -> None:
    (_folder(tmp_path, monkeypatch) / "watcher.py").write_text(SERVICE_PLUGIN)
    t0 = time.perf_counter()
    rc, out, err = _cli(capsys, "service", "watch", "--seconds", "0.3", "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["service"] == "watcher:watch" and doc["started"]["state"] == "running"
    assert doc["stopped"]["state"] == "stopped" and time.perf_counter() - t0 >= 0.3
    rc, _out, err = _cli(capsys, "service", "broken", "--seconds", "0")
    assert rc == 1 and "OSError: port 104 is in use" in err
