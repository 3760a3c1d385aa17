"""The dose grid: resolution for the technique, and coverage of the targets and the beams' entrance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ...model.text import QT_TRANSLATE_NOOP, Msg
from .beams import is_stereotactic
from .context import CheckContext
from .geometry_util import directions, entry_point
from .registry import Outcome, check, fail, not_applicable, passed, warn, worst


@check("dose_grid_resolution")
def dose_grid_resolution(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    dose = ctx.dose
    if dose is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no dose for plan '{plan}'"), plan=ctx.label))
    if ctx.is_brachy:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "brachytherapy plan: the technique limits are for "
                                                    "external beams")))
    dz, dy, dx = dose.grid.spacing_mm
    coarsest = max(dx, dy, dz)
    stereo, why = is_stereotactic(ctx, p)
    limit = float(p["stereotactic_max_mm"] if stereo else p["conventional_max_mm"])
    if stereo:
        msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose grid {dx:g} x {dy:g} x {dz:g} mm; stereotactic ({why}) plan: "
                                    "at most {limit:g} mm"), dx=dx, dy=dy, dz=dz, why=why, limit=limit)
    else:
        msg = Msg(QT_TRANSLATE_NOOP("CheckMessages", "dose grid {dx:g} x {dy:g} x {dz:g} mm; conventional plan: at most "
                                    "{limit:g} mm"), dx=dx, dy=dy, dz=dz, limit=limit)
    vals = {"spacing_mm": [dx, dy, dz], "limit_mm": limit, "stereotactic": stereo}
    if coarsest > limit + 1e-6:
        return fail(msg, [dose.sop_uid], **vals)
    return passed(msg, [dose.sop_uid], **vals)


def _outside_mm(pt: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    return float(np.max(np.concatenate([lo - pt, pt - hi, [0.0]])))


@check("dose_grid_coverage")
def dose_grid_coverage(ctx: CheckContext, p: Mapping[str, Any]) -> Outcome:
    dose = ctx.dose
    if dose is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no dose for plan '{plan}'"), plan=ctx.label))
    if ctx.structure_set is None:
        return not_applicable(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no structure set: target and body coverage "
                                                    "cannot be checked")))
    lo, hi = dose.grid.bounds_mm()
    tol = float(p["tolerance_mm"])
    lo_t, hi_t = lo - tol, hi + tol
    parts: list[Outcome] = []
    uid = dose.sop_uid
    for roi in ctx.targets:
        pts = np.concatenate([c.points_mm for c in roi.closed_contours])
        out = np.max(np.concatenate([lo_t - pts, pts - hi_t], axis=1), axis=1)
        if np.any(out > 0):
            parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "target '{target}' reaches {outside:.1f} mm "
                                                    "outside the dose grid"), target=roi.name,
                                  outside=float(out.max())), [uid]))
    if ctx.targets and not parts:
        parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the grid covers all {count} targets"),
                                count=len(ctx.targets))))
    if not ctx.targets:
        parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no target ROI to check the grid against"))))
    if ctx.body is None:
        parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "no EXTERNAL (body) ROI: the beams' entrance cannot "
                                                "be checked"))))
        return worst(parts)
    if ctx.is_brachy:
        return worst(parts)
    entries = 0
    for beam in ctx.treatment_beams:
        for d in directions(ctx, beam, float(p["arc_step_deg"])):
            e = entry_point(ctx, d)
            if e is None:
                parts.append(warn(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' at gantry {gantry:g}: central "
                                                        "axis never enters the body"), beam=beam.name,
                                      gantry=d.gantry_deg)))
                continue
            entries += 1
            out = _outside_mm(e, lo_t, hi_t)
            if out > 0:
                parts.append(fail(Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam '{beam}' (gantry {gantry:g}) enters the "
                                                        "body at ({x:.0f}, {y:.0f}, {z:.0f}) mm, {outside:.1f} mm "
                                                        "outside the dose grid"), beam=beam.name, gantry=d.gantry_deg,
                                      x=e[0], y=e[1], z=e[2], outside=out), [uid]))
    if entries:
        parts.append(passed(Msg(QT_TRANSLATE_NOOP("CheckMessages", "the grid covers the body where the {count} beam "
                                                  "directions enter"), count=entries)))
    return worst(parts)
