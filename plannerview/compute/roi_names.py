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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..model.structures import ROI, StructureSet
from ..resources import tg263_names_data
from .contours import roi_volume_cc

LEFT = frozenset({"l", "lt", "left", "lft", "links", "gauche", "sin"})
RIGHT = frozenset({"r", "rt", "right", "rgt", "rechts", "droit", "dx"})
TARGET_KINDS = ("PTV", "CTV", "GTV", "ITV")
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
    kind = target_kind(name)
    if kind:
        dose = target_dose_gy(name)
        if dose is not None:
            return f"{kind}_{round(dose * 100)}"
        return kind if _key(name) == kind.lower() else None
    names = tg263_names()
    tokens = [t for t in _SEP.split(name.strip().lower()) if t]
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
) -> RoiMatch | None:
    """The ROI of ``ss`` that stands for the TG-263 name ``wanted``; None when there is none.

    Order: the user map; the exact name (then ignoring case); ``<organ>_IPSI`` / ``_CNTR`` on the
    side of the targets; a target kind (``PTV``: by the dose in its name, the prescription first);
    the TG-263 name of each ROI; last, a composite (``Lungs`` = ``Lung_L`` + ``Lung_R``).
    ROIs without closed contours never match.
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
        rel = "ipsilateral" if up.endswith("_IPSI") else "contralateral"
        return RoiMatch(found.roi, f"{found.roi.name} taken as {rel} ({why})")
    kind = target_kind(wanted)
    if kind:
        return _match_target(kind, target_dose_gy(wanted), rois, prescription_gy)
    for r in rois:
        if standard_name(r.name) == wanted:
            return RoiMatch(r, f"{r.name} is TG-263 {wanted}")
    parts = tg263_names().composites.get(wanted)
    if parts:
        found_parts = [match_roi(p, ss, user_map, prescription_gy) for p in parts]
        if all(found_parts):
            members = [m.roi for m in found_parts if m]
            union = ROI(number=-1, name="+".join(r.name for r in members),
                        contours=tuple(c for r in members for c in r.contours), interpreted_type="ORGAN",
                        color_rgb=members[0].color_rgb)
            how = f"union of {' and '.join(r.name for r in members)} (no {wanted} ROI)"
            if _may_overlap(members):
                how += "; the parts overlap in places, so the union is approximate"
            return RoiMatch(union, how)
    return None


def _direct(wanted: str, rois: list[ROI], user_map: dict[str, str]) -> RoiMatch | None:
    for r in rois:
        if user_map.get(r.name) == wanted:
            return RoiMatch(r, f"{r.name} mapped to {wanted} by the ROI map")
    folded = {k.casefold(): v for k, v in user_map.items()}
    for r in rois:
        if folded.get(r.name.casefold()) == wanted:
            return RoiMatch(r, f"{r.name} mapped to {wanted} by the ROI map")
    for r in rois:
        if r.name == wanted:
            return RoiMatch(r, "exact name")
    for r in rois:
        if r.name.casefold() == wanted.casefold():
            return RoiMatch(r, f"{r.name} (name differs in case only)")
    return None


def _match_target(kind: str, dose_gy: float | None, rois: list[ROI], rx_gy: float | None) -> RoiMatch | None:
    cands = [r for r in rois if target_kind(r.name) == kind or r.interpreted_type.upper() == kind]
    if not cands:
        return None
    doses = {r.number: target_dose_gy(r.name) for r in cands}

    def close(a: float | None, b: float) -> bool:
        return a is not None and abs(a - b) <= 0.005 * b

    if dose_gy is not None:
        cands = [r for r in cands if close(doses[r.number], dose_gy)]
        why = f"{kind} with {dose_gy:g} Gy in its name"
    elif rx_gy and any(close(doses[r.number], rx_gy) for r in cands):
        cands = [r for r in cands if close(doses[r.number], rx_gy)]
        why = f"{kind} with the prescription ({rx_gy:g} Gy) in its name"
    elif any(doses[r.number] is not None for r in cands):
        top = max(d for d in doses.values() if d is not None)
        cands = [r for r in cands if doses[r.number] == top]
        why = f"{kind} with the highest dose in its name ({top:g} Gy)"
    else:
        why = f"the only {kind}" if len(cands) == 1 else f"the largest of {len(cands)} {kind}s"
    if not cands:
        return None
    best = max(cands, key=lambda r: roi_volume_cc(r) or 0.0)
    return RoiMatch(best, f"{best.name}: {why}")


def _centroid_x(rois: list[ROI]) -> float | None:
    pts = [c.points_mm for r in rois for c in r.closed_contours]
    return float(np.concatenate(pts)[:, 0].mean()) if pts else None


def _target_side(ss: StructureSet) -> tuple[str | None, str]:
    """'L' or 'R': the side of the patient the targets are on (DICOM +x is the patient's left)."""
    targets = [r for r in ss.rois if r.closed_contours and
               (r.interpreted_type.upper() in TARGET_KINDS or target_kind(r.name))]
    tx = _centroid_x(targets)
    if tx is None:
        return None, "no target to tell the side"
    body = [r for r in ss.rois if r.closed_contours and r.interpreted_type.upper() == "EXTERNAL"]
    mid = _centroid_x(body)
    where = "the body's centre" if mid is not None else "x = 0 (no EXTERNAL ROI)"
    side = "L" if tx > (mid if mid is not None else 0.0) else "R"
    return side, f"targets on the patient's {'left' if side == 'L' else 'right'} of {where}"


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
