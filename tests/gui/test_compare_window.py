"""The comparison window driven as a user would, checked against values read from the files.

Dose A is the demo photon dose; dose B the same dose with its patient-left half (dose-grid columns
from the middle on) scaled by 0.9, written to an RTDOSE file. So A - B is 0.1 x A on the left
half and 0 on the right; gamma is 0 on the right half. Truths come from the files (pydicom),
from ``plannerview dvh --json`` and from the protocol's YAML file.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from PySide6.QtCore import QPoint, Qt

import plannerview
from plannerview.cli.main import main
from plannerview.resources import protocols_dir
from plannerview.review.session import ComparisonChanged
from plannerview.review.workspace import Workspace

from ..compute.test_comparison_core import SCALE_B, write_half_scaled
from .conftest import open_and_wait
from .dicom_truth import DoseFile

pytestmark = pytest.mark.gui
PROTOCOL = "prostate_rtog0126"


@pytest.fixture(scope="module")
def b_file(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> Path:
    return write_half_scaled(demo_dir, tmp_path_factory.mktemp("compare") / "RD_B.dcm")


@pytest.fixture
def compare(qtbot, demo_dir: Path, b_file: Path):  # type: ignore[no-untyped-def]
    """A comparison window on the demo case plus B, A = photon, B = the half-scaled copy, compared."""
    from PySide6.QtCore import QThreadPool

    from plannerview.ui.app import make_app
    from plannerview.ui.compare_window import CompareWindow

    make_app("dark")
    case = plannerview.load([str(demo_dir), str(b_file)])
    ws = Workspace(case=case)
    session = ws.session
    events: list = []
    session.subscribe(ComparisonChanged, events.append)
    w = CompareWindow(ws, autostart=False)
    qtbot.addWidget(w)
    a = next(d for d in case.doses if d.file.endswith("RD_Photon7F.dcm"))
    b = next(d for d in case.doses if d.file.endswith("RD_B.dcm"))
    w.select_doses(a, b)
    w.resize(1500, 950)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.comparison_ready, timeout=60000):
        w.protocol.setCurrentText(PROTOCOL)
        w.start()
    assert session.comparison == (a.sop_uid, b.sop_uid) and events[-1].dose_b_uid == b.sop_uid
    yield w
    w.shutdown()
    assert QThreadPool.globalInstance().waitForDone(20000)
    w.close()


def _pixel(view, p: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """RGB of the view's pixel at patient point p."""
    q = view.patient_to_widget(p)
    return view.render_rgba()[round(q.y()), round(q.x()), :3].astype(int)


