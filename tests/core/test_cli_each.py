"""``--each``: several cases reviewed one after another in one process (``dvh``, ``goals``,
``check``). Every case's result is the document a run on that case alone prints; a case that
cannot be read is reported by name, with its problem, and the cases after it still run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plannerview.cli.main import main

from .cli_docs import without_times as _without_times

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two cases made of the demo's structure set with one dose each, and a folder of garbage."""
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    root = tmp_path_factory.mktemp("each")
    out = {}
    for name, dose in (("photon", "RD_Photon7F.dcm"), ("proton", "RD_ProtonIMPT.dcm")):
        d = root / name
        d.mkdir()
        for f in ("RS_TG119.dcm", dose):
            shutil.copy(DEMO / f, d / f)
        out[name] = d
    bad = root / "bad"
    bad.mkdir()
    (bad / "broken.dcm").write_bytes(b"not DICOM at all")
    out["bad"] = bad
    return out


def test_dvh_each_prints_one_line_per_case_equal_to_single_runs(cases: dict[str, Path],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(cases["photon"]), str(cases["bad"]), str(cases["proton"])]
    assert main(["dvh", "--each", *paths, "--roi", "Core", "OuterTarget", "--json"]) == 2  # the bad case's exit code
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [doc["path"] for doc in lines] == paths and list(lines[0])[0] == "path"
    assert lines[1]["exit_code"] == 2 and "broken.dcm" in lines[1]["error"] and "not a DICOM file" in lines[1]["error"]
    assert f"plannerview dvh: {cases['bad']}: nothing usable" in captured.err
    for doc, name in ((lines[0], "photon"), (lines[2], "proton")):
        assert main(["dvh", str(cases[name]), "--roi", "Core", "OuterTarget", "--json"]) == 0
        alone = json.loads(capsys.readouterr().out)
        assert _without_times({k: v for k, v in doc.items() if k != "path"}) == _without_times(alone)
        assert doc["dose"]["file"].endswith({"photon": "RD_Photon7F.dcm", "proton": "RD_ProtonIMPT.dcm"}[name])
    # the two doses differ, so each line really is its own case's
    assert lines[0]["structures"][0]["dmean_gy"] != lines[2]["structures"][0]["dmean_gy"]


def test_dvh_each_text_names_every_case(cases: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dvh", "--each", str(cases["photon"]), str(cases["proton"]), "--roi", "Core"]) == 0
    out = capsys.readouterr().out
    assert out.index(f"== {cases['photon']} ==") < out.index("RD_Photon7F") < out.index(f"== {cases['proton']} ==") \
        < out.index("RD_ProtonIMPT")


def test_each_refuses_one_output_file_for_every_case(cases: dict[str, Path], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "curves.csv"
    assert main(["dvh", "--each", str(cases["photon"]), str(cases["proton"]), "--csv", str(csv)]) == 2
    assert "--each cannot be combined with --csv" in capsys.readouterr().err and not csv.exists()


def test_goals_each_gives_each_case_its_own_verdicts(cases: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--protocol", "prostate_conventional_quantec", "--fractions", "25", "--json"]
    assert main(["goals", "--each", str(cases["photon"]), str(cases["proton"]), *argv]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["path"] for d in lines] == [str(cases["photon"]), str(cases["proton"])]
    for doc, name in zip(lines, ("photon", "proton"), strict=True):
        assert main(["goals", str(cases[name]), *argv]) == 0
        alone = json.loads(capsys.readouterr().out)
        assert [g["value"] for g in doc["goals"]] == [g["value"] for g in alone["goals"]]


def test_check_each_runs_the_checks_of_every_case(cases: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--each", str(DEMO), str(cases["bad"]), "--plan", "Photon7F", "--json"])
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    alone_code = main(["check", str(DEMO), "--plan", "Photon7F", "--json"])
    alone = json.loads(capsys.readouterr().out)
    assert code == 2 and second["exit_code"] == 2 and "broken.dcm" in second["error"]
    assert first["plan"]["label"] == "Photon7F" and alone_code in (0, 1)
    assert [(c["id"], c["status"]) for c in first["checks"]] == [(c["id"], c["status"]) for c in alone["checks"]]
