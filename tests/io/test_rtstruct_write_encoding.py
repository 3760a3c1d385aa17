"""The RTSTRUCT writer's ready-encoded contour items read back as the coordinates rounded to 0.1 um,
element for element as pydicom's own (validated, one value at a time) encoding writes them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.io import rtstruct_writer
from plannerview.io.rtstruct_writer import contour_data_raw, write_rtstruct

VOLATILE = {"SOPInstanceUID", "SeriesInstanceUID", "MediaStorageSOPInstanceUID", "InstanceCreationDate",
            "InstanceCreationTime", "StructureSetDate", "StructureSetTime", "StudyDate", "StudyTime"}


def _elements(ds: pydicom.Dataset, prefix: str = "") -> dict[str, object]:
    """Every element as path -> value (floats for DS), sequences flattened."""
    out: dict[str, object] = {}
    for elem in ds:
        key = f"{prefix}{elem.keyword or elem.tag}"
        if elem.VR == "SQ":
            for n, item in enumerate(elem.value):
                out.update(_elements(item, f"{key}[{n}]."))
        elif elem.keyword not in VOLATILE:
            v = elem.value
            out[key] = [float(x) for x in v] if elem.VR == "DS" and isinstance(v, pydicom.multival.MultiValue) else v
    return out


def test_values_are_the_points_rounded_and_match_pydicoms_own_encoding(shared_data: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    case = plannerview.load(shared_data / "onko_lung_imrt")
    ss, img = case.structure_sets[0], case.images[0]
    fast = tmp_path / "fast.dcm"
    write_rtstruct(fast, img, [], ss)
    monkeypatch.setattr(rtstruct_writer, "contour_data_raw", lambda pts: None)  # pydicom's per-value path
    slow = tmp_path / "slow.dcm"
    write_rtstruct(slow, img, [], ss)
    a, b = pydicom.dcmread(fast), pydicom.dcmread(slow)
    ea, eb = _elements(a), _elements(b)
    assert ea.keys() == eb.keys()
    assert {k: v for k, v in ea.items() if ea[k] != eb[k]} == {}
    # independent of either path: each contour is the model's points rounded to 4 decimals (mm)
    n_checked = 0
    for roi, rc in zip(ss.rois, a.ROIContourSequence, strict=True):
        for contour, item in zip(roi.contours, rc.ContourSequence, strict=True):
            back = np.array([float(v) for v in item.ContourData]).reshape(-1, 3)
            np.testing.assert_array_equal(back, np.round(contour.points_mm, 4))
            assert item.NumberOfContourPoints == len(back) and item.ContourGeometricType == contour.geometric_type
            assert item.ContourImageSequence[0].ReferencedSOPInstanceUID == contour.referenced_sop_uid
            n_checked += 1
    assert n_checked == 482  # the 9 ROIs' contours in the source file
    exe = shutil.which("dciodvfy")
    if exe is not None:
        res = subprocess.run([exe, str(fast)], capture_output=True, text=True, timeout=120)
        assert [ln for ln in (res.stdout + res.stderr).splitlines() if ln.startswith("Error")] == []


def test_encoding_of_edge_values() -> None:
    """Negative zero, halves at the 4th decimal, large and tiny values: 4 decimals of ``round(v, 4)``."""
    pts = np.array([[-0.0, 0.00004, -0.00005], [123.45675, -99999.99999, 1e-9], [7.0, -12.5, 250.123456]])
    raw = contour_data_raw(pts)
    assert raw is not None and raw.VR == "DS" and len(raw.value) % 2 == 0
    text = raw.value.decode().rstrip(" ").split("\\")
    assert [float(t) for t in text] == [round(float(v), 4) + 0.0 for v in pts.ravel()]
    assert all(len(t) <= 16 for t in text) and "-0" not in text
    assert contour_data_raw(np.full((6000, 3), 123.4567)) is None  # over 65,534 bytes: pydicom's path
    assert contour_data_raw(np.array([[np.nan, 0.0, 0.0]])) is None
    assert contour_data_raw(np.array([[2e9, 0.0, 0.0]])) is None  # not a coordinate in mm: pydicom's path
