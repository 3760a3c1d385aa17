"""Beams: technique, MU (or meterset) per Gy, energies, zero-meterset beams, setup beams."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from ...model.plan import Beam, IonBeam
from ...model.text import LIST, QT_TRANSLATE_NOOP, Msg
from .context import SETUP_NAME, CheckContext
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst

_STEREO = re.compile(r"sbrt|srs|sabr|srt|stereo|radiosurg", re.I)


def is_stereotactic(ctx: CheckContext, p: Mapping[str, Any]) -> tuple[bool, str]:
    """Stereotactic by name (SBRT, SRS, SABR...) or by hypofractionation (dose per fraction, fractions)."""
    text = f"{ctx.plan.label} {ctx.plan.name}"
    if _STEREO.search(text):
        return True, Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{label}' names a stereotactic technique"),
                         label=ctx.plan.label)
    d, n = ctx.dose_per_fraction_gy, ctx.fractions
    if d and n and d >= p["stereotactic_min_gy_per_fx"] and n <= p["stereotactic_max_fractions"]:
        return True, Msg(QT_TRANSLATE_NOOP("CheckMessages", "{per_fx:.3g} Gy x {fractions} fx is stereotactic "
                                           "hypofractionation"), per_fx=d, fractions=n)
    return False, ""


#: the radiation kinds a technique may be named by, as words of the message (VMAT, IMRT, 3D stay as they are)
_KIND_WORDS = {"electron": Msg(QT_TRANSLATE_NOOP("CheckMessages", "electron")),
               "proton": Msg(QT_TRANSLATE_NOOP("CheckMessages", "proton")),
               "ion": Msg(QT_TRANSLATE_NOOP("CheckMessages", "ion"))}


def mlc_segments(beam: Beam) -> int:
    """Distinct MLC shapes over the beam's control points."""
    shapes = {tuple(np.round(v, 1)) for cp in beam.control_points for v in cp.mlc_mm.values()}
    return len(shapes)


def photon_technique(ctx: CheckContext, min_segments: int) -> str:
    """'VMAT' (arcs), 'IMRT' (modulated MLC), '3D' (static fields), or 'electron'."""
    beams = [b for b in ctx.treatment_beams if isinstance(b, Beam)]
    if ctx.plan.kind == "electron":
        return "electron"
    if any(b.arc_direction for b in beams):
        return "VMAT"
    if any(mlc_segments(b) >= min_segments for b in beams):
        return "IMRT"
    return "3D"


def _range_status(value: float, warn_range: list[float], fail_range: list[float]) -> str:
    if value < fail_range[0] or value > fail_range[1]:
        return "fail"
    if value < warn_range[0] or value > warn_range[1]:
        return "warn"
    return "pass"


@check("mu_per_gy")
def mu_per_gy(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan: no monitor units")))
    beams = ctx.treatment_beams
    if not beams:
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' has no treatment beam with a meterset"),
                        plan=ctx.label), [ctx.plan.sop_uid])
    d = ctx.dose_per_fraction_gy
    if not d:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' states neither a prescription "
                                                    "with fractions nor beam doses"), plan=ctx.label))
    total = sum(float(b.meterset or 0.0) for b in beams)
    per_gy = total / d
    if ctx.is_ion:
        tech, key = ctx.plan.kind, "ion"
        unit = next((b.meterset_unit for b in beams if isinstance(b, IonBeam) and b.meterset_unit), "") or "MU"
        spots = sum(b.n_spots for b in beams if isinstance(b, IonBeam))
    else:
        tech = photon_technique(ctx, int(p["imrt_min_segments"]))
        key, unit, spots = tech.lower(), "MU", 0
    status = _range_status(per_gy, p[f"{key}_warn_range"], p[f"{key}_fail_range"])
    lo, hi = p[f"{key}_warn_range"]
    values = {"technique": _KIND_WORDS.get(tech, tech), "plan": ctx.label, "total": total, "unit": unit, "per_fx": d, "per_gy": per_gy,
              "low": lo, "high": hi}
    if ctx.is_ion:
        msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "{technique} plan '{plan}': {total:.1f} {unit} per fraction for "
                                    "{per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy, {spots} spots ({spots_per_gy:.0f} "
                                    "per Gy) (plausible {low:g}-{high:g})"),
                  spots=spots, spots_per_gy=spots / d, **values)
    else:
        msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "{technique} plan '{plan}': {total:.1f} {unit} per fraction for "
                                    "{per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy (plausible {low:g}-{high:g})"),
                  **values)
    vals = {"technique": tech, "meterset_per_fraction": round(total, 3), "meterset_per_gy": round(per_gy, 2)}
    return {"pass": passed, "warn": warn, "fail": fail}[status](msg, [ctx.plan.sop_uid], **vals)


