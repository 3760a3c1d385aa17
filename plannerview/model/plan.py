"""Treatment plans: photon/electron (RTPLAN), ion (RT Ion Plan) and brachytherapy."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .common import DicomObject
from .geometry import frozen_array


@dataclass(frozen=True)
class DoseReference:
    number: int
    structure_type: str  # POINT, VOLUME, COORDINATES, SITE
    type: str  # TARGET or ORGAN_AT_RISK
    description: str = ""
    target_prescription_gy: float | None = None
    delivery_maximum_gy: float | None = None
    target_maximum_gy: float | None = None
    target_minimum_gy: float | None = None
    organ_at_risk_maximum_gy: float | None = None
    referenced_roi_number: int | None = None


@dataclass(frozen=True)
class FractionGroup:
    number: int
    fractions_planned: int | None
    beam_meterset: dict[int, float] = field(default_factory=dict)  # beam number -> MU (or NP)
    beam_dose_gy: dict[int, float] = field(default_factory=dict)
    brachy_setups: int = 0


@dataclass(frozen=True, eq=False)
class ControlPoint:
    """One control point; ``None`` means 'unchanged from the previous control point'."""

    index: int
    cumulative_meterset_weight: float | None
    gantry_deg: float | None = None
    gantry_rotation: str | None = None  # CW, CC, NONE
    collimator_deg: float | None = None
    couch_deg: float | None = None
    isocenter_mm: tuple[float, float, float] | None = None
    jaws_mm: dict[str, tuple[float, ...]] = field(default_factory=dict)  # ASYMX/X/ASYMY/Y
    mlc_mm: dict[str, np.ndarray] = field(default_factory=dict)  # MLCX/MLCY -> 2N positions
    energy: float | None = None


@dataclass(frozen=True, eq=False)
class Beam:
    number: int
    name: str
    beam_type: str  # STATIC / DYNAMIC
    radiation_type: str  # PHOTON / ELECTRON
    treatment_delivery_type: str  # TREATMENT / SETUP / ...
    energy: float | None
    energy_label: str
    control_points: tuple[ControlPoint, ...]
    meterset: float | None  # from the fraction group
    machine: str = ""
    final_cumulative_meterset_weight: float | None = None
    mlc_leaf_boundaries_mm: dict[str, np.ndarray] = field(default_factory=dict)
    sad_mm: float | None = None
    patient_position: str = ""  # from the beam's patient setup (HFS, HFDL ...); "" when not given

    @property
    def gantry_start_deg(self) -> float | None:
        return self.control_points[0].gantry_deg if self.control_points else None

    @property
    def gantry_stop_deg(self) -> float | None:
        """Gantry at the last control point, for arcs; ``None`` for static beams."""
        if self.arc_direction is None:
            return None
        for cp in reversed(self.control_points):
            if cp.gantry_deg is not None:
                return cp.gantry_deg
        return None

    @property
    def arc_direction(self) -> str | None:
        if not self.control_points:
            return None
        d = self.control_points[0].gantry_rotation
        return d if d in ("CW", "CC") else None

    @property
    def isocenter_mm(self) -> tuple[float, float, float] | None:
        return self.control_points[0].isocenter_mm if self.control_points else None

    @property
    def collimator_deg(self) -> float | None:
        return self.control_points[0].collimator_deg if self.control_points else None

    @property
    def couch_deg(self) -> float | None:
        return self.control_points[0].couch_deg if self.control_points else None

    @property
    def delivers_dose(self) -> bool:
        return self.treatment_delivery_type == "TREATMENT" and (self.meterset or 0.0) > 0.0


@dataclass(frozen=True)
class RangeShifterSetting:
    """A range shifter's setting at a control point (RangeShifterSettingsSequence)."""

    referenced_number: int
    setting: str  # IN / OUT, or the binary shifter's setting text
    isocenter_to_range_shifter_mm: float | None = None
    water_equivalent_thickness_mm: float | None = None
    control_point_index: int = 0


@dataclass(frozen=True, eq=False)
class EnergyLayer:
    """Spots of one energy in an ion beam (from a pair of control points)."""

    energy_mev: float
    spot_xy_mm: np.ndarray  # N x 2 at isocentre plane
    spot_weights: np.ndarray  # N meterset weights
    tune_id: str = ""
    spot_size_mm: tuple[float, float] | None = None
    gantry_deg: float | None = None
    range_shifter_settings: tuple[RangeShifterSetting, ...] = ()  # in force for this layer (carried forward)
    paintings: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "spot_xy_mm", frozen_array(self.spot_xy_mm).reshape(-1, 2))
        object.__setattr__(self, "spot_weights", frozen_array(self.spot_weights).reshape(-1))


@dataclass(frozen=True)
class RangeShifter:
    number: int
    id: str
    type: str = ""  # ANALOG / BINARY
    water_equivalent_thickness_mm: float | None = None


