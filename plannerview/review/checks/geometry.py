"""Isocentre placement and the couch when beams pass through it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ...model.text import LIST, QT_TRANSLATE_NOOP, Msg
from .context import CheckContext
from .geometry_util import beam_isocenter, directions, support_direction
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst


@check("isocenter_position")
def isocenter_position(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan: no isocentre")))
    isos: dict[tuple[float, float, float], list[str]] = {}
    for b in ctx.treatment_beams:
        iso = beam_isocenter(b)
        if iso is not None:
            isos.setdefault(tuple(round(v, 2) for v in iso), []).append(b.name)  # type: ignore[arg-type]
    if not isos:
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no treatment beam of plan '{plan}' states an isocentre"),
                        plan=ctx.label), [ctx.plan.sop_uid])
    if ctx.structure_set is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no structure set: the isocentre cannot be placed "
                                                    "against the body and targets")))
    parts: list[Outcome] = []
    uid = ctx.plan.sop_uid
    targets = ctx.target_level()
    for iso, names in isos.items():
        at = {"x": iso[0], "y": iso[1], "z": iso[2], "beams": ", ".join(names)}
        if ctx.body is None:
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of "
                                                    "{beams}: no EXTERNAL ROI to check it is inside the body"), **at)))
        elif not ctx.inside(ctx.body, iso):
            dist = ctx.distance_to_roi_mm(ctx.body, iso)
            msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams} is "
                                        "outside the body '{body}' (by {distance:.1f} mm)"),
                      body=ctx.body.name, distance=dist, **at)
            parts.append(fail(msg, [uid]) if dist > p["outside_body_tolerance_mm"] else warn(msg, [uid]))
        if not targets:
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of "
                                                    "{beams}: no target ROI to check the distance to"), **at)))
            continue
        dists = {t.name: ctx.distance_to_roi_mm(t, iso) for t in targets}
        name, dist = min(dists.items(), key=lambda kv: kv[1])
        if dist > 0:
            msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams}: "
                                        "{distance:.1f} mm from target '{target}'"), distance=dist, target=name, **at)
        else:
            msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams} is inside "
                                        "target '{target}'"), target=name, **at)
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
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan: no external beams")))
    support = support_direction(ctx.patient_position)
    cos_lim = float(np.cos(np.radians(p["max_angle_from_couch_normal_deg"])))
    through: list[str] = []
    for b in ctx.treatment_beams:
        for d in directions(ctx, b):
            u = d.source_mm - d.iso_mm
            u = u / np.linalg.norm(u)
            if float(u @ support) >= cos_lim:
                through.append(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{beam}' (gantry {gantry:g})"), beam=b.name,
                                   gantry=d.gantry_deg))
                break
    couch = ctx.support_rois()
    if not through:
        return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no beam enters through the couch ({position})"),
                          position=ctx.patient_position), [ctx.plan.sop_uid])
    beams = Msg.joined(through, LIST)
    if couch:
        return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beams {beams} pass through the couch; support structures "
                                            "{rois} are present"), beams=beams, rois=", ".join(r.name for r in couch)),
                      [ctx.plan.sop_uid])
    if ctx.structure_set is None:
        return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beams {beams} pass through the couch; no structure set to "
                                          "look for it"), beams=beams))
    return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beams {beams} pass through the couch ({position}) but structure "
                                      "set '{structure_set}' has no couch/support ROI: its attenuation is not "
                                      "modelled"), beams=beams, position=ctx.patient_position,
                    structure_set=ctx.structure_set.label),
                [ctx.structure_set.sop_uid], beams=[str(t) for t in through])


__all__ = ["couch_structure", "isocenter_position", "worst"]
