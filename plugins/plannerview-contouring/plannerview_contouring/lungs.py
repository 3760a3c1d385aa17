"""Left and right lungs from CT: low-density tissue inside the body, airways removed, split in two.

1. Lung tissue: voxels below ``threshold_hu`` inside the body (the outside air is not in the body).
2. Airways: the trachea is found on the highest slices as a small, central air region; it is
   grown in 3-D below ``airway_hu`` (made stricter while the growth leaks into lung tissue) and
   removed with a one-voxel wall. Bronchi inside the lungs come back with the per-slice hole
   filling; the trachea and the main bronchi at the hilum do not.
3. In-plane regions mostly (``max_gas_fraction``) below ``gas_hu`` are gas (bowel, stomach: about
   -1000 HU; lung parenchyma is about -850 HU) and dropped, so gas under the diaphragm does not
   join a lung. The two largest 3-D components are the lungs; when they touch, the mask
   is eroded in-plane until it splits and every voxel goes to the nearer part.
4. Left and right come from the patient x axis (DICOM LPS: +x is the patient's left).
5. Vessels are kept inside the lungs: a small in-plane closing and per-slice hole filling.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from .masks import PLANE, bbox, components, disk, fill_holes_2d


def find_airways(hu: np.ndarray, body: np.ndarray, lungs: np.ndarray, spacing_mm: tuple[float, float, float],
                 airway_hu: float = -950.0, max_airway_cc: float = 150.0) -> np.ndarray:
    """Trachea and bronchi connected to it (bool), or an empty mask when no trachea is seen."""
    voxel_cc = float(np.prod(spacing_mm)) / 1000.0
    px_mm2 = spacing_mm[1] * spacing_mm[2]
    seed = None
    ks = np.nonzero(body.any(axis=(1, 2)))[0]
    for k in ks[::-1][: max(1, len(ks) // 3)]:  # from the top down, a third of the scan at most
        lab, n = ndimage.label((hu[k] < airway_hu) & body[k])
        if n == 0:
            continue
        cy, cx = np.argwhere(body[k]).mean(axis=0)
        best = None
        for i, sl in enumerate(ndimage.find_objects(lab), start=1):
            area = np.count_nonzero(lab[sl] == i) * px_mm2
            if not 50.0 <= area <= 900.0:  # a trachea is about 1.5-3 cm across
                continue
            yy, xx = np.argwhere(lab == i).mean(axis=0)
            dist = math.hypot((yy - cy) * spacing_mm[1], (xx - cx) * spacing_mm[2])
            if dist < 60.0 and (best is None or dist < best[0]):
                best = (dist, i)
        if best is not None:
            seed = (k, lab == best[1])
            break
    if seed is None:
        return np.zeros_like(body)
    k0, seed2d = seed
    thr = airway_hu
    for _ in range(8):
        air = (hu < thr) & body
        lab, _n = ndimage.label(air)
        ids = np.unique(lab[k0][seed2d & air[k0]])
        ids = ids[ids > 0]
        grown = np.isin(lab, ids)
        if np.count_nonzero(grown) * voxel_cc <= max_airway_cc:
            return grown
        thr -= 10.0  # leaked into the lungs: be stricter
    return np.zeros_like(body)


def lung_masks(hu: np.ndarray, body: np.ndarray, spacing_mm: tuple[float, float, float],
               x_of_column: np.ndarray, threshold_hu: float = -400.0, airway_hu: float = -950.0,
               min_lung_cc: float = 100.0, closing_mm: float = 3.0,
               gas_hu: float = -950.0, max_gas_fraction: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """(right, left) lung masks. ``x_of_column[i]`` is the patient x (mm) of image column i."""
    right = np.zeros_like(body)
    left = np.zeros_like(body)
    box = bbox(body)
    hu_c, body_c = hu[box], body[box]
    low = (hu_c < threshold_hu) & body_c
    # drop the air connected to the slice border that the body's hole filling let in (never lung)
    voxel_cc = float(np.prod(spacing_mm)) / 1000.0
    airways = find_airways(hu_c, body_c, low, spacing_mm, airway_hu)
    if airways.any():
        wall = ndimage.binary_dilation(airways, structure=disk(1))
        low &= ~wall
    # gas (bowel, stomach) is almost pure air, lung parenchyma is not: drop the in-plane regions
    # mostly below ``gas_hu``, so gas touching the lung bases across a slice does not join them
    lab2d, n2d = ndimage.label(low, structure=PLANE)
    if n2d:
        air_fraction = ndimage.mean(hu_c < gas_hu, lab2d, index=np.arange(1, n2d + 1))
        gas_ids = np.nonzero(np.asarray(air_fraction) > max_gas_fraction)[0] + 1
        low &= ~np.isin(lab2d, gas_ids)
    labels, sizes = components(low)
    big = [i for i in range(1, min(3, len(sizes))) if sizes[i] * voxel_cc >= min_lung_cc]
    if not big:
        return right, left
    if len(big) == 1 or sizes[big[1]] < 0.15 * sizes[big[0]]:
        parts = _split(labels == big[0], spacing_mm)
    else:
        parts = [labels == big[0], labels == big[1]]
    r_px = max(1, int(round(closing_mm / spacing_mm[1])))
    out = []
    for p in parts:
        p = ndimage.binary_closing(p, structure=disk(r_px), border_value=0) | p
        p = fill_holes_2d(p) & body_c
        out.append(p)
    xs = x_of_column[box[2]]
    centre_x = [float(np.mean(xs[np.nonzero(p)[2]])) if p.any() else 0.0 for p in out]
    if len(out) == 2:
        r_i, l_i = (0, 1) if centre_x[0] < centre_x[1] else (1, 0)
        right[box], left[box] = out[r_i] & ~out[l_i], out[l_i] & ~out[r_i]
    elif out:
        (left if centre_x[0] > 0 else right)[box] = out[0]
    return right, left


def _split(mask: np.ndarray, spacing_mm: tuple[float, float, float], max_radius_mm: float = 15.0) -> list[np.ndarray]:
    """Split joined lungs: erode in-plane until two large parts appear, then give every voxel to
    the nearer part."""
    step = spacing_mm[1]
    for r in range(1, int(max_radius_mm / step) + 1):
        eroded = ndimage.binary_erosion(mask, structure=disk(r))
        labels, sizes = components(eroded)
        if len(sizes) > 2 and sizes[2] >= 0.15 * sizes[1]:
            seeds = np.where(labels <= 2, labels, 0)
            _, idx = ndimage.distance_transform_edt(seeds == 0, sampling=spacing_mm, return_indices=True)
            nearest = seeds[tuple(idx)]
            return [mask & (nearest == 1), mask & (nearest == 2)]
    return [mask]
