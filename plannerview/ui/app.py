"""Starting the Qt application and the main window (used by ``plannerview open`` and the tests)."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from .settings import Settings
from .theme import apply_theme


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or \
        os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal") or sys.platform in ("win32", "darwin")


# Qt bindings known to break the workstation (pyproject excludes them; another installer may not)
BROKEN_PYSIDE = {
    "6.12.0": "its SignalInstance.disconnect() releases the bool it returns once too often, so a session "
              "that redraws DVHs aborts at exit ('Fatal Python error: bool_dealloc', exit 134)",
}


def qt_binding_problem(version: str) -> str | None:
    """Why this PySide6 release must not be used (None when it is fine)."""
    why = BROKEN_PYSIDE.get(version)
    return None if why is None else (f"PySide6 {version} is not supported: {why}. Install another release, "
                                     "e.g. pip install 'PySide6-Essentials!=6.12.0'")


def make_app(theme: str | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        import PySide6

        problem = qt_binding_problem(PySide6.__version__)
        if problem:
            print(f"plannerview: warning: {problem}", file=sys.stderr)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("plannerview")
        app.setOrganizationName("plannerview")
    apply_theme(app, theme or Settings.load().theme)
    return app
