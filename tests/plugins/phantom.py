"""Synthetic CT phantoms and structure sets built from the model (no files needed)."""

from __future__ import annotations

import numpy as np

from plannerview.model import ROI, Contour, Grid, ImageVolume, StructureSet

FRAME = "1.2.3.4.5.6.7.8.1"


def grid(shape=(20, 64, 64), spacing=(3.0, 2.0, 2.0), origin=(-63.0, -63.0, -30.0), direction=None) -> Grid:
    return Grid(shape, spacing, origin, np.eye(3) if direction is None else direction, FRAME)


def ct(values: np.ndarray, g: Grid, uid: str = "1.2.3.4.5.6.7.8.2") -> ImageVolume:
    arr = np.asarray(values, dtype=np.int16)
    return ImageVolume(sop_uid=f"{uid}.1", series_uid=uid, study_uid="1.2.3.4.5.6.7.8.3",
                       frame_of_reference_uid=g.frame_of_reference_uid, modality="CT", grid=g,
                       slice_sop_uids=tuple(f"{uid}.{k + 1}" for k in range(g.shape_zyx[0])),
                       units="HU", loader=lambda: arr.copy())


def circle(cx: float, cy: float, r: float, z: float, n: int = 90, uid: str = "") -> Contour:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pts = np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t), np.full(n, z)])
    return Contour("CLOSED_PLANAR", pts, uid)


def sphere_roi(number: int, name: str, centre: tuple[float, float, float], r: float, zs: np.ndarray,
               itype: str = "PTV") -> ROI:
    cs = []
    for z in zs:
        dz = z - centre[2]
        if abs(dz) < r:
            cs.append(circle(centre[0], centre[1], float(np.sqrt(r * r - dz * dz)), float(z), 180))
    return ROI(number, name, tuple(cs), itype, (255, 0, 0))


def structure_set(rois: tuple[ROI, ...], image: ImageVolume) -> StructureSet:
    return StructureSet(sop_uid="1.2.3.4.5.6.7.8.4", frame_of_reference_uid=image.frame_of_reference_uid,
                        study_uid=image.study_uid, label="SYN", rois=rois,
                        referenced_series_uids=(image.series_uid,))


def thorax_phantom(g: Grid) -> np.ndarray:
    """Air outside, a water ellipse (the body) on a thin couch, two air-filled 'lungs' (-800 HU),
    a bone rod (+700 HU) and an air 'trachea' (-1000 HU) on the upper slices."""
    zc, yc, xc = g.axis_coords_mm()
    z, y, x = np.meshgrid(zc, yc, xc, indexing="ij")
    hu = np.full(g.shape_zyx, -1000, dtype=np.int16)
    body = (x / 55.0) ** 2 + (y / 40.0) ** 2 <= 1
    hu[body] = 20
    hu[(y > 44) & (y < 47) & (np.abs(x) < 60)] = 100  # couch plate, 4 mm below the body
    lung_r = ((x + 25) / 18.0) ** 2 + (y / 25.0) ** 2 <= 1
    lung_l = ((x - 25) / 18.0) ** 2 + (y / 25.0) ** 2 <= 1
    hu[lung_r | lung_l] = -800
    hu[(x ** 2 + (y - 30) ** 2) <= 6 ** 2] = 700  # a vertebra-like rod
    return hu
