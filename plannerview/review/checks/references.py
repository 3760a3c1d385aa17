"""Approval status, the dose's plan reference, and the TPS's stored DVHs against ours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...compute.tps_dvh import compare_with_tps
from ...model.text import QT_TRANSLATE_NOOP, Msg
from .context import CheckContext
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst


@check("approval_status")
def approval_status(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    status = (ctx.plan.approval or "").upper()
    uid = [ctx.plan.sop_uid]
    if status == "APPROVED":
        return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' is APPROVED in the planning system"),
                          plan=ctx.label), uid, approval=status)
    if status == "UNAPPROVED":
        return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' is UNAPPROVED: not yet approved in the "
                                          "planning system"), plan=ctx.label), uid, approval=status)
    if status == "REJECTED":
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' is REJECTED in the planning system"),
                        plan=ctx.label), uid, approval=status)
    if status:
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' has no valid Approval Status ({status})"),
                        plan=ctx.label, status=status), uid, approval=status)
    return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' has no valid Approval Status (missing)"),
                    plan=ctx.label), uid, approval=status)


@check("dose_plan_reference")
def dose_plan_reference(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    dose = ctx.dose
    if dose is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no dose for plan '{plan}'"), plan=ctx.label))
    uid = [dose.sop_uid]
    ref = dose.referenced_plan_uid
    if not ref:
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the dose references no plan (ReferencedRTPlanSequence "
                                          "missing)")), uid)
    if ref != ctx.plan.sop_uid:
        other = ctx.case.plan(ref)
        if other is None:
            return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the dose references plan {uid}, which is not in the "
                                              "input (reviewing '{plan}')"), uid=ref, plan=ctx.label), uid)
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the dose belongs to plan '{other}', not to '{plan}'"),
                        other=other.label, plan=ctx.label), uid)
    numbers = {b.number for b in ctx.plan.beams}
    missing = [n for n in dose.referenced_beam_numbers if n not in numbers]
    if missing:
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the dose references beam(s) {beams}, not in plan "
                                          "'{plan}'"), beams=", ".join(map(str, missing)), plan=ctx.label), uid)
    return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the dose references plan '{plan}' ({uid})"), plan=ctx.label,
                      uid=ref), uid)


@check("tps_dvh_agreement")
def tps_dvh_agreement(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    dose = ctx.dose
    if dose is None or not dose.tps_dvhs:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the dose stores no TPS DVHs")))
    if ctx.structure_set is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no structure set to compute our DVHs on")))
    if not dose.is_gy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "RELATIVE dose: DVHs are not compared")))
    rx = ctx.prescription_gy
    ref_gy = rx or (dose.max_gy or 1.0)
    parts: list[Outcome] = []
    worst_diff = 0.0
    compared = 0
    for tps in dose.tps_dvhs:
        roi = ctx.roi_by_number(tps.roi_number)
        if roi is None or not roi.closed_contours:
            continue
        h = ctx.dvh(roi)
        if h.covered_cc < p["min_volume_cc"]:
            continue
        comp, _ = compare_with_tps(h, tps, rx)
        doc: dict[str, Any] = comp.to_json()
        if doc.get("dmean_gy") is None:
            continue
        ours_doc = doc.get("ours_on_tps_volume") or {}
        ours = {"Dmean": ours_doc.get("dmean_gy", h.dmean)}
        for k in ("98", "50", "2"):
            ours[f"D{k}"] = (ours_doc.get("d_percent_gy") or {}).get(k, h.dose_at_percent(float(k)))
        theirs = {"Dmean": doc["dmean_gy"], **{f"D{k}": doc["d_percent_gy"][k] for k in ("98", "50", "2")}}
        compared += 1
        diffs = {m: 100.0 * (ours[m] - theirs[m]) / ref_gy for m in ours}
        m, d = max(diffs.items(), key=lambda kv: abs(kv[1]))
        worst_diff = max(worst_diff, abs(d))
        msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "'{roi}' {metric}: ours {ours:.2f} Gy, TPS {theirs:.2f} Gy "
                                    "({diff:+.1f} % of {ref:g} Gy)"),
                  roi=roi.name, metric=m, ours=ours[m], theirs=theirs[m], diff=d, ref=ref_gy)
        if abs(d) > p["fail_pct"]:
            parts.append(fail(msg, [dose.sop_uid]))
        elif abs(d) > p["warn_pct"]:
            parts.append(warn(msg, [dose.sop_uid]))
    if not compared:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no stored TPS DVH of an ROI of at least "
                                                    "{volume:g} cc"), volume=p["min_volume_cc"]))
    ok = Msg(QT_TRANSLATE_NOOP("CheckMessages", "{count} TPS DVHs agree with ours within {limit:g} % of {ref:g} Gy "
                               "(largest {largest:.2f} %)"), count=compared, limit=p["warn_pct"], ref=ref_gy,
             largest=worst_diff)
    out = worst(parts) if parts else passed(ok, [dose.sop_uid])
    out.values.update({"compared": compared, "largest_diff_pct": round(worst_diff, 3)})
    return out
