"""The workstation's language through Qt: installing translators, the locale for numbers, and the
language menu.

Every visible string of the GUI is written in English in the code and marked for translation
(``self.tr("...")`` in a QObject, ``QCoreApplication.translate("Context", "...")`` elsewhere,
``QT_TRANSLATE_NOOP`` for tables translated later); ``pyside6-lupdate`` collects them into
``resources/translations/plannerview_<lang>.ts`` and ``pyside6-lrelease`` compiles those into
``plannerview/data/translations/*.qm`` (``python tools/update_translations.py`` does both).
Sentences of the Qt-free core (a plan check's line) arrive as ``plannerview.model.text.Msg``: a
marked template and its values; :func:`say` shows them in the GUI's language.

:func:`install_language` loads the application's ``.qm`` and Qt's own (standard buttons, file
dialogs) and sets the locale numbers are written in (``num``: the language's decimal separator).
The language is chosen once, when the application starts; a new choice in the menu is saved and
applies after a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from .. import i18n
from ..model.text import render
from ..resources import translation_file

#: the Qt locale of each language (numbers, spin boxes); group separators are never written
QT_LOCALES = {"en": "en_US", "zh_CN": "zh_CN", "fr_FR": "fr_FR"}
#: Qt's own catalogue for each language (standard dialog buttons, file dialogs)
QT_CATALOGUES = {"zh_CN": "qtbase_zh_CN", "fr_FR": "qtbase_fr"}

_state: dict[str, object] = {"language": i18n.DEFAULT, "translators": []}


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark ``source`` for translation in ``context`` (``pyside6-lupdate`` collects it); returns it
    unchanged: translate it where it is shown, ``QCoreApplication.translate(context, source)``.
    (PySide6's own returns ``object`` to type checkers.)"""
    return source


def current_language() -> str:
    """The language installed by :func:`install_language` (English until then)."""
    return str(_state["language"])


def qt_locale(language: str) -> QLocale:
    loc = QLocale(QT_LOCALES.get(language, "en_US"))
    loc.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator | QLocale.NumberOption.RejectGroupSeparator)
    return loc


def install_language(language: str) -> str:
    """Make ``language`` the GUI's language (before windows are built): the application's and Qt's
    translators and the default locale. English removes them. Returns the language installed."""
    app = QCoreApplication.instance()
    lang = i18n.normalize(language) or i18n.DEFAULT
    translators: list[QTranslator] = _state["translators"]  # type: ignore[assignment]
    if app is not None:
        for t in translators:
            app.removeTranslator(t)
    translators.clear()
    if lang != i18n.DEFAULT and app is not None:
        own = QTranslator(app)
        path = translation_file(lang)
        if not own.load(str(path)):
            raise FileNotFoundError(f"{path}: the {lang} translation is missing (run tools/update_translations.py)")
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QT_CATALOGUES[lang], qt_dir):
            app.installTranslator(qt)
            translators.append(qt)
        app.installTranslator(own)
        translators.append(own)
    QLocale.setDefault(qt_locale(lang))
    _state["language"] = lang
    if app is not None:
        app.setProperty("plannerview_language", lang)
    return lang


def num(value: float, spec: str = "") -> str:
    """``format(value, spec)`` with the GUI language's decimal separator (text a person reads)."""
    return i18n.format_number(value, spec, current_language())


def say(text: str) -> str:
    """A sentence of the core in the GUI's language: a :class:`~plannerview.model.text.Msg`'s
    template translated (``QCoreApplication.translate(context, template)``) and filled with its
    values, numbers with the language's decimal separator; names, units and metric expressions
    (values) as they are. A plain ``str`` is shown as it is."""
    return render(text, QCoreApplication.translate, i18n.DECIMAL_POINT.get(current_language(), "."))


def localized(number_text: str) -> str:
    """A number already written with "." (e.g. by a helper that fixes its sign) with the GUI
    language's decimal separator."""
    dp = i18n.DECIMAL_POINT.get(current_language(), ".")
    return number_text.replace(".", dp) if dp != "." else number_text


def add_language_menu(menu: QMenu, settings: object, parent: QWidget) -> QMenu:
    """A "Language" sub-menu: the system's, or one of the languages by its own name. The choice is
    saved in the settings and applies when plannerview starts again."""
    translate = QCoreApplication.translate
    sub = menu.addMenu(translate("LanguageMenu", "Language"))
    sub.setObjectName("menu_language")
    group = QActionGroup(sub)
    saved = getattr(settings, "language", "") or "system"
    choices = [("system", translate("LanguageMenu", "System language"))] + list(i18n.LANGUAGES.items())
    for code, name in choices:
        act = QAction(name, sub)
        act.setCheckable(True)
        act.setChecked(code == saved)
        act.setData(code)
        group.addAction(act)
        sub.addAction(act)
        act.triggered.connect(lambda _c=False, c=code: _choose(c, settings, parent))
    return sub


def system_language() -> str:
    """The system locale's language: the POSIX locale variables when set (Linux), else as Qt reads
    the system's settings (Windows, macOS)."""
    found = i18n.env_language()
    if found is not None:
        return found
    for name in QLocale.system().uiLanguages():
        lang = i18n.normalize(name)
        if lang is not None:
            return lang
    return i18n.normalize(QLocale.system().name()) or i18n.DEFAULT


def _choose(code: str, settings: object, parent: QWidget) -> str:
    """Save the choice; say (in the status bar) that it applies after a restart."""
    settings.language = "" if code == "system" else code  # type: ignore[attr-defined]
    settings.save()  # type: ignore[attr-defined]
    chosen = i18n.resolve(setting=settings.language, system=system_language())  # type: ignore[attr-defined]
    if chosen == current_language():
        return ""
    msg = QCoreApplication.translate("LanguageMenu", "{language} from the next start of plannerview").format(
        language=i18n.LANGUAGES[chosen])
    bar = getattr(parent, "statusBar", None)
    if callable(bar):
        bar().showMessage(msg, 15000)
    else:
        QMessageBox.information(parent, QCoreApplication.translate("LanguageMenu", "Language"), msg)
    return msg
