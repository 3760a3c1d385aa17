"""The workstation on real cases that are not the demo: RT objects without images (the HDR
brachytherapy cylinder), a per-fraction dose, a dose grid that covers part of the ROIs, a target
two ROIs could be, the protocol chosen from the plan, the first screen, overlay texts at many
sizes and the 3D view's framing and beams. Truths come from the DICOM files read with pydicom
(and the TPS's own DVHs), screenshots are written to test-output/gui.
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pydicom
import pytest

from .conftest import open_and_wait

pytestmark = pytest.mark.gui


def _tps_dvh(rd: Path, roi_number: int) -> tuple[np.ndarray, np.ndarray]:
    """(lower bin edge Gy, cumulative cc) of the TPS's DVH of an ROI, from the RTDOSE."""
    ds = pydicom.dcmread(rd, stop_before_pixels=True)
    item = next(i for i in ds.DVHSequence if int(i.DVHReferencedROISequence[0].ReferencedROINumber) == roi_number)
    data = np.asarray(item.DVHData, float).reshape(-1, 2)
    return np.concatenate([[0.0], np.cumsum(data[:-1, 0])]) * float(item.DVHDoseScaling), data[:, 1]


def _dose_at_volume(edges: np.ndarray, vol: np.ndarray, v_cc: float) -> float:
    """The dose where the cumulative curve falls to ``v_cc`` (linear between bin edges)."""
    return float(np.interp(-v_cc, -vol, edges))


