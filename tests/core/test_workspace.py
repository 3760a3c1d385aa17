"""The workspace (review.workspace): results cached by the identity of inputs and parameters, typed
events, derived objects with provenance, annotation revisions. Cases are built from model objects
whose DVH figures are known in closed form: a 20 mm cube (contours every 2 mm) in a dose of
20 + x Gy, so its volume is 8 cc and its mean dose 20 Gy; a single-plane 10 x 10 mm square."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import plannerview.review.workspace as workspace_mod
from plannerview.compute.derived import derived_dose, derived_structure_set
from plannerview.compute.goals import evaluate_goals
from plannerview.compute.resample import resample
from plannerview.model import ROI, Case, Contour, DoseGrid, Grid, Provenance, StructureSet, TpsDvh
from plannerview.model.annotation import Annotation
from plannerview.model.events import AnnotationChanged, ObjectAdded, ResultReady
from plannerview.plugin_api.workspace import WorkspaceView
from plannerview.review.comparison import GammaCriteria
from plannerview.review.loaders import load_protocol
from plannerview.review.session import SelectionChanged
from plannerview.review.workspace import Workspace
from plannerview.tasks import Cancelled, TaskContext

N, STEP, ORIGIN = 21, 2.0, -20.0  # 21^3 voxels of 2 mm: x, y, z from -20 to +20 mm
FRAME = "1.2.3.4"


def square(half: float, z: float, cx: float = 0.0) -> Contour:
    sq = np.array([[-half, -half], [half, -half], [half, half], [-half, half]]) + [cx, 0.0]
    return Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)]))


def cube(number: int, name: str, half: float = 10.0) -> ROI:
    """Square contours every 2 mm whose slabs span z = -half .. +half exactly."""
    return ROI(number, name, tuple(square(half, z) for z in np.arange(-half + 1.0, half, 2.0)), "ORGAN")


def linear_dose(uid: str = "1.2.3.100", slope: float = 1.0, spacing_z: float = STEP,
                tps: tuple[TpsDvh, ...] = (), plan: str = "") -> DoseGrid:
    """Dose 20 + slope * x Gy on a grid of 2 mm in x and y, ``spacing_z`` in z."""
    nz = int(round(40.0 / spacing_z)) + 1
    x = ORIGIN + STEP * np.arange(N)
    arr = np.broadcast_to((20.0 + slope * x)[None, None, :], (nz, N, N)).astype(np.float32)
    grid = Grid((nz, N, N), (spacing_z, STEP, STEP), (ORIGIN, ORIGIN, ORIGIN), np.eye(3), FRAME)
    return DoseGrid(sop_uid=uid, frame_of_reference_uid=FRAME, grid=grid, dose_type="PHYSICAL", units="GY",
                    summation_type="PLAN", tps_dvhs=tps, referenced_plan_uid=plan, loader=lambda: arr.copy())


def structures(uid: str = "1.2.3.200") -> StructureSet:
    single = ROI(2, "Single", (square(5.0, 0.0, cx=4.0),), "ORGAN")  # 10 x 10 mm on one plane only
    return StructureSet(sop_uid=uid, frame_of_reference_uid=FRAME, label="RS", rois=(cube(1, "Heart"), single))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Every call of the DVH engine the workspace makes: (structure set UID, dose UID, ROIs)."""
    calls: list[tuple[str, ...]] = []
    real = workspace_mod.compute_dvhs

    def spy(ss, dose, roi_names=None, *a, **kw):  # type: ignore[no-untyped-def]
        calls.append((ss.sop_uid, dose.sop_uid, *(roi_names or [])))
        return real(ss, dose, roi_names, *a, **kw)

    monkeypatch.setattr(workspace_mod, "compute_dvhs", spy)
    return calls


def test_dvhs_are_cached_by_uid_and_parameters_not_by_object(counted: list) -> None:
    ss, dose = structures(), linear_dose()
    ws = Workspace(case=Case(structure_sets=(ss,), doses=(dose,)))
    first = ws.dvhs(ss, dose)
    heart = first[0]
    assert heart.volume_cc == pytest.approx(8.0, rel=1e-9)  # 20 mm cube
    assert heart.dmean == pytest.approx(20.0, abs=0.01)  # 20 + x averaged over x = -10 .. 10
    assert len(counted) == 1
    # new Python objects with the same UIDs: the same results, nothing recomputed
    again = ws.dvhs(dataclasses.replace(ss), dataclasses.replace(dose))
    assert [a is b for a, b in zip(first, again, strict=True)] == [True, True] and len(counted) == 1
    assert ws.dvhs(ss, dose, ["heart"])[0] is heart and len(counted) == 1  # a subset: from the cache too
    # other parameters: computed again
    coarse = ws.dvhs(ss, dose, bin_width_gy=0.5)
    assert len(counted) == 2 and coarse[0] is not heart
    assert coarse[0].bin_edges[1] - coarse[0].bin_edges[0] == pytest.approx(0.5)
    # another dose (another UID): computed again
    ws.dvhs(ss, linear_dose("1.2.3.101", slope=0.5))
    assert len(counted) == 3
    entries, hits, misses = ws.cache_stats()["dvh"]
    assert (entries, hits, misses) == (6, 3, 6)  # 2 + 1 hits above


