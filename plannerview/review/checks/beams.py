"""Beams: technique, MU (or meterset) per Gy, energies, zero-meterset beams, setup beams."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from ...model.plan import Beam, IonBeam
from .context import SETUP_NAME, CheckContext
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst

_STEREO = re.compile(r"sbrt|srs|sabr|srt|stereo|radiosurg", re.I)


def is_stereotactic(ctx: CheckContext, p: Mapping[str, Any]) -> tuple[bool, str]:
    """Stereotactic by name (SBRT, SRS, SABR...) or by hypofractionation (dose per fraction, fractions)."""
    text = f"{ctx.plan.label} {ctx.plan.name}"
    if _STEREO.search(text):
        return True, f"'{ctx.plan.label}' names a stereotactic technique"
    d, n = ctx.dose_per_fraction_gy, ctx.fractions
    if d and n and d >= p["stereotactic_min_gy_per_fx"] and n <= p["stereotactic_max_fractions"]:
        return True, f"{d:.3g} Gy x {n} fx is stereotactic hypofractionation"
    return False, ""


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
        return not_applicable("brachytherapy plan: no monitor units")
    beams = ctx.treatment_beams
    if not beams:
        return fail(f"plan '{ctx.label}' has no treatment beam with a meterset", [ctx.plan.sop_uid])
    d = ctx.dose_per_fraction_gy
    if not d:
        return not_applicable(f"plan '{ctx.label}' states neither a prescription with fractions nor beam doses")
    total = sum(float(b.meterset or 0.0) for b in beams)
    per_gy = total / d
    if ctx.is_ion:
        tech, key = ctx.plan.kind, "ion"
        unit = next((b.meterset_unit for b in beams if isinstance(b, IonBeam) and b.meterset_unit), "") or "MU"
        spots = sum(b.n_spots for b in beams if isinstance(b, IonBeam))
        extra = f", {spots} spots ({spots / d:.0f} per Gy)"
    else:
        tech = photon_technique(ctx, int(p["imrt_min_segments"]))
        key, unit, extra = tech.lower(), "MU", ""
    status = _range_status(per_gy, p[f"{key}_warn_range"], p[f"{key}_fail_range"])
    msg = (f"{tech} plan '{ctx.label}': {total:.1f} {unit} per fraction for {d:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy"
           f"{extra} (plausible {p[f'{key}_warn_range'][0]:g}-{p[f'{key}_warn_range'][1]:g})")
    vals = {"technique": tech, "meterset_per_fraction": round(total, 3), "meterset_per_gy": round(per_gy, 2)}
    return {"pass": passed, "warn": warn, "fail": fail}[status](msg, [ctx.plan.sop_uid], **vals)


@check("energies_consistent")
def energies_consistent(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable("brachytherapy plan: no beam energies")
    beams = ctx.treatment_beams
    if not beams:
        return not_applicable("no treatment beams")
    uid = ctx.plan.sop_uid
    parts: list[Outcome] = []
    if ctx.is_ion:
        species = {(b.radiation_type, b.ion_z, b.ion_a) for b in beams if isinstance(b, IonBeam)}
        if len(species) > 1:
            parts.append(fail(f"treatment beams use different particles: {sorted(map(str, species))}", [uid]))
        lo, hi = p["proton_energy_range_mev"]
        for b in beams:
            if not isinstance(b, IonBeam) or b.ion_z not in (1, None):
                continue
            es = [layer.energy_mev for layer in b.energy_layers]
            if es and (min(es) < lo or max(es) > hi):
                parts.append(fail(f"beam '{b.name}' has layers from {min(es):.1f} to {max(es):.1f} MeV, outside "
                                  f"{lo:g}-{hi:g} MeV", [uid]))
        tops = {b.name: b.max_energy_mev_per_u for b in beams if isinstance(b, IonBeam)}
        parts.append(passed("ion beams, highest layers " + ", ".join(f"{k} {v:.1f} MeV/u" for k, v in tops.items() if v)))
        return worst(parts)
    labels: dict[str, list[str]] = {}
    lo, hi = p["photon_energy_range_mv"] if ctx.plan.kind == "photon" else p["electron_energy_range_mev"]
    for b in beams:
        assert isinstance(b, Beam)
        cp_e = {cp.energy for cp in b.control_points if cp.energy is not None}
        if len(cp_e) > 1:
            parts.append(fail(f"beam '{b.name}' changes nominal energy between control points "
                              f"({', '.join(f'{e:g}' for e in sorted(cp_e))})", [uid]))
        if b.energy is None:
            parts.append(fail(f"beam '{b.name}' states no nominal energy", [uid]))
        elif not lo <= b.energy <= hi:
            parts.append(fail(f"beam '{b.name}' energy {b.energy_label or b.energy} outside {lo:g}-{hi:g}", [uid]))
        labels.setdefault(b.energy_label or str(b.energy), []).append(b.name)
    summary = "; ".join(f"{e}: {', '.join(n)}" for e, n in labels.items())
    if len(labels) > 1:
        parts.append(warn(f"treatment beams use {len(labels)} energies ({summary}): confirm this is intended", [uid],
                          energies=sorted(labels)))
    else:
        parts.append(passed(f"all {len(beams)} treatment beams {next(iter(labels))}", energies=sorted(labels)))
    return worst(parts)


@check("zero_meterset_beams")
def zero_meterset_beams(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable("brachytherapy plan: no beams")
    uid = ctx.plan.sop_uid
    fg = ctx.plan.fraction_groups[0] if ctx.plan.fraction_groups else None
    in_fg = set(fg.beam_meterset) if fg is not None else set()
    parts: list[Outcome] = []
    for b in ctx.plan.beams:
        if b.treatment_delivery_type != "TREATMENT" or (b.meterset or 0.0) > p["min_meterset"]:
            continue
        where = "its fraction group meterset is 0" if b.number in in_fg else "it is not in the fraction group"
        if b.number not in in_fg and SETUP_NAME.search(b.name):
            parts.append(warn(f"beam '{b.name}' (#{b.number}) is marked TREATMENT with no meterset ({where}); "
                              "its name says setup or imaging: it should be a SETUP beam", [uid]))
        else:
            parts.append(fail(f"treatment beam '{b.name}' (#{b.number}) delivers no meterset ({where})", [uid]))
    n = len(ctx.treatment_beams)
    return worst(parts, all_ok="") if parts else passed(f"all {n} treatment beams have a meterset", [uid])


@check("setup_beams")
def setup_beams(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable("brachytherapy plan: no beams")
    uid = ctx.plan.sop_uid
    fg = ctx.plan.fraction_groups[0] if ctx.plan.fraction_groups else None
    meterset = fg.beam_meterset if fg is not None else {}
    beam_dose = fg.beam_dose_gy if fg is not None else {}
    setup = [b for b in ctx.plan.beams if b.treatment_delivery_type != "TREATMENT" or SETUP_NAME.search(b.name)]
    if not setup:
        return not_applicable(f"plan '{ctx.label}' has no setup or imaging beams")
    parts: list[Outcome] = []
    for b in setup:
        ms = meterset.get(b.number, 0.0) or 0.0
        bd = beam_dose.get(b.number, 0.0) or 0.0
        typ = b.treatment_delivery_type
        if typ == "TREATMENT" and ms > 0:
            parts.append(fail(f"beam '{b.name}' (#{b.number}) is named like a setup/imaging beam but is a TREATMENT "
                              f"beam with {ms:.1f} MU: it is counted as treatment", [uid]))
        elif typ in ("SETUP", "OPEN_PORTFILM") and bd > 0:
            parts.append(fail(f"{typ} beam '{b.name}' (#{b.number}) carries a beam dose of {bd:g} Gy in the fraction "
                              "group: its dose is counted with the treatment", [uid]))
        elif ms > 0:
            parts.append(warn(f"{typ} beam '{b.name}' (#{b.number}) has {ms:.1f} MU, not counted as treatment; "
                              "confirm the imaging dose is accounted for", [uid]))
    treat_mu = sum(float(b.meterset or 0.0) for b in ctx.treatment_beams)
    names = ", ".join(f"'{b.name}' ({b.treatment_delivery_type})" for b in setup)
    return worst(parts) if parts else passed(
        f"{len(setup)} setup/imaging beams not counted ({names}); treatment {treat_mu:.1f} MU per fraction in "
        f"{len(ctx.treatment_beams)} beams", [uid], setup_beams=[b.name for b in setup])
