"""The Qt-free slice rendering (plannerview.render): exact pixel values for inputs whose colours
follow by hand from the documented tables and rules."""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.compute import slicing
from plannerview.model import DoseGrid, Grid
from plannerview.model.structures import CLOSED, ROI, Contour
from plannerview.render import colormaps, contours, dose, grey

NAN = float("nan")


# --- grey levels ---------------------------------------------------------------------------------
def test_window_255_level_127_5_is_the_identity_truncated_and_clipped() -> None:
    vals = np.array([[-5.0, 0.0, 17.0, 17.9, 254.0, 255.0, 300.0]])
    assert grey.window_level_to_uint8(vals, 255.0, 127.5).tolist() == [[0, 0, 17, 17, 254, 255, 255]]


def test_soft_tissue_window_maps_its_ends_and_centre() -> None:
    # W 400 / L 40: -160 HU is black, 240 HU white, 40 HU is 127.5 -> 127 (truncated)
    vals = np.array([[-1000, -160, 40, 240, 3000]], dtype=np.int16)
    out = grey.window_level_to_uint8(vals, 400.0, 40.0)
    assert out.dtype == np.uint8 and out.tolist() == [[0, 0, 127, 255, 255]]


def test_overlay_hot_scale_and_grey_scale() -> None:
    vals = np.array([[0.0, 1.0, 2.0, 3.0, NAN]])  # lo 0, hi 3: t = 0, 1/3, 2/3, 1
    pt = grey.overlay_rgba(vals, 0.0, 3.0, "PT", 0.5)
    # grey level g = 0, 85, 170, 255; red = 3g, green = 3g - 255, blue = 3g - 510 (clipped)
    assert pt[0, :4, :3].tolist() == [[0, 0, 0], [255, 0, 0], [255, 255, 0], [255, 255, 255]]
    assert pt[0, :, 3].tolist() == [127, 127, 127, 127, 0]  # int(255 * 0.5); NaN transparent
    mr = grey.overlay_rgba(vals, 0.0, 3.0, "MR", 1.0)
    assert mr[0, :4, 0].tolist() == [0, 85, 170, 255]
    assert (mr[0, :4, 0] == mr[0, :4, 1]).all() and (mr[0, :4, 0] == mr[0, :4, 2]).all()
    assert mr[0, :, 3].tolist() == [255, 255, 255, 255, 0]


def test_overlay_display_range_is_the_percentiles_of_every_fourth_voxel() -> None:
    vox = np.zeros((8, 8, 8))
    vox[::4, ::4, ::4] = np.arange(8).reshape(2, 2, 2)  # the sampled voxels hold 0..7
    vox[1::4] = 1e6  # never sampled
    lo, hi = grey.overlay_display_range(vox)
    assert lo == pytest.approx(0.07) and hi == pytest.approx(6.965)  # numpy linear percentiles of 0..7


# --- colour tables -------------------------------------------------------------------------------
def test_dose_table_stops() -> None:
    t = colormaps.lut("dose")
    assert t.shape == (256, 3) and not t.flags.writeable
    assert t[0].tolist() == [0, 0, 255]  # blue
    assert t[51].tolist() == [0, 204, 255]  # t = 0.2: 0.8 of the way blue -> cyan
    assert t[255].tolist() == [255, 0, 0]  # red


def test_isodose_colours_by_level() -> None:
    assert colormaps.isodose_rgb(100.0) == (255, 128, 0)
    assert colormaps.isodose_rgb(107.0) == (255, 0, 0)
    assert colormaps.isodose_rgb(94.9) == (128, 255, 0)
    assert colormaps.isodose_rgb(110.0) == (255, 0, 255)
    assert colormaps.isodose_rgb(-5.0) == (64, 64, 255)


def test_unknown_colour_map_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown colour map"):
        colormaps.lut("jet")
    with pytest.raises(ValueError, match="diverging"):
        colormaps.map_to_rgba(np.zeros((1, 1)), "dose", 0.0, 1.0)


def test_diverging_map_ends_centre_clipping_and_nan() -> None:
    vals = np.array([[-2.0, 0.0, 2.0, 5.0, -9.0, NAN]])
    rgba = colormaps.map_to_rgba(vals, "diverging", -2.0, 2.0)
    rgb = rgba[0, :, :3].tolist()
    assert rgb[0] == [33, 70, 190] and rgb[4] == [33, 70, 190]  # lowest stop, and clipped below
    assert rgb[2] == [200, 20, 30] and rgb[3] == [200, 20, 30]  # highest stop, and clipped above
    # 0 -> index 127.5 rounds to 128: white moved 1/255 of a quarter towards (240, 130, 110)
    assert rgb[1] == [255, 254, 254]
    assert rgba[0, :, 3].tolist() == [255, 255, 255, 255, 255, 0]


