"""Beam directions for the geometric checks (isocentre, couch, grid coverage at the entrance)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...compute.beam_geometry import DEFAULT_SAD_MM, source_position_mm
from ...model.patient_position import POSITION_MATRIX
from ...model.plan import Beam, IonBeam
from .context import CheckContext


@dataclass(frozen=True)
class Direction:
    beam_name: str
    gantry_deg: float
    couch_deg: float
    iso_mm: np.ndarray
    source_mm: np.ndarray


def beam_isocenter(beam: Beam | IonBeam) -> tuple[float, float, float] | None:
    if isinstance(beam, IonBeam):
        return beam.isocenter_mm
    return next((cp.isocenter_mm for cp in beam.control_points if cp.isocenter_mm is not None), None)


def directions(ctx: CheckContext, beam: Beam | IonBeam, arc_step_deg: float = 10.0) -> list[Direction]:
    """The beam's central-axis directions: one for a static beam, one per ``arc_step_deg`` of an arc."""
    iso = beam_isocenter(beam)
    if iso is None:
        return []
    pos = ctx.patient_position
    if isinstance(beam, IonBeam):
        g = [float(beam.gantry_deg or 0.0)]
        couch = float(beam.couch_deg or 0.0)
        sad = DEFAULT_SAD_MM
    else:
        gs = [cp.gantry_deg for cp in beam.control_points if cp.gantry_deg is not None]
        couch = float(next((cp.couch_deg for cp in beam.control_points if cp.couch_deg is not None), 0.0))
        sad = beam.sad_mm or DEFAULT_SAD_MM
        g = [float(gs[0])] if gs else [0.0]
        if beam.arc_direction and len(gs) > 1:
            g, last = [float(gs[0])], float(gs[0])
            for a in gs[1:]:
                if abs(((a - last) + 180.0) % 360.0 - 180.0) >= arc_step_deg:
                    g.append(float(a))
                    last = float(a)
            if g[-1] != gs[-1]:
                g.append(float(gs[-1]))
    iso_a = np.asarray(iso, dtype=float)
    return [Direction(beam.name, a, couch, iso_a, source_position_mm(iso_a, a, couch, pos, sad)) for a in g]


def support_direction(patient_position: str) -> np.ndarray:
    """Unit vector (LPS) from the patient towards the couch: IEC support -Zs in patient coordinates."""
    m = POSITION_MATRIX.get((patient_position or "HFS").upper(), POSITION_MATRIX["HFS"])
    return np.asarray(m @ np.array([0.0, 0.0, -1.0]))


def entry_point(ctx: CheckContext, d: Direction, step_mm: float = 2.0) -> np.ndarray | None:
    """Where the central axis from the source towards the isocentre first enters the body, or None."""
    body = ctx.body
    if body is None:
        return None
    length = float(np.linalg.norm(d.iso_mm - d.source_mm))
    if length <= 0:
        return None
    u = (d.iso_mm - d.source_mm) / length
    zs = np.array(list(body.planes))
    lo_z, hi_z = zs.min(), zs.max()
    prev = None
    for t in np.arange(0.0, length + step_mm, step_mm):
        p = d.source_mm + u * min(t, length)
        if p[2] < lo_z - 5 or p[2] > hi_z + 5:
            prev = p
            continue
        if ctx.inside(body, p):
            if prev is None:
                return p
            a, b = prev, p  # refine to 0.1 mm by bisection
            for _ in range(6):
                mid = (a + b) / 2
                if ctx.inside(body, mid):
                    b = mid
                else:
                    a = mid
            return b
        prev = p
    return None
