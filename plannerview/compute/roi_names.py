"""Match a plan's ROI names to TG-263 standard names (with aliases, laterality and a user map)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from ..model.structures import ROI, StructureSet

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
LEFT = {"l", "lt", "left", "lft", "sin", "links"}
RIGHT = {"r", "rt", "right", "rgt", "dx", "rechts"}


def _key(text: str) -> str:
    return re.sub(r"[\s_\-.]+", "", text.lower())


@lru_cache(maxsize=1)
def tg263_aliases() -> dict[str, str]:
    """normalised alias -> TG-263 base name (laterality handled separately)."""
    data = yaml.safe_load((RESOURCES / "tg263" / "names.yaml").read_text())
    out: dict[str, str] = {}
    for std, aliases in data.items():
        out[_key(std)] = std
        for a in aliases or []:
            out.setdefault(_key(str(a)), std)
    return out


def standard_name(name: str) -> str | None:
    """TG-263 name for one ROI name, or None when it is not recognised."""
    tokens = [t for t in re.split(r"[\s_\-.]+", name.strip().lower()) if t]
    if not tokens:
        return None
    side = ""
    if len(tokens) > 1 and tokens[0] in LEFT | RIGHT:
        side = "_L" if tokens[0] in LEFT else "_R"
        tokens = tokens[1:]
    elif len(tokens) > 1 and tokens[-1] in LEFT | RIGHT:
        side = "_L" if tokens[-1] in LEFT else "_R"
        tokens = tokens[:-1]
    base = tg263_aliases().get("".join(tokens))
    if base is None:
        # glued laterality: "LungL", "ParotidR"
        joined = "".join(tokens)
        if not side and len(joined) > 3 and joined[-1] in "lr" and joined[:-1] in tg263_aliases():
            base, side = tg263_aliases()[joined[:-1]], "_L" if joined[-1] == "l" else "_R"
        else:
            return None
    if base == "Lung" and side:
        return f"Lung{side}"
    if base == "Lung":
        return "Lungs"
    return base + side


def load_user_map(path: str | Path | None) -> dict[str, str]:
    """A YAML mapping file: {their ROI name: TG-263 name}."""
    if path is None:
        return {}
    data = yaml.safe_load(Path(path).read_text()) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: an ROI map must be a mapping of 'their name: TG-263 name'")
    return {str(k): str(v) for k, v in data.items()}


def match_roi(wanted: str, ss: StructureSet, user_map: dict[str, str] | None = None) -> ROI | None:
    """The ROI of ``ss`` that stands for the TG-263 name ``wanted`` (None when there is none).

    Order: the user map, an exact name, the TG-263 name of each ROI; ``PTV``/``CTV``/``GTV``
    take the ROI of that interpreted type (or name prefix) with the largest volume when several;
    ``Lung_IPSI``/``Lung_CNTR`` pick the lung on the target's side (patient left is +x).
    """
    user_map = user_map or {}
    candidates = [r for r in ss.rois if r.closed_contours]
    for r in candidates:
        if user_map.get(r.name) == wanted:
            return r
    for r in candidates:
        if r.name == wanted:
            return r
    if wanted.upper() in ("PTV", "CTV", "GTV"):
        typed = [r for r in candidates if r.interpreted_type.upper() == wanted.upper()] or \
                [r for r in candidates if r.name.upper().startswith(wanted.upper())]
        return max(typed, key=_extent, default=None)
    if wanted.upper() in ("LUNG_IPSI", "LUNG_CNTR"):
        side = _target_side(ss)
        if side is None:
            return None
        if wanted.upper() == "LUNG_CNTR":
            side = "_R" if side == "_L" else "_L"
        wanted = "Lung" + side
    for r in candidates:
        if standard_name(r.name) == wanted:
            return r
    return None


def _extent(roi: ROI) -> float:
    return float(sum(len(c.points_mm) for c in roi.closed_contours))


def _target_side(ss: StructureSet) -> str | None:
    targets = [r for r in ss.rois if r.interpreted_type.upper() in ("PTV", "CTV", "GTV") and r.closed_contours]
    if not targets:
        return None
    pts = np.concatenate([c.points_mm for r in targets for c in r.closed_contours])
    return "_L" if float(pts[:, 0].mean()) > 0 else "_R"
