"""The review workstation driven as a user would: load, click, toggle, read, screenshot.

Truths are independent of plannerview: HU and dose read from the DICOM files with pydicom, the
number of goals in the protocol's YAML file, IEC 61217 beam directions, DICOM LPS axes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from PySide6.QtCore import QPoint, Qt

from .conftest import open_and_wait
from .dicom_truth import CtSeries, DoseFile, StructFile

pytestmark = pytest.mark.gui


def _rgba(img) -> np.ndarray:  # type: ignore[no-untyped-def]
    from plannerview.ui.capture import qimage_to_rgba

    return qimage_to_rgba(img)


def _target_point(dose: DoseFile) -> np.ndarray:
    """A dose-grid voxel centre at about the prescription dose (50 Gy), in the middle of the dose."""
    cand = np.argwhere(np.abs(dose.arr - 50.0) < 0.5)
    k, j, i = cand[np.argmin(np.abs(cand - np.median(cand, axis=0)).sum(axis=1))]
    return dose.index_to_patient(int(i), int(j), int(k))


def test_readout_matches_the_files_at_a_clicked_point(qtbot, demo_window, demo_dir: Path) -> None:
    win = demo_window
    dose = DoseFile(demo_dir / "RD_Photon7F.dcm")
    ct = CtSeries(demo_dir / "CT")
    p = _target_point(dose)
    win.qs.model.set_cursor(p)  # the axial view shows the slice through p
    view = win.axial
    pos = view.patient_to_widget(p)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(pos.x()), round(pos.y())))
    r = win.readout.current
    clicked = np.array(r.position_mm)
    mm_per_px = 1.0 / (view.base_scale() * view.zoom_factor)
    assert np.linalg.norm(clicked[:2] - p[:2]) <= mm_per_px  # within one screen pixel
    assert r.hu == ct.hu_at(clicked)
    assert r.dose == pytest.approx(dose.dose_at(clicked), abs=2e-4)
    assert r.dose_unit == "Gy"
    assert r.dose_percent == pytest.approx(100.0 * r.dose / 50.0, rel=1e-9)  # Rx 50 Gy in the plan
    assert set(r.rois) == StructFile(demo_dir / "RS_TG119.dcm").rois_at(clicked)
    assert f"{r.dose:.3f} Gy" in win.readout.label.text()


def test_roi_toggle_hides_its_contour_and_surface(qtbot, demo_window, out_dir: Path) -> None:
    win = demo_window
    s = win.qs.model
    ss = s.structure_set
    target = ss.roi("OuterTarget")
    s.set_dose_display(show_wash=False, show_isodoses=False)
    s.set_cursor(_centroid_point(target))
    with qtbot.waitSignal(win.view3d.surfaces_ready, timeout=60000, raising=False):
        pass
    qtbot.waitUntil(lambda: target.number in win.view3d.roi_actors, timeout=60000)
    colour = np.array(target.color_rgb)

    def roi_pixels() -> int:
        a = _rgba(win.axial.grab().toImage())[..., :3].astype(int)
        return int(np.sum(np.all(np.abs(a - colour) <= 8, axis=2)))

    before = roi_pixels()
    assert before > 100
    assert win.axial.layers[target.number].visible
    assert win.view3d.roi_actors[target.number].GetVisibility() == 1
    win.roi_panel.set_checked(target.number, False)  # untick it in the ROI list
    assert target.number not in s.visible_rois
    assert not win.axial.layers[target.number].visible
    assert win.view3d.roi_actors[target.number].GetVisibility() == 0
    assert roi_pixels() < before / 20
    win.roi_panel.hide_all_btn.click()
    assert all(not layer.visible for layer in win.sagittal.layers.values())
    win.roi_panel.show_all_btn.click()
    assert win.view3d.roi_actors[target.number].GetVisibility() == 1


def _centroid_point(roi) -> np.ndarray:  # type: ignore[no-untyped-def]
    zs = sorted(roi.planes)
    z = zs[len(zs) // 2]
    pts = np.concatenate(roi.planes[z])
    # a point on the contour's outline itself: always on the drawn path
    return np.array([pts[0, 0], pts[0, 1], z])


def test_dvh_panel_has_one_curve_per_visible_roi(qtbot, demo_window) -> None:
    win = demo_window
    panel = win.dvh_panel
    qtbot.waitUntil(lambda: len(panel.dvhs) > 0, timeout=90000)
    s = win.qs.model
    with_contours = {r.number for r in s.structure_set.rois if r.planes}
    assert set(panel.visible_curve_rois) == with_contours & s.visible_rois
    core = s.structure_set.roi("Core").number
    s.set_roi_visible(core, False)
    assert set(panel.visible_curve_rois) == (with_contours & s.visible_rois)
    assert core not in panel.visible_curve_rois
    # cursor readout: V at the dose and D at the volume of a curve
    txt = panel.show_cursor(25.0, 50.0)
    assert "OuterTarget" in txt and "V(25.00 Gy)" in txt


def test_goals_table_has_one_row_per_protocol_goal(qtbot, demo_window) -> None:
    from plannerview.resources import protocols_dir

    panel = demo_window.goals_panel
    name = "prostate_conventional_quantec"
    if panel.protocol.findText(name) < 0:
        name = panel.protocol.itemText(0)
    n_goals = len(yaml.safe_load((protocols_dir() / f"{name}.yaml").read_text())["goals"])
    panel.protocol.setCurrentText(name)
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.protocol.name == name
                    and panel.table.rowCount() == n_goals, timeout=120000)
    assert panel.table.rowCount() == n_goals
    statuses = {panel.table.item(r, 6).text() for r in range(n_goals)}
    assert statuses <= {"pass", "acceptable", "fail", "not_evaluated"}


def test_isodose_line_lies_where_the_dose_crosses_its_level(demo_window, demo_dir: Path) -> None:
    win = demo_window
    dose = DoseFile(demo_dir / "RD_Photon7F.dcm")
    s = win.qs.model
    s.set_cursor(_target_point(dose))
    view = win.axial
    levels = view.isodose_segments()
    assert len(levels) == 6
    ax = view.ax
    for level_gy, pct, segs in levels:
        assert pct == pytest.approx(100.0 * level_gy / 50.0)
        if not len(segs):
            continue
        pts = segs.reshape(-1, 2)[:: max(1, len(segs) // 60)]
        errs = []
        for x_mm, y_mm in pts:
            p = view.plane.to_patient(y_mm / ax.dv_mm - 0.5, x_mm / ax.du_mm - 0.5)
            errs.append(dose.dose_at(p) - level_gy)
        # the line is drawn where the dose is the level: within 2 % of the prescription
        assert np.max(np.abs(errs)) < 0.02 * 50.0, (level_gy, np.max(np.abs(errs)))


def test_beam_at_gantry_90_enters_from_the_patients_left(qtbot, demo_window) -> None:
    win = demo_window
    case = win.qs.model.case
    proton = next(p for p in case.plans if p.label == "ProtonIMPT")
    win.qs.model.select(plan=proton)
    drawings = {d.name: d for d in win.view3d.beam_drawings}
    g90 = next(b for b in proton.beams if abs((b.gantry_deg or 0) - 90) < 1e-6)
    d = drawings[g90.name]
    direction = (d.source_mm - d.iso_mm) / np.linalg.norm(d.source_mm - d.iso_mm)
    assert direction == pytest.approx([1.0, 0.0, 0.0], abs=1e-9)  # +x in LPS = patient's left (HFS)
    # the drawn beam actor reaches out to the patient's left of the isocentre (drawn near the
    # patient: part of the way to the source, 0.75 x the body's extent)
    actor = next(a for a in win.view3d.beam_actors if getattr(a, "beam_name", "") == g90.name)
    xmin, xmax, *_ = actor.GetBounds()
    assert xmax > d.iso_mm[0] + 150 and xmin > d.iso_mm[0] - 120
    photon = next(p for p in case.plans if p.label == "Photon7F")
    win.qs.model.select(plan=photon)
    g0 = next(d for d in win.view3d.beam_drawings if d.name == "G000")
    assert (g0.source_mm - g0.iso_mm)[1] == pytest.approx(-1000.0)  # gantry 0: from anterior (-y)


def test_screenshots_of_every_view_show_the_dose(qtbot, demo_window, demo_dir: Path, out_dir: Path) -> None:
    from plannerview.ui.capture import grab_window

    win = demo_window
    dose = DoseFile(demo_dir / "RD_Photon7F.dcm")
    p = _target_point(dose)
    win.qs.model.set_cursor(p)
    qtbot.waitUntil(lambda: len(win.dvh_panel.dvhs) > 0 and len(win.view3d.roi_actors) > 0, timeout=90000)
    for name, view in win.views.items():
        img = view.grab().toImage()
        img.save(str(out_dir / f"demo_{name}.png"))
        a = _rgba(img)[..., :3].astype(int)
        assert len(np.unique(a.reshape(-1, 3), axis=0)) > 50, name
        q = view.patient_to_widget(p)
        patch = a[int(q.y()) - 3:int(q.y()) + 4, int(q.x()) - 3:int(q.x()) + 4]
        # the dose wash colours the target: not grey (CT) there
        chroma = patch.max(axis=2) - patch.min(axis=2)
        assert np.median(chroma) > 60, name
    frame = win.view3d.render_rgba()
    _qimage(frame).save(str(out_dir / "demo_3d.png"))
    assert len(np.unique(frame[..., :3].reshape(-1, 3), axis=0)) > 50
    win.dvh_panel.grab().toImage().save(str(out_dir / "demo_dvh.png"))
    whole = grab_window(win)
    whole.save(str(out_dir / "demo_window.png"))
    assert whole.width() >= 1400


def _qimage(arr: np.ndarray):  # type: ignore[no-untyped-def]
    from plannerview.ui.capture import rgba_to_qimage

    return rgba_to_qimage(arr)


def test_corrupt_folder_shows_findings_not_a_crash(qtbot, window, demo_dir: Path, tmp_path: Path) -> None:
    raw = (demo_dir / "CT" / "CT_001.dcm").read_bytes()
    (tmp_path / "truncated.dcm").write_bytes(raw[: len(raw) // 3])
    (tmp_path / "notes.txt").write_text("not a DICOM file\n")
    case = open_and_wait(qtbot, window, [tmp_path])
    files = {Path(f.file).name for f in case.findings}
    assert "truncated.dcm" in files
    items = window.case_browser.finding_items
    texts = " ".join(i.text(0) + i.toolTip(0) for i in items)
    assert "truncated.dcm" in texts
    assert window.banner.text() == "No case loaded"
    assert window.isVisible()
