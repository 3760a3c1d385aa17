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
from ..model.text import LIST, QT_TRANSLATE_NOOP, Msg

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
        return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "an external-beam protocol for a brachytherapy plan"))
    if plan_kind != "brachy" and r == "brachy":
        return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "a brachytherapy protocol for an external-beam plan"))
    if r == "photon" and plan_kind in ION_KINDS:
        return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "a photon protocol for an ion plan"))
    if r in ION_KINDS and plan_kind not in ION_KINDS:
        return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "a {radiation} protocol for a {kind} plan"),
                   radiation=_kind(r), kind=_kind(plan_kind))
    if protocol.dose_type == "EFFECTIVE" and dose_type is not None and dose_type.upper() != "EFFECTIVE":
        return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "limits in Gy(RBE) for a dose that is not RBE-weighted"))
    return None


#: the plan's radiation as a word of a reason (a plan's kind: photon | electron | proton | ion | brachy)
_KINDS = {"photon": Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "photon")),
          "electron": Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "electron")),
          "proton": Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "proton")),
          "ion": Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "ion")),
          "brachy": Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "brachy"))}


def _kind(kind: str) -> str:
    return _KINDS.get(kind, kind)


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
        why.append(Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "{count} fractions"), count=n) if n != 1 else
                   Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "{count} fraction"), count=n))
    if rx and n:
        dpf = rx / n
        rel = abs(dpf - protocol.dose_per_fraction_gy) / protocol.dose_per_fraction_gy
        if rel <= 0.05:
            pts += 2
            why.append(Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "{dose:g} Gy per fraction"), dose=dpf))
        elif rel <= 0.15:
            pts += 1
            why.append(Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "{dose:g} Gy per fraction (protocol {protocol:g})"),
                           dose=dpf, protocol=protocol.dose_per_fraction_gy))
        if abs(rx - protocol.prescription_gy) <= 0.05 * protocol.prescription_gy:
            pts += 1
            why.append(Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "{dose:g} Gy in total"), dose=rx))
    if ss is not None:
        wanted = sorted({r for g in protocol.goals for r in g.rois})
        found = [w for w in wanted if _has(w, ss, rx)]
        if wanted:
            pts += 4.0 * len(found) / len(wanted)
            why.append(Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "{found} of its {wanted} ROIs found"),
                           found=len(found), wanted=len(wanted)))
    if protocol.dose_type == "EFFECTIVE" and (dose_type or "").upper() == "EFFECTIVE":
        pts += 1
        why.append(Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "limits in Gy(RBE) for an RBE-weighted dose")))
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
            return ProtocolChoice(p, Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "your last choice for {plan}"),
                                         plan=_describe(plan)))
    cands = sorted((c for p in pool if (c := score(p, plan, ss, dose_type)) is not None),
                   key=lambda c: (-c.score, c.protocol.name))
    fitting = tuple(c for c in cands if c.score >= MIN_SCORE)
    if not fitting:
        if cands:
            common = (Msg.joined(cands[0].reasons, LIST) if cands[0].reasons
                      else Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "nothing in common")))
            why = Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "no protocol fits {plan} (closest: {protocol}: {common}): "
                                        "choose one"), plan=_describe(plan), protocol=cands[0].protocol.name,
                      common=common)
        else:
            why = Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "no protocol fits {plan}: choose one"), plan=_describe(plan))
        return ProtocolChoice(None, why, tuple(cands))
    if len(fitting) > 1 and fitting[0].score == fitting[1].score:
        names = ", ".join(c.protocol.name for c in fitting if c.score == fitting[0].score)
        return ProtocolChoice(None, Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "several protocols fit {plan} equally "
                                                          "({names}): choose one"), plan=_describe(plan), names=names),
                              fitting)
    top = fitting[0]
    return ProtocolChoice(top.protocol, Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "fits {plan}: {reasons}"),
                                            plan=_describe(plan), reasons=Msg.joined(top.reasons, LIST)), fitting)


def _describe(plan: AnyPlan | None) -> str:
    if plan is None:
        return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "a dose without a plan"))
    n, rx = plan.fractions, plan.prescription_gy
    if rx and n:
        return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "this {kind} plan ({dose:g} Gy in {fractions} fx)"),
                   kind=_kind(plan.kind), dose=rx, fractions=n)
    if n:
        return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "this {kind} plan ({fractions} fx)"), kind=_kind(plan.kind),
                   fractions=n)
    return Msg(QT_TRANSLATE_NOOP("ProtocolChoice", "this {kind} plan (no fractionation)"), kind=_kind(plan.kind))
