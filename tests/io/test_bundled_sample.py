"""The bundled sample (resources/sample) loads without ../shared; values read from its files."""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.io import codes

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


def test_sample_loads_with_its_known_quirks(capsys: pytest.CaptureFixture[str]) -> None:
    case = plannerview.load(SAMPLE)
    assert (len(case.images), len(case.structure_sets), len(case.plans), len(case.doses)) == (1, 1, 1, 1)
    rs = pydicom.dcmread(SAMPLE / "rtstruct.dcm", force=True)  # no Part-10 header
    assert [r.name for r in case.structure_sets[0].rois] == [str(r.ROIName) for r in rs.StructureSetROISequence]
    assert case.structure_sets[0].roi("Isocenter 1").is_point
    plan = pydicom.dcmread(SAMPLE / "rtplan.dcm")
    assert case.plans[0].fractions == int(plan.FractionGroupSequence[0].NumberOfFractionsPlanned)
    assert case.plans[0].beams[0].meterset == pytest.approx(float(plan.FractionGroupSequence[0].ReferencedBeamSequence[0].BeamMeterset))
    assert codes.DOSE_RELATIVE in {f.code for f in case.findings}
    assert main(["info", str(SAMPLE)]) == 0
    assert "Plan1" in capsys.readouterr().out
