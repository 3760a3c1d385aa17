"""Small, tolerant accessors for DICOM values (vendors leave tags out or fill them oddly)."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.tag import Tag
from pydicom.uid import UID

from ..model.common import PatientRef

PIXEL_DATA_TAG = Tag(0x7FE00010)


def text(ds: Dataset, keyword: str, default: str = "") -> str:
    try:
        v = ds.get(keyword, None)
    except Exception:
        return default
    if v is None:
        return default
    return str(v).strip()


def num(ds: Dataset, keyword: str, default: float | None = None) -> float | None:
    try:
        v = ds.get(keyword, None)
        if v is None or v == "":
            return default
        if hasattr(v, "__len__") and not isinstance(v, str | bytes):
            v = v[0]
        f = float(v)
        return f if np.isfinite(f) else default
    except Exception:
        return default


def integer(ds: Dataset, keyword: str, default: int | None = None) -> int | None:
    f = num(ds, keyword, None)
    return int(round(f)) if f is not None else default


def floats(ds: Dataset, keyword: str) -> np.ndarray | None:
    """A multi-valued numeric element as float64, parsed fast from the raw bytes when possible."""
    try:
        elem = ds.get_item(keyword)
    except Exception:
        return None
    if elem is None:
        return None
    if isinstance(elem, RawDataElement) and elem.value is not None and elem.VR in ("DS", None):
        raw = elem.value
        try:
            if not raw.strip():
                return np.empty(0)
            return np.array(raw.split(b"\\"), dtype=np.float64)
        except ValueError:
            pass  # fall back to pydicom's parser (odd spacing, unusual formats)
    try:
        v = ds[keyword].value
    except Exception:
        return None
    if v is None or v == "":
        return np.empty(0)
    if isinstance(v, bytes):
        return None
    if not hasattr(v, "__len__") or isinstance(v, str):
        v = [v]
    try:
        return np.array([float(x) for x in v], dtype=np.float64)
    except (TypeError, ValueError):
        return None


def seq(ds: Dataset, keyword: str) -> list[Dataset]:
    try:
        v = ds.get(keyword, None)
    except Exception:
        return []
    return list(v) if v else []


def first(ds: Dataset, keyword: str) -> Dataset | None:
    s = seq(ds, keyword)
    return s[0] if s else None


def patient_of(ds: Dataset) -> PatientRef:
    return PatientRef(id=text(ds, "PatientID"), name=text(ds, "PatientName"))


def common_fields(ds: Dataset, path: str) -> dict[str, Any]:
    """The DicomObject fields every importer fills the same way."""
    return {
        "sop_uid": text(ds, "SOPInstanceUID"),
        "sop_class_uid": text(ds, "SOPClassUID"),
        "study_uid": text(ds, "StudyInstanceUID"),
        "series_uid": text(ds, "SeriesInstanceUID"),
        "frame_of_reference_uid": text(ds, "FrameOfReferenceUID"),
        "patient": patient_of(ds),
        "file": path,
        "manufacturer": text(ds, "Manufacturer"),
    }


def transfer_syntax(ds: Dataset) -> UID | None:
    """The file's transfer syntax, or None when absent or not a known transfer syntax."""
    try:
        ts = UID(str(ds.file_meta.TransferSyntaxUID))
        _ = ts.is_compressed and ts.is_little_endian  # raises for UIDs that are not transfer syntaxes
        return ts
    except Exception:
        return None


def is_uncompressed(ds: Dataset) -> bool:
    ts = transfer_syntax(ds)
    return ts is None or not ts.is_compressed


def pixel_array(ds: Dataset) -> np.ndarray:
    """Stored pixel values (frames, rows, columns) without rescaling; fast for uncompressed data."""
    rows, cols = int(ds.Rows), int(ds.Columns)
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    bits = int(ds.BitsAllocated)
    signed = int(ds.get("PixelRepresentation", 0)) == 1
    ts = transfer_syntax(ds)
    uncompressed = ts is None or not ts.is_compressed
    if uncompressed and bits in (8, 16, 32) and int(ds.get("SamplesPerPixel", 1)) == 1:
        dtype = np.dtype(f"{'<' if (ts is None or ts.is_little_endian) else '>'}{'i' if signed else 'u'}{bits // 8}")
        raw = ds.PixelData
        need = rows * cols * frames * dtype.itemsize
        if len(raw) < need:
            raise ValueError(f"pixel data holds {len(raw)} bytes, {need} expected (truncated file?)")
        return np.frombuffer(raw, dtype=dtype, count=rows * cols * frames).reshape(frames, rows, cols)
    arr = ds.pixel_array
    return np.asarray(arr).reshape(frames, rows, cols)


def available_pixel_bytes(ds: Dataset, path: str) -> int:
    """Bytes of pixel data the file really holds (a deferred value is checked against the file size)."""
    elem = ds._dict.get(PIXEL_DATA_TAG)  # the raw element: get_item() would read a deferred value
    if isinstance(elem, RawDataElement) and elem.value is None and elem.length is not None:
        try:
            return max(0, min(int(elem.length), os.path.getsize(path) - int(elem.value_tell)))
        except (OSError, TypeError):
            return 0
    return len(ds.PixelData)


def expected_pixel_bytes(ds: Dataset) -> int:
    return (
        int(ds.Rows) * int(ds.Columns) * int(ds.get("NumberOfFrames", 1) or 1)
        * int(ds.get("SamplesPerPixel", 1) or 1) * int(ds.BitsAllocated) // 8
    )