def _points(demo_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """Two voxel centres of the middle slice near 45 Gy: one in the scaled half, one in the other."""
    fa = DoseFile(demo_dir / "RD_Photon7F.dcm")
    nz, ny, nx = fa.arr.shape
    k = nz // 2
    out = []
    for cols in (range(nx // 2 + 2, nx), range(0, nx // 2 - 2)):
        cand = [(abs(fa.arr[k, j, i] - 45.0), i, j) for j in range(ny) for i in cols]
        _, i, j = min(cand)
        out.append(fa.index_to_patient(i, j, k))
    return out[0], out[1]


def test_difference_gamma_and_linked_cursor(qtbot, compare, demo_dir: Path, b_file: Path, out_dir: Path) -> None:
    w = compare
    fa, fb = DoseFile(demo_dir / "RD_Photon7F.dcm"), DoseFile(b_file)
    hot, same = _points(demo_dir)
    a_model, b_model = w.sessions["a"].model, w.sessions["b"].model
    a_model.set_visible_rois(set())  # no contour over the sampled pixels (linked: every pane)
    assert b_model.visible_rois == frozenset() and w.sessions["diff"].model.visible_rois == frozenset()
    # linked cursor: set in A -> B, difference and gamma show the same slice
    a_model.set_cursor(hot)
    assert b_model.cursor_mm == a_model.cursor_mm
    idx = {k: v.index for k, v in w.views.items()}
    assert len(set(idx.values())) == 1
    # readout at the cursor voxel: A - B equals the files' values there
    v = w.comparison.values_at(hot)
    assert v["diff_gy"] == pytest.approx(fa.dose_at(hot) - fb.dose_at(hot), abs=1e-4)
    assert v["diff_gy"] == pytest.approx((1 - SCALE_B) * fa.dose_at(hot), abs=1e-4)
    assert f"A − B {v['diff_gy']:+.3f} Gy" in w.readout.text()
    # diverging colours: red-ish where A > B, white-ish where A == B; gamma 0 -> the pass colour
    red = _pixel(w.views["diff"], hot)
    assert red[0] > 150 and red[0] - red[1] > 60 and red[0] - red[2] > 60, red
    a_model.set_cursor(same)
    assert v["diff_gy"] > 1.0 and abs(w.comparison.values_at(same)["diff_gy"]) < 1e-4
    white = _pixel(w.views["diff"], same)
    assert white.min() > 225, white
    assert w.comparison.values_at(same)["gamma"] == pytest.approx(0.0, abs=1e-4)
    green = _pixel(w.views["gamma"], same)
    assert green[1] > green[0] + 40 and green[1] > green[2] + 20, green  # dark green: gamma 0 passes
    lo, hi = w.views["diff"].map_range
    assert lo == -hi and hi >= w.comparison.max_abs_difference_gy()
    # a click in B's view moves A's cursor (and every pane's slice) too
    w.set_view("coronal")
    view_b = w.views["b"]
    target = b_model.cursor_mm[0] + 30.0, b_model.cursor_mm[1], b_model.cursor_mm[2] + 20.0
    q = view_b.patient_to_widget(np.array(target))
    qtbot.mouseClick(view_b, Qt.MouseButton.LeftButton, pos=QPoint(round(q.x()), round(q.y())))
    assert a_model.cursor_mm == b_model.cursor_mm
    assert abs(a_model.cursor_mm[0] - target[0]) < 2.0 and abs(a_model.cursor_mm[2] - target[2]) < 2.0
    w.set_view("axial")
    assert len({v.index for v in w.views.values()}) == 1 and w.views["a"].view == "axial"
    a_model.show_all_rois(True)
    a_model.set_cursor(hot)
    qtbot.wait(50)
    w.grab().save(str(out_dir / "compare_window.png"))


def test_dvh_overlay_and_tables_match_dvh_json_and_protocol(qtbot, compare, demo_dir: Path, b_file: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    w = compare
    visible = w.sessions["a"].model.visible_rois
    covered = {r.number for r in w.comparison.structures}
    assert set(w.dvh_curves) == visible & covered and w.dvh_curves
    n_items = len([it for it in w.dvh_plot.getPlotItem().listDataItems()])
    assert n_items == 2 * len(w.dvh_curves)
    for a_curve, b_curve in w.dvh_curves.values():
        pa, pb = a_curve.opts["pen"], b_curve.opts["pen"]
        assert pa.style() == Qt.PenStyle.SolidLine and pb.style() == Qt.PenStyle.DashLine
        assert pa.color().getRgb() == pb.color().getRgb()
    # one ROI hidden: its two curves go
    hide = sorted(w.dvh_curves)[0]
    w.sessions["a"].model.set_roi_visible(hide, False)
    assert hide not in w.dvh_curves and len(w.dvh_plot.getPlotItem().listDataItems()) == n_items - 2
    # the metrics table against `plannerview dvh --json` for each dose
    paths = [str(demo_dir), str(b_file)]
    for dose_file, side in ((demo_dir / "RD_Photon7F.dcm", "a"), (b_file, "b")):
        assert main(["dvh", *paths, "--dose", str(dose_file), "--json"]) == 0
        rows = json.loads(capsys.readouterr().out)["structures"]
        checked = 0
        for r in rows:
            if r["volume_cc"] and r["dmean_gy"] is not None and any(s.name == r["name"] for s in w.comparison.structures):
                # the table holds the unrounded figures; dvh --json rounds to 1e-4 Gy
                assert w.metrics_cell(r["name"], "Dmean")[side] == pytest.approx(r["dmean_gy"], abs=5.1e-5)
                assert w.metrics_cell(r["name"], "D95%")[side] == pytest.approx(r["d_percent_gy"]["95"], abs=5.1e-5)
                checked += 1
        assert checked >= 2
    roi = w.comparison.structures[0].name
    cell = w.metrics_cell(roi, "Dmean")
    assert cell["diff"] == pytest.approx(cell["a"] - cell["b"], abs=1e-4)
    # goals: one row per goal in the protocol file, statuses of A and B
    n_goals = len(yaml.safe_load((protocols_dir() / f"{PROTOCOL}.yaml").read_text())["goals"])
    assert w.goals_table.rowCount() == n_goals
    statuses = {w.goals_table.item(r, c).text() for r in range(n_goals) for c in (4, 6)}
    assert statuses <= {"pass", "acceptable", "fail", "not_evaluated"}


def test_compare_action_defaults_refuses_mixed_types_and_cancels(qtbot, window, demo_dir: Path) -> None:
    case = open_and_wait(qtbot, window, [demo_dir])
    action = next(a for a in window.menuBar().actions() if a.text() == "&Tools").menu().actions()[0]
    assert action.text() == "Compare plans…"
    with qtbot.waitSignal(window.compare_action.triggered, timeout=5000):
        action.trigger()
    w = window.compare_window
    assert w is not None and w.isVisible()
    # A is the dose on screen; the demo's only other dose is the proton one (Gy(RBE)), so B is that
    assert w.dose_a is window.qs.model.dose and w.dose_b in case.doses and w.dose_b is not w.dose_a
    assert {w.dose_a.dose_type, w.dose_b.dose_type} == {"PHYSICAL", "EFFECTIVE"}
    # mixed types are not compared unasked: nothing runs, and the status says what differs
    assert w.comparison is None and w._job is None
    assert "Gy(RBE)" in w.status.text() and "Allow mixed dose types" in w.status.text()
    # started anyway without the option, the core refuses it
    w.start()
    qtbot.waitUntil(lambda: "comparison failed" in w.status.text(), timeout=20000)
    assert "dose types differ" in w.status.text() and w.comparison is None
    w.mixed.setChecked(True)
    job = w.start()
    w.cancel()
    qtbot.waitUntil(lambda: w.status.text() == "comparison cancelled", timeout=20000)
    assert job is not None and job.is_cancelled and w.comparison is None and not w.progress.isVisible()
    w.shutdown()


def test_default_pair_prefers_the_dose_on_screen_and_a_dose_of_the_same_kind(demo_dir: Path, b_file: Path) -> None:
    from plannerview.ui.compare_window import default_pair

    case = plannerview.load([str(demo_dir), str(b_file)])
    names = [Path(d.file).name for d in case.doses]
    photon, proton, b = (names.index(n) for n in ("RD_Photon7F.dcm", "RD_ProtonIMPT.dcm", "RD_B.dcm"))
    assert default_pair(case.doses, case.doses[photon]) == (photon, b)  # B: the other PHYSICAL PLAN dose
    ia, ib = default_pair(case.doses, case.doses[proton])  # no other Gy(RBE) dose: the first other one
    assert ia == proton and ib == min(i for i in range(3) if i != proton)
    assert default_pair(case.doses[:1]) == (0, 0)


def test_gamma_cutoff_and_local_controls_reach_the_core(qtbot, compare, demo_dir: Path) -> None:
    """A 50 % cut-off evaluates exactly the voxels of A at or above half A's maximum (counted in the
    file), and 'local' switches the criterion; the gamma pane's title says which."""
    w = compare
    arr = DoseFile(demo_dir / "RD_Photon7F.dcm").arr
    w.cutoff_pct.setValue(50.0)
    w.local.setChecked(True)
    with qtbot.waitSignal(w.comparison_ready, timeout=60000):
        w.start()
    g = w.comparison.gamma
    assert g.criteria["cutoff_pct"] == 50.0 and g.criteria["local"] is True
    expected = int(np.count_nonzero(arr >= 0.5 * arr.max()))
    assert abs(g.evaluated_voxels - expected) <= max(2, expected // 1000)  # float32 rounding at the edge
    assert "local, cut-off 50 %" in w.titles["gamma"].text()
