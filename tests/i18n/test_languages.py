"""Which language is used: codes, the system locale, the saved setting and ``--lang``; numbers
written with the language's decimal separator; the report's tables in each language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plannerview import i18n
from plannerview.cli.language import report_language
from plannerview.cli.main import build_parser


@pytest.mark.parametrize(("code", "lang"), [
    ("fr", "fr_FR"), ("fr-FR", "fr_FR"), ("fr_BE.UTF-8", "fr_FR"), ("FR_ca", "fr_FR"), ("zh", "zh_CN"),
    ("zh_CN.UTF-8", "zh_CN"), ("zh-Hans", "zh_CN"), ("zh_SG", "zh_CN"), ("en_GB", "en"), ("C", "en"),
    ("zh_TW", None), ("zh-Hant", None), ("de_DE", None), ("", None), (None, None)])
def test_language_codes(code: str | None, lang: str | None) -> None:
    assert i18n.normalize(code) == lang


@pytest.mark.parametrize(("env", "lang"), [
    ({"LANG": "fr_FR.UTF-8"}, "fr_FR"),
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "de_DE.UTF-8"}, "en"),                                  # not ours: English
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr_FR"),      # LC_ALL first
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),  # then LC_MESSAGES
    ({"LANG": "de_DE.UTF-8", "LANGUAGE": "de:zh_CN"}, "zh_CN"),       # LANGUAGE: a priority list
    ({"LANG": "C.UTF-8", "LANGUAGE": "fr"}, "en"),                    # ignored under the C locale (gettext)
    ({}, "en"),
])
def test_the_system_locale_as_gettext_reads_it(env: dict[str, str], lang: str) -> None:
    assert i18n.system_language(env) == lang


@pytest.fixture(autouse=True)
def _no_language_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANNERVIEW_LANG", raising=False)


def test_command_line_then_environment_then_setting_then_system(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.resolve("zh", "fr_FR", "en_US") == "zh_CN"
    assert i18n.resolve(None, "fr_FR", "zh_CN") == "fr_FR"
    assert i18n.resolve(None, "", "zh_CN") == "zh_CN"
    assert i18n.resolve(None, "system", "fr_CA") == "fr_FR"
    assert i18n.resolve(None, None, "de_DE") == "en"
    monkeypatch.setenv("PLANNERVIEW_LANG", "fr")
    assert i18n.resolve(None, "zh_CN", "zh_CN") == "fr_FR"
    assert i18n.resolve("zh", "en", "en") == "zh_CN"


def test_numbers_take_the_decimal_separator_of_the_language() -> None:
    assert i18n.format_number(62.5123, ".2f", "fr_FR") == "62,51"
    assert i18n.format_number(-0.05, "+.1f", "fr_FR") == "-0,1"
    assert i18n.format_number(62.5123, ".2f", "zh_CN") == "62.51"
    assert i18n.format_number(1234567.5, ".1f", "fr_FR") == "1234567,5"  # no group separator
    assert i18n.format_number(3.0, "g", "fr_FR") == "3"


def test_lang_option_of_the_commands() -> None:
    parser = build_parser(plugin_commands=False)
    for cmd in (["open"], ["screenshot", "x", "--out", "y.png"], ["report", "x", "--out", "y.pdf"]):
        assert parser.parse_args([*cmd, "--lang", "fr"]).lang == "fr_FR"
        assert parser.parse_args([*cmd, "--lang", "zh_CN"]).lang == "zh_CN"
        assert parser.parse_args(cmd).lang is None


def test_an_unknown_language_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser(plugin_commands=False).parse_args(["report", "x", "--out", "y.pdf", "--lang", "de"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--lang 'de': not a supported language; one of en, zh_CN, fr_FR" in err


def test_the_report_follows_the_saved_setting_else_the_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert report_language(None) == "fr_FR"
    (tmp_path / "settings.json").write_text(json.dumps({"language": "zh_CN"}))
    assert report_language(None) == "zh_CN"
    assert report_language("en") == "en"


def test_command_output_json_and_csv_do_not_follow_the_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Under a French locale and language ``dvh --json --csv`` prints JSON numbers and writes a CSV
    whose numbers have a point (float() reads every one), with the English header and keys."""
    from plannerview.cli.main import main

    demo = Path(__file__).resolve().parents[2] / "resources" / "demo"
    if not (demo / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PLANNERVIEW_LANG", "fr")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    csv_file = tmp_path / "dvh.csv"
    assert main(["dvh", str(demo), "--dose", "RD_Photon7F.dcm", "--roi", "Core", "--json", "--csv", str(csv_file)]) == 0
    doc = json.loads(capsys.readouterr().out)
    core = doc["structures"][0]
    assert core["name"] == "Core" and isinstance(core["volume_cc"], float) and isinstance(core["dmax_gy"], float)
    lines = csv_file.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "roi,dose_Gy,volume_cc"
    rows = [line.split(",") for line in lines[1:] if line]
    assert len(rows) > 10 and all(r[0] == "Core" and len(r) == 3 for r in rows)
    doses = [float(r[1]) for r in rows]  # "62,5" would not parse (nor split into three fields)
    assert doses == sorted(doses) and max(doses) >= core["dmax_gy"] - 0.5
