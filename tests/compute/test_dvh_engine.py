"""DVH engine behaviour: orientations, grid spacings, bins, callbacks, odd ROIs, dose types.

Every expected value is independent of the engine: the analytic truth of ``analytic.py`` (exact
DVH of the contour solid), or geometry worked out by hand in the test.
"""

from __future__ import annotations

import numpy as np
import pytest

from plannerview.compute.contours import roi_volume_cc
from plannerview.compute.dvh import DvhCancelled, compute_dvh, compute_dvhs
from plannerview.compute.metrics import evaluate_metric
from plannerview.model import ROI, Contour, StructureSet

from .analytic import FIELDS, dose_grid, sphere_roi, truth_metrics


def _assert_matches_truth(dvh, slabs, slice_mm: float, field: str, dmax: float) -> None:
    g, _ = FIELDS[field]
    truth = truth_metrics(slabs, slice_mm, field, g, dmax)
    tol = 0.005 * dmax
    assert dvh.volume_cc == pytest.approx(truth["volume_cc"], rel=1e-9)
    assert dvh.dmean == pytest.approx(truth["Dmean"], abs=tol)
    for p in (2, 50, 95, 98):
        assert dvh.dose_at_percent(p) == pytest.approx(truth[f"D{p}%"], abs=tol), f"D{p}%"


@pytest.mark.parametrize("signs", [(-1, -1, 1), (-1, 1, -1), (1, -1, -1)], ids=["HFP", "FFS", "FFP-like"])
@pytest.mark.parametrize("field", ["z", "x", "gauss"])
def test_flipped_grid_orientations_give_the_true_dvh(signs: tuple[int, int, int], field: str) -> None:
    """Prone and feet-first dose grids (index axes running against the patient axes)."""
    _, fn = FIELDS[field]
    dose = dose_grid(fn, signs=signs)
    roi, slabs = sphere_roi(18.0, 2.0)
    _assert_matches_truth(compute_dvh(roi, dose), slabs, 2.0, field, float(dose.dose.max()))


@pytest.mark.parametrize("spacing", [(2.0, 3.0, 4.0), (4.0, 4.0, 5.0), (1.0, 1.0, 1.0)])
def test_anisotropic_and_coarse_dose_grids(spacing: tuple[float, float, float]) -> None:
    """1 mm contour planes on dose grids 1 to 5 mm apart in z (dose slices not aligned with ROI planes)."""
    _, fn = FIELDS["z"]
    dose = dose_grid(fn, spacing=spacing)
    roi, slabs = sphere_roi(12.0, 1.0, "cylinder")
    _assert_matches_truth(compute_dvh(roi, dose), slabs, 1.0, "z", float(dose.dose.max()))


def test_volume_is_the_contour_volume_and_histogram_sums_to_it() -> None:
    roi, _ = sphere_roi(15.0, 2.5)
    dvh = compute_dvh(roi, dose_grid(FIELDS["gauss"][1]))
    assert dvh.volume_cc == pytest.approx(roi_volume_cc(roi), rel=1e-12)
    assert float(dvh.differential_cc.sum()) == pytest.approx(dvh.volume_cc, rel=1e-9)
    dose, cum = dvh.cumulative()
    assert cum[0] == pytest.approx(dvh.volume_cc, rel=1e-9) and np.all(np.diff(cum) <= 1e-12)
    assert len(dvh.bin_edges) == len(dvh.differential_cc) + 1 and dvh.uncovered_cc == 0.0


def test_fixed_bin_width() -> None:
    """D = 20 + 0.25 z over a sphere: with 0.5 Gy bins, edges are multiples of 0.5 Gy up to Dmax."""
    roi, _ = sphere_roi(10.0, 2.0)
    dvh = compute_dvh(roi, dose_grid(FIELDS["z"][1]), bin_width_gy=0.5)
    assert np.allclose(np.diff(dvh.bin_edges), 0.5)
    assert dvh.bin_edges[-2] <= dvh.dmax < dvh.bin_edges[-1]
    assert dvh.provenance["parameters"]["bin_width"] == 0.5
    assert dvh.provenance["engine"] == "plannerview-dvh"