def test_results_and_additions_announce_typed_events() -> None:
    ss, dose = structures(), linear_dose()
    ws = Workspace(case=Case(structure_sets=(ss,), doses=(dose,)))
    ready: list[ResultReady] = []
    added: list[ObjectAdded] = []
    selections: list[SelectionChanged] = []
    ws.subscribe(ResultReady, ready.append)
    stop = ws.subscribe(ObjectAdded, added.append)
    ws.subscribe(SelectionChanged, selections.append)  # session events through the same door
    ws.dvhs(ss, dose)
    assert sorted(e.key[3] for e in ready if e.kind == "dvh") == ["1", "2"]
    ws.dvhs(ss, dose)
    assert len(ready) == 2  # a cache hit announces nothing
    prov = Provenance("test-engine", "1.0", {"scale": 0.5}, inputs=(dose.sop_uid,))
    half = derived_dose(lambda: 0.5 * np.asarray(dose.dose), like=dose, provenance=prov, description="half")
    assert half.sop_uid not in (dose.sop_uid, "") and half.tps_dvhs == () and half.referenced_plan_uid == ""
    assert ws.add_dose(half, prov) is half
    assert added[-1].obj is half and added[-1].provenance is prov
    assert ws.case.doses == (dose, half) and ws.derived_doses == (half,)
    assert ws.is_derived(half.sop_uid) and not ws.is_derived(dose.sop_uid)
    assert ws.provenance_of(half.sop_uid) is prov and ws.provenance_of(dose.sop_uid) is None
    assert ws.add_dose(half, prov) is half and len(added) == 1  # the same object: added once
    with pytest.raises(ValueError, match="already in the case"):
        ws.add_dose(dataclasses.replace(dose), prov)  # a source's UID is never reused
    # the derived dose is selectable like a loaded one, and its DVH is half the source's
    ws.session.select(dose=half, structure_set=ss)
    assert selections[-1].dose_uid == half.sop_uid
    assert ws.dvhs(ss, half)[0].dmean == pytest.approx(10.0, abs=0.01)
    stop()
    new_ss = derived_structure_set((cube(3, "Boost", 4.0),), like=ss, source=ss, provenance=prov, label="derived")
    assert [r.name for r in new_ss.rois] == ["Heart", "Single", "Boost"] and new_ss.sop_uid != ss.sop_uid
    assert ws.add_structure_set(new_ss, prov, file="/tmp/RS_new.dcm").file == "/tmp/RS_new.dcm"
    assert len(added) == 1 and ws.case.structure_sets[-1].sop_uid == new_ss.sop_uid
    assert ws.derived_structure_sets[0].provenance == prov.to_json()


def test_annotations_change_only_by_revision() -> None:
    ws = Workspace()
    seen: list[AnnotationChanged] = []
    ws.subscribe(AnnotationChanged, seen.append)
    a = ws.add_annotation(Annotation("hot spot near the cord", kind="point", points_mm=((1, 2, 3),),
                                     frame_of_reference_uid=FRAME, author="reviewer"))
    with pytest.raises(ValueError):
        ws.add_annotation(a)
    b = ws.revise_annotation(a.uid, text="hot spot: 54.2 Gy near the cord", author="physicist")
    c = ws.revise_annotation(a.uid, status="withdrawn")
    assert (b.uid, c.uid) == (a.uid, a.uid)
    assert len({a.revision_uid, b.revision_uid, c.revision_uid}) == 3
    assert b.predecessor_revision_uid == a.revision_uid and c.predecessor_revision_uid == b.revision_uid
    assert b.author == "physicist" and c.text == b.text and c.status == "withdrawn"
    assert ws.annotations == (c,) and ws.annotation_history(a.uid) == (a, b, c)
    assert [e.annotation for e in seen] == [a, b, c]
    with pytest.raises(KeyError):
        ws.revise_annotation("2.25.1", text="x")


def test_a_new_case_clears_results_and_derived_objects(counted: list) -> None:
    ss, dose = structures(), linear_dose()
    ws = Workspace(case=Case(structure_sets=(ss,), doses=(dose,)))
    ws.dvhs(ss, dose)
    prov = Provenance("t", "1")
    ws.add_dose(derived_dose(np.zeros(dose.grid.shape_zyx), like=dose, provenance=prov, description="zero"), prov)
    ws.add_annotation(Annotation("note"))
    ws.set_case(Case(structure_sets=(ss,), doses=(dose,)))
    assert ws.derived_doses == () and ws.annotations == () and ws.case.doses == (dose,)
    ws.dvhs(ss, dose)
    assert len(counted) == 2


