"""Match a plan's ROI names to TG-263 standard names: aliases, laterality, targets, a user map.

The bundled names and aliases are in ``plannerview/data/tg263/names.yaml``, obtained through
``plannerview.resources.tg263_names_data`` (the one deliberate exception to "compute reads no
files": a fixed reference vocabulary shipped inside the package, never a user's file). ``standard_name`` turns one
ROI name into its TG-263 name ("Lt Lung" -> "Lung_L", "PTV4140" -> "PTV_4140"); ``match_roi``
finds the ROI of a structure set that stands for a TG-263 name a protocol asks for, and says how
it was found (for the goal's note).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..model.structures import ROI, StructureSet
from ..model.text import QT_TRANSLATE_NOOP, Msg
from ..resources import tg263_names_data

LEFT = frozenset({"l", "lt", "left", "lft", "links", "gauche", "sin"})
RIGHT = frozenset({"r", "rt", "right", "rgt", "rechts", "droit", "dx"})
TARGET_KINDS = ("PTV", "CTV", "GTV", "ITV")
_AND = QT_TRANSLATE_NOOP("GoalNotes", " and ")  # between the names of a union's parts
_SEP = re.compile(r"[\s_\-.+/]+")
_TARGET = re.compile(r"^(PTV|CTV|GTV|ITV)([a-z]{0,2})(?=$|[\s_\-.\d])(.*)$", re.I)
_DOSE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(c?gy)?", re.I)


def _key(text: str) -> str:
    return _SEP.sub("", text.lower())


@dataclass(frozen=True)
class Tg263Names:
    """The bundled TG-263 subset: alias key -> base name, which bases are lateral, composites."""

    aliases: dict[str, str]
    lateral: frozenset[str]
    combined: dict[str, str]
    composites: dict[str, tuple[str, ...]]

    @property
    def standard_names(self) -> frozenset[str]:
        names = set(self.aliases.values()) - set(self.lateral)
        names |= {f"{b}_{s}" for b in self.lateral for s in ("L", "R", "IPSI", "CNTR")}
        return frozenset(names)


@lru_cache(maxsize=1)
def tg263_names() -> Tg263Names:
    """The bundled TG-263 names (built once)."""
    return names_from_data(tg263_names_data())


def names_from_data(data: dict[str, Any]) -> Tg263Names:
    """A TG-263 name table from the parsed ``names.yaml`` layout (``structures``, ``composites``)."""
    aliases: dict[str, str] = {}
    lateral: set[str] = set()
    combined: dict[str, str] = {}
    for std, spec in (data.get("structures") or {}).items():
        spec = spec or {}
        aliases[_key(std)] = std
        for a in spec.get("aliases") or []:
            aliases.setdefault(_key(str(a)), std)
        if spec.get("lateral"):
            lateral.add(std)
        if spec.get("combined"):
            combined[std] = str(spec["combined"])
    composites = {str(k): tuple(str(p) for p in v) for k, v in (data.get("composites") or {}).items()}
    return Tg263Names(aliases, frozenset(lateral), combined, composites)


def target_kind(name: str) -> str | None:
    """'PTV', 'CTV', 'GTV' or 'ITV' when the name is a target's ("PTV_High", "CTVp 70"), else None."""
    m = _TARGET.match(name.strip())
    return m.group(1).upper() if m else None


def target_dose_gy(name: str) -> float | None:
    """The dose written in a target's name: "PTV4140" and "PTV_41.4" -> 41.4 Gy, "PTV 70Gy" -> 70.

    Without a unit, a number with a decimal point or from 10 to 99 is in Gy, an integer of 100 or
    more is in cGy (TG-263 writes doses in cGy); single digits are ordinals (PTV1), not doses.
    """
    m = _TARGET.match(name.strip())
    if not m:
        return None
    d = _DOSE.search(m.group(3))
    if not d:
        return None
    text, unit = d.group(1).replace(",", "."), (d.group(2) or "").lower()
    value = float(text)
    if unit == "cgy":
        return value / 100.0
    if unit == "gy" or "." in text:
        return value
    if value >= 100:
        return value / 100.0
    return value if value >= 10 else None