def test_rt_objects_without_images(qtbot, window, shared_dir: Path, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Ex1 of the HDR cylinder: structures, plan and dose, no CT. Every panel is built, the views
    draw dose and contours on a blank canvas, the brachytherapy panel lists the dwell times and
    D90/D2cc, and the DVH's dose axis covers the clinical range, not the 395 Gy next to the source."""
    folder = shared_dir / "brachy_cylinder_hdr" / "Ex1"
    rd = next(folder.glob("RD*.dcm"))
    rp = pydicom.dcmread(next(folder.glob("RP*.dcm")))
    open_and_wait(qtbot, window, [folder])
    s = window.qs.model
    assert s.image is None and not s.has_images
    assert "No images were found" in window.banner.text()
    # every panel is built without a painted CT slice
    qtbot.waitUntil(lambda: window.dvh_panel is not None and window.goals_panel is not None
                    and window.view3d is not None, timeout=20000)
    # the canvas covers the dose grid (pydicom: origin, spacing, frames) and the BODY contours
    ds = pydicom.dcmread(rd)
    ipp = np.array([float(v) for v in ds.ImagePositionPatient])
    z = ipp[2] + np.array([float(v) for v in ds.GridFrameOffsetVector])
    lo, hi = s.display_grid.bounds_mm()
    assert lo[2] <= z.min() and hi[2] >= z.max() and lo[0] <= ipp[0] and lo[1] <= ipp[1]
    view = window.axial
    assert view.has_content and view.plane is not None
    body = s.structure_set.roi("BODY")
    z_mid = sorted(body.planes)[len(body.planes) // 2]
    xy = body.planes[z_mid][0]
    pts = np.column_stack([xy, np.full(len(xy), z_mid)])
    s.set_cursor((float(xy[:, 0].mean()), float(xy[:, 1].mean()), float(z_mid)))
    view.resize(500, 500)
    img = view.grab().toImage()
    img.save(str(out_dir / "no_images_axial.png"))
    # the BODY outline is drawn where its first point falls (its colour within a few pixels)
    c = view.patient_to_widget(pts[0])
    rgb = np.array(body.color_rgb)
    near = [img.pixelColor(int(c.x()) + dx, int(c.y()) + dy) for dx in range(-3, 4) for dy in range(-3, 4)]
    assert any(np.abs(np.array([q.red(), q.green(), q.blue()]) - rgb).max() < 40 for q in near)
    # DVHs computed; the axis stops at 3 x the 5.5 Gy prescription, far below the maximum (pydicom)
    panel = window.dvh_panel
    qtbot.waitUntil(lambda: bool(panel.curves), timeout=60000)
    dmax = float(ds.pixel_array.max()) * float(ds.DoseGridScaling)
    rx = float(rp.DoseReferenceSequence[0].TargetPrescriptionDose)
    assert dmax > 300 and panel.x_range == pytest.approx((0.0, 3 * rx))
    # brachytherapy panel: channel 1's dwell time is its ChannelTotalTime; D2cc of BODY as the TPS has it
    window.brachy_panel.set_dvhs(panel.dvhs)
    assert window.brachy_dock.isVisible()
    ch = rp.ApplicationSetupSequence[0].ChannelSequence[0]
    table = window.brachy_panel.channels
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == str(ch.ChannelNumber))
    assert float(table.item(row, 3).text()) == pytest.approx(float(ch.ChannelTotalTime), abs=0.05)
    figs = window.brachy_panel.figures
    headers = [figs.horizontalHeaderItem(c).text() for c in range(figs.columnCount())]
    assert headers[2] == "D90" and headers[4] == "D2cc"
    assert figs.item(0, 0).text().startswith("BODY")
    edges, vol = _tps_dvh(rd, 1)
    assert float(figs.item(0, 4).text()) == pytest.approx(_dose_at_volume(edges, vol, 2.0), rel=0.05)
    assert float(figs.item(0, 2).text()) == pytest.approx(_dose_at_volume(edges, vol, 0.9 * vol[0]), rel=0.05)
    # the source (isotope, air-kerma strength) and the total dwell time of all channels (pydicom)
    src = rp.SourceSequence[0]
    total_s = sum(float(c.ChannelTotalTime) for a in rp.ApplicationSetupSequence for c in a.ChannelSequence)
    text = window.brachy_panel.source.text()
    assert f"Source {src.SourceIsotopeName}" in text and f"{float(src.ReferenceAirKermaRate):g} U" in text
    assert f"total dwell time {total_s:.1f} s" in text and f"prescription {rx:g} Gy" in text
    # no bundled protocol fits a 5.5 Gy single-fraction cylinder plan: none applied, the user is asked
    goals = window.goals_panel
    assert goals.current_protocol() is None and goals.result is None
    assert goals.reason.text().startswith("No protocol applied: no protocol fits this brachy plan (5.5 Gy in 1 fx)")
    assert goals.status.text() == "choose a protocol"
    window.grab().save(str(out_dir / "no_images_window.png"))


def _per_fraction_copy(src: Path, dst: Path, fx: int) -> Path:
    dst.mkdir()
    for name in ("rtplan.dcm", "rtss.dcm", "ct.0.dcm"):
        (dst / name).write_bytes((src / name).read_bytes())
    ds = pydicom.dcmread(src / "rtdose.dcm")
    ds.DoseSummationType = "FRACTION"
    ds.DoseGridScaling = float(ds.DoseGridScaling) / fx
    for item in ds.DVHSequence:
        item.DVHDoseScaling = float(item.DVHDoseScaling) / fx
    ds.save_as(dst / "rtdose.dcm")
    return dst


def test_per_fraction_dose_is_labelled_and_scaled_on_request(qtbot, window, shared_dir: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path, out_dir: Path) -> None:
    src = shared_dir / "dicompyler_core_example"
    case_dir = _per_fraction_copy(src, tmp_path / "fx", 7)
    stored = pydicom.dcmread(src / "rtdose.dcm")
    course_max = float(stored.pixel_array.max()) * float(stored.DoseGridScaling)
    open_and_wait(qtbot, window, [case_dir])
    window.ensure_heavy_panels()
    s = window.qs.model
    assert s.dose.per_fraction and s.prescription_gy == pytest.approx(14.0 / 7)  # % displays per fraction
    assert "Gy/fx" in window.banner.text() and "values per fraction" in window.banner.text()
    goals = window.goals_panel
    goals.set_protocol("breast_fast_forward_26gy_5fx")
    qtbot.waitUntil(lambda: goals.result is not None, timeout=60000)
    assert goals.warnings.isVisible() and "per-fraction dose evaluated against whole-course limits" in \
        goals.warnings.text()
    assert window.dvh_panel.plot.getPlotItem().getAxis("bottom").labelUnits == "Gy/fx"
    # the legend lists every ROI with contours (pydicom) and tells the TPS's dashed curves apart
    from PySide6.QtCore import Qt

    panel = window.dvh_panel
    qtbot.waitUntil(lambda: bool(panel.curves), timeout=60000)
    rs = pydicom.dcmread(case_dir / "rtss.dcm")
    contoured = {int(c.ReferencedROINumber) for c in rs.ROIContourSequence if len(getattr(c, "ContourSequence", []))}
    assert set(panel.curves) == contoured
    names = [panel.legend.item(i).text() for i in range(panel.legend.count())]
    assert len(names) == len(contoured) + 1 and "dashed, thin: the TPS's own DVH" in names
    assert set(panel.tps_items) == {int(i.DVHReferencedROISequence[0].ReferencedROINumber) for i in stored.DVHSequence}
    for rn, tps_item in panel.tps_items.items():
        assert tps_item.opts["pen"].style() == Qt.PenStyle.DashLine
        assert panel.curves[rn].opts["pen"].style() == Qt.PenStyle.SolidLine
    box = window.display_panel.scale_course
    assert box.isEnabled() and box.isVisible() and "x 7 fx" in box.text()
    box.setChecked(True)
    assert s.dose.fraction_scaling == 7 and not s.dose.per_fraction
    assert float(np.max(s.dose.dose)) == pytest.approx(course_max, rel=1e-4)
    assert s.prescription_gy == 14.0 and "values per fraction" not in window.banner.text()
    qtbot.waitUntil(lambda: goals.result is not None and not goals.result.per_fraction, timeout=60000)
    assert not goals.warnings.isVisible() or "per-fraction" not in goals.warnings.text()
    box.setChecked(False)
    assert s.dose.per_fraction  # back to the dose as stored
    window.grab().save(str(out_dir / "per_fraction_window.png"))


def _crop_dose(demo: Path, dst: Path, keep_from_z: float) -> Path:
    """The demo photon dose keeping only the frames at z >= keep_from_z (a partial grid)."""
    dst.mkdir()
    ds = pydicom.dcmread(demo / "RD_Photon7F.dcm")
    z0 = float(ds.ImagePositionPatient[2])
    offs = np.array([float(v) for v in ds.GridFrameOffsetVector])
    keep = np.nonzero(z0 + offs >= keep_from_z)[0]
    arr = ds.pixel_array[keep]
    ds.PixelData = arr.tobytes()
    ds.NumberOfFrames = len(keep)
    ds.ImagePositionPatient = [float(ds.ImagePositionPatient[0]), float(ds.ImagePositionPatient[1]),
                               z0 + float(offs[keep[0]])]
    ds.GridFrameOffsetVector = list(offs[keep] - offs[keep[0]])
    if "DVHSequence" in ds:
        del ds.DVHSequence
    ds.save_as(dst / "RD_cropped.dcm")
    for name in ("RS_TG119.dcm", "RP_Photon7F.dcm"):
        (dst / name).write_bytes((demo / name).read_bytes())
    return dst


def test_partial_coverage_is_on_screen(qtbot, window, demo_dir: Path, tmp_path: Path, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """A dose grid cut at the middle of the target: the DVH legend and the goals say how much of each
    ROI is inside; the share agrees with the contours' areas above the cut (pydicom)."""
    rs = pydicom.dcmread(demo_dir / "RS_TG119.dcm")
    num = next(int(r.ROINumber) for r in rs.StructureSetROISequence if r.ROIName == "OuterTarget")
    rc = next(c for c in rs.ROIContourSequence if int(c.ReferencedROINumber) == num)
    planes: dict[float, float] = {}
    for c in rc.ContourSequence:
        xyz = np.asarray(c.ContourData, float).reshape(-1, 3)
        x, y = xyz[:, 0], xyz[:, 1]
        planes[round(float(xyz[0, 2]), 3)] = planes.get(round(float(xyz[0, 2]), 3), 0.0) + \
            0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))
    zs = sorted(planes)
    cut = zs[len(zs) // 2]
    step = zs[1] - zs[0]
    folder = _crop_dose(demo_dir, tmp_path / "crop", cut)
    ds = pydicom.dcmread(folder / "RD_cropped.dcm", stop_before_pixels=True)
    grid_lo = float(ds.ImagePositionPatient[2]) - 0.5 * float(ds.SliceThickness or step)
    inside = sum(a for z, a in planes.items() if z >= grid_lo + 1e-6) / sum(planes.values())
    assert 0.3 < inside < 0.8
    case = open_and_wait(qtbot, window, [demo_dir / "CT", folder])
    window.qs.model.select(plan=next(p for p in case.plans if p.label == "Photon7F"))
    window.ensure_heavy_panels()
    panel = window.dvh_panel
    qtbot.waitUntil(lambda: num in panel.partial, timeout=60000)
    item = next(panel.legend.item(i) for i in range(panel.legend.count())
                if panel.legend.item(i).text().startswith("OuterTarget"))
    shown = float(item.text().split("— ")[1].split(" %")[0])
    assert shown == pytest.approx(100.0 * inside, abs=4.0)
    assert "of the ROI inside the dose grid" in item.text() and "partly outside" in panel.status.text()
    goals = window.goals_panel
    goals.set_protocol("tg119_cshape")
    qtbot.waitUntil(lambda: goals.result is not None, timeout=60000)
    ptv = goals.result.results[0]
    assert ptv.matched_roi == "OuterTarget" and ptv.partly_covered
    assert ptv.covered_percent == pytest.approx(100.0 * inside, abs=4.0)
    assert goals.table.item(0, 6).text().endswith("*") and "partly outside the dose grid" in goals.warnings.text()
    window.grab().save(str(out_dir / "partial_coverage_window.png"))


def test_protocol_chosen_from_the_plan_and_remembered(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    win = demo_window
    goals = win.goals_panel
    s = win.qs.model
    assert s.plan.label == "Photon7F"
    assert goals.current_protocol() == "tg119_cshape"  # 25 fx of 2 Gy, PTV and Core found: not alphabetical
    assert "fits this photon plan" in goals.reason.text() and "25 fractions" in goals.reason.text()
    proton = next(p for p in s.case.plans if p.label == "ProtonIMPT")
    s.select(plan=proton)
    assert goals.current_protocol() == "tg119_cshape_proton" and "Gy(RBE)" in goals.reason.text()
    # the user's choice is remembered for plans like this one
    from plannerview.review.protocol_choice import history_key
    from plannerview.ui.goals_panel import GoalsPanel

    goals.protocol.setCurrentText("head_neck_quantec")
    goals.protocol.activated.emit(goals.protocol.currentIndex())
    assert win.settings.protocol_history[history_key(proton)] == "head_neck_quantec"
    fresh = GoalsPanel(win.qs, win.runner, settings=win.settings)
    try:
        fresh.request()
        assert fresh.current_protocol() == "head_neck_quantec" and "your last choice" in fresh.reason.text()
    finally:
        fresh.deleteLater()


def _two_ptvs(demo: Path, dst: Path) -> Path:
    """The demo's structures with OuterTarget renamed PTV_A and copied as PTV_B (same contours), the
    CT and the photon dose, no plan: nothing tells the two targets apart."""
    dst.mkdir()
    rs = pydicom.dcmread(demo / "RS_TG119.dcm")
    src_roi = next(r for r in rs.StructureSetROISequence if r.ROIName == "OuterTarget")
    src_roi.ROIName = "PTV_A"
    new_roi = copy.deepcopy(src_roi)
    new_roi.ROINumber, new_roi.ROIName = 9, "PTV_B"
    rs.StructureSetROISequence.append(new_roi)
    rc = copy.deepcopy(next(c for c in rs.ROIContourSequence if int(c.ReferencedROINumber) == int(src_roi.ROINumber)))
    rc.ReferencedROINumber = 9
    rs.ROIContourSequence.append(rc)
    obs = copy.deepcopy(next(o for o in rs.RTROIObservationsSequence
                             if int(o.ReferencedROINumber) == int(src_roi.ROINumber)))
    obs.ReferencedROINumber, obs.ObservationNumber = 9, 9
    rs.RTROIObservationsSequence.append(obs)
    rs.save_as(dst / "RS_two_ptvs.dcm")
    (dst / "RD_Photon7F.dcm").write_bytes((demo / "RD_Photon7F.dcm").read_bytes())
    return dst


def test_ambiguous_target_is_picked_and_remembered(qtbot, window, demo_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from plannerview.cli.main import main

    folder = _two_ptvs(demo_dir, tmp_path / "two")
    open_and_wait(qtbot, window, [demo_dir / "CT", folder])
    window.ensure_heavy_panels()
    goals = window.goals_panel
    goals.set_protocol("tg119_cshape")
    qtbot.waitUntil(lambda: goals.result is not None, timeout=60000)
    ptv = goals.result.results[0]
    assert ptv.status == "not_evaluated" and set(ptv.candidates) == {"PTV_A", "PTV_B"}
    picker = goals.table.cellWidget(0, 1)
    assert picker is not None and picker.findText("PTV_B") > 0
    picker.setCurrentIndex(picker.findText("PTV_B"))
    picker.activated.emit(picker.findText("PTV_B"))
    ss_uid = window.qs.model.structure_set.sop_uid
    assert window.settings.roi_maps[ss_uid] == {"PTV_B": "PTV"}
    qtbot.waitUntil(lambda: goals.result is not None and goals.result.results[0].matched_roi == "PTV_B",
                    timeout=60000)
    # the same D95 `plannerview dvh` gives for the original OuterTarget (the same contours)
    assert main(["dvh", str(demo_dir), "--dose", "Photon7F", "--roi", "OuterTarget", "--json"]) == 0
    d95 = json.loads(capsys.readouterr().out)["structures"][0]["d_percent_gy"]["95"]
    assert goals.result.results[0].value == pytest.approx(d95, abs=0.02)


def test_first_screen_layout(qtbot) -> None:  # type: ignore[no-untyped-def]
    """No saved layout, a 1600 x 1000 window: slice views, the DVH and the goals table are all
    readable at once (side by side, none behind a tab)."""
    from plannerview.ui.app import make_app
    from plannerview.ui.main_window import MainWindow
    from plannerview.ui.settings import Settings

    make_app("dark")
    from PySide6.QtWidgets import QApplication

    win = MainWindow(settings=Settings())
    qtbot.addWidget(win)
    assert win.first_start
    avail = QApplication.primaryScreen().availableGeometry()  # most of the screen on first start
    assert win.width() >= 0.9 * avail.width() and win.height() >= 0.9 * avail.height()
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    win.ensure_heavy_panels()
    win.first_start_layout()
    qtbot.wait(50)
    try:
        for dock in (win.dvh_dock, win.goals_dock):
            assert dock.isVisible() and not dock.visibleRegion().isEmpty()
            assert dock.height() >= 0.28 * win.height() and dock.width() >= 0.3 * win.width()
        assert win.dvh_panel.plot.height() >= 200 and win.goals_panel.table.height() >= 150
        for v in win.views.values():
            assert v.width() >= 400 and v.height() >= 230
        assert abs(win.axial.width() - win.sagittal.width()) <= 0.15 * win.axial.width()  # an even 2 x 2 grid
    finally:
        win.shutdown()


SIZES = [(170, 170), (260, 210), (420, 300), (330, 600), (700, 520), (1200, 900)]


def test_overlay_texts_never_collide(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF

    for size in SIZES:
        for view in demo_window.views.values():
            _check_overlay(view, size, QRectF)


def _check_overlay(view, size: tuple[int, int], rect_type) -> None:  # type: ignore[no-untyped-def]
    """At ``size``: the four orientation letters always drawn, every text inside the view, no two overlapping."""
    view.resize(*size)
    view.grab()  # paints
    rects = view.overlay_rects
    names = [n for n, _ in rects]
    assert sum(n.startswith("orientation") for n in names) == 4
    box = rect_type(0, 0, view.width(), view.height())
    for i, (na, a) in enumerate(rects):
        assert box.contains(a), (view.view, size, na)
        for nb, b in rects[i + 1:]:
            assert not a.intersects(b), (view.view, size, na, nb)
    if size[0] >= 700:
        assert {"title", "window", "scale bar", "isodose legend"} <= set(names)


def _with_setup_beam(demo: Path, dst: Path) -> tuple[Path, str]:
    dst.mkdir()
    rp = pydicom.dcmread(demo / "RP_Photon7F.dcm")
    b = rp.BeamSequence[0]
    b.TreatmentDeliveryType = "SETUP"
    rp.save_as(dst / "RP_setup.dcm")
    for name in ("RS_TG119.dcm", "RD_Photon7F.dcm"):
        (dst / name).write_bytes((demo / name).read_bytes())
    return dst, str(b.BeamName)


def test_3d_view_frames_the_body_and_hides_setup_beams(qtbot, window, demo_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       out_dir: Path) -> None:
    folder, setup_name = _with_setup_beam(demo_dir, tmp_path / "setup")
    rp = pydicom.dcmread(folder / "RP_setup.dcm")
    treatment = [str(b.BeamName) for b in rp.BeamSequence if b.TreatmentDeliveryType == "TREATMENT"]
    open_and_wait(qtbot, window, [demo_dir / "CT", folder])
    window.ensure_heavy_panels()
    v3 = window.view3d
    v3.build_now()
    assert sorted(v3.visible_beams) == sorted(treatment) and setup_name not in v3.visible_beams
    v3.show_setup.setChecked(True)
    assert setup_name in v3.visible_beams
    v3.show_setup.setChecked(False)
    # framing: the focal point is the centre of the BODY and target contours (pydicom)
    rs = pydicom.dcmread(folder / "RS_TG119.dcm")
    pts = np.concatenate([np.asarray(c.ContourData, float).reshape(-1, 3) for rc in rs.ROIContourSequence
                          if int(rc.ReferencedROINumber) in (1, 2) for c in rc.ContourSequence])
    centre = (pts.min(axis=0) + pts.max(axis=0)) / 2
    v3.camera_preset("Anterior")
    cam = v3.renderer.GetActiveCamera()
    assert np.allclose(cam.GetFocalPoint(), centre, atol=1e-6)
    extent = float(np.max(pts.max(axis=0) - pts.min(axis=0)))
    assert np.linalg.norm(np.array(cam.GetPosition()) - centre) <= 3.5 * extent
    # beams are drawn near the patient: no line reaches the source a metre away
    iso = np.array([float(v) for v in rp.BeamSequence[1].ControlPointSequence[0].IsocenterPosition])
    for a in v3.beam_actors:
        if a.GetVisibility():
            bounds = np.array(a.GetBounds()).reshape(3, 2)
            assert np.max(np.abs(bounds - iso[:, None])) < 0.75 * extent + 200.0
    rgba = v3.render_rgba()
    lit = float(np.mean(rgba[..., :3].max(axis=2) > 40))
    assert lit > 0.05  # the body fills a good part of the frame
    from plannerview.ui.capture import rgba_to_qimage

    rgba_to_qimage(rgba).save(str(out_dir / "view3d_framed.png"))


def _screenshot(*args: str):  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "plannerview.cli.main", "screenshot", *args], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ))


def test_screenshot_protocol_and_nothing_to_show(demo_dir: Path, tmp_path: Path, out_dir: Path) -> None:
    """``--protocol`` applies the named protocol; a view with nothing to show exits 1 and writes nothing."""
    import json

    out = tmp_path / "goals.png"
    r = _screenshot(str(demo_dir), "--view", "goals", "--plan", "Photon7F", "--protocol", "lung_sbrt_3fx_tg101",
                    "--size", "900x400", "--out", str(out), "--json")
    assert r.returncode == 0, r.stderr[-2000:]
    doc = json.loads(r.stdout)
    assert doc["protocol"] == "lung_sbrt_3fx_tg101" and doc["plan"] == "Photon7F" and doc["images"] is True
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and doc["non_background_fraction"] > 0.05
    (out_dir / "screenshot_goals_protocol.png").write_bytes(out.read_bytes())
    plan_only = tmp_path / "plan_only"
    plan_only.mkdir()
    (plan_only / "RP.dcm").write_bytes((demo_dir / "RP_Photon7F.dcm").read_bytes())
    for view in ("dvh", "axial"):
        png = tmp_path / f"{view}.png"
        r = _screenshot(str(plan_only), "--view", view, "--out", str(png))
        assert r.returncode == 1 and f"nothing to show in the {view} view" in r.stderr and not png.exists()
        if view == "dvh":
            assert "the input has no dose" in r.stderr
    r = _screenshot(str(demo_dir), "--view", "goals", "--protocol", "no_such_protocol", "--out", str(out))
    assert r.returncode == 2 and "no_such_protocol" in r.stderr


def test_effective_dose_in_gy_rbe_on_screen(qtbot, demo_window, demo_dir: Path, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The demo proton dose is EFFECTIVE (pydicom): banner, case browser, DVH axis, readout and the
    goals' dose values say Gy(RBE); the photon dose (PHYSICAL) says Gy."""
    rd = pydicom.dcmread(demo_dir / "RD_ProtonIMPT.dcm", stop_before_pixels=True)
    rp = pydicom.dcmread(demo_dir / "RN_ProtonIMPT.dcm", stop_before_pixels=True)
    assert rd.DoseType == "EFFECTIVE" and rp.IonBeamSequence[0].RadiationType == "PROTON"
    win = demo_window
    s = win.qs.model
    assert "Gy(RBE)" not in win.banner.text() and win.dvh_panel.plot.getPlotItem().getAxis("bottom").labelUnits == "Gy"
    proton = next(p for p in s.case.plans if p.label == "ProtonIMPT")
    s.select(plan=proton)
    assert s.dose.sop_uid == rd.SOPInstanceUID
    assert "Dose: PLAN EFFECTIVE <b>Gy(RBE)</b>" in win.banner.text()
    rx = float(rp.DoseReferenceSequence[0].TargetPrescriptionDose)
    assert f"Rx {rx:g} Gy(RBE)" in win.banner.text()
    items = win.case_browser.object_items
    assert f"{rx:g} Gy(RBE)" in items[proton.sop_uid].text(0) and "Gy(RBE)" in items[rd.SOPInstanceUID].text(0)
    panel = win.dvh_panel
    qtbot.waitUntil(lambda: bool(panel.curves), timeout=60000)
    assert panel.plot.getPlotItem().getAxis("bottom").labelUnits == "Gy(RBE)"
    assert "Gy(RBE)" in panel.show_cursor(20.0, 50.0)  # the cursor readout of the curves
    roi_table = win.roi_panel.table
    qtbot.waitUntil(lambda: roi_table.item(0, 5).text().endswith("Gy(RBE)"), timeout=20000)  # Dmax
    win.readout.show_at(s.cursor_mm)
    assert win.readout.current.dose is not None and "Gy(RBE)" in win.readout.label.text()
    goals = win.goals_panel
    qtbot.waitUntil(lambda: goals.result is not None, timeout=60000)
    dose_rows = [r for r in range(goals.table.rowCount()) if goals.result.results[r].unit.startswith("Gy")
                 and goals.result.results[r].value is not None]
    assert dose_rows and all(goals.table.item(r, 3).text().endswith("Gy(RBE)") for r in dose_rows)
    assert not win.display_panel.scale_course.isVisible()  # a PLAN dose: nothing to scale to the course
    unit = win.display_panel.unit  # isodose levels "in Gy(RBE)", stored as absolute levels
    assert unit.itemText(1) == "Gy(RBE)" and unit.itemData(1) == "Gy"
    unit.setCurrentIndex(1)
    assert s.dose_display.levels_unit == "Gy"
    unit.setCurrentIndex(0)
    assert s.dose_display.levels_unit == "%"
    win.grab().save(str(out_dir / "proton_gy_rbe_window.png"))