@dataclass(frozen=True, eq=False)
class IonBeam:
    number: int
    name: str
    beam_type: str
    radiation_type: str  # PROTON / ION
    treatment_delivery_type: str
    scan_mode: str
    energy_layers: tuple[EnergyLayer, ...]
    meterset: float | None
    gantry_deg: float | None = None
    couch_deg: float | None = None
    snout_position_mm: float | None = None
    isocenter_mm: tuple[float, float, float] | None = None
    range_shifters: tuple[RangeShifter, ...] = ()
    machine: str = ""
    ion_z: int | None = None
    ion_a: int | None = None
    final_cumulative_meterset_weight: float | None = None
    snout_id: str = ""
    snout_positions_mm: tuple[float, ...] = ()  # every distinct SnoutPosition over the control points
    range_shifter_settings: tuple[RangeShifterSetting, ...] = ()  # every setting stated, in order
    meterset_unit: str = ""  # PrimaryDosimeterUnit: MU or NP
    patient_position: str = ""  # from the beam's patient setup (HFS, HFDL ...); "" when not given
    virtual_sad_mm: tuple[float, float] | None = None  # VirtualSourceAxisDistances (X, Y)

    @property
    def n_spots(self) -> int:
        return int(sum(len(layer.spot_weights) for layer in self.energy_layers))

    @property
    def max_energy_mev_per_u(self) -> float | None:
        return max((layer.energy_mev for layer in self.energy_layers), default=None)

    @property
    def energy_unit(self) -> str:
        """'MeV' for protons (one nucleon: MeV and MeV/u agree), 'MeV/u' for heavier ions."""
        return "MeV" if self.radiation_type == "PROTON" or self.ion_a == 1 else "MeV/u"

    @property
    def energy_label(self) -> str:
        """The highest layer's energy, e.g. '149.4 MeV' (protons) or '290 MeV/u' (carbon); '' without layers."""
        e = self.max_energy_mev_per_u
        return f"{e:.4g} {self.energy_unit}" if e else ""

    @property
    def delivers_dose(self) -> bool:
        return self.treatment_delivery_type == "TREATMENT" and (self.meterset or 0.0) > 0.0


@dataclass(frozen=True, eq=False)
class BrachyChannel:
    """One brachytherapy channel: its applicator, the source's dwell positions and times."""

    number: int
    applicator: str  # SourceApplicatorID (else the channel's name)
    roi_number: int | None  # the ROI that draws the applicator (ReferencedROINumber)
    total_time_s: float | None  # ChannelTotalTime, s (at the source's reference air-kerma rate)
    dwell_positions_mm: np.ndarray  # N x 3 patient points where the source stops
    dwell_times_s: np.ndarray  # N times, s (0 for positions the source passes)

    def __post_init__(self) -> None:
        object.__setattr__(self, "dwell_positions_mm", frozen_array(self.dwell_positions_mm).reshape(-1, 3))
        object.__setattr__(self, "dwell_times_s", frozen_array(self.dwell_times_s).reshape(-1))

    @property
    def active_dwells(self) -> int:
        """Dwell positions where the source stays (time > 0)."""
        return int(np.count_nonzero(self.dwell_times_s > 0))


@dataclass(frozen=True, kw_only=True, eq=False)
class PlanBase(DicomObject):
    """Fields every plan shares: label, fractionation, prescription, approval, references."""

    label: str = ""
    name: str = ""
    fraction_groups: tuple[FractionGroup, ...] = ()
    dose_references: tuple[DoseReference, ...] = ()
    approval: str = ""
    referenced_structure_set_uid: str = ""
    kind: str = "photon"  # photon | electron | proton | ion | brachy
    intent: str = ""  # PlanIntent: CURATIVE, PALLIATIVE, PROPHYLACTIC, VERIFICATION ...

    @property
    def fractions(self) -> int | None:
        return self.fraction_groups[0].fractions_planned if self.fraction_groups else None

    @property
    def target_roi_numbers(self) -> frozenset[int]:
        """The ROIs the plan's TARGET dose references name (the targets it was prescribed to)."""
        return frozenset(d.referenced_roi_number for d in self.dose_references
                         if d.type == "TARGET" and d.referenced_roi_number is not None)

    @property
    def dose_unit_label(self) -> str:
        """The unit of the plan's prescription: 'Gy(RBE)' for protons and ions (RBE-weighted), else 'Gy'."""
        return "Gy(RBE)" if self.kind in ("proton", "ion") else "Gy"

    @property
    def prescription_gy(self) -> float | None:
        """Largest target prescription dose among the dose references (total, Gy)."""
        vals = [
            d.target_prescription_gy
            for d in self.dose_references
            if d.target_prescription_gy is not None and d.type in ("TARGET", "")
        ]
        return max(vals) if vals else None


@dataclass(frozen=True, kw_only=True, eq=False)
class Plan(PlanBase):
    """RTPLAN for photons or electrons (and brachytherapy, with ``brachy_channels``)."""

    beams: tuple[Beam, ...] = ()
    brachy_channels: int = 0
    brachy_source: str = ""
    channels: tuple[BrachyChannel, ...] = ()  # brachytherapy: each channel's dwell positions and times
    source_air_kerma_rate: float | None = None  # reference air-kerma rate, uGy m^2 / h (U)
    source_reference_date: str = ""  # when the source had that strength (YYYYMMDD)

    @property
    def total_dwell_time_s(self) -> float:
        return float(sum(float(c.dwell_times_s.sum()) for c in self.channels))


@dataclass(frozen=True, kw_only=True, eq=False)
class IonPlan(PlanBase):
    """RT Ion Plan for protons and heavier ions."""

    beams: tuple[IonBeam, ...] = ()
