"""Starting the Qt application and the main window (used by ``plannerview open`` and the tests)."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from .. import i18n
from .i18n import install_language, system_language
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


def make_app(theme: str | None = None, language: str | None = None) -> QApplication:
    """The QApplication with a theme; with ``language`` (a code, or "auto": the setting, else the
    system locale) its translations installed too. Without, the language is left as it is (English
    unless installed before)."""
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
    if language is not None:
        lang = i18n.resolve(None if language == "auto" else language, Settings.load().language, system_language())
        install_language(lang)
        apply_font(app, lang)
    return app


def apply_font(app: QApplication, language: str) -> None:
    """Prefer the Simplified Chinese faces of Noto Sans CJK for Chinese text (else the same Han
    characters may be drawn with their Japanese forms); other languages keep the default font."""
    from PySide6.QtGui import QFont, QFontDatabase

    font = QFont(app.font())
    base: list[str] = [f for f in font.families() if "CJK" not in f] or [font.family()]
    if language == "zh_CN":
        cjk: list[str] = [f for f in ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")
                          if f in QFontDatabase.families()]
        font.setFamilies(base + cjk[:1])
    else:
        font.setFamilies(base)
    app.setFont(font)
