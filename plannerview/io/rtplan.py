"""RTPLAN and RT Ion Plan -> Plan / IonPlan."""

from __future__ import annotations

from typing import Any

import numpy as np
from pydicom.dataset import Dataset

from ..model.findings import Finding
from ..model.plan import (
    Beam,
    BrachyChannel,
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
from ..model.text import QT_TRANSLATE_NOOP, Msg
from .dicom_values import common_fields, first, floats, integer, num, seq, text
from .scan import Item
from .validate import Checker

RADIATION_TYPES = ("PHOTON", "ELECTRON", "NEUTRON", "PROTON", "ION")
DELIVERY_TYPES = ("TREATMENT", "OPEN_PORTFILM", "TRMT_PORTFILM", "CONTINUATION", "SETUP", "VERIFICATION")
ROTATIONS = ("CW", "CC", "NONE")
DEVICE_TYPES = ("X", "Y", "ASYMX", "ASYMY", "MLCX", "MLCY")
SCAN_MODES = ("NONE", "UNIFORM", "MODULATED", "LINE", "MODULATED_SPEC")
MAX_ENERGY = {"PHOTON": 50.0, "ELECTRON": 50.0, "NEUTRON": 100.0, "PROTON": 500.0, "ION": 1000.0}  # MV, MeV, MeV/u
MAX_METERSET = 1e7  # MU or particles x 1e9 (NP): far above any clinical beam
MAX_PLAN_DOSE_GY = 1e4
MAX_FRACTIONS = 1000
MAX_FIELD_MM = 1000.0  # jaw and leaf positions at the isocentre plane
MAX_SPOT_SIZE_MM = 200.0


def read_plan(item: Item) -> tuple[Plan | IonPlan, list[Finding]]:
    """Read and check an RTPLAN or RT Ion Plan; raises ObjectRejected (findings name the tags) when
    a value the numbers depend on is invalid."""
    ds = item.dataset
    chk = Checker("RT Ion Plan" if "IonBeamSequence" in ds else "RTPLAN", item.path, text(ds, "SOPInstanceUID"))
    chk.identity(ds)
    fields = common_fields(ds, item.path)
    fraction_groups = tuple(_fraction_group(chk, fg, i) for i, fg in enumerate(seq(ds, "FractionGroupSequence")))
    chk.unique("FractionGroupNumber", [fg.number for fg in fraction_groups], "FractionGroupSequence")
    meterset = fraction_groups[0].beam_meterset if fraction_groups else {}
    rs_ref = first(ds, "ReferencedStructureSetSequence")
    dose_refs = tuple(_dose_reference(chk, d, i) for i, d in enumerate(seq(ds, "DoseReferenceSequence")))
    chk.unique("DoseReferenceNumber", [d.number for d in dose_refs], "DoseReferenceSequence")
    shared: dict[str, Any] = dict(
        label=text(ds, "RTPlanLabel"),
        name=text(ds, "RTPlanName"),
        fraction_groups=fraction_groups,
        dose_references=dose_refs,
        approval=text(ds, "ApprovalStatus"),
        intent=text(ds, "PlanIntent"),
        referenced_structure_set_uid=chk.uid(rs_ref, "ReferencedSOPInstanceUID", where="ReferencedStructureSetSequence")
        if rs_ref is not None else "",
    )
    setups = {integer(p, "PatientSetupNumber"): text(p, "PatientPosition").upper()
              for p in seq(ds, "PatientSetupSequence")}
    plan: Plan | IonPlan
    beam_numbers: list[int]
    if "IonBeamSequence" in ds:
        ion_beams = tuple(_ion_beam(chk, b, i, meterset, setups) for i, b in enumerate(seq(ds, "IonBeamSequence")))
        kinds = {b.radiation_type for b in ion_beams}
        kind = "proton" if kinds <= {"PROTON"} else "ion"
        plan = IonPlan(**fields, **shared, kind=kind, beams=ion_beams)
        beam_numbers = [b.number for b in ion_beams]
    elif "BrachyTreatmentType" in ds or "ApplicationSetupSequence" in ds:
        _brachy_channels(chk, ds)  # the checks
        channels = tuple(_channel(ch) for a in seq(ds, "ApplicationSetupSequence") for ch in seq(a, "ChannelSequence"))
        src = first(ds, "SourceSequence")
        plan = Plan(**fields, **shared, kind="brachy", brachy_channels=len(channels),
                    brachy_source=text(src, "SourceIsotopeName") if src is not None else "", channels=channels,
                    source_air_kerma_rate=num(src, "ReferenceAirKermaRate") if src is not None else None,
                    source_reference_date=text(src, "SourceStrengthReferenceDate") if src is not None else "")
        beam_numbers = []
    else:
        beams = tuple(_beam(chk, b, i, meterset, setups) for i, b in enumerate(seq(ds, "BeamSequence")))
        kind = "electron" if beams and all(b.radiation_type == "ELECTRON" for b in beams) else "photon"
        plan = Plan(**fields, **shared, kind=kind, beams=beams)
        beam_numbers = [b.number for b in beams]
    chk.unique("BeamNumber", beam_numbers, Msg(QT_TRANSLATE_NOOP("Findings", "the beam sequence")))
    if beam_numbers or plan.kind != "brachy":
        for fg in fraction_groups:
            for n in list(fg.beam_meterset) + list(fg.beam_dose_gy):
                if n not in beam_numbers:
                    chk.error("ReferencedBeamNumber", Msg(QT_TRANSLATE_NOOP("Findings", "beam {beam} is not in the plan's beam sequence"), beam=n),
                              Msg(QT_TRANSLATE_NOOP("Findings", "FractionGroupSequence group {number}"), number=fg.number))
                    break
    findings = chk.done()
    return plan, findings


def _channel(ch: Dataset) -> BrachyChannel:
    """Dwell positions and times of one channel: consecutive control points at one position are a
    dwell; its time is their cumulative-time-weight difference, scaled by ChannelTotalTime over the
    FinalCumulativeTimeWeight."""
    total = num(ch, "ChannelTotalTime")
    final = num(ch, "FinalCumulativeTimeWeight")
    cps = []
    for cp in seq(ch, "BrachyControlPointSequence"):
        pos = floats(cp, "ControlPoint3DPosition")
        w = num(cp, "CumulativeTimeWeight")
        if pos is not None and len(pos) == 3 and w is not None:
            cps.append((np.asarray(pos, dtype=float), float(w)))
    positions: list[np.ndarray] = []
    times: list[float] = []
    scale = (total / final) if total is not None and final else 1.0
    for (p0, w0), (p1, w1) in zip(cps, cps[1:], strict=False):
        if np.linalg.norm(p1 - p0) < 1e-3:
            positions.append(p0)
            times.append(max(0.0, (w1 - w0) * scale))
    number = integer(ch, "ChannelNumber", 0) or 0
    return BrachyChannel(
        number=number, applicator=text(ch, "SourceApplicatorID") or text(ch, "SourceApplicatorName") or f"channel {number}",
        roi_number=integer(ch, "ReferencedROINumber"), total_time_s=total,
        dwell_positions_mm=np.array(positions).reshape(-1, 3), dwell_times_s=np.array(times))


def _fraction_group(chk: Checker, fg: Dataset, i: int) -> FractionGroup:
    where = f"FractionGroupSequence item {i + 1}"
    ms: dict[int, float] = {}
    bd: dict[int, float] = {}
    refs = seq(fg, "ReferencedBeamSequence")
    for j, rb in enumerate(refs):
        w = f"{where}, ReferencedBeamSequence item {j + 1}"
        n = chk.integer(rb, "ReferencedBeamNumber", where=w, required=True)
        if n is None:
            continue
        m = chk.number(rb, "BeamMeterset", where=w, lo=0.0, hi=MAX_METERSET)
        if m is not None:
            ms[n] = m
        d = chk.number(rb, "BeamDose", where=w, lo=-MAX_PLAN_DOSE_GY, hi=MAX_PLAN_DOSE_GY)
        if d is not None:
            bd[n] = d
    n_beams = chk.integer(fg, "NumberOfBeams", where=where, lo=0, hi=10000)
    if n_beams is not None and n_beams != len(refs):
        chk.error("NumberOfBeams", Msg(QT_TRANSLATE_NOOP("Findings", "says {beams} beams but ReferencedBeamSequence holds {count}"), beams=n_beams, count=len(refs)), where)
    return FractionGroup(
        number=chk.integer(fg, "FractionGroupNumber", where=where, required=True) or 1,
        fractions_planned=chk.integer(fg, "NumberOfFractionsPlanned", where=where, lo=1, hi=MAX_FRACTIONS),
        beam_meterset=ms,
        beam_dose_gy=bd,
        brachy_setups=chk.integer(fg, "NumberOfBrachyApplicationSetups", where=where, lo=0, hi=1000) or 0,
    )


def _dose_reference(chk: Checker, d: Dataset, i: int) -> DoseReference:
    where = f"DoseReferenceSequence item {i + 1}"

    def gy(kw: str) -> float | None:
        return chk.number(d, kw, where=where, lo=0.0, hi=MAX_PLAN_DOSE_GY)

    return DoseReference(
        number=chk.integer(d, "DoseReferenceNumber", where=where, required=True) or 0,
        structure_type=chk.code(d, "DoseReferenceStructureType", ("POINT", "VOLUME", "COORDINATES", "SITE"),
                                where=where, required=True),
        type=chk.code(d, "DoseReferenceType", ("TARGET", "ORGAN_AT_RISK"), where=where, required=True),
        description=text(d, "DoseReferenceDescription"),
        target_prescription_gy=gy("TargetPrescriptionDose"),
        delivery_maximum_gy=gy("DeliveryMaximumDose"),
        target_maximum_gy=gy("TargetMaximumDose"),
        target_minimum_gy=gy("TargetMinimumDose"),
        organ_at_risk_maximum_gy=gy("OrganAtRiskMaximumDose"),
        referenced_roi_number=chk.integer(d, "ReferencedROINumber", where=where),
    )


def _meterset_weights(chk: Checker, cps: list[Dataset], final: float | None, where: str) -> list[float | None]:
    """CumulativeMetersetWeight of each control point: from 0, never decreasing, ending at the final weight."""
    weights = [chk.number(cp, "CumulativeMetersetWeight", where=Msg(QT_TRANSLATE_NOOP("Findings", "{where}, control point {point}"), where=where, point=k), lo=0.0)
               for k, cp in enumerate(cps)]
    known = [(k, w) for k, w in enumerate(weights) if w is not None]
    if not known:
        return weights
    tol = 1e-6 * max(1.0, final or 0.0, max(w for _, w in known))
    if known[0][0] == 0 and known[0][1] > tol:
        chk.error("CumulativeMetersetWeight", Msg(QT_TRANSLATE_NOOP("Findings", "the first control point starts at {weight:g}, not 0"), weight=known[0][1]), where)
    for (k0, a), (k1, b) in zip(known, known[1:], strict=False):
        if b < a - tol:
            chk.error("CumulativeMetersetWeight", Msg(QT_TRANSLATE_NOOP("Findings", "decreases from {before:g} to {after:g} (control points {first} to {second})"), before=a, after=b, first=k0, second=k1), where)
            break
    if final is not None:
        if known[-1][1] > final + tol:
            chk.error("CumulativeMetersetWeight", Msg(QT_TRANSLATE_NOOP("Findings", "reaches {weight:g}, above FinalCumulativeMetersetWeight {final:g}"), weight=known[-1][1], final=final), where)
        elif known[-1][0] == len(cps) - 1 and abs(known[-1][1] - final) > tol:
            chk.error("CumulativeMetersetWeight", Msg(QT_TRANSLATE_NOOP("Findings", "the last control point holds {weight:g}, not FinalCumulativeMetersetWeight {final:g}"), weight=known[-1][1], final=final), where)
    return weights


def _control_point_count(chk: Checker, b: Dataset, cps: list[Dataset], where: str) -> None:
    n = chk.integer(b, "NumberOfControlPoints", where=where, required=True, lo=1)
    if n is not None and n != len(cps):
        chk.error("NumberOfControlPoints", Msg(QT_TRANSLATE_NOOP("Findings", "says {declared} but the sequence holds {count} control points"), declared=n, count=len(cps)), where)
    for k, cp in enumerate(cps):
        idx = chk.integer(cp, "ControlPointIndex", where=Msg(QT_TRANSLATE_NOOP("Findings", "{where}, control point {point}"), where=where, point=k), required=True)
        if idx is not None and idx != k:
            chk.error("ControlPointIndex", Msg(QT_TRANSLATE_NOOP("Findings", "control point {point} has index {index}"), point=k, index=idx), where)
            break


def _patient_position(b: Dataset, setups: dict[int | None, str]) -> str:
    """The beam's patient position through ReferencedPatientSetupNumber (the only setup when there is one)."""
    ref = integer(b, "ReferencedPatientSetupNumber")
    if ref in setups:
        return setups[ref]
    values = set(setups.values())
    return values.pop() if len(values) == 1 else ""


def _beam(chk: Checker, b: Dataset, i: int, meterset: dict[int, float], setups: dict[int | None, str]) -> Beam:
    number = chk.integer(b, "BeamNumber", where=f"BeamSequence item {i + 1}", required=True) or 0
    where = Msg(QT_TRANSLATE_NOOP("Findings", "beam {number}"), number=number)
    radiation = chk.code(b, "RadiationType", RADIATION_TYPES, where=where)
    delivery = chk.code(b, "TreatmentDeliveryType", DELIVERY_TYPES, where=where, default="TREATMENT")
    final = chk.number(b, "FinalCumulativeMetersetWeight", where=where, lo=0.0)
    sad = chk.number(b, "SourceAxisDistance", where=where, lo=0.0, lo_open=True, hi=1e4)
    pairs: dict[str, int] = {}
    boundaries: dict[str, np.ndarray] = {}
    for dev in seq(b, "BeamLimitingDeviceSequence"):
        t = chk.code(dev, "RTBeamLimitingDeviceType", DEVICE_TYPES, where=where, required=True)
        n_pairs = chk.integer(dev, "NumberOfLeafJawPairs", where=Msg("{where} {device}", where=where, device=t), required=True, lo=1, hi=1000)
        if t and n_pairs:
            pairs[t] = n_pairs
        lb = chk.numbers(dev, "LeafPositionBoundaries", where=Msg("{where} {device}", where=where, device=t), lo=-MAX_FIELD_MM, hi=MAX_FIELD_MM,
                         vm=n_pairs + 1 if n_pairs else None)
        if t.startswith("MLC") and lb is not None:
            if np.any(np.diff(lb) <= 0):
                chk.error("LeafPositionBoundaries", Msg(QT_TRANSLATE_NOOP("Findings", "do not increase strictly")), Msg("{where} {device}", where=where, device=t))
            boundaries[t] = lb
    cps_ds = seq(b, "ControlPointSequence")
    _control_point_count(chk, b, cps_ds, where)
    weights = _meterset_weights(chk, cps_ds, final, where)
    cps: list[ControlPoint] = []
    max_energy = MAX_ENERGY.get(radiation, 1000.0)
    for k, cp in enumerate(cps_ds):
        cw = Msg(QT_TRANSLATE_NOOP("Findings", "{where}, control point {point}"), where=where, point=k)
        jaws: dict[str, tuple[float, ...]] = {}
        mlc: dict[str, np.ndarray] = {}
        for dev in seq(cp, "BeamLimitingDevicePositionSequence"):
            t = chk.code(dev, "RTBeamLimitingDeviceType", DEVICE_TYPES, where=cw, required=True)
            n_pairs = pairs.get(t, 1 if t in ("X", "Y", "ASYMX", "ASYMY") else 0)
            pos = chk.numbers(dev, "LeafJawPositions", where=Msg("{where} {device}", where=cw, device=t), required=True,
                              vm=2 * n_pairs if n_pairs else (2, None), multiple_of=2, lo=-MAX_FIELD_MM, hi=MAX_FIELD_MM)
            if pos is None or not t:
                continue
            half = pos.size // 2
            if np.any(pos[:half] > pos[half:] + 0.01):
                chk.error("LeafJawPositions", Msg(QT_TRANSLATE_NOOP("Findings", "a leaf or jaw of the first bank lies beyond its opposite")), Msg("{where} {device}", where=cw, device=t))
                continue
            if t.startswith("MLC"):
                mlc[t] = pos
            else:
                jaws[t] = tuple(float(x) for x in pos)
        iso = chk.position(cp, "IsocenterPosition", where=cw)
        cps.append(ControlPoint(
            index=k,
            cumulative_meterset_weight=weights[k],
            gantry_deg=chk.angle(cp, "GantryAngle", where=cw),
            gantry_rotation=chk.code(cp, "GantryRotationDirection", ROTATIONS, where=cw) or None,
            collimator_deg=chk.angle(cp, "BeamLimitingDeviceAngle", where=cw),
            couch_deg=chk.angle(cp, "PatientSupportAngle", where=cw),
            isocenter_mm=(float(iso[0]), float(iso[1]), float(iso[2])) if iso is not None else None,
            jaws_mm=jaws,
            mlc_mm=mlc,
            energy=chk.number(cp, "NominalBeamEnergy", where=cw, lo=0.0, lo_open=True, hi=max_energy),
        ))
    energy = cps[0].energy if cps else None
    return Beam(
        number=number,
        name=text(b, "BeamName") or text(b, "BeamDescription") or f"Beam {number}",
        beam_type=text(b, "BeamType").upper(),
        radiation_type=radiation,
        treatment_delivery_type=delivery,
        energy=energy,
        energy_label=_energy_label(b, energy, radiation),
        control_points=tuple(cps),
        meterset=meterset.get(number),
        machine=text(b, "TreatmentMachineName"),
        final_cumulative_meterset_weight=final,
        mlc_leaf_boundaries_mm=boundaries,
        sad_mm=sad,
        patient_position=_patient_position(b, setups),
    )


def _energy_label(b: Dataset, energy: float | None, radiation: str) -> str:
    """'6X', '6X FFF', '9E'; '' when the beam states no energy (or 0) or no radiation type."""
    if energy is None or energy <= 0 or not radiation:
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


def _brachy_channels(chk: Checker, ds: Dataset) -> int:
    channels = 0
    for a, setup in enumerate(seq(ds, "ApplicationSetupSequence")):
        for c, ch in enumerate(seq(setup, "ChannelSequence")):
            channels += 1
            where = Msg(QT_TRANSLATE_NOOP("Findings", "application setup {setup}, channel {channel}"), setup=a + 1, channel=c + 1)
            chk.number(ch, "ChannelTotalTime", where=where, lo=0.0, hi=1e6)
            prev = 0.0
            for k, cp in enumerate(seq(ch, "BrachyControlPointSequence")):
                w = chk.number(cp, "CumulativeTimeWeight", where=Msg(QT_TRANSLATE_NOOP("Findings", "{where}, control point {point}"), where=where, point=k), lo=0.0)
                if w is not None:
                    if w < prev - 1e-9:
                        chk.error("CumulativeTimeWeight", Msg(QT_TRANSLATE_NOOP("Findings", "decreases from {before:g} to {after:g}"), before=prev, after=w), where)
                        break
                    prev = w
                chk.position(cp, "ControlPoint3DPosition", where=Msg(QT_TRANSLATE_NOOP("Findings", "{where}, control point {point}"), where=where, point=k))
    return channels


def _ion_beam(chk: Checker, b: Dataset, i: int, meterset: dict[int, float],
              setups: dict[int | None, str]) -> IonBeam:
    number = chk.integer(b, "BeamNumber", where=f"IonBeamSequence item {i + 1}", required=True) or 0
    where = Msg(QT_TRANSLATE_NOOP("Findings", "ion beam {number}"), number=number)
    radiation = chk.code(b, "RadiationType", ("PROTON", "ION"), where=where, required=True)
    delivery = chk.code(b, "TreatmentDeliveryType", DELIVERY_TYPES, where=where, default="TREATMENT")
    scan_mode = chk.code(b, "ScanMode", SCAN_MODES, where=where, required=True)
    final = chk.number(b, "FinalCumulativeMetersetWeight", where=where, lo=0.0)
    ion_z = chk.integer(b, "RadiationAtomicNumber", where=where, lo=1, hi=118)
    ion_a = chk.integer(b, "RadiationMassNumber", where=where, lo=1, hi=300)
    cps_ds = seq(b, "IonControlPointSequence")
    _control_point_count(chk, b, cps_ds, where)
    weights = _meterset_weights(chk, cps_ds, final, where)
    max_energy = MAX_ENERGY.get(radiation, 1000.0)
    layers: list[EnergyLayer] = []
    energy = gantry = couch = snout = None
    iso: tuple[float, float, float] | None = None
    first_gantry = first_couch = first_snout = None
    snouts: list[float] = []
    rs_settings: list[RangeShifterSetting] = []
    rs_state: dict[int, RangeShifterSetting] = {}  # per layer, carried forward: DICOM only restates changes
    for k, cp in enumerate(cps_ds):
        cw = Msg(QT_TRANSLATE_NOOP("Findings", "{where}, control point {point}"), where=where, point=k)
        e = chk.number(cp, "NominalBeamEnergy", where=cw, lo=0.0, lo_open=True, hi=max_energy)
        g = chk.angle(cp, "GantryAngle", where=cw)
        c = chk.angle(cp, "PatientSupportAngle", where=cw)
        sn = chk.number(cp, "SnoutPosition", where=cw, lo=-MAX_FIELD_MM * 10, hi=MAX_FIELD_MM * 10)
        if k == 0:
            first_gantry, first_couch, first_snout = g, c, sn
        energy = e if e is not None else energy
        gantry = g if g is not None else gantry
        couch = c if c is not None else couch
        snout = sn if sn is not None else snout
        if snout is not None and snout not in snouts:
            snouts.append(snout)
        for j, rss in enumerate(seq(cp, "RangeShifterSettingsSequence")):
            rw = Msg(QT_TRANSLATE_NOOP("Findings", "{where}, range shifter setting {number}"), where=cw, number=j + 1)
            rs_settings.append(RangeShifterSetting(
                referenced_number=chk.integer(rss, "ReferencedRangeShifterNumber", where=rw, required=True) or 0,
                setting=text(rss, "RangeShifterSetting"),
                isocenter_to_range_shifter_mm=chk.number(rss, "IsocenterToRangeShifterDistance", where=rw,
                                                         lo=-MAX_FIELD_MM * 10, hi=MAX_FIELD_MM * 10),
                water_equivalent_thickness_mm=chk.number(rss, "RangeShifterWaterEquivalentThickness", where=rw,
                                                         lo=0.0, hi=MAX_FIELD_MM),
                control_point_index=k))
            rs_state[rs_settings[-1].referenced_number] = rs_settings[-1]
        ipos = chk.position(cp, "IsocenterPosition", where=cw)
        if iso is None and ipos is not None:
            iso = (float(ipos[0]), float(ipos[1]), float(ipos[2]))
        n_spots = chk.integer(cp, "NumberOfScanSpotPositions", where=cw, lo=1, hi=1e6)
        weights_k = _binary_floats(chk, cp, "ScanSpotMetersetWeights", cw, n_spots, 1, lo=0.0)
        positions = _binary_floats(chk, cp, "ScanSpotPositionMap", cw, n_spots, 2, lo=-MAX_FIELD_MM, hi=MAX_FIELD_MM)
        size = chk.numbers(cp, "ScanningSpotSize", where=cw, vm=2, lo=0.0, lo_open=True, hi=MAX_SPOT_SIZE_MM)
        paintings = chk.integer(cp, "NumberOfPaintings", where=cw, lo=1, hi=1e4)
        if weights_k is not None and k + 1 < len(cps_ds) and weights[k] is not None and weights[k + 1] is not None:
            step = weights[k + 1] - weights[k]  # type: ignore[operator]
            total = float(weights_k.sum())
            if abs(total - step) > 1e-3 * abs(step) + 1e-6 * max(1.0, final or 0.0):
                chk.error("ScanSpotMetersetWeights", Msg(QT_TRANSLATE_NOOP("Findings", "sum to {total:.6g}, but the cumulative meterset weight advances by {step:.6g} to the next control point (the standard requires them equal)"), total=total, step=step), cw)
        if weights_k is None or positions is None or energy is None or not np.any(weights_k > 0):
            continue
        layers.append(EnergyLayer(
            energy_mev=float(energy),
            spot_xy_mm=positions.reshape(-1, 2),
            spot_weights=weights_k,
            tune_id=text(cp, "ScanSpotTuneID"),
            spot_size_mm=(float(size[0]), float(size[1])) if size is not None else None,
            gantry_deg=gantry,
            range_shifter_settings=tuple(rs_state[n] for n in sorted(rs_state)),
            paintings=int(paintings or 1),
        ))
    shifters = []
    for j, r in enumerate(seq(b, "RangeShifterSequence")):
        shifters.append(RangeShifter(
            number=chk.integer(r, "RangeShifterNumber", where=Msg(QT_TRANSLATE_NOOP("Findings", "{where}, range shifter {number}"), where=where, number=j + 1), required=True) or 0,
            id=text(r, "RangeShifterID"), type=text(r, "RangeShifterType")))
    vsad = floats(b, "VirtualSourceAxisDistances")
    return IonBeam(
        number=number,
        name=text(b, "BeamName") or f"Beam {number}",
        beam_type=text(b, "BeamType").upper(),
        radiation_type=radiation,
        treatment_delivery_type=delivery,
        scan_mode=scan_mode,
        energy_layers=tuple(layers),
        meterset=meterset.get(number),
        gantry_deg=first_gantry,
        couch_deg=first_couch,
        snout_position_mm=first_snout,
        isocenter_mm=iso,
        range_shifters=tuple(shifters),
        machine=text(b, "TreatmentMachineName"),
        ion_z=ion_z if ion_z is not None else (1 if radiation == "PROTON" else None),
        ion_a=ion_a if ion_a is not None else (1 if radiation == "PROTON" else None),
        final_cumulative_meterset_weight=final,
        snout_id=_snout_id(b),
        snout_positions_mm=tuple(snouts),
        range_shifter_settings=tuple(rs_settings),
        meterset_unit=text(b, "PrimaryDosimeterUnit").upper(),
        patient_position=_patient_position(b, setups),
        virtual_sad_mm=(float(vsad[0]), float(vsad[1])) if vsad is not None and len(vsad) == 2 else None,
    )


def _snout_id(b: Dataset) -> str:
    snout = first(b, "SnoutSequence")
    return text(snout, "SnoutID") if snout is not None else ""


def _binary_floats(chk: Checker, ds: Dataset, keyword: str, where: str, n_spots: int | None, per_spot: int,
                   lo: float | None = None, hi: float | None = None) -> np.ndarray | None:
    """FL arrays (spot maps) straight from the bytes; they can hold tens of thousands of values."""
    try:
        elem = ds.get_item(keyword)
    except Exception:
        chk.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "unreadable")), where)
        return None
    if elem is None:
        return None
    raw = getattr(elem, "value", None)
    vm = per_spot * n_spots if n_spots is not None else None
    if isinstance(raw, bytes) and getattr(elem, "VR", None) in ("FL", None):
        if len(raw) % 4:
            chk.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds {size} bytes, not a whole number of 4-byte floats"), size=len(raw)), where)
            return None
        # Big-endian transfer syntaxes are retired; RT objects are little endian in practice.
        arr = np.frombuffer(raw, dtype="<f4").astype(np.float64)
        if vm is not None and arr.size != vm:
            chk.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds {count} values, {expected} expected for {spots} spots"), count=arr.size, expected=vm, spots=n_spots), where)
            return None
        if arr.size == 0 or arr.size % per_spot:
            chk.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds {count} values, not a multiple of {step}"), count=arr.size, step=per_spot), where)
            return None
        if not np.all(np.isfinite(arr)):
            chk.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "holds a non-finite value")), where)
            return None
        if (lo is not None and np.any(arr < lo)) or (hi is not None and np.any(arr > hi)):
            bad = arr[(arr < (lo if lo is not None else -np.inf)) | (arr > (hi if hi is not None else np.inf))][0]
            chk.error(keyword, Msg(QT_TRANSLATE_NOOP("Findings", "value {value:g} is outside {low:g}..{high}"), value=bad, low=lo, high=hi if hi is not None else 'inf'), where)
            return None
        return arr
    return chk.numbers(ds, keyword, where=where, vm=vm if vm is not None else (per_spot, None), multiple_of=per_spot,
                       lo=lo, hi=hi)
