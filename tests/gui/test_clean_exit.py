"""Clean exits: the screenshot command and a pytest session end with their own status (no abort at
interpreter exit, no Xvfb left behind), and ``screenshot`` never writes the user's GUI settings.

The abort (exit 134, "Fatal Python error: bool_dealloc") came from PySide6 6.12.0:
``SignalInstance.disconnect()`` releases the bool it returns once too often, and pyqtgraph
disconnects on every item it removes, so redrawing a DVH with many curves drove the counts of
True/False to zero. pyproject excludes that release.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.gui


def test_signal_disconnect_keeps_bool_counts() -> None:
    """The installed PySide6 does not release True/False on disconnect (6.12.0 did, 1 per call)."""
    import warnings

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        sig = Signal(object)

    def slot(_x: object) -> None:
        pass

    e = Emitter()
    t0, f0 = sys.getrefcount(True), sys.getrefcount(False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "Failed to disconnect" for the second call
        for _ in range(200):
            e.sig.connect(slot)
            e.sig.disconnect(slot)  # succeeds: returns True
            e.sig.disconnect(slot)  # nothing left: returns False
    assert sys.getrefcount(True) - t0 > -50 and sys.getrefcount(False) - f0 > -50


def test_the_broken_release_is_excluded_and_named() -> None:
    """pyproject excludes PySide6 6.12.0, and an environment that has it anyway is told why."""
    import tomllib

    import PySide6

    from plannerview.ui.app import qt_binding_problem

    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.startswith("PySide6-Essentials") and "!=6.12.0" in d for d in deps)
    assert qt_binding_problem(PySide6.__version__) is None  # the installed release is a good one
    msg = qt_binding_problem("6.12.0")
    assert msg is not None and "bool_dealloc" in msg and "!=6.12.0" in msg


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plannerview.cli.main", *args], capture_output=True,
                          text=True, env=env, timeout=400, cwd=REPO)


@pytest.mark.slow
def test_screenshot_dvh_exits_cleanly_and_leaves_settings_alone(shared_dir: Path, tmp_path: Path,
                                                                out_dir: Path) -> None:
    """The breast case with 9 TPS DVHs aborted with 134 at exit; the user's settings stay byte-identical."""
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    settings = cfg / "settings.json"
    original = json.dumps({"recent": ["/somewhere/else"], "theme": "light", "isodose_levels": [50.0, 95.0],
                           "window_geometry": "AdnQywADAAA="}, indent=2)
    settings.write_text(original)
    before = settings.stat().st_mtime_ns
    env = dict(os.environ, PLANNERVIEW_CONFIG_DIR=str(cfg))
    out = tmp_path / "dvh.png"
    r = _run(["screenshot", str(shared_dir / "dicompyler_core_example"), "--view", "dvh", "--out", str(out),
              "--size", "900x600", "--json"], env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Fatal Python error" not in r.stderr
    doc = json.loads(r.stdout)
    assert doc["view"] == "dvh" and doc["size"] == [900, 600]
    assert doc["non_background_fraction"] > 0.01  # curves, axes and labels were drawn
    assert settings.read_text() == original and settings.stat().st_mtime_ns == before
    assert sorted(p.name for p in cfg.iterdir()) == ["settings.json"]
    (out_dir / "clean_exit_dvh.png").write_bytes(out.read_bytes())


_SESSION_TEST = '''
import numpy as np
import pyqtgraph as pg
import pytest

pytestmark = pytest.mark.gui


def test_widgets(qtbot):
    from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    for _ in range(40):  # each removed curve disconnected signals (the 6.12.0 bool leak)
        for i in range(20):
            plot.plot(np.arange(10.0), np.arange(10.0) * i)
        plot.clear()
    vtk_widget = QVTKRenderWindowInteractor()
    vtk_widget.resize(200, 200)
    vtk_widget.show()
    vtk_widget.GetRenderWindow().Render()
    qtbot.addWidget(vtk_widget)
    plot.show()
    qtbot.waitExposed(plot)
'''


@pytest.mark.slow
def test_pytest_session_exits_with_its_status_and_stops_xvfb(tmp_path: Path) -> None:
    """A GUI test session (pyqtgraph and VTK widgets, pytest-xvfb) ends with exit 0 and its Xvfb is gone."""
    (tmp_path / "test_inner.py").write_text(_SESSION_TEST)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
           "--rootdir", str(tmp_path), "-c", str(REPO / "pyproject.toml"), str(tmp_path / "test_inner.py")]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    xvfb: set[int] = set()
    while proc.poll() is None:
        xvfb |= _children_named(proc.pid, "Xvfb")
        time.sleep(0.2)
    output = proc.stdout.read() if proc.stdout else ""
    assert proc.returncode == 0, output[-2000:]
    assert "1 passed" in output and "Fatal Python error" not in output and "X11 connection broke" not in output
    assert xvfb, "pytest-xvfb did not start an Xvfb (is it installed?)"
    time.sleep(0.5)
    assert not [p for p in xvfb if Path(f"/proc/{p}").exists()], "the session left its Xvfb running"


