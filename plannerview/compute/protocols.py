"""Clinical-goal protocols: the content of a protocol YAML file validated into :class:`Protocol`.

The files (``plannerview/data/protocols`` and users' own) are read by ``io.protocols``;
``review.loaders.load_protocol`` reads and validates in one call.

A protocol states its fractionation (fractions, dose per fraction), the target prescription,
alpha/beta per ROI (for EQD2), its source documents, and goals. Each goal names an ROI (TG-263),
a metric expression (``metrics.parse_metric``), a comparator, a limit with its unit, an optional
"acceptable variation" limit, a citation (source, table or page) and a note. The schema is
described in ``docs/goals.md``; every problem is reported with the file and the goal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .metrics import Metric, MetricError, parse_metric

COMPARATORS = ("<", "<=", ">", ">=")
TOP_KEYS = {"name", "title", "site", "description", "fractions", "dose_per_fraction_gy", "prescription_gy",
            "alpha_beta_gy", "sources", "goals", "radiation", "dose_type", "eqd2_total"}
RADIATIONS = ("external", "photon", "proton", "ion", "brachy")
DOSE_TYPES = ("PHYSICAL", "EFFECTIVE")
GOAL_KEYS = {"roi", "any_of", "metric", "comparator", "limit", "unit", "acceptable", "alpha_beta_gy",
             "citation", "note"}


class ProtocolError(ValueError):
    """A protocol that cannot be found or does not follow the schema."""


@dataclass(frozen=True)
class Citation:
    source: str  # key into Protocol.sources
    document: str  # the full reference
    where: str  # table / page / section

    def __str__(self) -> str:
        return f"{self.document}, {self.where}"


@dataclass(frozen=True)
class Goal:
    """One clinical goal. ``rois``: TG-263 names, first that the plan has (or, with ``any_of``,
    all of them, the best value counts)."""

    rois: tuple[str, ...]
    metric: str
    comparator: str
    limit: float
    unit: str
    citation: Citation
    note: str
    acceptable: float | None = None
    alpha_beta_gy: float | None = None
    any_of: bool = False

    @property
    def roi(self) -> str:
        """The ROI as reported: the first name, or ``A|B`` for any-of goals."""
        return "|".join(self.rois) if self.any_of else self.rois[0]

    @property
    def parsed(self) -> Metric:
        return parse_metric(self.metric)

    def describe(self) -> str:
        acc = f" (acceptable {self.comparator} {self.acceptable:g})" if self.acceptable is not None else ""
        return f"{self.roi} {self.metric} {self.comparator} {self.limit:g} {self.unit}{acc}".strip()


@dataclass(frozen=True)
class ExternalBeamPart:
    """The external-beam part of a combined course (brachytherapy protocols in total EQD2)."""

    fractions: int
    dose_per_fraction_gy: float

    def eqd2_gy(self, alpha_beta_gy: float) -> float:
        d = self.dose_per_fraction_gy
        return self.fractions * d * (d + alpha_beta_gy) / (2.0 + alpha_beta_gy)


@dataclass(frozen=True)
class Protocol:
    name: str
    title: str
    site: str
    fractions: int
    dose_per_fraction_gy: float
    prescription_gy: float
    alpha_beta_gy: dict[str, float]
    sources: dict[str, str]
    goals: tuple[Goal, ...]
    description: str = ""
    file: str = ""
    sha256: str = ""
    radiation: str = "external"  # external (photon or ion beams), photon, proton, ion or brachy
    dose_type: str = "PHYSICAL"  # EFFECTIVE: limits are RBE-weighted doses, Gy(RBE)
    eqd2_total: ExternalBeamPart | None = None  # limits are total EQD2 with this external-beam part

    @property
    def dose_unit(self) -> str:
        """'Gy(RBE)' when the limits are RBE-weighted doses, else 'Gy'."""
        return "Gy(RBE)" if self.dose_type == "EFFECTIVE" else "Gy"

    def alpha_beta_for(self, goal: Goal, matched_name: str | None = None) -> float:
        """alpha/beta of a goal: its own, else the protocol's for its ROI, else the default."""
        if goal.alpha_beta_gy is not None:
            return goal.alpha_beta_gy
        for name in (*goal.rois, matched_name or ""):
            if name in self.alpha_beta_gy:
                return self.alpha_beta_gy[name]
        return self.alpha_beta_gy["default"]


