"""Preflight on the summation type: a dose whose maximum does not fit its label, and a plan with no
prescription to check against. Built from copies of the dicompyler-core breast case (Rx 14 Gy in
7 fractions; its beam doses add up to 4 x 0.5 Gy = 2 Gy per fraction, read below with pydicom)."""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest

import plannerview
from plannerview.io import codes
from plannerview.model.findings import Severity


def _copy(src: Path, dst: Path, summation: str, divide_by: float = 1.0, plan_edit=None) -> Path:  # type: ignore[no-untyped-def]
    dst.mkdir()
    (dst / "rtss.dcm").write_bytes((src / "rtss.dcm").read_bytes())
    plan = pydicom.dcmread(src / "rtplan.dcm")
    if plan_edit is not None:
        plan_edit(plan)
    plan.save_as(dst / "rtplan.dcm")
    ds = pydicom.dcmread(src / "rtdose.dcm")
    ds.DoseSummationType = summation
    ds.DoseGridScaling = float(ds.DoseGridScaling) / divide_by
    ds.save_as(dst / "rtdose.dcm")
    return dst


def _findings(case_dir: Path, code: str) -> list:  # type: ignore[type-arg]
    case = plannerview.load(case_dir)
    return [f for f in case.findings if f.code == code and Path(f.file).name == "rtdose.dcm"]


@pytest.fixture(scope="module")
def src(shared_data: Path) -> Path:
    return shared_data / "dicompyler_core_example"


def test_per_fraction_values_labelled_plan_are_caught(src: Path, tmp_path: Path) -> None:
    """Max 14.68 / 7 = 2.10 Gy is 1.05 fractions' worth: a per-fraction dose labelled PLAN."""
    found = _findings(_copy(src, tmp_path / "c", "PLAN", divide_by=7), codes.DOSE_SUMMATION_MISMATCH)
    assert len(found) == 1 and found[0].severity == Severity.ERROR  # goals on it are not trusted to pass
    assert "labelled PLAN" in found[0].message and "looks like a per-fraction dose" in found[0].message
    assert "prescription 14 Gy in 7 fx" in found[0].message
    # the same values labelled FRACTION are consistent: nothing to say
    assert _findings(_copy(src, tmp_path / "d", "FRACTION", divide_by=7), codes.DOSE_SUMMATION_MISMATCH) == []


def test_whole_course_labelled_fraction_is_caught(src: Path, tmp_path: Path) -> None:
    found = _findings(_copy(src, tmp_path / "c", "FRACTION"), codes.DOSE_SUMMATION_MISMATCH)
    assert len(found) == 1 and "looks like a whole-course dose" in found[0].message


def _no_prescription(plan: pydicom.Dataset) -> None:
    del plan.DoseReferenceSequence


def test_without_prescription_the_beam_doses_are_used(src: Path, tmp_path: Path) -> None:
    plan = pydicom.dcmread(src / "rtplan.dcm")
    per_fx = sum(float(rb.BeamDose) for rb in plan.FractionGroupSequence[0].ReferencedBeamSequence)
    assert per_fx == pytest.approx(2.0)
    found = _findings(_copy(src, tmp_path / "c", "FRACTION", plan_edit=_no_prescription),
                      codes.DOSE_SUMMATION_MISMATCH)
    assert len(found) == 1 and "beam doses add up to 2.00 Gy per fraction" in found[0].message


def test_without_prescription_nor_beam_doses_preflight_says_it_cannot_check(src: Path, tmp_path: Path) -> None:
    def strip(plan: pydicom.Dataset) -> None:
        _no_prescription(plan)
        for rb in plan.FractionGroupSequence[0].ReferencedBeamSequence:
            del rb.BeamDose

    case_dir = _copy(src, tmp_path / "c", "PLAN", plan_edit=strip)
    found = _findings(case_dir, codes.DOSE_SUMMATION_UNCHECKED)
    assert len(found) == 1 and "states no prescription" in found[0].message
    assert "cannot be checked" in found[0].message and "14.68 Gy" in found[0].message
    assert any(f.code == codes.PLAN_NO_PRESCRIPTION for f in plannerview.load(case_dir).findings)
