"""Is a DICOM file complete? A structural walk over its bytes, independent of pydicom's lenient reader.

pydicom reads a truncated file without complaint: a sequence of undefined length that the file
cuts simply ends early, so beams, control points, spots or ROIs go missing silently. The rule here:

- every element with a defined length lies wholly inside its container (the file, the sequence
  item or the sequence holding it): an element cut by the end of the file is reported;
- every sequence and item of undefined length is closed by its delimiter before the file ends;
- the last element of the file ends exactly at the end of the file (trailing zero padding is allowed).

Only elements of undefined length are walked inside (a defined-length element cut short is seen
at the outermost level), so the walk costs a few microseconds per top-level element. What the
rule cannot see: a file cut exactly between two top-level elements (it is a well-formed, shorter
file); required elements that are then missing are left to the readers' validation.
"""

from __future__ import annotations

import mmap
import os
import struct
from dataclasses import dataclass

import numpy as np
from pydicom.datadict import keyword_for_tag

from ..model.text import QT_TRANSLATE_NOOP, Msg

ITEM = 0xFFFEE000
ITEM_DELIM = 0xFFFEE00D
SEQ_DELIM = 0xFFFEE0DD
UNDEFINED = 0xFFFFFFFF
PIXEL_DATA = 0x7FE00010
MAX_NESTING = 64
MAX_ELEMENTS = 2_000_000  # walked elements: beyond, a file is refused (time bound)
ZERO_CHUNK = 1 << 24
_VALID_VR = {
    b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FL", b"FD", b"IS", b"LO", b"LT", b"OB", b"OD", b"OF",
    b"OL", b"OV", b"OW", b"PN", b"SH", b"SL", b"SQ", b"SS", b"ST", b"SV", b"TM", b"UC", b"UI", b"UL", b"UN",
    b"UR", b"US", b"UT", b"UV",
}
_LONG_VR = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
IMPLICIT_LE = "1.2.840.10008.1.2"
EXPLICIT_BE = "1.2.840.10008.1.2.2"
DEFLATED = ("1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.8.1")


class Incomplete(Exception):
    """The file's structure ends before its declared content does (message: what is missing)."""


class TooManyElements(Exception):
    """More elements than the walk is allowed to visit (a hostile file)."""


@dataclass(frozen=True)
class Structure:
    """What the walk found: ``missing`` (None when complete), where the data set ends (before any
    trailing zero padding) and whether the file exceeded the element limit."""

    missing: str | None
    data_end: int
    size: int
    too_many: bool = False


@dataclass(frozen=True)
class _Fmt:
    explicit: bool
    little: bool

    @property
    def u16(self) -> str:
        return "<H" if self.little else ">H"

    @property
    def u32(self) -> str:
        return "<I" if self.little else ">I"


def _name(tag: int) -> str:
    kw = keyword_for_tag(tag) if (tag >> 16) % 2 == 0 else ""
    return f"{kw} ({tag >> 16:04X},{tag & 0xFFFF:04X})" if kw else f"({tag >> 16:04X},{tag & 0xFFFF:04X})"


def _where(path: list[str]) -> str:
    return Msg.joined(path, " > ") if path else Msg(QT_TRANSLATE_NOOP("Findings", "the top level"))


