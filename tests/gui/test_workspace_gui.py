"""The workspace in the workstation: one set of numbers for every panel, derived objects in the GUI.

1. A single-plane ROI (the demo's RS_TG119.dcm copied with Core cut down to one contour plane) on
   a dose grid of 5 mm slices (the demo photon dose resampled and written to a file): its volume is
   the polygon's area (shoelace, from the file with pydicom) times the structure set's plane spacing
   (2.5 mm, the most common gap between its planes in the file) — in the DVH panel, the goals
   panel, the comparison window and ``plannerview dvh --json``; the doses agree too.
2. A dose added to the workspace (half the photon dose, by a plan sum) appears in the case browser
   marked derived with its provenance, is shown when clicked, gets its DVHs (half the photon's) and
   goals, and can be picked in the comparison window.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import generate_uid
from PySide6.QtCore import QPoint, Qt

from plannerview.cli.main import main

from .conftest import open_and_wait

pytestmark = pytest.mark.gui
ROI = "Core"


def _shoelace_mm2(points: np.ndarray) -> float:
    x, y = points[:, 0], points[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)


@pytest.fixture(scope="module")
def single_plane_case(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> dict:
    """RS with Core on one plane (new UIDs), the photon dose on 5 mm slices, and the truth."""
    import plannerview
    from plannerview.compute.resample import resample
    from plannerview.io.rtdose_writer import write_rtdose
    from plannerview.model import Grid

    out = tmp_path_factory.mktemp("single_plane")
    ds = pydicom.dcmread(demo_dir / "RS_TG119.dcm")
    number = next(int(r.ROINumber) for r in ds.StructureSetROISequence if r.ROIName == ROI)
    item = next(c for c in ds.ROIContourSequence if int(c.ReferencedROINumber) == number)
    zs = sorted({round(float(c.ContourData[2]), 2) for c in item.ContourSequence})
    keep_z = zs[len(zs) // 2]
    kept = [c for c in item.ContourSequence if round(float(c.ContourData[2]), 2) == keep_z]
    item.ContourSequence = kept
    area = sum(_shoelace_mm2(np.asarray(c.ContourData, dtype=float).reshape(-1, 3)) for c in kept)
    all_z = sorted({round(float(c.ContourData[2]), 2) for rc in ds.ROIContourSequence
                    for c in getattr(rc, "ContourSequence", [])})
    spacing = Counter(np.round(np.diff(all_z), 2)).most_common(1)[0][0]
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.SeriesInstanceUID = generate_uid()
    ds.StructureSetLabel = "single plane"
    rs = out / "RS_single.dcm"
    ds.save_as(rs)
    photon = plannerview.load([str(demo_dir / "RD_Photon7F.dcm")]).doses[0]
    g = photon.grid
    nz = int((g.shape_zyx[0] - 1) * g.spacing_mm[0] // 5.0) + 1
    coarse = Grid((nz, g.shape_zyx[1], g.shape_zyx[2]), (5.0, g.spacing_mm[1], g.spacing_mm[2]), g.origin_mm,
                  g.direction, g.frame_of_reference_uid)
    rd = out / "RD_5mm.dcm"
    write_rtdose(resample(photon, coarse), rd, template=demo_dir / "RD_Photon7F.dcm")
    paths = [demo_dir / "CT", rs, demo_dir / "RP_Photon7F.dcm", rd, demo_dir / "RD_Photon7F.dcm"]
    protocol = out / "single.yaml"
    protocol.write_text(
        "name: single_plane\ntitle: single-plane ROI\nfractions: 25\ndose_per_fraction_gy: 2\nprescription_gy: 50\n"
        "alpha_beta_gy: {default: 3}\nsources: {S: this test}\ngoals:\n"
        f"  - {{roi: {ROI}, metric: 'V0Gy[cc]', comparator: '>=', limit: 0.1, unit: cc, citation: {{source: S, where: x}}, note: volume}}\n"
        f"  - {{roi: {ROI}, metric: 'Dmean', comparator: '<', limit: 80, unit: Gy, citation: {{source: S, where: x}}, note: mean}}\n")
    assert spacing == 2.5 and g.spacing_mm[0] == 2.5  # so a 5 mm dose grid would double the volume
    return {"paths": paths, "rs": rs, "rd": rd, "protocol": protocol, "volume_cc": area * spacing / 1000.0}


def test_single_plane_roi_is_the_same_in_every_panel_and_the_cli(qtbot, window, single_plane_case: dict,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  out_dir: Path) -> None:
    from plannerview.ui.compare_window import open_compare_window

    truth = single_plane_case["volume_cc"]
    case = open_and_wait(qtbot, window, single_plane_case["paths"])
    s, ws = window.qs.model, window.ws
    coarse = next(d for d in case.doses if Path(d.file).name == "RD_5mm.dcm")
    fine = next(d for d in case.doses if Path(d.file).name == "RD_Photon7F.dcm")
    assert coarse.grid.spacing_mm[0] == 5.0
    s.select(plan=next(p for p in case.plans if p.label == "Photon7F"), dose=coarse)
    assert Path(s.structure_set.file).name == "RS_single.dcm" and len(s.structure_set.roi(ROI).planes) == 1
    window.ensure_heavy_panels()
    panel, goals = window.dvh_panel, window.goals_panel
    qtbot.waitUntil(lambda: any(d.roi_name == ROI for d in panel.dvhs), timeout=90000)
    dvh = next(d for d in panel.dvhs if d.roi_name == ROI)
    assert dvh.volume_cc == pytest.approx(truth, rel=1e-6) and dvh.covered_cc == pytest.approx(truth, rel=1e-6)
    assert any("structure set's plane spacing" in w for w in dvh.warnings)
    # goals panel: the protocol file's V0Gy[cc] is the covered volume, Dmean the same mean
    goals.protocol.addItem(str(single_plane_case["protocol"]))
    goals.protocol.setCurrentText(str(single_plane_case["protocol"]))
    qtbot.waitUntil(lambda: goals.result is not None and goals.result.protocol.name == "single_plane", timeout=60000)
    vol_goal, mean_goal = goals.result.results
    assert vol_goal.matched_roi == ROI and vol_goal.value == pytest.approx(truth, rel=1e-6)
    assert mean_goal.value == dvh.dmean
    assert goals.table.item(0, 3).text() == f"{truth:.2f} cc"
    # comparison window: A the 5 mm dose, B the demo's own photon dose
    w = open_compare_window(ws, window)
    assert w is not None
    try:
        w.select_doses(coarse, fine)
        w.cutoff_pct.setValue(90.0)  # a small gamma volume: this test is about the DVH figures
        with qtbot.waitSignal(w.comparison_ready, timeout=90000):
            w.start()
        row = w.comparison.row(ROI)
        assert row.a.volume_cc == pytest.approx(truth, rel=1e-6) and row.b.volume_cc == pytest.approx(truth, rel=1e-6)
        assert row.a.dmean_gy == dvh.dmean
        assert w.metrics_cell(ROI, "Dmean")["a"] == dvh.dmean
        w.grab().save(str(out_dir / "single_plane_compare.png"))
    finally:
        w.shutdown()
        w.close()
    # the command line, from the files
    paths = [str(p) for p in single_plane_case["paths"]]
    assert main(["dvh", *paths, "--dose", str(single_plane_case["rd"]), "--roi", ROI, "--json"]) == 0
    (cli,) = json.loads(capsys.readouterr().out)["structures"]
    assert cli["volume_cc"] == pytest.approx(truth, abs=5.1e-5)
    assert cli["dmean_gy"] == round(dvh.dmean, 4)
    window.grab().save(str(out_dir / "single_plane_window.png"))


def test_a_derived_dose_is_browsed_shown_evaluated_and_compared(qtbot, demo_window, out_dir: Path) -> None:
    from plannerview.ui.case_browser import DERIVED_MARK, ROLE_OBJECT
    from plannerview.ui.compare_window import open_compare_window

    win = demo_window
    s, ws = win.qs.model, win.ws
    photon, ss = s.dose, s.structure_set
    core_photon = ws.dvh(ss, ROI, photon)
    with qtbot.waitSignal(win.qs.object_added, timeout=10000):
        half, _ = ws.plan_sum([photon], [0.5])
    assert half in ws.case.doses and ws.is_derived(half.sop_uid)
    # the case browser lists it, marked, with its provenance
    browser = win.case_browser
    item = browser.object_items[half.sop_uid]
    assert item.data(0, ROLE_OBJECT) is half and DERIVED_MARK in item.text(0) and item.font(0).italic()
    assert "plannerview-sum" in item.toolTip(0) and photon.sop_uid in item.toolTip(0)
    # clicked: shown, with its details
    browser.tree.scrollToItem(item)
    rect = browser.tree.visualItemRect(item)
    at = QPoint(min(rect.left() + 20, browser.tree.viewport().width() - 4), rect.center().y())  # on the text
    qtbot.mouseClick(browser.tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert s.dose is half and s.structure_set is ss
    assert "plannerview-sum" in browser.details.toPlainText() and "weights" in browser.details.toPlainText()
    # DVHs on it: half the photon dose, so half the photon dose's mean in Core (same grid, same samples)
    panel = win.dvh_panel
    qtbot.waitUntil(lambda: panel._key[1] == half.sop_uid and any(d.roi_name == ROI for d in panel.dvhs),
                    timeout=90000)
    core_half = next(d for d in panel.dvhs if d.roi_name == ROI)
    assert core_half.dmean == pytest.approx(0.5 * core_photon.dmean, rel=1e-5)
    assert core_half.volume_cc == core_photon.volume_cc
    # goals on it
    goals = win.goals_panel
    qtbot.waitUntil(lambda: goals.result is not None and goals.result.provenance.inputs[0] == half.sop_uid,
                    timeout=90000)
    # the comparison window offers it
    w = open_compare_window(ws, win)
    assert w is not None
    try:
        i = w.doses.index(half)
        assert "derived" in w.combo_b.itemText(i)
        w.select_doses(photon, half)
        assert w.dose_b is half
    finally:
        w.shutdown()
        w.close()
    shot = browser.grab()
    shot.save(str(out_dir / "case_browser_derived.png"))
    img = shot.toImage()
    assert img.width() > 50 and img.height() > 50


def test_the_save_dialog_offers_keyhole_holes(qtbot, window, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    """"Save as new structure set…" asks for the file, the label and the hole mode, and saves with them."""
    from PySide6.QtWidgets import QDialog

    from plannerview.ui import edit_panel as ep

    panel = window.edit_panel
    dlg = ep.SaveStructureSetDialog(panel)
    qtbot.addWidget(dlg)
    assert [dlg.holes_combo.itemText(i) for i in range(dlg.holes_combo.count())] == ["xor", "keyhole"]
    assert dlg.holes() == "xor" and "OR a plane's contours" in dlg.holes_combo.toolTip()
    out = tmp_path / "RS_keyhole.dcm"

    def fill_and_accept(self) -> int:  # type: ignore[no-untyped-def]
        self.path_edit.setText(str(out))
        self.label_edit.setText("keyhole edits")
        self.holes_combo.setCurrentText("keyhole")
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ep.SaveStructureSetDialog, "exec", fill_and_accept)
    calls: list = []
    monkeypatch.setattr(panel, "save_as", lambda path, holes="xor", label="": calls.append((path, holes, label)))
    panel.save_dialog()
    assert calls == [(str(out), "keyhole", "keyhole edits")]
