"""RTPLAN and RT Ion Plan -> Plan / IonPlan."""

from __future__ import annotations

from typing import Any

import numpy as np
from pydicom.dataset import Dataset

from ..model.findings import Finding
from ..model.plan import (
    Beam,
    ControlPoint,
    DoseReference,
    EnergyLayer,
    FractionGroup,
    IonBeam,
    IonPlan,
    Plan,
    RangeShifter,
    RangeShifterSetting,
)
from .dicom_values import common_fields, first, floats, integer, num, seq, text
from .scan import Item


def read_plan(item: Item) -> tuple[Plan | IonPlan, list[Finding]]:
    ds = item.dataset
    fields = common_fields(ds, item.path)
    fraction_groups = tuple(_fraction_group(fg) for fg in seq(ds, "FractionGroupSequence"))
    meterset = fraction_groups[0].beam_meterset if fraction_groups else {}
    rs_ref = first(ds, "ReferencedStructureSetSequence")
    shared: dict[str, Any] = dict(
        label=text(ds, "RTPlanLabel"),
        name=text(ds, "RTPlanName"),
        fraction_groups=fraction_groups,
        dose_references=tuple(_dose_reference(d) for d in seq(ds, "DoseReferenceSequence")),
        approval=text(ds, "ApprovalStatus"),
        intent=text(ds, "PlanIntent"),
        referenced_structure_set_uid=text(rs_ref, "ReferencedSOPInstanceUID") if rs_ref is not None else "",
    )
    if "IonBeamSequence" in ds:
        ion_beams = tuple(_ion_beam(b, meterset) for b in seq(ds, "IonBeamSequence"))
        kinds = {b.radiation_type for b in ion_beams}
        kind = "proton" if kinds <= {"PROTON"} else "ion"
        return IonPlan(**fields, **shared, kind=kind, beams=ion_beams), []
    if "BrachyTreatmentType" in ds or "ApplicationSetupSequence" in ds:
        channels = sum(len(seq(a, "ChannelSequence")) for a in seq(ds, "ApplicationSetupSequence"))
        src = first(ds, "SourceSequence")
        return Plan(**fields, **shared, kind="brachy", brachy_channels=channels,
                    brachy_source=text(src, "SourceIsotopeName") if src is not None else ""), []
    beams = tuple(_beam(b, meterset) for b in seq(ds, "BeamSequence"))
    kind = "electron" if beams and all(b.radiation_type == "ELECTRON" for b in beams) else "photon"
    return Plan(**fields, **shared, kind=kind, beams=beams), []


def _fraction_group(fg: Dataset) -> FractionGroup:
    ms: dict[int, float] = {}
    bd: dict[int, float] = {}
    for rb in seq(fg, "ReferencedBeamSequence"):
        n = integer(rb, "ReferencedBeamNumber")
        if n is None:
            continue
        m = num(rb, "BeamMeterset")
        if m is not None:
            ms[n] = m
        d = num(rb, "BeamDose")
        if d is not None:
            bd[n] = d
    return FractionGroup(
        number=integer(fg, "FractionGroupNumber", 1) or 1,
        fractions_planned=integer(fg, "NumberOfFractionsPlanned"),
        beam_meterset=ms,
        beam_dose_gy=bd,
        brachy_setups=integer(fg, "NumberOfBrachyApplicationSetups", 0) or 0,
    )


def _dose_reference(d: Dataset) -> DoseReference:
    return DoseReference(
        number=integer(d, "DoseReferenceNumber", 0) or 0,
        structure_type=text(d, "DoseReferenceStructureType"),
        type=text(d, "DoseReferenceType"),
        description=text(d, "DoseReferenceDescription"),
        target_prescription_gy=num(d, "TargetPrescriptionDose"),
        delivery_maximum_gy=num(d, "DeliveryMaximumDose"),
        target_maximum_gy=num(d, "TargetMaximumDose"),
        target_minimum_gy=num(d, "TargetMinimumDose"),
        organ_at_risk_maximum_gy=num(d, "OrganAtRiskMaximumDose"),
        referenced_roi_number=integer(d, "ReferencedROINumber"),
    )


