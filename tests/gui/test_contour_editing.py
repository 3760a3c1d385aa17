"""Manual contour editing driven with the real mouse on the real window (demo TG-119 case).

Mouse events are real QMouseEvents sent to the axial view at sub-pixel widget positions computed
from patient millimetres with ``patient_to_widget``; the truths are geometry computed here from
the voxel centres of the image grid (a disk, a square, a polygon), never from the editor itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from .conftest import _delete_now, open_and_wait

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.MouseButton.NoButton


@pytest.fixture
def edit_window(qtbot, demo_dir: Path) -> Iterator:  # type: ignore[no-untyped-def]
    """The real main window with the demo case open and the "Edit contours" dock shown (the DVH and
    3D panels are not built: they play no part here and would only slow the tests)."""
    from PySide6.QtCore import QThreadPool

    from plannerview.ui.app import make_app
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    make_app("dark")
    win = MainWindow(settings=Settings(), heavy_panels=False)
    qtbot.addWidget(win, before_close_func=lambda w: w.contour_tools.discard_all())  # no "discard edits?" prompt
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    open_and_wait(qtbot, win, [demo_dir])
    win.qs.model.set_dose_display(show_wash=False, show_isodoses=False)
    win.edit_action.trigger()  # View > Edit contours
    assert win.edit_dock.isVisible()
    yield win
    win.shutdown()
    assert QThreadPool.globalInstance().waitForDone(20000)
    _delete_now(win)


# --- helpers -------------------------------------------------------------------------------------
def _send(view, etype: QEvent.Type, pos: QPointF, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:  # type: ignore[no-untyped-def]
    ev = QMouseEvent(etype, pos, view.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, ev)


def _widget(view, xy: tuple[float, float]) -> QPointF:  # type: ignore[no-untyped-def]
    z = float(view.plane.origin_mm[2])
    return view.patient_to_widget((xy[0], xy[1], z))


def click(view, xy: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    pos = _widget(view, xy)
    _send(view, QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    _send(view, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)


def drag(view, path_xy: list[tuple[float, float]]) -> None:  # type: ignore[no-untyped-def]
    """Press at the first point, move through the others with the button held, release at the last."""
    pts = [_widget(view, xy) for xy in path_xy]
    _send(view, QEvent.Type.MouseButtonPress, pts[0], LEFT, LEFT)
    for q in pts[1:]:
        _send(view, QEvent.Type.MouseMove, q, NONE, LEFT)
    _send(view, QEvent.Type.MouseButtonRelease, pts[-1], LEFT, NONE)


def double_click(view, xy: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    """What Qt delivers for a double click: press, release, double-click, release."""
    pos = _widget(view, xy)
    _send(view, QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    _send(view, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)
    _send(view, QEvent.Type.MouseButtonDblClick, pos, LEFT, LEFT)
    _send(view, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)


def centres(win) -> tuple[np.ndarray, np.ndarray, float]:  # type: ignore[no-untyped-def]
    """Patient x, y of the axial voxel centres (ny, nx) and the pixel size (mm), from the grid."""
    g = win.qs.model.image.grid
    _, yc, xc = g.axis_coords_mm()
    x, y = np.meshgrid(xc, yc)
    assert g.spacing_mm[1] == g.spacing_mm[2]
    return x, y, g.spacing_mm[1]


def start(win, k_offset: int = 0) -> tuple[int, tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Put the axial view on a slice through the phantom (k0 + k_offset); returns k and its centre."""
    s = win.qs.model
    c = np.array(s.default_cursor_mm())
    s.set_cursor(c)
    win.axial.scroll(k_offset)
    k = win.contour_tools.current_slice()
    assert win.axial.index == k
    return k, (float(c[0]), float(c[1]))


def equivalent_radius_mm(n_voxels: int, pixel_mm: float) -> float:
    return float(np.sqrt(n_voxels * pixel_mm**2 / np.pi))


