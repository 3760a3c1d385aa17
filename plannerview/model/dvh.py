"""Dose-volume histograms as computed by plannerview (the TPS's own are ``TpsDvh``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .geometry import frozen_array


@dataclass(frozen=True, eq=False)
class DVH:
    """A differential histogram over fine dose bins, with exact min, mean and max.

    ``edges`` are bin edges in ``unit`` (Gy, Gy(RBE) or RELATIVE), ``volume_cc`` the volume per
    bin. ``covered_cc`` is the part of the ROI inside the dose grid (the histogram's total);
    ``volume_cc_total`` is the whole ROI from its contours; ``uncovered_cc`` the difference.
    """

    roi_name: str
    roi_number: int
    edges: np.ndarray
    volume_cc: np.ndarray
    dmin: float
    dmean: float
    dmax: float
    unit: str
    volume_cc_total: float
    covered_cc: float
    uncovered_cc: float
    color_rgb: tuple[int, int, int] = (255, 255, 0)
    dose_type: str = "PHYSICAL"
    warnings: tuple[str, ...] = ()
    provenance: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "edges", frozen_array(self.edges))
        object.__setattr__(self, "volume_cc", frozen_array(self.volume_cc))

    @property
    def is_relative(self) -> bool:
        return self.unit == "RELATIVE"

    def cumulative(self) -> tuple[np.ndarray, np.ndarray]:
        """(dose at each bin's lower edge, volume receiving at least that dose in cc)."""
        cum = np.cumsum(self.volume_cc[::-1])[::-1]
        return self.edges[:-1], cum

    def volume_at_dose(self, dose: float) -> float:
        """Volume (cc) receiving at least ``dose``, linear within a bin."""
        if dose <= self.edges[0]:
            return self.covered_cc
        if dose >= self.edges[-1]:
            return 0.0
        i = int(np.searchsorted(self.edges, dose, side="right") - 1)
        frac = (self.edges[i + 1] - dose) / (self.edges[i + 1] - self.edges[i])
        above = float(self.volume_cc[i + 1:].sum())
        return above + frac * float(self.volume_cc[i])

    def dose_at_volume(self, volume_cc: float) -> float:
        """Minimum dose to the hottest ``volume_cc`` (linear within a bin)."""
        if self.covered_cc <= 0:
            return float("nan")
        if volume_cc <= 0:
            return self.dmax
        if volume_cc >= self.covered_cc:
            return self.dmin
        cum = np.concatenate([np.cumsum(self.volume_cc[::-1])[::-1], [0.0]])  # at each edge
        # cum decreases along edges; find i with cum[i] >= v > cum[i+1]
        i = int(np.nonzero(cum >= volume_cc)[0][-1])
        i = min(i, len(self.volume_cc) - 1)
        v_bin = float(self.volume_cc[i])
        if v_bin <= 0:
            return float(self.edges[i])
        frac = (cum[i] - volume_cc) / v_bin
        d = float(self.edges[i] + frac * (self.edges[i + 1] - self.edges[i]))
        return float(min(max(d, self.dmin), self.dmax))

    def dose_at_percent(self, percent: float) -> float:
        return self.dose_at_volume(self.covered_cc * percent / 100.0)
