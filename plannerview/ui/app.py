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


def make_app(theme: str | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("plannerview")
        app.setOrganizationName("plannerview")
    apply_theme(app, theme or Settings.load().theme)
    return app
