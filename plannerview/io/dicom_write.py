"""Small helpers shared by the writers of new DICOM objects (RTDOSE, RTSTRUCT)."""

from __future__ import annotations

from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

from .safe_write import write_with


def ds_str(value: float) -> str:
    """A Decimal String (at most 16 characters) with as many significant digits as fit."""
    v = float(value)
    if v == 0:
        return "0"
    for digits in range(15, 0, -1):
        text = f"{v:.{digits}g}"
        if len(text) <= 16:
            return text
    raise ValueError(f"cannot write {value} as a DICOM decimal string")  # pragma: no cover


def lo_str(text: str) -> str:
    """A Long String: no control characters or backslashes, at most 64 characters."""
    clean = "".join(" " if (ord(c) < 32 or c == "\\") else c for c in text)
    return " ".join(clean.split())[:64]


def save_new(ds: Dataset, path: Path, overwrite: bool = False) -> str:
    """Write a new object as a Part-10 file (Explicit VR Little Endian) through the safe writer
    (never onto an input, an existing file only with ``overwrite``, atomically); returns its SOP
    Instance UID."""
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    write_with(path, lambda fh: ds.save_as(fh, enforce_file_format=True), overwrite=overwrite)
    return str(ds.SOPInstanceUID)
