"""Reading Qt Linguist ``.ts`` files (the translation sources in ``resources/translations``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TS_DIR = REPO / "resources" / "translations"
QM_DIR = REPO / "plannerview" / "data" / "translations"
LANGUAGES = ("zh_CN", "fr_FR")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    translation: tuple[str, ...]  # one form, or the numerus forms
    finished: bool
    locations: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, str, bool]:
        return (self.context, self.source, self.comment, self.numerus)


def read(ts: Path) -> list[Message]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            numerus = m.get("numerus") == "yes"
            if tr is None:
                forms: tuple[str, ...] = ()
                finished = False
            else:
                forms = tuple(f.text or "" for f in tr.iter("numerusform")) if numerus else (tr.text or "",)
                finished = tr.get("type") not in ("unfinished", "obsolete", "vanished")
            locs = tuple(f"{loc.get('filename')}:{loc.get('line')}" for loc in m.iter("location"))
            out.append(Message(name, m.findtext("source") or "", m.findtext("comment") or "", numerus, forms,
                               finished, locs))
    return out


def messages(ts: Path) -> list[tuple[str, str, str, bool]]:
    """The message keys of a .ts file: (context, source, comment, numerus)."""
    return [m.key for m in read(ts)]
