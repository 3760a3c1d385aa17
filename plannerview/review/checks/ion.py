"""Ion plans: range shifter and snout, spots and energy layers, RBE-weighted dose."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model.plan import IonBeam
from .context import CheckContext
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst


def _ion_beams(ctx: CheckContext) -> list[IonBeam]:
    return [b for b in ctx.treatment_beams if isinstance(b, IonBeam)]


@check("ion_range_shifter_snout")
def ion_range_shifter_snout(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if not ctx.is_ion:
        return not_applicable("not an ion plan")
    uid = [ctx.plan.sop_uid]
    parts: list[Outcome] = []
    for b in _ion_beams(ctx):
        declared = {r.number: r for r in b.range_shifters}
        settings = b.range_shifter_settings
        stated = {s.referenced_number for s in settings if s.control_point_index == settings[0].control_point_index} \
            if settings else set()
        for n, rs in declared.items():
            if n not in stated:
                parts.append(fail(f"beam '{b.name}': range shifter '{rs.id}' (#{n}) is declared but its setting is "
                                  "not given at the first control point", uid))
        for s in settings:
            if s.referenced_number not in declared:
                parts.append(fail(f"beam '{b.name}': a control point sets range shifter #{s.referenced_number}, "
                                  "which the beam does not declare", uid))
        if len(b.snout_positions_mm) > 1:
            parts.append(warn(f"beam '{b.name}': the snout moves during the beam "
                              f"({', '.join(f'{v:g}' for v in b.snout_positions_mm)} mm)", uid))
        if b.snout_id and not b.snout_positions_mm:
            parts.append(fail(f"beam '{b.name}': snout '{b.snout_id}' with no snout position", uid))
        snout = b.snout_positions_mm[0] if b.snout_positions_mm else None
        inserted = [s for s in settings if s.setting.upper() == "IN"]
        for s in inserted:
            shifter = declared.get(s.referenced_number)
            name = shifter.id if shifter else f"#{s.referenced_number}"
            if s.water_equivalent_thickness_mm is not None and s.water_equivalent_thickness_mm <= 0:
                parts.append(fail(f"beam '{b.name}': range shifter {name} is IN with a water-equivalent thickness of "
                                  f"{s.water_equivalent_thickness_mm:g} mm", uid))
            d = s.isocenter_to_range_shifter_mm
            if snout is not None and d is not None and d < snout - p["snout_tolerance_mm"]:
                parts.append(fail(f"beam '{b.name}': range shifter {name} at {d:.1f} mm from the isocentre is "
                                  f"downstream of the snout at {snout:.1f} mm: the two are inconsistent", uid))
            elif snout is not None and d is not None:
                parts.append(passed(f"'{b.name}': {name} IN at {d:.1f} mm, snout at {snout:.1f} mm"))
        if not declared and not settings:
            parts.append(passed(f"'{b.name}': no range shifter"
                                + (f", snout {b.snout_id} at {snout:g} mm" if snout is not None else "")))
    return worst(parts)


@check("ion_spots_layers")
def ion_spots_layers(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if not ctx.is_ion:
        return not_applicable("not an ion plan")
    uid = [ctx.plan.sop_uid]
    parts: list[Outcome] = []
    for b in _ion_beams(ctx):
        n_layers, n_spots = len(b.energy_layers), b.n_spots
        if b.scan_mode and b.scan_mode not in ("MODULATED", "MODULATED_SPEC"):
            parts.append(passed(f"'{b.name}': scan mode {b.scan_mode} (no spot map to check)"))
            continue
        if n_spots == 0:
            parts.append(fail(f"beam '{b.name}' has a meterset of {b.meterset:g} but no spot with a weight", uid))
            continue
        msg = f"'{b.name}': {n_layers} energy layers, {n_spots} spots"
        if n_layers > p["max_layers"] or n_spots > p["max_spots_per_beam"]:
            parts.append(fail(msg + f" (at most {p['max_layers']} layers, {p['max_spots_per_beam']} spots)", uid))
            continue
        per_layer = [len(layer.spot_weights) for layer in b.energy_layers]
        es = [layer.energy_mev for layer in b.energy_layers]
        steps = [a - c for a, c in zip(es, es[1:], strict=False)]
        if any(s <= 0 for s in steps) and p["layers_descending"]:
            parts.append(warn(msg + ": energy layers are not in descending order", uid))
        elif max(per_layer) > p["max_spots_per_layer"]:
            parts.append(warn(msg + f"; a layer has {max(per_layer)} spots (over {p['max_spots_per_layer']})", uid))
        else:
            parts.append(passed(msg + f" ({min(per_layer)}-{max(per_layer)} per layer)"))
    return worst(parts)


@check("ion_rbe_dose")
def ion_rbe_dose(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if not ctx.is_ion:
        if ctx.dose is not None and ctx.dose.dose_type.upper() == "EFFECTIVE":
            return warn(f"{ctx.plan.kind} plan with an EFFECTIVE (RBE-weighted) dose", [ctx.dose.sop_uid])
        return not_applicable("not an ion plan")
    dose = ctx.dose
    if dose is None:
        return not_applicable(f"no dose for plan '{ctx.label}'")
    typ = dose.dose_type.upper()
    against = "the clinical goals and the prescription" if ctx.goal_report is not None else "the prescription"
    if typ == "EFFECTIVE":
        return passed(f"RBE-weighted (EFFECTIVE) dose in Gy(RBE) is compared with {against}", [dose.sop_uid])
    return fail(f"{ctx.plan.kind} plan reviewed on a {typ or 'untyped'} dose: {against} are RBE-weighted "
                "(Gy(RBE)); use the EFFECTIVE dose", [dose.sop_uid], dose_type=typ)