def _children_named(pid: int, name: str) -> set[int]:
    found = set()
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        if ppid == pid and comm == name:
            found.add(int(d.name))
    return found


def _sixty_rois(demo: Path, dst: Path, n: int = 60) -> Path:
    """The demo's structures with its two small ROIs (target and core) copied under new numbers and
    names up to ``n`` ROIs, with the demo's plan and dose: a many-ROI case like the SRS one that
    aborted at exit."""
    import copy

    import pydicom

    dst.mkdir()
    rs = pydicom.dcmread(demo / "RS_TG119.dcm")
    rois = list(rs.StructureSetROISequence)
    contours = {int(c.ReferencedROINumber): c for c in rs.ROIContourSequence}
    observations = {int(o.ReferencedROINumber): o for o in rs.RTROIObservationsSequence}
    number = max(int(r.ROINumber) for r in rois)
    small = [r for r in rois if r.ROIName in ("OuterTarget", "Core")]
    while len(rs.StructureSetROISequence) < n:
        src = small[len(rs.StructureSetROISequence) % len(small)]
        number += 1
        roi = copy.deepcopy(src)
        roi.ROINumber, roi.ROIName = number, f"{src.ROIName}_{number}"
        rs.StructureSetROISequence.append(roi)
        c = copy.deepcopy(contours[int(src.ROINumber)])
        c.ReferencedROINumber = number
        rs.ROIContourSequence.append(c)
        o = copy.deepcopy(observations[int(src.ROINumber)])
        o.ReferencedROINumber, o.ObservationNumber = number, number
        rs.RTROIObservationsSequence.append(o)
    rs.save_as(dst / "RS_sixty.dcm")
    for name in ("RP_Photon7F.dcm", "RD_Photon7F.dcm"):
        (dst / name).write_bytes((demo / name).read_bytes())
    return dst


@pytest.mark.slow
def test_screenshot_of_a_60_roi_case_exits_cleanly(tmp_path: Path, out_dir: Path) -> None:
    """60 DVH curves (a many-ROI SRS case aborted with 134 after writing a correct PNG): exit 0, no
    fatal error at interpreter exit, every ROI drawn, and no os._exit in the command."""
    import pydicom

    demo = REPO / "resources" / "demo"
    if not (demo / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    folder = _sixty_rois(demo, tmp_path / "sixty")
    n_rois = len(pydicom.dcmread(folder / "RS_sixty.dcm").StructureSetROISequence)
    assert n_rois == 60
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    out = tmp_path / "dvh60.png"
    r = _run(["screenshot", str(folder), "--view", "dvh", "--out", str(out), "--size", "1000x700", "--json"],
             dict(os.environ, PLANNERVIEW_CONFIG_DIR=str(cfg)))
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Fatal Python error" not in r.stderr and "Traceback" not in r.stderr
    doc = json.loads(r.stdout)
    assert doc["dvh_curves"] == n_rois and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert list(cfg.iterdir()) == []  # nothing written to the settings folder
    source = (REPO / "plannerview" / "cli" / "cmd_screenshot.py").read_text()
    assert "os._exit" not in source
    (out_dir / "clean_exit_dvh_60_rois.png").write_bytes(out.read_bytes())