def test_gamma_map_splits_pass_and_fail_at_one() -> None:
    vals = np.array([[0.0, 1.0, 1.0001, 2.0, 7.0, NAN]])
    rgba = colormaps.map_to_rgba(vals, "gamma", 0.0, 2.0, opacity=0.5)
    rgb = rgba[0, :, :3].tolist()
    assert rgb[0] == [0, 90, 40]  # gamma 0: dark green
    assert rgb[1] == [150, 230, 150]  # gamma 1 still passes: light green, top of the lower half
    assert rgb[2] == [255, 170, 0]  # just above 1: orange, bottom of the upper half
    assert rgb[3] == [220, 0, 0] and rgb[4] == [220, 0, 0]  # max gamma and above: red
    assert rgba[0, :, 3].tolist() == [128, 128, 128, 128, 128, 0]  # round(127.5); NaN transparent


def test_colour_bar_positions() -> None:
    assert colormaps.map_fraction("diverging", 0.0, -3.0, 3.0) == 0.5
    assert colormaps.map_fraction("diverging", 3.0, -3.0, 3.0) == 1.0
    assert colormaps.map_fraction("gamma", 1.0, 0.0, 3.0) == 0.5
    assert colormaps.map_fraction("gamma", 2.0, 0.0, 3.0) == 0.75


# --- dose wash and isodose lines -----------------------------------------------------------------
def test_wash_colours_threshold_and_opacity() -> None:
    vals = np.array([[10.0, 20.0, 60.0, 100.0, 9.99, NAN]], dtype=np.float32)
    rgba = dose.wash_rgba(vals, 10.0, 60.0, 0.45)
    assert rgba[0, :4, :3].tolist() == [[0, 0, 255], [0, 204, 255], [255, 0, 0], [255, 0, 0]]
    # alpha round(0.45 * 255) = 115 from the lower threshold up; below it and outside the grid: 0
    assert rgba[0, :, 3].tolist() == [115, 115, 115, 115, 0, 0]


def test_isodose_line_of_a_ramp_lies_half_way_between_columns() -> None:
    vals = np.tile(np.arange(6, dtype=np.float32), (4, 1))  # dose = column index (Gy)
    ds = dose.DoseSlice(vals, x0_mm=10.0, y0_mm=-4.0, du_mm=2.0, dv_mm=3.0)
    (line,) = dose.isodose_lines(ds, [2.5], reference_gy=50.0)
    assert line.level_gy == 2.5 and line.percent == pytest.approx(5.0)
    pts = line.segments_mm.reshape(-1, 2)
    # column 2.5 -> left edge 10 + (2.5 + 0.5) * 2 = 16 mm; rows span the pixel centres -2.5 .. 6.5
    assert np.allclose(pts[:, 0], 16.0)
    assert pts[:, 1].min() == pytest.approx(-4.0 + 0.5 * 3.0) and pts[:, 1].max() == pytest.approx(-4.0 + 3.5 * 3.0)
    assert ds.width_mm == 12.0 and ds.height_mm == 12.0


def _linear_dose(grid: Grid) -> DoseGrid:
    """Dose = 0.01 x + 0.02 y + 0.03 z + 5 at the voxel centres (trilinear sampling reproduces it)."""
    nz, ny, nx = grid.shape_zyx
    ijk = np.stack(np.meshgrid(np.arange(nx), np.arange(ny), np.arange(nz), indexing="ij"), axis=-1)
    xyz = grid.index_to_patient(ijk)  # (nx, ny, nz, 3)
    d = (0.01 * xyz[..., 0] + 0.02 * xyz[..., 1] + 0.03 * xyz[..., 2] + 5.0).transpose(2, 1, 0)
    arr = np.ascontiguousarray(d, dtype=np.float32)
    return DoseGrid(sop_uid="2.25.7", frame_of_reference_uid="", grid=grid, dose_type="PHYSICAL", units="GY",
                    summation_type="PLAN", loader=lambda: arr)


def test_dose_on_slice_sits_at_the_dose_grid_resolution_in_plane_mm() -> None:
    image = Grid((20, 20, 20), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0))
    dgrid = Grid((8, 9, 7), (2.0, 2.0, 2.0), (1.0, 1.0, 1.0))  # centres x = 1, 3, ..., 13
    ax = slicing.view_axes(image, "axial")
    plane = slicing.slice_plane(image, ax, 5)  # z = 5: dose slice k = 2 exactly
    ds = dose.dose_on_slice(_linear_dose(dgrid), plane, ax)
    assert ds is not None
    assert ds.values.shape == (9, 7) and ds.du_mm == 2.0 and ds.dv_mm == 2.0
    # dose column 0 is centred on x = 1 mm = image column 1, whose pixel spans plane mm [1, 2]:
    # the 2 mm dose pixel spans [0.5, 2.5]
    assert ds.x0_mm == pytest.approx(0.5) and ds.y0_mm == pytest.approx(0.5)
    x = 1.0 + 2.0 * np.arange(7)
    y = 1.0 + 2.0 * np.arange(9)
    truth = 0.01 * x[None, :] + 0.02 * y[:, None] + 0.03 * 5.0 + 5.0
    assert np.allclose(ds.values, truth, atol=1e-5)
    far = slicing.slice_plane(image, ax, 19)  # z = 19: beyond the dose grid's last slice edge (16)
    assert dose.dose_on_slice(_linear_dose(dgrid), far, ax) is None