# --- tests ---------------------------------------------------------------------------------------
def test_brush_paints_a_disk_and_the_eraser_removes_it_with_undo_redo(qtbot, edit_window) -> None:
    win = edit_window
    panel, tools, view = win.edit_panel, win.contour_tools, win.axial
    k, c0 = start(win)
    c = (c0[0] + 0.37, c0[1] - 0.21)  # off the voxel centres: no centre lies exactly on the rim
    panel.new_name.setText("Drawn")
    qtbot.mouseClick(panel.new_btn, LEFT)
    assert tools.current is not None and tools.current.name == "Drawn"
    qtbot.mouseClick(panel.tool_buttons["brush"], LEFT)
    assert tools.tool == "brush" and view.edit_tool is tools
    panel.size_spin.setValue(15.0)
    assert tools.radius_mm == 15.0
    assert not panel.undo_action.isEnabled()
    cursor_before = win.qs.model.cursor_mm
    click(view, c)
    assert win.qs.model.cursor_mm == cursor_before  # the click painted instead of moving the crosshair
    x, y, a = centres(win)
    hit = view.widget_to_patient(_widget(view, c))
    disk = (x - hit[0]) ** 2 + (y - hit[1]) ** 2 <= 15.0**2
    mask = tools.editor.mask
    assert np.array_equal(mask[k], disk)  # exactly the voxel centres within 15 mm of the click
    assert mask.sum() == mask[k].sum()  # on this slice only
    # area: pi r^2 within half a pixel on the equivalent radius
    assert abs(equivalent_radius_mm(int(mask[k].sum()), a) - 15.0) <= a / 2
    painted = mask.copy()
    assert panel.undo_action.isEnabled() and not panel.redo_action.isEnabled()

    qtbot.mouseClick(panel.tool_buttons["eraser"], LEFT)
    assert tools.tool == "eraser" and not panel.tool_buttons["brush"].isChecked()
    panel.size_spin.setValue(16.0)
    drag(view, [(c[0] + dx, c[1]) for dx in np.linspace(-25.0, 25.0, 26)])
    assert not tools.editor.mask.any()  # a 16 mm eraser stroke through the centre covers the disk
    assert tools.editor.operations == {"brush": 1, "eraser": 1}

    win.activateWindow()  # the undo/redo shortcuts work in the active window
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    assert np.array_equal(tools.editor.mask, painted)
    assert panel.redo_action.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Y
    assert not tools.editor.mask.any()
    qtbot.mouseClick(panel.undo_btn, LEFT)
    assert np.array_equal(tools.editor.mask, painted)
    qtbot.mouseClick(panel.undo_btn, LEFT)
    assert not tools.editor.mask.any() and not panel.undo_action.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert np.array_equal(tools.editor.mask, painted)  # Ctrl+Shift+Z redoes too

    # the edited mask is drawn over the view in the ROI's colour
    img = view.grab().toImage()
    from plannerview.ui.capture import qimage_to_rgba

    rgb = qimage_to_rgba(img)[..., :3].astype(int)
    q = _widget(view, c)
    assert np.abs(rgb[int(q.y()), int(q.x())] - np.array([255, 140, 0]) * 110 / 255).max() < 90

    # a brush drag paints the capsule swept by the disk, as one undo step, on the next slice
    qtbot.mouseClick(panel.tool_buttons["brush"], LEFT)
    panel.size_spin.setValue(5.0)
    view.scroll(1)
    n_undo = len(tools.editor._undo)
    drag(view, [(c[0] + dx, c[1]) for dx in np.linspace(-20.0, 20.0, 17)])
    capsule = (((np.abs(x - c[0]) <= 20) & (np.abs(y - c[1]) <= 5))
               | ((np.abs(x - c[0]) - 20) ** 2 + (y - c[1]) ** 2 <= 25))
    assert np.array_equal(tools.editor.mask[k + 1], capsule)
    assert np.array_equal(tools.editor.mask[k], painted[k]) and len(tools.editor._undo) == n_undo + 1
    qtbot.mouseClick(panel.undo_btn, LEFT)
    assert np.array_equal(tools.editor.mask, painted)

    # with no tool the left button moves the crosshair again
    qtbot.mouseClick(panel.tool_buttons["brush"], LEFT)
    assert tools.tool is None
    click(view, (c[0] + 30.0, c[1]))
    assert win.qs.model.cursor_mm[0] == pytest.approx(c[0] + 30.0, abs=1e-6)
    assert np.array_equal(tools.editor.mask, painted)


