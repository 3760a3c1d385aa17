"""Decimal strings (DS) are parsed with fastnumbers (fast_float, correctly rounded): every contour
point and every TPS DVH value of the real files is the float Python's ``float()`` makes of the
file's text, and what the standard does not allow in a DS is still refused."""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from pydicom.datadict import dictionary_VR
from pydicom.dataset import Dataset

from plannerview.io.validate import _values

FILES = [("dicompyler_core_example", "rtss.dcm"), ("dicompyler_core_example", "rtdose.dcm"),
         ("onko_lung_imrt", "20191031-215249_m.dcm"), ("aptg_dcpt_proton", None)]


def _holders(ds: Dataset, keyword: str) -> list[Dataset]:
    """Every dataset (at any depth) that holds ``keyword``, its elements left as read (raw bytes)."""
    out = [ds] if keyword in ds else []
    for tag in list(ds.keys()):
        try:
            vr = ds.get_item(tag).VR or dictionary_VR(tag)
        except KeyError:  # a private tag of unknown VR
            continue
        if vr == "SQ":
            for item in ds[tag].value:
                out += _holders(item, keyword)
    return out


@pytest.mark.parametrize("keyword", ["ContourData", "DVHData"])
def test_every_value_is_pythons_float_of_the_files_text(shared_data: Path, keyword: str) -> None:
    checked = 0
    for folder, name in FILES:
        paths = [shared_data / folder / name] if name else sorted((shared_data / folder).rglob("RS*.dcm"))
        assert paths and all(p.is_file() for p in paths)
        for path in paths:
            for item in _holders(pydicom.dcmread(path), keyword):
                raw = item.get_item(keyword)
                text = raw.value if isinstance(raw.value, bytes) else None
                status, arr = _values(item, keyword)
                assert status == "ok" and arr is not None
                if text is not None:  # straight from the file's bytes
                    assert arr.tolist() == [float(v) for v in text.strip(b" \0").split(b"\\")]
                    checked += arr.size
    assert checked > (250_000 if keyword == "ContourData" else 1_000)


@pytest.mark.parametrize(("text", "status"), [(b"1.5\\-2e3\\ 7 ", "ok"), (b"1_0\\2", "bad"), (b"0x10", "bad"),
                                               (b"1,5\\2", "bad"), (b"  ", "empty")])
def test_what_a_decimal_string_may_hold(text: bytes, status: str) -> None:
    """DICOM DS: digits, sign, point, exponent, spaces; no underscores, hex or commas."""
    from pydicom.dataelem import RawDataElement
    from pydicom.tag import Tag

    ds = Dataset()
    ds._dict[Tag("ContourData")] = RawDataElement(Tag("ContourData"), "DS", len(text), text, 0, True, True)
    got, arr = _values(ds, "ContourData")
    assert got == status
    if status == "ok":
        assert arr is not None and arr.tolist() == [1.5, -2000.0, 7.0]
