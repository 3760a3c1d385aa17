"""The translation sources: up to date with the code, complete, compiled, consistent with the
glossary, and keeping what is never translated (placeholders, units, metric expressions).

How to fix what these tests find: after changing GUI strings run
``.venv/bin/python tools/update_translations.py`` (lupdate + lrelease), translate the messages it
adds to ``resources/translations/plannerview_zh_CN.ts`` and ``..._fr_FR.ts`` (Qt Linguist:
``.venv/bin/pyside6-linguist``, or the XML) with the words of ``resources/glossary.yaml``, and run
it again to compile the ``.qm`` files.
"""

from __future__ import annotations

import ast
import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plannerview.review.report import strings as report_strings

from .allowed import foreign_words, has_cjk
from .ts_files import LANGUAGES, QM_DIR, REPO, TS_DIR, Message, read

FIX = ("run `.venv/bin/python tools/update_translations.py`, translate the new messages in "
       "resources/translations/plannerview_<lang>.ts (words from resources/glossary.yaml), and run it again")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?::[^{}]*)?\}")  # {name}, and {dose:.2f} of the core's sentences
PACKAGE = re.compile(r"\bplannerview-[a-z]+")  # a package's name (plannerview-dose) is not the word "dose"
TAG = re.compile(r"</?[a-z]+[^>]*>")
#: what a translation must carry over as it is: units, metric expressions, DICOM keywords and values
KEEP = re.compile(r"Gy\(RBE\)|(?<![A-Za-z])(?:Gy|cc|mm|MU|REG|SR|TPS|TG-263|EFFECTIVE|RBE|DICOM|ID|UID|SOP Instance UID)"
                  r"(?![A-Za-z])|\b[DV]\d+(?:\.\d+)?(?:%|cc|Gy)?(?:\[[^\]]*\])?|\bD(?:min|max|mean)\b|%|\|A − B\||"
                  r"Ctrl\+O|--[a-z-]+")


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


@pytest.fixture(scope="module")
def catalogues() -> dict[str, list[Message]]:
    return {lang: read(TS_DIR / f"plannerview_{lang}.ts") for lang in LANGUAGES}


def test_ts_files_hold_exactly_the_marked_strings_of_the_code(tmp_path: Path) -> None:
    """lupdate run again on the code into a copy finds the same messages the .ts files hold."""
    sys.path.insert(0, str(REPO))
    from tools.update_translations import lupdate

    for lang in LANGUAGES:
        kept = TS_DIR / f"plannerview_{lang}.ts"
        fresh = tmp_path / kept.name
        shutil.copy(kept, fresh)
        lupdate(fresh)
        old = {m.key for m in read(kept)}
        new = {m.key for m in read(fresh)}
        added = sorted(new - old)
        gone = sorted(old - new)
        assert not added and not gone, (
            f"{kept.relative_to(REPO)} is stale: new in the code {[(c, s) for c, s, _, _ in added][:12]}, "
            f"no longer in the code {[(c, s) for c, s, _, _ in gone][:12]}; {FIX}")


def test_qm_files_are_compiled_from_the_ts_files(tmp_path: Path) -> None:
    for lang in LANGUAGES:
        qm = tmp_path / f"plannerview_{lang}.qm"
        subprocess.run([_tool("pyside6-lrelease"), str(TS_DIR / f"plannerview_{lang}.ts"), "-qm", str(qm)],
                       check=True, capture_output=True)
        shipped = QM_DIR / qm.name
        assert shipped.exists() and filecmp.cmp(qm, shipped, shallow=False), \
            f"{shipped.relative_to(REPO)} is not the compiled {lang} .ts; {FIX}"


def test_core_json_is_written_from_the_ts_files() -> None:
    """The PDF report's translations of the core's sentences are the .ts files' (one source of truth)."""
    sys.path.insert(0, str(REPO))
    from tools.update_translations import core_json, core_json_file

    for lang in LANGUAGES:
        shipped = core_json_file(lang)
        assert shipped.is_file() and shipped.read_text(encoding="utf-8") == core_json(
            TS_DIR / f"plannerview_{lang}.ts"), f"{shipped.relative_to(REPO)} is not written from the {lang} .ts; {FIX}"


def test_every_message_is_translated(catalogues: dict[str, list[Message]]) -> None:
    for lang, msgs in catalogues.items():
        assert len(msgs) > 300
        todo = [(m.context, m.source) for m in msgs if not m.finished or not all(f.strip() for f in m.translation)]
        assert not todo, f"{lang}: {len(todo)} messages not translated, e.g. {todo[:8]}; {FIX}"
    zh = [(m.context, m.source, m.translation[0]) for m in catalogues["zh_CN"]
          if not has_cjk(m.translation[0]) and foreign_words(PLACEHOLDER.sub(" ", m.translation[0]), ())]
    assert not zh, f"Chinese translations still in English: {zh[:8]}"


