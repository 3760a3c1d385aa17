"""The DVH and goals panels show the preflight findings of the dose, structure set and plan they
use (not only the case browser), and a goal evaluated on an object with an error finding is never
"pass" in the GUI either (issue 18, "Never silently wrong").

The bad input is a copy of the demo's photon dose relabelled FRACTION: its maximum (read with
pydicom) is the whole course of the plan's 25 fractions, so preflight flags the summation type
as an error on that file. The untouched copy of the same case is the reference: the goals that
pass on it are exactly those the GUI now distrusts. Both copies carry the same UIDs: the panels
must evaluate the second case again, not keep the first one's results.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest

from plannerview.io import codes

from .conftest import open_and_wait

pytestmark = pytest.mark.gui

PROTOCOL = "breast_fast_forward_26gy_5fx"  # some of its goals pass on the demo plan


def _case(demo: Path, dst: Path, bad: bool) -> Path:
    dst.mkdir()
    shutil.copyfile(demo / "RP_Photon7F.dcm", dst / "RP_Photon7F.dcm")
    rs = pydicom.dcmread(demo / "RS_TG119.dcm")
    ds = pydicom.dcmread(demo / "RD_Photon7F.dcm")
    if bad:
        ds.DoseSummationType = "FRACTION"
        next(r for r in rs.StructureSetROISequence if r.ROIName == "Core").ROIName = "Core_v2"  # same UID
    rs.save_as(dst / "RS_TG119.dcm")
    ds.save_as(dst / "RD_Photon7F.dcm")
    return dst


def _goals(qtbot, window, folder: Path):  # type: ignore[no-untyped-def]
    case = open_and_wait(qtbot, window, [folder])
    window.qs.model.select(plan=case.plans[0])
    window.ensure_heavy_panels()
    goals = window.goals_panel
    goals.set_protocol(PROTOCOL)
    qtbot.waitUntil(lambda: goals.result is not None, timeout=60000)
    return goals


def _red_rows(img) -> int:  # type: ignore[no-untyped-def]
    """Rows of the image with pixels of the error colour (#ff6b6b, antialiased text)."""
    a = np.array([[img.pixelColor(x, y).getRgb()[:3] for x in range(0, img.width(), 2)]
                  for y in range(img.height())], dtype=int)
    red = (a[..., 0] > 200) & (a[..., 1] < 140) & (a[..., 2] < 140)
    return int(red.any(axis=1).sum())


def test_dvh_and_goals_show_the_findings_of_the_objects_in_use(qtbot, window, demo_dir: Path,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path, out_dir: Path) -> None:
    rd = pydicom.dcmread(demo_dir / "RD_Photon7F.dcm")
    rp = pydicom.dcmread(demo_dir / "RP_Photon7F.dcm")
    dmax_gy = float(rd.pixel_array.max()) * float(rd.DoseGridScaling)
    fx = int(rp.FractionGroupSequence[0].NumberOfFractionsPlanned)
    rx_gy = float(rp.DoseReferenceSequence[0].TargetPrescriptionDose)
    assert fx > 1 and dmax_gy > 0.8 * rx_gy  # a whole-course maximum: FRACTION is a mislabel

    # the untouched case: nothing to say, goals as evaluated
    goals = _goals(qtbot, window, _case(demo_dir, tmp_path / "clean", bad=False))
    assert not window.dvh_panel.findings.isVisible() and not goals.findings.isVisible()
    passing = {(g.goal.roi, g.goal.metric) for g in goals.result.results if g.status == "pass"}
    assert passing

    # the relabelled copy: the error names the file and the problem, above the DVH and the goals
    folder = _case(demo_dir, tmp_path / "bad", bad=True)
    goals = _goals(qtbot, window, folder)
    dvh = window.dvh_panel
    # the second case's objects have the first one's UIDs: every panel shows the second case
    roi_names = {window.roi_panel.table.item(r, c).text() for r in range(window.roi_panel.table.rowCount())
                 for c in range(window.roi_panel.table.columnCount()) if window.roi_panel.table.item(r, c)}
    assert "Core_v2" in roi_names and "Core" not in roi_names
    qtbot.waitUntil(lambda: bool(dvh.curves), timeout=60000)
    legend = {dvh.legend.item(i).text() for i in range(dvh.legend.count())}
    assert "Core_v2" in legend and "Core" not in legend
    for line in (dvh.findings, goals.findings):
        assert line.isVisible()
        assert [f.code for f in line.errors] == [codes.DOSE_SUMMATION_MISMATCH]
        assert line.errors[0].file == str(folder / "RD_Photon7F.dcm")
        assert "RD_Photon7F.dcm: DOSE_SUMMATION_MISMATCH" in line.text() and "never pass" in line.text()
        assert str(folder / "RD_Photon7F.dcm") in line.toolTip()
    # no goal passes on it; those that pass on the clean copy say why they are not trusted
    report = goals.result
    assert report.counts["pass"] == 0 and report.preflight_errors
    distrusted = {(g.goal.roi, g.goal.metric) for g in report.results if g.note.startswith("would be pass")}
    assert distrusted == passing
    assert all(g.status == "not_evaluated" for g in report.results if (g.goal.roi, g.goal.metric) in passing)
    status_col = [goals.table.item(r, 6).text() for r in range(goals.table.rowCount())]
    assert "pass" not in {s.rstrip(" *") for s in status_col}
    # on screen: the line is drawn in the error colour above the DVH plot and above the goals table
    window.dvh_dock.raise_()
    qtbot.wait(50)
    for panel, line in ((dvh, dvh.findings), (goals, goals.findings)):
        img = panel.grab().toImage()
        top = line.geometry().top()
        band = img.copy(0, top, img.width(), line.height())
        assert _red_rows(band) >= 6, panel
        assert line.geometry().bottom() < (dvh.plot.geometry().top() if panel is dvh else goals.table.geometry().top())
    window.grab().save(str(out_dir / "findings_in_use_window.png"))
    # the comparison window says the same of its doses A and B (the course-scaled dose: of its source)
    from plannerview.ui.compare_window import CompareWindow

    stored = window.qs.model.dose
    window.ws.course_dose(stored, fx)
    compare = CompareWindow(window.ws, window, autostart=False)
    qtbot.addWidget(compare)
    assert {compare.dose_a, compare.dose_b} >= {stored} and compare.findings.isVisibleTo(compare)
    assert [(f.code, f.file) for f in compare.findings.errors] == [(codes.DOSE_SUMMATION_MISMATCH,
                                                                    str(folder / "RD_Photon7F.dcm"))]
    compare.close()
    dvh.grab().save(str(out_dir / "findings_in_use_dvh.png"))
    goals.grab().save(str(out_dir / "findings_in_use_goals.png"))
