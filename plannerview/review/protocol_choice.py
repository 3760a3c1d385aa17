"""Which clinical-goal protocol fits a plan: chosen from the plan, never by alphabet.

A protocol fits when its radiation suits the plan (brachytherapy protocols only for brachytherapy
plans, RBE-weighted protocols only for ion plans), and it is scored on the fractionation (number
of fractions, dose per fraction, total dose) and on how many of its ROIs the structure set has.
The user's last choice for similar plans (same radiation, fractions and dose per fraction) comes
first. When nothing fits well enough, or two protocols fit equally, no protocol is chosen and the
reason says so: the user picks. Every choice carries its reason, shown beside the goals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..compute.protocols import Protocol
from ..compute.roi_names import AmbiguousRoi, match_roi
from ..model.case import AnyPlan
from ..model.structures import StructureSet

MIN_SCORE = 5.0  # e.g. the same number of fractions (3) and half of the protocol's ROIs (2)
ION_KINDS = ("proton", "ion")


@dataclass(frozen=True)
class Candidate:
    protocol: Protocol
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ProtocolChoice:
    """The chosen protocol (None: the user chooses), why, and every candidate that fits, best first."""

    protocol: Protocol | None
    reason: str
    candidates: tuple[Candidate, ...] = ()

    @property
    def name(self) -> str | None:
        return self.protocol.name if self.protocol else None


def history_key(plan: AnyPlan | None) -> str:
    """The key under which a user's choice is remembered: radiation, fractions, dose per fraction."""
    if plan is None:
        return "no plan"
    n = plan.fractions
    rx = plan.prescription_gy
    dpf = f"{rx / n:.2f}" if (rx and n) else "?"
    return f"{plan.kind}:{n or '?'}:{dpf}"


def radiation_fits(protocol: Protocol, plan_kind: str, dose_type: str | None = None) -> str | None:
    """None when the protocol suits the plan's radiation, else why not."""
    r = protocol.radiation
    if plan_kind == "brachy" and r != "brachy":
        return "an external-beam protocol for a brachytherapy plan"
    if plan_kind != "brachy" and r == "brachy":
        return "a brachytherapy protocol for an external-beam plan"
    if r == "photon" and plan_kind in ION_KINDS:
        return "a photon protocol for an ion plan"
    if r in ION_KINDS and plan_kind not in ION_KINDS:
        return f"a {r} protocol for a {plan_kind} plan"
    if protocol.dose_type == "EFFECTIVE" and dose_type is not None and dose_type.upper() != "EFFECTIVE":
        return "limits in Gy(RBE) for a dose that is not RBE-weighted"
    return None


def score(protocol: Protocol, plan: AnyPlan | None, ss: StructureSet | None,
          dose_type: str | None = None) -> Candidate | None:
    """How well ``protocol`` fits; None when its radiation does not suit the plan."""
    kind = plan.kind if plan is not None else "photon"
    if radiation_fits(protocol, kind, dose_type) is not None:
        return None
    pts = 0.0
    why: list[str] = []
    n = plan.fractions if plan is not None else None
    rx = plan.prescription_gy if plan is not None else None
    if n and n == protocol.fractions:
        pts += 3
        why.append(f"{n} fraction{'s' if n != 1 else ''}")
    if rx and n:
        dpf = rx / n
        rel = abs(dpf - protocol.dose_per_fraction_gy) / protocol.dose_per_fraction_gy
        if rel <= 0.05:
            pts += 2
            why.append(f"{dpf:g} Gy per fraction")
        elif rel <= 0.15:
            pts += 1
            why.append(f"{dpf:g} Gy per fraction (protocol {protocol.dose_per_fraction_gy:g})")
        if abs(rx - protocol.prescription_gy) <= 0.05 * protocol.prescription_gy:
            pts += 1
            why.append(f"{rx:g} Gy in total")
    if ss is not None:
        wanted = sorted({r for g in protocol.goals for r in g.rois})
        found = [w for w in wanted if _has(w, ss, rx)]
        if wanted:
            pts += 4.0 * len(found) / len(wanted)
            why.append(f"{len(found)} of its {len(wanted)} ROIs found")
    if protocol.dose_type == "EFFECTIVE" and (dose_type or "").upper() == "EFFECTIVE":
        pts += 1
        why.append("limits in Gy(RBE) for an RBE-weighted dose")
    return Candidate(protocol, pts, tuple(why))


def _has(name: str, ss: StructureSet, rx: float | None) -> bool:
    try:
        return match_roi(name, ss, prescription_gy=rx) is not None
    except AmbiguousRoi:
        return True


def choose_protocol(protocols: Iterable[Protocol], plan: AnyPlan | None, ss: StructureSet | None,
                    dose_type: str | None = None, history: Mapping[str, str] | None = None) -> ProtocolChoice:
    """The protocol that fits the plan best, the user's last choice for similar plans first."""
    pool = list(protocols)
    key = history_key(plan)
    remembered = (history or {}).get(key)
    kind = plan.kind if plan is not None else "photon"
    for p in pool:
        if p.name == remembered and radiation_fits(p, kind, dose_type) is None:
            return ProtocolChoice(p, f"your last choice for {_describe(plan)}")
    cands = sorted((c for p in pool if (c := score(p, plan, ss, dose_type)) is not None),
                   key=lambda c: (-c.score, c.protocol.name))
    fitting = tuple(c for c in cands if c.score >= MIN_SCORE)
    if not fitting:
        best = f" (closest: {cands[0].protocol.name}: {', '.join(cands[0].reasons) or 'nothing in common'})" \
            if cands else ""
        return ProtocolChoice(None, f"no protocol fits {_describe(plan)}{best}: choose one", tuple(cands))
    if len(fitting) > 1 and fitting[0].score == fitting[1].score:
        names = ", ".join(c.protocol.name for c in fitting if c.score == fitting[0].score)
        return ProtocolChoice(None, f"several protocols fit {_describe(plan)} equally ({names}): choose one",
                              fitting)
    top = fitting[0]
    return ProtocolChoice(top.protocol, f"fits {_describe(plan)}: {', '.join(top.reasons)}", fitting)


def _describe(plan: AnyPlan | None) -> str:
    if plan is None:
        return "a dose without a plan"
    n, rx = plan.fractions, plan.prescription_gy
    frac = f"{rx:g} Gy in {n} fx" if (rx and n) else (f"{n} fx" if n else "no fractionation")
    return f"this {plan.kind} plan ({frac})"
