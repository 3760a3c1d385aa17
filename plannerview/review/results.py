"""Typed results the workspace hands out: per-ROI DVH metrics and comparison rows.

The GUI reads these objects' attributes; JSON is made only at the CLI edge by their ``to_json()``
methods, which print exactly the documents of ``plannerview dvh --json`` (one structure row) and
``plannerview compare --json`` (one structure row, one goal row). Values are kept unrounded;
``to_json`` rounds them as the CLI always has (4 decimals, NaN as null). Goal reports are typed in
:mod:`plannerview.compute.goals` (``GoalReport``, ``GoalResult``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..compute.goals import GoalResult
from ..compute.metrics import STANDARD_D_PERCENT
from ..compute.tps_dvh import TpsComparison
from ..model.dvh import DVH

D_PERCENTS: tuple[int, ...] = tuple(int(p) for p in STANDARD_D_PERCENT)


def rounded(x: float | None, nd: int = 4) -> float | None:
    """``x`` rounded to ``nd`` decimals, None for None, NaN or infinity (as the CLI's JSON)."""
    return None if x is None or not math.isfinite(x) else round(float(x), nd)


def _finite(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def curve_step(dmax: float) -> float:
    """Cumulative curve sampling of ``dvh --json``: every 0.1 Gy or 1/500 of the maximum, whichever is finer."""
    return min(0.1, dmax / 500.0) if dmax > 0 else 0.1


@dataclass(frozen=True)
class RelativeDoseMetrics:
    """Dose figures of a RELATIVE dose, in the file's own relative units (no Gy)."""

    dmin: float | None
    dmean: float | None
    dmax: float | None
    d_percent: Mapping[int, float | None]


@dataclass(frozen=True, eq=False)
class DvhMetrics:
    """One ROI's DVH figures on one dose (Gy, or Gy(RBE) for EFFECTIVE doses; ``unit`` says which).

    Dose fields are None for a RELATIVE dose (see ``relative``) and when nothing of the ROI lies
    in the dose grid; ``d0_03cc_gy`` is None when less than 0.03 cc is covered. ``tps`` compares
    with the planning system's own DVH when the RTDOSE stores one. ``warnings`` include the TPS
    comparison's.
    """

    roi_name: str
    roi_number: int
    unit: str
    volume_cc: float
    covered_cc: float
    uncovered_cc: float
    dmin_gy: float | None
    dmean_gy: float | None
    dmax_gy: float | None
    d_percent_gy: Mapping[int, float | None]
    d0_03cc_gy: float | None
    warnings: tuple[str, ...]
    provenance: Mapping[str, object]
    color_rgb: tuple[int, int, int] = (255, 255, 0)
    tps: TpsComparison | None = None
    relative: RelativeDoseMetrics | None = None
    dvh: DVH | None = field(default=None, repr=False)

    @property
    def is_covered(self) -> bool:
        """True when some of the ROI lies inside the dose grid."""
        return self.covered_cc > 0

    def d_percent(self, percent: int) -> float | None:
        """D x % in Gy (None when not available)."""
        return self.d_percent_gy.get(int(percent))

    @classmethod
    def from_dvh(cls, dvh: DVH, tps: TpsComparison | None = None, tps_warnings: tuple[str, ...] = ()) -> DvhMetrics:
        gy = not dvh.is_relative
        covered = dvh.covered_cc > 0
        relative = None
        if not gy:
            relative = RelativeDoseMetrics(_finite(dvh.dmin), _finite(dvh.dmean), _finite(dvh.dmax),
                                           {p: _finite(dvh.dose_at_percent(p)) for p in D_PERCENTS})
        return cls(
            roi_name=dvh.roi_name, roi_number=dvh.roi_number, unit=dvh.unit, volume_cc=float(dvh.volume_cc),
            covered_cc=float(dvh.covered_cc), uncovered_cc=float(dvh.uncovered_cc),
            dmin_gy=_finite(dvh.dmin) if gy else None, dmean_gy=_finite(dvh.dmean) if gy else None,
            dmax_gy=_finite(dvh.dmax) if gy else None,
            d_percent_gy={p: _finite(dvh.dose_at_percent(p)) if gy and covered else None for p in D_PERCENTS},
            d0_03cc_gy=_finite(dvh.dose_at_volume(0.03)) if gy and dvh.covered_cc >= 0.03 else None,
            warnings=(*dvh.warnings, *tps_warnings), provenance=dict(dvh.provenance), color_rgb=dvh.color_rgb,
            tps=tps, relative=relative, dvh=dvh)

    def summary_json(self) -> dict[str, Any]:
        """The per-ROI metrics a comparison reports (``compare --json``: volume, Dmin/mean/max, D x %)."""
        return {
            "volume_cc": rounded(self.volume_cc),
            "dmin_gy": rounded(self.dmin_gy),
            "dmean_gy": rounded(self.dmean_gy),
            "dmax_gy": rounded(self.dmax_gy),
            "d_percent_gy": {str(p): rounded(v) for p, v in self.d_percent_gy.items()},
        }

    def to_json(self) -> dict[str, Any]:
        """One structure row of ``plannerview dvh --json`` (with the sampled cumulative curve)."""
        dvh = self.dvh
        if dvh is None:
            raise ValueError(f"DVH metrics of {self.roi_name} were made without their DVH: no curve to print")
        step = curve_step(dvh.dmax)
        dose_pts = np.arange(0.0, dvh.dmax + step, step) if dvh.covered_cc > 0 else np.zeros(0)
        vols = [round(v, 5) for v in dvh.volumes_at_doses(dose_pts).tolist()]
        doc: dict[str, Any] = {
            "name": self.roi_name,
            "number": self.roi_number,
            "volume_cc": rounded(self.volume_cc),
            "uncovered_cc": rounded(self.uncovered_cc),
            "dmin_gy": rounded(self.dmin_gy),
            "dmean_gy": rounded(self.dmean_gy),
            "dmax_gy": rounded(self.dmax_gy),
            "d_percent_gy": {str(p): rounded(v) for p, v in self.d_percent_gy.items()},
            "d0_03cc_gy": rounded(self.d0_03cc_gy),
            "cumulative": {"dose_gy": [round(float(d), 6) for d in dose_pts], "volume_cc": vols},
            "tps": None if self.tps is None else self.tps.to_json(),
            "warnings": list(self.warnings),
            "unit": self.unit,
            "provenance": dict(self.provenance),
        }
        if self.relative is not None:  # same keys, Gy values null; the relative-dose figures beside them
            r = self.relative
            doc["relative"] = {"dmin": rounded(r.dmin), "dmean": rounded(r.dmean), "dmax": rounded(r.dmax),
                               "d_percent": {str(p): rounded(v) for p, v in r.d_percent.items()}}
            doc["cumulative"] = {"dose_gy": None, "dose_relative": [round(float(d), 6) for d in dose_pts],
                                 "volume_cc": vols}
        return doc


def _sub(x: float | None, y: float | None) -> float | None:
    return None if x is None or y is None else x - y


@dataclass(frozen=True)
class MetricsDiff:
    """A - B of the comparison metrics (None where either is None)."""

    volume_cc: float | None
    dmin_gy: float | None
    dmean_gy: float | None
    dmax_gy: float | None
    d_percent_gy: Mapping[int, float | None]

    @classmethod
    def of(cls, a: DvhMetrics, b: DvhMetrics) -> MetricsDiff:
        return cls(_sub(a.volume_cc, b.volume_cc), _sub(a.dmin_gy, b.dmin_gy), _sub(a.dmean_gy, b.dmean_gy),
                   _sub(a.dmax_gy, b.dmax_gy), {p: _sub(a.d_percent_gy.get(p), b.d_percent_gy.get(p))
                                                for p in a.d_percent_gy})


@dataclass(frozen=True, eq=False)
class ComparisonRow:
    """One ROI of a comparison: its metrics on A and on B and their difference."""

    name: str
    number: int
    color_rgb: tuple[int, int, int] | None
    a: DvhMetrics
    b: DvhMetrics
    diff: MetricsDiff

    def to_json(self) -> dict[str, Any]:
        """``{"name", "a", "b", "diff"}`` as ``compare --json`` prints it (the difference of the
        rounded figures, rounded again: what a reader of the two columns computes)."""
        ja, jb = self.a.summary_json(), self.b.summary_json()

        def sub(x: Any, y: Any) -> Any:
            return None if x is None or y is None else round(x - y, 4)

        diff = {**{k: sub(ja[k], jb[k]) for k in ("volume_cc", "dmin_gy", "dmean_gy", "dmax_gy")},
                "d_percent_gy": {p: sub(ja["d_percent_gy"][p], jb["d_percent_gy"][p]) for p in ja["d_percent_gy"]}}
        return {"name": self.name, "a": ja, "b": jb, "diff": diff}


@dataclass(frozen=True, eq=False)
class GoalPair:
    """One clinical goal evaluated on A and on B."""

    a: GoalResult
    b: GoalResult

    @property
    def diff(self) -> float | None:
        """A's value minus B's (None when either is not evaluated)."""
        return None if self.a.value is None or self.b.value is None else self.a.value - self.b.value

    def to_json(self) -> dict[str, Any]:
        """A ``goals`` row of ``compare --json``."""
        ga, gb = self.a.to_json(), self.b.to_json()
        keys = ("roi", "matched_roi", "metric", "unit", "comparator", "limit", "acceptable")
        return {**{k: ga[k] for k in keys},
                "a": {"value": ga["value"], "status": ga["status"]}, "b": {"value": gb["value"], "status": gb["status"]},
                "diff": None if ga["value"] is None or gb["value"] is None else round(ga["value"] - gb["value"], 4)}