def test_goals_use_the_structure_set_and_the_dvh_cache(tmp_path: Path, counted: list) -> None:
    """A single-plane ROI is a slab one plane spacing of its structure set thick (2 mm here), also in
    the goals, whatever the dose grid's slice spacing (4 mm here): 10 x 10 x 2 mm = 0.2 cc."""
    ss, dose = structures(), linear_dose(spacing_z=4.0)
    f = tmp_path / "p.yaml"
    f.write_text("name: t\ntitle: test\nfractions: 5\ndose_per_fraction_gy: 2\nprescription_gy: 10\n"
                 "alpha_beta_gy: {default: 3}\nsources: {S: a source}\ngoals:\n"
                 "  - {roi: Single, metric: 'V0Gy[cc]', comparator: '>=', limit: 0.1, unit: cc, "
                 "citation: {source: S, where: x}, note: n}\n"
                 "  - {roi: Single, metric: 'Dmean', comparator: '<', limit: 30, unit: Gy, "
                 "citation: {source: S, where: x}, note: n}\n")
    prot = load_protocol(f)
    assert evaluate_goals(prot, ss, dose, 5, 10.0).results[0].value == pytest.approx(0.2, rel=1e-6)
    ws = Workspace(case=Case(structure_sets=(ss,), doses=(dose,)))
    single = ws.dvh(ss, "Single", dose)
    assert single.volume_cc == pytest.approx(0.2, rel=1e-6) and len(counted) == 1
    report = ws.goals(prot, ss, dose)
    assert len(counted) == 1  # the goals took the cached DVH
    assert report.results[0].value == pytest.approx(single.covered_cc)
    assert report.results[1].value == pytest.approx(single.dmean) == pytest.approx(24.0, abs=0.01)  # x = 4
    assert ws.goals(prot, ss, dose) is report  # cached by protocol hash, UIDs and parameters
    assert ws.goals(prot, ss, dose, fractions=3) is not report


