"""Bundled data read through ``importlib.resources``: the one place that knows where it lives.

Package data (in the wheel): clinical-goal protocols, plan-check configuration, TG-263 names,
themes, icons, the compiled translations (``translations/*.qm``). The 12 MB demo
case is not package data: it sits in ``resources/demo`` of a source checkout (see the README for
how a wheel user gets it); :func:`demo_dir` finds it there or under ``$PLANNERVIEW_DEMO``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

_DATA = "plannerview.data"


def data_root() -> Traversable:
    """The root of plannerview's package data."""
    return files("plannerview").joinpath("data")


def data_file(*parts: str) -> Path:
    """A bundled file or folder as a real path (package data is installed unzipped)."""
    t = data_root().joinpath(*parts)
    return Path(str(t))


def protocols_dir() -> Path:
    return data_file("protocols")


def checks_dir() -> Path:
    """The default plan-check configuration: every ``*.yaml`` here is read (``review.checks``)."""
    return data_file("checks")


def report_fonts() -> tuple[Path, Path]:
    """Regular and bold Unicode TrueType fonts for the PDF report (DejaVu Sans, shipped by matplotlib)."""
    from matplotlib import get_data_path  # matplotlib is a dependency of the report

    base = Path(get_data_path()) / "fonts" / "ttf"
    return base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf"


def translations_dir() -> Path:
    """The compiled Qt translations ``plannerview_<lang>.qm`` (made from ``resources/translations/*.ts``)."""
    return data_file("translations")


def translation_file(language: str) -> Path:
    return translations_dir() / f"plannerview_{language}.qm"


def core_translations_file(language: str) -> Path:
    """The translations of the core's marked sentences without Qt (the PDF report): JSON
    ``{context: {template: translation}}`` written from the ``.ts`` by ``tools/update_translations.py``."""
    return translations_dir() / f"core_{language}.json"


#: where Noto Sans CJK usually lives: (regular, bold, face index of Simplified Chinese in a .ttc)
_CJK_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
     "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf", "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf", 0),
)


@lru_cache(maxsize=1)
def cjk_font() -> tuple[Path, Path, int] | None:
    """A font with Simplified Chinese for the PDF report: (regular, bold, face index in a collection),
    None when the system has none. ``$PLANNERVIEW_CJK_FONT`` (a file, ``file:index`` for a
    collection) wins; then Noto Sans CJK where Debian and others install it (``fonts-noto-cjk``,
    which ``scripts/setup.sh`` installs); then what fontconfig picks for Chinese."""
    env = os.environ.get("PLANNERVIEW_CJK_FONT")
    if env:
        head, _, tail = env.rpartition(":")
        name, index = (head, int(tail)) if head and tail.isdigit() else (env, 0)
        if Path(name).is_file():
            return Path(name), Path(name), index
    for regular, bold, index in _CJK_CANDIDATES:
        if Path(regular).is_file():
            return Path(regular), Path(bold) if Path(bold).is_file() else Path(regular), index
    fc = shutil.which("fc-match")
    if fc is not None:
        found: list[tuple[Path, int]] = []
        for pattern in ("Noto Sans CJK SC:lang=zh-cn", "Noto Sans CJK SC:bold:lang=zh-cn"):
            try:
                out = subprocess.run([fc, "-f", "%{file}|%{index}|%{lang}", pattern], capture_output=True,
                                     text=True, timeout=10).stdout
            except (OSError, subprocess.SubprocessError):
                return None
            file, _, rest = out.partition("|")
            face, _, langs = rest.partition("|")
            if not file or "zh-cn" not in langs.split("|") or not file.lower().endswith((".ttf", ".otf", ".ttc")):
                return None
            found.append((Path(file), int(face or 0)))
        return found[0][0], found[1][0], found[0][1]
    return None


def tg263_names_file() -> Path:
    return data_file("tg263", "names.yaml")


@lru_cache(maxsize=1)
def tg263_names_data() -> dict[str, Any]:
    """The bundled TG-263 name table (``tg263/names.yaml``), parsed once."""
    data: dict[str, Any] = yaml.safe_load(tg263_names_file().read_text(encoding="utf-8"))
    return data


def themes_dir() -> Path:
    return data_file("themes")


def icons_dir() -> Path:
    return data_file("icons")


def demo_dir() -> Path | None:
    """The demo case: ``$PLANNERVIEW_DEMO``, else ``resources/demo`` of a source checkout; None if absent."""
    env = os.environ.get("PLANNERVIEW_DEMO")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[1] / "resources" / "demo")
    for c in candidates:
        if c.is_dir() and any(c.iterdir()):
            return c
    return None
