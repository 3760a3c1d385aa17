"""Worker-process isolation: a contribution declared ``isolation="process"`` that segfaults, hangs,
exhausts its memory limit or exits is reported as that contribution's fault; the host (this test
process) carries on, and a well-behaved one returns its result and progress over the pipe."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from plannerview.plugins import ACTIVE, InputRefused, PluginFault, discover, run_contour_engine
from plannerview.tasks import Cancelled, TaskContext

from .phantom import ct, grid

MISBEHAVING = Path(__file__).parent / "fixtures" / "misbehaving"


@pytest.fixture(scope="module")
def crashy(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("worker-plugins")
    shutil.copy(MISBEHAVING / "crashy.py", folder)
    mp = pytest.MonkeyPatch()
    mp.setenv("PLANNERVIEW_PLUGIN_PATH", str(folder))
    mp.setenv("PLANNERVIEW_DATA_DIR", str(folder / "data"))
    reg = discover(folders=[folder])
    g = grid((8, 24, 24), (2.0, 2.0, 2.0), (-23.0, -23.0, -7.0))
    yield reg, ct(np.zeros(g.shape_zyx), g), g
    mp.undo()


def _fault(reg, img, engine: str, match: str) -> float:
    t0 = time.perf_counter()
    with pytest.raises(PluginFault, match=match):
        run_contour_engine(reg, engine, None, img)
    return time.perf_counter() - t0


def test_a_segfault_is_the_contributions_fault_and_progress_arrived_first(crashy) -> None:
    reg, img, _g = crashy
    seen: list[tuple[float, str]] = []
    with pytest.raises(PluginFault, match=r"contour engine 'crashy:segfault' crashed in its worker process "
                                          r"\(SIGSEGV\) \(memory limit 1024 MB\) \(fault 1 of 3"):
        run_contour_engine(reg, "segfault", None, img, progress=lambda f, m: seen.append((f, m)))
    assert seen == [(0.5, "about to crash")]
    assert reg.get("crashy").status == ACTIVE


def test_a_hang_is_stopped_at_its_timeout(crashy) -> None:
    reg, img, _g = crashy
    took = _fault(reg, img, "hang", r"'crashy:hang' did not finish within 1.5 s; its worker process was stopped")
    assert 1.5 <= took < 30


def test_over_allocation_hits_the_memory_limit(crashy) -> None:
    reg, img, _g = crashy
    _fault(reg, img, "greedy", r"'crashy:greedy' MemoryError: Unable to allocate 4.00 GiB")


def test_os_exit_is_reported_with_its_code(crashy) -> None:
    reg, img, _g = crashy
    _fault(reg, img, "exits", r"'crashy:exits' its worker process exited with code 7 without a result")


def test_input_errors_cross_the_pipe_and_are_not_faults(crashy) -> None:
    reg, img, _g = crashy
    with pytest.raises(InputRefused, match="'crashy:wrong_input': this engine needs contrast-enhanced images"):
        run_contour_engine(reg, "wrong_input", None, img)
    rec = reg.get("crashy")
    assert rec.state(rec.manifest.contribution("contour_engine", "wrong_input")).faults == 0


def test_a_worker_returns_its_result_progress_output_and_annotations(crashy, caplog) -> None:
    import logging

    caplog.set_level(logging.INFO)
    reg, img, g = crashy
    seen: list[tuple[float, str]] = []
    run = run_contour_engine(reg, "ball", None, img, parameters={}, progress=lambda f, m: seen.append((f, m)))
    (roi,) = run.rois
    zc, yc, xc = g.axis_coords_mm()
    z, y, x = np.meshgrid(zc - zc.mean(), yc - yc.mean(), xc - xc.mean(), indexing="ij")
    truth = x**2 + y**2 + z**2 <= 64.0
    assert np.array_equal(roi.result.mask, truth) and roi.voxels == int(truth.sum())
    assert roi.provenance.engine == "crashy:ball" and roi.provenance.version == "0.3"
    assert seen == [(0.25, "step 1"), (0.5, "step 2"), (0.75, "step 3"), (1.0, "step 4")]
    assert run.annotations[0].text == "made in a worker on 1 image"
    assert "plugin output (worker): worker says hello" in [r.getMessage() for r in caplog.records]


def test_cancel_kills_the_worker(crashy) -> None:
    reg, img, _g = crashy
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    t0 = time.perf_counter()
    with pytest.raises(Cancelled, match="its worker process was stopped"):
        run_contour_engine(reg, "hang", None, img, task=TaskContext(on_cancel=stop.is_set))
    assert time.perf_counter() - t0 < 20
    rec = reg.get("crashy")
    assert rec.state(rec.manifest.contribution("contour_engine", "hang")).faults <= 1  # cancelling is no fault


def test_a_dose_engine_in_a_worker_gives_the_same_checked_doses(tmp_path, monkeypatch) -> None:
    """The dose engines of the dose issue run this way: model objects (plan, CT, structure set)
    pickled to the worker, DoseResults with details back, then the host's checks and provenance."""
    from plannerview.model import Beam, FractionGroup, Plan
    from plannerview.plugin_api import DoseRequest
    from plannerview.plugins import run_dose_engine

    from .phantom import sphere_roi, structure_set, thorax_phantom

    folder = tmp_path / "plugins"
    folder.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "fixture_dose.py", folder)
    monkeypatch.setenv("PLANNERVIEW_DATA_DIR", str(tmp_path / "data"))
    reg = discover(folders=[folder])
    g = grid((10, 64, 64), (3.0, 2.0, 2.0), (-63.0, -63.0, -13.5))
    img = ct(thorax_phantom(g), g)
    ss = structure_set((sphere_roi(1, "PTV", (0.0, 0.0, 0.0), 10.0, g.axis_coords_mm()[0]),), img)
    beams = (Beam(number=1, name="A", beam_type="STATIC", radiation_type="PHOTON", treatment_delivery_type="TREATMENT",
                  energy=6.0, energy_label="6X", control_points=(), meterset=120.0),)
    plan = Plan(sop_uid="1.2.3.5", frame_of_reference_uid=g.frame_of_reference_uid, label="p", beams=beams,
                fraction_groups=(FractionGroup(1, 5, {1: 120.0}),))
    request = DoseRequest(plan=plan, image=img, structure_set=ss, parameters={"gy_per_mu": 0.002})
    seen: list[float] = []
    worker = run_dose_engine(reg, "two_in_worker", None, request, progress=lambda f, m: seen.append(f))
    inline = run_dose_engine(reg, "two", None, request)
    truth = np.where(np.asarray(img.voxels) > -350, 0.002 * 600.0, 0.0)
    assert np.allclose(worker.doses[0].dose, truth, atol=1e-6)
    for a, b in zip(worker.doses, inline.doses, strict=True):
        assert np.array_equal(a.dose, b.dose) and a.dose_type == b.dose_type and a.sop_uid != b.sop_uid
    assert worker.provenances[1].details["rbe_model"] == "constant RBE 1.1"
    assert worker.provenances[0].inputs == (plan.sop_uid, img.series_uid, ss.sop_uid)
    assert seen == [0.2, 1.0]  # the engine's progress, over the pipe
