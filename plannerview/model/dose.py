"""Dose grids (RTDOSE) with the TPS's own DVHs when present.

The summation rule (docs/dose-types.md): a dose labelled FRACTION (DoseSummationType) holds the
dose of one fraction, everywhere: DVHs, goals, comparisons, sums and views show it per fraction
(``value_unit`` 'Gy/fx'). Whole-course values come only from an explicit scaling
(``compute.dose_ops.course_dose``), which records the number of fractions in
``fraction_scaling`` and says so in ``summation_label``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .common import DicomObject
from .geometry import Grid, frozen_array


@dataclass(frozen=True, eq=False)
class TpsDvh:
    """A DVH as stored in RTDOSE's DVHSequence, converted to cumulative Gy / cc."""

    roi_number: int
    dvh_type: str  # CUMULATIVE / DIFFERENTIAL / NATURAL (as stored)
    dose_units: str  # GY / RELATIVE
    volume_units: str  # CM3 / PERCENT / PER_U
    dose_bins_gy: np.ndarray  # cumulative curve: dose at the left edge of each bin
    volume: np.ndarray  # cumulative volume at each dose
    stored_min: float | None = None
    stored_max: float | None = None
    stored_mean: float | None = None
    dose_scaling: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "dose_bins_gy", frozen_array(self.dose_bins_gy))
        object.__setattr__(self, "volume", frozen_array(self.volume))


@dataclass(frozen=True, kw_only=True, eq=False)
class DoseGrid(DicomObject):
    """An RTDOSE grid. ``dose`` is in ``units`` (GY or RELATIVE) after DoseGridScaling."""

    grid: Grid
    dose_type: str  # PHYSICAL / EFFECTIVE / ERROR
    units: str  # GY / RELATIVE
    summation_type: str  # PLAN / MULTI_PLAN / FRACTION / BEAM / BRACHY / CONTROL_POINT ...
    grid_scaling: float = 1.0
    referenced_plan_uid: str = ""
    referenced_beam_numbers: tuple[int, ...] = ()
    referenced_fraction_group: int | None = None
    tps_dvhs: tuple[TpsDvh, ...] = ()
    comment: str = ""
    description: str = ""
    loader: Callable[[], np.ndarray] | None = field(default=None, repr=False, compare=False)
    provenance: dict[str, object] | None = None
    # a FRACTION dose multiplied by this many fractions to give the whole course (course_dose)
    fraction_scaling: int | None = None

    @cached_property
    def dose(self) -> np.ndarray:
        """Dose values (float32, [k, j, i]) in ``units``, read on first access."""
        if self.loader is None:
            raise ValueError(f"dose {self.sop_uid} has no pixel data loader")
        arr = self.loader()
        if arr.shape != self.grid.shape_zyx:
            raise ValueError(f"dose {self.sop_uid}: pixel data {arr.shape} != grid {self.grid.shape_zyx}")
        arr.flags.writeable = False
        return arr

    @property
    def is_gy(self) -> bool:
        return self.units.upper() == "GY"

    @property
    def dose_gy(self) -> np.ndarray:
        if not self.is_gy:
            raise ValueError(f"dose {self.sop_uid} is in {self.units}, not Gy")
        return self.dose

    @property
    def unit_label(self) -> str:
        """'Gy', 'Gy(RBE)' for EFFECTIVE doses, or '%' style 'RELATIVE'."""
        if not self.is_gy:
            return "RELATIVE"
        return "Gy(RBE)" if self.dose_type.upper() == "EFFECTIVE" else "Gy"

    @property
    def per_fraction(self) -> bool:
        """The dose of one fraction: labelled FRACTION and not scaled to the course."""
        return self.summation_type.upper() == "FRACTION" and self.fraction_scaling is None

    @property
    def value_unit(self) -> str:
        """The unit to print after a dose value: ``unit_label``, with '/fx' for a per-fraction dose."""
        return f"{self.unit_label}/fx" if self.per_fraction and self.is_gy else self.unit_label

    @property
    def summation_label(self) -> str:
        """What the values add up to, e.g. 'PLAN', 'FRACTION (per fraction)',
        'FRACTION x 10 fx (scaled to the course)'."""
        if self.fraction_scaling is not None:
            return f"FRACTION x {self.fraction_scaling} fx (scaled to the course)"
        st = self.summation_type.upper() or "unknown summation"
        return {"FRACTION": "FRACTION (per fraction)", "BEAM": "BEAM (one beam)",
                "MULTI_PLAN": "MULTI_PLAN (several plans)"}.get(st, st)

    @property
    def max_gy(self) -> float | None:
        return float(self.dose.max()) if self.is_gy and self.dose.size else None

    @property
    def label(self) -> str:
        return self.description or self.comment or f"RTDOSE {self.summation_type}"