class _Walker:
    def __init__(self, buf: bytes | mmap.mmap | memoryview, size: int) -> None:
        self.buf = buf
        self.size = size
        self.elements = 0
        self.data_end = size  # where trailing zero padding begins
        self.last_tag = 0  # of the last top-level element

    def tag(self, pos: int, fmt: _Fmt) -> int:
        g, e = struct.unpack_from("<HH" if fmt.little else ">HH", self.buf, pos)
        return (g << 16) | e

    def header(self, pos: int, end: int, fmt: _Fmt) -> tuple[int, bytes | None, int, int]:
        """(tag, VR or None, value length, header size) of the element at ``pos``."""
        if end - pos < 8:
            n = end - pos
            if n == 1:
                raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "the data ends 1 byte into an element header")))
            raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "the data ends {count} bytes into an element header"),
                                 count=n))
        tag = self.tag(pos, fmt)
        if tag in (ITEM, ITEM_DELIM, SEQ_DELIM):
            return tag, None, struct.unpack_from(fmt.u32, self.buf, pos + 4)[0], 8
        if fmt.explicit:
            vr = bytes(self.buf[pos + 4:pos + 6])
            if vr in _VALID_VR:
                if vr in _LONG_VR:
                    if end - pos < 12:
                        raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "the data ends inside the header of {tag}"), tag=_name(tag)))
                    return tag, vr, struct.unpack_from(fmt.u32, self.buf, pos + 8)[0], 12
                return tag, vr, struct.unpack_from(fmt.u16, self.buf, pos + 6)[0], 8
            # An element written with implicit VR inside an explicit dataset (pydicom reads it so).
        return tag, None, struct.unpack_from(fmt.u32, self.buf, pos + 4)[0], 8

    def zero_run_end(self, pos: int, end: int) -> int:
        """The first non-zero byte at or after ``pos`` (``end`` when all are zero), scanned with numpy
        in chunks (a gigabyte of padding takes about a second)."""
        arr = np.frombuffer(self.buf, dtype=np.uint8)
        while pos < end:
            chunk = arr[pos:min(end, pos + ZERO_CHUNK)]
            if chunk.any():
                return pos + int(np.flatnonzero(chunk)[0])
            pos += chunk.size
        return end

    def count(self) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise TooManyElements(Msg(QT_TRANSLATE_NOOP("Findings", "more than {count:,} elements: not read"), count=MAX_ELEMENTS))

    def dataset(self, pos: int, end: int, fmt: _Fmt, path: list[str], in_item: bool, depth: int) -> int:
        """Walk elements from ``pos``; inside an undefined-length item stop after its delimiter."""
        while pos < end:
            if not in_item and self.buf[pos:pos + 4] == b"\0\0\0\0":
                zeros_end = self.zero_run_end(pos, end)
                if zeros_end >= end:
                    self.data_end = pos
                    return end  # zero padding to the end of the file
                if zeros_end - pos >= 8:
                    if path:
                        raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "{count:,} zero bytes at byte {pos:,} inside {where}: the "
                                                               "structure is damaged"),
                                             count=zeros_end - pos, pos=pos, where=_where(path)))
                    raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "{count:,} zero bytes at byte {pos:,}: the structure is damaged"),
                                         count=zeros_end - pos, pos=pos))
            self.count()
            tag, vr, length, hsize = self.header(pos, end, fmt)
            if tag == ITEM_DELIM:
                if in_item:
                    return pos + 8
                pos += 8  # a stray delimiter: pydicom skips it, so do we
                continue
            if tag in (ITEM, SEQ_DELIM):
                raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "unexpected item tag inside {where} at byte {pos}: the structure is "
                                                       "damaged"), where=_where(path), pos=pos))
            name = _name(tag)
            if length == UNDEFINED:
                inner = fmt if vr != b"UN" else _Fmt(False, True)  # UN of undefined length: implicit VR LE
                pos = self.sequence(pos + hsize, end, inner, [*path, name], depth + 1)
                continue
            value_end = pos + hsize + length
            if not path:
                self.last_tag = tag
            if value_end > end:
                missing = value_end - end
                values = {"name": name, "length": length, "after": max(0, end - pos - hsize), "missing": missing}
                if path:
                    raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "{name} in {where} declares {length:,} bytes but the data "
                                                           "ends after {after:,}: {missing:,} bytes are missing"),
                                         where=_where(path), **values))
                raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "{name} declares {length:,} bytes but the data ends after "
                                                       "{after:,}: {missing:,} bytes are missing"), **values))
            pos = value_end
        if in_item:
            raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "{where}: the data ends before the item is closed"),
                                     where=_where(path)))
        return pos

    def sequence(self, pos: int, end: int, fmt: _Fmt, path: list[str], depth: int) -> int:
        """Items of an undefined-length sequence (or encapsulated pixel data) up to its delimiter."""
        if depth > MAX_NESTING:
            raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "sequences nested deeper than {levels} levels at {where}"),
                                 levels=MAX_NESTING, where=_where(path)))
        n = 0
        while True:
            self.count()
            if end - pos < 8:
                raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "{sequence} is not closed: the data ends after {count} complete "
                                                       "item(s) ({where})"), sequence=path[-1], count=n,
                                     where=_where(path[:-1])))
            tag = self.tag(pos, fmt)
            length = struct.unpack_from(fmt.u32, self.buf, pos + 4)[0]
            if tag == SEQ_DELIM:
                return pos + 8
            if tag != ITEM:
                raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "{sequence}: item {number} does not start with an item tag (byte "
                                                       "{pos}); the structure is damaged"), sequence=path[-1],
                                     number=n + 1, pos=pos))
            here = [*path[:-1], Msg(QT_TRANSLATE_NOOP("Findings", "{sequence} item {number}"), sequence=path[-1], number=n + 1)]
            if length == UNDEFINED:
                pos = self.dataset(pos + 8, end, fmt, here, True, depth)
            else:
                if pos + 8 + length > end:
                    raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "{where} declares {length:,} bytes but the data ends after "
                                                           "{after:,}"), where=_where(here), length=length,
                                         after=max(0, end - pos - 8)))
                pos += 8 + length
            n += 1