def standard_name(name: str) -> str | None:
    """TG-263 name of one ROI name, or None when it is not recognised.

    Targets keep their kind and the dose in cGy ("PTV4140" -> "PTV_4140"); organs are looked up by
    alias with laterality read from a word before or after the name, or glued to its end ("LungL").
    """
    whole = tg263_names().aliases.get(_key(name))
    if whole is not None and target_kind(whole) is not None and whole not in TARGET_KINDS:
        return whole  # a named target of the list ("HR-CTV" -> CTV_HR)
    kind = target_kind(name)
    if kind:
        dose = target_dose_gy(name)
        if dose is not None:
            return f"{kind}_{round(dose * 100)}"
        return kind if _key(name) == kind.lower() else None
    names = tg263_names()
    tokens = [t for t in _SEP.split(name.strip().lower()) if t]
    if len(tokens) > 1 and tokens[-1].isdigit():  # "Lung_L_1", "SPINAL CORD 2": a copy's number
        tokens = tokens[:-1]
    if tokens and tokens[-1][-1:].isdigit() and not tokens[-1].isdigit():  # "HEART4", "cord2"
        stripped = tokens[-1].rstrip("0123456789")
        if names.aliases.get("".join([*tokens[:-1], stripped])) or len(tokens) > 1:
            tokens = [*tokens[:-1], stripped]
    if not tokens:
        return None
    side = ""
    if len(tokens) > 1 and tokens[0] in LEFT | RIGHT:
        side, tokens = ("L" if tokens[0] in LEFT else "R"), tokens[1:]
    elif len(tokens) > 1 and tokens[-1] in LEFT | RIGHT:
        side, tokens = ("L" if tokens[-1] in LEFT else "R"), tokens[:-1]
    joined = "".join(tokens)
    base = names.aliases.get(joined)
    if base is None and not side and len(joined) > 3 and joined[-1] in "lr":
        glued = names.aliases.get(joined[:-1])
        if glued in names.lateral:
            base, side = glued, ("L" if joined[-1] == "l" else "R")
    if base is None:
        return None
    if base in names.lateral:
        if side:
            return f"{base}_{side}"
        return names.combined.get(base)
    return None if side else base


def has_copy_number(name: str) -> bool:
    """True for an organ name ending in a number a TPS added to a copy ("HEART4", "Lung_L_1")."""
    tokens = [t for t in _SEP.split(name.strip()) if t]
    return bool(tokens) and tokens[-1][-1:].isdigit() and target_kind(name) is None


@dataclass(frozen=True)
class RoiMatch:
    """The ROI standing for a TG-263 name, and how it was found (said in the goal's note)."""

    roi: ROI
    how: str


