"""Clinical goals: protocol files (YAML in resources/protocols) evaluated on a plan's DVHs.

A protocol states its fractionation, prescription and goals; each goal has an ROI (TG-263
name), a metric expression (see ``metrics``), a comparator and limit, an optional "acceptable
variation" limit, an alpha/beta for EQD2 and a citation. Status is pass, acceptable, fail or
not_evaluated (ROI not matched, metric not computable); unmatched goals are reported, never
dropped.
"""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model.dose import DoseGrid
from ..model.structures import StructureSet
from .dvh import compute_dvh
from .metrics import MetricError, evaluate_metric, parse_metric
from .radiobiology import eqd2_gy
from .roi_names import RESOURCES, match_roi

PROTOCOLS = RESOURCES / "protocols"
OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


@dataclass(frozen=True)
class Goal:
    roi: str
    metric: str
    op: str
    limit: float
    acceptable: float | None = None
    alpha_beta_gy: float | None = None
    citation: str = ""


@dataclass(frozen=True)
class Protocol:
    name: str
    title: str
    source: str
    fractions: int
    prescription_gy: float | None
    default_alpha_beta_gy: float
    goals: tuple[Goal, ...] = field(default_factory=tuple)
    file: str = ""


class ProtocolError(ValueError):
    pass


def list_protocols() -> list[str]:
    return sorted(p.stem for p in PROTOCOLS.glob("*.yaml"))


def load_protocol(name_or_file: str) -> Protocol:
    """A bundled protocol by name, or a YAML file; validated (every metric parses, every goal cites)."""
    path = Path(name_or_file)
    if not path.is_file():
        path = PROTOCOLS / f"{name_or_file}.yaml"
    if not path.is_file():
        raise ProtocolError(f"no protocol {name_or_file!r}; bundled: {', '.join(list_protocols())}")
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    try:
        goals = []
        for i, g in enumerate(data["goals"]):
            goal = Goal(roi=str(g["roi"]), metric=str(g["metric"]), op=str(g.get("op", "<=")), limit=float(g["limit"]),
                        acceptable=float(g["acceptable"]) if g.get("acceptable") is not None else None,
                        alpha_beta_gy=float(g["alpha_beta_gy"]) if g.get("alpha_beta_gy") is not None else None,
                        citation=str(g.get("citation", "")))
            if goal.op not in OPS:
                raise ProtocolError(f"goal {i + 1}: comparator {goal.op!r} is not one of {', '.join(OPS)}")
            parse_metric(goal.metric)
            if not goal.citation:
                raise ProtocolError(f"goal {i + 1} ({goal.roi} {goal.metric}) cites no source")
            goals.append(goal)
        return Protocol(name=str(data["name"]), title=str(data.get("title", "")), source=str(data["source"]),
                        fractions=int(data["fractions"]),
                        prescription_gy=float(data["prescription_gy"]) if data.get("prescription_gy") else None,
                        default_alpha_beta_gy=float(data.get("default_alpha_beta_gy", 3.0)),
                        goals=tuple(goals), file=str(path))
    except (KeyError, TypeError, MetricError) as exc:
        raise ProtocolError(f"{path}: invalid protocol: {exc}") from exc


def _status(value: float, goal: Goal) -> str:
    cmp = OPS[goal.op]
    if cmp(value, goal.limit):
        return "pass"
    if goal.acceptable is not None and cmp(value, goal.acceptable):
        return "acceptable"
    return "fail"


def _eqd2_dose(dose: DoseGrid, fractions: int, ab: float) -> DoseGrid:
    arr = eqd2_gy(dose.dose, fractions, ab).astype("float32")
    return dataclasses.replace(dose, loader=lambda: arr, description=f"EQD2 (alpha/beta {ab:g} Gy)")


def evaluate_goals(
    protocol: Protocol,
    structure_set: StructureSet,
    dose: DoseGrid,
    plan_fractions: int | None,
    plan_prescription_gy: float | None,
    *,
    eqd2: bool = False,
    user_map: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The goals table (the document ``plannerview goals --json`` prints)."""
    rx = plan_prescription_gy or protocol.prescription_gy
    rx_note = "" if plan_prescription_gy else f"prescription {rx} Gy taken from the protocol (the plan states none)"
    frac_differs = plan_fractions is not None and plan_fractions != protocol.fractions
    if eqd2 and not plan_fractions:
        raise ProtocolError("EQD2 needs the plan's number of fractions")
    rows = []
    dvh_cache: dict[tuple[int, float | None], Any] = {}
    for goal in protocol.goals:
        m = parse_metric(goal.metric)
        row: dict[str, Any] = {"roi": goal.roi, "matched_roi": None, "metric": goal.metric, "value": None,
                               "unit": "", "limit": goal.limit, "acceptable": goal.acceptable, "op": goal.op,
                               "status": "not_evaluated", "note": "", "citation": goal.citation}
        notes = [n for n in (rx_note,) if n]
        if frac_differs and not eqd2:
            notes.append(f"fractionation differs: plan {plan_fractions} fx, protocol {protocol.fractions} fx")
        roi = match_roi(goal.roi, structure_set, user_map)
        if roi is None:
            row["note"] = "; ".join([f"no ROI matches {goal.roi}", *notes])
            rows.append(row)
            continue
        row["matched_roi"] = roi.name
        ab = goal.alpha_beta_gy or protocol.default_alpha_beta_gy
        limit, acceptable, metric = goal.limit, goal.acceptable, m
        use_eqd2 = eqd2 and plan_fractions is not None
        if use_eqd2:
            assert plan_fractions is not None
            if m.kind in ("D_STAT", "D_PCT", "D_CC", "GEUD") and m.unit != "%":
                limit = float(eqd2_gy(goal.limit, protocol.fractions, ab))
                acceptable = float(eqd2_gy(goal.acceptable, protocol.fractions, ab)) if goal.acceptable is not None else None
            elif m.kind == "V_GY":
                x = float(eqd2_gy(m.x or 0.0, protocol.fractions, ab))
                metric = dataclasses.replace(m, x=x, text=f"V{x:.2f}Gy[{m.unit}] (EQD2)")
            else:
                use_eqd2 = False
                notes.append("relative metric: evaluated on the physical dose")
            if use_eqd2:
                notes.append(f"EQD2 with alpha/beta {ab:g} Gy ({plan_fractions} fx plan, {protocol.fractions} fx protocol)")
        key = (roi.number, ab if use_eqd2 else None)
        if key not in dvh_cache:
            d = _eqd2_dose(dose, plan_fractions, ab) if use_eqd2 and plan_fractions else dose
            dvh_cache[key] = compute_dvh(roi, d)
        dvh = dvh_cache[key]
        try:
            val = evaluate_metric(metric, dvh, prescription_gy=rx, dose=dose)
        except MetricError as exc:
            row["note"] = "; ".join([str(exc), *notes])
            rows.append(row)
            continue
        row["unit"] = val.unit
        row["limit"], row["acceptable"] = round(limit, 4), None if acceptable is None else round(acceptable, 4)
        if val.value is None:
            row["note"] = "; ".join(["metric not computable on this DVH", *notes, *dvh.warnings])
        else:
            row["value"] = round(val.value, 4)
            row["status"] = _status(val.value, dataclasses.replace(goal, limit=limit, acceptable=acceptable))
            row["note"] = "; ".join([*notes, *dvh.warnings])
        rows.append(row)
    return {"protocol": protocol.name, "title": protocol.title, "source": protocol.source,
            "plan_fractions": plan_fractions, "protocol_fractions": protocol.fractions,
            "prescription_gy": rx, "eqd2": eqd2, "goals": rows}
