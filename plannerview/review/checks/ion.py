"""Ion plans: range shifter and snout, spots and energy layers, RBE-weighted dose."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model.plan import IonBeam
from ...model.text import QT_TRANSLATE_NOOP, Msg
from .context import CheckContext
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst


def _ion_beams(ctx: CheckContext) -> list[IonBeam]:
    return [b for b in ctx.treatment_beams if isinstance(b, IonBeam)]


@check("ion_range_shifter_snout")
def ion_range_shifter_snout(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if not ctx.is_ion:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "not an ion plan")))
    uid = [ctx.plan.sop_uid]
    parts: list[Outcome] = []
    for b in _ion_beams(ctx):
        declared = {r.number: r for r in b.range_shifters}
        settings = b.range_shifter_settings
        stated = {s.referenced_number for s in settings if s.control_point_index == settings[0].control_point_index} \
            if settings else set()
        for n, rs in declared.items():
            if n not in stated:
                parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}': range shifter '{shifter}' "
                                                        "(#{number}) is declared but its setting is not given at the "
                                                        "first control point"), beam=b.name, shifter=rs.id, number=n),
                                  uid))
        for s in settings:
            if s.referenced_number not in declared:
                parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}': a control point sets range "
                                                        "shifter #{number}, which the beam does not declare"),
                                      beam=b.name, number=s.referenced_number), uid))
        if len(b.snout_positions_mm) > 1:
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}': the snout moves during the beam "
                                                    "({positions:g} mm)"),
                                  beam=b.name, positions=list(b.snout_positions_mm)), uid))
        if b.snout_id and not b.snout_positions_mm:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}': snout '{snout}' with no snout "
                                                    "position"), beam=b.name, snout=b.snout_id), uid))
        snout = b.snout_positions_mm[0] if b.snout_positions_mm else None
        inserted = [s for s in settings if s.setting.upper() == "IN"]
        for s in inserted:
            shifter = declared.get(s.referenced_number)
            name = shifter.id if shifter else f"#{s.referenced_number}"
            if s.water_equivalent_thickness_mm is not None and s.water_equivalent_thickness_mm <= 0:
                parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}': range shifter {shifter} is IN "
                                                        "with a water-equivalent thickness of {thickness:g} mm"),
                                      beam=b.name, shifter=name, thickness=s.water_equivalent_thickness_mm), uid))
            d = s.isocenter_to_range_shifter_mm
            if snout is not None and d is not None and d < snout - p["snout_tolerance_mm"]:
                parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}': range shifter {shifter} at "
                                                        "{distance:.1f} mm from the isocentre is downstream of the "
                                                        "snout at {snout:.1f} mm: the two are inconsistent"),
                                      beam=b.name, shifter=name, distance=d, snout=snout), uid))
            elif snout is not None and d is not None:
                parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}': {shifter} IN at {distance:.1f} mm, "
                                                          "snout at {snout:.1f} mm"),
                                        beam=b.name, shifter=name, distance=d, snout=snout)))
        if not declared and not settings:
            if snout is not None:
                parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}': no range shifter, snout {snout} "
                                                          "at {position:g} mm"),
                                        beam=b.name, snout=b.snout_id, position=snout)))
            else:
                parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}': no range shifter"), beam=b.name)))
    return worst(parts)


@check("ion_spots_layers")
def ion_spots_layers(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if not ctx.is_ion:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "not an ion plan")))
    uid = [ctx.plan.sop_uid]
    parts: list[Outcome] = []
    for b in _ion_beams(ctx):
        n_layers, n_spots = len(b.energy_layers), b.n_spots
        if b.scan_mode and b.scan_mode not in ("MODULATED", "MODULATED_SPEC"):
            parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}': scan mode {mode} (no spot map to "
                                                      "check)"), beam=b.name, mode=b.scan_mode)))
            continue
        if n_spots == 0:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' has a meterset of {meterset:g} but "
                                                    "no spot with a weight"), beam=b.name, meterset=b.meterset), uid))
            continue
        counts = {"beam": b.name, "layers": n_layers, "spots": n_spots}
        if n_layers > p["max_layers"] or n_spots > p["max_spots_per_beam"]:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}': {layers} energy layers, {spots} spots "
                                                    "(at most {max_layers} layers, {max_spots} spots)"),
                                  max_layers=p["max_layers"], max_spots=p["max_spots_per_beam"], **counts), uid))
            continue
        per_layer = [len(layer.spot_weights) for layer in b.energy_layers]
        es = [layer.energy_mev for layer in b.energy_layers]
        steps = [a - c for a, c in zip(es, es[1:], strict=False)]
        if any(s <= 0 for s in steps) and p["layers_descending"]:
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}': {layers} energy layers, {spots} spots: "
                                                    "energy layers are not in descending order"), **counts), uid))
        elif max(per_layer) > p["max_spots_per_layer"]:
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}': {layers} energy layers, {spots} spots; "
                                                    "a layer has {most} spots (over {limit})"),
                                  most=max(per_layer), limit=p["max_spots_per_layer"], **counts), uid))
        else:
            parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}': {layers} energy layers, {spots} spots "
                                                      "({fewest}-{most} per layer)"),
                                    fewest=min(per_layer), most=max(per_layer), **counts)))
    return worst(parts)


@check("ion_rbe_dose")
def ion_rbe_dose(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if not ctx.is_ion:
        if ctx.dose is not None and ctx.dose.dose_type.upper() == "EFFECTIVE":
            return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{kind} plan with an EFFECTIVE (RBE-weighted) dose"),
                            kind=_kind(ctx.plan.kind)), [ctx.dose.sop_uid])
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "not an ion plan")))
    dose = ctx.dose
    if dose is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no dose for plan '{plan}'"), plan=ctx.label))
    typ = dose.dose_type.upper()
    goals = ctx.goal_report is not None
    if typ == "EFFECTIVE":
        if goals:
            return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "RBE-weighted (EFFECTIVE) dose in Gy(RBE) is compared "
                                                "with the clinical goals and the prescription")), [dose.sop_uid])
        return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "RBE-weighted (EFFECTIVE) dose in Gy(RBE) is compared "
                                            "with the prescription")), [dose.sop_uid])
    kind, dose_type = _kind(ctx.plan.kind), typ or Msg(QT_TRANSLATE_NOOP("CheckMessages", "untyped"))
    if goals:
        said = Msg(QT_TRANSLATE_NOOP("CheckMessages", "{kind} plan reviewed on a {dose_type} dose: the clinical goals "
                                     "and the prescription are RBE-weighted (Gy(RBE)); use the EFFECTIVE dose"),
                   kind=kind, dose_type=dose_type)
    else:
        said = Msg(QT_TRANSLATE_NOOP("CheckMessages", "{kind} plan reviewed on a {dose_type} dose: the prescription are "
                                     "RBE-weighted (Gy(RBE)); use the EFFECTIVE dose"), kind=kind, dose_type=dose_type)
    return fail(said, [dose.sop_uid], dose_type=typ)


def _kind(kind: str) -> str:
    """The plan's radiation kind as a word of a message (translated where the core marks it)."""
    from .beams import _KIND_WORDS

    return _KIND_WORDS.get(kind, kind)
