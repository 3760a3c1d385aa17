"""Sign-off: the SR review document, the approved RTPLAN copy, the audit entries, and refusal when
the reviewed files changed after the review started."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pydicom
import pytest

from plannerview.cli.main import main
from plannerview.io.loader import load
from plannerview.review.audit import AuditLog
from plannerview.review.checks import make_context
from plannerview.review.signoff import Comment, PlanReview, SignOffRefused

from .cases import copy_case, demo_files


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _walk(items):
    for it in items:
        yield it
        yield from _walk(getattr(it, "ContentSequence", []))


@pytest.fixture()
def case_dir(tmp_path):
    return copy_case(tmp_path, demo_files("plan", "rs", "rd"))


def test_review_cli_writes_sr_plan_copy_and_audit(case_dir, tmp_path, capsys, monkeypatch):
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("PLANNERVIEW_AUDIT_LOG", str(log))
    before = {p.name: _sha(p) for p in case_dir.iterdir()}
    rc = main(["review", str(case_dir), "--plan", "Photon7F", "--decision", "approve-with-comments",
               "--comment", "Couch not modelled: acceptable for the phantom", "--comment-on", "check",
               "couch_structure", "accepted", "--reviewer", "Jane Doe", "--role", "physicist",
               "--out", str(tmp_path / "out"), "--plan-copy", "--json"])
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    # the inputs are untouched
    assert {p.name: _sha(p) for p in case_dir.iterdir()} == before
    # the SR: its file and SOP UID as printed
    sr = pydicom.dcmread(doc["sr"]["file"])
    assert str(sr.SOPInstanceUID) == doc["sr"]["sop_uid"]
    assert sr.SOPClassUID == "1.2.840.10008.5.1.4.1.1.88.33" and sr.VerificationFlag == "VERIFIED"
    assert str(sr.VerifyingObserverSequence[0].VerifyingObserverName) == "Doe^Jane"
    items = list(_walk(sr.ContentSequence))
    decision = next(i for i in items if i.ConceptNameCodeSequence[0].CodeMeaning == "Review decision")
    assert decision.ConceptCodeSequence[0].CodeMeaning == "Approve with comments"
    texts = [str(i.TextValue) for i in items if i.ValueType == "TEXT"]
    assert "Couch not modelled: acceptable for the phantom" in texts and "check: couch_structure" in texts
    # every reviewed object referenced by UID, with the hash of its file
    refs = {}
    for i in items:
        if i.ValueType == "COMPOSITE":
            uid = str(i.ReferencedSOPSequence[0].ReferencedSOPInstanceUID)
            refs[uid] = str(i.ContentSequence[0].TextValue)
    for p in case_dir.iterdir():
        ds = pydicom.dcmread(p, stop_before_pixels=True)
        assert refs[str(ds.SOPInstanceUID)] == _sha(p)
    # the RTPLAN copy
    cp = pydicom.dcmread(doc["plan_copy"]["file"])
    orig = pydicom.dcmread(case_dir / "RP_Photon7F.dcm")
    assert cp.ApprovalStatus == "APPROVED" and orig.ApprovalStatus == "UNAPPROVED"
    assert str(cp.ReviewerName) == "Doe^Jane" and len(cp.ReviewDate) == 8 and cp.ReviewTime
    assert cp.SOPInstanceUID != orig.SOPInstanceUID and cp.SOPInstanceUID == doc["plan_copy"]["sop_uid"]
    assert cp.BeamSequence[3].BeamName == orig.BeamSequence[3].BeamName
    # the audit log: started + signed off, intact, the printed hash is the last entry's
    entries = AuditLog(log).entries()
    assert [e.action for e in entries] == ["review-started", "signed-off"]
    assert entries[-1].hash == doc["audit"]["hash"] and AuditLog(log).verify().ok
    assert entries[-1].data["sr"]["sha256"] == _sha(tmp_path / "out" / sr_name(doc))
    assert entries[-1].user == "Jane Doe" and entries[-1].role == "physicist"
    started = [str(i.TextValue) for i in items if i.ConceptNameCodeSequence[0].CodeMeaning.startswith("Audit")]
    assert started == [entries[0].hash]


def sr_name(doc) -> str:
    from pathlib import Path
    return Path(doc["sr"]["file"]).name


@pytest.mark.skipif(shutil.which("dciodvfy") is None, reason="dicom3tools not installed")
def test_sr_and_plan_copy_pass_dciodvfy(case_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PLANNERVIEW_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    assert main(["review", str(case_dir), "--decision", "reject", "--plan", "Photon7F", "--comment", "wrong Rx",
                 "--out", str(tmp_path / "out"), "--plan-copy", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert pydicom.dcmread(doc["plan_copy"]["file"]).ApprovalStatus == "REJECTED"
    for f in (doc["sr"]["file"], doc["plan_copy"]["file"]):
        out = subprocess.run(["dciodvfy", f], capture_output=True, text=True)
        errors = [line for line in (out.stdout + out.stderr).splitlines() if line.startswith("Error")]
        assert errors == [], errors


def test_sign_off_refused_when_a_reviewed_file_changed(case_dir, tmp_path):
    case = load([str(case_dir)])
    plan = next(p for p in case.plans if p.label == "Photon7F")
    ctx = make_context(case, plan)
    log = AuditLog(tmp_path / "audit.jsonl")
    session = PlanReview(case, plan, ctx.dose, ctx.structure_set, reviewer="A B", log=log)
    session.start()
    ds = pydicom.dcmread(case_dir / "RD_Photon7F.dcm")  # someone re-exports the dose mid-review
    ds.DoseComment = "recalculated"
    ds.save_as(case_dir / "RD_Photon7F.dcm")
    with pytest.raises(SignOffRefused) as exc:
        session.sign_off("approve", [], tmp_path / "out")
    assert "RD_Photon7F.dcm changed since the review started" in str(exc.value)
    assert not (tmp_path / "out").exists()
    assert [e.action for e in log.entries()] == ["review-started", "sign-off-refused"]
    assert log.verify().ok


def test_decision_needs_reasons(case_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PLANNERVIEW_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    assert main(["review", str(case_dir), "--plan", "Photon7F", "--decision", "request-changes",
                 "--out", str(tmp_path / "out")]) == 2
    assert "needs a comment" in capsys.readouterr().err
    with pytest.raises(ValueError):
        Comment("x", target="beam")


def test_each_image_slice_is_hashed_and_a_changed_slice_refuses(tmp_path):
    from tests.conftest import DEMO

    case_dir = copy_case(tmp_path, [DEMO / "CT", *demo_files("plan", "rs", "rd")])
    case = load([str(case_dir)])
    plan = next(p for p in case.plans if p.label == "Photon7F")
    ctx = make_context(case, plan)
    log = AuditLog(tmp_path / "audit.jsonl")
    review = PlanReview(case, plan, ctx.dose, ctx.structure_set, reviewer="A B", log=log)
    review.start()
    image = next(o for o in log.entries()[0].data["objects"] if o["kind"] == "image")
    slices = sorted((case_dir / "CT").glob("*.dcm"))
    assert image["files"] == len(slices) == len(image["each_file"])
    for item in image["each_file"]:
        assert item["sha256"] == _sha(__import__("pathlib").Path(item["file"]))
    ds = pydicom.dcmread(slices[60])
    ds.WindowCenter = 50
    ds.save_as(slices[60])
    with pytest.raises(SignOffRefused, match=f"image {case.images[0].series_uid}: {len(slices)} files changed"):
        review.sign_off("approve", [], tmp_path / "out")
