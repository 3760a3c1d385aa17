"""The findings of the objects in use: a derived dose carries the findings of the stored dose it
was computed from (its provenance's inputs). Built from a copy of the demo dose relabelled FRACTION
whose whole-course maximum preflight flags (an error on that file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom

import plannerview
from plannerview.io import codes
from plannerview.model.findings import Severity
from plannerview.review.in_use import finding_line, findings_in_use
from plannerview.review.workspace import Workspace

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def test_a_derived_dose_carries_its_source_findings(tmp_path: Path) -> None:
    for name in ("RS_TG119.dcm", "RP_Photon7F.dcm"):
        shutil.copyfile(DEMO / name, tmp_path / name)
    ds = pydicom.dcmread(DEMO / "RD_Photon7F.dcm")
    ds.DoseSummationType = "FRACTION"
    fx = int(pydicom.dcmread(DEMO / "RP_Photon7F.dcm").FractionGroupSequence[0].NumberOfFractionsPlanned)
    bad = tmp_path / "RD_Photon7F.dcm"
    ds.save_as(bad)
    case = plannerview.load(tmp_path)
    ws = Workspace(case=case)
    stored = case.doses[0]
    course = ws.course_dose(stored, fx)
    assert course is not stored and not course.file and course.fraction_scaling == fx
    errors = [f for f in findings_in_use(ws.case, course, case.structure_sets[0], case.plans[0])
              if f.severity == Severity.ERROR]
    assert [(f.code, f.file) for f in errors] == [(codes.DOSE_SUMMATION_MISMATCH, str(bad))]
    assert finding_line(errors[0]).startswith("ERROR RD_Photon7F.dcm: DOSE_SUMMATION_MISMATCH — ")
    # the untouched structures and plan alone have nothing to say
    assert findings_in_use(case, case.structure_sets[0], case.plans[0]) == ()
    assert findings_in_use(None, stored) == ()