def parse_protocol(data: Any, file: str = "", sha256: str = "") -> Protocol:
    """A protocol from the parsed YAML of its file, validated (see the module docstring); every
    problem is a :class:`ProtocolError` naming ``file`` and the goal."""
    try:
        return _parse(data, file, sha256)
    except ProtocolError as exc:
        raise ProtocolError(f"{file or 'protocol'}: {exc}") from None


def _num(value: Any, what: str, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ProtocolError(f"{what} must be a number, not {value!r}")
    if positive and value <= 0:
        raise ProtocolError(f"{what} must be positive, not {value!r}")
    return float(value)


def _parse(data: Any, path: str, sha: str) -> Protocol:
    if not isinstance(data, dict):
        raise ProtocolError("a protocol must be a YAML mapping")
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ProtocolError(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(TOP_KEYS))}")
    for key in ("name", "title", "fractions", "dose_per_fraction_gy", "prescription_gy", "alpha_beta_gy",
                "sources", "goals"):
        if key not in data:
            raise ProtocolError(f"missing '{key}'")
    fractions = data["fractions"]
    if isinstance(fractions, bool) or not isinstance(fractions, int) or fractions <= 0:
        raise ProtocolError(f"'fractions' must be a positive integer, not {fractions!r}")
    dpf = _num(data["dose_per_fraction_gy"], "'dose_per_fraction_gy'", positive=True)
    rx = _num(data["prescription_gy"], "'prescription_gy'", positive=True)
    if abs(dpf * fractions - rx) > 1e-6 * rx + 1e-9:
        raise ProtocolError(f"fractionation is inconsistent: {fractions} x {dpf:g} Gy = {dpf * fractions:g} Gy, "
                            f"not the prescription {rx:g} Gy")
    ab_raw = data["alpha_beta_gy"]
    if not isinstance(ab_raw, dict) or "default" not in ab_raw:
        raise ProtocolError("'alpha_beta_gy' must be a mapping with a 'default' (and ROI names)")
    ab = {str(k): _num(v, f"alpha_beta_gy[{k}]", positive=True) for k, v in ab_raw.items()}
    sources = data["sources"]
    if not isinstance(sources, dict) or not sources or not all(isinstance(v, str) and v.strip()
                                                                 for v in sources.values()):
        raise ProtocolError("'sources' must map short keys to full references")
    goals_raw = data["goals"]
    if not isinstance(goals_raw, list) or not goals_raw:
        raise ProtocolError("'goals' must be a non-empty list")
    radiation = str(data.get("radiation", "external"))
    if radiation not in RADIATIONS:
        raise ProtocolError(f"'radiation' must be one of {', '.join(RADIATIONS)}, not {radiation!r}")
    dose_type = str(data.get("dose_type", "PHYSICAL")).upper()
    if dose_type not in DOSE_TYPES:
        raise ProtocolError(f"'dose_type' must be PHYSICAL or EFFECTIVE, not {data.get('dose_type')!r}")
    ebrt = None
    if data.get("eqd2_total") is not None:
        e = data["eqd2_total"]
        if not isinstance(e, dict) or set(e) != {"ebrt_fractions", "ebrt_dose_per_fraction_gy"}:
            raise ProtocolError("'eqd2_total' must give 'ebrt_fractions' and 'ebrt_dose_per_fraction_gy'")
        n = e["ebrt_fractions"]
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ProtocolError(f"'eqd2_total.ebrt_fractions' must be a whole number, not {n!r}")
        ebrt = ExternalBeamPart(n, _num(e["ebrt_dose_per_fraction_gy"], "'eqd2_total.ebrt_dose_per_fraction_gy'"))
    dose_unit = "Gy(RBE)" if dose_type == "EFFECTIVE" else "Gy"
    goals = tuple(_goal(g, i + 1, sources, dose_unit) for i, g in enumerate(goals_raw))
    return Protocol(name=str(data["name"]), title=str(data["title"]), site=str(data.get("site", "")),
                    fractions=fractions, dose_per_fraction_gy=dpf, prescription_gy=rx, alpha_beta_gy=ab,
                    sources={str(k): str(v).strip() for k, v in sources.items()}, goals=goals,
                    description=str(data.get("description", "")).strip(), file=str(path), sha256=sha,
                    radiation=radiation, dose_type=dose_type, eqd2_total=ebrt)


