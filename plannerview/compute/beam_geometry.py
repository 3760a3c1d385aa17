"""Beam geometry per IEC 61217, in DICOM patient coordinates (LPS, mm). numpy only.

Coordinate chain for a point given in the beam limiting device system B (Xb, Yb at the
isocentre plane, Zb towards the source):

    patient = iso + M_position @ Rz(couch)^T @ Ry(gantry) @ Rz(collimator) @ b

All IEC rotations are right-handed about the positive axis: gantry about Yf (gantry 90 puts the
source at +Xf), collimator about Zb, couch (patient support) about Zf (counter-clockwise seen
from above). ``M_position`` maps the patient support system (Xs, Ys, Zs) to LPS for the patient
position: HFS has x = Xs (patient left towards the viewer's right facing the gantry), y = -Zs
(anterior up), z = Ys (head towards the gantry). So for HFS, gantry 0 puts the source anterior
(y = -SAD) and gantry 90 on the patient's left (x = +SAD).

This module holds no Qt or VTK; it belongs in ``plannerview.compute`` (it is here only because
of file ownership while the GUI was written).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model.patient_position import POSITION_MATRIX
from ..model.plan import Beam, IonBeam

DEFAULT_SAD_MM = 1000.0


def _rz(deg: float) -> np.ndarray:
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def _ry(deg: float) -> np.ndarray:
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def bld_to_patient(gantry_deg: float, collimator_deg: float = 0.0, couch_deg: float = 0.0,
                   patient_position: str = "HFS") -> np.ndarray:
    """3x3 rotation taking beam-limiting-device vectors (Xb, Yb, Zb) to patient LPS vectors."""
    m = POSITION_MATRIX.get((patient_position or "HFS").upper(), POSITION_MATRIX["HFS"])
    return m @ _rz(couch_deg).T @ _ry(gantry_deg) @ _rz(collimator_deg)


def source_position_mm(iso_mm: np.ndarray | tuple[float, float, float], gantry_deg: float, couch_deg: float = 0.0,
                       patient_position: str = "HFS", sad_mm: float = DEFAULT_SAD_MM) -> np.ndarray:
    """Patient coordinates of the radiation source."""
    r = bld_to_patient(gantry_deg, 0.0, couch_deg, patient_position)
    return np.asarray(iso_mm, dtype=float) + r @ np.array([0.0, 0.0, sad_mm])


def jaw_limits(jaws: dict[str, tuple[float, ...]]) -> tuple[tuple[float, float], tuple[float, float]]:
    x = jaws.get("ASYMX") or jaws.get("X") or (-50.0, 50.0)
    y = jaws.get("ASYMY") or jaws.get("Y") or (-50.0, 50.0)
    return (float(x[0]), float(x[1])), (float(y[0]), float(y[1]))


def aperture_polygons(jaws: dict[str, tuple[float, ...]], mlc: dict[str, np.ndarray],
                      boundaries: dict[str, np.ndarray]) -> list[np.ndarray]:
    """Field outline(s) at the isocentre plane in BLD (Xb, Yb) mm: MLC openings clipped by the jaws.

    Contiguous open leaf pairs give one staircase polygon; without an MLC, the jaw rectangle.
    """
    (x1, x2), (y1, y2) = jaw_limits(jaws)
    key = "MLCX" if "MLCX" in mlc else ("MLCY" if "MLCY" in mlc else None)
    if key is None or key not in boundaries:
        return [np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]])]
    pos = np.asarray(mlc[key], dtype=float)
    b = np.asarray(boundaries[key], dtype=float)
    n = len(b) - 1
    if len(pos) != 2 * n:
        return [np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]])]
    if key == "MLCY":  # leaves travel along Y: swap roles, then swap back
        (x1, x2), (y1, y2) = (y1, y2), (x1, x2)
    rows: list[tuple[float, float, float, float]] = []
    for i in range(n):
        lo, hi = max(b[i], y1), min(b[i + 1], y2)
        a, bb = max(pos[i], x1), min(pos[n + i], x2)
        rows.append((lo, hi, a, bb) if hi > lo and bb > a else (0.0, 0.0, 0.0, 0.0))
    polys: list[np.ndarray] = []
    run: list[tuple[float, float, float, float]] = []
    for r in [*rows, (0.0, 0.0, 0.0, 0.0)]:
        if r[1] > r[0]:
            run.append(r)
            continue
        if run:
            pts: list[tuple[float, float]] = []
            for lo, hi, _a, bb in run:  # right side going up
                pts += [(bb, lo), (bb, hi)]
            for lo, hi, a, _bb in reversed(run):  # left side coming down
                pts += [(a, hi), (a, lo)]
            poly = np.array(pts)
            polys.append(poly[:, ::-1] if key == "MLCY" else poly)
            run = []
    return polys or [np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]])]


@dataclass
class BeamDrawing:
    """Lines and points of one beam in patient mm, ready to draw."""

    name: str
    source_mm: np.ndarray
    iso_mm: np.ndarray
    outlines_mm: list[np.ndarray] = field(default_factory=list)  # closed polylines at the isocentre plane
    rays_mm: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)  # source -> outline corners
    arc_mm: np.ndarray | None = None  # source trajectory of an arc
    spots_mm: np.ndarray | None = None  # ion spot positions at the isocentre plane
    treatment: bool = True  # a treatment beam that delivers dose (not a setup or imaging field)

    def near_lines(self, reach_mm: float) -> list[np.ndarray]:
        """The field outline(s), and each ray and the arc drawn only ``reach_mm`` back from the
        isocentre plane towards the source (the source itself, a metre away, is not drawn): many
        beams then stay readable around the patient."""
        lines = [np.asarray(o) for o in self.outlines_mm]
        for src, far in self.rays_mm:
            d = np.asarray(src, dtype=float) - np.asarray(far, dtype=float)
            n = float(np.linalg.norm(d))
            if n > 0:
                lines.append(np.array([far, far + d / n * min(reach_mm, n)]))
        if self.arc_mm is not None:
            v = self.arc_mm - self.iso_mm
            r = np.linalg.norm(v, axis=1, keepdims=True)
            lines.append(self.iso_mm + v / np.where(r > 0, r, 1.0) * reach_mm)
        return lines


def _first(cps: tuple, attr: str, default: object) -> object:
    for cp in cps:
        v = getattr(cp, attr)
        if v is not None and (not isinstance(v, dict) or v):
            return v
    return default


def photon_beam_drawing(beam: Beam, patient_position: str = "HFS") -> BeamDrawing:
    cps = beam.control_points
    gantry = float(_first(cps, "gantry_deg", 0.0))  # type: ignore[arg-type]
    coll = float(_first(cps, "collimator_deg", 0.0))  # type: ignore[arg-type]
    couch = float(_first(cps, "couch_deg", 0.0))  # type: ignore[arg-type]
    iso = np.asarray(_first(cps, "isocenter_mm", (0.0, 0.0, 0.0)), dtype=float)  # type: ignore[arg-type]
    sad = beam.sad_mm or DEFAULT_SAD_MM
    jaws: dict = _first(cps, "jaws_mm", {})  # type: ignore[assignment]
    mlc: dict = _first(cps, "mlc_mm", {})  # type: ignore[assignment]
    r = bld_to_patient(gantry, coll, couch, patient_position)
    src = iso + r @ np.array([0.0, 0.0, sad])
    outlines = []
    rays = []
    for poly in aperture_polygons(jaws, mlc, beam.mlc_leaf_boundaries_mm):
        pts = iso + np.column_stack([poly, np.zeros(len(poly))]) @ r.T
        outlines.append(np.vstack([pts, pts[:1]]))
    (x1, x2), (y1, y2) = jaw_limits(jaws)
    for cx, cy in ((x1, y1), (x2, y1), (x2, y2), (x1, y2)):
        corner = iso + r @ np.array([cx, cy, 0.0])
        far = src + 1.15 * (corner - src)  # a little past the isocentre plane
        rays.append((src, far))
    drawing = BeamDrawing(beam.name, src, iso, outlines, rays, treatment=beam.delivers_dose)
    if beam.arc_direction is not None and beam.gantry_stop_deg is not None:
        g0, g1 = gantry, float(beam.gantry_stop_deg)
        span = (g1 - g0) % 360.0 if beam.arc_direction == "CW" else -((g0 - g1) % 360.0)
        angles = g0 + np.linspace(0.0, span, max(2, int(abs(span) / 5) + 1))
        drawing.arc_mm = np.array([source_position_mm(iso, a, couch, patient_position, sad) for a in angles])
        drawing.rays_mm = [(s, iso) for s in drawing.arc_mm[:: max(1, len(angles) // 12)]]
    return drawing


def ion_beam_drawing(beam: IonBeam, patient_position: str = "HFS", axis_length_mm: float = 400.0) -> BeamDrawing:
    gantry = float(beam.gantry_deg or 0.0)
    couch = float(beam.couch_deg or 0.0)
    iso = np.asarray(beam.isocenter_mm or (0.0, 0.0, 0.0), dtype=float)
    r = bld_to_patient(gantry, 0.0, couch, patient_position)
    src = iso + r @ np.array([0.0, 0.0, axis_length_mm])
    spots = np.concatenate([layer.spot_xy_mm for layer in beam.energy_layers]) if beam.energy_layers else np.zeros((0, 2))
    spots = np.unique(np.round(spots, 3), axis=0) if len(spots) else spots
    spots_mm = iso + np.column_stack([spots, np.zeros(len(spots))]) @ r.T if len(spots) else None
    outlines = []
    if len(spots) >= 3:
        hull = convex_hull(spots)
        pts = iso + np.column_stack([hull, np.zeros(len(hull))]) @ r.T
        outlines.append(np.vstack([pts, pts[:1]]))
    return BeamDrawing(beam.name, src, iso, outlines, [(src, iso)], None, spots_mm, treatment=beam.delivers_dose)


def convex_hull(pts: np.ndarray) -> np.ndarray:
    """Monotone-chain convex hull of 2D points (counter-clockwise)."""
    p = sorted(set(map(tuple, np.asarray(pts, dtype=float))))
    if len(p) < 3:
        return np.array(p)

    def cross(o: tuple, a: tuple, b: tuple) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple] = []
    for q in p:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], q) <= 0:
            lower.pop()
        lower.append(q)
    upper: list[tuple] = []
    for q in reversed(p):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], q) <= 0:
            upper.pop()
        upper.append(q)
    return np.array(lower[:-1] + upper[:-1])


def beam_patient_position(beam: Beam | IonBeam, fallback: str = "HFS", override: str | None = None) -> str:
    """The patient position a beam is placed with: ``override`` (a setup the user knows better, e.g.
    from the beam-direction check), else the beam's own patient setup, else ``fallback`` (the image's)."""
    for value in (override, beam.patient_position, fallback):
        if value and value.upper() in POSITION_MATRIX:
            return value.upper()
    return "HFS"


def beam_drawings(plan: object, patient_position: str = "HFS", override: str | None = None) -> list[BeamDrawing]:
    """Drawings of the plan's beams; each beam placed with :func:`beam_patient_position`."""
    out = []
    for b in getattr(plan, "beams", ()):
        if isinstance(b, IonBeam):
            out.append(ion_beam_drawing(b, beam_patient_position(b, patient_position, override)))
        elif isinstance(b, Beam) and b.control_points:
            out.append(photon_beam_drawing(b, beam_patient_position(b, patient_position, override)))
    return out