def test_polygon_and_freehand_fill_the_drawn_outline(qtbot, edit_window) -> None:
    win = edit_window
    panel, tools, view = win.edit_panel, win.contour_tools, win.axial
    k, c = start(win)
    panel.new_roi("Square")
    panel.set_tool("polygon")
    assert panel.tool_buttons["polygon"].isChecked()
    x0, y0 = c[0] + 0.7, c[1] - 0.4  # corners off the voxel centres
    corners = [(x0 - 20, y0 - 20), (x0 + 20, y0 - 20), (x0 + 20, y0 + 20), (x0 - 20, y0 + 20)]
    for xy in corners[:3]:
        click(view, xy)
    assert not tools.editor.mask.any()  # nothing filled before the polygon is closed
    double_click(view, corners[3])
    x, y, a = centres(win)
    got = view.widget_to_patient(_widget(view, corners[0]))
    assert got[:2] == pytest.approx(corners[0], abs=1e-6)
    square = (np.abs(x - x0) < 20) & (np.abs(y - y0) < 20)
    mask = tools.editor.mask
    assert np.array_equal(mask[k], square)
    area = mask[k].sum() * a * a
    assert (40 - a) ** 2 <= area <= (40 + a) ** 2  # 1600 mm^2 up to one pixel per side
    assert area == pytest.approx(1600.0, rel=0.1)
    assert view.zoom_factor == 1.0  # the double click closed the polygon, it did not reset the view

    # a triangle on the next slice, closed with Enter
    view.scroll(1)
    tri = np.array([(c[0] - 30.0, c[1] + 25.0), (c[0] + 30.0, c[1] + 25.0), (c[0], c[1] - 35.0)])
    for xy in tri:
        click(view, tuple(xy))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    inside = np.ones_like(x, dtype=bool)
    for i in range(3):  # same side of each edge as the opposite vertex
        p, q, r = tri[i], tri[(i + 1) % 3], tri[(i + 2) % 3]
        side = (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])
        ref = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        inside &= side * ref > 0
    assert np.array_equal(tools.editor.mask[k + 1], inside)
    assert inside.sum() * a * a == pytest.approx(0.5 * 60 * 60, rel=0.1)

    # freehand: a circle of radius 20 mm traced with the button held, two slices further
    view.scroll(1)
    panel.set_tool("freehand")
    ang = np.linspace(0, 2 * np.pi, 73)
    drag(view, [(c[0] + 20 * np.cos(t), c[1] + 20 * np.sin(t)) for t in ang])
    m = tools.editor.mask[k + 2]
    disk = (x - c[0]) ** 2 + (y - c[1]) ** 2 < 20.0**2
    # the outline is a 72-gon inscribed in the circle (sagitta 0.02 mm): the same centres up to the rim
    rim = np.abs(np.hypot(x - c[0], y - c[1]) - 20.0) < 0.05
    assert np.array_equal(m & ~rim, disk & ~rim)
    assert abs(equivalent_radius_mm(int(m.sum()), a) - 20.0) <= a / 2
    assert tools.editor.operations == {"polygon": 2, "freehand": 1}


