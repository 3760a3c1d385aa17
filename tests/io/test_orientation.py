"""Orientation and ordering paths no public set exercises, on files derived from real ones.

Each derived copy states a known answer: a marker placed on the patient's left must be found on
the patient's left (+x in DICOM LPS) whatever the patient position and pixel order.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import generate_uid

import plannerview
from plannerview.io import codes

N_SLICES = 6
MARKER_MM = np.array([60.0, -20.0])  # patient x (left) and y (posterior of centre = anterior here)


def _ct_slices(shared: Path) -> list[pydicom.Dataset]:
    files = sorted((shared / "onko_lung_imrt").glob("CT_*_Hashed.dcm"))
    dss = [pydicom.dcmread(f) for f in files]
    dss.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    return dss[40:40 + N_SLICES]


def _write_series(dss: list[pydicom.Dataset], out: Path, position: str, iop: list[float], shuffle: bool = True) -> None:
    """Write slices with orientation ``iop``; pixels are re-laid so anatomy keeps its patient position."""
    out.mkdir(parents=True, exist_ok=True)
    series = generate_uid()
    order = list(range(len(dss)))
    if shuffle:
        random.Random(7).shuffle(order)
    for n, k in enumerate(order):
        src = dss[k]
        ds = src.copy()
        arr = src.pixel_array.copy()
        rows, cols = arr.shape
        dy, dx = (float(v) for v in src.PixelSpacing)
        x0, y0, z = (float(v) for v in src.ImagePositionPatient)
        # marker: a bright 5 x 5 block at MARKER_MM in the original (HFS, identity) pixel grid
        ci = int(round((MARKER_MM[0] - x0) / dx))
        rj = int(round((MARKER_MM[1] - y0) / dy))
        arr[rj - 2:rj + 3, ci - 2:ci + 3] = 4000
        rx, cy = iop[0], iop[4]
        # new first pixel position, and pixels flipped to match the new direction cosines
        nx0 = x0 if rx > 0 else x0 + (cols - 1) * dx
        ny0 = y0 if cy > 0 else y0 + (rows - 1) * dy
        if rx < 0:
            arr = arr[:, ::-1]
        if cy < 0:
            arr = arr[::-1, :]
        ds.PixelData = np.ascontiguousarray(arr).astype(src.pixel_array.dtype).tobytes()
        ds.ImageOrientationPatient = iop
        ds.ImagePositionPatient = [nx0, ny0, z]
        ds.PatientPosition = position
        ds.SeriesInstanceUID = series
        ds.SOPInstanceUID = generate_uid()
        ds.InstanceNumber = n + 1  # deliberately unrelated to position
        ds.save_as(out / f"slice_{n:03d}.dcm")


@pytest.mark.parametrize(
    ("position", "iop"),
    [
        ("HFS", [1, 0, 0, 0, 1, 0]),
        ("FFS", [-1, 0, 0, 0, 1, 0]),
        ("HFP", [-1, 0, 0, 0, -1, 0]),
        ("FFP", [1, 0, 0, 0, -1, 0]),
    ],
)
def test_marker_stays_on_patient_left(shared_data: Path, tmp_path: Path, position: str, iop: list[float]) -> None:
    dss = _ct_slices(shared_data)
    _write_series(dss, tmp_path / position, position, iop)
    case = plannerview.load(tmp_path / position)
    (img,) = case.images
    assert img.patient_position == position
    vox = img.voxels
    k, j, i = np.argwhere(vox == vox.max())[0]
    pos = img.grid.index_to_patient([i, j, k])
    assert pos[0] == pytest.approx(MARKER_MM[0], abs=3.0)  # still on the patient's left
    assert pos[1] == pytest.approx(MARKER_MM[1], abs=3.0)
    # slices sorted by position along the normal, not by instance number or file name
    normal_z = float(np.cross(iop[:3], iop[3:])[2])
    zs = [float(d.ImagePositionPatient[2]) * normal_z for d in dss]
    assert list(img.slice_positions_mm) == pytest.approx(sorted(zs))
    z_of_k = img.grid.index_to_patient([[0, 0, k] for k in range(N_SLICES)])[:, 2]
    assert np.all(np.diff(z_of_k) * normal_z > 0)  # the slice axis follows the normal
    assert not [f for f in case.findings if f.code in (codes.IMG_UNEVEN_SPACING, codes.IMG_NON_AXIAL)]


def test_uneven_spacing_and_gantry_tilt_flagged(shared_data: Path, tmp_path: Path) -> None:
    dss = _ct_slices(shared_data)
    _write_series(dss[:2] + dss[3:], tmp_path / "gap", "HFS", [1, 0, 0, 0, 1, 0])
    case = plannerview.load(tmp_path / "gap")
    assert codes.IMG_UNEVEN_SPACING in {f.code for f in case.findings}

    tilt = tmp_path / "tilt"
    tilt.mkdir()
    for n, d in enumerate(dss):
        ds = d.copy()
        x, y, z = (float(v) for v in d.ImagePositionPatient)
        ds.ImagePositionPatient = [x, y + n * 4.0 * np.tan(np.radians(15)), z]  # sheared stack
        ds.GantryDetectorTilt = 15
        ds.save_as(tilt / f"s{n}.dcm")
    case = plannerview.load(tilt)
    assert codes.IMG_GANTRY_TILT in {f.code for f in case.findings}


def test_non_axial_series(shared_data: Path, tmp_path: Path) -> None:
    """A sagittal stack: rows along -z, columns along y... positions must follow the normal."""
    dss = _ct_slices(shared_data)[:3]
    out = tmp_path / "sag"
    out.mkdir()
    iop = [0, 1, 0, 0, 0, -1]  # row direction +y, column direction -z; normal = row x col = -x
    for n, d in enumerate(dss):
        ds = d.copy()
        ds.ImageOrientationPatient = iop
        ds.ImagePositionPatient = [10.0 + 2.0 * n, -100.0, 50.0]
        ds.save_as(out / f"s{n}.dcm")
    case = plannerview.load(out)
    (img,) = case.images
    assert codes.IMG_NON_AXIAL in {f.code for f in case.findings}
    assert img.grid.spacing_mm[0] == pytest.approx(2.0)
    # slices sorted along the normal (-x): k = 0 is the slice at x = 14, k = 2 the one at x = 10;
    # voxel (i=3, j=5) lies at IPP + 3*dx*row + 5*dy*col
    dy, dx = (float(v) for v in dss[0].PixelSpacing)
    expected = np.array([10.0, -100.0 + 3 * dx, 50.0 - 5 * dy])
    assert img.grid.index_to_patient([3, 5, 2]) == pytest.approx(expected)


def _dose_variant(src: Path, out: Path, mode: str) -> None:
    ds = pydicom.dcmread(src)
    frames = int(ds.NumberOfFrames)
    offsets = np.array([float(v) for v in ds.GridFrameOffsetVector])
    ipp = [float(v) for v in ds.ImagePositionPatient]
    arr = ds.pixel_array
    if mode == "absolute":
        ds.GridFrameOffsetVector = list(offsets + ipp[2])
    elif mode == "descending":
        arr = arr[::-1]
        last = ipp[2] + offsets[-1]
        ds.ImagePositionPatient = [ipp[0], ipp[1], last]
        # first frame is now the most superior one; offsets run 0, -d, -2d ...
        ds.GridFrameOffsetVector = [float(o - offsets[-1]) for o in offsets[::-1]]
        ds.PixelData = np.ascontiguousarray(arr).tobytes()
    ds.SOPInstanceUID = generate_uid()
    assert int(ds.NumberOfFrames) == frames
    ds.save_as(out)


@pytest.mark.parametrize("mode", ["absolute", "descending"])
def test_dose_frame_offsets(shared_data: Path, tmp_path: Path, mode: str) -> None:
    src = next((shared_data / "aptg_dcpt_proton" / "plan06_sobp_4d").glob("RD*.dcm"))
    ref = plannerview.load(src).doses[0]
    out = tmp_path / f"{mode}.dcm"
    _dose_variant(src, out, mode)
    dose = plannerview.load(out).doses[0]
    assert dose.grid.same_geometry(ref.grid)
    np.testing.assert_array_equal(dose.dose, ref.dose)


def test_private_sop_class_with_standard_content(shared_data: Path, tmp_path: Path) -> None:
    ds = pydicom.dcmread(shared_data / "dicompyler_core_example" / "rtss.dcm")
    ds.SOPClassUID = "1.2.246.352.70.1.70"  # a vendor private class
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.save_as(tmp_path / "private.dcm")
    case = plannerview.load(tmp_path)
    assert len(case.structure_sets) == 1 and len(case.structure_sets[0].rois) == 10
    assert codes.IO_PRIVATE_SOP_CLASS in {f.code for f in case.findings}


def test_zip_archive(shared_data: Path, tmp_path: Path) -> None:
    import zipfile

    arc = tmp_path / "case.zip"
    with zipfile.ZipFile(arc, "w") as zf:
        for f in (shared_data / "dicompyler_core_example").iterdir():
            zf.write(f, f"export/{f.name}")
    case = plannerview.load(arc)
    assert (len(case.images), len(case.structure_sets), len(case.plans), len(case.doses)) == (1, 1, 1, 1)
    assert case.doses[0].max_gy == pytest.approx(14.681, abs=1e-3)
    assert case.doses[0].file.startswith(str(arc))
