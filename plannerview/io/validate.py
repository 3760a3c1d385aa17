"""Values the numbers depend on, checked against their DICOM type, VR, value multiplicity and range.

A reader asks a :class:`Checker` for each value it needs; the checker parses it, records what the
standard (or physical plausibility, for "absurd" values) does not allow, and returns the value or
None. When the reader is done, :meth:`Checker.done` raises :class:`ObjectRejected` if anything the
numbers depend on was invalid: the loader reports each problem as an ``IO_INVALID_VALUE`` error
naming the file, the tag and where it sits, and the object is not used. Problems in parts that are
only shown (a display colour, the TPS's own DVH) are warnings and that part is dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
from fastnumbers import try_array  # correctly rounded (fast_float): float()'s values, 3x numpy's speed
from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset

from ..model.findings import Finding, Severity
from ..model.text import QT_TRANSLATE_NOOP, Msg
from . import codes

MAX_COORD_MM = 1e5  # 100 m: no patient coordinate is farther from the origin
MAX_REPORTED = 8  # problems listed per object (the rest are counted)
_UID = re.compile(r"^[0-9.]{1,64}$")


class ObjectRejected(Exception):
    """An object not used because values its numbers depend on are invalid (findings say which)."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


def tag_name(keyword: str) -> str:
    tag = tag_for_keyword(keyword)
    return f"{keyword} ({tag >> 16:04X},{tag & 0xFFFF:04X})" if tag is not None else keyword


def _values(ds: Dataset, keyword: str) -> tuple[str, np.ndarray | None]:
    """("absent" | "empty" | "bad" | "ok", float64 values) of a numeric element."""
    try:
        elem = ds.get_item(keyword)
    except Exception:
        return "bad", None
    if elem is None:
        return "absent", None
    if isinstance(elem, RawDataElement) and isinstance(elem.value, bytes):
        vr = elem.VR or _dictionary_vr(keyword)
        if vr in ("DS", "IS"):  # decimal text: parsed straight from the bytes (contours are long)
            raw = elem.value.strip(b" \0")
            if not raw:
                return "empty", None
            parts = raw.split(b"\\")
            try:
                return "ok", try_array(parts, dtype=np.float64)
            except (ValueError, TypeError, OverflowError):
                return "bad", None
    try:
        v = ds[keyword].value if isinstance(elem, RawDataElement) else elem.value
    except Exception:
        return "bad", None
    if isinstance(v, float | int) and not isinstance(v, bool):
        return "ok", np.array([float(v)])
    if v is None or (isinstance(v, str | bytes) and not v.strip()):
        return "empty", None
    if isinstance(v, bytes):
        return "bad", None
    if isinstance(v, str):
        v = v.split("\\")
    elif not hasattr(v, "__len__"):
        v = [v]
    try:
        arr = np.array([float(x) for x in v], dtype=np.float64)
    except (TypeError, ValueError):
        return "bad", None
    return ("ok", arr) if arr.size else ("empty", None)


def _dictionary_vr(keyword: str) -> str:
    try:
        tag = tag_for_keyword(keyword)
        return str(dictionary_VR(tag)) if tag is not None else ""
    except KeyError:
        return ""


def text_value(ds: Dataset, keyword: str) -> str:
    try:
        v = ds.get(keyword, None)
    except Exception:
        return ""
    return "" if v is None else str(v).strip()