def test_delete_contour_on_a_slice_of_an_existing_roi(qtbot, edit_window) -> None:
    from plannerview.compute.masks import roi_mask_on_grid

    win = edit_window
    panel, tools = win.edit_panel, win.contour_tools
    s = win.qs.model
    core = s.structure_set.roi("Core")
    original = roi_mask_on_grid(core, s.image.grid)
    k = int(np.nonzero(original.any(axis=(1, 2)))[0].mean())
    start(win, k - win.contour_tools.current_slice())
    assert tools.current_slice() == k and original[k].any()
    panel.roi_combo.setCurrentText("Core")
    qtbot.mouseClick(panel.edit_btn, LEFT)
    assert tools.current.source is core
    assert np.array_equal(tools.editor.mask, original)  # a copy of the ROI's voxel mask
    qtbot.mouseClick(panel.delete_btn, LEFT)
    after = tools.editor.mask
    assert not after[k].any()
    rest = np.ones(after.shape[0], bool)
    rest[k] = False
    assert np.array_equal(after[rest], original[rest])
    assert s.structure_set.roi("Core") is core and len(core.contours) > 0  # the loaded ROI is untouched
    qtbot.mouseClick(panel.undo_btn, LEFT)
    assert np.array_equal(tools.editor.mask, original)


def test_interpolation_between_two_drawn_circles(qtbot, edit_window) -> None:
    win = edit_window
    panel, tools, view = win.edit_panel, win.contour_tools, win.axial
    k0, c = start(win)
    panel.new_roi("Morph")
    panel.set_tool("brush")
    panel.size_spin.setValue(10.0)
    click(view, c)
    view.scroll(4)
    assert tools.current_slice() == k0 + 4
    panel.size_spin.setValue(20.0)
    click(view, c)
    view.scroll(-2)  # an empty slice between the two
    qtbot.mouseClick(panel.interp_btn, LEFT)
    mask = tools.editor.mask
    _, _, a = centres(win)
    assert list(np.nonzero(mask.any(axis=(1, 2)))[0]) == [k0, k0 + 1, k0 + 2, k0 + 3, k0 + 4]
    for dk, r in ((1, 12.5), (2, 15.0), (3, 17.5)):
        # radius grows linearly with the slice: pi r^2, within half a pixel on the radius
        assert abs(equivalent_radius_mm(int(mask[k0 + dk].sum()), a) - r) <= a / 2, dk
    interpolated = mask.copy()
    assert mask[k0 + 2].sum() * a * a == pytest.approx(np.pi * 15.0**2, rel=0.2)
    # undo takes the whole interpolation back; the two given slices (as numbered in the view) redo it
    qtbot.mouseClick(panel.undo_btn, LEFT)
    assert list(np.nonzero(tools.editor.mask.any(axis=(1, 2)))[0]) == [k0, k0 + 4]
    panel.k0_spin.setValue(k0 + 1)
    panel.k1_spin.setValue(k0 + 5)
    qtbot.mouseClick(panel.interp_between_btn, LEFT)
    assert np.array_equal(tools.editor.mask, interpolated)