def test_effective_dose_is_labelled_gy_rbe() -> None:
    import dataclasses

    roi, _ = sphere_roi(10.0, 2.0)
    dose = dataclasses.replace(dose_grid(FIELDS["z"][1]), dose_type="EFFECTIVE")
    dvh = compute_dvh(roi, dose)
    assert dvh.unit == "Gy(RBE)"
    assert evaluate_metric("Dmean", dvh).unit == "Gy(RBE)"


def test_single_plane_roi_takes_the_structure_sets_spacing() -> None:
    """A 20 x 20 mm square on one plane, in a structure set whose other ROI has planes 3 mm apart:
    a 20 x 20 x 3 mm slab (1.2 cc), with a warning saying where the thickness came from."""
    sq = np.array([[-10, -10], [10, -10], [10, 10], [-10, 10]], float)
    single = ROI(1, "single", (Contour("CLOSED_PLANAR", np.column_stack([sq, np.zeros(4)])),))
    other = ROI(2, "stack", tuple(Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)])) for z in (0.0, 3.0, 6.0)))
    ss = StructureSet(sop_uid="s", frame_of_reference_uid="1.2.3", rois=(single, other))
    dvh = compute_dvh(single, dose_grid(FIELDS["x"][1]), structure_set=ss)
    assert dvh.volume_cc == pytest.approx(1.2)
    assert any("structure set" in w for w in dvh.warnings)
    assert dvh.dmean == pytest.approx(20.0 + 0.3 * 0.0, abs=0.01)  # symmetric in x around 0


def test_point_open_and_empty_rois_are_flagged_not_fatal() -> None:
    sq = np.array([[-10, -10, 0], [10, -10, 0], [10, 10, 0], [-10, 10, 0]], float)
    rois = (
        ROI(1, "point", (Contour("POINT", np.array([[0.0, 0.0, 0.0]])),)),
        ROI(2, "open", (Contour("OPEN_PLANAR", sq),)),
        ROI(3, "empty", ()),
        ROI(4, "box", tuple(Contour("CLOSED_PLANAR", sq + [0, 0, z]) for z in (0.0, 2.0))),
    )
    ss = StructureSet(sop_uid="s", frame_of_reference_uid="1.2.3", rois=rois)
    dvhs = compute_dvhs(ss, dose_grid(FIELDS["x"][1]))
    assert [h.roi_name for h in dvhs] == ["point", "open", "empty", "box"]
    for h, kind in zip(dvhs[:3], ("point", "open-contour", "empty"), strict=True):
        assert h.covered_cc == 0 and h.warnings and kind in h.warnings[0]
        assert evaluate_metric("D95%", h).value is None
    assert dvhs[3].volume_cc == pytest.approx(20 * 20 * 4 / 1000)


def test_roi_entirely_outside_the_grid() -> None:
    sq = np.array([[200, 200], [220, 200], [220, 220], [200, 220]], float)
    roi = ROI(1, "far", tuple(Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)])) for z in (0.0, 2.0)))
    dvh = compute_dvh(roi, dose_grid(FIELDS["x"][1]))
    assert dvh.volume_cc == pytest.approx(1.6) and dvh.uncovered_cc == pytest.approx(1.6)  # 400 mm^2 x 2 planes x 2 mm
    assert np.isnan(dvh.dmean) and any("entirely outside" in w for w in dvh.warnings)


def test_progress_and_cancel_callbacks() -> None:
    rois = tuple(ROI(i, f"s{i}", sphere_roi(8.0 + i, 2.0)[0].contours) for i in range(1, 5))
    ss = StructureSet(sop_uid="s", frame_of_reference_uid="1.2.3", rois=rois)
    dose = dose_grid(FIELDS["gauss"][1])
    seen: list[float] = []
    compute_dvhs(ss, dose, progress=lambda f, name: seen.append(f))
    assert seen and seen[-1] == pytest.approx(1.0) and all(0 <= f <= 1 + 1e-9 for f in seen)
    with pytest.raises(DvhCancelled):
        compute_dvhs(ss, dose, cancel=lambda: True)


def test_different_frames_of_reference_are_refused() -> None:
    roi, _ = sphere_roi(8.0, 2.0)
    ss = StructureSet(sop_uid="s", frame_of_reference_uid="9.9.9", rois=(roi,))
    with pytest.raises(ValueError, match="frames of reference"):
        compute_dvhs(ss, dose_grid(FIELDS["x"][1]))
