"""Automatic contours, margins and the CLIs on the real thorax case (../shared/data/onko_lung_imrt)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import plannerview
from plannerview.compute.contours import roi_volume_cc
from plannerview.compute.masks import roi_mask_on_grid
from plannerview.model import Case
from plannerview.plugins import discover, run_contour_engine

from .test_rtstruct_writer import dciodvfy_errors

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
CASE_DIR = SHARED / "onko_lung_imrt"
REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def case() -> Case:
    if not CASE_DIR.is_dir():
        pytest.skip("../shared/data/onko_lung_imrt is not available")
    return plannerview.load(str(CASE_DIR))


@pytest.fixture(scope="module")
def auto(case: Case) -> dict[str, np.ndarray]:
    reg = discover(folders=[])
    img, ss = case.images[0], case.structure_sets[0]
    run = run_contour_engine(reg, "plannerview-contouring:all", case, img, ss)
    return {r.result.name: r.result.mask for r in run.rois}


def dice(a: np.ndarray, b: np.ndarray) -> float:
    return 2.0 * np.count_nonzero(a & b) / (np.count_nonzero(a) + np.count_nonzero(b))


def clinical(case: Case, name: str) -> np.ndarray:
    return roi_mask_on_grid(case.structure_sets[0].roi(name), case.images[0].grid)


def test_lungs_match_the_clinical_contours(case: Case, auto: dict[str, np.ndarray]) -> None:
    assert dice(auto["Lung_R"], clinical(case, "LUNG_R")) >= 0.93
    assert dice(auto["Lung_L"], clinical(case, "LUNG_L")) >= 0.93
    assert not (auto["Lung_R"] & auto["Lung_L"]).any()


def test_body_holds_every_clinical_roi_and_little_air(case: Case, auto: dict[str, np.ndarray]) -> None:
    body = auto["BODY"]
    for roi in case.structure_sets[0].rois:
        m = roi_mask_on_grid(roi, case.images[0].grid)
        assert np.count_nonzero(m & body) >= 0.995 * np.count_nonzero(m), roi.name
    hu = case.images[0].voxels
    assert np.count_nonzero(body & (hu < -950)) < 0.03 * np.count_nonzero(body)


def test_bones_surround_the_spinal_cord(case: Case, auto: dict[str, np.ndarray]) -> None:
    from plannerview.compute.margins import expand_mask

    cord = clinical(case, "SPINALCORD")
    g = case.images[0].grid
    near = expand_mask(cord, g, 15.0) & ~cord
    slices = [k for k in range(g.shape_zyx[0]) if cord[k].any()]
    with_bone = [k for k in slices if np.count_nonzero(auto["Bones"][k] & near[k]) * g.spacing_mm[1] ** 2 > 100.0]
    assert len(with_bone) >= 0.9 * len(slices)  # a vertebra (> 1 cm^2 of bone) around the cord
    assert not (auto["Bones"] & cord).any() or np.count_nonzero(auto["Bones"] & cord) < 0.05 * cord.sum()


def test_air_cavities_are_air_inside_the_body_outside_the_lungs(case: Case, auto: dict[str, np.ndarray]) -> None:
    air = auto["Air_Cavities"]
    hu = case.images[0].voxels
    assert air.any() and not (air & (auto["Lung_R"] | auto["Lung_L"])).any()
    assert not (air & ~auto["BODY"]).any()
    assert np.all(hu[air] < -400)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plannerview.cli.main", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=600)


def test_margin_cli_writes_a_valid_structure_set(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "RS.margin.dcm"
    res = _cli("margin", str(CASE_DIR), "--roi", "PTV4140", "--mm", "7,7,7,5,7,7", "--name", "PTV_exp",
               "--out", str(out), "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["original_rois"] == 9 and doc["new_rois"][0]["name"] == "PTV_exp"
    assert dciodvfy_errors(out) == []
    back = plannerview.load([str(CASE_DIR), str(out)])
    new_ss = next(s for s in back.structure_sets if s.sop_uid == doc["sop_uid"])
    assert [r.name for r in new_ss.rois][:9] == [r.name for r in case.structure_sets[0].rois]
    grown = new_ss.roi("PTV_exp")
    # the traced contours hold the exact voxel mask: rasterising them back gives the same voxels
    g = case.images[0].grid
    from plannerview.compute.margins import Margins, expand_mask

    expected = expand_mask(clinical(case, "PTV4140"), g, Margins(7, 7, 7, 5, 7, 7))
    assert np.array_equal(roi_mask_on_grid(grown, g), expected)
    assert roi_volume_cc(grown) > roi_volume_cc(case.structure_sets[0].roi("PTV4140"))


def test_roi_op_and_contour_cli(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "RS.op.dcm"
    res = _cli("roi-op", str(CASE_DIR), "--op", "subtract", "--a", "LUNGS", "--b", "PTV4140", "--name",
               "Lungs-PTV", "--out", str(out), "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    lungs, ptv = clinical(case, "LUNGS"), clinical(case, "PTV4140")
    assert doc["new_rois"][0]["voxels"] == int(np.count_nonzero(lungs & ~ptv))
    out2 = tmp_path / "RS.auto.dcm"
    res = _cli("contour", str(CASE_DIR), "--engine", "body", "--param", "couch_cut_mm=5", "--out", str(out2),
               "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["new_rois"][0]["name"] == "BODY" and doc["new_rois"][0]["type"] == "EXTERNAL"
    assert doc["new_rois"][0]["provenance"]["engine"] == "plannerview-contouring:body"
    assert dciodvfy_errors(out2) == []


@pytest.mark.parametrize("args, message", [
    (["margin", "--roi", "NOPE", "--mm", "5"], "no ROI named 'NOPE'"),
    (["margin", "--roi", "PTV4140", "--mm", "1,2"], "six (R,L,A,P,S,I)"),
    (["contour", "--engine", "nosuch"], "no active contour engine named 'nosuch'"),
    (["contour", "--engine", "body", "--param", "couch_cut_mm=99"], "above the maximum"),
    (["roi-op", "--op", "ring", "--a", "PTV4140", "--name", "R"], "needs --outer-mm"),
])
def test_bad_input_exits_2_with_a_clear_message(case: Case, tmp_path: Path, args: list[str], message: str) -> None:
    res = _cli(args[0], str(CASE_DIR), *args[1:], "--out", str(tmp_path / "x.dcm"))
    assert res.returncode == 2
    assert message in res.stderr
