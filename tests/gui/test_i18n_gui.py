"""The workstation in English, Simplified Chinese and French, driven as a user would.

For each language the real main window opens the demo case (plan, DVHs, goals, checks, 3D), the
comparison window compares the two demo doses, and the dialogs and message boxes are opened. Then:

* every text they show is translated: in Chinese no English word is left except the never-translated
  ones (units, metric expressions, DICOM values of the case, names; ``tests/i18n/allowed.py``); in
  French no English text of a translated message is shown;
* numbers are written with the language's decimal separator where a person reads them;
* at 1600 x 1000 and at 1280 x 800 no label, button, group title or tab is clipped and no two widgets
  of one layout overlap; the screenshots are saved in ``test-output/i18n``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from plannerview.review.workspace import Workspace

from ..i18n.allowed import (
    DATA_TEXTS,
    LANGUAGE_NAMES,
    case_values,
    foreign_words,
    has_cjk,
    message_values,
    strip_values,
)
from ..i18n.ts_files import REPO, TS_DIR, read
from ..i18n.widget_texts import Text, clipped, overlapping, overlay_collisions, widget_texts
from .conftest import _delete_now, open_and_wait

pytestmark = pytest.mark.gui
LANGS = ("en", "zh_CN", "fr_FR")
SIZES = ((1600, 1000), (1280, 800))
PROTOCOL = "prostate_rtog0126"
HOW_TO_FIX = ("wrap the text in self.tr(\"...\") (in a QObject) or QCoreApplication.translate(\"Context\", \"...\"), "
              "values added with .format(); then run `.venv/bin/python tools/update_translations.py`, translate the new "
              "messages in resources/translations/*.ts with the words of resources/glossary.yaml and run it again. "
              "If the text is data (a DICOM value, a file or plugin name), add it to the values in tests/i18n/allowed.py")


@pytest.fixture(scope="module")
def shared_ws(demo_dir: Path) -> Workspace:
    """One workspace for every language's comparison window (its comparison is computed once)."""
    import plannerview

    return Workspace(case=plannerview.load([str(demo_dir)]))


@pytest.fixture
def english_after() -> Iterator[None]:
    """Leave the application in English for the other tests."""
    yield
    from PySide6.QtWidgets import QApplication

    from plannerview.ui.app import apply_font
    from plannerview.ui.i18n import install_language

    install_language("en")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_font(app, "en")


def _switch(lang: str) -> None:
    from PySide6.QtWidgets import QApplication

    from plannerview.ui.app import apply_font, make_app
    from plannerview.ui.i18n import install_language

    make_app("dark")
    assert install_language(lang) == lang
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_font(app, lang)


def _settle(qtbot: Any, ms: int = 60) -> None:
    qtbot.wait(ms)


