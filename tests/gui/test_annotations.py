"""Annotation tools and panel driven with real mouse events on real slice views (demo TG-119 case).
Positions are computed from patient millimetres with ``patient_to_widget``; the truths are those
millimetres (and lengths computed here from them), read back from the workspace's annotations;
the screenshot is checked for the status colour where the point was put."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

pytestmark = pytest.mark.gui
ws_mod = pytest.importorskip("plannerview.review.workspace")

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


def _send(view, etype, pos: QPointF, button, buttons) -> None:  # type: ignore[no-untyped-def]
    QApplication.sendEvent(view, QMouseEvent(etype, pos, view.mapToGlobal(pos), button, buttons,
                                             Qt.KeyboardModifier.NoModifier))


def click(view, xyz) -> None:  # type: ignore[no-untyped-def]
    pos = view.patient_to_widget(xyz)
    _send(view, QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    _send(view, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)


def double_click(view, xyz) -> None:  # type: ignore[no-untyped-def]
    pos = view.patient_to_widget(xyz)
    _send(view, QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    _send(view, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)
    _send(view, QEvent.Type.MouseButtonDblClick, pos, LEFT, LEFT)
    _send(view, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)


def drag(view, path) -> None:  # type: ignore[no-untyped-def]
    pts = [view.patient_to_widget(p) for p in path]
    _send(view, QEvent.Type.MouseButtonPress, pts[0], LEFT, LEFT)
    for q in pts[1:]:
        _send(view, QEvent.Type.MouseMove, q, NONE, LEFT)
    _send(view, QEvent.Type.MouseButtonRelease, pts[-1], LEFT, NONE)


@pytest.fixture
def setup(qtbot, demo_dir: Path):  # type: ignore[no-untyped-def]
    """Three slice views on the demo case, its workspace, the tools and the panel in one window."""
    from PySide6.QtWidgets import QHBoxLayout

    from plannerview.io.loader import load
    from plannerview.ui.annotations_panel import make_annotations_panel
    from plannerview.ui.app import make_app
    from plannerview.ui.session import QtSession
    from plannerview.ui.slice_view import SliceView

    make_app("dark")
    qs = QtSession()
    ws = qs.workspace
    case = load([str(demo_dir)])
    qs.model.set_case(case)
    plan = next(p for p in case.plans if p.label == "Photon7F")
    qs.model.select(plan=plan)
    qs.model.set_dose_display(show_wash=False, show_isodoses=False)
    win = QWidget()
    lay = QHBoxLayout(win)
    views = [SliceView(qs, v) for v in ("axial", "sagittal", "coronal")]
    for v in views:
        lay.addWidget(v, 2)
    panel = make_annotations_panel(qs, ws, views, author="tester")
    lay.addWidget(panel, 3)
    qtbot.addWidget(win)
    win.resize(1600, 600)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: all(v.plane is not None for v in views))
    yield qs, ws, views, panel, win
    panel.tools.detach()


def _on_plane(view, a: float, b: float):  # type: ignore[no-untyped-def]
    """A patient point on the view's current plane: (a, b) are the two in-plane patient coordinates."""
    o = np.asarray(view.plane.origin_mm, dtype=float)
    if view.view == "axial":
        return (a, b, float(o[2]))
    if view.view == "sagittal":
        return (float(o[0]), a, b)
    return (a, float(o[1]), b)


def test_every_tool_makes_its_annotation_in_patient_mm(setup, qtbot, out_dir: Path) -> None:
    qs, ws, (axial, sagittal, coronal), panel, win = setup
    frame = qs.model.image.frame_of_reference_uid
    cx, cy, cz = qs.model.cursor_mm
    tol = 0.6 * max(axial.ax.du_mm, axial.ax.dv_mm)  # a widget pixel is smaller than a voxel here

    qtbot.mouseClick(panel.tool_buttons["point"], LEFT)
    panel.text.setText("hot spot")
    p_point = _on_plane(axial, cx + 10.0, cy - 15.0)
    click(axial, p_point)
    qtbot.mouseClick(panel.tool_buttons["ruler"], LEFT)
    panel.text.setText("")
    p0, p1 = _on_plane(sagittal, cy - 20.0, cz - 10.0), _on_plane(sagittal, cy + 10.0, cz + 30.0)
    drag(sagittal, [p0, _on_plane(sagittal, cy, cz), p1])
    qtbot.mouseClick(panel.tool_buttons["arrow"], LEFT)
    panel.text.setText("look here")
    a0, a1 = _on_plane(coronal, cx - 30.0, cz), _on_plane(coronal, cx - 5.0, cz + 5.0)
    drag(coronal, [a0, a1])
    qtbot.mouseClick(panel.tool_buttons["polygon"], LEFT)
    panel.text.setText("region")
    square = [_on_plane(axial, cx + dx, cy + dy) for dx, dy in ((-20, -20), (20, -20), (20, 20))]
    for q in square:
        click(axial, q)
    double_click(axial, _on_plane(axial, cx - 20.0, cy + 20.0))
    qtbot.mouseClick(panel.tool_buttons["freehand"], LEFT)
    panel.text.setText("outline")
    circle = [_on_plane(axial, cx + 12 * np.cos(t), cy + 12 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 60)]
    drag(axial, circle)
    qtbot.mouseClick(panel.tool_buttons["freehand"], LEFT)  # tool off
    assert panel.tools.tool is None

    by_kind = {a.kind: a for a in ws.annotations}
    assert sorted(by_kind) == ["arrow", "freehand", "point", "polygon", "ruler"]
    for a in by_kind.values():
        assert a.frame_of_reference_uid == frame and a.author == "tester" and a.status == "open"
        assert qs.model.plan.sop_uid in a.referenced_uids
    assert np.allclose(by_kind["point"].points_mm[0], p_point, atol=tol)
    assert by_kind["point"].text == "hot spot"
    ruler = np.asarray(by_kind["ruler"].points_mm)
    assert np.allclose(ruler, [p0, p1], atol=tol)
    assert by_kind["ruler"].text.endswith(" mm")  # 30-40-50 triangle: 50 mm
    assert abs(float(by_kind["ruler"].text.split()[0]) - 50.0) <= 2 * tol
    assert np.allclose(by_kind["arrow"].points_mm, [a0, a1], atol=tol)
    poly = np.asarray(by_kind["polygon"].points_mm)
    assert poly.shape == (4, 3) and np.allclose(poly, square + [_on_plane(axial, cx - 20.0, cy + 20.0)], atol=tol)
    free = np.asarray(by_kind["freehand"].points_mm)
    r = np.hypot(free[:, 0] - cx, free[:, 1] - cy)
    assert len(free) >= 20 and np.all(np.abs(r - 12.0) <= tol + 0.5)
    assert np.allclose(free[:, 2], axial.plane.origin_mm[2])

    # the screenshot shows the open (yellow) point marker where it was put
    win.repaint()
    img = axial.grab().toImage()
    img.save(str(out_dir / "annotations.png"))
    q = axial.patient_to_widget(p_point)
    dpr = axial.devicePixelRatioF()
    ring = [img.pixelColor(int((q.x() + 5 * np.cos(t)) * dpr), int((q.y() + 5 * np.sin(t)) * dpr))
            for t in np.linspace(0, 2 * np.pi, 16)]
    assert sum(c.red() > 200 and c.green() > 170 and c.blue() < 90 for c in ring) >= 8


