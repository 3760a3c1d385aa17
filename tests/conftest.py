"""Shared fixtures: where the public test data lives, and an output folder for artefacts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The suite reads English whatever the machine's locale; tests/i18n and tests/gui/test_i18n_gui.py
# choose their languages explicitly.
os.environ["PLANNERVIEW_LANG"] = "en"
# Commands started as processes run in those processes, not in a background helper left behind
# after the suite (tests/core/test_preload.py turns it on for its own runs).
os.environ["PLANNERVIEW_PRELOAD"] = "0"

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
DEMO = REPO / "resources" / "demo"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data next to the repository; tests that need it skip cleanly without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED_DATA


@pytest.fixture(scope="session")
def test_output() -> Path:
    out = REPO / "test-output"
    out.mkdir(exist_ok=True)
    return out


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Let go of the last test's fixture values: pytest keeps them on the item until the next test
    starts, so after the last one its window (and a VTK render window with its own X connection)
    would live until the interpreter exits, after pytest-xvfb has stopped Xvfb."""
    for item in session.items:
        if isinstance(getattr(item, "funcargs", None), dict):
            item.funcargs = {}  # type: ignore[attr-defined]


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Delete the Qt application while the virtual X server still runs.

    pytest-xvfb stops Xvfb in an ``atexit`` handler, before the interpreter's own clean-up would
    delete a QApplication still referenced by pytest-qt; Qt then finds its X connection gone and
    exits with status 1 after every test passed. Closing the top-level widgets and deleting the
    application here ends the X connection first, so the run ends with pytest's status and Xvfb is
    stopped (no process left behind).
    """
    import gc
    import sys

    # pytest keeps the last failure's traceback (sys.last_*) for post-mortem debugging; its frames
    # hold the failed test's widgets (a VTK render window has its own X connection): free them now
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            setattr(sys, name, None)
    # libraries keep exceptions of optional imports (fpdf keeps the ImportError of 'cryptography'):
    # their tracebacks hold the frames of the test that imported them first, and so its window
    for obj in gc.get_objects():
        if isinstance(obj, BaseException) and obj.__traceback__ is not None:
            obj.__traceback__ = None
    gc.collect()
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None:
        return
    app = widgets.QApplication.instance()
    if app is None:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from shiboken6 import Shiboken

    for w in app.topLevelWidgets():
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    # a VTK render window opens its own X connection and closes it when it is destroyed; a widget
    # kept alive by Qt signal connections (invisible to gc) would keep it until interpreter exit:
    # finalize every VTK widget and let its render window go now
    for obj in gc.get_objects():
        if type(obj).__name__ == "QVTKRenderWindowInteractor":
            try:
                obj.Finalize()
                obj._Iren.SetRenderWindow(None)
            except Exception:  # noqa: BLE001 - a widget already torn down
                pass
            obj.__dict__.pop("_RenderWindow", None)
    gc.collect()
    Shiboken.delete(app)
