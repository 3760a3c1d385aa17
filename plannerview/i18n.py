"""The workstation's languages, without Qt: which ones exist, how a code given by the user or the
system locale maps onto one, and numbers written with a language's decimal separator.

The GUI translates through Qt (``plannerview.ui.i18n``: ``.qm`` files made from the ``.ts`` sources
in ``resources/translations``); the PDF report through its own string tables
(``plannerview.review.report.strings``). Both pick the language here: ``--lang`` on the command
line, else the saved setting, else the system locale, else English. The command line's own
messages and every ``--json`` output stay English whatever the language.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

#: language code -> its name in that language (menus show the native name, never translated)
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文", "fr_FR": "Français"}
DEFAULT = "en"
#: the decimal separator each language writes where a person reads a number (not JSON, CSV, DICOM)
DECIMAL_POINT: dict[str, str] = {"en": ".", "zh_CN": ".", "fr_FR": ","}

_ALIASES = {"zh": "zh_CN", "zh_hans": "zh_CN", "zh_sg": "zh_CN", "zh_hans_cn": "zh_CN", "chinese": "zh_CN",
            "fr": "fr_FR", "french": "fr_FR", "en": "en", "english": "en", "c": "en", "posix": "en"}


def normalize(code: str | None) -> str | None:
    """The supported language a code means (``fr``, ``fr-FR``, ``fr_FR.UTF-8``, ``fr_BE``,
    ``zh_CN``, ``zh-Hans`` ...), or None when it names none of them."""
    if not code:
        return None
    c = code.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if not c:
        return None
    if c in _ALIASES:
        return _ALIASES[c]
    for lang in LANGUAGES:
        if c == lang.lower():
            return lang
    base = c.split("_")[0]
    if base == "zh":  # Traditional Chinese (zh_TW, zh_HK, zh_Hant) is not Simplified Chinese
        return "zh_CN" if not any(t in c for t in ("tw", "hk", "mo", "hant")) else None
    if base in ("fr", "en"):
        return _ALIASES[base]
    return None


def env_language(env: Mapping[str, str] | None = None) -> str | None:
    """The language the POSIX locale variables give (see :func:`system_language`), None when none is set."""
    env = os.environ if env is None else env
    messages = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
    if not messages:
        return None
    if messages.split(".")[0].upper() in ("C", "POSIX"):
        return DEFAULT
    for part in env.get("LANGUAGE", "").split(":"):
        lang = normalize(part)
        if lang is not None:
            return lang
    return normalize(messages) or DEFAULT


def system_language(env: Mapping[str, str] | None = None) -> str:
    """The language of the system locale, English when it is none of ours.

    As gettext reads it: the messages locale is the first of LC_ALL, LC_MESSAGES and LANG that is
    set; under a C or POSIX locale messages are English; otherwise the priority list LANGUAGE, when
    set, comes first. Without any of them (Windows, macOS), Python's ``locale.getlocale()``."""
    env = os.environ if env is None else env
    found = env_language(env)
    if found is not None:
        return found
    if env is os.environ:
        try:
            lang = normalize(locale.getlocale()[0])
        except ValueError:
            lang = None
        if lang is not None:
            return lang
    return DEFAULT


def resolve(cli: str | None = None, setting: str | None = None, system: str | None = None) -> str:
    """The language to use: the command line's, else ``$PLANNERVIEW_LANG``'s, else the saved
    setting's ("" or "system": follow the system), else the system locale's, else English."""
    for choice in (cli, os.environ.get("PLANNERVIEW_LANG"), setting):
        if choice and choice != "system":
            lang = normalize(choice)
            if lang is not None:
                return lang
    if system is not None:
        return normalize(system) or DEFAULT
    return system_language()


def parse_cli_language(code: str) -> str:
    """``--lang`` as given: a supported language or ValueError naming the choices."""
    lang = normalize(code)
    if lang is None:
        raise ValueError(f"--lang {code!r}: not a supported language; one of {', '.join(LANGUAGES)} "
                         "(or fr, zh)")
    return lang


def format_number(value: float, spec: str = "", language: str = DEFAULT) -> str:
    """``format(value, spec)`` with the language's decimal separator (for text a person reads)."""
    text = format(value, spec)
    dp = DECIMAL_POINT.get(language, ".")
    return text.replace(".", dp) if dp != "." else text


__all__ = ["DECIMAL_POINT", "DEFAULT", "LANGUAGES", "env_language", "format_number", "normalize",
           "parse_cli_language", "resolve", "system_language"]
