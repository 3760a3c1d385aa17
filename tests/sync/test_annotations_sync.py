"""Annotations both ways through a real hub, from the command line (two users, two XDG_DATA_HOMEs):
JSON shapes of the issue, SR documents read back with highdicom and checked by dciodvfy,
revisions, withdrawal, and concurrent edits kept as a flagged conflict."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom
import pytest
import requests
from plannerview_consult import net, sr

from .conftest import USERS, client, consult, small_case

pytestmark = pytest.mark.slow


def _json(proc: subprocess.CompletedProcess[str]) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_share_annotate_pull_and_sync_back_from_the_command_line(hub, tmp_path: Path) -> None:
    case = small_case(tmp_path / "case", ct_slices=3)
    shared = _json(consult(tmp_path, "alice", "share", str(case), "--server", hub.url, "--json", plannerview=True))
    assert set(shared) >= {"study_uid", "instances", "seconds"} and shared["instances"] == 3 + 5
    study = shared["study_uid"]
    rp = pydicom.dcmread(case / "RP_Photon7F.dcm", stop_before_pixels=True)

    # the consultant finds the shared study on the hub, pulls it and annotates it: a point on an ROI
    listed = _json(consult(tmp_path, "bob", "studies", "--server", hub.url, "--json"))
    assert [s["study_uid"] for s in listed["studies"]] == [study]
    assert listed["studies"][0]["patient_id"] not in ("", rp.PatientID)  # de-identified
    out = tmp_path / "bob-case"
    pulled = _json(consult(tmp_path, "bob", "pull", study, "--server", hub.url, "--out", str(out), "--json"))
    assert pulled["instances"] == 8 and len(list(out.glob("*.dcm"))) == 8
    added = _json(consult(tmp_path, "bob", "annotations", study, "--server", hub.url, "--add",
                          "Core dose looks high here", "--at", "12.5,-30,4", "--roi", "Core", "--json"))
    [a] = added["annotations"]
    assert set(a) >= {"uid", "revision_uid", "author", "status", "text", "position_mm", "roi", "created"}
    assert (a["author"], a["status"], a["text"], a["position_mm"], a["roi"]) == \
        ("bob", "open", "Core dose looks high here", [12.5, -30.0, 4.0], "Core")

    # the sender sees it, and on its original case through its own UID map
    seen = _json(consult(tmp_path, "alice", "annotations", study, "--server", hub.url, "--json"))
    assert [x["revision_uid"] for x in seen["annotations"]] == [a["revision_uid"]]
    alice = client(tmp_path, "alice")
    [(hub_rev, conflict)] = alice.current(study)
    local = alice.to_local(hub_rev)
    assert not conflict
    assert local.frame_of_reference_uid == rp.FrameOfReferenceUID  # the original's, not the hub's
    assert rp.SOPInstanceUID in local.referenced_uids
    assert hub_rev.frame_of_reference_uid != rp.FrameOfReferenceUID

    # the sender answers with a new revision (resolved); then withdraws its own comment
    alice.record(hub_rev.revise(author="alice", status="resolved", text="Agreed, replanned"), hub.url, study,
                 local=False)
    note = alice.annotate(hub.url, study, "Please also check the proton plan", roi=None)
    assert alice.sync(hub.url).error == ""
    alice.record(note.revise(author="alice", status="withdrawn"), hub.url, study, local=False)
    assert alice.sync(hub.url).pushed == 1
    listed = _json(consult(tmp_path, "bob", "annotations", study, "--server", hub.url, "--json"))
    by_uid = {x["uid"]: x for x in listed["annotations"]}
    assert by_uid[a["uid"]]["status"] == "resolved" and by_uid[a["uid"]]["author"] == "alice"
    assert by_uid[a["uid"]]["text"] == "Agreed, replanned"
    assert by_uid[note.uid]["status"] == "withdrawn" and by_uid[note.uid]["position_mm"] is None
    withdrawn = _json(consult(tmp_path, "bob", "annotations", study, "--server", hub.url, "--status", "open",
                              "--json"))
    assert withdrawn["annotations"] == []

    # concurrent edits of one annotation: both revisions kept, the conflict flagged on both sides
    bob = client(tmp_path, "bob")
    assert bob.sync(hub.url).error == ""
    [base] = [x for x, _ in bob.current(study) if x.uid == a["uid"]]
    alice.record(base.revise(author="alice", text="Alice's edit"), hub.url, study, local=False)
    bob.record(base.revise(author="bob", text="Bob's edit"), hub.url, study, local=False)
    for c in (alice, bob, alice):
        assert c.sync(hub.url).error == ""
    for c in (alice, bob):
        heads = [(x.text, flag) for x, flag in c.current(study) if x.uid == a["uid"]]
        assert sorted(heads) == [("Alice's edit", True), ("Bob's edit", True)]
        assert c.conflicts(study) == [a["uid"]]
    flagged = _json(consult(tmp_path, "bob", "annotations", study, "--server", hub.url, "--json"))
    assert sorted(x["text"] for x in flagged["annotations"] if x["conflict"]) == ["Alice's edit", "Bob's edit"]
    # a person resolves it: one new revision replacing both
    keep = next(x for x, _ in bob.current(study) if x.text == "Bob's edit")
    bob.resolve(hub.url, a["uid"], keep.revision_uid, text="Bob's edit, agreed with Alice")
    for c in (bob, alice):
        assert c.sync(hub.url).error == ""
        assert c.conflicts(study) == []
        assert [x.text for x, _ in c.current(study) if x.uid == a["uid"]] == ["Bob's edit, agreed with Alice"]

    # the hub holds every revision exactly once, as one Comprehensive 3D SR each
    h = net.Hub(hub.url, net.Credentials("bob", USERS["bob"]))
    srs = [i for i in h.search_instances(study) if net.qido_value(i, net.SOP_CLASS) == sr.COMPREHENSIVE_3D_SR]
    revisions = {r.annotation.revision_uid for r in alice.store.revisions(study_uid=study)}
    assert len(revisions) == 7
    assert sorted(net.qido_value(i, net.SOP_UID) for i in srs) == sorted(revisions)
    assert {r.annotation.revision_uid for r in bob.store.revisions(study_uid=study)} == revisions
    check_every_sr(h, study, srs, alice, tmp_path)


def check_every_sr(h: net.Hub, study: str, srs: list[dict], store_client, tmp_path: Path) -> None:
    """Read every SR back with highdicom: geometry, text, status, references; dciodvfy: no error."""
    plans_doses = {sop for _, sop, _, mod in store_client.store.instances(study) if mod in ("RTPLAN", "RTDOSE",
                                                                                            "RTSTRUCT")}
    expected = {r.annotation.revision_uid: r for r in store_client.store.revisions(study_uid=study)}
    dciodvfy = shutil.which("dciodvfy")
    for item in srs:
        ds = h.retrieve(study, net.qido_value(item, net.SERIES_UID), net.qido_value(item, net.SOP_UID))
        doc = hd.sr.Comprehensive3DSR.from_dataset(ds)
        rev = expected[str(ds.SOPInstanceUID)]
        a = rev.annotation
        [group] = [g for g in doc.content.get_planar_roi_measurement_groups()] or [None]
        if a.points_mm:
            assert group is not None and str(group.tracking_uid) == a.uid
            region = group.roi
            assert isinstance(region, hd.sr.ImageRegion3D)
            assert np.allclose(np.asarray(region.value).reshape(-1, 3)[0], a.points_mm[0])
            assert str(region.frame_of_reference_uid) == a.frame_of_reference_uid
            [status] = group.get_qualitative_evaluations()
            assert status.value.value == a.status
        texts = [str(x.TextValue) for x in _flat(ds) if "TextValue" in x]
        assert a.text in texts
        refs = {str(x.ReferencedSOPSequence[0].ReferencedSOPInstanceUID) for x in _flat(ds)
                if x.get("ValueType") == "COMPOSITE"}
        assert refs == plans_doses  # the plans, doses and structures of the case
        evidence = {str(i.ReferencedSOPInstanceUID) for s in ds.CurrentRequestedProcedureEvidenceSequence
                    for se in s.ReferencedSeriesSequence for i in se.ReferencedSOPSequence}
        assert evidence == plans_doses
        preds = {str(i.ReferencedSOPInstanceUID) for s in ds.get("PredecessorDocumentsSequence", [])
                 for se in s.ReferencedSeriesSequence for i in se.ReferencedSOPSequence}
        assert preds == set(rev.predecessors)
        assert str(ds.StudyInstanceUID) == study
        if dciodvfy:
            path = tmp_path / f"{ds.SOPInstanceUID}.dcm"
            ds.save_as(path, enforce_file_format=True)
            out = subprocess.run([dciodvfy, str(path)], capture_output=True, text=True)
            errors = [ln for ln in (out.stdout + out.stderr).splitlines() if ln.startswith("Error")]
            assert errors == [], f"{path.name}: {errors}"


def _flat(ds: pydicom.Dataset):
    for item in ds.get("ContentSequence", []):
        yield item
        yield from _flat(item)


def test_change_feed_is_paged_until_done_and_reconcile_finds_what_the_cursor_skipped(hub, tmp_path: Path,
                                                                                       monkeypatch) -> None:
    from plannerview_consult import engine

    case = small_case(tmp_path / "case", ct_slices=1)
    alice, bob = client(tmp_path, "alice"), client(tmp_path, "bob")
    study = alice.share([case], hub.url).study_uid
    bob.pull(study, hub.url, tmp_path / "bob-case")
    assert bob.sync(hub.url).error == ""
    made = [alice.annotate(hub.url, study, f"n{i}", (float(i), 0.0, 0.0)).revision_uid for i in range(5)]
    assert alice.sync(hub.url).pushed == 5
    # pages of two changes: bob reads them all in one sync, and his cursor ends at the hub's last
    monkeypatch.setattr(engine, "CHANGES_PAGE", 2)
    pages = []
    real = net.Hub.changes

    def counting(self, since: int, limit: int = 100):  # type: ignore[no-untyped-def]
        out = real(self, since, limit)
        pages.append((since, limit, len(out[0]), out[1]))
        return out
    monkeypatch.setattr(net.Hub, "changes", counting)
    rep = bob.sync(hub.url, reconcile=False)
    assert rep.pulled == 5 and sorted(a.revision_uid for a in rep.new_remote) == sorted(made)
    assert len(pages) >= 3 and all(limit == 2 for _, limit, _, _ in pages) and pages[-1][3]  # done at the end
    last = requests.get(f"{hub.url}/changes?last", auth=("bob", USERS["bob"]), timeout=5).json()["Last"]
    assert bob.store.cursor(hub.url) == last

    # a client whose cursor went past revisions it never stored (a lost store, a restore): the
    # reconcile by QIDO at start finds them
    carol = client(tmp_path, "bob")  # same user, a fresh process reading the same store
    with carol.store.tx() as c:
        c.execute("DELETE FROM revisions WHERE revision_uid IN (?, ?)", made[:2])
    assert bob.sync(hub.url, reconcile=False).pulled == 0  # the change feed alone never sees them again
    rep = carol.sync(hub.url)  # first sync of this process: reconcile
    assert rep.reconciled and sorted(a.revision_uid for a in rep.new_remote) == sorted(made[:2])