def test_panel_filters_jumps_revises_and_shows_history(setup, qtbot) -> None:
    qs, ws, (axial, _s, _c), panel, _win = setup
    cx, cy, cz = qs.model.cursor_mm
    target = (cx + 25.0, cy + 5.0, float(axial.plane.origin_mm[2]))
    panel.tools.create("point", [target], text="check this")
    panel.target.setCurrentText("roi")
    assert "Core" in [panel.target_ref.itemText(i) for i in range(panel.target_ref.count())]
    panel.target_ref.setCurrentText("Core")
    panel.text.setText("Core too hot")
    qtbot.mouseClick(panel.comment_btn, LEFT)
    assert panel.tree.topLevelItemCount() == 2
    comment = next(a for a in ws.annotations if a.kind == "comment")
    assert (comment.target, comment.target_ref, comment.text) == ("roi", "Core", "Core too hot")

    # jump: the crosshair moves to the point
    qs.model.set_cursor((cx - 40.0, cy, cz + 10.0))
    point = next(a for a in ws.annotations if a.kind == "point")
    panel.select(point.uid)
    qtbot.mouseClick(panel.goto_btn, LEFT)
    assert np.allclose(qs.model.cursor_mm, target)

    # resolve: a new revision by the panel's author; the filter and history follow
    panel.text.setText("")
    qtbot.mouseClick(panel.resolve_btn, LEFT)
    resolved = ws.annotation(point.uid)
    assert resolved.status == "resolved" and resolved.predecessor_revision_uid == point.revision_uid
    assert len(ws.annotation_history(point.uid)) == 2
    assert "tester: status open → resolved" in panel.history.toPlainText()
    panel.filter.setCurrentText("open")
    assert panel.tree.topLevelItemCount() == 1
    panel.filter.setCurrentText("resolved")
    assert panel.tree.topLevelItemCount() == 1
    panel.filter.setCurrentText("all")
    panel.select(comment.uid)
    qtbot.mouseClick(panel.withdraw_btn, LEFT)
    assert ws.annotation(comment.uid).status == "withdrawn"
    panel.filter.setCurrentText("withdrawn")
    assert [panel.tree.topLevelItem(0).text(2)] == ["Core too hot"]


def test_the_workstation_docks_the_panel_and_a_click_annotates_the_open_case(qtbot, demo_dir: Path,
                                                                             monkeypatch) -> None:
    for k in ("PLANNERVIEW_CONSULT_USER", "PLANNERVIEW_CONSULT_PASSWORD"):
        monkeypatch.delenv(k, raising=False)
    from PySide6.QtCore import QThreadPool

    from plannerview.ui.app import make_app
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    from .conftest import _delete_now, open_and_wait

    make_app("dark")
    win = MainWindow(settings=Settings(), heavy_panels=False)
    qtbot.addWidget(win, before_close_func=lambda w: w.contour_tools.discard_all())
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    try:
        open_and_wait(qtbot, win, [demo_dir])
        assert not win.annotations_dock.isVisible()
        win.annotations_action.trigger()  # View > Annotations
        assert win.annotations_dock.isVisible()
        panel = win.annotations_panel
        qtbot.mouseClick(panel.tool_buttons["point"], LEFT)
        x, y, _ = win.qs.model.cursor_mm
        p = _on_plane(win.axial, x + 8.0, y)
        click(win.axial, p)
        [a] = win.ws.annotations
        assert a.kind == "point" and np.allclose(a.points_mm[0], p, atol=win.axial.ax.du_mm)
        assert panel.tree.topLevelItemCount() == 1
        win.annotations_action.trigger()  # hiding the dock ends the tool
        assert panel.tools.tool is None and win.axial.edit_tool is None
        # the consult plugin's sync service runs with the window: without an account it says so
        st = win.plugins.services.status("plannerview-consult:sync")
        assert st.state == "stopped" and "PLANNERVIEW_CONSULT_USER" in st.message
    finally:
        win.shutdown()
        assert QThreadPool.globalInstance().waitForDone(20000)
        _delete_now(win)
