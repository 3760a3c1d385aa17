"""plannerview's DVHs against the planning system's own (DVHSequence in the RTDOSE) on the real
breast case dicompyler_core_example (prescription 14 Gy). Target: within 1 % of prescription on
D2, D50, D95 and Dmean for every ROI over 5 cc."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import plannerview
from plannerview.compute.dvh import compute_dvhs
from plannerview.compute.tps_dvh import compare_with_tps, tps_curve_cc

RX = 14.0
KNOWN_GAPS = {
    # The contours enclose 14,880 cc, all inside the dose grid; the TPS's curve totals 13,944 cc.
    # The missing 936 cc all receive < 0.2 Gy (test_absolute_curves_agree_above_half_a_gray): the
    # TPS leaves out part of the unirradiated BODY, so its D2 is taken over a smaller volume
    # (4.69 Gy vs 4.21 Gy, 3 % of Rx; dicompyler-core 4.14 Gy, plastimatch 4.30 Gy).
    "BODY": "TPS BODY curve totals 6 % less than the contours (all below 0.2 Gy): D2 differs by 3 % of Rx",
    # Same in Breast (400.0 vs 396.2 cc, the 3.8 cc all below 0.1 Gy): D50 lies on a flat part of the
    # curve (11 cc per Gy), so 2 cc of normalisation moves it from 2.92 to 3.07 Gy (1.1 % of Rx).
    "Breast": "TPS Breast curve totals 1 % less (all below 0.1 Gy): D50 on a flat stretch differs by 1.1 % of Rx",
}


@pytest.fixture(scope="module")
def comparison(shared_data: Path) -> dict[str, tuple]:
    case = plannerview.load(shared_data / "dicompyler_core_example")
    dose = case.doses[0]
    tps = {t.roi_number: t for t in dose.tps_dvhs}
    out = {}
    for dvh in compute_dvhs(case.structure_sets[0], dose):
        if dvh.roi_number in tps and dvh.volume_cc > 5:
            out[dvh.roi_name] = (dvh, *compare_with_tps(dvh, tps[dvh.roi_number], RX))
    return out


def test_rois_over_5cc_are_compared(comparison: dict) -> None:
    assert sorted(comparison) == ["BODY", "Breast", "Heart", "Lt Lung", "Tumor Bed", "Tumor Bed Block"]


@pytest.mark.parametrize("roi", ["BODY", "Breast", "Heart", "Lt Lung", "Tumor Bed", "Tumor Bed Block"])
def test_within_one_percent_of_prescription(comparison: dict, roi: str, request: pytest.FixtureRequest) -> None:
    if roi in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[roi], strict=True))
    dvh, tps, warnings = comparison[roi]
    tol = 0.01 * RX
    assert dvh.dmean == pytest.approx(tps["dmean_gy"], abs=tol)
    for p in (2, 50, 95):
        assert dvh.dose_at_percent(p) == pytest.approx(tps["d_percent_gy"][str(p)], abs=tol), f"D{p}"
    assert tps["max_curve_diff_pct"] is not None


def test_percent_of_prescription_quirk_is_detected(comparison: dict) -> None:
    """DVHMaximumDose is stored in % of the 14 Gy prescription while the bins are in Gy."""
    _, _, warnings = comparison["Heart"]
    assert any("% of the 14 Gy prescription" in w for w in warnings)


@pytest.mark.parametrize("roi", ["BODY", "Breast", "Heart", "Lt Lung"])
def test_absolute_curves_agree_above_half_a_gray(comparison: dict, roi: str, shared_data: Path) -> None:
    """In cc, our cumulative curve and the TPS's agree within 0.25 % of the ROI volume at every stored
    dose from 0.5 Gy up: the BODY and Breast gaps above are about which low-dose volume is counted."""
    case = plannerview.load(shared_data / "dicompyler_core_example")
    dvh = comparison[roi][0]
    tps = next(t for t in case.doses[0].tps_dvhs if t.roi_number == dvh.roi_number)
    dose, vol = tps_curve_cc(tps, dvh.volume_cc)
    sel = dose >= 0.5
    ours = np.array([dvh.volume_at_dose(d) for d in dose[sel]])
    assert np.max(np.abs(ours - vol[sel])) <= 0.0025 * vol[0]
    # with the TPS's own total as the 100 %, D2 / D50 agree within 1 % of Rx as well
    for p in (2, 50):
        assert dvh.dose_at_volume(vol[0] * p / 100) == pytest.approx(comparison[roi][1]["d_percent_gy"][str(p)], abs=0.01 * RX)