@check("energies_consistent")
def energies_consistent(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan: no beam energies")))
    beams = ctx.treatment_beams
    if not beams:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no treatment beams")))
    uid = ctx.plan.sop_uid
    parts: list[Outcome] = []
    if ctx.is_ion:
        species = {(b.radiation_type, b.ion_z, b.ion_a) for b in beams if isinstance(b, IonBeam)}
        if len(species) > 1:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "treatment beams use different particles: "
                                                    "{particles}"), particles=str(sorted(map(str, species)))), [uid]))
        lo, hi = p["proton_energy_range_mev"]
        for b in beams:
            if not isinstance(b, IonBeam) or b.ion_z not in (1, None):
                continue
            es = [layer.energy_mev for layer in b.energy_layers]
            if es and (min(es) < lo or max(es) > hi):
                parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' has layers from {lowest:.1f} "
                                                        "to {highest:.1f} MeV, outside {low:g}-{high:g} MeV"),
                                      beam=b.name, lowest=min(es), highest=max(es), low=lo, high=hi), [uid]))
        tops = {b.name: b.max_energy_mev_per_u for b in beams if isinstance(b, IonBeam)}
        layers = Msg.joined((Msg("{beam} {energy:.1f} MeV/u", beam=k, energy=v) for k, v in tops.items() if v), LIST)
        parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "ion beams, highest layers {layers}"),
                                layers=layers)))
        return worst(parts)
    labels: dict[str, list[str]] = {}
    lo, hi = p["photon_energy_range_mv"] if ctx.plan.kind == "photon" else p["electron_energy_range_mev"]
    for b in beams:
        assert isinstance(b, Beam)
        cp_e = {cp.energy for cp in b.control_points if cp.energy is not None}
        if len(cp_e) > 1:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' changes nominal energy between "
                                                    "control points ({energies:g})"),
                                  beam=b.name, energies=sorted(cp_e)), [uid]))
        if b.energy is None:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' states no nominal energy"),
                                  beam=b.name), [uid]))
        elif not lo <= b.energy <= hi:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' energy {energy} outside "
                                                    "{low:g}-{high:g}"),
                                  beam=b.name, energy=b.energy_label or b.energy, low=lo, high=hi), [uid]))
        labels.setdefault(b.energy_label or str(b.energy), []).append(b.name)
    summary = "; ".join(f"{e}: {', '.join(n)}" for e, n in labels.items())
    if len(labels) > 1:
        parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "treatment beams use {count} energies ({summary}): "
                                                "confirm this is intended"), count=len(labels), summary=summary),
                          [uid], energies=sorted(labels)))
    else:
        parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "all {count} treatment beams {energy}"),
                                count=len(beams), energy=next(iter(labels))), energies=sorted(labels)))
    return worst(parts)


@check("zero_meterset_beams")
def zero_meterset_beams(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan: no beams")))
    uid = ctx.plan.sop_uid
    fg = ctx.plan.fraction_groups[0] if ctx.plan.fraction_groups else None
    in_fg = set(fg.beam_meterset) if fg is not None else set()
    parts: list[Outcome] = []
    for b in ctx.plan.beams:
        if b.treatment_delivery_type != "TREATMENT" or (b.meterset or 0.0) > p["min_meterset"]:
            continue
        if b.number not in in_fg and SETUP_NAME.search(b.name):
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' (#{number}) is marked TREATMENT "
                                                    "with no meterset (it is not in the fraction group); its name says "
                                                    "setup or imaging: it should be a SETUP beam"),
                                  beam=b.name, number=b.number), [uid]))
        elif b.number in in_fg:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "treatment beam '{beam}' (#{number}) delivers no "
                                                    "meterset (its fraction group meterset is 0)"),
                                  beam=b.name, number=b.number), [uid]))
        else:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "treatment beam '{beam}' (#{number}) delivers no "
                                                    "meterset (it is not in the fraction group)"),
                                  beam=b.name, number=b.number), [uid]))
    n = len(ctx.treatment_beams)
    return worst(parts, all_ok="") if parts else passed(
        Msg(QT_TRANSLATE_NOOP("CheckMessages", "all {count} treatment beams have a meterset"), count=n), [uid])


@check("setup_beams")
def setup_beams(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan: no beams")))
    uid = ctx.plan.sop_uid
    fg = ctx.plan.fraction_groups[0] if ctx.plan.fraction_groups else None
    meterset = fg.beam_meterset if fg is not None else {}
    beam_dose = fg.beam_dose_gy if fg is not None else {}
    setup = [b for b in ctx.plan.beams if b.treatment_delivery_type != "TREATMENT" or SETUP_NAME.search(b.name)]
    if not setup:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' has no setup or imaging beams"),
                                  plan=ctx.label))
    parts: list[Outcome] = []
    for b in setup:
        ms = meterset.get(b.number, 0.0) or 0.0
        bd = beam_dose.get(b.number, 0.0) or 0.0
        typ = b.treatment_delivery_type
        if typ == "TREATMENT" and ms > 0:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' (#{number}) is named like a "
                                                    "setup/imaging beam but is a TREATMENT beam with {mu:.1f} MU: it "
                                                    "is counted as treatment"), beam=b.name, number=b.number, mu=ms),
                              [uid]))
        elif typ in ("SETUP", "OPEN_PORTFILM") and bd > 0:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{delivery} beam '{beam}' (#{number}) carries a "
                                                    "beam dose of {dose:g} Gy in the fraction group: its dose is "
                                                    "counted with the treatment"),
                                  delivery=typ, beam=b.name, number=b.number, dose=bd), [uid]))
        elif ms > 0:
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{delivery} beam '{beam}' (#{number}) has "
                                                    "{mu:.1f} MU, not counted as treatment; confirm the imaging dose "
                                                    "is accounted for"), delivery=typ, beam=b.name, number=b.number,
                                  mu=ms), [uid]))
    treat_mu = sum(float(b.meterset or 0.0) for b in ctx.treatment_beams)
    names = ", ".join(f"'{b.name}' ({b.treatment_delivery_type})" for b in setup)
    return worst(parts) if parts else passed(
        Msg(QT_TRANSLATE_NOOP("CheckMessages", "{count} setup/imaging beams not counted ({names}); treatment "
                              "{mu:.1f} MU per fraction in {beams} beams"),
            count=len(setup), names=names, mu=treat_mu, beams=len(ctx.treatment_beams)),
        [uid], setup_beams=[b.name for b in setup])
