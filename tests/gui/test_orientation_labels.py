"""Orientation letters and the side a marker appears on, for HFS and a derived FFS copy.

Truth: DICOM patient coordinates are LPS, so a marker at x > 0 is on the patient's left. The
FFS copy is written with ImageOrientationPatient [-1,0,0, 0,1,0], the pixel columns mirrored and
the position of the first column moved, so every voxel keeps its patient position.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest

from .conftest import open_and_wait

pytestmark = pytest.mark.gui
MARKER_HU = 3000


def _write_copy(src: Path, dst: Path, position: str, n_slices: int = 12) -> float:
    """Write n CT slices with a bright marker on the patient's left; returns the marker's x (mm)."""
    dst.mkdir()
    files = sorted(src.glob("*.dcm"))[60:60 + n_slices]
    x_marker = 0.0
    for f in files:
        ds = pydicom.dcmread(f)
        arr = ds.pixel_array.copy()
        col_sp = float(ds.PixelSpacing[1])
        ipp = [float(v) for v in ds.ImagePositionPatient]
        ncol = arr.shape[1]
        c = int(0.8 * ncol)  # towards +x: the patient's left for this HFS series
        x_marker = ipp[0] + c * col_sp
        assert x_marker > 0
        arr[arr.shape[0] // 2 - 3: arr.shape[0] // 2 + 3, c - 3:c + 3] = MARKER_HU - int(ds.RescaleIntercept)
        if position == "FFS":
            arr = arr[:, ::-1].copy()
            ds.ImageOrientationPatient = [-1, 0, 0, 0, 1, 0]
            ds.ImagePositionPatient = [ipp[0] + (ncol - 1) * col_sp, ipp[1], ipp[2]]
            ds.PatientPosition = "FFS"
        ds.PixelData = arr.astype(ds.pixel_array.dtype).tobytes()
        ds.save_as(dst / f.name)
    return x_marker


@pytest.mark.parametrize("position", ["HFS", "FFS"])
def test_marker_on_the_side_labelled_left(qtbot, window, demo_dir: Path, tmp_path: Path, position: str) -> None:
    folder = tmp_path / position
    x_marker = _write_copy(demo_dir / "CT", folder, position)
    case = open_and_wait(qtbot, window, [folder])
    img = case.images[0]
    assert img.patient_position == position
    assert (img.grid.direction[0, 0] < 0) == (position == "FFS")  # the FFS copy really is mirrored
    s = window.qs.model
    s.set_window_level(400, 40)
    lo, hi = img.grid.bounds_mm()
    s.set_cursor(((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2))
    expected = {"axial": {"left": "R", "right": "L", "top": "A", "bottom": "P"},
                "coronal": {"left": "R", "right": "L", "top": "S", "bottom": "I"},
                "sagittal": {"left": "A", "right": "P", "top": "S", "bottom": "I"}}
    for name, view in window.views.items():
        assert view.edge_labels() == expected[name], (position, name)
    for name in ("axial", "coronal"):
        view = window.views[name]
        rgba = view.render_rgba()[..., :3].astype(int)
        bright = np.argwhere(rgba.min(axis=2) >= 250)
        # the marker (white at any soft-tissue window) sits right of centre, on the 'L' side
        labels_and_text = bright[(bright[:, 0] > 30) & (bright[:, 0] < rgba.shape[0] - 30)
                                 & (bright[:, 1] > 30) & (bright[:, 1] < rgba.shape[1] - 30)]
        assert len(labels_and_text) > 4, (position, name)
        assert np.median(labels_and_text[:, 1]) > rgba.shape[1] / 2, (position, name)
        q = view.patient_to_widget((x_marker, (lo[1] + hi[1]) / 2, s.cursor_mm[2]))
        assert q.x() > view.width() / 2
