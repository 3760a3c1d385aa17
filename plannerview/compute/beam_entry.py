"""Does each beam's dose enter where the plan's geometry says it does?

For every treatment beam, the central axis from the source (IEC 61217: gantry, couch and the beam's
patient position) is followed into the patient; the dose along the first stretch inside the body
(or inside the dose grid's dosed region) is the beam's *entrance dose*. A beam whose stated
direction shows no entrance dose while another patient position would put it where the dose really
enters is flagged, with the positions that would agree. The beam's own RTDOSE is used when the
planning system wrote one; otherwise the plan dose (then beams that cross each other can mask one
another, so the check is weaker and says so).

Example: a plan stating head-first supine with gantry 90/270 whose dose enters from anterior and
posterior, as a decubitus (HFDL) setup, or gantry 0/180, would give it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model import ROI, DoseGrid, IonBeam
from ..model.patient_position import POSITION_MATRIX
from ..model.plan import Beam
from ..model.text import OR, QT_TRANSLATE_NOOP, Msg
from .beam_geometry import bld_to_patient
from .masks import roi_mask_on_grid

SAMPLE_STEP_MM = 1.0
SKIP_MM = 5.0  # past the surface: photon build-up, partial voxels
ENTRANCE_MM = 30.0
LOW_FRACTION = 0.1  # entrance dose below this fraction of the dose maximum counts as "no dose"


@dataclass
class BeamEntry:
    beam_number: int
    beam_name: str
    gantry_deg: float
    couch_deg: float
    stated_position: str
    dose_used: str  # "beam" or "plan"
    entrance_fraction: float | None  # stated direction's entrance dose / dose maximum
    alternatives: dict[str, float] = field(default_factory=dict)  # position -> entrance fraction (other directions)
    consistent: bool = True
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"beam_number": self.beam_number, "beam_name": self.beam_name, "gantry_deg": self.gantry_deg,
                "couch_deg": self.couch_deg, "stated_position": self.stated_position, "dose_used": self.dose_used,
                "entrance_fraction": None if self.entrance_fraction is None else round(self.entrance_fraction, 4),
                "agreeing_positions": [p for p, f in self.alternatives.items() if f >= 2 * LOW_FRACTION],
                "consistent": self.consistent, "message": self.message}


def _sample(dose: DoseGrid, points: np.ndarray) -> np.ndarray:
    """Trilinear dose at patient points (0 outside the grid)."""
    from scipy import ndimage

    ijk = dose.grid.patient_to_index(points)
    coords = np.vstack([ijk[:, 2], ijk[:, 1], ijk[:, 0]])
    return ndimage.map_coordinates(np.asarray(dose.dose, dtype=np.float32), coords, order=1, mode="constant", cval=0.0)


def entrance_fraction(dose: DoseGrid, iso_mm: np.ndarray, direction: np.ndarray, body: np.ndarray | None,
                      dose_max: float) -> float | None:
    """Median dose over ``ENTRANCE_MM`` past the body surface (after ``SKIP_MM``) on the axis that
    travels along ``direction`` to ``iso_mm``, as a fraction of ``dose_max``; None if it never enters."""
    lo, hi = dose.grid.bounds_mm()
    reach = float(np.linalg.norm(hi - lo)) + 50.0
    t = np.arange(reach, -SAMPLE_STEP_MM / 2, -SAMPLE_STEP_MM)  # from far upstream to the isocentre
    pts = iso_mm[None, :] - t[:, None] * direction[None, :]
    if body is not None:
        ijk = np.round(dose.grid.patient_to_index(pts)).astype(int)
        n = np.array(dose.grid.shape_zyx[::-1])
        ok = np.all((ijk >= 0) & (ijk < n), axis=1)
        inside = np.zeros(len(pts), dtype=bool)
        inside[ok] = body[ijk[ok, 2], ijk[ok, 1], ijk[ok, 0]]
    else:
        inside = _sample(dose, pts) > 0.01 * dose_max
    if not inside.any():
        return None
    first = int(np.argmax(inside))
    a = first + int(SKIP_MM / SAMPLE_STEP_MM)
    b = a + int(ENTRANCE_MM / SAMPLE_STEP_MM)
    b = min(b, first + max(1, (len(t) - first) // 2))  # never past halfway to the isocentre
    if a >= b:
        a, b = first, max(first + 1, b)
    vals = _sample(dose, pts[a:b])
    return float(np.median(vals)) / dose_max if dose_max > 0 else None


def beam_direction(gantry_deg: float, couch_deg: float, position: str) -> np.ndarray:
    """Unit vector from the source towards the isocentre (patient LPS)."""
    r = bld_to_patient(gantry_deg, 0.0, couch_deg, position)
    return -(r @ np.array([0.0, 0.0, 1.0]))


def _beam_geometry(beam: Beam | IonBeam) -> tuple[float, float, np.ndarray | None]:
    if isinstance(beam, IonBeam):
        return float(beam.gantry_deg or 0.0), float(beam.couch_deg or 0.0), (
            np.asarray(beam.isocenter_mm, dtype=float) if beam.isocenter_mm is not None else None)
    cp = beam.control_points[0] if beam.control_points else None
    iso = beam.isocenter_mm
    return (float(cp.gantry_deg or 0.0) if cp else 0.0, float(cp.couch_deg or 0.0) if cp else 0.0,
            np.asarray(iso, dtype=float) if iso is not None else None)


def beam_entries(beams: Sequence[Beam | IonBeam], plan_dose: DoseGrid | None,
                 beam_doses: Mapping[int, DoseGrid] | None = None, external: ROI | None = None,
                 default_position: str = "HFS") -> list[BeamEntry]:
    """One :class:`BeamEntry` per treatment beam that has a dose to look at."""
    beam_doses = beam_doses or {}
    out: list[BeamEntry] = []
    masks: dict[int, np.ndarray | None] = {}
    for beam in beams:
        if not beam.delivers_dose:
            continue
        if isinstance(beam, Beam) and beam.arc_direction is not None:
            continue  # arcs enter from everywhere
        dose = beam_doses.get(beam.number) or plan_dose
        if dose is None or not dose.is_gy:
            continue
        used = "beam" if beam.number in beam_doses else "plan"
        gantry, couch, iso = _beam_geometry(beam)
        if iso is None:
            continue
        key = id(dose)
        if key not in masks:
            masks[key] = roi_mask_on_grid(external, dose.grid) if external is not None else None
            if masks[key] is not None and not masks[key].any():  # type: ignore[union-attr]
                masks[key] = None
        body = masks[key]
        dmax = float(np.max(dose.dose))
        stated = (beam.patient_position or default_position or "HFS").upper()
        stated = stated if stated in POSITION_MATRIX else "HFS"

        here = entrance_fraction(dose, iso, beam_direction(gantry, couch, stated), body, dmax)
        alternatives: dict[str, float] = {}
        for pos in POSITION_MATRIX:
            if pos == stated or np.allclose(beam_direction(gantry, couch, pos), beam_direction(gantry, couch, stated), atol=1e-6):
                continue
            f = entrance_fraction(dose, iso, beam_direction(gantry, couch, pos), body, dmax)
            if f is not None:
                alternatives[pos] = f
        best = max(alternatives.values(), default=0.0)
        consistent = not (here is not None and here < LOW_FRACTION and best >= 2 * LOW_FRACTION and best > 3 * here)
        entry = BeamEntry(beam.number, beam.name, gantry, couch, stated, used, here,
                          dict(sorted(alternatives.items(), key=lambda kv: -kv[1])), consistent)
        agree = [p for p, f in entry.alternatives.items() if f >= 2 * LOW_FRACTION and f > 3 * (here or 0.0)]
        entry.message = _entry_message(entry, agree)
        out.append(entry)
    return out


def _entry_message(e: BeamEntry, agree: Sequence[str]) -> Msg:
    """What the entry says, in English (a marked template: the workstation translates it)."""
    values = {"beam": e.beam_name, "gantry": e.gantry_deg, "couch": e.couch_deg, "position": e.stated_position,
              "pct": 100 * (e.entrance_fraction or 0)}
    if e.consistent and e.dose_used == "beam":
        return Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam {beam}: gantry {gantry:g} deg, {position}: the beam dose "
                                     "enters where the beam does ({pct:.0f} % of the maximum at the entrance)"), **values)
    if e.consistent:
        return Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam {beam}: gantry {gantry:g} deg, {position}: the plan dose "
                                     "enters where the beam does ({pct:.0f} % of the maximum at the entrance)"), **values)
    values["positions"] = Msg.joined(agree, OR)
    if e.dose_used == "beam":
        return Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam {beam}: gantry {gantry:g} deg, couch {couch:g} deg, "
                                     "{position} puts the entrance where the beam dose is {pct:.0f} % of its maximum; "
                                     "the dose enters as {positions} would place the beam: check the patient setup "
                                     "(position, couch, a fixed-beamline convention) before recalculating"), **values)
    return Msg(QT_TRANSLATE_NOOP("CheckMessages", "beam {beam}: gantry {gantry:g} deg, couch {couch:g} deg, "
                                 "{position} puts the entrance where the plan dose is {pct:.0f} % of its maximum; "
                                 "the dose enters as {positions} would place the beam: check the patient setup "
                                 "(position, couch, a fixed-beamline convention) before recalculating"), **values)
