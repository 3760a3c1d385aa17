"""Compare plannerview's DVH with the one the planning system stored in RTDOSE (DVHSequence)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model.dose import TpsDvh
from ..model.dvh import DVH

VOLUME_TOLERANCE = 0.005  # TPS and contour totals further apart than this fraction are reported
LOW_DOSE_FRACTION = 0.05  # "low dose": below this fraction of the curve's highest bin
D_PERCENTS = (2, 5, 50, 95, 98)


def _r(x: float | None, nd: int = 4) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), nd)


@dataclass(frozen=True)
class OursOnTpsVolume:
    """Our figures with the TPS's total volume as 100 % (when the TPS left out volume)."""

    dmean_gy: float
    d_percent_gy: Mapping[int, float]
    differs_below_gy: float

    def to_json(self) -> dict[str, Any]:
        return {"dmean_gy": _r(self.dmean_gy), "d_percent_gy": {str(p): _r(v) for p, v in self.d_percent_gy.items()},
                "differs_below_gy": _r(self.differs_below_gy)}


@dataclass(frozen=True)
class TpsComparison:
    """The TPS's DVH figures beside ours (``tps`` of ``plannerview dvh --json``). All None (and
    ``d_percent_gy`` empty) when the TPS curve holds no volume."""

    volume_cc: float | None = None
    dmean_gy: float | None = None
    d_percent_gy: Mapping[int, float] = field(default_factory=dict)
    max_curve_diff_pct: float | None = None
    volume_diff_cc: float | None = None
    ours_on_tps_volume: OursOnTpsVolume | None = None

    @property
    def is_empty(self) -> bool:
        return self.volume_cc is None

    def to_json(self) -> dict[str, Any]:
        if self.is_empty:
            return {"volume_cc": None, "dmean_gy": None, "d_percent_gy": {}, "max_curve_diff_pct": None}
        return {
            "volume_cc": _r(self.volume_cc),
            "dmean_gy": _r(self.dmean_gy),
            "d_percent_gy": {str(p): _r(v) for p, v in self.d_percent_gy.items()},
            "max_curve_diff_pct": _r(self.max_curve_diff_pct, 3),
            "volume_diff_cc": _r(self.volume_diff_cc),
            "ours_on_tps_volume": None if self.ours_on_tps_volume is None else self.ours_on_tps_volume.to_json(),
        }


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


def compare_with_tps(dvh: DVH, tps: TpsDvh, prescription_gy: float | None = None) -> tuple[TpsComparison, list[str]]:
    """TPS figures beside ours: volume, mean, D2/5/50/95/98 and the largest vertical gap (% volume)."""
    warnings: list[str] = []
    dose, vol = tps_curve_cc(tps, dvh.volume_cc)
    if len(vol) == 0 or vol[0] <= 0:
        return TpsComparison(), warnings
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
    ours_pct = dvh.volumes_at_doses(dose) / max(dvh.covered_cc, 1e-12) * 100.0
    tps_pct = vol / vol[0] * 100.0
    ours_on_tps: OursOnTpsVolume | None = None
    gap_cc = dvh.covered_cc - float(vol[0])
    if gap_cc > VOLUME_TOLERANCE * dvh.covered_cc:
        # The TPS counted less volume than the contours enclose. Where that volume sits is told by
        # the absolute curves: above the dose where they meet, both count the same cc.
        ours_cc = dvh.volumes_at_doses(dose)
        apart = np.nonzero(np.abs(ours_cc - vol) > VOLUME_TOLERANCE * vol[0])[0]
        below_gy = float(dose[apart[-1] + 1]) if len(apart) and apart[-1] + 1 < len(dose) else float(dose[-1])
        where = (f"the curves differ only below {below_gy:.2f} Gy, so the TPS left out low-dose volume"
                 if below_gy <= LOW_DOSE_FRACTION * float(dose[-1]) else
                 "the difference is spread along the curve (partial voxels, end caps)")
        warnings.append(
            f"the TPS DVH totals {vol[0]:.1f} cc, {gap_cc:.1f} cc ({100 * gap_cc / dvh.covered_cc:.1f} %) less than "
            f"the contours enclose inside the dose grid; {where}. Percent-volume figures (D x %) of the two then "
            f"refer to different totals; 'ours_on_tps_volume' gives ours with the TPS's {vol[0]:.1f} cc as 100 %"
        )
        ours_on_tps = OursOnTpsVolume(
            dmean_gy=mean_of_hottest_gy(dvh, float(vol[0])),
            d_percent_gy={p: dvh.dose_at_volume(vol[0] * p / 100.0) for p in D_PERCENTS},
            differs_below_gy=below_gy)
    return TpsComparison(
        volume_cc=float(vol[0]),
        dmean_gy=dmean,
        d_percent_gy={p: tps_dose_at_percent(dose, vol, p) for p in D_PERCENTS},
        max_curve_diff_pct=float(np.max(np.abs(ours_pct - tps_pct))),
        volume_diff_cc=float(vol[0] - dvh.covered_cc),
        ours_on_tps_volume=ours_on_tps,
    ), warnings


def mean_of_hottest_gy(dvh: DVH, volume_cc: float) -> float:
    """Mean dose of the hottest ``volume_cc`` of the ROI (its whole mean when that is all of it)."""
    diff = np.asarray(dvh.differential_cc, dtype=float)
    edges = np.asarray(dvh.bin_edges, dtype=float)
    centres = 0.5 * (edges[:-1] + edges[1:])
    hot_first = np.cumsum(diff[::-1])
    if volume_cc >= hot_first[-1]:
        return float(dvh.dmean)
    take = np.clip(volume_cc - np.concatenate(([0.0], hot_first[:-1])), 0.0, diff[::-1])
    return float(np.dot(take, centres[::-1]) / volume_cc)