def test_save_as_new_structure_set_and_load_it(qtbot, edit_window, demo_dir: Path, out_dir: Path,
                                               tmp_path: Path) -> None:
    import pydicom

    import plannerview
    from plannerview.compute.contours import roi_volume_cc
    from plannerview.compute.masks import roi_mask_on_grid
    from plannerview.ui.capture import grab_window

    win = edit_window
    panel, tools, view = win.edit_panel, win.contour_tools, win.axial
    s = win.qs.model
    rs = demo_dir / "RS_TG119.dcm"
    digest = hashlib.sha256(rs.read_bytes()).hexdigest()
    source = s.structure_set
    view.zoom(2.0, QPointF(view.width() / 2, view.height() / 2))
    k, c = start(win)
    panel.roi_combo.setCurrentText("Core")
    panel.edit_existing("Core")
    panel.set_tool("brush")
    panel.size_spin.setValue(12.0)
    drag(view, [(c[0] + 30.0, c[1] - 30.0 + d) for d in np.linspace(0.0, 20.0, 11)])  # a stroke beside the core
    panel.new_roi("Boost")
    panel.set_tool("polygon")
    square = [(c[0] + 40, c[1] + 20), (c[0] + 80, c[1] + 20), (c[0] + 80, c[1] + 60), (c[0] + 40, c[1] + 60)]
    for kk in range(k - 2, k + 3):
        s.set_cursor((c[0], c[1], float(s.image.grid.index_to_patient([0, 0, kk])[2])))
        for xy in square[:3]:
            click(view, xy)
        double_click(view, square[3])
    edited = {e.name: e.editor.mask.copy() for e in tools.modified_edits()}
    assert set(edited) == {"Core", "Boost"}
    s.set_cursor((c[0], c[1], float(s.image.grid.index_to_patient([0, 0, k])[2])))
    panel.set_tool("polygon")
    click(view, (c[0] - 60, c[1] + 40))  # a polygon in progress, for the screenshot
    click(view, (c[0] - 20, c[1] + 70))
    qtbot.wait(50)
    grab_window(win).save(str(out_dir / "contour_editing.png"))
    panel.set_tool(None)

    out = tmp_path / "RS_edited.dcm"
    with qtbot.waitSignal(panel.saved, timeout=30000) as blocker:
        res = panel.save_as(out)
    assert blocker.args[0] is res
    assert hashlib.sha256(rs.read_bytes()).hexdigest() == digest  # the input file is unchanged
    assert out.is_file() and res.sop_uid == pydicom.dcmread(out).SOPInstanceUID != source.sop_uid
    # the window now shows the new structure set, with the edits as ROIs, and the edits are closed
    ss = s.structure_set
    assert ss.sop_uid == res.sop_uid and ss in s.case.structure_sets and source in s.case.structure_sets
    assert {r.name for r in ss.rois} == {r.name for r in source.rois} | {"Core (edited)", "Boost"}
    assert {r.number for r in ss.rois} <= set(win.axial.layers)
    assert tools.edits == {} and panel.roi_combo.findText("Core (edited)") >= 0
    # read back independently by the loader from the file alone
    back = plannerview.load([str(out)]).structure_sets[0]
    assert [r.name for r in back.rois] == [r.name for r in source.rois] + ["Core (edited)", "Boost"]
    grid = s.image.grid
    for name, src_name in (("Core (edited)", "Core"), ("Boost", "Boost")):
        roi = back.roi(name)
        mask = edited[src_name]
        assert np.array_equal(roi_mask_on_grid(roi, grid), mask)
        assert roi_volume_cc(roi, grid.spacing_mm[0]) == pytest.approx(mask.sum() * grid.voxel_volume_cc, rel=0.03)
    assert back.roi("Core (edited)").generation_algorithm == "MANUAL"
    assert "plannerview manual edit" in back.roi("Boost").description
    for r in source.rois:
        assert len(back.roi(r.name).contours) == len(r.contours)


def test_unsaved_edits_are_not_discarded_without_asking(qtbot, edit_window, demo_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening another case or closing the window with unsaved edits asks first; Cancel keeps them."""
    from PySide6.QtWidgets import QMessageBox

    win = edit_window
    panel, tools, view = win.edit_panel, win.contour_tools, win.axial
    k, c0 = start(win)
    panel.new_name.setText("Unsaved")
    qtbot.mouseClick(panel.new_btn, LEFT)
    qtbot.mouseClick(panel.tool_buttons["brush"], LEFT)
    click(view, c0)
    assert [e.name for e in tools.modified_edits()] == ["Unsaved"]
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
            asked.append(text)
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert win.open_paths([str(demo_dir)]) is None
    win.close()
    assert win.isVisible() and "Unsaved" in asked[0] and len(asked) == 2
    assert [e.name for e in tools.modified_edits()] == ["Unsaved"]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    open_and_wait(qtbot, win, [demo_dir])
    assert len(asked) == 3 and tools.modified_edits() == []
