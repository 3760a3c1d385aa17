"""DVH metrics and the small expression language used everywhere (CLI, goals, GUI).

Grammar (case-insensitive; an optional ``[unit]`` says how the result is expressed)::

    Dmean | Dmax | Dmin            [Gy] (default) or [%] of prescription
    D<x>%   e.g. D95%              minimum dose to the hottest x % of the volume
    D<x>cc  e.g. D0.03cc           minimum dose to the hottest x cc
    V<x>Gy  e.g. V20Gy[%]          volume receiving at least x Gy, [%] (default) or [cc]
    V<x>%   e.g. V95%[%]           volume receiving at least x % of the prescription
    HI                              ICRU 83 homogeneity index (D2 - D98) / D50
    gEUD(a=8)                       generalised equivalent uniform dose, parameter a
    CI_Paddick, CI_RTOG, GI         conformity (Paddick, RTOG) and gradient index; need the dose
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..model.dose import DoseGrid
from ..model.dvh import DVH
from ..model.text import QT_TRANSLATE_NOOP, Msg


class MetricError(ValueError):
    """A metric expression that does not parse, or cannot be evaluated with what was given."""


@dataclass(frozen=True)
class Metric:
    kind: str  # D_STAT, D_PCT, D_CC, V_GY, V_PCT_RX, HI, GEUD, CI_PADDICK, CI_RTOG, GI
    text: str
    x: float | None = None
    stat: str | None = None  # mean, max, min
    unit: str = "Gy"  # Gy, %, cc


@dataclass(frozen=True)
class MetricValue:
    value: float | None
    unit: str


_NUM = r"(\d+(?:\.\d+)?)"
_PATTERNS = [
    (re.compile(r"^D(mean|max|min)(?:\[(gy|%)\])?$", re.I), "D_STAT"),
    (re.compile(rf"^D{_NUM}%(?:\[(gy|%)\])?$", re.I), "D_PCT"),
    (re.compile(rf"^D{_NUM}cc(?:\[(gy|%)\])?$", re.I), "D_CC"),
    (re.compile(rf"^V{_NUM}gy(?:\[(%|cc)\])?$", re.I), "V_GY"),
    (re.compile(rf"^V{_NUM}%(?:\[(%|cc)\])?$", re.I), "V_PCT_RX"),
]


def parse_metric(text: str) -> Metric:
    """Parse a metric expression (grammar in the module docstring); :class:`MetricError` if it does not parse."""
    t = text.strip().replace(" ", "")
    low = t.lower()
    if low == "hi":
        return Metric("HI", t, unit="")
    if low in ("ci_paddick", "ci_rtog", "gi"):
        return Metric(low.upper(), t, unit="")
    m = re.match(rf"^geud\((?:a=)?(-?{_NUM[1:-1]})\)(?:\[(gy|%)\])?$", low)
    if m:
        return Metric("GEUD", t, x=float(m.group(1)), unit=_dose_unit(m.group(2)))
    for pat, kind in _PATTERNS:
        m = pat.match(t)
        if not m:
            continue
        if kind == "D_STAT":
            return Metric(kind, t, stat=m.group(1).lower(), unit=_dose_unit(m.group(2)))
        x = float(m.group(1))
        if kind in ("D_PCT", "D_CC"):
            if kind == "D_PCT" and not 0 <= x <= 100:
                raise MetricError(Msg(QT_TRANSLATE_NOOP("GoalNotes", "{metric}: a volume percentage must be between 0 and 100"),
                                     metric=repr(text)))
            return Metric(kind, t, x=x, unit=_dose_unit(m.group(2)))
        return Metric(kind, t, x=x, unit=(m.group(2) or "%").lower())
    raise MetricError(Msg(QT_TRANSLATE_NOOP("GoalNotes", "cannot read metric {metric}; use e.g. {examples}"), metric=repr(text),
                          examples="Dmean, Dmax, D95%, D0.03cc, V20Gy[%], V95%[cc], HI, gEUD(a=8)"))


def _dose_unit(s: str | None) -> str:
    return "%" if s == "%" else "Gy"


def evaluate_metric(
    metric: Metric | str,
    dvh: DVH,
    prescription_gy: float | None = None,
    dose: DoseGrid | None = None,
) -> MetricValue:
    """Value of a metric on a DVH. Dose metrics in % and V at % of Rx need ``prescription_gy``;
    conformity and gradient indices need the ``dose`` (the prescription isodose volume)."""
    m = parse_metric(metric) if isinstance(metric, str) else metric
    rel = dvh.is_relative
    dose_unit = dvh.unit
    if dvh.covered_cc <= 0:
        return MetricValue(None, m.unit)

    def as_dose(gy: float) -> MetricValue:
        if rel:  # no Gy; a dose in % is reported in the file's own relative units (scale unknown)
            return MetricValue(gy if m.unit == "%" else None, "RELATIVE" if m.unit == "%" else m.unit)
        if m.unit == "%":
            if not prescription_gy:
                raise MetricError(Msg(QT_TRANSLATE_NOOP("GoalNotes", "{metric}: a prescription is needed to express dose in %"),
                                     metric=m.text))
            return MetricValue(100.0 * gy / prescription_gy, "%")
        return MetricValue(gy, dose_unit)

    def as_volume(cc: float) -> MetricValue:
        if m.unit == "cc":
            return MetricValue(cc, "cc")
        return MetricValue(100.0 * cc / dvh.covered_cc, "%")

    if m.kind == "D_STAT":
        return as_dose({"mean": dvh.dmean, "max": dvh.dmax, "min": dvh.dmin}[m.stat or "mean"])
    if m.kind == "D_PCT":
        return as_dose(dvh.dose_at_percent(m.x or 0.0))
    if m.kind == "D_CC":
        x = m.x or 0.0
        if x > dvh.covered_cc:
            return MetricValue(None, m.unit if m.unit == "%" else dose_unit)
        return as_dose(dvh.dose_at_volume(x))
    if m.kind == "V_GY":
        if rel:
            return MetricValue(None, m.unit)
        return as_volume(dvh.volume_at_dose(m.x or 0.0))
    if m.kind == "V_PCT_RX":
        if rel:  # the prescription is not known in the file's relative units
            return MetricValue(None, m.unit)
        if not prescription_gy:
            raise MetricError(Msg(QT_TRANSLATE_NOOP("GoalNotes", "{metric}: a prescription is needed for a dose in % of prescription"),
                                 metric=m.text))
        return as_volume(dvh.volume_at_dose(prescription_gy * (m.x or 0.0) / 100.0))
    if m.kind == "HI":
        d50 = dvh.dose_at_percent(50)
        return MetricValue((dvh.dose_at_percent(2) - dvh.dose_at_percent(98)) / d50 if d50 > 0 else None, "")
    if m.kind == "GEUD":
        return as_dose(geud(dvh, m.x or 1.0))
    if m.kind in ("CI_PADDICK", "CI_RTOG", "GI"):
        if dose is None or not prescription_gy:
            raise MetricError(Msg(QT_TRANSLATE_NOOP("GoalNotes", "{metric}: needs the dose grid and a prescription"), metric=m.text))
        piv = isodose_volume_cc(dose, prescription_gy)
        if m.kind == "GI":
            return MetricValue(isodose_volume_cc(dose, prescription_gy / 2) / piv if piv > 0 else None, "")
        tv = dvh.covered_cc
        tv_piv = dvh.volume_at_dose(prescription_gy)
        if m.kind == "CI_RTOG":
            return MetricValue(piv / tv if tv > 0 else None, "")
        return MetricValue(tv_piv**2 / (tv * piv) if tv > 0 and piv > 0 else None, "")
    raise MetricError(Msg(QT_TRANSLATE_NOOP("GoalNotes", "unknown metric kind {kind}"), kind=m.kind))


def geud(dvh: DVH, a: float) -> float:
    """Generalised EUD (Niemierko): (sum v_i d_i^a)^(1/a), v_i relative volumes, bin centres."""
    centres = 0.5 * (dvh.bin_edges[:-1] + dvh.bin_edges[1:])
    v = dvh.differential_cc / dvh.covered_cc
    if a == 0:
        return float(np.exp(np.sum(v * np.log(np.maximum(centres, 1e-12)))))
    return float(np.sum(v * centres**a) ** (1.0 / a))


def isodose_volume_cc(dose: DoseGrid, level: float) -> float:
    """Volume of the dose grid at or above ``level`` (voxel count times voxel volume)."""
    return float(np.count_nonzero(dose.dose >= level)) * dose.grid.voxel_volume_cc


STANDARD_D_PERCENT = (2, 5, 50, 95, 98)