def test_concurrent_requests_compute_once(monkeypatch: pytest.MonkeyPatch) -> None:
    ss, dose = structures(), linear_dose()
    ws = Workspace(case=Case(structure_sets=(ss,), doses=(dose,)))
    calls = []
    real = workspace_mod.compute_dvhs

    def slow(*a, **kw):  # type: ignore[no-untyped-def]
        calls.append(1)
        time.sleep(0.3)
        return real(*a, **kw)

    monkeypatch.setattr(workspace_mod, "compute_dvhs", slow)
    out: list = []
    threads = [threading.Thread(target=lambda: out.append(ws.dvhs(ss, dose))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(calls) == 1 and len(out) == 3
    assert all(o[0] is out[0][0] for o in out)


def test_cancel_raises_and_caches_nothing() -> None:
    ss, dose = structures(), linear_dose()
    ws = Workspace(case=Case(structure_sets=(ss,), doses=(dose,)))
    with pytest.raises(Cancelled):
        ws.dvhs(ss, dose, ctx=TaskContext(on_cancel=lambda: True))
    assert ws.cache_stats()["dvh"][0] == 0
    seen: list[float] = []
    ws.dvhs(ss, dose, ctx=TaskContext(on_progress=lambda f, _m: seen.append(f)))
    assert seen and seen[-1] == pytest.approx(1.0)


def test_resampled_dose_is_a_new_object_of_the_same_plan() -> None:
    tps = TpsDvh(1, "CUMULATIVE", "GY", "CM3", np.array([0.0, 1.0]), np.array([8.0, 0.0]))
    dose = linear_dose(tps=(tps,), plan="1.2.3.300")
    target = Grid((5, 5, 5), (3.0, 3.0, 3.0), (-6.5, -6.5, -6.5), np.eye(3), FRAME)
    r = resample(dose, target)
    assert r.sop_uid != dose.sop_uid and r.series_uid != dose.series_uid and r.sop_uid
    assert r.tps_dvhs == () and r.referenced_plan_uid == "1.2.3.300" and r.file == ""
    assert r.provenance is not None and r.provenance["inputs"] == [dose.sop_uid]
    x = -6.5 + 3.0 * np.arange(5)
    np.testing.assert_allclose(r.dose[2, 2, :], 20.0 + x, atol=1e-4)  # linear: trilinear is exact
    ws = Workspace(case=Case(doses=(dose,)))
    assert ws.resample(dose, target) is ws.resample(dataclasses.replace(dose), target)


def test_eqd2_dose_carries_no_tps_dvhs_or_plan() -> None:
    tps = TpsDvh(1, "CUMULATIVE", "GY", "CM3", np.array([0.0, 1.0]), np.array([8.0, 0.0]))
    dose = linear_dose(tps=(tps,), plan="1.2.3.300")
    ws = Workspace(case=Case(doses=(dose,)))
    e = ws.eqd2(dose, 5, 3.0)
    assert e is ws.eqd2(dose, 5, 3.0)
    assert e.sop_uid != dose.sop_uid and e.tps_dvhs == () and e.referenced_plan_uid == ""
    d = 20.0 + (ORIGIN + STEP * np.arange(N))  # EQD2 = D (1 + d/ab) / (1 + 2/ab), d = D / n
    np.testing.assert_allclose(e.dose[3, 7, :], d * (1 + d / 5 / 3) / (1 + 2 / 3), rtol=1e-6)


def test_comparison_resamples_b_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """B (20 + 0.5 x on a 4 mm z grid) onto A's 2 mm grid: one resampling serves the difference and
    the gamma; A - B = 0.5 x wherever B covers A."""
    calls = []
    real = Grid.index_coords_from
    monkeypatch.setattr(Grid, "index_coords_from", lambda self, *a: calls.append(1) or real(self, *a))
    a, b = linear_dose("1.2.3.1"), linear_dose("1.2.3.2", slope=0.5, spacing_z=4.0)
    ws = Workspace(case=Case(doses=(a, b)))
    cmp = ws.comparison(a, b, GammaCriteria(cutoff_pct=50.0), with_dvhs=False)
    assert len(calls) == 1
    assert cmp.b_on_a.sop_uid not in (a.sop_uid, b.sop_uid)
    x = ORIGIN + STEP * np.arange(N)
    np.testing.assert_allclose(cmp.difference.dose[4, 3, :], 0.5 * x, atol=1e-4)
    assert ws.comparison(a, b, GammaCriteria(cutoff_pct=50.0), with_dvhs=False) is cmp and len(calls) == 1


def test_plan_sum_is_added_once_with_provenance() -> None:
    dose = linear_dose()
    ws = Workspace(case=Case(doses=(dose,)))
    total, _ = ws.plan_sum([dose, dose], [0.5, 0.25])
    again, _ = ws.plan_sum([dose, dose], [0.5, 0.25])
    assert again is total and ws.case.doses == (dose, total)
    np.testing.assert_allclose(total.dose, 0.75 * np.asarray(dose.dose), rtol=1e-6)
    prov = ws.provenance_of(total.sop_uid)
    assert prov is not None and prov.engine == "plannerview-sum" and prov.inputs == (dose.sop_uid, dose.sop_uid)


def test_workspace_is_what_plugins_see() -> None:
    assert isinstance(Workspace(), WorkspaceView)


def test_eqd2_of_a_real_dose_drops_its_tps_dvhs(shared_data: Path) -> None:
    """dicompyler-core's breast case: the RTDOSE stores 9 TPS DVHs (counted with pydicom); its EQD2
    (7 fractions, alpha/beta 3 Gy) stores none, and its maximum is the EQD2 of the file's maximum."""
    import pydicom

    import plannerview

    folder = shared_data / "dicompyler_core_example"
    ds = pydicom.dcmread(folder / "rtdose.dcm")
    file_max = float(ds.pixel_array.max()) * float(ds.DoseGridScaling)
    case = plannerview.load(folder)
    dose = case.doses[0]
    assert len(dose.tps_dvhs) == len(ds.DVHSequence) == 9
    e = Workspace(case=case).eqd2(dose, 7, 3.0)
    assert e.tps_dvhs == () and e.referenced_plan_uid == "" and e.sop_uid != dose.sop_uid
    d = file_max / 7
    assert float(e.dose.max()) == pytest.approx(file_max * (1 + d / 3.0) / (1 + 2 / 3.0), rel=1e-5)


def test_only_the_last_comparisons_are_kept() -> None:
    """Comparisons hold whole grids: with room for two, the third evicts the least recently used."""
    a = linear_dose("1.2.3.1")
    bs = [linear_dose(f"1.2.3.{10 + i}", slope=1.0 - 0.1 * i) for i in range(3)]
    ws = Workspace(case=Case(doses=(a, *bs)), cache_limits={"comparison": 2})
    crit = GammaCriteria(cutoff_pct=50.0)
    first = ws.comparison(a, bs[0], crit, with_dvhs=False)
    second = ws.comparison(a, bs[1], crit, with_dvhs=False)
    assert ws.comparison(a, bs[0], crit, with_dvhs=False) is first  # now the most recent
    ws.comparison(a, bs[2], crit, with_dvhs=False)  # evicts the second
    assert ws.cache_stats()["comparison"][0] == 2
    assert ws.comparison(a, bs[0], crit, with_dvhs=False) is first
    assert ws.comparison(a, bs[1], crit, with_dvhs=False) is not second
