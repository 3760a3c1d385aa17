"""The PDF review report: real text whose numbers match `dvh --json` and `goals --json`, A4 pages,
a first page that is not blank, the sign-off block with the audit entry's hash, and the comparison."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import numpy as np
import pydicom
import pytest
from pydicom.uid import generate_uid

from plannerview.cli.main import main

from .cases import copy_case, demo_files

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
DEMO_ARGS = ["--plan", "Photon7F", "--protocol", "prostate_conventional_quantec"]


def _json(capsys, argv) -> dict:
    main(argv)
    return json.loads(capsys.readouterr().out)


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    """The report of the demo photon plan (with its CT) and the JSON of `dvh` and `goals` on the same case."""
    from tests.conftest import DEMO

    out = tmp_path_factory.mktemp("report")
    pdf = out / "review.pdf"
    import io
    from contextlib import redirect_stdout

    def run(argv):
        buf = io.StringIO()
        with redirect_stdout(buf):
            rc = main(argv)
        return rc, buf.getvalue()

    rc, _ = run(["report", str(DEMO), *DEMO_ARGS, "--out", str(pdf), "--log", str(out / "none.jsonl")])
    assert rc == 0
    dvh = json.loads(run(["dvh", str(DEMO), "--dose", "RD_Photon7F.dcm", "--json"])[1])
    goals = json.loads(run(["goals", str(DEMO), *DEMO_ARGS, "--json"])[1])
    return pdf, dvh, goals


def test_report_numbers_match_dvh_and_goals_json(demo_report):
    pdf, dvh, goals = demo_report
    text = _text(pdf)
    lines = text.splitlines()
    for s in dvh["structures"]:
        row = next(line for line in lines if line.strip().startswith(s["name"] + " ") and "." in line)
        numbers = [float(v) for v in re.findall(r"-?\d+\.\d+", row)]
        d = s["d_percent_gy"]
        want = [s["volume_cc"], s["dmin_gy"], s["dmean_gy"], s["dmax_gy"], d["98"], d["95"], d["50"], d["2"]]
        assert numbers == pytest.approx([round(v, 2) for v in want], abs=0.0051), s["name"]
    evaluated = [g for g in goals["goals"] if g["value"] is not None]
    assert evaluated
    for g in evaluated:
        assert f"{g['value']:.2f} {g['unit']}" in text, g
    c = goals["summary"]
    assert f"{c['pass']} pass, {c['acceptable']} acceptable, {c['fail']} fail" in text


def test_report_pages_are_a4_with_real_text_and_a_drawn_first_page(demo_report, tmp_path):
    pdf, _, _ = demo_report
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.28 x 841.89 pts (A4)" in info
    text = _text(pdf)
    for heading in ("1. Patient and plan", "2. Automated plan checks", "3. Clinical goals", "4. Dose-volume histograms",
                    "5. Key slices through the target", "6. Comparison and gamma", "7. Annotations", "8. Sign-off"):
        assert heading in text
    plan = pydicom.dcmread(demo_files("plan")[0], stop_before_pixels=True)
    assert plan.SOPInstanceUID in text and str(plan.PatientID) in text
    for b in plan.BeamSequence:  # every beam with its MU from the fraction group
        assert b.BeamName in text
    for rb in plan.FractionGroupSequence[0].ReferencedBeamSequence:
        assert f"{float(rb.BeamMeterset):.2f}" in text
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-gray", "-png", str(pdf), str(tmp_path / "p")],
                   check=True)
    png = next(tmp_path.glob("p*.png"))
    from PIL import Image

    page = np.asarray(Image.open(png), dtype=float)
    ink = np.mean(page < 128)
    assert 0.01 < ink < 0.5, ink  # text and tables, not a blank (or black) page


def test_report_sign_off_block_and_comparison(tmp_path, capsys, monkeypatch):
    case_dir = copy_case(tmp_path, demo_files("plan", "rs", "rd"))
    ds = pydicom.dcmread(case_dir / "RD_Photon7F.dcm")  # a second dose: the same, 2 % higher
    ds.DoseGridScaling = float(ds.DoseGridScaling) * 1.02
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.save_as(tmp_path / "RD_plus2pct.dcm")
    log = tmp_path / "audit.jsonl"
    signed = _json(capsys, ["review", str(case_dir), "--decision", "approve", "--reviewer", "Jane Doe",
                            "--out", str(tmp_path / "sr"), "--log", str(log), "--json"])
    pdf = tmp_path / "r.pdf"
    assert main(["report", str(case_dir), str(tmp_path / "RD_plus2pct.dcm"), "--plan", "Photon7F",
                 "--dose", "RD_Photon7F.dcm", "--compare", "RD_plus2pct.dcm", "--log", str(log),
                 "--out", str(pdf)]) == 0
    text = _text(pdf)
    assert signed["audit"]["hash"] in text and signed["sr"]["sop_uid"] in text and "APPROVE" in text
    assert "WARNING" not in text
    # the comparison: a dose 2 % higher everywhere passes 3 %/3 mm gamma everywhere
    assert re.search(r"pass rate 100\.00 % of \d+ voxels", text)
    row = next(line for line in text.splitlines() if line.strip().startswith("OuterTarget") and "-" in line)
    a, b, diff = (float(v) for v in re.findall(r"-?\d+\.\d+", row)[:3])
    assert b == pytest.approx(1.02 * a, abs=0.02) and diff == pytest.approx(a - b, abs=0.011)


def test_report_warns_when_the_signed_off_files_changed(tmp_path, capsys):
    case_dir = copy_case(tmp_path, demo_files("plan", "rs", "rd"))
    log = tmp_path / "audit.jsonl"
    _json(capsys, ["review", str(case_dir), "--decision", "approve", "--out", str(tmp_path / "sr"), "--log", str(log),
                   "--json"])
    ds = pydicom.dcmread(case_dir / "RP_Photon7F.dcm")
    ds.RTPlanDescription = "edited after the sign-off"
    ds.save_as(case_dir / "RP_Photon7F.dcm")
    pdf = tmp_path / "r.pdf"
    assert main(["report", str(case_dir), "--plan", "Photon7F", "--log", str(log), "--out", str(pdf)]) == 0
    text = " ".join(_text(pdf).split())
    assert "WARNING: the plan file" in text and "changed after this sign-off" in text


def test_report_never_overwrites_unless_asked(tmp_path, capsys):
    case_dir = copy_case(tmp_path, demo_files("plan", "rs", "rd"))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"keep me")
    args = ["report", str(case_dir), "--plan", "Photon7F", "--log", str(tmp_path / "none.jsonl"), "--out", str(pdf)]
    assert main(args) == 2
    assert "exists" in capsys.readouterr().err and pdf.read_bytes() == b"keep me"
    assert main([*args, "--overwrite"]) == 0 and pdf.read_bytes()[:5] == b"%PDF-"
