"""The secondary dose check: an independent engine's dose against the planning system's.

Qt-free; the CLI (``plannerview check-dose``) and the workstation's *Check dose* action share it.
Given the engine's dose (from a dose-engine plugin, through the plugin host) and the planning
system's dose, it normalises (optionally), compares them through the workspace (gamma 3 %/3 mm and
2 %/2 mm at a 10 % cut-off, per-ROI Dmean, D95, D2, clinical goals on both), checks that each beam
enters where the plan's geometry says, and gives a verdict against documented action levels.

Action levels (after AAPM TG-219 for secondary dose calculations and TG-218 for gamma pass rates):

- **fail**: gamma 3 %/3 mm below 90 %, or (absolute doses) the target's mean dose differs by more
  than 5 %;
- **review**: gamma 3 %/3 mm from 90 % to 95 %; the target's mean differs by 3-5 % (absolute); a
  beam whose dose does not enter where the plan's geometry says; a Monte Carlo statistical
  uncertainty above 3 % in the target (noise makes gamma pass rates optimistic);
- **pass**: otherwise (3 %/3 mm at least 95 %).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..compute.beam_entry import BeamEntry, beam_entries
from ..compute.derived import derived_dose
from ..compute.masks import roi_mask_on_grid
from ..compute.phantom import PhantomError, ct_from_structures, phantom_grid
from ..compute.resample import resample_values
from ..model import DoseGrid, ImageVolume, Provenance, StructureSet
from ..model.case import AnyPlan, Case
from ..model.structures import ROI
from ..model.text import QT_TRANSLATE_NOOP, Msg
from ..version import __version__
from .comparison import GammaCriteria

NORMALISATIONS = ("NONE", "TARGET_MEAN")
CRITERIA = {"3%/3mm": GammaCriteria(3.0, 3.0, 10.0), "2%/2mm": GammaCriteria(2.0, 2.0, 10.0)}


@dataclass(frozen=True)
class ActionLevels:
    gamma_pass_pct: float = 95.0  # 3 %/3 mm at least this passes
    gamma_fail_pct: float = 90.0  # below this fails
    target_dmean_review_pct: float = 3.0  # absolute doses only
    target_dmean_fail_pct: float = 5.0
    max_uncertainty_pct: float = 3.0

    def to_json(self) -> dict[str, float]:
        return dataclasses.asdict(self)


class DoseCheckError(ValueError):
    """The inputs cannot be compared (no target to normalise on, doses of different kinds ...)."""


@dataclass
class DoseCheck:
    engine: str
    seconds: float
    statistical_uncertainty_pct: float | None
    normalisation: str
    normalisation_factor: float
    target: str | None
    engine_dose: DoseGrid  # as compared (normalised when asked)
    tps_dose: DoseGrid
    gamma: dict[str, Any]
    rois: list[dict[str, Any]]
    goals: dict[str, Any] | None
    beams: list[BeamEntry]
    verdict: str
    reasons: list[str]
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    levels: ActionLevels = field(default_factory=ActionLevels)
    written: dict[str, Any] | None = None  # {"sop_uid", "file"} once saved
    beam_sums: dict[str, Any] | None = None  # per-beam doses against the plan dose (engine, TPS)
    normalised_provenance: Provenance | None = None  # the normalised engine dose's, when normalised

    def to_json(self) -> dict[str, Any]:
        d = self.engine_dose
        return {
            "engine": self.engine, "seconds": round(self.seconds, 2),
            "statistical_uncertainty_pct": None if self.statistical_uncertainty_pct is None
            else round(self.statistical_uncertainty_pct, 3),
            "normalisation": self.normalisation, "normalisation_factor": round(self.normalisation_factor, 6),
            "target": self.target,
            "dose": {"sop_uid": (self.written or {}).get("sop_uid", d.sop_uid), "file": (self.written or {}).get("file"),
                     "max_gy": round(float(np.max(d.dose)), 5), "type": d.dose_type,
                     "description": d.description},
            "tps_dose": {"sop_uid": self.tps_dose.sop_uid, "file": self.tps_dose.file or None,
                         "max_gy": round(float(np.max(self.tps_dose.dose)), 5), "type": self.tps_dose.dose_type},
            "gamma": self.gamma, "rois": self.rois, "goals": self.goals,
            "beam_directions": [b.to_json() for b in self.beams], "beam_sums": self.beam_sums,
            "verdict": self.verdict, "reasons": self.reasons, "notes": self.notes,
            "action_levels": self.levels.to_json(), "details": self.details,
        }


def image_for_check(case: Case, plan: AnyPlan, ss: StructureSet | None, tps: DoseGrid,
                    spacing_mm: float | None = None) -> tuple[ImageVolume, str]:
    """The plan's CT, or (a phantom given by its structure set) a CT built from the ROIs' physical
    properties at ``spacing_mm`` (default: the planning system's dose grid spacing), and a note."""
    image = case.image_for_frame(plan.frame_of_reference_uid, "CT") if plan.frame_of_reference_uid else None
    if isinstance(image, ImageVolume):
        return image, ""
    if ss is None:
        raise DoseCheckError(f"no CT and no structure set for plan {plan.label!r}: nothing to calculate on")
    spacing = spacing_mm or float(min(tps.grid.spacing_mm))
    position = next((b.patient_position for b in getattr(plan, "beams", ()) if b.patient_position), "") or "HFS"
    try:
        built, used = ct_from_structures(ss, phantom_grid(ss, spacing), position)
    except PhantomError as exc:
        raise DoseCheckError(f"no CT for plan {plan.label!r}, and {exc}") from None
    parts = "; ".join(f"{k}: SPR {v['spr']} from {v['from']}" for k, v in used.items())
    return built, f"no CT in the case: calculated on a {spacing:g} mm CT built from the structure set ({parts})"


def plan_target(plan: AnyPlan, ss: StructureSet | None, name: str | None = None) -> ROI | None:
    """The ROI to normalise on: ``name``, else the plan's TARGET dose reference's ROI, else a PTV,
    CTV or GTV (the first in the structure set)."""
    if ss is None:
        return None
    rois = [r for r in ss.rois if r.closed_contours]
    if name:
        try:
            return ss.roi(name)
        except KeyError:
            raise DoseCheckError(f"no ROI {name!r} in structure set {ss.label!r}") from None
    by_number = {r.number: r for r in rois}
    for n in sorted(plan.target_roi_numbers):
        if n in by_number:
            return by_number[n]
    for kind in ("PTV", "CTV", "GTV"):
        for r in rois:
            if r.interpreted_type.upper() == kind:
                return r
    return None


def pick_dose(doses: Sequence[DoseGrid], like: DoseGrid) -> DoseGrid:
    """The engine's plan dose of the planning system's dose type (PHYSICAL / EFFECTIVE)."""
    plan_doses = [d for d in doses if d.summation_type.upper() == "PLAN"] or list(doses)
    same = [d for d in plan_doses if d.dose_type.upper() == like.dose_type.upper()]
    if not same:
        types = ", ".join(sorted({d.dose_type for d in plan_doses}))
        raise DoseCheckError(f"the engine returned {types} dose, the planning system's is {like.dose_type}")
    return same[0]


def normalised(dose: DoseGrid, factor: float, how: str) -> tuple[DoseGrid, Provenance]:
    """A derived dose: ``dose`` x ``factor`` (the one derived-dose factory: new UIDs, provenance)."""
    values = np.asarray(dose.dose, dtype=np.float32) * np.float32(factor)
    src: dict[str, Any] = dict(dose.provenance or {})
    src_details: dict[str, Any] = dict(src.get("details") or {})
    prov = Provenance("plannerview-check-dose", __version__, {"normalisation": how, "factor": factor},
                      inputs=(dose.sop_uid,),
                      details={"normalised_from": src.get("engine", ""),
                               **{k: v for k, v in src_details.items()
                                  if k in ("statistical_uncertainty_pct", "rbe_model", "dose_type")}})
    out = derived_dose(values, like=dose, provenance=prov,
                       description=f"{dose.description or dose.label} x {factor:.4g} ({how})",
                       referenced_plan_uid=dose.referenced_plan_uid,
                       referenced_beam_numbers=dose.referenced_beam_numbers)
    return out, prov


def _roi_rows(results: Any, ss: StructureSet, mine: DoseGrid, tps: DoseGrid) -> list[dict[str, Any]]:
    rows = []
    for roi in ss.rois:
        if not roi.closed_contours:
            continue
        a = results.dvh(ss, roi, mine)
        b = results.dvh(ss, roi, tps)
        if not (a.covered_cc > 0 and b.covered_cc > 0):
            continue

        def r(v: float) -> float | None:
            return None if v is None or not np.isfinite(v) else round(float(v), 4)

        diff = 100.0 * (a.dmean - b.dmean) / b.dmean if b.dmean and np.isfinite(b.dmean) and b.dmean > 0 else None
        rows.append({"name": roi.name, "type": roi.interpreted_type, "volume_cc": r(a.volume_cc),
                     "dmean_gy": r(a.dmean), "tps_dmean_gy": r(b.dmean),
                     "dmean_diff_pct": None if diff is None else round(diff, 3),
                     "d95_gy": r(a.dose_at_percent(95.0)), "tps_d95_gy": r(b.dose_at_percent(95.0)),
                     "d2_gy": r(a.dose_at_percent(2.0)), "tps_d2_gy": r(b.dose_at_percent(2.0))})
    return rows


def run_check(results: Any, plan: AnyPlan, engine_doses: Sequence[DoseGrid], tps: DoseGrid,
              ss: StructureSet | None, *, engine: str, seconds: float, normalisation: str = "NONE",
              target_name: str | None = None, protocol: Any = None, tps_beam_doses: dict[int, DoseGrid] | None = None,
              statistical_uncertainty_pct: float | None = None, engine_details: dict[str, Any] | None = None,
              levels: ActionLevels | None = None,
              add_dose: Callable[[DoseGrid, Provenance], DoseGrid] | None = None,
              progress: Callable[[float, str], None] | None = None) -> DoseCheck:
    """Compare the engine's dose with the planning system's through ``results`` (the workspace:
    ``gamma``, ``dvh``, ``goals``); ``add_dose`` (the workspace's) records the normalised dose."""
    levels = levels or ActionLevels()
    say = progress or (lambda f, m: None)
    normalisation = normalisation.upper()
    if normalisation not in NORMALISATIONS:
        raise DoseCheckError(f"normalisation {normalisation!r} is not one of {', '.join(NORMALISATIONS)}")
    mine = pick_dose(engine_doses, tps)
    target = plan_target(plan, ss, target_name)
    factor = 1.0
    norm_prov: Provenance | None = None
    if normalisation == "TARGET_MEAN":
        if target is None:
            raise DoseCheckError("TARGET_MEAN needs a target: the plan names none and the structure set has no "
                                 "PTV, CTV or GTV (give --target)")
        mask = roi_mask_on_grid(target, mine.grid)
        if not mask.any():
            raise DoseCheckError(f"target {target.name!r} covers no voxel of the engine's dose grid")
        tps_on, _ = resample_values(tps, mine.grid, fill=np.nan)
        theirs = float(np.nanmean(tps_on[mask]))
        ours = float(np.mean(np.asarray(mine.dose)[mask]))
        if not (ours > 0 and np.isfinite(theirs)):
            raise DoseCheckError(f"no dose in target {target.name!r} to normalise on")
        factor = theirs / ours
        mine, norm_prov = normalised(mine, factor, f"TARGET_MEAN on {target.name}")
        if add_dose is not None:
            mine = add_dose(mine, norm_prov)
    say(0.1, "gamma")
    gamma: dict[str, Any] = {}
    for key, crit in CRITERIA.items():
        g = results.gamma(tps, mine, crit, allow_mixed_types=True)
        gamma[key] = g.to_json()
    say(0.5, "DVHs")
    rois = _roi_rows(results, ss, mine, tps) if ss is not None else []
    goals = None
    if protocol is not None and ss is not None:
        rep_mine = results.goals(protocol, ss, mine, plan)
        rep_tps = results.goals(protocol, ss, tps, plan)
        goals = {"protocol": getattr(protocol, "name", str(protocol)), "engine": rep_mine.to_json(),
                 "tps": rep_tps.to_json()}
    say(0.8, "beam directions")
    ext = next((r for r in (ss.rois if ss is not None else ()) if r.interpreted_type.upper() == "EXTERNAL"
                and r.closed_contours), None)
    beams = beam_entries(plan.beams, tps, tps_beam_doses or {}, ext) if hasattr(plan, "beams") else []
    sums = _beam_sums(engine_doses, mine, tps, tps_beam_doses or {}, factor)
    verdict, reasons = _verdict(gamma, rois, target, beams, statistical_uncertainty_pct, normalisation, levels)
    notes = [str(n) for n in (engine_details or {}).get("notes", [])]
    if normalisation == "TARGET_MEAN" and target is not None:
        notes.append(f"engine dose scaled by {factor:.4g} so its mean in {target.name} equals the planning system's "
                     "(absolute dose, i.e. the MU calibration, is then not checked)")
    say(1.0, verdict)
    return DoseCheck(engine, seconds, statistical_uncertainty_pct, normalisation, factor,
                     target.name if target is not None else None, mine, tps, gamma, rois, goals, beams, verdict,
                     reasons, notes, dict(engine_details or {}), levels, beam_sums=sums,
                     normalised_provenance=norm_prov)


def _beam_sums(engine_doses: Sequence[DoseGrid], mine: DoseGrid, tps: DoseGrid, tps_beams: dict[int, DoseGrid],
               factor: float) -> dict[str, Any] | None:
    """Do the per-beam doses add up to the plan dose (the engine's, the planning system's)?"""
    out: dict[str, Any] = {}
    eb = [d for d in engine_doses if d.summation_type.upper() == "BEAM" and d.dose_type == mine.dose_type
          and d.grid.same_geometry(mine.grid)]
    if eb:
        total = np.sum([np.asarray(d.dose, dtype=np.float64) for d in eb], axis=0) * factor
        out["engine"] = {"beams": sorted(n for d in eb for n in d.referenced_beam_numbers),
                         "max_abs_diff_gy": round(float(np.max(np.abs(total - np.asarray(mine.dose)))), 6)}
    tb = [d for d in tps_beams.values() if d.grid.same_geometry(tps.grid)]
    if tb:
        total = np.sum([np.asarray(d.dose, dtype=np.float64) for d in tb], axis=0)
        diff = float(np.max(np.abs(total - np.asarray(tps.dose))))
        out["tps"] = {"beams": sorted(tps_beams), "max_abs_diff_gy": round(diff, 6),
                      "relative_to_max": round(diff / max(float(np.max(tps.dose)), 1e-12), 7)}
    return out or None


def _verdict(gamma: dict[str, Any], rois: list[dict[str, Any]], target: ROI | None, beams: list[BeamEntry],
             uncertainty: float | None, normalisation: str, levels: ActionLevels) -> tuple[str, list[str]]:
    rank = {"pass": 0, "review": 1, "fail": 2}
    verdict, reasons = "pass", []

    def worse(v: str, why: str) -> None:
        nonlocal verdict
        reasons.append(why)
        if rank[v] > rank[verdict]:
            verdict = v

    g = float(gamma["3%/3mm"]["pass_rate_pct"])
    if g < levels.gamma_fail_pct:
        worse("fail", Msg(QT_TRANSLATE_NOOP("DoseCheckReasons", "gamma 3%/3mm {rate:.1f} % is below the action level "
                                            "{level:g} %"), rate=g, level=levels.gamma_fail_pct))
    elif g < levels.gamma_pass_pct:
        worse("review", Msg(QT_TRANSLATE_NOOP("DoseCheckReasons", "gamma 3%/3mm {rate:.1f} % is below {level:g} % "
                                              "(action level {action:g} %)"),
                            rate=g, level=levels.gamma_pass_pct, action=levels.gamma_fail_pct))
    else:
        reasons.append(Msg(QT_TRANSLATE_NOOP("DoseCheckReasons", "gamma 3%/3mm {rate:.1f} % >= {level:g} %"), rate=g,
                           level=levels.gamma_pass_pct))
    if target is not None and normalisation == "NONE":
        row = next((r for r in rois if r["name"] == target.name), None)
        if row is not None and row["dmean_diff_pct"] is not None:
            d = abs(row["dmean_diff_pct"])
            if d > levels.target_dmean_fail_pct:
                worse("fail", Msg(QT_TRANSLATE_NOOP("DoseCheckReasons", "target {target}: mean dose differs by "
                                                    "{diff:+.1f} % (action level {level:g} %)"),
                                  target=target.name, diff=row["dmean_diff_pct"], level=levels.target_dmean_fail_pct))
            elif d > levels.target_dmean_review_pct:
                worse("review", Msg(QT_TRANSLATE_NOOP("DoseCheckReasons", "target {target}: mean dose differs by "
                                                      "{diff:+.1f} %"), target=target.name, diff=row["dmean_diff_pct"]))
    for b in beams:
        if not b.consistent:
            worse("review", b.message)
    if uncertainty is not None and uncertainty > levels.max_uncertainty_pct:
        worse("review", Msg(QT_TRANSLATE_NOOP("DoseCheckReasons", "statistical uncertainty {uncertainty:.1f} % in "
                                              "the target is above {level:g} %: Monte Carlo noise makes gamma pass "
                                              "rates optimistic"), uncertainty=uncertainty,
                            level=levels.max_uncertainty_pct))
    return verdict, reasons