def match_roi(
    wanted: str,
    ss: StructureSet,
    user_map: dict[str, str] | None = None,
    prescription_gy: float | None = None,
    *,
    dose_reference_rois: frozenset[int] = frozenset(),
    coverage: Callable[[ROI], float | None] | None = None,
) -> RoiMatch | None:
    """The ROI of ``ss`` that stands for the TG-263 name ``wanted``; None when there is none.

    Order: the user map; the exact name (then ignoring case); ``<organ>_IPSI`` / ``_CNTR`` on the
    side of the targets; a target kind (``PTV``: by the dose in its name, the prescription first);
    the TG-263 name of each ROI; last, a composite (``Lungs`` = ``Lung_L`` + ``Lung_R``).
    ROIs without closed contours never match. Targets: ``dose_reference_rois`` are the ROI numbers
    the plan's target dose references name; ``coverage(roi)`` gives the % of an ROI receiving 95 %
    of the prescription (to tell a target from an expansion around it). Raises
    :class:`AmbiguousRoi` when several ROIs remain for a target: it never picks by size.
    """
    rois = [r for r in ss.rois if r.closed_contours]
    user_map = user_map or {}
    hit = _direct(wanted, rois, user_map)
    if hit:
        return hit
    up = wanted.upper()
    if up.endswith(("_IPSI", "_CNTR")):
        side, why = _target_side(ss)
        if side is None:
            return None
        if up.endswith("_CNTR"):
            side = "R" if side == "L" else "L"
        found = match_roi(f"{wanted[:-5]}_{side}", ss, user_map, prescription_gy)
        if found is None:
            return None
        if up.endswith("_IPSI"):
            return RoiMatch(found.roi, Msg(QT_TRANSLATE_NOOP("GoalNotes", "{roi} taken as ipsilateral ({why})"),
                                           roi=found.roi.name, why=why))
        return RoiMatch(found.roi, Msg(QT_TRANSLATE_NOOP("GoalNotes", "{roi} taken as contralateral ({why})"),
                                       roi=found.roi.name, why=why))
    kind = target_kind(wanted) if wanted not in tg263_names().standard_names else None
    if kind:
        return _match_target(kind, target_dose_gy(wanted), rois, prescription_gy, dose_reference_rois, coverage)
    named = [r for r in rois if standard_name(r.name) == wanted]
    if named:
        plain = [r for r in named if not has_copy_number(r.name)]
        pool = plain or named
        if len(pool) > 1:
            raise AmbiguousRoi(wanted, pool, Msg(QT_TRANSLATE_NOOP("GoalNotes", "each reads as TG-263 {wanted}"), wanted=wanted))
        r = pool[0]
        if has_copy_number(r.name):
            return RoiMatch(r, Msg(QT_TRANSLATE_NOOP("GoalNotes", "{roi} is TG-263 {wanted} (read without its "
                                                     "trailing number)"), roi=r.name, wanted=wanted))
        return RoiMatch(r, Msg(QT_TRANSLATE_NOOP("GoalNotes", "{roi} is TG-263 {wanted}"), roi=r.name, wanted=wanted))
    parts = tg263_names().composites.get(wanted)
    if parts:
        found_parts = [match_roi(p, ss, user_map, prescription_gy) for p in parts]
        if all(found_parts):
            members = [m.roi for m in found_parts if m]
            union = ROI(number=-1, name="+".join(r.name for r in members),
                        contours=tuple(c for r in members for c in r.contours), interpreted_type="ORGAN",
                        color_rgb=members[0].color_rgb)
            how = Msg(QT_TRANSLATE_NOOP("GoalNotes", "union of {rois} (no {wanted} ROI)"),
                      rois=Msg.joined((r.name for r in members), _AND), wanted=wanted)
            if _may_overlap(members):
                how = Msg.joined([how, Msg(QT_TRANSLATE_NOOP("GoalNotes", "the parts overlap in places, so the union "
                                                             "is approximate"))])
            return RoiMatch(union, how)
    return None


def _direct(wanted: str, rois: list[ROI], user_map: dict[str, str]) -> RoiMatch | None:
    for r in rois:
        if user_map.get(r.name) == wanted:
            return RoiMatch(r, Msg(QT_TRANSLATE_NOOP("GoalNotes", "{roi} mapped to {wanted} by the ROI map"),
                                   roi=r.name, wanted=wanted))
    folded = {k.casefold(): v for k, v in user_map.items()}
    for r in rois:
        if folded.get(r.name.casefold()) == wanted:
            return RoiMatch(r, Msg(QT_TRANSLATE_NOOP("GoalNotes", "{roi} mapped to {wanted} by the ROI map"),
                                   roi=r.name, wanted=wanted))
    for r in rois:
        if r.name == wanted:
            return RoiMatch(r, Msg(QT_TRANSLATE_NOOP("GoalNotes", "exact name")))
    for r in rois:
        if r.name.casefold() == wanted.casefold():
            return RoiMatch(r, Msg(QT_TRANSLATE_NOOP("GoalNotes", "{roi} (name differs in case only)"), roi=r.name))
    return None


# words that make a target-named ROI a helper structure (rings, walls, optimisation and avoidance
# shells, expansions), not a target to evaluate (TG-263 section 7: derived structures)
_DERIVED = re.compile(r"(ring|wall|shell|opt|optim|avoid|avd|expand|exp|block|blk|prv|\d+(?:cm|mm))", re.I)
_NON_TARGET_TYPES = frozenset({"ORGAN", "AVOIDANCE", "EXTERNAL", "CONTROL", "CAVITY", "SUPPORT", "FIXATION",
                               "MARKER", "REGISTRATION", "ISOCENTER", "CONTRAST_AGENT", "BRACHY_CHANNEL",
                               "BRACHY_ACCESSORY", "BRACHY_SRC_APP", "BRACHY_CHNL_SHLD", "DOSE_REGION",
                               "BOLUS"})
_LEVELS = {"high": 3, "hi": 3, "mid": 2, "int": 2, "low": 1, "lo": 1}


