"""A reduced mutation-fuzzing corpus (tests/fuzzing.py; the large campaign is
benchmarks/fuzz_inputs.py): about 250 mutated copies of real files through info, dvh and goals in a
worker process. No run may crash, hang, end a dvh/goals run with exit 2 without naming the mutated
file, or change numbers without a finding after a value no DICOM type, VR or range allows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom
import pytest

from tests.fuzzing import DEMO, SHARED, Campaign, Runner, Scenario, make_mutations, table

pytestmark = pytest.mark.slow


def _mini_structures(out: Path) -> Path:
    """The demo structure set with its two small ROIs only (fast DVHs), written from a copy."""
    ds = pydicom.dcmread(DEMO / "RS_TG119.dcm")
    keep = {int(r.ROINumber) for r in ds.StructureSetROISequence if str(r.ROIName) in ("Core", "OuterTarget")}
    ds.StructureSetROISequence = [r for r in ds.StructureSetROISequence if int(r.ROINumber) in keep]
    ds.ROIContourSequence = [r for r in ds.ROIContourSequence if int(r.ReferencedROINumber) in keep]
    ds.RTROIObservationsSequence = [r for r in ds.RTROIObservationsSequence if int(r.ReferencedROINumber) in keep]
    path = out / "RS_mini.dcm"
    ds.save_as(path)
    return path


def _corpus(tmp: Path) -> tuple[list[tuple[Scenario, int, int, int]], list[tuple[Scenario, int, int, int]]]:
    src = tmp / "sources"
    src.mkdir()
    rs = _mini_structures(src)
    ct = sorted((DEMO / "CT").glob("*.dcm"))[60:63]
    info_only = [
        (Scenario("demo-dose", "demo RTDOSE", (DEMO / "RD_Photon7F.dcm",), ("RD_Photon7F.dcm",)), 20, 5, 5),
        (Scenario("demo-ion-plan", "demo RT Ion Plan", (DEMO / "RN_ProtonIMPT.dcm",), ("RN_ProtonIMPT.dcm",)), 25, 5, 5),
        (Scenario("demo-photon-plan", "demo RTPLAN", (DEMO / "RP_Photon7F.dcm",), ("RP_Photon7F.dcm",)), 15, 3, 3),
        (Scenario("demo-structures", "demo RTSTRUCT", (rs,), ("RS_mini.dcm",)), 20, 5, 5),
        (Scenario("demo-ct", "demo CT", tuple(ct), (ct[1].name,)), 20, 5, 5),
    ]
    if SHARED.is_dir():
        p = SHARED / "pydicom_rt"
        names = ("rtplan.dcm", "rtdose.dcm", "rtstruct.dcm", "CT_small.dcm", "MR_small.dcm")
        info_only.append((Scenario("pydicom", "pydicom fixtures", tuple(p / n for n in names), names), 25, 8, 8))
        mono = sorted((SHARED / "aptg_dcpt_proton" / "plan02_mono").glob("RN*.dcm"))
        info_only.append((Scenario("eclipse-ion-plan", "Eclipse RT Ion Plan", tuple(mono), (mono[0].name,)),
                          20, 5, 5))
    full = [(Scenario("demo-mini", "demo RTDOSE + RTSTRUCT + RTPLAN",
                      (DEMO / "RD_Photon7F.dcm", rs, DEMO / "RP_Photon7F.dcm"),
                      ("RD_Photon7F.dcm", "RS_mini.dcm", "RP_Photon7F.dcm"), "RD_Photon7F.dcm", "RP_Photon7F.dcm"),
             6, 2, 2)]
    return info_only, full


def test_reduced_mutation_corpus(tmp_path: Path) -> None:
    info_only, full = _corpus(tmp_path)
    runner = Runner(timeout_s=60.0)
    outcomes = []
    try:
        for group, commands in ((info_only, ("info",)), (full, ("info", "dvh", "goals"))):
            work = tmp_path / "-".join(commands)
            camp = Campaign(work, runner, with_commands=commands)
            for sc, n_tag, n_bytes, n_trunc in group:
                for m, data in make_mutations(sc, n_tag, n_bytes, n_trunc, seed=3, invalid_share=0.7):
                    camp.run(sc, m, data)
            outcomes += camp.outcomes
            shutil.rmtree(work, ignore_errors=True)
    finally:
        runner.close()
    failing = [o for o in outcomes if o.verdict in ("crash", "hang", "unexplained-exit", "silent-change")]
    report = "\n".join(f"[{o.verdict}] {o.scenario} {o.mutation.kind} {o.mutation.target}: {o.mutation.detail}\n"
                       f"    {o.detail[-400:]}" for o in failing)
    assert not failing, report + "\n" + table(outcomes)
    runs = [o for o in outcomes if o.verdict != "skipped"]
    assert len(runs) >= 200
    invalid = [o for o in runs if o.mutation.kind == "tag" and o.mutation.invalid]
    assert len(invalid) >= 80
    # the corpus exercises the checks: most invalid values are caught as errors, every truncation is seen
    assert sum(o.verdict == "detected" for o in invalid) >= len(invalid) // 3
    truncations = [o for o in runs if o.mutation.kind == "truncate"]
    assert all(o.verdict in ("detected", "changed-warning") for o in truncations), table(outcomes)
