"""Compare plannerview's DVH with the one the planning system stored in RTDOSE (DVHSequence)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..model.dose import TpsDvh
from ..model.dvh import DVH


def tps_curve_cc(tps: TpsDvh, roi_volume_cc: float) -> tuple[np.ndarray, np.ndarray]:
    """The TPS cumulative curve as (dose at each bin's lower edge, cc)."""
    vol = np.asarray(tps.volume, dtype=float)
    if tps.volume_units == "PERCENT":
        vol = vol * roi_volume_cc / 100.0
    return np.asarray(tps.dose_bins_gy, dtype=float), vol


def tps_dose_at_percent(dose: np.ndarray, vol: np.ndarray, percent: float) -> float:
    """Minimum dose to the hottest ``percent`` of the TPS curve's volume (linear between bins)."""
    target = vol[0] * percent / 100.0
    # vol decreases with dose; interpolate dose where the curve crosses ``target``
    rev_v, rev_d = vol[::-1], dose[::-1]
    return float(np.interp(target, rev_v, rev_d))


def compare_with_tps(dvh: DVH, tps: TpsDvh, prescription_gy: float | None = None) -> tuple[dict[str, Any], list[str]]:
    """TPS figures beside ours: volume, mean, D2/5/50/95/98 and the largest vertical gap (% volume)."""
    warnings: list[str] = []
    dose, vol = tps_curve_cc(tps, dvh.volume_cc)
    if len(vol) == 0 or vol[0] <= 0:
        return {"volume_cc": None, "dmean_gy": None, "d_percent_gy": {}, "max_curve_diff_pct": None}, warnings
    edges = np.append(dose, dose[-1] + (dose[-1] - dose[-2] if len(dose) > 1 else 0.0))
    diff_vol = -np.diff(np.append(vol, 0.0))
    centres = 0.5 * (edges[:-1] + edges[1:])
    dmean = float(np.dot(diff_vol, centres) / vol[0])
    curve_max = float(edges[np.nonzero(diff_vol > 0)[0][-1] + 1]) if np.any(diff_vol > 0) else 0.0
    if tps.stored_max is not None and prescription_gy and curve_max > 0:
        as_percent = 100.0 * curve_max / prescription_gy
        if abs(tps.stored_max - as_percent) < 0.05 * as_percent and abs(tps.stored_max - curve_max) > 0.05 * curve_max:
            warnings.append(
                f"the TPS stores DVH minimum/maximum/mean in % of the {prescription_gy:g} Gy prescription "
                f"(maximum {tps.stored_max:g}) while its bins are in Gy; compared on the curve, not those values"
            )
    ours_pct = np.array([dvh.volume_at_dose(d) for d in dose]) / max(dvh.covered_cc, 1e-12) * 100.0
    tps_pct = vol / vol[0] * 100.0
    doc = {
        "volume_cc": round(float(vol[0]), 4),
        "dmean_gy": round(dmean, 4),
        "d_percent_gy": {str(p): round(tps_dose_at_percent(dose, vol, p), 4) for p in (2, 5, 50, 95, 98)},
        "max_curve_diff_pct": round(float(np.max(np.abs(ours_pct - tps_pct))), 3),
    }
    return doc, warnings