def _start(buf: bytes | mmap.mmap | memoryview, size: int) -> tuple[int, str | None]:
    """Where the dataset begins (after preamble and file meta) and the transfer syntax UID."""
    pos = 132 if size >= 132 and bytes(buf[128:132]) == b"DICM" else 0
    ts: str | None = None
    w = _Walker(buf, size)
    le = _Fmt(True, True)
    while pos + 8 <= size:
        g = struct.unpack_from("<H", buf, pos)[0]
        if g != 0x0002:
            break
        tag, vr, length, hsize = w.header(pos, size, le)
        if length == UNDEFINED or pos + hsize + length > size:
            raise Incomplete(Msg(QT_TRANSLATE_NOOP("Findings", "the file meta information is cut short")))
        if tag == 0x00020010:
            ts = bytes(buf[pos + hsize:pos + hsize + length]).rstrip(b"\0 ").decode("ascii", "replace")
        pos += hsize + length
    return pos, ts


def walk(buf: bytes | mmap.mmap | memoryview) -> Structure:
    """Walk the encoded data set (see the module docstring)."""
    size = len(buf)
    w = _Walker(buf, size)
    try:
        pos, ts = _start(buf, size)
        if ts in DEFLATED:
            return Structure(None, size, size)  # compressed as a whole: pydicom's inflate reports damage
        if pos + 6 > size:
            missing = (Msg(QT_TRANSLATE_NOOP("Findings", "the file holds no data set after its header")) if pos < size or pos == 0
                       else None)
            return Structure(missing, size, size)
        explicit = bytes(buf[pos + 4:pos + 6]) in _VALID_VR
        little = ts != EXPLICIT_BE
        w.dataset(pos, size, _Fmt(explicit, little), [], False, 0)
        if w.data_end < size and w.last_tag == PIXEL_DATA:
            # Bytes inserted into pixel data push its end past the element: zeros there are not padding.
            return Structure(Msg(QT_TRANSLATE_NOOP("Findings", "{count:,} bytes follow the pixel data, which would be read "
                                                   "shifted"), count=size - w.data_end),
                             w.data_end, size)
    except Incomplete as exc:
        return Structure(_said(exc), w.data_end, size)
    except TooManyElements as exc:
        return Structure(_said(exc), w.data_end, size, too_many=True)
    except struct.error:
        return Structure(Msg(QT_TRANSLATE_NOOP("Findings", "the data ends inside an element header")), w.data_end, size)
    return Structure(None, w.data_end, size)


def _said(exc: Exception) -> str:
    """The exception's message: the marked sentence it was raised with."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)


def check_complete(buf: bytes | mmap.mmap | memoryview) -> str | None:
    """None when the encoded data set is complete, else a sentence saying what is missing."""
    return walk(buf).missing


def walk_file(path: str | os.PathLike[str]) -> Structure:
    """:func:`walk` over a file, read through a memory map (the pixel data is not copied)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            return Structure(Msg(QT_TRANSLATE_NOOP("Findings", "the file is empty")), 0, 0)
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            return walk(mm)


def check_file(path: str | os.PathLike[str]) -> str | None:
    """:func:`check_complete` on a file."""
    return walk_file(path).missing
