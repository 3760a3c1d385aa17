"""Brachytherapy figures of a plan: the GEC-ESTRO dose-volume figures per ROI (D90, D98 of targets;
D2cc, D0.1cc of organs; V100 of the prescription) from the workspace's DVHs, and the plan's channels
with their dwell times. Qt-free: the GUI's brachytherapy panel shows these rows."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.dvh import DVH
from ..model.plan import Plan


@dataclass(frozen=True)
class BrachyRow:
    roi: str
    volume_cc: float
    d90_gy: float | None
    d98_gy: float | None
    d2cc_gy: float | None
    d0_1cc_gy: float | None
    v100_pct: float | None  # % of the ROI receiving the prescription (None without one)
    covered_pct: float  # % of the ROI inside the dose grid


def _finite(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def brachy_rows(dvhs: Sequence[DVH], prescription_gy: float | None) -> list[BrachyRow]:
    """One row per ROI with volume inside the dose grid (channels, open contours and points have none)."""
    rows = []
    for d in dvhs:
        if d.covered_cc <= 0 or d.is_relative:
            continue
        rows.append(BrachyRow(
            roi=d.roi_name, volume_cc=d.volume_cc,
            d90_gy=_finite(d.dose_at_percent(90.0)), d98_gy=_finite(d.dose_at_percent(98.0)),
            d2cc_gy=_finite(d.dose_at_volume(2.0)) if d.covered_cc >= 2.0 else None,
            d0_1cc_gy=_finite(d.dose_at_volume(0.1)) if d.covered_cc >= 0.1 else None,
            v100_pct=_finite(d.volume_percent_at_dose(prescription_gy)) if prescription_gy else None,
            covered_pct=100.0 * d.covered_cc / d.volume_cc if d.volume_cc > 0 else 100.0))
    return rows


def channel_rows(plan: Plan) -> list[tuple[int, str, int, float]]:
    """(channel, applicator, active dwell positions, dwell time s) for every channel, in plan order."""
    return [(c.number, c.applicator, c.active_dwells, float(c.dwell_times_s.sum())) for c in plan.channels]