def expected_unit(metric: Metric) -> str:
    """The unit a limit on this metric is written in: Gy, %, cc, or '' (indices)."""
    return metric.unit


def _goal(g: Any, i: int, sources: dict[str, str], dose_unit: str = "Gy") -> Goal:
    if not isinstance(g, dict):
        raise ProtocolError(f"goal {i}: must be a mapping")
    label = f"goal {i} ({g.get('roi') or g.get('any_of')} {g.get('metric')})"
    unknown = set(g) - GOAL_KEYS
    if unknown:
        raise ProtocolError(f"{label}: unknown key(s) {', '.join(sorted(unknown))}")
    if ("roi" in g) == ("any_of" in g):
        raise ProtocolError(f"{label}: give either 'roi' (a name or a list of alternatives) or 'any_of'")
    rois_raw = g.get("roi", g.get("any_of"))
    rois = tuple(str(r) for r in (rois_raw if isinstance(rois_raw, list) else [rois_raw]))
    if not rois or not all(rois):
        raise ProtocolError(f"{label}: no ROI")
    for key in ("metric", "comparator", "limit", "unit", "citation", "note"):
        if key not in g:
            raise ProtocolError(f"{label}: missing '{key}'")
    try:
        metric = parse_metric(str(g["metric"]))
    except MetricError as exc:
        raise ProtocolError(f"{label}: {exc}") from None
    comparator = str(g["comparator"])
    if comparator not in COMPARATORS:
        raise ProtocolError(f"{label}: comparator {comparator!r} is not one of {', '.join(COMPARATORS)}")
    limit = _num(g["limit"], f"{label}: 'limit'")
    unit = str(g["unit"])
    if unit == "Gy(RBE)" and dose_unit != "Gy(RBE)":
        raise ProtocolError(f"{label}: a limit in Gy(RBE) needs 'dose_type: EFFECTIVE' in the protocol")
    if unit == "Gy" and dose_unit == "Gy(RBE)" and expected_unit(metric) == "Gy":
        raise ProtocolError(f"{label}: the protocol's doses are RBE-weighted: write the unit as Gy(RBE)")
    if (unit.replace("Gy(RBE)", "Gy") if dose_unit == "Gy(RBE)" else unit) != expected_unit(metric):
        raise ProtocolError(f"{label}: the limit's unit {unit!r} does not fit the metric "
                            f"(which gives {expected_unit(metric) or 'no unit'!r})")
    acceptable = None
    if g.get("acceptable") is not None:
        acceptable = _num(g["acceptable"], f"{label}: 'acceptable'")
        lenient = acceptable >= limit if comparator.startswith("<") else acceptable <= limit
        if not lenient:
            raise ProtocolError(f"{label}: the acceptable limit {acceptable:g} must be more lenient than "
                                f"the limit {comparator} {limit:g}")
    cit = g["citation"]
    if not isinstance(cit, dict) or not cit.get("source") or not cit.get("where"):
        raise ProtocolError(f"{label}: 'citation' must give 'source' (a key of 'sources') and 'where' "
                            "(table or page)")
    if cit["source"] not in sources:
        raise ProtocolError(f"{label}: citation source {cit['source']!r} is not among the sources "
                            f"({', '.join(sources)})")
    note = str(g["note"]).strip()
    if not note:
        raise ProtocolError(f"{label}: empty note")
    ab = _num(g["alpha_beta_gy"], f"{label}: 'alpha_beta_gy'", positive=True) if g.get("alpha_beta_gy") else None
    return Goal(rois=rois, metric=metric.text, comparator=comparator, limit=limit, unit=unit,
                citation=Citation(str(cit["source"]), sources[cit["source"]].strip(), str(cit["where"])),
                note=note, acceptable=acceptable, alpha_beta_gy=ab, any_of="any_of" in g)
