"""Prescription consistency and the dose's summation type."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...model.text import QT_TRANSLATE_NOOP, Msg
from .context import CheckContext
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst

_FX_IN_LABEL = re.compile(r"(\d{1,2})\s*(?:#|fx\b|fr\b|fractions?\b)", re.I)
_GY_IN_LABEL = re.compile(r"(\d+(?:[.,]\d+)?)\s*c?gy", re.I)


def _pct(a: float, b: float) -> float:
    return 100.0 * (a - b) / b


@check("prescription_consistency")
def prescription_consistency(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    rx, n = ctx.prescription_gy, ctx.fractions
    uid = ctx.plan.sop_uid
    if ctx.is_brachy and not rx:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan '{plan}' states no prescription"),
                                  plan=ctx.label))
    if rx is None:
        return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' states no target prescription dose: nothing "
                                          "to check it against"), plan=ctx.label), [uid])
    parts: list[Outcome] = [passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "Rx {rx:g} Gy in {fractions} fx"), rx=rx,
                                       fractions=n or "?"), [uid], prescription_gy=rx, fractions=n)]
    targets = ctx.target_dose_references
    doses = sorted({round(d.target_prescription_gy or 0.0, 4) for d in targets})
    if len(doses) > 1:
        parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "target dose levels {levels:g} Gy"), levels=doses)))
    # fraction group: the beams' dose per fraction times the fractions
    fg = ctx.plan.fraction_groups[0] if ctx.plan.fraction_groups else None
    treat = {b.number for b in ctx.treatment_beams}
    if fg is not None and fg.beam_dose_gy and n:
        per_fx = sum(v for k, v in fg.beam_dose_gy.items() if k in treat)
        total = per_fx * n
        dev = _pct(total, rx) if rx else 0.0
        msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "fraction group: beam doses {per_fx:.4g} Gy x {fractions} fx = "
                                    "{total:.4g} Gy vs Rx {rx:g} Gy ({dev:+.1f} %)"),
                  per_fx=per_fx, fractions=n, total=total, rx=rx, dev=dev)
        if abs(dev) > p["beam_dose_fail_pct"]:
            parts.append(fail(msg, [uid], beam_dose_total_gy=total))
        elif abs(dev) > p["beam_dose_warn_pct"]:
            parts.append(warn(msg, [uid], beam_dose_total_gy=total))
        else:
            parts.append(passed(msg, beam_dose_total_gy=total))
    # the label: "23#F", "5fx", "50Gy"
    label = ctx.plan.label if ctx.plan.name in ("", ctx.plan.label) else f"{ctx.plan.label} {ctx.plan.name}"
    for m in _FX_IN_LABEL.finditer(label):
        if n and int(m.group(1)) != n:
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan label '{label}' says {label_fractions} "
                                                    "fractions, the fraction group {fractions}"),
                                  label=ctx.plan.label, label_fractions=m.group(1), fractions=n), [uid]))
    for m in _GY_IN_LABEL.finditer(label):
        v = float(m.group(1).replace(",", "."))
        if "cgy" in m.group(0).lower():
            v /= 100.0
        per = rx / n if n else None
        if all(abs(v - x) > 0.01 * x for x in (rx, per) if x):
            if per:
                said = Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan label '{label}' says {label_gy:g} Gy; the "
                                             "prescription is {rx:g} Gy ({per_fx:.3g} Gy/fx)"),
                           label=ctx.plan.label, label_gy=v, rx=rx, per_fx=per)
            else:
                said = Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan label '{label}' says {label_gy:g} Gy; the "
                                             "prescription is {rx:g} Gy"), label=ctx.plan.label, label_gy=v, rx=rx)
            parts.append(warn(said, [uid]))
    if ctx.plan.intent.upper() == "VERIFICATION":
        parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan intent is VERIFICATION (a QA plan), not a "
                                                "treatment plan")), [uid]))
    # the dose: maximum and target coverage
    dose = ctx.dose
    if dose is not None and dose.is_gy and dose.summation_type in ("PLAN", "MULTI_PLAN", "FRACTION") \
            and not ctx.is_brachy:  # brachytherapy doses peak far above the prescription by nature
        ref = rx / n if dose.summation_type == "FRACTION" and n else rx
        dmax = dose.max_gy or 0.0
        ratio = dmax / ref
        msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose maximum {dmax:.2f} {unit} = {pct:.1f} % of {ref:.4g} Gy"),
                  dmax=dmax, unit=dose.unit_label, pct=100 * ratio, ref=ref)
        if ratio < p["dmax_min_ratio"] or ratio > p["dmax_fail_ratio"]:
            parts.append(fail(msg, [dose.sop_uid], dmax_ratio=round(ratio, 4)))
        elif ratio > p["dmax_warn_ratio"]:
            parts.append(warn(msg, [dose.sop_uid], dmax_ratio=round(ratio, 4)))
        else:
            parts.append(passed(msg, dmax_ratio=round(ratio, 4)))
        target, how = ctx.prescription_target
        if target is not None and ctx.structure_set is not None:
            h = ctx.dvh(target)
            if h.covered_cc > 0:
                d95 = h.dose_at_percent(float(p["coverage_volume_pct"]))
                cov = d95 / ref
                msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "target '{target}' ({how}) {metric} {dose:.2f} {unit} = "
                                            "{pct:.1f} % of Rx"), target=target.name, how=how,
                          metric=f"D{p['coverage_volume_pct']:g}%", dose=d95, unit=dose.unit_label, pct=100 * cov)
                if cov < p["coverage_fail_ratio"]:
                    parts.append(fail(msg, [dose.sop_uid], coverage_ratio=round(cov, 4), target=target.name))
                elif cov < p["coverage_warn_ratio"]:
                    parts.append(warn(msg, [dose.sop_uid], coverage_ratio=round(cov, 4), target=target.name))
                else:
                    parts.append(passed(msg, coverage_ratio=round(cov, 4), target=target.name))
        elif target is None:
            parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no target ROI for the prescription ({how}): "
                                                    "coverage not checked"), how=how)))
    return worst(parts)


@check("dose_summation")
def dose_summation(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    dose = ctx.dose
    if dose is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no dose for plan '{plan}'"), plan=ctx.label))
    st = dose.summation_type.upper()
    rx, n = ctx.prescription_gy, ctx.fractions
    uid = dose.sop_uid
    treat = ctx.treatment_beams
    if st == "BEAM":
        beams = ", ".join(str(b) for b in dose.referenced_beam_numbers) or "?"
        if len(treat) > 1:
            return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the dose under review is a BEAM dose (beam {beams}) of a "
                                              "plan with {count} treatment beams: the prescription and goals are for "
                                              "the whole plan"), beams=beams, count=len(treat)), [uid], summation=st)
        return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "BEAM dose of the plan's only treatment beam ({beams})"),
                          beams=beams), [uid], summation=st)
    if st not in ("PLAN", "MULTI_PLAN", "FRACTION", "BRACHY"):
        if st:
            said = Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose summation type {summation}: not a plan, fraction or "
                                         "multi-plan dose"), summation=st)
        else:
            said = Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose summation type missing: not a plan, fraction or "
                                         "multi-plan dose"))
        return warn(said, [uid], summation=st)
    if not dose.is_gy or not rx or not n:
        return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{summation} dose (no prescription/fractions to "
                                            "cross-check its level)"), summation=st), [uid], summation=st)
    dmax = dose.max_gy or 0.0
    per_fx = rx / n
    if st == "FRACTION" and n > 1 and dmax > p["fraction_max_ratio_of_total"] * rx:
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose is labelled FRACTION but its maximum {dmax:.2f} Gy is "
                                          "near the total prescription {rx:g} Gy ({fractions} fx): it looks like a "
                                          "whole-plan dose"), dmax=dmax, rx=rx, fractions=n),
                    [uid], summation=st, dmax_gy=dmax)
    if st in ("PLAN", "MULTI_PLAN") and n > 1 and dmax < p["plan_min_ratio_of_fraction"] * per_fx:
        return fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose is labelled {summation} but its maximum {dmax:.2f} Gy "
                                          "is near one fraction's {per_fx:.3g} Gy (Rx {rx:g} Gy in {fractions}): it "
                                          "looks like a per-fraction dose"),
                        summation=st, dmax=dmax, per_fx=per_fx, rx=rx, fractions=n), [uid], summation=st, dmax_gy=dmax)
    if st == "FRACTION":
        return warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "FRACTION dose (max {dmax:.2f} Gy): goals and coverage are "
                                          "compared per fraction ({per_fx:.3g} Gy), protocols are usually for the "
                                          "whole course"), dmax=dmax, per_fx=per_fx), [uid], summation=st)
    return passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "{summation} dose, maximum {dmax:.2f} Gy against Rx {rx:g} Gy "
                                        "in {fractions} fx"), summation=st, dmax=dmax, rx=rx, fractions=n),
                  [uid], summation=st)
