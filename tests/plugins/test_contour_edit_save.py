"""Saving manual edits (Qt-free): a new structure set with the originals plus the edited ROIs, new
UIDs, provenance, and the source file untouched. Truths are read back with pydicom and the loader."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pydicom
import pytest

import plannerview
from plannerview.compute.contours import roi_volume_cc
from plannerview.compute.masks import roi_mask_on_grid
from plannerview.review.contour_edit import (
    ENGINE,
    EditedRoi,
    MaskEditor,
    add_structure_set,
    edited_roi_name,
    save_edited_structure_set,
)

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(scope="module")
def demo_case():  # type: ignore[no-untyped-def]
    if not (DEMO / "RS_TG119.dcm").is_file():
        pytest.skip("resources/demo is not built")
    return plannerview.load([str(DEMO / "CT"), str(DEMO / "RS_TG119.dcm")])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_edited_and_new_rois_are_saved_next_to_the_originals(demo_case, tmp_path: Path) -> None:
    case = demo_case
    image, ss = case.images[0], case.structure_sets[0]
    grid = image.grid
    rs_file = Path(ss.file)
    before = _sha(rs_file)
    core = ss.roi("Core")
    ed = MaskEditor(roi_mask_on_grid(core, grid), grid)
    k = int(ed.drawn_slices()[len(ed.drawn_slices()) // 2])
    _, yc, xc = grid.axis_coords_mm()
    ed.brush(k, (float(xc.mean()), float(yc.mean()) + 60.0), 12.0)  # a blob next to the core
    ed.delete_slice(int(ed.drawn_slices()[0]))
    new = MaskEditor(np.zeros(grid.shape_zyx, bool), grid)
    square = np.array([[-20.0, -20.0], [20.0, -20.0], [20.0, 20.0], [-20.0, 20.0]]) + [0.0, 80.0]
    for kk in range(k - 3, k + 4):
        new.polygon(kk, square)
    out = tmp_path / "RS_edit.dcm"
    res = save_edited_structure_set(
        image, ss,
        [EditedRoi("Core", ed.mask, source_roi="Core", operations=ed.operations, color_rgb=core.color_rgb),
         EditedRoi("Boost", new.mask, operations=new.operations),
         EditedRoi("Nothing", np.zeros(grid.shape_zyx, bool))],
        out, user="tester")
    assert _sha(rs_file) == before  # the input is never modified
    assert res.skipped_empty == ("Nothing",)
    assert [r.name for r in res.rois] == ["Core (edited)", "Boost"]
    assert [r.number for r in res.rois] == [max(r.number for r in ss.rois) + 1, max(r.number for r in ss.rois) + 2]

    dcm = pydicom.dcmread(out)
    assert dcm.SOPInstanceUID == res.sop_uid != ss.sop_uid
    assert dcm.SeriesInstanceUID != pydicom.dcmread(rs_file).SeriesInstanceUID
    assert dcm.PredecessorStructureSetSequence[0].ReferencedSOPInstanceUID == ss.sop_uid
    item = next(r for r in dcm.StructureSetROISequence if r.ROIName == "Core (edited)")
    assert item.ROIGenerationAlgorithm == "MANUAL"
    doc = json.loads(item.ROIDescription[item.ROIDescription.index("{"):])["plannerview_provenance"]
    assert doc["engine"] == ENGINE == "plannerview manual edit"
    assert doc["version"] == plannerview.__version__
    assert doc["user"] == "tester" and doc["time_utc"]
    assert doc["parameters"]["source_roi"] == "Core"
    assert doc["parameters"]["operations"] == {"brush": 1, "delete slice": 1}
    assert doc["inputs"] == [ss.sop_uid, image.series_uid]

    back = plannerview.load([str(out)]).structure_sets[0]
    assert [r.name for r in back.rois] == [r.name for r in ss.rois] + ["Core (edited)", "Boost"]
    for orig in ss.rois:  # the originals come through unchanged
        got = back.roi(orig.name)
        assert len(got.contours) == len(orig.contours)
        assert all(np.allclose(a.points_mm, b.points_mm, atol=1e-3)
                   for a, b in zip(got.contours, orig.contours, strict=True))
    for name, mask in (("Core (edited)", ed.mask), ("Boost", new.mask)):
        roi = back.roi(name)
        assert np.array_equal(roi_mask_on_grid(roi, grid), mask)  # the traced contours give the mask back
        vol = roi_volume_cc(roi, grid.spacing_mm[0])
        assert vol == pytest.approx(mask.sum() * grid.voxel_volume_cc, rel=0.03)
    # the square: 7 slices of 40 x 40 mm at 2.5 mm; voxel-centre inclusion on 3 mm pixels (+-1 pixel a side)
    assert roi_volume_cc(back.roi("Boost"), grid.spacing_mm[0]) == pytest.approx(7 * 2.5 * 1600 / 1000, rel=0.15)

    case2, ss2 = add_structure_set(case, out)
    assert ss2.sop_uid == res.sop_uid and case2.structure_sets[-1] is ss2
    assert len(case2.structure_sets) == len(case.structure_sets) + 1
    with pytest.raises(FileExistsError):
        save_edited_structure_set(image, ss, [EditedRoi("Boost", new.mask)], out)


def test_nothing_to_save_and_unique_names(demo_case, tmp_path: Path) -> None:
    image, ss = demo_case.images[0], demo_case.structure_sets[0]
    with pytest.raises(ValueError, match="nothing to save"):
        save_edited_structure_set(image, ss, [EditedRoi("x", np.zeros(image.grid.shape_zyx, bool))],
                                  tmp_path / "a.dcm")
    assert not (tmp_path / "a.dcm").exists()
    assert edited_roi_name("GTV", ["GTV", "PTV"]) == "GTV (edited)"
    assert edited_roi_name("GTV", ["GTV", "GTV (edited)"]) == "GTV (edited) 2"
    m = np.zeros(image.grid.shape_zyx, bool)
    m[60, 80:90, 80:90] = True
    res = save_edited_structure_set(image, ss, [EditedRoi("core", m)], tmp_path / "b.dcm")
    assert res.rois[0].name == "core_1"  # never two ROIs of one name (case-insensitive)


def test_editor_records_operations_and_interpolation_pairs() -> None:
    from plannerview.model import Grid

    g = Grid((12, 40, 40), (2.0, 1.0, 1.0), (-19.5, -19.5, 0.0))
    ed = MaskEditor(np.zeros(g.shape_zyx, bool), g)
    assert ed.interpolation_pair(5) is None and not ed.modified
    ed.brush(2, (0.0, 0.0), 5.0)
    ed.polygon(8, np.array([[-5.0, -5.0], [5.0, -5.0], [5.0, 5.0]]), kind="freehand")
    ed.brush(9, (0.0, 0.0), 3.0)
    assert list(ed.drawn_slices()) == [2, 8, 9]
    assert ed.interpolation_pair(5) == (2, 8)  # an empty slice: the drawn slices around it
    assert ed.interpolation_pair(8) == (2, 8)  # a drawn slice: the gap below it first
    assert ed.interpolation_pair(2) == (2, 8)
    assert ed.interpolation_pair(9) is None  # no gap next to slice 9
    assert ed.interpolation_pair(11) is None
    assert ed.operations == {"brush": 2, "freehand": 1}
    ed.undo()
    assert ed.operations == {"brush": 1, "freehand": 1}
    ed.redo()
    ed.brush(9, (0.0, 0.0), 3.0, erase=True)
    assert ed.operations == {"brush": 2, "freehand": 1, "eraser": 1}
    assert list(ed.changed_slices()) == [2, 8] and ed.modified


def test_a_new_roi_without_a_source_structure_set(demo_case, tmp_path: Path) -> None:
    image = demo_case.images[0]
    grid = image.grid
    ed = MaskEditor(np.zeros(grid.shape_zyx, bool), grid)
    _, yc, xc = grid.axis_coords_mm()
    for k in (60, 61, 62):
        ed.brush(k, (float(xc.mean()), float(yc.mean())), 20.0)
    res = save_edited_structure_set(image, None, [EditedRoi("Drawn", ed.mask, operations=ed.operations)],
                                    tmp_path / "c.dcm")
    back = plannerview.load([str(tmp_path / "c.dcm")]).structure_sets[0]
    assert [r.name for r in back.rois] == ["Drawn"] and res.source_sop_uid == ""
    assert back.frame_of_reference_uid == image.frame_of_reference_uid
    assert np.array_equal(roi_mask_on_grid(back.roi("Drawn"), grid), ed.mask)


def test_edits_saved_with_keyhole_holes_read_back_the_same(demo_case, tmp_path: Path) -> None:
    """An annulus drawn on three slices (a 20 mm disk minus a 8 mm disk, on voxel centres): with
    ``holes="keyhole"`` each slice is one contour (hole spliced in), with ``xor`` two; both files
    read back, by the loader alone, to the drawn mask."""
    image, ss = demo_case.images[0], demo_case.structure_sets[0]
    grid = image.grid
    ed = MaskEditor(np.zeros(grid.shape_zyx, bool), grid)
    _, yc, xc = grid.axis_coords_mm()
    c = (float(xc.mean()), float(yc.mean()) + 70.0)
    for k in (60, 61, 62):
        ed.brush(k, c, 20.0)
        ed.brush(k, c, 8.0, erase=True)
    counts = {}
    for mode in ("xor", "keyhole"):
        out = tmp_path / f"RS_{mode}.dcm"
        res = save_edited_structure_set(image, ss, [EditedRoi("Ring", ed.mask, operations=ed.operations)], out,
                                        holes=mode)
        assert res.rois[0].provenance.parameters["holes"] == mode
        back = plannerview.load([str(out)]).structure_sets[0].roi("Ring")
        assert np.array_equal(roi_mask_on_grid(back, grid), ed.mask)
        counts[mode] = len(back.contours)
    assert counts == {"xor": 6, "keyhole": 3}
