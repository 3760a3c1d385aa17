"""The FRACTION rule in every command, on copies of the dicompyler-core breast case (14 Gy in 7 fx).

The per-fraction copy is the real RTDOSE with DoseSummationType FRACTION and DoseGridScaling (and
the TPS DVHs' DVHDoseScaling) divided by 7: a true per-fraction dose. Truth comes from pydicom:
the stored pixel maximum times the scaling, and the TPS's own cumulative DVHs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest

from plannerview.cli.main import main

FX = 7
BREAST = "breast_fast_forward_26gy_5fx"


def _copy_case(src: Path, dst: Path, summation: str, divide_by: float) -> Path:
    dst.mkdir()
    for name in ("rtplan.dcm", "rtss.dcm", "ct.0.dcm"):
        (dst / name).write_bytes((src / name).read_bytes())
    ds = pydicom.dcmread(src / "rtdose.dcm")
    ds.DoseSummationType = summation
    ds.DoseGridScaling = float(ds.DoseGridScaling) / divide_by
    for item in ds.DVHSequence:
        item.DVHDoseScaling = float(item.DVHDoseScaling) / divide_by
    ds.save_as(dst / "rtdose.dcm")
    return dst


@pytest.fixture(scope="module")
def src(shared_data: Path) -> Path:
    return shared_data / "dicompyler_core_example"


@pytest.fixture(scope="module")
def per_fx(src: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy_case(src, tmp_path_factory.mktemp("fx") / "case", "FRACTION", FX)


@pytest.fixture(scope="module")
def course_max_gy(src: Path) -> float:
    ds = pydicom.dcmread(src / "rtdose.dcm")
    return float(ds.pixel_array.max()) * float(ds.DoseGridScaling)


@pytest.fixture(scope="module")
def tps_heart_v_pct(src: Path) -> Any:
    """V(x Gy, whole course) of the Heart in % from the TPS's DVH in the original RTDOSE."""
    rd = pydicom.dcmread(src / "rtdose.dcm", stop_before_pixels=True)
    item = next(i for i in rd.DVHSequence if int(i.DVHReferencedROISequence[0].ReferencedROINumber) == 5)
    data = np.asarray(item.DVHData, float).reshape(-1, 2)
    edges = np.concatenate([[0.0], np.cumsum(data[:-1, 0])]) * float(item.DVHDoseScaling)
    return lambda x: float(np.interp(x, edges, data[:, 1]) / data[0, 1] * 100.0)


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    rc = main([*args, "--json"])
    out = capsys.readouterr().out
    return rc, json.loads(out) if out.strip() else None