def _beam(b: Dataset, meterset: dict[int, float]) -> Beam:
    number = integer(b, "BeamNumber", 0) or 0
    radiation = text(b, "RadiationType").upper()
    cps: list[ControlPoint] = []
    for i, cp in enumerate(seq(b, "ControlPointSequence")):
        jaws: dict[str, tuple[float, ...]] = {}
        mlc: dict[str, np.ndarray] = {}
        for dev in seq(cp, "BeamLimitingDevicePositionSequence"):
            t = text(dev, "RTBeamLimitingDeviceType").upper()
            pos = floats(dev, "LeafJawPositions")
            if pos is None:
                continue
            if t.startswith("MLC"):
                mlc[t] = pos
            else:
                jaws[t] = tuple(float(x) for x in pos)
        iso = floats(cp, "IsocenterPosition")
        cps.append(ControlPoint(
            index=integer(cp, "ControlPointIndex", i) or i,
            cumulative_meterset_weight=num(cp, "CumulativeMetersetWeight"),
            gantry_deg=num(cp, "GantryAngle"),
            gantry_rotation=text(cp, "GantryRotationDirection") or None,
            collimator_deg=num(cp, "BeamLimitingDeviceAngle"),
            couch_deg=num(cp, "PatientSupportAngle"),
            isocenter_mm=tuple(float(x) for x in iso) if iso is not None and len(iso) == 3 else None,  # type: ignore[arg-type]
            jaws_mm=jaws,
            mlc_mm=mlc,
            energy=num(cp, "NominalBeamEnergy"),
        ))
    boundaries: dict[str, np.ndarray] = {}
    for dev in seq(b, "BeamLimitingDeviceSequence"):
        t = text(dev, "RTBeamLimitingDeviceType").upper()
        lb = floats(dev, "LeafPositionBoundaries")
        if t.startswith("MLC") and lb is not None:
            boundaries[t] = lb
    energy = cps[0].energy if cps else None
    return Beam(
        number=number,
        name=text(b, "BeamName") or text(b, "BeamDescription") or f"Beam {number}",
        beam_type=text(b, "BeamType").upper(),
        radiation_type=radiation,
        treatment_delivery_type=text(b, "TreatmentDeliveryType").upper() or "TREATMENT",
        energy=energy,
        energy_label=_energy_label(b, energy, radiation),
        control_points=tuple(cps),
        meterset=meterset.get(number),
        machine=text(b, "TreatmentMachineName"),
        final_cumulative_meterset_weight=num(b, "FinalCumulativeMetersetWeight"),
        mlc_leaf_boundaries_mm=boundaries,
        sad_mm=num(b, "SourceAxisDistance"),
    )


def _energy_label(b: Dataset, energy: float | None, radiation: str) -> str:
    if energy is None:
        return ""
    e = f"{energy:g}"
    if radiation == "ELECTRON":
        return f"{e}E"
    if radiation != "PHOTON":
        return f"{e} {radiation}"
    label = f"{e}X"
    fluence = first(b, "PrimaryFluenceModeSequence")
    if fluence is not None and text(fluence, "FluenceMode").upper() == "NON_STANDARD":
        label += f" {text(fluence, 'FluenceModeID') or 'NON_STANDARD'}"
    return label