def test_placeholders_markup_and_mnemonics_survive(catalogues: dict[str, list[Message]]) -> None:
    bad = []
    for lang, msgs in catalogues.items():
        for m in msgs:
            for tr in m.translation:
                if sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(tr)):
                    bad.append((lang, m.source, tr, "placeholders"))
                if sorted(TAG.findall(m.source)) != sorted(TAG.findall(tr)):
                    bad.append((lang, m.source, tr, "markup"))
                if m.numerus and "%n" not in tr:
                    bad.append((lang, m.source, tr, "%n"))
                if ("&" in m.source.replace("&&", "").replace("&nbsp;", "")) != \
                        ("&" in tr.replace("&&", "").replace("&nbsp;", "")):
                    bad.append((lang, m.source, tr, "keyboard mnemonic (&)"))
    assert not bad, bad[:10]


def _kept(source: str) -> list[str]:
    return KEEP.findall(PLACEHOLDER.sub(" ", source))


def test_units_metrics_and_dicom_words_are_never_translated(catalogues: dict[str, list[Message]]) -> None:
    """Gy, cc, mm, MU, %, D95%, V20Gy[cc], TG-263, command-line flags ... appear in every translation as in
    the English (GUI and report)."""
    bad = []
    pairs = [(lang, m.source, m.translation[0]) for lang, msgs in catalogues.items() for m in msgs]
    for lang in LANGUAGES:
        table = report_strings.LANGUAGES[lang]
        pairs += [(lang, src, table[k]) for k, src in report_strings.EN.items() if k in table]
    for lang, src, tr in pairs:
        missing = [w for w in _kept(src) if w not in tr]
        if missing:
            bad.append((lang, src, tr, missing))
    assert not bad, f"translations that changed a never-translated word: {bad[:8]}"


# --- the glossary ------------------------------------------------------------------------------------------
def _glossary() -> list[dict]:
    data = yaml.safe_load((REPO / "resources" / "glossary.yaml").read_text(encoding="utf-8"))
    return list(data["terms"])


def test_glossary_lists_each_term_once_in_three_languages() -> None:
    terms = _glossary()
    assert len(terms) >= 30
    for key in ("en", "zh_CN", "fr_FR"):
        values = [t[key] for t in terms]
        assert all(isinstance(v, str) and v.strip() for v in values), key
        assert len(set(v.lower() for v in values)) == len(values), f"a {key} term is listed twice"
    brief = {"target": ("靶区", "volume cible"), "organ at risk": ("危及器官", "organe à risque"),
             "dose-volume histogram": ("剂量体积直方图", "histogramme dose-volume"),
             "prescription": ("处方剂量", "prescription")}
    by_en = {t["en"]: t for t in terms}
    for en, (zh, fr) in brief.items():
        assert (by_en[en]["zh_CN"], by_en[en]["fr_FR"]) == (zh, fr)


def _pattern(word: str) -> re.Pattern[str]:
    plural = "(?:es)?" if word.endswith(("s", "x", "ch", "sh")) else "s?"
    return re.compile(r"(?<![A-Za-z])" + re.escape(word) + plural + r"(?![A-Za-z-])", re.I)


def _all_pairs(catalogues: dict[str, list[Message]]) -> list[tuple[str, str, str, str]]:
    """(language, where, English, translation) of every GUI message and report string."""
    out = [(lang, f"{m.context}", m.source, m.translation[0]) for lang, msgs in catalogues.items() for m in msgs]
    for lang in LANGUAGES:
        table = report_strings.LANGUAGES[lang]
        out += [(lang, f"report:{k}", src, table[k]) for k, src in report_strings.EN.items() if k in table]
        titles = {m.source: m.translation[0] for m in catalogues[lang] if m.context == "PlanChecks"}
        out += [(lang, f"report:check {cid}", src, report_strings.CHECK_TITLES[lang][cid])
                for cid, src in _bundled_titles().items() if src in titles]
    return out


def test_translations_use_the_glossary_terms(catalogues: dict[str, list[Message]]) -> None:
    """Wherever the English says a glossary term, the Chinese and the French say the glossary's word."""
    bad = []
    for term in _glossary():
        english = [_pattern(w) for w in [term["en"], *term.get("en_also", [])]]
        for lang, where, src, tr in _all_pairs(catalogues):
            text = PACKAGE.sub(" ", PLACEHOLDER.sub(" ", src))
            if not any(p.search(text) for p in english):
                continue
            wanted = [term[lang], *term.get(f"{lang}_also", [])]
            if not any(w.lower() in tr.lower() for w in wanted):
                bad.append(f"{lang} {where}: {src!r} -> {tr!r} lacks {term[lang]!r}")
    assert not bad, f"{len(bad)} translations stray from resources/glossary.yaml:\n" + "\n".join(bad[:15])


def test_glossary_terms_are_used_somewhere(catalogues: dict[str, list[Message]]) -> None:
    """No dead entries: every glossary term occurs in the English of the GUI or the report."""
    english = " ".join(src for _, _, src, _ in _all_pairs(catalogues))
    unused = [t["en"] for t in _glossary()
              if not any(_pattern(w).search(english) for w in [t["en"], *t.get("en_also", [])])]
    assert unused in ([], ["organ at risk"]), unused  # the OAR term is for the goals' wording to come


