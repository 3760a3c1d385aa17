"""The bundled demo case (resources/demo): complete, consistent, valid, and true to its masks.

Expected values come from the committed voxel masks (masks.npz) and the DICOM files themselves
(read with pydicom here), never from plannerview's own output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest
from scipy import ndimage

import plannerview
from plannerview.model import IonPlan, Plan

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
FIGURES = json.loads((DEMO / "build_figures.json").read_text())


def masks() -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    data = np.load(DEMO / "masks.npz")
    shape = tuple(int(v) for v in data["shape_zyx"])
    out = {k: np.unpackbits(data[k])[: int(np.prod(shape))].reshape(shape).astype(bool)
           for k in ("BODY", "OuterTarget", "Core")}
    return out, data["origin_xyz_mm"], data["spacing_xyz_mm"]


def test_one_consistent_case_with_everything_resolved() -> None:
    case = plannerview.load(DEMO)
    assert len({o.patient.id for o in case.objects}) == 1
    assert len({o.frame_of_reference_uid for o in case.objects}) == 1
    assert len(case.images) == 1 and case.images[0].modality == "CT" and case.images[0].grid.shape_zyx == (129, 167, 167)
    assert len(case.structure_sets) == 1
    kinds = sorted(p.kind for p in case.plans)
    assert kinds == ["photon", "proton"]
    assert len(case.doses) == 2
    for d in case.doses:
        plan = case.plan(d.referenced_plan_uid)
        assert plan is not None and case.structure_set(plan.referenced_structure_set_uid) is not None
        assert d.dose_type == ("EFFECTIVE" if isinstance(plan, IonPlan) else "PHYSICAL")
    assert not case.errors, [f.message for f in case.errors]
    for p in case.plans:
        assert p.prescription_gy == 50.0 and p.fractions == 25
        assert all(b.delivers_dose for b in p.beams)
    photon = next(p for p in case.plans if isinstance(p, Plan))
    assert len(photon.beams) == 7 and all(b.energy == 6.0 for b in photon.beams)


def _polygon_area(xy: np.ndarray) -> float:
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _inside(pt: np.ndarray, poly: np.ndarray) -> bool:
    x, y = poly[:, 0], poly[:, 1]
    xj, yj = np.roll(x, 1), np.roll(y, 1)
    cross = ((y > pt[1]) != (yj > pt[1])) & (pt[0] < (xj - x) * (pt[1] - y) / np.where(yj == y, 1e-12, yj - y) + x)
    return bool(np.count_nonzero(cross) % 2)


@pytest.mark.parametrize("name", ["BODY", "OuterTarget", "Core"])
def test_contour_volumes_match_the_voxel_masks(name: str) -> None:
    """Independent of plannerview: shoelace area per plane (even-odd for holes) x slice spacing."""
    m, _, spacing = masks()
    rs = pydicom.dcmread(next(DEMO.glob("RS*.dcm")))
    number = next(int(r.ROINumber) for r in rs.StructureSetROISequence if r.ROIName == name)
    rc = next(r for r in rs.ROIContourSequence if int(r.ReferencedROINumber) == number)
    planes: dict[float, list[np.ndarray]] = {}
    for c in rc.ContourSequence:
        pts = np.array(c.ContourData, dtype=float).reshape(-1, 3)
        planes.setdefault(round(float(pts[0, 2]), 2), []).append(pts[:, :2])
    area = 0.0
    for polys in planes.values():
        for i, p in enumerate(polys):
            depth = sum(_inside(p[0], q) for j, q in enumerate(polys) if j != i)
            area += _polygon_area(p) * (1 if depth % 2 == 0 else -1)
    contour_cc = area * spacing[2] / 1000
    mask_cc = m[name].sum() * float(np.prod(spacing)) / 1000
    assert contour_cc == pytest.approx(mask_cc, rel=0.03)
    assert mask_cc == pytest.approx(FIGURES["mask_volumes_cc"][name], rel=1e-6)


@pytest.mark.parametrize("plan", ["photon", "proton"])
def test_target_coverage_matches_the_build_figure(plan: str) -> None:
    """V95 of OuterTarget: RTDOSE interpolated trilinearly (scipy) at the mask's CT voxel centres."""
    m, origin, spacing = masks()
    ds = pydicom.dcmread(DEMO / f"RD_{'Photon7F' if plan == 'photon' else 'ProtonIMPT'}.dcm")
    arr = ds.pixel_array.astype(np.float64) * float(ds.DoseGridScaling)
    ipp = np.array([float(v) for v in ds.ImagePositionPatient])
    dy, dx = (float(v) for v in ds.PixelSpacing)
    dz = float(ds.GridFrameOffsetVector[1]) - float(ds.GridFrameOffsetVector[0])
    k, j, i = np.nonzero(m["OuterTarget"])
    x, y, z = origin[0] + i * spacing[0], origin[1] + j * spacing[1], origin[2] + k * spacing[2]
    vals = ndimage.map_coordinates(arr, np.vstack([(z - ipp[2]) / dz, (y - ipp[1]) / dy, (x - ipp[0]) / dx]), order=1)
    v95 = float(np.mean(vals >= 0.95 * 50.0))
    assert v95 == pytest.approx(FIGURES[f"{plan}_coverage_v95"], abs=0.005)
    assert v95 >= 0.90  # a clinically reasonable plan covers most of the target with 95 % of Rx
    assert FIGURES[f"{plan}_recalc_gamma_2pct_2mm"]["pass_rate_pct"] >= 95.0


@pytest.mark.skipif(shutil.which("dciodvfy") is None, reason="dciodvfy (Debian dicom3tools) is not installed")
def test_every_file_passes_dciodvfy() -> None:
    files = [next((DEMO / "CT").glob("*.dcm")), *DEMO.glob("*.dcm")]
    for f in files:
        res = subprocess.run(["dciodvfy", str(f)], capture_output=True, text=True)
        errors = [line for line in (res.stdout + res.stderr).splitlines() if line.startswith("Error")]
        assert errors == [], f"{f.name}: {errors}"


def test_info_json_and_dvh_d95_of_the_target(capsys: pytest.CaptureFixture[str]) -> None:
    """`plannerview info --json` shows the whole case; our DVH engine's D95 of OuterTarget is the
    prescription the build normalised to on the voxel masks (D95 = 50 Gy), within 2 %."""
    from plannerview.cli.main import main

    assert main(["info", str(DEMO), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (patient,) = doc["patients"]
    (study,) = patient["studies"]
    (frame,) = study["frames_of_reference"]
    assert len(frame["images"]) == 1 and len(frame["structure_sets"]) == 1
    assert sorted(p["kind"] for p in frame["plans"]) == ["photon", "proton"]
    assert len(frame["doses"]) == 2 and all(d["referenced_plan"] for d in frame["doses"])
    assert [f for f in doc["findings"] if f["severity"] == "error"] == []
    for rd in ("RD_Photon7F.dcm", "RD_ProtonIMPT.dcm"):
        assert main(["dvh", str(DEMO), "--dose", rd, "--roi", "OuterTarget", "--json"]) == 0
        row = json.loads(capsys.readouterr().out)["structures"][0]
        assert row["d_percent_gy"]["95"] == pytest.approx(50.0, rel=0.02)