def _ion_beam(b: Dataset, meterset: dict[int, float]) -> IonBeam:
    number = integer(b, "BeamNumber", 0) or 0
    layers: list[EnergyLayer] = []
    energy = gantry = couch = snout = None
    iso: tuple[float, float, float] | None = None
    snouts: list[float] = []
    rs_settings: list[RangeShifterSetting] = []
    for i, cp in enumerate(seq(b, "IonControlPointSequence")):
        energy = num(cp, "NominalBeamEnergy", energy)
        gantry = num(cp, "GantryAngle", gantry)
        couch = num(cp, "PatientSupportAngle", couch)
        snout = num(cp, "SnoutPosition", snout)
        if snout is not None and snout not in snouts:
            snouts.append(snout)
        for rss in seq(cp, "RangeShifterSettingsSequence"):
            rs_settings.append(RangeShifterSetting(
                referenced_number=integer(rss, "ReferencedRangeShifterNumber", 0) or 0,
                setting=text(rss, "RangeShifterSetting"),
                isocenter_to_range_shifter_mm=num(rss, "IsocenterToRangeShifterDistance"),
                water_equivalent_thickness_mm=num(rss, "RangeShifterWaterEquivalentThickness"),
                control_point_index=integer(cp, "ControlPointIndex", i) or i))
        ipos = floats(cp, "IsocenterPosition")
        if iso is None and ipos is not None and len(ipos) == 3:
            iso = (float(ipos[0]), float(ipos[1]), float(ipos[2]))
        weights = _binary_floats(cp, "ScanSpotMetersetWeights")
        positions = _binary_floats(cp, "ScanSpotPositionMap")
        if weights is None or positions is None or energy is None or not np.any(weights > 0):
            continue
        size = floats(cp, "ScanningSpotSize")
        layers.append(EnergyLayer(
            energy_mev=float(energy),
            spot_xy_mm=positions.reshape(-1, 2),
            spot_weights=weights,
            tune_id=text(cp, "ScanSpotTuneID"),
            spot_size_mm=(float(size[0]), float(size[1])) if size is not None and len(size) == 2 else None,
            gantry_deg=gantry,
        ))
    shifters = tuple(
        RangeShifter(number=integer(r, "RangeShifterNumber", 0) or 0, id=text(r, "RangeShifterID"),
                     type=text(r, "RangeShifterType"))
        for r in seq(b, "RangeShifterSequence")
    )
    radiation = text(b, "RadiationType").upper()
    return IonBeam(
        number=number,
        name=text(b, "BeamName") or f"Beam {number}",
        beam_type=text(b, "BeamType").upper(),
        radiation_type=radiation,
        treatment_delivery_type=text(b, "TreatmentDeliveryType").upper() or "TREATMENT",
        scan_mode=text(b, "ScanMode").upper(),
        energy_layers=tuple(layers),
        meterset=meterset.get(number),
        gantry_deg=_first_cp(b, "GantryAngle"),
        couch_deg=_first_cp(b, "PatientSupportAngle"),
        snout_position_mm=_first_cp(b, "SnoutPosition"),
        isocenter_mm=iso,
        range_shifters=shifters,
        machine=text(b, "TreatmentMachineName"),
        ion_z=integer(b, "RadiationAtomicNumber", 1 if radiation == "PROTON" else None),
        ion_a=integer(b, "RadiationMassNumber", 1 if radiation == "PROTON" else None),
        final_cumulative_meterset_weight=num(b, "FinalCumulativeMetersetWeight"),
        snout_id=_snout_id(b),
        snout_positions_mm=tuple(snouts),
        range_shifter_settings=tuple(rs_settings),
        meterset_unit=text(b, "PrimaryDosimeterUnit").upper(),
    )


def _snout_id(b: Dataset) -> str:
    snout = first(b, "SnoutSequence")
    return text(snout, "SnoutID") if snout is not None else ""


def _first_cp(b: Dataset, keyword: str) -> float | None:
    cp = first(b, "IonControlPointSequence")
    return num(cp, keyword) if cp is not None else None


def _binary_floats(ds: Dataset, keyword: str) -> np.ndarray | None:
    """FL arrays (spot maps) straight from the bytes; they can hold tens of thousands of values."""
    try:
        elem = ds.get_item(keyword)
    except Exception:
        return None
    if elem is None:
        return None
    raw = getattr(elem, "value", None)
    if isinstance(raw, bytes) and getattr(elem, "VR", None) in ("FL", None) and len(raw) % 4 == 0:
        # Big-endian transfer syntaxes are retired; RT objects are little endian in practice.
        return np.frombuffer(raw, dtype="<f4").astype(np.float64)
    return floats(ds, keyword)
