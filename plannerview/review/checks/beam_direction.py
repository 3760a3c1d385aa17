"""Beam directions: does each beam's dose enter where the plan's geometry (gantry, couch, the beam's
patient position) says it does? (:mod:`plannerview.compute.beam_entry`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...compute.beam_entry import beam_entries
from ...model.text import QT_TRANSLATE_NOOP, Msg
from .context import CheckContext
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst


@check("beam_direction_dose_entry")
def beam_direction_dose_entry(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    if ctx.is_brachy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan: no beams")))
    if ctx.dose is None or not ctx.dose.is_gy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' has no dose in Gy to look at"),
                                  plan=ctx.label))
    ss = ctx.structure_set
    ext = next((r for r in (ss.rois if ss is not None else ()) if r.interpreted_type.upper() == "EXTERNAL"
                and r.closed_contours), None)
    beam_doses = {d.referenced_beam_numbers[0]: d for d in ctx.case.doses_for_plan(ctx.plan.sop_uid)
                  if d.summation_type == "BEAM" and len(d.referenced_beam_numbers) == 1 and d.is_gy}
    entries = beam_entries(getattr(ctx.plan, "beams", ()), ctx.dose, beam_doses, ext)
    if not entries:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}': no static treatment beam with an "
                                                    "isocentre to follow"), plan=ctx.label))
    uid = [ctx.plan.sop_uid]
    parts = []
    for e in entries:
        values = {f"beam_{e.beam_number}_entrance_fraction": None if e.entrance_fraction is None
                  else round(e.entrance_fraction, 4)}
        if e.consistent:
            parts.append(passed(e.message, uid, **values))
        else:
            agree = e.to_json()["agreeing_positions"]
            values[f"beam_{e.beam_number}_agreeing_positions"] = agree
            status = fail if p.get("fail_on_mismatch", True) else warn
            parts.append(status(e.message, uid, **values))
    return worst(parts)
