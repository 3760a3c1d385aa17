"""Exceptions in words a user reads: no Python class names in messages shown by the CLI or GUI."""

from __future__ import annotations

import struct

# what went wrong, said plainly, for exceptions whose text alone does not say it
_PLAIN: tuple[tuple[type[BaseException], str], ...] = (
    (EOFError, "the data ends early"),
    (struct.error, "the data is cut short"),
    (MemoryError, "not enough memory"),
    (FileNotFoundError, "file not found"),
    (PermissionError, "permission denied"),
    (OSError, "the file could not be read"),
    (KeyError, "a required value is missing"),
    (IndexError, "an expected item is missing"),
    (UnicodeError, "text that cannot be decoded"),
    (TypeError, "data of an unexpected kind"),
    (AttributeError, "data of an unexpected kind"),
    (ValueError, "an invalid value"),
)


def user_message(exc: BaseException) -> str:
    """The exception's own text (KeyError's without quotes), prefixed by a plain description when
    the text is empty or too terse to stand alone; never the exception's class name."""
    if isinstance(exc, KeyError) and exc.args:
        text = str(exc.args[0])
    else:
        text = str(exc).strip()
    plain = next((words for kind, words in _PLAIN if isinstance(exc, kind)), "an unexpected error")
    if not text:
        return plain
    if isinstance(exc, EOFError | struct.error | MemoryError | KeyError | IndexError) or len(text) < 12:
        return f"{plain}: {text}"
    return text
