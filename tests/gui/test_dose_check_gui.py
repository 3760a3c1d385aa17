"""The workstation's Check dose action: the selected plan recalculated by the dose plugin (pyRadPlan
here, the engine that made the demo), added to the case with provenance, and opened in the
comparison window beside the planning system's dose. Beam setup override for the 3D beams."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from .conftest import _delete_now, open_and_wait

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture
def dose_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_dir: Path) -> Iterator:  # type: ignore[no-untyped-def]
    from plannerview_dose.locate import EngineMissing, pyradplan_python
    from PySide6.QtCore import QThreadPool

    from plannerview.plugins import reset_default_registry
    from plannerview.ui.app import make_app
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    try:
        pyradplan_python()
    except EngineMissing as exc:
        pytest.skip(str(exc))
    monkeypatch.setenv("PLANNERVIEW_USER", "GUI Checker")
    monkeypatch.setenv("PLANNERVIEW_PLUGIN_PATH", str(tmp_path / "no-user-plugins"))
    reset_default_registry()
    make_app("dark")
    win = MainWindow(settings=Settings(), heavy_panels=False)
    qtbot.addWidget(win, before_close_func=lambda w: w.contour_tools.discard_all())
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    open_and_wait(qtbot, win, [demo_dir])
    yield win
    if getattr(win, "compare_window", None) is not None:
        win.compare_window.close()
    win.shutdown()
    assert QThreadPool.globalInstance().waitForDone(30000)
    _delete_now(win)
    reset_default_registry()


def test_check_dose_opens_the_comparison_beside_the_tps_dose(qtbot, dose_window, out_dir: Path) -> None:
    win = dose_window
    s = win.qs.model
    plan = next(p for p in s.case.plans if p.label == "ProtonIMPT")
    tps = s.case.plan_dose(plan.sop_uid)
    s.select(plan=plan)
    action = win.dose_check
    assert action is not None and action.action.text().startswith("Check dose")
    assert action.run(engine="pyradplan") is not None
    qtbot.waitUntil(lambda: action.last is not None or "failed" in action.last_message, timeout=240000)
    check = action.last
    assert check is not None, action.last_message
    assert check.verdict == "pass" and check.gamma["2%/2mm"]["pass_rate_pct"] >= 99.0
    # the engine's doses joined the case with provenance; the compared one is the EFFECTIVE plan dose
    mine = check.engine_dose
    assert mine in s.case.doses and mine.dose_type == "EFFECTIVE"
    prov = win.ws.provenance_of(mine.sop_uid)
    assert prov.engine == "plannerview-dose:pyradplan" and prov.user == "GUI Checker"
    assert prov.details["engine"] == "pyRadPlan" and prov.details["rbe_model"] == "constant RBE 1.1"
    # the comparison window shows the planning system's dose (A) beside the engine's (B)
    w = win.compare_window
    assert w is not None and w.dose_a is tps and w.dose_b is mine
    qtbot.waitUntil(lambda: w.comparison is not None, timeout=180000)
    assert w.comparison.gamma.pass_rate_pct == pytest.approx(check.gamma["3%/3mm"]["pass_rate_pct"], abs=0.01)
    assert "PASS" in action.last_message
    img = w.grab()
    img.save(str(out_dir / "dose_check_compare.png"))
    arr = np.frombuffer(img.toImage().convertToFormat(img.toImage().Format.Format_RGB888).constBits(),
                        dtype=np.uint8)
    assert arr.std() > 10  # a real picture, not a blank window


def test_beam_setup_override_reaches_the_session(dose_window) -> None:
    action = dose_window.dose_check
    action.set_setup("HFDL")
    assert dose_window.qs.model.beam_setup_override == "HFDL" and action.setup_actions["HFDL"].isChecked()
    action.set_setup("")
    assert dose_window.qs.model.beam_setup_override == "" and action.setup_actions[""].isChecked()