# --- the report's tables ----------------------------------------------------------------------------------
def test_report_tables_are_complete_with_the_same_placeholders() -> None:
    for lang in LANGUAGES:
        table = report_strings.LANGUAGES[lang]
        assert set(table) == set(report_strings.EN), (lang, set(report_strings.EN) ^ set(table))
        for k, src in report_strings.EN.items():
            assert sorted(re.findall(r"\{[^}]*\}", src)) == sorted(re.findall(r"\{[^}]*\}", table[k])), (lang, k)
        if lang == "zh_CN":
            english = [k for k, v in table.items() if not has_cjk(v) and foreign_words(PLACEHOLDER.sub(" ", v), ())]
            assert not english, f"report strings still in English: {english}"


def _bundled_titles() -> dict[str, str]:
    data = yaml.safe_load((REPO / "plannerview" / "data" / "checks" / "default.yaml").read_text(encoding="utf-8"))
    return {cid: spec["title"] for cid, spec in data["checks"].items()}


def test_every_bundled_check_title_is_marked_and_the_report_agrees_with_the_gui(catalogues) -> None:  # type: ignore[no-untyped-def]
    tree = ast.parse((REPO / "plannerview" / "ui" / "check_titles.py").read_text(encoding="utf-8"))
    marked = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values, strict=True):
                if isinstance(k, ast.Constant) and isinstance(v, ast.Call):
                    marked[k.value] = v.args[1].value  # type: ignore[attr-defined]
    bundled = _bundled_titles()
    assert marked == bundled, "plannerview/ui/check_titles.py must list every bundled check with its title"
    for lang in LANGUAGES:
        gui = {m.source: m.translation[0] for m in catalogues[lang] if m.context == "PlanChecks"}
        report = report_strings.CHECK_TITLES[lang]
        assert set(report) == set(bundled)
        assert {cid: gui[title] for cid, title in bundled.items()} == report, lang


def test_the_first_party_plugins_words_are_marked() -> None:
    """Titles, descriptions and parameter labels of plugins/plannerview-* are in ui/plugin_texts.py
    (so the workstation shows them translated); add a new one there, then update the translations."""
    from plannerview.plugins import default_registry
    from plannerview.ui.plugin_texts import TEXTS

    words: set[str] = set()
    records = [r for r in default_registry().records if r.name.startswith("plannerview-")]
    assert {r.name for r in records} >= {"plannerview-contouring"}
    for r in records:
        if r.manifest is not None:
            words |= {r.manifest.description}
            words |= {w for p in r.manifest.settings for w in (p.name.replace("_", " "), p.description)}
        for st in r.states.values():
            c = st.contribution
            words |= {c.title, c.description}
            words |= {w for p in c.parameters for w in (p.name.replace("_", " "), p.description)}
    missing = sorted(w for w in words if w and w not in TEXTS)
    assert not missing, f"add to plannerview/ui/plugin_texts.py: {missing}; {FIX}"


def test_report_verdicts_are_the_gui_verdicts(catalogues: dict[str, list[Message]]) -> None:
    pairs = {"pass": "pass", "acceptable": "acceptable", "fail": "fail", "not_evaluated": "not evaluated",
             "PASS": "PASS", "WARN": "WARN", "FAIL": "FAIL", "NOT APPLICABLE": "NOT APPLICABLE"}
    for lang in LANGUAGES:
        gui = {m.source: m.translation[0] for m in catalogues[lang] if m.context == "Terms"}
        table = report_strings.LANGUAGES[lang]
        for key, source in pairs.items():
            assert table[f"status_{key}"].lower() == gui[source].lower(), (lang, key)


# --- the code -------------------------------------------------------------------------------------------------
def _gui_sources() -> list[Path]:
    sys.path.insert(0, str(REPO))
    from tools.update_translations import sources

    return sources()


def test_translated_texts_are_literals_lupdate_can_read() -> None:
    """``tr(f"...")`` or ``tr("a" + b)`` would be looked up by their formatted text and never be
    found: the text must be a literal and values go in with ``.format()`` afterwards."""
    bad = []
    for path in _gui_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            if name == "tr" and node.args:
                text = node.args[0]
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2 and not (
                    isinstance(f, ast.Attribute) and not (isinstance(f.value, ast.Name)
                                                          and f.value.id in ("QCoreApplication", "QApplication", "app"))):
                if not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                    bad.append(f"{path.relative_to(REPO)}:{node.lineno}: the context must be a literal")
                    continue
                text = node.args[1]
                if name == "translate" and isinstance(text, ast.Name | ast.Subscript | ast.Attribute):
                    continue  # a word of a QT_TRANSLATE_NOOP table, looked up at run time
            else:
                continue
            if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)[:90]}")
    assert not bad, "translated texts must be string literals (use .format() after tr()):\n" + "\n".join(bad)