def _where_in_code(text: str) -> str:
    """Source lines holding the English text (or its longest literal part), for the failure message."""
    parts = sorted(re.split(r"\d+(?:\.\d+)?|[{}()\[\]:;,|—…·\"']", text), key=len, reverse=True)
    needle = next((p.strip() for p in parts if len(p.strip()) >= 4), text.strip())
    hits = []
    for path in sorted((REPO / "plannerview").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle and needle in line:
                hits.append(f"{path.relative_to(REPO)}:{n}")
    return ", ".join(hits[:4]) or "not found as a literal in plannerview/"


def _data_values(win: Any, cmp_win: Any) -> set[str]:
    """What the windows may show as it is: the case's values, protocol, plugin and check data."""
    from plannerview.plugins import default_registry
    from plannerview.review.loaders import list_protocols
    from plannerview.review.signoff import current_user

    vals = case_values(win.qs.model.case) | case_values(cmp_win.case)
    vals |= set(list_protocols()) | set(win.settings.recent) | {current_user()}
    report = win.review_panel.report
    if report is not None:
        # the result lines are translated; what they show as it is are their values (names, UIDs)
        vals |= {v for r in report.results for v in message_values(r.message)}
        vals |= {r.citation for r in report.results} | {r.title for r in report.results}
        vals |= set(report.notes)
    goals = [win.goals_panel.result] + ([cmp_win.comparison.goals_a] if getattr(cmp_win.comparison, "goals_a", None)
                                        else [])
    for g in goals:
        if g is not None:
            vals |= {g.protocol.name, g.protocol.title}
            for r in g.results:
                vals |= message_values(r.note)  # its marked clauses are translated; names and protocol notes as they are
                vals |= {r.goal.roi, r.goal.metric, str(r.goal.citation), r.goal.note, r.matched_roi or "", r.unit}
    cmp = cmp_win.comparison
    if cmp is not None:
        vals |= {cmp.label_a, cmp.label_b, str(cmp.protocol or "")}
        for pair in cmp.goals or []:
            vals |= {pair.a.note, pair.b.note, pair.a.goal.roi, pair.a.goal.metric, pair.a.matched_roi or ""}
        for row in cmp.structures:
            vals.add(row.name)
    for r in default_registry().records:
        vals |= {r.name, r.origin, r.error, r.version}  # identifiers; a first-party plugin's words are translated
        words = not r.name.startswith("plannerview-")  # a third-party plugin's words are shown as written
        if r.manifest is not None:
            vals |= {r.manifest.description} if words else set()
            for p in r.manifest.settings:
                vals |= {p.name, p.unit, *map(str, p.choices or ())}
                vals |= {p.name.replace("_", " "), p.description} if words else set()
        for st in r.states.values():
            c = st.contribution
            vals |= {c.name, st.error, f"{r.name}:{c.name}"} | ({c.title, c.description} if words else set())
            for p in c.parameters:
                vals |= {p.name, p.unit, *map(str, p.choices or ())}
                vals |= {p.name.replace("_", " "), p.description} if words else set()
    return {v for v in vals if isinstance(v, str) and v.strip()} | LANGUAGE_NAMES | DATA_TEXTS


def _english_patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """The English of every message whose translation differs from it, as patterns ({x}: any text):
    short messages must not be the whole text, longer ones not be anywhere in it."""
    out = []
    for m in read(TS_DIR / f"plannerview_{lang}.ts"):
        src = m.source
        literal = re.sub(r"\{[^}]*\}", " ", src)
        words = re.findall(r"[A-Za-z]{3,}", literal)
        if m.translation[0] == src or not words or ("{" in src and len(words) < 2):
            continue
        body = "".join(".+?" if p.startswith("{") else re.escape(p) for p in re.split(r"(\{[^}]*\})", src) if p)
        whole = len(words) < 3
        out.append((re.compile(("^" + body + "$") if whole else body), src))
    return out


def _collect(qtbot: Any, monkeypatch: pytest.MonkeyPatch, win: Any, cmp_win: Any, dialogs: list[Any]) -> list[Text]:
    texts: list[Text] = []
    for w in (win, cmp_win, *dialogs):
        texts += widget_texts(w)
    return texts


def _open_dialogs(qtbot: Any, monkeypatch: pytest.MonkeyPatch, win: Any) -> tuple[list[Any], list[Text]]:
    """The workstation's dialogs and message boxes: the save-structure-set dialog, a plugin's run form,
    the discard question, About, the file dialogs' titles and status-bar messages."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from plannerview.plugin_api import CONTOUR_ENGINE, DOSE_ENGINE
    from plannerview.ui.edit_panel import SaveStructureSetDialog

    said: list[Text] = []

    def record(kind: str) -> Any:
        def fake(parent: Any, title: str = "", text: str = "", *a: Any, **k: Any) -> Any:
            said.append(Text(f"{kind} title", title, kind))
            if text and not text.startswith(("/", ".")) and kind.startswith("QMessageBox"):
                said.append(Text(f"{kind} text", text, kind))
            if kind == "QFileDialog.getOpenFileNames":
                return [], ""
            if kind.startswith("QFileDialog.getSave"):
                return "", ""
            if kind == "QMessageBox.question":
                return QMessageBox.StandardButton.Cancel
            return ""

        return fake

    monkeypatch.setattr(QMessageBox, "question", staticmethod(record("QMessageBox.question")))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(record("QMessageBox.about")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(record("QMessageBox.information")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(record("QFileDialog.getExistingDirectory")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(record("QFileDialog.getOpenFileNames")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(record("QFileDialog.getSaveFileName")))
    win.open_folder_dialog()
    win.open_files_dialog()
    win.save_screenshot_dialog()
    win.export_report_dialog()
    win.about()
    monkeypatch.setattr(win.contour_tools, "modified_edits", lambda: [SimpleNamespace(name="OuterTarget")])
    assert win.confirm_discard_edits() is False
    monkeypatch.undo()  # the real dialogs and edits again
    save = SaveStructureSetDialog(win)
    dialogs: list[Any] = [save]
    plugins = win.plugins
    if plugins is not None:
        pairs = plugins.registry.contributions(CONTOUR_ENGINE)
        if pairs:
            dialogs.append(plugins.open_form(*pairs[0]))
        # every first-party dose engine's run form and every first-party plugin's settings form
        dialogs += [plugins.open_form(r, c) for r, c in plugins.registry.contributions(DOSE_ENGINE)
                    if r.name.startswith("plannerview-")]
        for r in plugins.registry.records:
            if r.name.startswith("plannerview-") and r.manifest is not None and len(r.manifest.settings):
                dialogs.append(plugins.status_panel.edit_settings(r.name))
    return dialogs, said


def _status_messages(win: Any) -> list[str]:
    """Messages the status bar and panels show along the way (load, a missing path, a language choice)."""
    seen: list[str] = []
    win.statusBar().messageChanged.connect(lambda m: seen.append(m) if m else None)
    return seen


def _overlay_regressions(qtbot: Any, lang: str, views: list[Any]) -> list[str]:
    """Collisions of the views' painted texts in ``lang`` that the English texts do not have on the
    same views (the overlay's own layout is the views' business; a translation must not make it worse)."""
    from plannerview.ui.i18n import install_language

    def collisions() -> list[dict[str, str]]:
        for v in views:
            v.grab()
        return [overlay_collisions(v) for v in views]

    translated = collisions()
    install_language("en")
    english = collisions()
    install_language(lang)
    for v in views:
        v.grab()
    return [msg for t, e in zip(translated, english, strict=True) for kind, msg in t.items() if kind not in e]


def _check_layout(qtbot: Any, lang: str, win: Any, cmp_win: Any, out: Path) -> list[str]:
    """Widgets: nothing clipped, nothing overlapping, in the main window at both sizes (the edit dock
    open too) and the comparison window at 1600 x 1000; painted view texts: no worse than English."""
    from plannerview.ui.capture import grab_window

    problems = []
    notes = []
    for w, h in SIZES:
        for name, window in (("main", win), ("compare", cmp_win)):
            window.resize(w, h)
            _settle(qtbot, 120)
            got = (window.width(), window.height())
            img = grab_window(window) if window is win else window.grab().toImage()
            img.save(str(out / f"{name}_{lang}_{w}x{h}.png"))
            found = [f"{name} {w}x{h} {lang}: {p}" for p in clipped(window) + overlapping(window)]
            if got != (w, h):
                found.insert(0, f"{name} window in {lang}: asked {w}x{h}, needs at least {got[0]}x{got[1]}")
            views = list(getattr(window, "views", {}).values())
            problems += [f"{name} {w}x{h} {lang}: painted text {p}" for p in _overlay_regressions(qtbot, lang, views)]
            problems += found
    # the contour-editing dock as well, opened as a user does (View > Edit contours)
    win.resize(*SIZES[1])
    win.edit_action.setChecked(True)
    _settle(qtbot, 120)
    problems += [f"main with the edit dock 1280x800 {lang}: {p}" for p in clipped(win) + overlapping(win)]
    grab_window(win).save(str(out / f"main_edit_{lang}_1280x800.png"))
    win.edit_action.setChecked(False)
    (out / f"layout_notes_{lang}.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_workstation_in_each_language(qtbot, monkeypatch, demo_dir: Path, shared_ws: Workspace,  # type: ignore[no-untyped-def]
                                          test_output: Path, english_after: None, lang: str) -> None:
    from PySide6.QtCore import QThreadPool

    from plannerview.ui.compare_window import CompareWindow
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    out = test_output / "i18n"
    out.mkdir(exist_ok=True)
    _switch(lang)
    win = MainWindow(settings=Settings(), plugin_services=False)
    qtbot.addWidget(win, before_close_func=lambda w: w.contour_tools.discard_all())
    messages = _status_messages(win)
    win.resize(*SIZES[0])
    win.show()
    qtbot.waitExposed(win)
    case = open_and_wait(qtbot, win, [demo_dir])
    s = win.qs.model
    s.select(plan=next(p for p in case.plans if p.label == "Photon7F"))
    win.ensure_heavy_panels()
    win.dvh_panel.compute_now()
    win.goals_panel.protocol.setCurrentIndex(win.goals_panel.protocol.findText(PROTOCOL))
    win.goals_panel.evaluate_now()
    win.review_panel.run_checks_now()
    win.view3d.build_now()
    win.edit_panel.edit_existing("OuterTarget")
    win.open_paths([str(demo_dir / "no such folder")])
    assert win.dose_check is not None  # Tools > Beam setup says where the beams are placed
    win.dose_check.set_setup("HFS")
    win.dose_check.set_setup("")
    # the comparison window: photon (A) against proton (B), mixed types allowed, with the protocol
    cmp_win = CompareWindow(shared_ws, autostart=False)
    qtbot.addWidget(cmp_win)
    photon = next(d for d in shared_ws.case.doses if d.file.endswith("RD_Photon7F.dcm"))
    proton = next(d for d in shared_ws.case.doses if d.file.endswith("RD_ProtonIMPT.dcm"))
    cmp_win.select_doses(photon, proton)
    cmp_win.mixed.setChecked(True)
    cmp_win.protocol.setCurrentIndex(cmp_win.protocol.findData(PROTOCOL))
    cmp_win.cutoff_pct.setValue(50)  # the same texts as at 10 %, in a third of the time (CI budget)
    cmp_win.resize(*SIZES[0])
    cmp_win.show()
    qtbot.waitExposed(cmp_win)
    with qtbot.waitSignal(cmp_win.comparison_ready, timeout=120000):
        cmp_win.start()
    if lang == "fr_FR":  # File > Export report writes the PDF in the workstation's language
        pdf = out / "report_fr_FR.pdf"
        pdf.unlink(missing_ok=True)
        assert win.export_report(str(pdf)) is not None
        qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("rapport écrit"), timeout=120000)
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            assert "Rapport de revue du plan de traitement" in text and "Photon7F" in text
    dialogs, said = _open_dialogs(qtbot, monkeypatch, win)
    for d in dialogs:
        d.show()
    _settle(qtbot, 150)
    win.grab()  # paint the views once: their overlays say what they wrote
    for v in cmp_win.views.values():
        v.grab()
    texts = _collect(qtbot, monkeypatch, win, cmp_win, dialogs) + said
    texts += [Text("status bar message", m, "QStatusBar") for m in messages]
    values = _data_values(win, cmp_win) | {str(demo_dir / "no such folder")}

    if lang == "zh_CN":
        untranslated = []
        for t in texts:
            words = foreign_words(t.text, values)
            if words:
                untranslated.append(f"- {t.widget} at {t.where}: {t.text[:100]!r} has English {words[:5]}; "
                                    f"the text is in {_where_in_code(t.text)}")
        assert not untranslated, (f"{len(untranslated)} visible texts of the Chinese workstation are not "
                                  f"translated:\n" + "\n".join(sorted(set(untranslated))[:40]) + f"\nHow to fix: {HOW_TO_FIX}")
        assert sum(has_cjk(t.text) for t in texts) > 300
    if lang == "fr_FR":
        patterns = _english_patterns(lang)
        own = {t.text: strip_values(t.text, values).strip() for t in texts}  # without the data in them
        english = sorted({f"- {t.widget} at {t.where}: {t.text[:100]!r} is the English of {src!r}; the text is in "
                          f"{_where_in_code(src)}"
                          for t in texts if own[t.text] for p, src in patterns if p.search(own[t.text])})
        assert not english, "English shown in the French workstation:\n" + "\n".join(english[:40]) + f"\n{HOW_TO_FIX}"

    # never translated: the files' ROI names and plan label (read with pydicom), the goals' metric expressions
    import pydicom

    shown = {t.text for t in texts}
    rois = {r.ROIName for r in pydicom.dcmread(demo_dir / "RS_TG119.dcm").StructureSetROISequence}
    assert rois <= shown, rois - shown
    assert any(str(pydicom.dcmread(demo_dir / "RP_Photon7F.dcm").RTPlanLabel) in t for t in shown)
    table = win.goals_panel.table
    cells = {table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
             if table.item(r, c) is not None}
    metrics = {r.goal.metric for r in win.goals_panel.result.results}
    assert metrics and all(any(m in c for c in cells) for m in metrics), metrics

    # numbers a person reads carry the language's decimal separator (the model keeps floats)
    readout = win.readout.label.text()
    dose_line = next(line for line in readout.splitlines() if re.search(r"\d[.,]\d{3} Gy", line))
    assert re.search(r"\d,\d{3} Gy", dose_line) if lang == "fr_FR" else re.search(r"\d\.\d{3} Gy", dose_line)
    value_cells = [win.goals_panel.table.item(r, 3).text() for r in range(win.goals_panel.table.rowCount())
                   if win.goals_panel.table.item(r, 3).text()]
    assert value_cells and all(("," in c) == (lang == "fr_FR") for c in value_cells if re.search(r"\d[.,]\d", c))
    # the DVH plots' tick numbers too (pyqtgraph writes 0.5 for a 0.5 spacing)
    sep = "," if lang == "fr_FR" else "."
    for plot in (win.dvh_panel.plot, cmp_win.dvh_plot):
        for side in ("left", "bottom"):
            assert plot.getAxis(side).tickStrings([0.5, 1.0], 1.0, 0.5) == [f"0{sep}5", f"1{sep}0"]
    g = win.goals_panel.result.results[0]
    if g.value is not None:
        assert win.goals_panel.table.item(0, 3).text() == \
            f"{g.value:.2f} {g.unit}".replace(".", "," if lang == "fr_FR" else ".")
    # the plan checks' result lines: translated, with the plan's names and numbers as they are
    checks = win.review_panel.table
    lines = {res.id: checks.item(r, 2).text() for r, res in enumerate(win.review_panel.report.results)}
    tips = {res.id: checks.item(r, 2).toolTip() for r, res in enumerate(win.review_panel.report.results)}
    assert tips == lines and "Photon7F" in lines["mu_per_gy"]
    assert "G154" in lines["couch_structure"] and "TG119" in lines["couch_structure"]
    dmax = lines["prescription_consistency"]
    if lang == "en":
        assert dmax == "dose maximum 62.51 Gy = 125.0 % of 50 Gy"
    elif lang == "fr_FR":
        assert dmax == "dose maximale 62,51 Gy = 125,0 % de 50 Gy", dmax
        assert lines["approval_status"] == "le plan « Photon7F » est UNAPPROVED : pas encore approuvé dans le système " \
                                           "de planification"
    else:
        assert dmax == "最大剂量 62.51 Gy = 50 Gy 的 125.0 %", dmax
        assert all(has_cjk(t) for t in lines.values()), lines
    # the goals' notes: the core's clauses translated, the protocol's own note (data) as written
    notes = [table.item(r, 7).text() for r in range(table.rowCount())]
    first = win.goals_panel.result.results[0]
    assert "OuterTarget" in notes[0] and first.goal.note in notes[0]
    if lang == "fr_FR":
        assert "fractionnement différent : plan 25 fx, protocole 44 fx" in notes[0], notes[0]
    elif lang == "zh_CN":
        assert "分次不同：计划 25 fx，方案 44 fx" in notes[0] and "由计划的靶区剂量参考引用" in notes[0], notes[0]
    # the clinical words of the glossary in the panels
    if lang == "zh_CN":
        assert win.dvh_dock.windowTitle() == "剂量体积直方图" and win.goals_dock.windowTitle() == "临床目标"
    if lang == "fr_FR":
        assert win.dvh_dock.windowTitle() == "HDV" and win.goals_dock.windowTitle() == "Objectifs cliniques"

    problems = _check_layout(qtbot, lang, win, cmp_win, out)
    for n, d in enumerate(dialogs):  # each dialog at the size it opens with
        problems += [f"dialog {d.windowTitle()!r} {lang}: {p}" for p in clipped(d) + overlapping(d)]
        d.grab().save(str(out / f"dialog{n}_{lang}.png"))
    assert not problems, f"{len(problems)} layout problems in {lang}:\n" + "\n".join(problems[:30])
    for d in dialogs:
        d.close()
    cmp_win.shutdown()
    win.shutdown()
    assert QThreadPool.globalInstance().waitForDone(20000)
    cmp_win.close()
    _delete_now(win)


def test_a_chinese_font_is_installed_and_draws_chinese(qtbot, english_after: None) -> None:  # type: ignore[no-untyped-def]
    """The setup installs Noto Sans CJK (fonts-noto-cjk): Qt has a Simplified Chinese family and draws
    剂量 with real glyphs (not the empty boxes of a missing font); the PDF report finds it too."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QRawFont

    from plannerview.resources import cjk_font

    _switch("zh_CN")
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert any("CJK SC" in f or "Hei" in f for f in families), families[:10]
    from PySide6.QtWidgets import QApplication

    font = QApplication.font()
    assert "Noto Sans CJK SC" in font.families()
    raw = QRawFont.fromFont(QFont("Noto Sans CJK SC"), QFontDatabase.WritingSystem.SimplifiedChinese)
    assert raw.isValid() and all(raw.supportsCharacter(ord(c)) for c in "剂量体积直方图靶区危及器官处方")
    assert QFontMetrics(font).horizontalAdvance("剂量") > 0
    found = cjk_font()
    assert found is not None and found[0].is_file()


def test_language_is_chosen_in_the_settings_and_applies_after_a_restart(qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                                                         english_after: None) -> None:
    from PySide6.QtCore import QCoreApplication

    from plannerview.ui.app import make_app
    from plannerview.ui.i18n import current_language
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    _switch("en")
    monkeypatch.delenv("PLANNERVIEW_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    win = MainWindow(settings=Settings.load(), heavy_panels=False, plugin_services=False)
    qtbot.addWidget(win)
    menu = win.language_menu
    names = [a.text() for a in menu.actions()]
    assert names == ["System language", "English", "简体中文", "Français"]
    assert next(a for a in menu.actions() if a.isChecked()).data() == "system"
    french = next(a for a in menu.actions() if a.data() == "fr_FR")
    french.trigger()
    assert Settings.load().language == "fr_FR"  # saved
    assert "Français" in win.statusBar().currentMessage() and current_language() == "en"  # at the next start
    # the next start: make_app(language="auto") reads the setting and installs French
    make_app("dark", language="auto")
    assert current_language() == "fr_FR"
    assert QCoreApplication.translate("MainWindow", "Compare plans…") == "Comparer des plans…"
    win2 = MainWindow(settings=Settings.load(), heavy_panels=False, plugin_services=False)
    qtbot.addWidget(win2)
    assert win2.compare_action.text() == "Comparer des plans…"
    assert [a.text() for a in win2.menuBar().actions()][:3] == ["&Fichier", "&Affichage", "&Outils"]
    # "System language" again: the system locale decides (French here, English under C)
    next(a for a in win2.language_menu.actions() if a.data() == "system").trigger()
    assert Settings.load().language == ""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    make_app("dark", language="auto")
    assert current_language() == "zh_CN"
    # the command line wins over both
    make_app("dark", language="fr")
    assert current_language() == "fr_FR"
    for w in (win, win2):
        w.shutdown()
        _delete_now(w)  # on this thread: left to the garbage collector, a worker thread may free them


def test_screenshot_lang_changes_the_picture_not_the_json(demo_dir: Path, tmp_path: Path, english_after: None,  # type: ignore[no-untyped-def]
                                                          capsys) -> None:
    """``plannerview screenshot --lang``: the labels of the picture follow the language; what the
    command prints (its message, its --json) does not."""
    import numpy as np
    from PySide6.QtGui import QImage

    from plannerview.cli.main import main
    from plannerview.ui.capture import qimage_to_rgba

    docs = {}
    for lang in ("en", "zh_CN"):
        out = tmp_path / f"goals_{lang}.png"
        assert main(["screenshot", str(demo_dir), "--plan", "Photon7F", "--view", "goals", "--size", "900x300",
                     "--lang", lang, "--json", "--out", str(out)]) == 0
        docs[lang] = __import__("json").loads(capsys.readouterr().out)
    assert main(["screenshot", str(demo_dir), "--view", "goals", "--size", "900x300", "--lang", "fr",
                 "--out", str(tmp_path / "goals_fr.png")]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {tmp_path / 'goals_fr.png'} (900x300, goals)"
    en, zh = (qimage_to_rgba(QImage(str(tmp_path / f"goals_{x}.png"))) for x in ("en", "zh_CN"))
    assert en.shape == zh.shape and np.any(en != zh)  # the words differ
    for d in docs.values():
        d.pop("out")
        d.pop("non_background_fraction")  # a measure of the picture, whose words differ
    assert docs["en"] == docs["zh_CN"]


def test_the_empty_workstation_in_chinese(qtbot, english_after: None) -> None:  # type: ignore[no-untyped-def]
    """Before a case is open (banner, empty panels, plugin status, menus) nothing is left in English."""
    from plannerview.plugins import default_registry
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    _switch("zh_CN")
    win = MainWindow(settings=Settings(), heavy_panels=False, plugin_services=False)
    qtbot.addWidget(win)
    win.ensure_heavy_panels()
    from plannerview.review.loaders import list_protocols

    values = set(LANGUAGE_NAMES) | DATA_TEXTS | set(list_protocols())  # protocol files' names
    for r in default_registry().records:  # identifiers of the plugins (their words are translated)
        values |= {r.name, r.origin, r.version, r.error} | {st.contribution.name for st in r.states.values()}
    left = [f"{t.widget} at {t.where}: {t.text!r}" for t in widget_texts(win) if foreign_words(t.text, values)]
    assert not left, "\n".join(left) + f"\n{HOW_TO_FIX}"
    assert win.banner.text() == "未加载病例"
    win.shutdown()
    _delete_now(win)  # its VTK view too, on this thread (see above)


def test_open_lang_zh_cn_opens_the_workstation_in_chinese(qtbot, monkeypatch, demo_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          english_after: None, capsys) -> None:
    """``plannerview open --lang zh_CN``: the window's menus and banner in Chinese, the command's own
    message in English."""
    import plannerview.ui.main_window as mw
    from plannerview.cli.main import main
    from plannerview.ui.i18n import current_language

    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("PLANNERVIEW_LANG", raising=False)
    opened: list[Any] = []

    class Recorded(mw.MainWindow):
        def __init__(self, *a: Any, **k: Any) -> None:
            k.setdefault("heavy_panels", False)
            k.setdefault("plugin_services", False)
            super().__init__(*a, **k)
            opened.append(self)

    monkeypatch.setattr(mw, "MainWindow", Recorded)
    import gc

    gc.collect()  # Qt objects of earlier tests freed here, never by a collection on the loader thread
    assert main(["open", str(demo_dir), "--lang", "zh_CN", "--exit-after-first-frame"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("first slice rendered after ") and not has_cjk(out)
    win = opened[0]
    assert current_language() == "zh_CN"
    assert [a.text() for a in win.menuBar().actions()][:3] == ["文件(&F)", "视图(&V)", "工具(&T)"]
    assert "图像：" in win.banner.text() and "结构集：" in win.banner.text()  # labels; the case's values as they are
    assert "PV-DEMO-TG119" in win.banner.text()
    win.shutdown()
    _delete_now(win)
    # the command quit its application once: event loops started after it still run (a stray Quit
    # event made every later GUI test time out at once)
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    QCoreApplication.processEvents()  # what was posted while the command ended
    loop = QEventLoop()
    QTimer.singleShot(100, loop.quit)
    t0 = time.perf_counter()
    loop.exec()
    assert time.perf_counter() - t0 >= 0.09


def test_screenshot_message_stays_english_in_another_language(demo_dir: Path, tmp_path: Path, english_after: None,  # type: ignore[no-untyped-def]
                                                              capsys) -> None:
    """A view with nothing to show in Chinese (goals of a dose without a plan: no protocol fits): the
    command's message is English (the panel's own words are Chinese)."""
    from plannerview.cli.main import main

    png = tmp_path / "goals.png"
    rc = main(["screenshot", str(demo_dir / "CT"), str(demo_dir / "RS_TG119.dcm"), str(demo_dir / "RD_Photon7F.dcm"),
               "--view", "goals", "--lang", "zh_CN", "--size", "600x300", "--out", str(png)])
    err = capsys.readouterr().err
    assert rc == 1 and not png.exists()
    assert "nothing to show in the goals view: no report (no protocol applied" in err and not has_cjk(err), err
