"""Prescription consistency and the dose's summation type."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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
        return not_applicable(f"brachytherapy plan '{ctx.label}' states no prescription")
    if rx is None:
        return warn(f"plan '{ctx.label}' states no target prescription dose: nothing to check it against", [uid])
    parts: list[Outcome] = [passed(f"Rx {rx:g} Gy in {n or '?'} fx", [uid], prescription_gy=rx, fractions=n)]
    targets = ctx.target_dose_references
    doses = sorted({round(d.target_prescription_gy or 0.0, 4) for d in targets})
    if len(doses) > 1:
        parts.append(passed(f"target dose levels {', '.join(f'{d:g}' for d in doses)} Gy"))
    # fraction group: the beams' dose per fraction times the fractions
    fg = ctx.plan.fraction_groups[0] if ctx.plan.fraction_groups else None
    treat = {b.number for b in ctx.treatment_beams}
    if fg is not None and fg.beam_dose_gy and n:
        per_fx = sum(v for k, v in fg.beam_dose_gy.items() if k in treat)
        total = per_fx * n
        dev = _pct(total, rx) if rx else 0.0
        msg = f"fraction group: beam doses {per_fx:.4g} Gy x {n} fx = {total:.4g} Gy vs Rx {rx:g} Gy ({dev:+.1f} %)"
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
            parts.append(warn(f"plan label '{ctx.plan.label}' says {m.group(1)} fractions, the fraction group {n}", [uid]))
    for m in _GY_IN_LABEL.finditer(label):
        v = float(m.group(1).replace(",", "."))
        if "cgy" in m.group(0).lower():
            v /= 100.0
        per = rx / n if n else None
        if all(abs(v - x) > 0.01 * x for x in (rx, per) if x):
            parts.append(warn(f"plan label '{ctx.plan.label}' says {v:g} Gy; the prescription is {rx:g} Gy"
                              + (f" ({per:.3g} Gy/fx)" if per else ""), [uid]))
    if ctx.plan.intent.upper() == "VERIFICATION":
        parts.append(warn("plan intent is VERIFICATION (a QA plan), not a treatment plan", [uid]))
    # the dose: maximum and target coverage
    dose = ctx.dose
    if dose is not None and dose.is_gy and dose.summation_type in ("PLAN", "MULTI_PLAN", "FRACTION") \
            and not ctx.is_brachy:  # brachytherapy doses peak far above the prescription by nature
        ref = rx / n if dose.summation_type == "FRACTION" and n else rx
        dmax = dose.max_gy or 0.0
        ratio = dmax / ref
        msg = f"dose maximum {dmax:.2f} {dose.unit_label} = {100 * ratio:.1f} % of {ref:.4g} Gy"
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
                msg = (f"target '{target.name}' ({how}) D{p['coverage_volume_pct']:g}% {d95:.2f} {dose.unit_label} = "
                       f"{100 * cov:.1f} % of Rx")
                if cov < p["coverage_fail_ratio"]:
                    parts.append(fail(msg, [dose.sop_uid], coverage_ratio=round(cov, 4), target=target.name))
                elif cov < p["coverage_warn_ratio"]:
                    parts.append(warn(msg, [dose.sop_uid], coverage_ratio=round(cov, 4), target=target.name))
                else:
                    parts.append(passed(msg, coverage_ratio=round(cov, 4), target=target.name))
        elif target is None:
            parts.append(warn(f"no target ROI for the prescription ({how}): coverage not checked"))
    return worst(parts)


@check("dose_summation")
def dose_summation(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    dose = ctx.dose
    if dose is None:
        return not_applicable(f"no dose for plan '{ctx.label}'")
    st = dose.summation_type.upper()
    rx, n = ctx.prescription_gy, ctx.fractions
    uid = dose.sop_uid
    treat = ctx.treatment_beams
    if st == "BEAM":
        beams = ", ".join(str(b) for b in dose.referenced_beam_numbers) or "?"
        if len(treat) > 1:
            return fail(f"the dose under review is a BEAM dose (beam {beams}) of a plan with {len(treat)} treatment "
                        "beams: the prescription and goals are for the whole plan", [uid], summation=st)
        return passed(f"BEAM dose of the plan's only treatment beam ({beams})", [uid], summation=st)
    if st not in ("PLAN", "MULTI_PLAN", "FRACTION", "BRACHY"):
        return warn(f"dose summation type {st or 'missing'}: not a plan, fraction or multi-plan dose", [uid],
                    summation=st)
    if not dose.is_gy or not rx or not n:
        return passed(f"{st} dose (no prescription/fractions to cross-check its level)", [uid], summation=st)
    dmax = dose.max_gy or 0.0
    per_fx = rx / n
    if st == "FRACTION" and n > 1 and dmax > p["fraction_max_ratio_of_total"] * rx:
        return fail(f"dose is labelled FRACTION but its maximum {dmax:.2f} Gy is near the total prescription "
                    f"{rx:g} Gy ({n} fx): it looks like a whole-plan dose", [uid], summation=st, dmax_gy=dmax)
    if st in ("PLAN", "MULTI_PLAN") and n > 1 and dmax < p["plan_min_ratio_of_fraction"] * per_fx:
        return fail(f"dose is labelled {st} but its maximum {dmax:.2f} Gy is near one fraction's {per_fx:.3g} Gy "
                    f"(Rx {rx:g} Gy in {n}): it looks like a per-fraction dose", [uid], summation=st, dmax_gy=dmax)
    if st == "FRACTION":
        return warn(f"FRACTION dose (max {dmax:.2f} Gy): goals and coverage are compared per fraction "
                    f"({per_fx:.3g} Gy), protocols are usually for the whole course", [uid], summation=st)
    return passed(f"{st} dose, maximum {dmax:.2f} Gy against Rx {rx:g} Gy in {n} fx", [uid], summation=st)
