"""The Image Pixel module checked against the pixel data it describes, and decoding it.

Rows, Columns, NumberOfFrames, SamplesPerPixel, BitsAllocated and PixelRepresentation must agree
with the length of the (uncompressed) pixel data; compressed data needs an installed decoder and
must decode to that shape. Each disagreement is an error naming the tag: the object is not used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.uid import UID

from ..model.text import QT_TRANSLATE_NOOP, Msg
from .dicom_values import PIXEL_DATA_TAG, transfer_syntax
from .validate import Checker


@dataclass(frozen=True)
class PixelLayout:
    rows: int
    columns: int
    frames: int
    bits: int
    signed: bool
    transfer_syntax: UID | None

    @property
    def compressed(self) -> bool:
        return self.transfer_syntax is not None and self.transfer_syntax.is_compressed

    @property
    def voxels(self) -> int:
        return self.rows * self.columns * self.frames

    @property
    def expected_bytes(self) -> int:
        return self.voxels * self.bits // 8

    @property
    def dtype(self) -> np.dtype:
        little = self.transfer_syntax is None or self.transfer_syntax.is_little_endian
        return np.dtype(f"{'<' if little else '>'}{'i' if self.signed else 'u'}{self.bits // 8}")


def _declared_pixel_bytes(ds: Dataset, path: str | None) -> int | None:
    """Bytes of pixel data the element holds (a deferred value: its declared length, bounded by the file)."""
    elem = ds._dict.get(PIXEL_DATA_TAG)  # the raw element: get_item() would read a deferred value
    if elem is None:
        return None
    if isinstance(elem, RawDataElement):
        if elem.value is None and elem.length is not None:
            n = int(elem.length)
            if path is not None:
                try:
                    n = min(n, os.path.getsize(path) - int(elem.value_tell))
                except (OSError, TypeError):
                    pass
            return n
        return len(elem.value) if elem.value is not None else 0
    v = elem.value
    return len(v) if isinstance(v, bytes | bytearray) else None


def pixel_layout(chk: Checker, ds: Dataset, path: str | None, *, bits_allowed: tuple[int, ...] = (8, 16, 32),
                 max_voxels: int | None = None) -> PixelLayout | None:
    """Check the pixel description against the data; None (with errors recorded) when they disagree."""
    rows = chk.integer(ds, "Rows", required=True, lo=1, hi=65535)
    cols = chk.integer(ds, "Columns", required=True, lo=1, hi=65535)
    frames = chk.integer(ds, "NumberOfFrames", lo=1, hi=1e6)
    if frames is None and "NumberOfFrames" in ds:
        return None  # present but invalid (0, negative, empty, text): recorded
    frames = frames or 1
    bits = chk.integer(ds, "BitsAllocated", required=True)
    samples = chk.integer(ds, "SamplesPerPixel", lo=1, hi=4)
    rep = chk.integer(ds, "PixelRepresentation", lo=0, hi=1)
    if bits is not None and bits not in bits_allowed:
        chk.error("BitsAllocated", Msg(QT_TRANSLATE_NOOP("Findings", "{bits} is not one of {allowed}"), bits=bits, allowed=', '.join(map(str, bits_allowed))))
        bits = None
    if samples not in (None, 1):
        chk.error("SamplesPerPixel", Msg(QT_TRANSLATE_NOOP("Findings", "{samples} samples per pixel (colour); plannerview reads greyscale data only"), samples=samples))
    if "PixelRepresentation" in ds and rep is None:
        return None
    if "PixelData" not in ds:
        chk.error("PixelData", Msg(QT_TRANSLATE_NOOP("Findings", "missing: the object holds no pixel data")))
        return None
    if rows is None or cols is None or bits is None or samples not in (None, 1):
        return None
    layout = PixelLayout(rows, cols, frames, bits, rep == 1, transfer_syntax(ds))
    if max_voxels is not None and layout.voxels > max_voxels:
        chk.error("Rows", Msg(QT_TRANSLATE_NOOP("Findings", "{rows} x {cols} x {frames} frames = {voxels:,} voxels exceeds the limit of {limit:,} (PLANNERVIEW_MAX_VOXELS)"), rows=rows, cols=cols, frames=frames, voxels=layout.voxels, limit=max_voxels))
        return None
    if layout.compressed:
        ts = layout.transfer_syntax
        try:
            from pydicom.pixels import get_decoder

            available = ts is not None and get_decoder(ts).is_available
        except Exception:
            available = False
        if not available:
            chk.error("PixelData", Msg(QT_TRANSLATE_NOOP("Findings", "compressed as {syntax}, for which no decoder is installed (pylibjpeg or GDCM adds JPEG-LS and JPEG 2000); the pixels cannot be read"), syntax=ts.name if ts else '?'))
            return None
        return layout
    n = _declared_pixel_bytes(ds, path)
    need = layout.expected_bytes
    if n is None:
        chk.error("PixelData", Msg(QT_TRANSLATE_NOOP("Findings", "unreadable pixel data element")))
        return None
    if n != need and not (need % 2 == 1 and n == need + 1):
        chk.error("PixelData", Msg(QT_TRANSLATE_NOOP("Findings", "holds {size:,} bytes but Rows x Columns x NumberOfFrames x BitsAllocated ({rows} x {cols} x {frames} x {bits} bits) need {need:,}"), size=n, rows=rows, cols=cols, frames=frames, bits=bits, need=need))
        return None
    return layout


def read_pixels(ds: Dataset, layout: PixelLayout) -> np.ndarray:
    """Stored values (frames, rows, columns), not rescaled; raises ValueError when they cannot be decoded."""
    if not layout.compressed:
        raw = ds.PixelData
        if len(raw) < layout.expected_bytes:
            raise ValueError(f"pixel data holds {len(raw)} bytes, {layout.expected_bytes} expected")
        return np.frombuffer(raw, dtype=layout.dtype, count=layout.voxels).reshape(layout.frames, layout.rows,
                                                                                  layout.columns)
    try:
        arr = np.asarray(ds.pixel_array)
    except Exception as exc:  # decoders raise many kinds on damaged streams
        raise ValueError(f"compressed pixel data cannot be decoded ({type(exc).__name__}: {exc})") from None
    if arr.size != layout.voxels:
        raise ValueError(f"compressed pixel data decodes to {arr.size} values, {layout.voxels} expected")
    return arr.reshape(layout.frames, layout.rows, layout.columns)