# --- ROI layers ----------------------------------------------------------------------------------
def _square_roi(z: float, x0: float, x1: float, y0: float, y1: float) -> ROI:
    pts = np.array([[x0, y0, z], [x1, y0, z], [x1, y1, z], [x0, y1, z]])
    return ROI(7, "box", (Contour(CLOSED, pts),), color_rgb=(10, 20, 30))


def test_axial_polygons_in_plane_mm() -> None:
    image = Grid((10, 30, 40), (2.0, 1.0, 1.0), (-5.0, 3.0, 0.0))
    ax = slicing.view_axes(image, "axial")
    roi = _square_roi(4.0, 0.0, 10.0, 5.0, 8.0)
    plane = slicing.slice_plane(image, ax, 2)  # z = 4
    polys = contours.polygons_in_plane_mm(roi.planes, plane, ax, 1.0)
    assert polys is not None and len(polys) == 1
    # patient x -> column x + 5 -> plane mm (column + 0.5) * 1; y -> row y - 3 -> (row + 0.5) * 1
    assert polys[0].tolist() == [[5.5, 2.5], [15.5, 2.5], [15.5, 5.5], [5.5, 5.5]]
    assert contours.polygons_in_plane_mm(roi.planes, slicing.slice_plane(image, ax, 3), ax, 1.0) is None
    assert contours.roi_layer(roi, plane, ax, 1.0).polygons_mm is not None


def test_mask_fill_and_outline() -> None:
    mask = np.zeros((8, 10), dtype=bool)
    mask[2:5, 3:6] = True
    rgba = contours.mask_rgba(mask, (10, 20, 30))
    assert rgba[3, 4].tolist() == [10, 20, 30, 90] and rgba[0, 0].tolist() == [0, 0, 0, 0]
    assert int((rgba[..., 3] > 0).sum()) == 9
    seg = contours.mask_outline_mm(mask, 1.0, 2.0)
    pts = seg.reshape(-1, 2)
    # half-way between inside and outside pixel centres: columns 2.5 and 5.5, rows 1.5 and 4.5
    # -> x = 3 and 6 mm, y = 4 and 10 mm; every point lies on that box
    assert pts[:, 0].min() == 3.0 and pts[:, 0].max() == 6.0
    assert pts[:, 1].min() == 4.0 and pts[:, 1].max() == 10.0
    on_box = np.isclose(pts[:, 0], 3.0) | np.isclose(pts[:, 0], 6.0) | np.isclose(pts[:, 1], 4.0) | np.isclose(pts[:, 1], 10.0)
    assert on_box.all()


def test_sagittal_cut_of_a_box_roi_is_a_filled_outlined_mask() -> None:
    image = Grid((10, 20, 20), (2.0, 1.0, 1.0), (0.0, 0.0, 0.0))  # z = 0 .. 18
    ax = slicing.view_axes(image, "sagittal")
    rois = [_square_roi(z, 4.0, 12.0, 5.0, 9.0) for z in (6.0, 8.0, 10.0)]
    roi = ROI(7, "box", tuple(c for r in rois for c in r.contours), color_rgb=(10, 20, 30))
    plane = slicing.slice_plane(image, ax, 8)  # x = 8 mm: through the box
    layer = contours.roi_layer(roi, plane, ax, contours.roi_half_thickness_mm(roi, 2.0))
    assert layer.polygons_mm is None and layer.fill_rgba is not None and layer.outline_mm is not None
    filled = layer.fill_rgba[..., 3] == 90
    # columns are y (pixel centres 0 .. 19 mm): inside [5, 9) -> 5, 6, 7, 8; rows are z downwards
    # (18 .. 0 mm): the contour planes 10, 8, 6 mm, each shown within half their 2 mm spacing
    assert np.nonzero(filled.any(axis=0))[0].tolist() == [5, 6, 7, 8]
    z_rows = 18.0 - 2.0 * np.nonzero(filled.any(axis=1))[0]
    assert z_rows.tolist() == [10.0, 8.0, 6.0] and int(filled.sum()) == 12
    assert (layer.fill_rgba[filled][:, :3] == (10, 20, 30)).all()
    outside = slicing.slice_plane(image, ax, 15)  # x = 15 mm: beside the box
    assert contours.roi_layer(roi, outside, ax, 1.0).empty
