"""Structures: TG-263 names, targets with dose references, empty ROIs, frames of reference, registrations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...compute.roi_names import standard_name
from ...model.common import DicomObject
from ...model.text import LIST, QT_TRANSLATE_NOOP, Msg
from .context import CheckContext
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst

# TG-263 target names: type, optional classifier letters, then "_"-separated qualifiers (PTVp_7000, CTV_High)
_TG263_TARGET = re.compile(r"^(PTV|CTV|GTV|ITV)[a-z]{0,2}(_[A-Za-z0-9.+-]+)*$")
_NOT_NAMED = ("MARKER", "ISOCENTER", "REGISTRATION", "CONTROL", "DOSE_REGION", "CONTRAST_AGENT", "CAVITY",
              "BRACHY_CHANNEL", "BRACHY_ACCESSORY", "BRACHY_SRC_APP", "BRACHY_CHNL_SHLD", "SUPPORT", "FIXATION",
              "BOLUS")


@check("tg263_names")
def tg263_names(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.structure_set is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no structure set")))
    prefixes = tuple(p["ignore_prefixes"])
    rois = [r for r in ctx.rois if r.interpreted_type.upper() not in _NOT_NAMED and not r.name.startswith(prefixes)
            and not r.is_point]
    if not rois:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no target or organ ROIs to name")))
    standard, alias, unknown = [], [], []
    for r in rois:
        std = standard_name(r.name)
        if std == r.name or _TG263_TARGET.match(r.name):
            standard.append(r.name)
        elif std is not None:
            alias.append(f"{r.name} -> {std}")
        else:
            unknown.append(r.name)
    bad = len(alias) + len(unknown)
    frac = len(unknown) / len(rois)  # recognised spellings (case, aliases) only warn
    clauses = [Msg(QT_TRANSLATE_NOOP("CheckMessages", "{standard} of {count} ROI names are TG-263"),
                   standard=len(standard), count=len(rois))]
    if alias:
        clauses.append(Msg(QT_TRANSLATE_NOOP("CheckMessages", "not standard but recognised: {names}"),
                           names=", ".join(alias)))
    if unknown:
        clauses.append(Msg(QT_TRANSLATE_NOOP("CheckMessages", "not recognised: {names}"), names=", ".join(unknown)))
    msg = Msg.joined(clauses)
    vals = {"standard": standard, "aliases": alias, "unknown": unknown, "unrecognised_fraction": round(frac, 3)}
    uid = [ctx.structure_set.sop_uid]
    if frac > p["fail_fraction"]:
        return fail(msg, uid, **vals)
    if bad:
        return warn(msg, uid, **vals)
    return passed(msg, uid, **vals)


@check("target_dose_references")
def target_dose_references(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    refs = ctx.target_dose_references
    uid = ctx.plan.sop_uid
    if not refs:
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' has no target dose reference with a "
                                          "prescription dose"), plan=ctx.label), [uid])
    if ctx.structure_set is None:
        return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{count} target dose references (no structure set to "
                                            "match them to ROIs)"), count=len(refs)), [uid])
    targets = ctx.target_level()
    if not targets:
        return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{count} target dose references but no target ROI in "
                                          "'{structure_set}'"), count=len(refs), structure_set=ctx.structure_set.label),
                    [uid])
    linked: dict[str, str] = {}
    for ref in refs:
        roi = ctx.dose_reference_roi(ref)
        if roi is not None:
            linked[roi.name] = f"{ref.description or ref.number} ({ref.target_prescription_gy:g} Gy)"
    rx_target, how = ctx.prescription_target
    unlinked = [t.name for t in targets if t.name not in linked]
    detail = "; ".join(f"{k}: {v}" for k, v in linked.items()) or Msg(QT_TRANSLATE_NOOP("CheckMessages",
                                                                                         "none by ROI"))
    vals = {"linked": linked, "unlinked": unlinked}
    if not linked:
        return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no target ROI is named by a dose reference ({references}); "
                                          "prescription taken to '{target}' ({how})"),
                        references=", ".join(r.description for r in refs), target=rx_target.name if rx_target else "?",
                        how=how), [uid], **vals)
    if unlinked:
        return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "targets without a dose reference: {targets} (linked: "
                                          "{linked})"), targets=", ".join(unlinked), linked=detail), [uid], **vals)
    return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "every target has a dose reference: {linked}"),
                      linked=detail), [uid], **vals)


@check("empty_goal_rois")
def empty_goal_rois(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.structure_set is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no structure set")))
    used: dict[str, str] = {}
    for ref in ctx.plan.dose_references:
        roi = ctx.roi_by_number(ref.referenced_roi_number)
        if roi is None and ref.structure_type.upper() in ("VOLUME", ""):
            roi = next((r for r in ctx.rois if r.name == ref.description), None)
        if roi is not None:
            used[roi.name] = Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose reference '{reference}'"),
                                 reference=ref.description or ref.number)
    report = ctx.goal_report
    if report is not None:
        for g in report.results:
            if g.matched_roi:
                used.setdefault(g.matched_roi, Msg(QT_TRANSLATE_NOOP("CheckMessages", "goal {roi} {metric}"),
                                                   roi=g.goal.roi, metric=g.goal.metric))
            else:  # not matched: is there an ROI of that name without contours?
                for want in g.goal.rois:
                    for r in ctx.rois:
                        if r.is_empty or not r.closed_contours:
                            if standard_name(r.name) == want or r.name.lower() == want.lower():
                                used.setdefault(r.name, Msg(QT_TRANSLATE_NOOP("CheckMessages", "goal {roi} {metric}"),
                                                            roi=g.goal.roi, metric=g.goal.metric))
    if not used:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no ROI is used by a dose reference or a goal")))
    empty: list[str] = []
    names: list[str] = []
    for name, why in used.items():
        roi = next((r for r in ctx.rois if r.name == name), None)
        if roi is not None and not roi.closed_contours:
            empty.append(Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{roi}' ({why}) has no closed contours"), roi=name,
                             why=why))
            names.append(empty[-1].split("'")[1])
    if empty:
        return fail(Msg.joined(empty), [ctx.structure_set.sop_uid], empty=names)
    return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{count} ROIs used by dose references or goals all have "
                                        "contours: {rois}"), count=len(used), rois=", ".join(used)),
                  [ctx.structure_set.sop_uid])


@check("frame_of_reference")
def frame_of_reference(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    objs: list[tuple[str, DicomObject]] = [(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan")), ctx.plan)]
    if ctx.structure_set is not None:
        objs.append((Msg(QT_TRANSLATE_NOOP("CheckMessages", "structure set")), ctx.structure_set))
    if ctx.dose is not None:
        objs.append((Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose")), ctx.dose))
    if ctx.image is not None:
        objs.append((Msg(QT_TRANSLATE_NOOP("CheckMessages", "image")), ctx.image))
    frames = {o.frame_of_reference_uid for _, o in objs if o.frame_of_reference_uid}
    names = Msg.joined((k for k, _ in objs), LIST)
    if len(frames) > 1:
        detail = Msg.joined((Msg("{what} {frame}", what=k, frame=o.frame_of_reference_uid) for k, o in objs))
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{objects} are on {count} frames of reference: {detail}"),
                        objects=names, count=len(frames), detail=detail), [o.sop_uid for _, o in objs])
    if len(objs) == 1:
        return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "only the plan: no structure set or dose to compare frames "
                                          "with")), [ctx.plan.sop_uid])
    return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{objects} share frame of reference {frame}"), objects=names,
                      frame=next(iter(frames), "?")))


@check("registrations")
def registrations(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    frame = ctx.plan.frame_of_reference_uid
    others = [i for i in ctx.case.images if i.frame_of_reference_uid and i.frame_of_reference_uid != frame]
    if not others:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no secondary images on another frame of "
                                                    "reference")))
    linked = set()
    for r in ctx.case.registrations:
        if r.frame_of_reference_uid == frame:
            linked.add(r.moving_frame_uid)
        if r.moving_frame_uid == frame:
            linked.add(r.frame_of_reference_uid)
    used = set(ctx.structure_set.referenced_series_uids) if ctx.structure_set is not None else set()
    parts: list[Outcome] = []
    for img in others:
        what = {"modality": img.modality, "series": img.description or img.series_uid}
        if img.frame_of_reference_uid in linked:
            parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{modality} series '{series}' is registered to "
                                                      "the planning frame"), **what)))
        elif img.series_uid in used:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{modality} series '{series}' is referenced by the "
                                                    "structure set (used in contouring) but no registration maps it to "
                                                    "the planning frame"), **what), [img.series_uid]))
        else:
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{modality} series '{series}' is on frame {frame} "
                                                    "with no registration to the planning frame"),
                                  frame=img.frame_of_reference_uid, **what), [img.series_uid]))
    return worst(parts)
