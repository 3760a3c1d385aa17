"""De-identification on the sending machine: DICOM PS3.15 Basic Application Confidentiality
Profile with the options a consult needs.

dicognito does the profile's core (names, IDs, addresses, institution, dates shifted by one offset
per patient). On top of it this module

- remaps every instance UID through one persistent map (hub UID <- original UID) shared by CT,
  RTSTRUCT, RTPLAN, RTDOSE and registrations, so every reference still resolves and sharing the
  same case again gives the same hub UIDs (idempotent); DICOM's own UIDs (1.2.840.10008.*) and
  class UIDs stay;
- cleans descriptors (descriptions, comments, free text) but keeps ROI names, plan labels and
  names, beam names and structure set labels (Clean Descriptors Option with a consult's exceptions);
- removes every private element, the patient's age, other patient IDs, birth date
  (Basic Profile), keeps device identity and patient characteristics (sex, size, weight);
- blanks any text left that still contains one of the original identifiers (names, IDs);
- sets Patient Identity Removed = YES, Longitudinal Temporal Information Modified = MODIFIED,
  De-identification Method and the method codes (CID 7050).

The map from hub UIDs to original ones stays in the client's own store; it never goes anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pydicom
from dicognito.anonymizer import Anonymizer
from dicognito.element_anonymizer import ElementAnonymizer
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

# De-identification Method is LO (64 characters a value), VM 1-n: one value per part
METHOD = ("plannerview-consult", "PS3.15 Basic Profile (dicognito)",
          "Clean Descriptors (ROI, plan and beam names kept)", "Modified Dates", "Retain Device Identity",
          "Retain Patient Characteristics")
# CID 7050 De-identification Method
METHOD_CODES = (
    ("113100", "Basic Application Confidentiality Profile"),
    ("113105", "Clean Descriptors Option"),
    ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    ("113108", "Retain Patient Characteristics Option"),
    ("113109", "Retain Device Identity Option"),
)

# kept although they are descriptors: what a consultant must see
KEEP_TEXT = frozenset({
    "ROIName", "RTPlanLabel", "RTPlanName", "BeamName", "StructureSetLabel", "StructureSetName",
    "FractionGroupDescription", "RTROIObservationsLabel", "ROIObservationLabel", "DoseReferenceDescription",
    "TreatmentMachineName", "Manufacturer", "ManufacturerModelName", "SoftwareVersions", "DeviceSerialNumber",
    "RadiationType", "PrimaryDosimeterUnit", "DeidentificationMethod",
    "ContentLabel", "CodeMeaning", "CodeValue", "CodingSchemeDesignator", "CodingSchemeVersion",
    "ApplicatorDescription", "BlockName", "CompensatorDescription", "WedgeID", "BlockTrayID",
    "RangeShifterID", "LateralSpreadingDeviceID", "RangeModulatorID", "SnoutID", "ApplicatorID",
    "BolusID", "AccessoryCode", "MaterialID", "ToleranceTableLabel", "PatientSetupLabel",
    "ReferencedSOPClassUID", "SeriesNumber", "ImageType", "PatientSex", "PatientPosition",
    "RescaleType", "PositionReferenceIndicator", "BodyPartExamined", "ConvolutionKernel",
    "ROIGenerationAlgorithm", "RTROIInterpretedType", "ContourGeometricType",
    "ApprovalStatus", "PlanIntent", "RTPlanGeometry", "DoseUnits", "DoseType", "DoseSummationType",
    "TissueHeterogeneityCorrection", "ScanOptions",
})
# removed (Basic Profile X, or free text the Clean Descriptors Option removes)
REMOVE = frozenset({
    "PatientAge", "PatientBirthDate", "PatientBirthTime", "OtherPatientIDs", "OtherPatientIDsSequence",
    "OtherPatientNames", "PatientBirthName", "PatientMotherBirthName", "IssuerOfPatientID",
    "IssuerOfPatientIDQualifiersSequence", "EthnicGroup", "MedicalAlerts", "Allergies",
    "AdditionalPatientHistory", "PatientComments", "PatientState", "PregnancyStatus",
    "SmokingStatus", "ImageComments", "StudyComments", "FrameComments", "ReasonForStudy",
    "RequestingPhysician", "RequestedProcedureDescription", "PerformedProcedureStepDescription",
    "ProtocolName", "AdmittingDiagnosesDescription", "AdmittingDiagnosesCodeSequence",
    "DerivationDescription", "InterpretationText", "TextValue", "TextString", "TopicTitle",
    "TopicSubject", "TopicAuthor", "TopicKeywords", "StudyDescription", "RTPlanDescription",
    "StructureSetDescription", "ROIDescription", "ROIObservationDescription", "BeamDescription",
    "PrescriptionDescription", "SetupTechniqueDescription", "SetupDeviceDescription",
    "ReviewerName", "InstitutionAddress", "InstitutionalDepartmentName", "PhysiciansOfRecord",
    "PerformingPhysicianName", "NameOfPhysiciansReadingStudy", "RequestAttributesSequence",
    "ReferencedPatientSequence", "ReferencedStudySequence", "ContentCreatorName",
    "PatientAddress", "PatientTelephoneNumbers", "CountryOfResidence", "RegionOfResidence",
    "MilitaryRank", "BranchOfService", "Occupation", "PatientInsurancePlanCodeSequence",
})
TEXT_VRS = frozenset({"LO", "SH", "ST", "LT", "UT", "PN", "UC", "CS", "AE"})
DESCRIPTOR = re.compile(r"(Description|Comments?|Notes?|Remarks?)$")


def is_instance_uid(value: str, keyword: str) -> bool:
    """A UID that names an instance, series, study, frame of reference ... (remapped), not a class."""
    return bool(value) and not keyword.endswith("ClassUID") and keyword != "TransferSyntaxUID" \
        and not value.startswith("1.2.840.10008.")


class _UidMapper(ElementAnonymizer):
    """Replaces instance UIDs through the caller's persistent map (runs before dicognito's own)."""

    def __init__(self, map_uid: Callable[[str], str]) -> None:
        self._map = map_uid

    def __call__(self, dataset: Dataset, data_element: DataElement) -> bool:
        if data_element.VR != "UI" or not data_element.value:
            return False
        kw = pydicom.datadict.keyword_for_tag(data_element.tag) or ""
        vals = data_element.value if isinstance(data_element.value, pydicom.multival.MultiValue) \
            else [data_element.value]
        new = [self._map(str(v)) if is_instance_uid(str(v), kw) else str(v) for v in vals]
        data_element.value = new if isinstance(data_element.value, pydicom.multival.MultiValue) else new[0]
        return True

    def describe_actions(self) -> Iterator[str]:
        yield "Replace instance UIDs through one persistent map kept on the sending machine"


@dataclass(frozen=True)
class Identifiers:
    """What identified the patient in the originals (to blank any text that still holds it)."""

    words: frozenset[str]

    @classmethod
    def of(cls, datasets: list[Dataset]) -> Identifiers:
        words: set[str] = set()
        for ds in datasets:
            for kw in ("PatientName", "PatientID", "OtherPatientIDs", "InstitutionName", "AccessionNumber",
                       "ReferringPhysicianName", "OperatorsName", "PatientAddress", "StudyID"):
                v = ds.get(kw)
                if v is None:
                    continue
                for item in (v if isinstance(v, pydicom.multival.MultiValue) else [v]):
                    text = str(item)
                    words.add(text)
                    words.update(p for p in re.split(r"[\^=\s,]+", text) if p)
        return cls(frozenset(w.lower() for w in words if len(w) >= 3))

    def found_in(self, text: str) -> bool:
        low = text.lower()
        return any(w in low for w in self.words)


def _strip_private(ds: Dataset) -> None:
    """Remove private elements at every depth (reads raw elements: no value is converted)."""
    for tag in list(ds.keys()):
        if tag.is_private:
            del ds[tag]
            continue
        raw = ds.get_item(tag)
        if raw is not None and raw.VR == "SQ":
            for item in ds[tag].value:
                _strip_private(item)


def _clean(ds: Dataset, ids: Identifiers) -> None:
    for elem in list(ds):
        kw = elem.keyword or ""
        if elem.VR == "SQ":
            if kw in REMOVE:
                del ds[elem.tag]
                continue
            for item in elem.value:
                _clean(item, ids)
            continue
        if kw in REMOVE:
            del ds[elem.tag]
        elif kw in KEEP_TEXT:
            if elem.VR in TEXT_VRS and elem.value and ids.found_in(str(elem.value)):
                elem.value = ""
        elif DESCRIPTOR.search(kw) and elem.VR in TEXT_VRS:
            del ds[elem.tag]
        elif elem.VR in TEXT_VRS and elem.value and elem.VR != "PN" and ids.found_in(str(elem.value)):
            elem.value = ""


def _mark(ds: Dataset) -> None:
    ds.PatientIdentityRemoved = "YES"
    ds.LongitudinalTemporalInformationModified = "MODIFIED"
    ds.DeidentificationMethod = list(METHOD)
    codes = Sequence()
    for value, meaning in METHOD_CODES:
        item = Dataset()
        item.CodeValue = value
        item.CodingSchemeDesignator = "DCM"
        item.CodeMeaning = meaning
        codes.append(item)
    ds.DeidentificationMethodCodeSequence = codes


class Deidentifier:
    """De-identifies the datasets of one patient consistently (one date offset, one UID map).

    ``map_uid(original) -> hub UID`` must return the same hub UID for the same original every
    time (the client's store persists it); ``seed`` fixes dicognito's names, IDs and date offset
    for this patient so a repeated share gives identical objects.
    """

    def __init__(self, map_uid: Callable[[str], str], seed: str, identifiers: Identifiers) -> None:
        self._anon = Anonymizer(id_prefix="PV", seed=seed)
        self._anon.add_element_handler(_UidMapper(map_uid))
        self._ids = identifiers

    def __call__(self, ds: Dataset) -> Dataset:
        """De-identify ``ds`` in place (give it a copy) and return it."""
        _strip_private(ds)  # every private element, nested ones included
        _clean(ds, self._ids)
        self._anon.anonymize(ds)
        _clean(ds, self._ids)  # dicognito's generated values never hold originals; this catches leftovers
        _mark(ds)
        if getattr(ds, "file_meta", None) is not None:
            ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        return ds
