"""Text from files made safe to show: one helper for terminals and labels."""

from __future__ import annotations

import unicodedata


def esc(value: object) -> str:
    """Text from files made safe for a terminal: control characters (escape sequences, newlines,
    carriage returns, bidirectional overrides) and undecodable bytes of file names become visible
    escapes. Every text printer (the CLI, the GUI's finding lines) passes file-derived strings through it."""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif unicodedata.category(ch) in ("Zs",):
            out.append(" ")
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return "".join(out)
