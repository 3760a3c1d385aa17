"""GUI test fixtures: a private settings folder, the demo case, the real main window, and a
check that no background thread outlives a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _private_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("PLANNERVIEW_AUDIT_LOG", str(tmp_path_factory.mktemp("audit") / "audit-log.jsonl"))


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    return DEMO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED


@pytest.fixture(scope="session")
def out_dir() -> Path:
    d = REPO / "test-output" / "gui"
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    """The real main window (dark theme, fresh settings), 1500 x 950, shown under Xvfb."""
    from PySide6.QtCore import QThreadPool

    from plannerview.ui.app import make_app
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    make_app("dark")
    win = MainWindow(settings=Settings.load())  # the test's private (empty) settings folder
    qtbot.addWidget(win, before_close_func=lambda w: w.contour_tools.discard_all())  # no "discard edits?" prompt
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    assert QThreadPool.globalInstance().waitForDone(20000)
    assert QThreadPool.globalInstance().activeThreadCount() == 0, "a background job outlived the test"
    _delete_now(win)


def _delete_now(win) -> None:  # type: ignore[no-untyped-def]
    """Delete the window and its pyqtgraph/VTK children while QApplication lives (deleting them
    during interpreter shutdown can abort the process)."""
    import gc

    from plannerview.ui import slice_view

    if win.view3d is not None:
        win.view3d.vtk_widget.Finalize()
    win.contour_tools.discard_all()  # unsaved edits would ask before closing
    win.close()
    slice_view._QLINES.clear()
    gc.collect()


def open_and_wait(qtbot, win, paths: list[Path | str], timeout_ms: int = 90000):  # type: ignore[no-untyped-def]
    """Open paths through the window's background loader and wait for the case."""
    with qtbot.waitSignal(win.case_loaded, timeout=timeout_ms) as blocker:
        win.open_paths([str(p) for p in paths])
    return blocker.args[0]


@pytest.fixture
def demo_window(qtbot, window, demo_dir) -> Iterator:  # type: ignore[no-untyped-def]
    """The window with the demo case open and the photon plan selected, heavy panels built."""
    case = open_and_wait(qtbot, window, [demo_dir])
    plan = next(p for p in case.plans if p.label == "Photon7F")
    window.qs.model.select(plan=plan)
    window.ensure_heavy_panels()
    yield window