class AmbiguousRoi(ValueError):
    """Several ROIs could stand for one target: the user must choose (an ROI map, or the GUI)."""

    def __init__(self, wanted: str, candidates: list[ROI], why: str) -> None:
        self.wanted, self.candidates, self.why = wanted, tuple(candidates), why
        # the sentence, marked (the GUI shows it translated); str(exc) is its English
        self.message = Msg(QT_TRANSLATE_NOOP("GoalNotes", "{count} ROIs could be the {wanted} ({names}): {why}; choose one with an "
                                             "ROI map ('{first}: {wanted}')"), count=len(candidates), wanted=wanted,
                           names=", ".join(r.name for r in candidates), why=why, first=candidates[0].name)
        super().__init__(self.message)


def is_derived_target_name(name: str) -> bool:
    """True for helper structures named after a target: "PTV4_WALL", "PTV_ring", "zPTV_opt", "PTV+1cm".

    TG-263 starts structures not meant for evaluation with "z" or "_"; rings, walls, shells,
    optimisation and avoidance structures, PRVs and margins (a number with cm or mm, "+5") are
    derived from a target, not the target.
    """
    n = name.strip()
    if re.match(r"^(z|_|x_|opt|ring)", n, re.I) and target_kind(n) is None:
        return True
    tokens = [t for t in _SEP.split(n) if t]
    if len(tokens) > 1 and any(_DERIVED.fullmatch(t) for t in tokens[1:]):
        return True
    return bool(re.search(r"[+\-]\s*\d", n))


def _target_tier(r: ROI, kind: str, dose_ref_rois: frozenset[int]) -> int:
    """How strongly an ROI looks like a ``kind`` target: 1 (best) .. 4, or 0 (not one)."""
    named = target_kind(r.name) == kind and not is_derived_target_name(r.name)
    typed = r.interpreted_type.upper() == kind
    if r.number in dose_ref_rois and (named or typed):
        return 1
    if named and (typed or r.interpreted_type.upper() not in _NON_TARGET_TYPES):
        return 2
    if named:
        return 3  # a target name on an ROI whose type says otherwise (e.g. ORGAN): vendors mislabel
    if typed and not is_derived_target_name(r.name) and r.interpreted_type.upper() not in _NON_TARGET_TYPES:
        return 4  # the type says target, the name does not (e.g. "Breast" of type PTV)
    return 0


