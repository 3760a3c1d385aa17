"""Dose-volume histograms as computed by plannerview (the TPS's own are ``TpsDvh``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .geometry import frozen_array


@dataclass(frozen=True, eq=False)
class DVH:
    """One ROI's DVH: a differential histogram over fine dose bins, with exact min, mean and max.

    ``bin_edges`` are in ``unit`` ('Gy', 'Gy(RBE)' or 'RELATIVE'); ``differential_cc`` is the
    volume per bin. ``volume_cc`` is the whole ROI from its contours; ``covered_cc`` the part
    inside the dose grid (the histogram's total); ``uncovered_cc`` the rest. Doses are NaN when
    nothing of the ROI is covered.
    """

    roi_name: str
    roi_number: int
    bin_edges: np.ndarray
    differential_cc: np.ndarray
    dmin: float
    dmean: float
    dmax: float
    unit: str
    volume_cc: float
    covered_cc: float
    uncovered_cc: float
    color_rgb: tuple[int, int, int] = (255, 255, 0)
    dose_type: str = "PHYSICAL"
    warnings: tuple[str, ...] = ()
    provenance: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "bin_edges", frozen_array(np.asarray(self.bin_edges, dtype=np.float64)))
        object.__setattr__(self, "differential_cc", frozen_array(np.asarray(self.differential_cc, dtype=np.float64)))
        if len(self.bin_edges) != len(self.differential_cc) + 1:
            raise ValueError("DVH: bin_edges must have one more entry than differential_cc")

    # --- aliases -------------------------------------------------------------------------------
    @property
    def edges(self) -> np.ndarray:
        return self.bin_edges

    @property
    def volume_cc_total(self) -> float:
        return self.volume_cc

    @property
    def unit_label(self) -> str:
        return self.unit

    @property
    def is_relative(self) -> bool:
        return self.unit == "RELATIVE"

    # --- curves --------------------------------------------------------------------------------
    @cached_property
    def _cum_at_edges(self) -> np.ndarray:
        """Volume (cc) receiving at least each bin edge's dose (one entry per edge)."""
        cum = np.concatenate([np.cumsum(self.differential_cc[::-1])[::-1], [0.0]])
        cum.flags.writeable = False
        return cum

    def cumulative(self) -> tuple[np.ndarray, np.ndarray]:
        """(dose at each bin's lower edge, volume in cc receiving at least that dose)."""
        return self.bin_edges[:-1], self._cum_at_edges[:-1]

    @property
    def cumulative_dose(self) -> np.ndarray:
        return self.bin_edges[:-1]

    @property
    def cumulative_volume_cc(self) -> np.ndarray:
        return self._cum_at_edges[:-1]

    def volume_at_dose(self, dose: float) -> float:
        """Volume (cc) receiving at least ``dose`` (linear within a bin)."""
        e = self.bin_edges
        if self.covered_cc <= 0:
            return 0.0
        if dose <= e[0]:
            return self.covered_cc
        if dose >= e[-1]:
            return 0.0
        i = int(np.searchsorted(e, dose, side="right") - 1)
        frac = (e[i + 1] - dose) / (e[i + 1] - e[i])
        return float(self._cum_at_edges[i + 1] + frac * self.differential_cc[i])

    def volumes_at_doses(self, doses_gy: np.ndarray) -> np.ndarray:
        """:meth:`volume_at_dose` at many doses at once (the same arithmetic, element by element)."""
        d = np.asarray(doses_gy, dtype=np.float64)
        e = self.bin_edges
        if self.covered_cc <= 0 or len(e) < 2:
            return np.zeros(d.shape)
        i = np.clip(np.searchsorted(e, d, side="right") - 1, 0, len(e) - 2)
        frac = (e[i + 1] - d) / (e[i + 1] - e[i])
        out = self._cum_at_edges[i + 1] + frac * self.differential_cc[i]
        return np.where(d <= e[0], self.covered_cc, np.where(d >= e[-1], 0.0, out))

    def dose_at_volume(self, volume_cc: float) -> float:
        """Minimum dose to the hottest ``volume_cc`` (linear within a bin); NaN if nothing is covered."""
        if self.covered_cc <= 0:
            return float("nan")
        if volume_cc <= 0:
            return self.dmax
        if volume_cc >= self.covered_cc:
            return self.dmin
        cum = self._cum_at_edges
        # cum decreases along the edges: the last edge i with cum[i] >= v
        i = int(np.searchsorted(-cum, -volume_cc, side="right") - 1)
        i = min(max(i, 0), len(self.differential_cc) - 1)
        v_bin = float(self.differential_cc[i])
        if v_bin <= 0:
            return float(self.bin_edges[i])
        frac = (cum[i] - volume_cc) / v_bin
        d = float(self.bin_edges[i] + frac * (self.bin_edges[i + 1] - self.bin_edges[i]))
        return float(min(max(d, self.dmin), self.dmax))

    def dose_at_percent(self, percent: float) -> float:
        """Minimum dose to the hottest ``percent`` % of the covered volume."""
        return self.dose_at_volume(self.covered_cc * percent / 100.0)

    def volume_percent_at_dose(self, dose: float) -> float:
        """Volume receiving at least ``dose`` in % of the covered volume."""
        return 100.0 * self.volume_at_dose(dose) / self.covered_cc if self.covered_cc > 0 else float("nan")