class Checker:
    """Collects the invalid values of one object while its reader reads them."""

    def __init__(self, what: str, file: str, uid: str = "") -> None:
        # what: the object's DICOM name ("RTDOSE", a value) or a marked Msg ("{modality} slice")
        self.what = what
        self.file = file
        self.object_uid = uid
        self.errors: list[Msg] = []
        self.warnings: list[Finding] = []

    # --- recording ---------------------------------------------------------------------------------
    def error(self, keyword: str, message: str, where: str = "") -> None:
        """``message``: a marked reason (a :class:`Msg`), or a library's own text (a value)."""
        self.errors.append(_problem(keyword, message, where))

    def warn(self, keyword: str, message: str, where: str = "", code: str = codes.IO_INVALID_VALUE) -> None:
        self.warnings.append(Finding(code, Severity.WARNING,
                                     _problem(keyword, message, where),
                                     self.object_uid, self.file))

    @property
    def ok(self) -> bool:
        return not self.errors

    def done(self) -> list[Finding]:
        """Raise ObjectRejected when a value the numbers depend on is invalid; else the warnings."""
        if self.errors:
            shown = self.errors[:MAX_REPORTED]
            findings = [Finding(codes.IO_INVALID_VALUE, Severity.ERROR, Msg(QT_TRANSLATE_NOOP("Findings", "{what} not used: {problem}"), what=self.what, problem=e), self.object_uid, self.file)
                        for e in shown]
            if len(self.errors) > len(shown):
                findings.append(Finding(codes.IO_INVALID_VALUE, Severity.ERROR,
                                        Msg(QT_TRANSLATE_NOOP("Findings", "{what}: {count} more invalid values"),
                                            what=self.what, count=len(self.errors) - len(shown)), self.object_uid,
                                        self.file))
            raise ObjectRejected(findings)
        return list(self.warnings)

    # --- numbers -----------------------------------------------------------------------------------
    def numbers(self, ds: Dataset, keyword: str, *, where: str = "", required: bool = False,
                vm: int | tuple[int, int | None] | None = None, multiple_of: int | None = None,
                lo: float | None = None, hi: float | None = None, lo_open: bool = False, hi_open: bool = False,
                integer: bool = False, absent_ok_if_empty: bool = True, warn_only: bool = False) -> np.ndarray | None:
        """The element's values, or None when absent/empty (an error if ``required``) or invalid.

        ``required`` means DICOM type 1 (present and not empty); type 2 and 3 pass None when empty.
        ``vm`` is an exact count or (min, max); ``lo``/``hi`` bound every value (open with ``*_open``).
        """
        report = self.warn if warn_only else self.error
        status, arr = _values(ds, keyword)
        if status == "absent":
            if required:
                report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "missing (the standard requires it)")), where)
            return None
        if status == "empty":
            if required:
                report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "empty (the standard requires a value)")), where)
            return None
        if status == "bad" or arr is None:
            report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "not a number")), where)
            return None
        n = arr.size
        if isinstance(vm, int) and n != vm:
            report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds {count} values, {expected} expected"), count=n, expected=vm), where)
            return None
        if isinstance(vm, tuple):
            lo_n, hi_n = vm
            if n < lo_n or (hi_n is not None and n > hi_n):
                report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds {count} values, {low}..{high} expected"),
                                   count=n, low=lo_n, high=hi_n) if hi_n is not None
                       else Msg(QT_TRANSLATE_NOOP("Findings", "holds {count} values, {low} or more expected"),
                                count=n, low=lo_n), where)
                return None
        if multiple_of and n % multiple_of:
            report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds {count} values, not a multiple of {step}"), count=n, step=multiple_of), where)
            return None
        if not integer and n:
            # the common case in two reductions (NaN and inf show in the minimum or maximum); anything
            # else goes through the checks below, which say which value is wrong and where
            mn, mx = float(arr.min()), float(arr.max())
            if math.isfinite(mn) and math.isfinite(mx) and (lo is None or (mn > lo if lo_open else mn >= lo)) \
                    and (hi is None or (mx < hi if hi_open else mx <= hi)):
                return arr
        finite = np.isfinite(arr)
        if not finite.all():
            bad = arr[~finite][0]
            report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds a non-finite value ({value}) at position {position}"), value=str(bad), position=int(np.argmin(finite)) + 1), where)
            return None
        if integer and not np.all(arr == np.round(arr)):
            report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds a non-integer value ({value:g})"), value=float(arr[arr != np.round(arr)][0])), where)
            return None
        if integer and np.any(np.abs(arr) > 2**31 - 1):
            report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "value {value:.0f} is beyond the 32-bit range of an integer"), value=float(arr[np.abs(arr) > 2**31 - 1][0])), where)
            return None
        if lo is not None:
            below = arr <= lo if lo_open else arr < lo
            if below.any():
                report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "value {value:g} is not above {limit:g}") if lo_open
                       else QT_TRANSLATE_NOOP("Findings", "value {value:g} is below {limit:g}"), value=float(arr[below][0]), limit=lo), where)
                return None
        if hi is not None:
            above = arr >= hi if hi_open else arr > hi
            if above.any():
                report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "value {value:g} is not below {limit:g}") if hi_open
                       else QT_TRANSLATE_NOOP("Findings", "value {value:g} is above {limit:g}"), value=float(arr[above][0]), limit=hi), where)
                return None
        return arr

    def number(self, ds: Dataset, keyword: str, **kw: object) -> float | None:
        arr = self.numbers(ds, keyword, vm=1, **kw)  # type: ignore[arg-type]
        return None if arr is None else float(arr[0])

    def integer(self, ds: Dataset, keyword: str, **kw: object) -> int | None:
        arr = self.numbers(ds, keyword, vm=1, integer=True, **kw)  # type: ignore[arg-type]
        return None if arr is None else int(arr[0])

    def position(self, ds: Dataset, keyword: str, *, where: str = "", required: bool = False) -> np.ndarray | None:
        """A patient-space point (3 values, mm, not absurdly far)."""
        return self.numbers(ds, keyword, where=where, required=required, vm=3, lo=-MAX_COORD_MM, hi=MAX_COORD_MM)

    def orientation(self, ds: Dataset, keyword: str = "ImageOrientationPatient", *, where: str = "",
                    required: bool = True) -> np.ndarray | None:
        """Row and column direction cosines: two unit vectors, orthogonal."""
        iop = self.numbers(ds, keyword, where=where, required=required, vm=6, lo=-1.0001, hi=1.0001)
        if iop is None:
            return None
        r, c = iop[:3], iop[3:]
        nr, nc = float(np.linalg.norm(r)), float(np.linalg.norm(c))
        if abs(nr - 1) > 1e-3 or abs(nc - 1) > 1e-3:
            self.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "direction cosines are not unit vectors (lengths {row:.4f}, {column:.4f})"), row=nr, column=nc), where)
            return None
        if abs(float(np.dot(r, c))) > 1e-3:
            self.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "row and column directions are not orthogonal (cosine {cosine:.4f})"), cosine=float(np.dot(r, c))),
                       where)
            return None
        return iop

    def angle(self, ds: Dataset, keyword: str, *, where: str = "", required: bool = False) -> float | None:
        """An angle in degrees, 0 <= a <= 360 (the standard's range; 360 is tolerated)."""
        return self.number(ds, keyword, where=where, required=required, lo=0.0, hi=360.0)

    # --- text --------------------------------------------------------------------------------------
    def code(self, ds: Dataset, keyword: str, allowed: Iterable[str], *, where: str = "", required: bool = False,
             default: str = "", warn_only: bool = False) -> str:
        """A code string (CS) among the enumerated ``allowed`` values; ``default`` when absent and optional."""
        report = self.warn if warn_only else self.error
        v = text_value(ds, keyword).upper()
        if not v:
            if required:
                report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "missing or empty (the standard requires a value)")), where)
            return default
        allowed = tuple(allowed)
        if v not in allowed:
            report(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "{value} is not one of {allowed}"), value=repr(v), allowed=", ".join(allowed)), where)
            return default
        return v

    def uid(self, ds: Dataset, keyword: str, *, where: str = "", required: bool = False) -> str:
        v = text_value(ds, keyword).rstrip("\0")
        if not v:
            if required:
                self.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "missing or empty (the standard requires a UID)")), where)
            return ""
        if not _UID.match(v):
            self.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "{value} is not a UID (digits and dots, at most 64 characters)"), value=repr(v[:70])), where)
            return ""
        return v

    def identity(self, ds: Dataset, frame_required: bool = False) -> None:
        """The UIDs that link objects: SOP instance (required), series, study and frame of reference."""
        self.uid(ds, "SOPInstanceUID", required=True)
        self.uid(ds, "SeriesInstanceUID")
        self.uid(ds, "StudyInstanceUID")
        self.uid(ds, "FrameOfReferenceUID", required=frame_required)

    # --- structure ---------------------------------------------------------------------------------
    def unique(self, keyword: str, values: Sequence[int | None], where: str) -> None:
        seen: set[int] = set()
        for v in values:
            if v is None:
                continue
            if v in seen:
                self.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "value {value} is used twice"), value=v), where)
                return
            seen.add(v)


def _problem(keyword: str, message: str, where: str) -> Msg:
    """"tag in where: reason" (the tag and where it sits are DICOM names: values)."""
    if where:
        return Msg(QT_TRANSLATE_NOOP("Findings", "{tag} in {where}: {message}"), tag=tag_name(keyword), where=where,
                   message=message)
    return Msg(QT_TRANSLATE_NOOP("Findings", "{tag}: {message}"), tag=tag_name(keyword), message=message)


def is_finite_number(x: float | None) -> bool:
    return x is not None and math.isfinite(x)
