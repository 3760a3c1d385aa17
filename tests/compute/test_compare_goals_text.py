"""``compare --roi-map`` and the goals in the text report, on the demo case and a half-scaled copy
of its photon dose (see test_comparison_core): the map sends the protocol's Core goal to BODY."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plannerview.cli.main import main

from .test_comparison_core import DEMO, write_half_scaled


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str, str, Path]:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    tmp = tmp_path_factory.mktemp("cmpmap")
    b = write_half_scaled(DEMO, tmp / "RD_B.dcm")
    m = tmp / "map.yaml"
    m.write_text("BODY: Core\n")
    return [str(DEMO), str(b)], str(DEMO / "RD_Photon7F.dcm"), str(b), m


def test_roi_map_and_goals_in_text(paths, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    inputs, a, b, roi_map = paths
    # the goal on BODY is BODY's D10%: the value `goals` gives with the same map
    assert main(["goals", *inputs, "--dose", a, "--protocol", "tg119_cshape", "--roi-map", str(roi_map),
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    ptv, core = doc["goals"][0], doc["goals"][2]
    assert core["roi"] == "Core" and core["matched_roi"] == "BODY" and ptv["matched_roi"] == "OuterTarget"
    args = ["compare", *inputs, "--a", a, "--b", b, "--protocol", "tg119_cshape", "--roi-map", str(roi_map),
            "--cutoff", "80"]  # a small gamma volume: this test is about the goals
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "Goals: tg119_cshape" in text
    goals_part = text.split("Goals: tg119_cshape", 1)[1]
    row = next(ln for ln in goals_part.splitlines() if ln.strip().startswith("Core"))
    assert "BODY" in row and "D10%" in row and "<= 25" in row and f"{core['value']:.2f}" in row
    row = next(ln for ln in goals_part.splitlines() if ln.strip().startswith("PTV") and "D95%" in ln)
    assert "OuterTarget" in row and f"{ptv['value']:.2f}" in row  # the plan's target dose reference
    assert main([*args[:-2], "--roi-map", str(roi_map.parent / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err
