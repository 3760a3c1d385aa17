"""Water boxes and one-beam plans built in code for the dose-engine tests (no files)."""

from __future__ import annotations

import dataclasses

import numpy as np

from plannerview.model import (
    Beam,
    ControlPoint,
    EnergyLayer,
    FractionGroup,
    Grid,
    ImageVolume,
    IonBeam,
    IonPlan,
    Plan,
    RangeShifter,
    RangeShifterSetting,
)


def water_box(shape_zyx: tuple[int, int, int], spacing_zyx: tuple[float, float, float],
              origin_xyz: tuple[float, float, float], position: str = "HFS", hu: float = 0.0) -> ImageVolume:
    grid = Grid(shape_zyx, spacing_zyx, origin_xyz, frame_of_reference_uid="1.2.826.0.1.3680043.8.498.1")
    values = np.full(shape_zyx, hu, dtype=np.float32)
    return ImageVolume(sop_uid="1.2.826.0.1.3680043.8.498.2", series_uid="1.2.826.0.1.3680043.8.498.3",
                       frame_of_reference_uid=grid.frame_of_reference_uid, modality="CT", grid=grid,
                       patient_position=position, units="HU", loader=lambda: values.copy())


def proton_plan(energy_mev: float = 150.0, gantry: float = 90.0, mu: float = 1.0, spots_xy=((0.0, 0.0),),
                position: str = "HFS", couch: float = 0.0, range_shifter_wet_mm: float | None = None,
                energies: tuple[float, ...] | None = None, fractions: int = 1) -> IonPlan:
    """One beam; ``mu`` per fraction spread evenly over the spots and energies."""
    xy = np.asarray(spots_xy, dtype=float).reshape(-1, 2)
    settings = ()
    shifters = ()
    if range_shifter_wet_mm is not None:
        shifters = (RangeShifter(number=1, id="RS_TEST", type="BINARY"),)
        settings = (RangeShifterSetting(1, "IN", 300.0, range_shifter_wet_mm),)
    layers = tuple(EnergyLayer(energy_mev=e, spot_xy_mm=xy, spot_weights=np.ones(len(xy)),
                               range_shifter_settings=settings)
                   for e in (energies or (energy_mev,)))
    total_w = float(sum(layer.spot_weights.sum() for layer in layers))
    beam = IonBeam(number=1, name="B1", beam_type="STATIC", radiation_type="PROTON", treatment_delivery_type="TREATMENT",
                   scan_mode="MODULATED", energy_layers=layers, meterset=mu, gantry_deg=gantry, couch_deg=couch,
                   isocenter_mm=(0.0, 0.0, 0.0), range_shifters=shifters, final_cumulative_meterset_weight=total_w,
                   patient_position=position, ion_z=1, ion_a=1)
    return IonPlan(sop_uid="1.2.826.0.1.3680043.8.498.10", kind="proton", beams=(beam,), label="test",
                   fraction_groups=(FractionGroup(1, fractions, {1: mu}),))


def with_beams(plan: IonPlan, *beams: IonBeam) -> IonPlan:
    ms = {b.number: float(b.meterset or 0.0) for b in beams}
    return dataclasses.replace(plan, beams=tuple(beams),
                               fraction_groups=(FractionGroup(1, plan.fractions, ms),))


def photon_plan(gantry: float = 90.0, field_mm: float = 40.0, mu: float = 100.0, position: str = "HFS",
                collimator: float = 0.0) -> Plan:
    """An open square field (jaws only) at ``gantry``."""
    h = field_mm / 2.0
    jaws = {"ASYMX": (-h, h), "ASYMY": (-h, h)}
    cps = (ControlPoint(0, 0.0, gantry_deg=gantry, gantry_rotation="NONE", collimator_deg=collimator, couch_deg=0.0,
                        isocenter_mm=(0.0, 0.0, 0.0), jaws_mm=jaws, energy=6.0),
           ControlPoint(1, 1.0))
    beam = Beam(number=1, name="F1", beam_type="STATIC", radiation_type="PHOTON", treatment_delivery_type="TREATMENT",
                energy=6.0, energy_label="6X", control_points=cps, meterset=mu, final_cumulative_meterset_weight=1.0,
                sad_mm=1000.0, patient_position=position)
    return Plan(sop_uid="1.2.826.0.1.3680043.8.498.20", kind="photon", beams=(beam,), label="open",
                fraction_groups=(FractionGroup(1, 1, {1: mu}),))


class Ctx:
    """A minimal plugin context: settings, progress record, cancel flag (what the engines use)."""

    def __init__(self, settings: dict | None = None, cancel_after: float | None = None) -> None:
        self.settings = settings or {}
        self.progress_log: list[tuple[float, str]] = []
        self._cancel_after = cancel_after
        self.storage_dir = None

    def progress(self, fraction: float, message: str = "") -> None:
        self.progress_log.append((fraction, message))

    def cancelled(self) -> bool:
        return self._cancel_after is not None and any(f >= self._cancel_after for f, _ in self.progress_log)

    def check_cancel(self) -> None:
        from plannerview.tasks import Cancelled

        if self.cancelled():
            raise Cancelled("cancelled")