def test_dvh_is_per_fraction_unless_scaled(per_fx: Path, course_max_gy: float,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    rc, doc = _json(capsys, "dvh", str(per_fx), "--roi", "BODY")
    assert rc == 0
    d = doc["dose"]
    assert d["summation"] == "FRACTION" and d["per_fraction"] is True and d["value_unit"] == "Gy/fx"
    assert d["max_gy"] == pytest.approx(course_max_gy / FX, rel=1e-4)
    assert doc["prescription_gy"] == pytest.approx(14.0 / FX)  # one fraction's share of the plan's 14 Gy
    assert any("per fraction" in w for w in doc["warnings"])
    body_fx = doc["structures"][0]["dmax_gy"]
    rc, scaled = _json(capsys, "dvh", str(per_fx), "--roi", "BODY", "--scale-to-course")
    assert rc == 0
    d = scaled["dose"]
    assert d["per_fraction"] is False and d["fraction_scaling"] == FX and d["value_unit"] == "Gy"
    assert d["summation_label"] == "FRACTION x 7 fx (scaled to the course)"
    assert d["max_gy"] == pytest.approx(course_max_gy, rel=1e-4)
    assert scaled["structures"][0]["dmax_gy"] == pytest.approx(FX * body_fx, abs=1e-3)
    assert scaled["prescription_gy"] == 14.0 and scaled["warnings"] == []
    main(["dvh", str(per_fx), "--roi", "BODY"])
    text = capsys.readouterr().out
    assert "values in Gy/fx" in text and "Rx 2 Gy/fx per fraction (14 Gy in 7 fx)" in text


def test_sum_never_multiplies_silently(per_fx: Path, course_max_gy: float, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    rd = str(per_fx / "rtdose.dcm")
    rc, doc = _json(capsys, "sum", rd, "--in", str(per_fx), "--out", str(tmp_path / "a.dcm"))
    assert rc == 0 and doc["per_fraction"] is True and doc["summation_type"] == "FRACTION"
    assert doc["max_gy"] == pytest.approx(course_max_gy / FX, rel=1e-4)  # 2.1 Gy, not 14.7 Gy
    written = pydicom.dcmread(tmp_path / "a.dcm")
    assert written.DoseSummationType == "FRACTION"
    rc, doc = _json(capsys, "sum", rd, "--in", str(per_fx), "--out", str(tmp_path / "b.dcm"), "--scale-to-course")
    assert rc == 0 and doc["per_fraction"] is False and doc["scaled_to_course"] == [FX]
    assert doc["max_gy"] == pytest.approx(course_max_gy, rel=1e-4)
    assert any("x 7 fractions (scaled to the course)" in w for w in doc["warnings"])
    assert pydicom.dcmread(tmp_path / "b.dcm").DoseSummationType == "PLAN"
    ab = tmp_path / "ab.yaml"
    ab.write_text("default: 3\n")
    assert main(["sum", rd, "--in", str(per_fx), "--eqd2", "--alpha-beta", str(ab), "--out",
                 str(tmp_path / "c.dcm")]) == 2
    assert "--scale-to-course" in capsys.readouterr().err


def test_goals_say_per_fraction_against_course_limits(per_fx: Path, tps_heart_v_pct: Any,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    rc, doc = _json(capsys, "goals", str(per_fx), "--protocol", BREAST)
    assert rc == 0 and doc["per_fraction"] is True
    assert any("per-fraction dose evaluated against whole-course limits" in w for w in doc["warnings"])
    heart15 = doc["goals"][1]
    assert heart15["metric"] == "V1.5Gy[%]"
    # 1.5 Gy in one fraction is 10.5 Gy of the course: the TPS's V10.5Gy
    assert heart15["value"] == pytest.approx(tps_heart_v_pct(1.5 * FX), abs=0.5)
    rc, scaled = _json(capsys, "goals", str(per_fx), "--protocol", BREAST, "--scale-to-course")
    assert rc == 0 and scaled["per_fraction"] is False and scaled["warnings"] == []
    assert scaled["goals"][1]["value"] == pytest.approx(tps_heart_v_pct(1.5), abs=0.5)
    assert main(["goals", str(per_fx), "--protocol", BREAST, "--eqd2"]) == 2  # EQD2 needs the course
    assert "--scale-to-course" in capsys.readouterr().err
    main(["goals", str(per_fx), "--protocol", BREAST])
    text = capsys.readouterr().out
    assert "! per-fraction dose evaluated against whole-course limits" in text and " Gy/fx" in text


def test_compare_and_gamma_scale_explicitly(per_fx: Path, src: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The per-fraction copy against the original PLAN dose: refused as they are, equal once scaled."""
    both = tmp_path / "both"
    both.mkdir()
    for f in per_fx.iterdir():
        (both / f.name).write_bytes(f.read_bytes())
    ds = pydicom.dcmread(src / "rtdose.dcm")
    ds.SOPInstanceUID = ds.SOPInstanceUID + ".9"  # a second object beside the copy
    ds.save_as(both / "rtdose_plan.dcm")
    a, b = str(both / "rtdose.dcm"), str(both / "rtdose_plan.dcm")
    assert main(["compare", str(both), "--a", a, "--b", b, "--json"]) == 2
    assert "summation types differ" in capsys.readouterr().err
    rc, doc = _json(capsys, "compare", str(both), "--a", a, "--b", b, "--scale-to-course")
    assert rc == 0
    assert doc["a"]["summation"] == "FRACTION x 7 fx (scaled to the course)" and doc["b"]["summation"] == "PLAN"
    assert doc["gamma"]["pass_rate_pct"] == pytest.approx(100.0)
    heart = next(r for r in doc["structures"] if r["name"] == "Heart")
    assert abs(heart["diff"]["dmean_gy"]) < 1e-3
    assert main(["gamma", a, b, "--scale-to-course"]) == 2  # the file alone: its plan's fractions unknown
    assert "--fractions N" in capsys.readouterr().err
    rc, g = _json(capsys, "gamma", a, b, "--scale-to-course", "--fractions", "7")
    assert rc == 0 and g["pass_rate_pct"] == pytest.approx(100.0)
    rc, g = _json(capsys, "gamma", a, b, "--in", str(both), "--scale-to-course")
    assert rc == 0 and g["pass_rate_pct"] == pytest.approx(100.0) and g["warnings"] == []
    assert g["reference"]["summation_label"].startswith("FRACTION x 7 fx")


def test_info_labels_the_per_fraction_dose(per_fx: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, doc = _json(capsys, "info", str(per_fx))
    assert rc == 0
    dose = doc["patients"][0]["studies"][0]["frames_of_reference"][0]["doses"][0]
    assert dose["per_fraction"] and dose["value_unit"] == "Gy/fx"
    assert dose["title"] == "B1 · FRACTION (per fraction) · rtdose.dcm"
    main(["info", str(per_fx)])
    assert "194 x 129 x 98 voxels (x, y, z)" in capsys.readouterr().out
