"""``--lang`` for the commands that show the workstation or write the report.

The command line's own messages and ``--json`` stay English whatever the language; ``--lang``
chooses the language of what a person reads in the window, the screenshot or the PDF report.
"""

from __future__ import annotations

import argparse

from .. import i18n


def language_code(text: str) -> str:
    """argparse type: a supported language (``en``, ``zh_CN``, ``fr_FR``; ``fr``, ``zh`` ... accepted)."""
    try:
        return i18n.parse_cli_language(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_lang_argument(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--lang", type=language_code, metavar="LANG",
                   help=f"language of {what}: {', '.join(i18n.LANGUAGES)} (fr and zh accepted); default: the "
                        "language chosen in the settings, else the system locale's, else English")


def saved_language() -> str:
    """The language saved in the workstation's settings ("" = follow the system)."""
    from ..ui.settings import Settings  # plain data, no Qt

    return Settings.load().language


def report_language(cli: str | None) -> str:
    """The report's language: ``--lang``, else the saved setting, else the system locale."""
    return i18n.resolve(cli, saved_language())
