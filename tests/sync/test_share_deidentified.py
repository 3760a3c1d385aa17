"""Share (de-identify here, STOW-RS to a real Orthanc hub), then scan every instance the hub holds
(every element, nested sequences and private tags) for the original identifiers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from plannerview_consult import net
from plannerview_consult.deid import is_instance_uid
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

from .conftest import client, small_case

pytestmark = pytest.mark.slow

NAME, PID, INSTITUTION = "Doe^Johanna^Marie", "MRN-0042-7781", "Saint Elsewhere Hospital"
IDENTIFYING_TEXT = ("Doe", "Johanna", "MRN-0042-7781", "MRN-ALT-5531", "Saint Elsewhere", "Harbour Road",
                    "House^Gregory", "Gregory", "Jackie", "ACC-9981", "REQ-4411", "complained of pain",
                    "Lung SBRT for J. Doe", "Springfield General", "Radiation Oncology West", "STUDY-778")
TEXT_VRS = {"LO", "SH", "ST", "LT", "UT", "PN", "UC", "CS", "AE", "UR"}


def _registration(ct: list[Dataset]) -> Dataset:
    """A spatial registration (identity) referencing the CT series, same patient and study."""
    ref = ct[0]
    ds = Dataset()
    ds.file_meta = pydicom.dataset.FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.66.1"
    ds.SOPInstanceUID = pydicom.uid.generate_uid()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    for kw in ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate",
               "StudyTime", "StudyID", "AccessionNumber", "ReferringPhysicianName", "FrameOfReferenceUID"):
        setattr(ds, kw, ref.get(kw, ""))
    ds.Modality = "REG"
    ds.SeriesInstanceUID = pydicom.uid.generate_uid()
    ds.SeriesNumber = 50
    ds.InstanceNumber = 1
    ds.ContentDate, ds.ContentTime = ref.StudyDate, "120000"
    reg = Dataset()
    reg.FrameOfReferenceUID = ref.FrameOfReferenceUID
    m = Dataset()
    mat = Dataset()
    mat.FrameOfReferenceTransformationMatrixType = "RIGID"
    mat.FrameOfReferenceTransformationMatrix = [float(v) for v in np.eye(4).ravel()]
    m.MatrixSequence = Sequence([mat])
    reg.MatrixRegistrationSequence = Sequence([m])
    images = []
    for c in ct:
        item = Dataset()
        item.ReferencedSOPClassUID = c.SOPClassUID
        item.ReferencedSOPInstanceUID = c.SOPInstanceUID
        images.append(item)
    reg.ReferencedImageSequence = Sequence(images)
    ds.RegistrationSequence = Sequence([reg])
    series = Dataset()
    series.SeriesInstanceUID = ref.SeriesInstanceUID
    series.ReferencedInstanceSequence = Sequence(images)
    study = Dataset()
    study.StudyInstanceUID = ref.StudyInstanceUID
    study.ReferencedSeriesSequence = Sequence([series])
    ds.StudiesContainingOtherReferencedInstancesSequence = Sequence([study])
    return ds


def make_identified_case(dest: Path) -> Path:
    """The small demo case dressed as a real patient's: names, IDs, dates, institution, free text,
    private tags (also inside sequences), other IDs in a nested sequence; plus a registration."""
    small_case(dest, ct_slices=4)
    files = sorted(dest.rglob("*.dcm"))
    cts = []
    for f in files:
        ds = pydicom.dcmread(f)
        ds.PatientName, ds.PatientID = NAME, PID
        ds.PatientBirthDate, ds.PatientAge, ds.PatientSex = "19610704", "064Y", "F"
        ds.InstitutionName = INSTITUTION
        ds.InstitutionAddress = "12 Harbour Road, Springfield"
        ds.InstitutionalDepartmentName = "Radiation Oncology West"
        ds.ReferringPhysicianName = "House^Gregory"
        ds.OperatorsName = "Nurse^Jackie"
        ds.AccessionNumber, ds.StudyID = "ACC-9981", "STUDY-778"
        ds.StudyDescription = "Lung SBRT for J. Doe"
        ds.ImageComments = "Patient Johanna complained of pain"
        other = Dataset()
        other.PatientID = "MRN-ALT-5531"
        other.IssuerOfPatientID = "Springfield General"
        ds.OtherPatientIDsSequence = Sequence([other])
        req = Dataset()
        req.RequestedProcedureID = "REQ-4411"
        req.ScheduledProcedureStepID = "REQ-4411"
        ds.RequestAttributesSequence = Sequence([req])
        block = ds.private_block(0x0029, "ACME RT 1.0", create=True)
        block.add_new(0x10, "LO", "Doe^Johanna MRN-0042-7781")
        inner = Dataset()
        inner_block = inner.private_block(0x0031, "ACME RT 1.0", create=True)
        inner_block.add_new(0x01, "LO", "Saint Elsewhere Hospital")
        block.add_new(0x20, "SQ", Sequence([inner]))
        ds.save_as(f, enforce_file_format=True)
        if ds.Modality == "CT":
            cts.append(ds)
    _registration(cts).save_as(dest / "REG.dcm", enforce_file_format=True)
    return dest


def _walk(ds: Dataset, path: str = ""):  # every element, sequences and private tags included
    for elem in ds:
        here = f"{path}/{elem.keyword or elem.tag}"
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                yield from _walk(item, f"{here}[{i}]")
        else:
            yield here, elem


def _values(elem) -> list[str]:
    v = elem.value
    if v is None:
        return []
    if isinstance(v, pydicom.multival.MultiValue | list | tuple):
        return [str(x) for x in v]
    if isinstance(v, bytes):
        return []
    return [str(v)]


def _all(ds: Dataset, keyword: str) -> list[str]:
    return [val for _, e in _walk(ds) if e.keyword == keyword for val in _values(e)]


def test_share_leaks_no_identifier_and_keeps_the_case_consistent(hub, tmp_path: Path) -> None:
    case = make_identified_case(tmp_path / "case")
    originals = {str(ds.SOPInstanceUID): ds for ds in (pydicom.dcmread(f) for f in sorted(case.rglob("*.dcm")))}
    # what identified the patient: names, IDs, institution, free text, every date, every instance UID
    orig_uids, orig_dates = set(), set()
    for ds in originals.values():
        for _, e in _walk(ds):
            if e.VR == "UI":
                orig_uids |= {u for u in _values(e) if is_instance_uid(u, e.keyword or "")}
            elif e.VR in ("DA", "DT"):
                orig_dates |= {v[:8] for v in _values(e) if v}

    sender = client(tmp_path, "alice")
    res = sender.share([case], hub.url)
    assert res.instances == len(originals) == 4 + 5 + 1  # CT, RS, two plans, two doses, REG
    assert res.uploaded == res.instances
    assert not list((sender.storage_dir / "outgoing").rglob("*.dcm"))  # staged copies gone once stored

    # every instance as the hub holds it (WADO-RS), read independently of the client's store
    h = net.Hub(hub.url, net.Credentials("bob", "bob-secret-2"))
    listed = h.search_instances(res.study_uid)
    on_hub = [h.retrieve(res.study_uid, net.qido_value(i, net.SERIES_UID), net.qido_value(i, net.SOP_UID))
              for i in listed]
    assert len(on_hub) == len(originals)

    leaks = []
    for ds in on_hub:
        for where, e in _walk(ds):
            for val in _values(e):
                if e.VR in TEXT_VRS | {"UI"}:
                    low = val.lower()
                    leaks += [f"{where}={val!r} holds {t!r}" for t in IDENTIFYING_TEXT if t.lower() in low]
                    leaks += [f"{where}={val!r} holds an original UID" for u in orig_uids if u in val]
                if e.VR in ("DA", "DT") and val[:8] in orig_dates:
                    leaks += [f"{where}={val!r} is an original date"]
        assert not [e for e in ds if e.tag.is_private], "private elements left"
        assert ds.PatientIdentityRemoved == "YES"
        assert ds.LongitudinalTemporalInformationModified == "MODIFIED"
        codes = {c.CodeValue for c in ds.DeidentificationMethodCodeSequence}
        assert {"113100", "113105", "113107", "113109"} <= codes
        assert "PatientBirthDate" not in ds and "PatientAge" not in ds and "OtherPatientIDsSequence" not in ds
    assert leaks == []

    # one consistent UID map: same study, same frame of reference; it maps back to the originals
    by_hub = {str(ds.SOPInstanceUID): ds for ds in on_hub}
    store = sender.store
    for hub_uid, ds in by_hub.items():
        orig = originals[store.original_uid(hub_uid)]
        assert ds.SOPClassUID == orig.SOPClassUID
        assert store.original_uid(str(ds.StudyInstanceUID)) == orig.StudyInstanceUID
        assert store.original_uid(str(ds.SeriesInstanceUID)) == orig.SeriesInstanceUID
        if "FrameOfReferenceUID" in orig:
            assert store.original_uid(str(ds.FrameOfReferenceUID)) == orig.FrameOfReferenceUID
        # every reference in the original points to the same object on the hub
        for kw in ("ReferencedSOPInstanceUID", "ReferencedFrameOfReferenceUID", "FrameOfReferenceUID"):
            assert [store.original_uid(u) for u in _all(ds, kw)] == _all(orig, kw), kw
        # ROI names, plan labels, beam names and geometry are kept
        for kw in ("ROIName", "RTPlanLabel", "BeamName", "StructureSetLabel", "ImagePositionPatient",
                   "GantryAngle", "ContourData", "GridFrameOffsetVector", "TreatmentMachineName"):
            assert _all(ds, kw) == _all(orig, kw), kw
        if orig.Modality in ("CT", "RTDOSE"):
            assert np.array_equal(ds.pixel_array, orig.pixel_array)
    assert len({str(ds.StudyInstanceUID) for ds in on_hub}) == 1
    assert len({str(ds.FrameOfReferenceUID) for ds in on_hub if "FrameOfReferenceUID" in ds}) == 1
    reg = next(ds for ds in on_hub if ds.Modality == "REG")
    cts = {str(ds.SOPInstanceUID) for ds in on_hub if ds.Modality == "CT"}
    assert set(_all(reg, "ReferencedSOPInstanceUID")) == cts  # the registration still resolves
    # dates shifted by one offset (at least 62 days) in every object
    shifts = set()
    for ds in on_hub:
        orig = originals[store.original_uid(str(ds.SOPInstanceUID))]
        d = (np.datetime64(_iso(orig.StudyDate)) - np.datetime64(_iso(ds.StudyDate))).astype(int)
        shifts.add(int(d))
    assert len(shifts) == 1 and shifts.pop() >= 62

    # sharing again changes nothing on the hub: same hub UIDs, AlreadyStored
    again = sender.share([case], hub.url)
    assert again.study_uid == res.study_uid and again.uploaded == 0
    assert len(h.search_instances(res.study_uid)) == len(originals)


def _iso(da: str) -> str:
    return f"{da[:4]}-{da[4:6]}-{da[6:8]}"
