"""Plugins in the real workstation: the Plugins menu built from the registry, the run form
generated from a parameter schema, a contour engine run from the menu as a background job whose
structure set joins the case (browser, selection, provenance), and the status panel showing a
broken plugin's error. Truths: the schema's declared ranges, the demo phantom's own BODY voxel
mask (resources/demo/masks.npz) and the fixture's import error."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from .conftest import _delete_now, open_and_wait

pytestmark = pytest.mark.gui
FIXTURES = Path(__file__).resolve().parents[1] / "plugins" / "fixtures"

FORM_PLUGIN = '''
from plannerview.plugin_api import (CONTOUR_ENGINE, SERVICE, WIDGET, Contribution, Manifest, Param, ParamSchema,
                                    ServiceStatus)

class Never:
    def contour(self, request, ctx):
        return []

class Clock:
    running = False
    def start(self, ctx):
        self.running = True
    def stop(self):
        self.running = False
    def status(self):
        return ServiceStatus("running" if self.running else "stopped", "ticking")

class Panel:
    def create_widget(self, parent, ctx):
        from PySide6.QtWidgets import QLabel
        return QLabel(f"hello {ctx.user}", parent)

SETTINGS = ParamSchema((Param("server", "str", "localhost", "where the archive is"),
                       Param("port", "int", 104, "its port", "", 1, 65535)))

manifest = Manifest("form-demo", "0.9", api_version="1.1", settings=SETTINGS, contributions=(
    Contribution(SERVICE, "clock", Clock, "Clock"),
    Contribution(WIDGET, "panel", Panel, "Demo panel"),
    Contribution(CONTOUR_ENGINE, "kinds", Never, "All kinds", "one parameter of each kind", ParamSchema((
        Param("iterations", "int", 3, "how many passes", "", 1, 10),
        Param("smooth", "bool", True, "smooth the result"),
        Param("method", "choice", "otsu", "threshold method", choices=("otsu", "fixed")),
        Param("label", "str", "Auto", "name of the structure"),
    ))),
))
'''


@pytest.fixture
def plugin_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_dir: Path) -> Iterator:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThreadPool

    from plannerview.plugins import reset_default_registry
    from plannerview.ui.app import make_app
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    folder = tmp_path / "plugins"
    folder.mkdir()
    shutil.copy(FIXTURES / "broken_import.py", folder)
    shutil.copy(FIXTURES / "fixture_dose.py", folder)
    (folder / "form_demo.py").write_text(FORM_PLUGIN)
    monkeypatch.setenv("PLANNERVIEW_PLUGIN_PATH", str(folder))
    monkeypatch.setenv("PLANNERVIEW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PLANNERVIEW_USER", "GUI Tester")
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path / "config"))
    reset_default_registry()
    make_app("dark")
    win = MainWindow(settings=Settings(), heavy_panels=False)
    qtbot.addWidget(win, before_close_func=lambda w: w.contour_tools.discard_all())
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    open_and_wait(qtbot, win, [demo_dir])
    yield win
    win.shutdown()
    assert QThreadPool.globalInstance().waitForDone(20000)
    _delete_now(win)
    reset_default_registry()


def _form(win, key: str):  # type: ignore[no-untyped-def]
    from plannerview.ui.param_form import ParamDialog

    win.plugins.actions[key].trigger()  # Plugins > <engine>…
    dialogs = [d for d in win.findChildren(ParamDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_plugins_menu_lists_the_contouring_engines(plugin_window) -> None:
    win = plugin_window
    texts = {a.text() for a in win.plugins_menu.actions()}
    for title in ("Body (external)…", "Lungs (left, right)…", "Bones…", "Air cavities…",
                  "Body, lungs, bones, air cavities…", "All kinds…"):
        assert title in texts
    assert "Plugin status" in texts
    assert win.plugins.actions["plannerview-contouring:lungs"].isEnabled()


def test_generated_form_has_the_schema_fields_with_their_ranges(qtbot, plugin_window) -> None:
    from plannerview_contouring import manifest
    from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox

    win = plugin_window
    dlg = _form(win, "plannerview-contouring:lungs")
    schema = manifest.contribution("contour_engine", "lungs").parameters
    assert list(dlg.form.editors) == [p.name for p in schema]
    for p in schema:
        ed = dlg.form.editors[p.name]
        assert isinstance(ed, QDoubleSpinBox)
        assert (ed.minimum(), ed.maximum(), ed.value()) == (p.minimum, p.maximum, p.default)
        assert ed.suffix() == f" {p.unit}" and p.description in ed.toolTip()
    dlg.reject()
    kinds = _form(win, "form-demo:kinds").form.editors
    assert isinstance(kinds["iterations"], QSpinBox) and (kinds["iterations"].minimum(),
                                                          kinds["iterations"].maximum()) == (1, 10)
    assert isinstance(kinds["smooth"], QCheckBox) and kinds["smooth"].isChecked()
    assert isinstance(kinds["method"], QComboBox)
    assert [kinds["method"].itemText(i) for i in range(kinds["method"].count())] == ["otsu", "fixed"]
    assert isinstance(kinds["label"], QLineEdit) and kinds["label"].text() == "Auto"


def test_running_an_engine_from_the_menu_adds_a_structure_set(qtbot, plugin_window, demo_dir: Path,
                                                               out_dir: Path) -> None:
    from plannerview.compute.masks import roi_mask_on_grid

    win = plugin_window
    s = win.qs.model
    before = {ss.sop_uid for ss in s.case.structure_sets}
    source = s.structure_set
    dlg = _form(win, "plannerview-contouring:body")
    dlg.form.editors["couch_cut_mm"].setValue(6.0)
    with qtbot.waitSignal(win.plugins.run_finished, timeout=120000) as blocker:
        dlg._accept()  # the Run button
        assert win.plugins.progress.isVisible() and win.plugins.cancel_btn.isVisible()
    (ss,) = blocker.args[0]
    assert ss.sop_uid not in before and ss in s.case.structure_sets
    assert s.structure_set is ss  # selected
    assert [r.name for r in ss.rois] == [r.name for r in source.rois] + ["BODY_1"]  # never shadows BODY
    assert ss.sop_uid in win.case_browser.object_items  # in the case browser
    prov = win.plugins.workspace.provenance_of(ss.sop_uid)
    assert prov.engine == "plannerview-contouring:body" and prov.parameters["couch_cut_mm"] == 6.0
    # the new BODY against the phantom's own BODY voxel mask
    d = np.load(demo_dir / "masks.npz")
    shape = tuple(int(v) for v in d["shape_zyx"])
    truth = np.unpackbits(d["BODY"])[: int(np.prod(shape))].reshape(shape).astype(bool)
    mask = roi_mask_on_grid(ss.roi("BODY_1"), s.image.grid)
    assert 2 * np.sum(mask & truth) / (mask.sum() + truth.sum()) > 0.99
    assert not win.plugins.progress.isVisible()
    win.grab().save(str(out_dir / "plugins_after_body.png"))


def test_a_dose_engine_run_from_the_menu_adds_a_dose_to_the_case(qtbot, plugin_window, demo_dir: Path) -> None:
    import pydicom

    win = plugin_window
    s = win.qs.model
    plan = next(p for p in s.case.plans if p.label == "Photon7F")
    s.select(plan=plan)
    dlg = _form(win, "fixture-dose:constant")
    assert (dlg.form.editors["gy_per_mu"].maximum(), dlg.form.editors["gy_per_mu"].suffix()) == (1.0, " Gy/MU")
    dlg.form.editors["gy_per_mu"].setValue(0.0005)
    with qtbot.waitSignal(win.plugins.run_finished, timeout=120000) as blocker:
        dlg._accept()
    (dose,) = blocker.args[0]
    assert dose in s.case.doses and s.dose is dose and s.plan is plan
    assert dose.sop_uid in win.case_browser.object_items
    rp = pydicom.dcmread(demo_dir / "RP_Photon7F.dcm")
    fg = rp.FractionGroupSequence[0]
    mu = sum(float(b.BeamMeterset) for b in fg.ReferencedBeamSequence) * int(fg.NumberOfFractionsPlanned)
    assert float(dose.dose.max()) == pytest.approx(0.0005 * mu, rel=1e-6)
    prov = win.plugins.workspace.provenance_of(dose.sop_uid)
    assert prov.engine == "fixture-dose:constant" and prov.parameters["gy_per_mu"] == 0.0005
    assert prov.user == "GUI Tester" and prov.details["meterset_mu"] == pytest.approx(mu)


def test_an_input_error_from_the_menu_is_reported_and_the_engine_stays_active(qtbot, plugin_window) -> None:
    from dataclasses import replace

    win = plugin_window
    s = win.qs.model
    mr = replace(s.image, modality="MR", loader=lambda img=s.image: np.asarray(img.voxels).copy())
    s.select(image=mr)
    dlg = _form(win, "plannerview-contouring:body")
    with qtbot.waitSignal(win.plugins.run_refused, timeout=60000) as blocker:
        dlg._accept()
    assert "it needs a CT image; the input is the MR series" in blocker.args[0]
    assert "it needs a CT image" in win.plugins.last_message
    assert win.plugins.actions["plannerview-contouring:body"].isEnabled()


def test_status_panel_shows_a_failed_plugins_error(qtbot, plugin_window, out_dir: Path) -> None:
    from plannerview.ui.capture import qimage_to_rgba

    win = plugin_window
    status_action = next(a for a in win.plugins_menu.actions() if a.text() == "Plugin status")
    status_action.trigger()
    assert win.plugins.status_dock.isVisible()
    panel = win.plugins.status_panel
    item = panel.items["broken_import"]
    assert item.text(2) == "failed"
    assert "ModuleNotFoundError: No module named 'plannerview_module_that_does_not_exist'" in item.text(5)
    assert item.text(4).startswith("user folder: ") and item.text(4).endswith("broken_import.py")
    ok = panel.items["plannerview-contouring"]
    assert (ok.text(1), ok.text(2)) == ("0.1.0", "active") and ok.text(4).startswith("entry point: contouring = ")
    assert panel.items["plannerview-contouring:contour_engine:lungs"].text(2) == "active"
    qtbot.wait(50)
    img = panel.grab().toImage()
    img.save(str(out_dir / "plugin_status.png"))
    rgba = qimage_to_rgba(img)
    assert rgba.shape[0] > 50 and len(np.unique(rgba.reshape(-1, 4), axis=0)) > 20  # text was drawn


def test_services_start_with_the_window_and_widgets_get_a_dock(qtbot, plugin_window) -> None:
    win = plugin_window
    menus = {a.text(): a.menu() for a in win.plugins_menu.actions() if a.menu() is not None}
    # the fixture plugin's entries (installed first-party plugins add their own: plannerview-consult)
    assert [a.text() for a in menus["Services"].actions() if a.text().startswith("Clock")] == ["Clock — running"]
    panel = next(a for a in menus["Panels"].actions() if a.text() == "Demo panel")
    panel.trigger()
    dock = win.plugins.widget_docks["form-demo:panel"]
    assert dock.isVisible() and dock.widget().text() == "hello GUI Tester"
    win.plugins.actions["form-demo:clock"].trigger()  # click: stop it
    assert win.plugins.services.status("form-demo:clock").state == "stopped"
    menus = {a.text(): a.menu() for a in win.plugins_menu.actions() if a.menu() is not None}
    assert [a.text() for a in menus["Services"].actions() if a.text().startswith("Clock")] == ["Clock — stopped"]


def test_plugin_settings_are_edited_in_a_generated_form_and_persisted(qtbot, plugin_window, tmp_path: Path) -> None:
    import json

    from plannerview.plugins.store import effective_settings

    win = plugin_window
    panel = win.plugins.status_panel
    panel.tree.setCurrentItem(panel.items["form-demo"])
    assert panel.settings_btn.isEnabled()
    panel.tree.setCurrentItem(panel.items["plannerview-contouring"])
    assert not panel.settings_btn.isEnabled()  # it declares no settings
    dlg = panel.edit_settings("form-demo")
    port = dlg.form.editors["port"]
    assert (port.minimum(), port.maximum(), port.value()) == (1, 65535, 104)
    port.setValue(4242)
    dlg.form.editors["server"].setText("pacs.example")
    with qtbot.waitSignal(panel.settings_changed, timeout=5000):
        dlg._accept()
    stored = json.loads((tmp_path / "config" / "plugins" / "form-demo.json").read_text())
    assert stored == {"server": "pacs.example", "port": 4242}
    assert effective_settings(win.plugins.registry.get("form-demo").manifest) == stored
