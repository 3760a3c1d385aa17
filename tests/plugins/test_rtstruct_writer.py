"""The new RTSTRUCT: new UID, references to the CT, originals kept, provenance, dciodvfy clean."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.compute.contours import roi_volume_cc
from plannerview.compute.mask_to_contours import mask_to_roi
from plannerview.io.rtstruct_writer import write_rtstruct
from plannerview.model import Provenance

from .phantom import ct, grid, sphere_roi, structure_set


def dciodvfy_errors(path: Path) -> list[str]:
    exe = shutil.which("dciodvfy")
    if exe is None:
        pytest.skip("dciodvfy (Debian dicom3tools) is not installed")
    res = subprocess.run([exe, str(path)], capture_output=True, text=True, timeout=120)
    return [line for line in (res.stdout + res.stderr).splitlines() if line.startswith("Error")]


@pytest.fixture()
def written(tmp_path: Path):
    g = grid((20, 64, 64), (3.0, 2.0, 2.0), (-63.0, -63.0, -28.5))
    img = ct(np.zeros(g.shape_zyx), g)
    zc = g.axis_coords_mm()[0]
    ss = structure_set((sphere_roi(3, "GTV", (1.0, -2.0, 0.0), 15.0, zc, "GTV"),), img)
    yy, xx = np.mgrid[:64, :64]
    new_mask = np.zeros(g.shape_zyx, bool)
    new_mask[5:15] = ((yy - 32) ** 2 + (xx - 32) ** 2 <= 20**2) & ~((yy - 32) ** 2 + (xx - 32) ** 2 <= 8**2)
    new = mask_to_roi(new_mask, g, 4, "Ring", "CONTROL", (1, 2, 3), "SEMIAUTOMATIC", "a ring",
                      img.slice_sop_uids)
    prov = Provenance("plannerview.roi-op", "0.1.0", {"op": "ring", "outer_mm": 40.0}, inputs=(ss.sop_uid,))
    path = tmp_path / "RS.new.dcm"
    uid = write_rtstruct(path, img, [new], ss, {4: prov}, label="TEST")
    return path, uid, img, ss, new, new_mask, prov


def test_written_file_passes_dciodvfy(written) -> None:
    path = written[0]
    assert dciodvfy_errors(path) == []


def test_new_uid_references_and_originals(written) -> None:
    path, uid, img, ss, new, new_mask, prov = written
    ds = pydicom.dcmread(path)
    assert ds.SOPInstanceUID == uid != ss.sop_uid
    assert ds.Modality == "RTSTRUCT" and ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.481.3"
    refs = ds.ReferencedFrameOfReferenceSequence[0].RTReferencedStudySequence[0].RTReferencedSeriesSequence[0]
    assert refs.SeriesInstanceUID == img.series_uid
    assert [r.ReferencedSOPInstanceUID for r in refs.ContourImageSequence] == list(img.slice_sop_uids)
    assert ds.PredecessorStructureSetSequence[0].ReferencedSOPInstanceUID == ss.sop_uid
    names = [r.ROIName for r in ds.StructureSetROISequence]
    assert names == ["GTV", "Ring"]
    ring = ds.StructureSetROISequence[1]
    assert ring.ROIGenerationAlgorithm == "SEMIAUTOMATIC"
    assert ring.ROIGenerationDescription == "plannerview.roi-op 0.1.0"
    doc = json.loads(ring.ROIDescription[ring.ROIDescription.index("{"):])["plannerview_provenance"]
    assert doc["parameters"] == {"op": "ring", "outer_mm": 40.0} and doc["user"] == prov.user
    obs = {o.ReferencedROINumber: o.RTROIInterpretedType for o in ds.RTROIObservationsSequence}
    assert obs == {3: "GTV", 4: "CONTROL"}


def test_read_back_gives_the_same_contours(written) -> None:
    path, _uid, img, ss, new, new_mask, _prov = written
    back = plannerview.load([str(path)]).structure_sets[0]
    gtv, ring = back.roi("GTV"), back.roi("Ring")
    orig = ss.roi("GTV")
    assert len(gtv.contours) == len(orig.contours)
    for a, b in zip(gtv.contours, orig.contours, strict=True):
        np.testing.assert_allclose(a.points_mm, b.points_mm, atol=1e-4)
    assert ring.color_rgb == (1, 2, 3)
    # the ring: two loops per slice (outer and hole), volume as the traced ROI states it
    assert len(ring.contours) == 2 * 10
    assert roi_volume_cc(ring, 3.0) == pytest.approx(roi_volume_cc(new, 3.0), rel=1e-6)
    # and close to the analytic annulus: pi (40^2 - 16^2) mm^2 x 30 mm
    assert roi_volume_cc(ring, 3.0) == pytest.approx(np.pi * (40**2 - 16**2) * 30 / 1000, rel=0.03)


def test_never_overwrites_and_refuses_duplicate_names(written, tmp_path: Path) -> None:
    path, _uid, img, ss, new, *_ = written
    with pytest.raises(FileExistsError):
        write_rtstruct(path, img, [new], ss)
    dup = mask_to_roi(np.zeros(img.grid.shape_zyx, bool), img.grid, 9, "GTV")
    with pytest.raises(ValueError, match="repeated: GTV"):
        write_rtstruct(tmp_path / "other.dcm", img, [dup], ss)
