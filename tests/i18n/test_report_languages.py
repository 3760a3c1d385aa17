"""The PDF review report in English, Chinese and French, read back with pdftotext: headings and
verdicts in the language, the numbers of the demo files (read with pydicom) with the language's
decimal separator, Chinese drawn with an embedded Noto Sans CJK; and the ``report`` command's own
messages and ``--json`` the same in every language."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.review.audit import AuditLog
from plannerview.review.loaders import load_protocol
from plannerview.review.report import collect, set_language, write_pdf

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
PROTOCOL = "prostate_rtog0126"
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


@pytest.fixture(scope="module")
def demo() -> Path:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    return DEMO


@pytest.fixture(scope="module")
def reports(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """The demo photon plan's report in each language: (text, fonts) of each PDF."""
    out = tmp_path_factory.mktemp("reports")
    case = plannerview.load([str(demo)])
    plan = next(p for p in case.plans if p.label == "Photon7F")
    data = collect(case, plan, protocol=load_protocol(PROTOCOL), log=AuditLog(out / "audit.jsonl"))
    found = {}
    try:
        for lang in ("en", "zh_CN", "fr_FR"):
            set_language(lang)
            pdf = write_pdf(data, out / f"report_{lang}.pdf")
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
            found[lang] = (text, fonts)
    finally:
        set_language("en")
    return found


def _dmax_gy(demo: Path) -> float:
    ds = pydicom.dcmread(demo / "RD_Photon7F.dcm")
    return float(np.max(ds.pixel_array)) * float(ds.DoseGridScaling)


def test_headings_and_verdicts_in_each_language(reports: dict[str, tuple[str, str]]) -> None:
    en, zh, fr = reports["en"][0], reports["zh_CN"][0], reports["fr_FR"][0]
    assert "Treatment plan review report" in en and "4. Dose-volume histograms" in en
    assert "治疗计划审核报告" in zh and "4. 剂量体积直方图" in zh and "3. 临床目标" in zh and "处方剂量" in zh
    assert "计划批准状态" in zh and "未评估" in zh  # a bundled check's title, a goal's verdict
    assert "Rapport de revue du plan de traitement" in fr and "4. Histogrammes dose-volume" in fr
    assert "Statut d'approbation du plan" in fr and "3. Objectifs cliniques" in fr and "non évalué" in fr
    # DICOM values as they are in the files, in every language
    for text in (en, zh, fr):
        assert "Photon7F" in text and "PV-DEMO-TG119" in text and "OuterTarget" in text


def test_numbers_use_the_language_decimal_separator(reports: dict[str, tuple[str, str]], demo: Path) -> None:
    dmax = f"{_dmax_gy(demo):.2f}"
    assert "." in dmax
    assert f"maximum {dmax} Gy" in reports["en"][0]
    assert f"最大值 {dmax} Gy" in reports["zh_CN"][0]
    assert f"maximum {dmax.replace('.', ',')} Gy" in reports["fr_FR"][0]
    plan = pydicom.dcmread(demo / "RP_Photon7F.dcm")
    rx = float(plan.DoseReferenceSequence[0].TargetPrescriptionDose)
    fx = int(plan.FractionGroupSequence[0].NumberOfFractionsPlanned)
    assert f"{rx:g} Gy en {fx} fractions ({rx / fx:.3g} Gy par fraction)".replace(".", ",") in reports["fr_FR"][0]
    assert f"{rx:g} Gy，分 {fx} 次（每次 {rx / fx:.3g} Gy）" in reports["zh_CN"][0]


def test_check_lines_in_the_language_of_the_report(reports: dict[str, tuple[str, str]], demo: Path) -> None:
    """The checks' result lines are printed as the workstation shows them (the same translations, read
    without Qt from data/translations/core_<lang>.json), with the plan's names and the decimal separator."""
    dmax = f"{_dmax_gy(demo):.2f}"
    en, zh, fr = (" ".join(reports[lang][0].split()) for lang in ("en", "zh_CN", "fr_FR"))
    assert f"dose maximum {dmax} Gy = 125.0 % of 50 Gy" in en
    assert "plan 'Photon7F' is UNAPPROVED: not yet approved in the planning system" in en
    assert f"dose maximale {dmax.replace('.', ',')} Gy = 125,0 % de 50 Gy" in fr
    assert "le plan « Photon7F » est UNAPPROVED" in fr and "not yet approved" not in fr
    assert f"最大剂量 {dmax} Gy = 50 Gy 的 125.0 %" in zh
    assert "计划“Photon7F”为 UNAPPROVED" in zh and "not yet approved" not in zh


def test_chinese_is_drawn_with_an_embedded_cjk_font(reports: dict[str, tuple[str, str]]) -> None:
    assert "NotoSansCJK" in reports["zh_CN"][1].replace(" ", "") and "emb" in reports["zh_CN"][1]
    assert "NotoSansCJK" not in reports["en"][1].replace(" ", "")


def test_report_command_messages_and_json_do_not_change_with_the_language(
        demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PLANNERVIEW_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    docs = {}
    try:
        for lang in ("en", "fr"):
            assert main(["report", str(demo), "--plan", "Photon7F", "--out", str(tmp_path / f"{lang}.pdf"),
                         "--lang", lang, "--json"]) == 0
            docs[lang] = json.loads(capsys.readouterr().out)
        assert main(["report", str(demo), "--plan", "Photon7F", "--protocol", "no_such_protocol",
                     "--out", str(tmp_path / "zh.pdf"), "--lang", "zh"]) == 2
        err = capsys.readouterr().err
        assert "no_such_protocol" in err and not any("\u4e00" <= c <= "\u9fff" for c in err)  # English
    finally:
        set_language("en")
    for d in docs.values():
        d.pop("seconds")
        d.pop("out")
    assert docs["en"] == docs["fr"]
    assert set(docs["en"]) == {"plan", "checks", "goals", "signoff"}