def _match_target(kind: str, dose_gy: float | None, rois: list[ROI], rx_gy: float | None,
                  dose_ref_rois: frozenset[int] = frozenset(),
                  coverage: Callable[[ROI], float | None] | None = None) -> RoiMatch | None:
    """The target of ``kind`` a goal means, by tiers (dose references, name and type, name, type),
    then the dose in its name, High/Mid/Low, and coverage of the prescription isodose. Never by
    size: when several remain, :class:`AmbiguousRoi` lists them."""
    tiers: dict[int, list[ROI]] = {}
    for r in rois:
        t = _target_tier(r, kind, dose_ref_rois)
        if t:
            tiers.setdefault(t, []).append(r)
    if not tiers:
        return None
    tier = min(tiers)
    cands = tiers[tier]
    how = {1: Msg(QT_TRANSLATE_NOOP("GoalNotes", "referenced by the plan's target dose reference")),
           2: Msg(QT_TRANSLATE_NOOP("GoalNotes", "named and typed as a {kind}"), kind=kind),
           3: Msg(QT_TRANSLATE_NOOP("GoalNotes", "named as a {kind} (its RT ROI type says otherwise)"), kind=kind),
           4: Msg(QT_TRANSLATE_NOOP("GoalNotes", "typed as a {kind}"), kind=kind)}[tier]
    doses = {r.number: target_dose_gy(r.name) for r in cands}

    def close(a: float | None, b: float) -> bool:
        return a is not None and abs(a - b) <= 0.005 * b

    why = how
    if dose_gy is not None:
        cands = [r for r in cands if close(doses[r.number], dose_gy)]
        why = Msg(QT_TRANSLATE_NOOP("GoalNotes", "{kind} with {dose:g} Gy in its name"), kind=kind, dose=dose_gy)
    elif len(cands) > 1 and rx_gy and any(close(doses[r.number], rx_gy) for r in cands):
        cands = [r for r in cands if close(doses[r.number], rx_gy)]
        why = Msg(QT_TRANSLATE_NOOP("GoalNotes", "{kind} with the prescription ({dose:g} Gy) in its name"), kind=kind,
                  dose=rx_gy)
    elif len(cands) > 1 and any(doses[r.number] is not None for r in cands):
        top = max(d for d in doses.values() if d is not None)
        cands = [r for r in cands if doses[r.number] == top]
        why = Msg(QT_TRANSLATE_NOOP("GoalNotes", "{kind} with the highest dose in its name ({dose:g} Gy)"), kind=kind,
                  dose=top)
    elif len(cands) > 1:
        levels = {r.number: _level(r.name) for r in cands}
        if any(levels.values()):
            top_level = max(levels.values())
            cands = [r for r in cands if levels[r.number] == top_level]
            why = Msg(QT_TRANSLATE_NOOP("GoalNotes", "the highest dose level of the {kind}s by name ({roi})"),
                      kind=kind, roi=cands[0].name)
    if not cands:
        return None
    if len(cands) > 1 and coverage is not None:
        cov = {r.number: coverage(r) for r in cands}
        covered = [r for r in cands if (cov[r.number] or 0.0) >= 90.0]
        if covered and len(covered) < len(cands):
            left_out = ", ".join(f"{r.name} {cov[r.number]:.0f} %" for r in cands if r not in covered)
            cands = covered
            why = Msg.joined([why, Msg(QT_TRANSLATE_NOOP("GoalNotes", "covered by the 95 % prescription isodose "
                                                         "(not: {left_out})"), left_out=left_out)])
    if len(cands) > 1:
        raise AmbiguousRoi(kind, cands, why)
    best = cands[0]
    return RoiMatch(best, Msg("{roi}: {why}", roi=best.name, why=why))


def _level(name: str) -> int:
    return max((_LEVELS.get(t.lower(), 0) for t in _SEP.split(name) if t), default=0)


def _centroid_x(rois: list[ROI]) -> float | None:
    pts = [c.points_mm for r in rois for c in r.closed_contours]
    return float(np.concatenate(pts)[:, 0].mean()) if pts else None


def _target_side(ss: StructureSet) -> tuple[str | None, str]:
    """'L' or 'R': the side of the patient the targets are on (DICOM +x is the patient's left)."""
    targets = [r for r in ss.rois if r.closed_contours and
               (r.interpreted_type.upper() in TARGET_KINDS or target_kind(r.name))]
    tx = _centroid_x(targets)
    if tx is None:
        return None, Msg(QT_TRANSLATE_NOOP("GoalNotes", "no target to tell the side"))
    body = [r for r in ss.rois if r.closed_contours and r.interpreted_type.upper() == "EXTERNAL"]
    mid = _centroid_x(body)
    side = "L" if tx > (mid if mid is not None else 0.0) else "R"
    sides = {("L", True): QT_TRANSLATE_NOOP("GoalNotes", "targets on the patient's left of the body's centre"),
             ("R", True): QT_TRANSLATE_NOOP("GoalNotes", "targets on the patient's right of the body's centre"),
             ("L", False): QT_TRANSLATE_NOOP("GoalNotes", "targets on the patient's left of x = 0 (no EXTERNAL ROI)"),
             ("R", False): QT_TRANSLATE_NOOP("GoalNotes", "targets on the patient's right of x = 0 (no EXTERNAL "
                                             "ROI)")}
    return side, Msg(sides[(side, mid is not None)])


def _may_overlap(rois: list[ROI]) -> bool:
    """Whether two ROIs' contour bounding boxes overlap on a shared plane (a cheap, cautious test)."""
    boxes: dict[float, list[tuple[int, np.ndarray, np.ndarray]]] = {}
    for i, r in enumerate(rois):
        for z, polys in r.planes.items():
            for p in polys:
                boxes.setdefault(z, []).append((i, p.min(axis=0), p.max(axis=0)))
    for items in boxes.values():
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                (ia, lo_a, hi_a), (ib, lo_b, hi_b) = items[a], items[b]
                if ia != ib and bool(np.all(lo_a < hi_b) and np.all(lo_b < hi_a)):
                    return True
    return False
