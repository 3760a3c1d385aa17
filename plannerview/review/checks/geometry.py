"""Isocentre placement and the couch when beams pass through it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .context import CheckContext
from .geometry_util import beam_isocenter, directions, support_direction
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst


@check("isocenter_position")
def isocenter_position(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable("brachytherapy plan: no isocentre")
    isos: dict[tuple[float, float, float], list[str]] = {}
    for b in ctx.treatment_beams:
        iso = beam_isocenter(b)
        if iso is not None:
            isos.setdefault(tuple(round(v, 2) for v in iso), []).append(b.name)  # type: ignore[arg-type]
    if not isos:
        return fail(f"no treatment beam of plan '{ctx.label}' states an isocentre", [ctx.plan.sop_uid])
    if ctx.structure_set is None:
        return not_applicable("no structure set: the isocentre cannot be placed against the body and targets")
    parts: list[Outcome] = []
    uid = ctx.plan.sop_uid
    targets = ctx.target_level()
    for iso, names in isos.items():
        where = f"isocentre ({iso[0]:.1f}, {iso[1]:.1f}, {iso[2]:.1f}) mm of {', '.join(names)}"
        if ctx.body is None:
            parts.append(warn(f"{where}: no EXTERNAL ROI to check it is inside the body"))
        elif not ctx.inside(ctx.body, iso):
            dist = ctx.distance_to_roi_mm(ctx.body, iso)
            msg = f"{where} is outside the body '{ctx.body.name}' (by {dist:.1f} mm)"
            parts.append(fail(msg, [uid]) if dist > p["outside_body_tolerance_mm"] else warn(msg, [uid]))
        if not targets:
            parts.append(warn(f"{where}: no target ROI to check the distance to"))
            continue
        dists = {t.name: ctx.distance_to_roi_mm(t, iso) for t in targets}
        name, dist = min(dists.items(), key=lambda kv: kv[1])
        msg = f"{where}: {dist:.1f} mm from target '{name}'" if dist > 0 else f"{where} is inside target '{name}'"
        vals: dict[str, Any] = {"isocenter_mm": list(iso), "distance_to_target_mm": round(dist, 2), "target": name}
        if dist > p["target_fail_mm"]:
            parts.append(fail(msg, [uid], **vals))
        elif dist > p["target_warn_mm"]:
            parts.append(warn(msg, [uid], **vals))
        else:
            parts.append(passed(msg, **vals))
    return worst(parts)


@check("couch_structure")
def couch_structure(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable("brachytherapy plan: no external beams")
    support = support_direction(ctx.patient_position)
    cos_lim = float(np.cos(np.radians(p["max_angle_from_couch_normal_deg"])))
    through: list[str] = []
    for b in ctx.treatment_beams:
        for d in directions(ctx, b):
            u = d.source_mm - d.iso_mm
            u = u / np.linalg.norm(u)
            if float(u @ support) >= cos_lim:
                through.append(f"'{b.name}' (gantry {d.gantry_deg:g})")
                break
    couch = ctx.support_rois()
    if not through:
        return passed(f"no beam enters through the couch ({ctx.patient_position})", [ctx.plan.sop_uid])
    if couch:
        return passed(f"beams {', '.join(through)} pass through the couch; support structures "
                      f"{', '.join(r.name for r in couch)} are present", [ctx.plan.sop_uid])
    if ctx.structure_set is None:
        return warn(f"beams {', '.join(through)} pass through the couch; no structure set to look for it")
    return fail(f"beams {', '.join(through)} pass through the couch ({ctx.patient_position}) but structure set "
                f"'{ctx.structure_set.label}' has no couch/support ROI: its attenuation is not modelled",
                [ctx.structure_set.sop_uid], beams=through)


__all__ = ["couch_structure", "isocenter_position", "worst"]
