"""Find DICOM objects in files, folders and zip archives, and classify them.

Files are read with pydicom (``force=True`` so files without the Part-10 header load too). A file
that is not DICOM, is truncated or lacks the tags needed to place it becomes a finding naming the
file; the rest of the input still loads. Input files are only ever opened for reading.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from ..model.findings import Finding, Severity
from ..model.messages import user_message
from . import codes

# Standard SOP classes (PS3.4 Annex B).
CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"
MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4"
PET_IMAGE = "1.2.840.10008.5.1.4.1.1.128"
RT_DOSE = "1.2.840.10008.5.1.4.1.1.481.2"
RT_STRUCT = "1.2.840.10008.5.1.4.1.1.481.3"
RT_PLAN = "1.2.840.10008.5.1.4.1.1.481.5"
RT_ION_PLAN = "1.2.840.10008.5.1.4.1.1.481.8"
SPATIAL_REG = "1.2.840.10008.5.1.4.1.1.66.1"

IMAGE_MODALITIES = {"CT", "MR", "PT"}
DEFER_BYTES = 256 * 1024
_STANDARD_KIND = {
    CT_IMAGE: "IMAGE",
    MR_IMAGE: "IMAGE",
    PET_IMAGE: "IMAGE",
    RT_DOSE: "RTDOSE",
    RT_STRUCT: "RTSTRUCT",
    RT_PLAN: "RTPLAN",
    RT_ION_PLAN: "RTPLAN",
    SPATIAL_REG: "REG",
}
# Extensions that are never DICOM: skipped quietly (a README beside the files is normal).
_NOT_DICOM_EXT = {
    ".md", ".txt", ".json", ".yaml", ".yml", ".npz", ".npy", ".py", ".png", ".jpg", ".jpeg",
    ".csv", ".html", ".pdf", ".xml", ".log", ".toml", ".mat",
}


@dataclass
class Item:
    """One readable DICOM object: its dataset (pixel data included) and where it came from."""

    dataset: Dataset
    path: str  # file path, or "archive.zip/member" for zip members
    kind: str  # IMAGE, RTSTRUCT, RTPLAN, RTDOSE, REG
    private_class: bool = False


def iter_sources(paths: list[str]) -> Iterator[tuple[str, Callable[[], io.BufferedIOBase | str]]]:
    """Yield (label, opener) for every candidate file below ``paths`` (zip members included)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield from _file_sources(Path(root) / name)
        elif path.exists():
            yield from _file_sources(path)


def _file_sources(path: Path) -> Iterator[tuple[str, Callable[[], io.BufferedIOBase | str]]]:
    if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
        for m in members:
            label = f"{path}/{m.filename}"

            def opener(m: zipfile.ZipInfo = m) -> io.BufferedIOBase:
                with zipfile.ZipFile(path) as z:
                    return io.BytesIO(z.read(m))

            yield label, opener
    else:
        yield str(path), lambda: str(path)


def classify(ds: Dataset) -> tuple[str | None, bool]:
    """Kind of object (IMAGE, RTSTRUCT, RTPLAN, RTDOSE, REG) and whether its SOP class is private.

    Vendor private SOP classes that carry standard RT content are recognised by their content.
    """
    sop_class = str(ds.get("SOPClassUID", ""))
    kind = _STANDARD_KIND.get(sop_class)
    if kind:
        return kind, False
    modality = str(ds.get("Modality", "")).upper()
    if "ROIContourSequence" in ds or "StructureSetROISequence" in ds:
        kind = "RTSTRUCT"
    elif "IonBeamSequence" in ds or "BeamSequence" in ds or "ApplicationSetupSequence" in ds:
        kind = "RTPLAN"
    elif modality == "RTDOSE" or ("DoseGridScaling" in ds and "PixelData" in ds):
        kind = "RTDOSE"
    elif "RegistrationSequence" in ds:
        kind = "REG"
    elif modality in IMAGE_MODALITIES and "PixelData" in ds and "ImagePositionPatient" in ds:
        kind = "IMAGE"
    return kind, kind is not None and bool(sop_class)


def read_item(label: str, opener: Callable[[], io.BufferedIOBase | str]) -> tuple[Item | None, Finding | None]:
    """Read one candidate file into an Item, or explain in a Finding why it cannot be used."""
    ext = Path(label).suffix.lower()
    if ext in _NOT_DICOM_EXT:
        return None, None
    try:
        src = opener()
        # Large values (pixel data) of files on disk are read when needed, not now: memory stays
        # near one copy of the voxels. Zip members are in memory already.
        ds = pydicom.dcmread(src, force=True, defer_size=DEFER_BYTES if isinstance(src, str) else None)
    except (InvalidDicomError, EOFError) as exc:
        return None, Finding(codes.IO_NOT_DICOM, Severity.WARNING, f"not a readable DICOM file ({exc})", file=label)
    except Exception as exc:  # pydicom raises many kinds on corrupt input
        return None, Finding(
            codes.IO_CORRUPT, Severity.WARNING, f"corrupt or truncated DICOM file: {user_message(exc)}", file=label
        )
    try:
        has_content = len(ds) > 0 and ("SOPClassUID" in ds or "Modality" in ds)
    except Exception:
        has_content = False
    if not has_content:
        return None, Finding(
            codes.IO_NOT_DICOM, Severity.WARNING, "not a DICOM file (no SOP class and no modality found)", file=label
        )
    try:
        kind, private = classify(ds)
    except Exception as exc:
        return None, Finding(codes.IO_CORRUPT, Severity.WARNING, f"corrupt DICOM content: {exc}", file=label)
    if kind is None:
        sop = ds.get("SOPClassUID", "?")
        return None, Finding(
            codes.IO_UNSUPPORTED,
            Severity.INFO,
            f"DICOM object of a kind plannerview does not use (modality {ds.get('Modality', '?')}, SOP class {sop}); skipped",
            object_uid=str(ds.get("SOPInstanceUID", "")),
            file=label,
        )
    item = Item(ds, label, kind, private)
    if private:
        return item, Finding(
            codes.IO_PRIVATE_SOP_CLASS,
            Severity.INFO,
            f"vendor private SOP class {ds.get('SOPClassUID')} read as standard {kind} content",
            object_uid=str(ds.get("SOPInstanceUID", "")),
            file=label,
        )
    return item, None
