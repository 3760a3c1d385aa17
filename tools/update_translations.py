"""Regenerate the translation sources and compile them (run after changing GUI strings).

    .venv/bin/python tools/update_translations.py          # lupdate the .ts files, lrelease the .qm files
    .venv/bin/python tools/update_translations.py --check  # exit 1 if a .ts or .qm is out of date

``pyside6-lupdate`` (shipped with PySide6-Essentials) reads every ``tr()`` /
``QCoreApplication.translate()`` / ``QT_TRANSLATE_NOOP`` of the GUI sources into
``resources/translations/plannerview_<lang>.ts``, keeping the translations already there (new
strings arrive "unfinished": translate them with Qt Linguist, ``pyside6-linguist``, or in the XML,
using ``resources/glossary.yaml``). ``pyside6-lrelease`` compiles each ``.ts`` into
``plannerview/data/translations/plannerview_<lang>.qm`` (package data, read through
``plannerview.resources.translation_file``), and writes the translations of the core's marked
sentences (``CORE_CONTEXTS``) as ``core_<lang>.json`` beside them for the Qt-free PDF report. The
``.ts``, ``.qm`` and ``.json`` files are kept in git, so the wheel needs no Qt tool to build.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TS_DIR = REPO / "resources" / "translations"
QM_DIR = REPO / "plannerview" / "data" / "translations"
LANGUAGES = ("zh_CN", "fr_FR")
#: where the workstation's visible strings are written (the first-party plugins' widgets too)
SOURCE_DIRS = (REPO / "plannerview" / "ui", *sorted((REPO / "plugins").glob("*/plannerview_*")))
#: core files whose sentences are marked ``QT_TRANSLATE_NOOP`` (``plannerview.model.text.Msg``): the GUI shows
#: them translated, the command line and JSON in English
CORE_SOURCES = (REPO / "plannerview" / "model" / "text.py",
                *sorted((REPO / "plannerview" / "review" / "checks").glob("*.py")),
                REPO / "plannerview" / "compute" / "beam_entry.py",
                REPO / "plannerview" / "review" / "protocol_choice.py",
                REPO / "plannerview" / "review" / "dose_check.py",
                REPO / "plannerview" / "compute" / "goals.py",
                REPO / "plannerview" / "compute" / "roi_names.py",
                REPO / "plannerview" / "compute" / "metrics.py",
                REPO / "plannerview" / "compute" / "dvh.py",
                REPO / "plannerview" / "io" / "preflight.py",
                REPO / "plannerview" / "io" / "scan.py",
                REPO / "plannerview" / "io" / "loader.py",
                REPO / "plannerview" / "io" / "images.py",
                REPO / "plannerview" / "io" / "integrity.py",
                REPO / "plannerview" / "io" / "rtstruct.py",
                REPO / "plannerview" / "io" / "rtdose.py",
                REPO / "plannerview" / "io" / "registration.py",
                REPO / "plannerview" / "io" / "validate.py",
                REPO / "plannerview" / "io" / "pixels.py",
                REPO / "plannerview" / "io" / "rtplan.py")
EXTRA_SOURCES = (REPO / "plannerview" / "cli" / "cmd_open.py", *CORE_SOURCES)
#: the contexts of those sentences: their translations are also written as JSON for the Qt-free PDF report
CORE_CONTEXTS = ("CheckMessages", "ProtocolChoice")


def tool(name: str) -> str:
    """A Qt tool of the PySide6 next to this Python (the venv's), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (it ships pyside6-lupdate/-lrelease)")
    return found


def sources() -> list[Path]:
    files = [p for d in SOURCE_DIRS for p in sorted(d.rglob("*.py"))]
    return files + [p for p in EXTRA_SOURCES if p.exists()]


def ts_file(lang: str, folder: Path = TS_DIR) -> Path:
    return folder / f"plannerview_{lang}.ts"


def qm_file(lang: str, folder: Path = QM_DIR) -> Path:
    return folder / f"plannerview_{lang}.qm"


def lupdate(ts: Path, *, quiet: bool = True) -> None:
    """Merge the current source strings into ``ts`` (created when missing); obsolete ones dropped."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    rel = [str(p.relative_to(REPO)) for p in sources()]
    cmd = [tool("pyside6-lupdate"), *rel, "-no-obsolete", "-locations", "relative", "-source-language", "en",
           "-target-language", ts.stem.split("_", 1)[1], "-ts", str(ts)]
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=quiet)


def core_json(ts: Path) -> str:
    """The finished translations of the core's contexts in ``ts``, as the report reads them
    (``plannerview/data/translations/core_<lang>.json``)."""
    sys.path.insert(0, str(REPO))
    from tests.i18n.ts_files import read

    table: dict[str, dict[str, str]] = {}
    for m in read(ts):
        if m.context in CORE_CONTEXTS and m.finished and m.translation[0]:
            table.setdefault(m.context, {})[m.source] = m.translation[0]
    return json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def core_json_file(lang: str, folder: Path = QM_DIR) -> Path:
    return folder / f"core_{lang}.json"


def lrelease(ts: Path, qm: Path, *, quiet: bool = True) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=quiet)


def check() -> list[str]:
    """What is out of date: .ts files whose messages differ from the sources', .qm files that do
    not match their .ts (compiled again in a temporary folder)."""
    sys.path.insert(0, str(REPO))
    from tests.i18n.ts_files import messages  # the one reader of .ts files the tests use too

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGUAGES:
            ts = ts_file(lang)
            fresh = ts_file(lang, Path(tmp))
            if ts.exists():
                shutil.copy(ts, fresh)
            lupdate(fresh)
            if not ts.exists() or set(messages(ts)) != set(messages(fresh)):
                problems.append(f"{ts.relative_to(REPO)} is stale")
            qm = qm_file(lang, Path(tmp))
            lrelease(ts if ts.exists() else fresh, qm)
            if not qm_file(lang).exists() or not filecmp.cmp(qm, qm_file(lang), shallow=False):
                problems.append(f"{qm_file(lang).relative_to(REPO)} does not match its .ts")
            js = core_json_file(lang)
            if not js.exists() or js.read_text(encoding="utf-8") != core_json(ts if ts.exists() else fresh):
                problems.append(f"{js.relative_to(REPO)} does not match its .ts")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only say what is out of date (exit 1 if anything)")
    args = ap.parse_args(argv)
    if args.check:
        problems = check()
        for p in problems:
            print(p)
        return 1 if problems else 0
    for lang in LANGUAGES:
        ts = ts_file(lang)
        lupdate(ts, quiet=False)
        lrelease(ts, qm_file(lang), quiet=False)
        core_json_file(lang).write_text(core_json(ts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
