"""A CT built from a structure set: each ROI filled with the stopping power its physical properties
give, for phantoms and plans that come without images (e.g. a water tank with a PMMA slab).

The HU are defined as ``1000 x (SPR - 1)``, SPR being the proton stopping-power ratio to water:
from ROIPhysicalProperties REL_ELEC_DENSITY and MEAN_EXCI_ENERGY with the Bethe formula at
100 MeV (what a planning system's material override amounts to), else REL_ELEC_DENSITY alone,
else REL_MASS_DENSITY. Outside the EXTERNAL ROI is air (-1000 HU); an ROI without properties
inside the EXTERNAL takes the EXTERNAL's value. The image says so in ``ImageVolume.synthetic``, so
a dose engine can read its HU with the matching water-linear calibration.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from ..model import Grid, ImageVolume, StructureSet
from ..model.uids import new_uid
from .masks import roi_mask_on_grid

ELECTRON_MASS_EV = 510_998.95
PROTON_MASS_MEV = 938.272
WATER_MEAN_EXCITATION_EV = 75.0
AIR_HU = -1000.0
SYNTHETIC_RECIPE = ("HU = 1000 x (stopping-power ratio - 1), from the structure set's ROI physical properties "
                    "(Bethe at 100 MeV); air outside the EXTERNAL")


class PhantomError(ValueError):
    """The structure set cannot describe a phantom (no EXTERNAL, no physical properties)."""


def stopping_power_ratio(rel_elec_density: float, mean_excitation_ev: float | None = None,
                         energy_mev: float = 100.0) -> float:
    """Proton stopping power relative to water (Bethe, no shell or density corrections)."""
    gamma = 1.0 + energy_mev / PROTON_MASS_MEV
    beta2 = 1.0 - 1.0 / gamma**2
    arg = 2.0 * ELECTRON_MASS_EV * beta2 * gamma**2

    def bethe(i_ev: float) -> float:
        return math.log(arg / i_ev) - beta2

    if mean_excitation_ev is None or mean_excitation_ev <= 0:
        return float(rel_elec_density)
    return float(rel_elec_density * bethe(mean_excitation_ev) / bethe(WATER_MEAN_EXCITATION_EV))


def roi_spr(properties: Mapping[str, float]) -> tuple[float, str] | None:
    """SPR of one ROI from its physical properties, and how it was obtained (None without any)."""
    red = properties.get("REL_ELEC_DENSITY")
    i_ev = properties.get("MEAN_EXCI_ENERGY")
    if red is not None and red > 0:
        if i_ev is not None and i_ev > 0:
            return stopping_power_ratio(red, i_ev), f"Bethe: rel. electron density {red:g}, I = {i_ev:g} eV"
        return float(red), f"rel. electron density {red:g}"
    rmd = properties.get("REL_MASS_DENSITY")
    if rmd is not None and rmd > 0:
        return float(rmd), f"rel. mass density {rmd:g}"
    return None


def phantom_grid(ss: StructureSet, spacing_mm: float = 2.0, margin_voxels: int = 1) -> Grid:
    """An axial grid around the EXTERNAL ROI whose voxel *boundaries* fall on the EXTERNAL's bounding
    box, so a phantom's flat faces (and slabs at multiples of the spacing from them) are not
    smeared over partial voxels."""
    ext = _external(ss)
    pts = np.concatenate([c.points_mm for c in ext.closed_contours])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    n = np.ceil((hi - lo) / spacing_mm - 1e-6).astype(int) + 2 * margin_voxels
    origin = lo + spacing_mm / 2.0 - margin_voxels * spacing_mm
    return Grid((int(n[2]), int(n[1]), int(n[0])), (spacing_mm, spacing_mm, spacing_mm), tuple(origin),
                frame_of_reference_uid=ss.frame_of_reference_uid)  # type: ignore[arg-type]


def _external(ss: StructureSet):  # type: ignore[no-untyped-def]
    ext = [r for r in ss.rois if r.interpreted_type.upper() == "EXTERNAL" and r.closed_contours]
    if not ext:
        raise PhantomError(f"structure set {ss.label!r}: no EXTERNAL ROI with contours to build a CT from")
    return ext[0]


def ct_from_structures(ss: StructureSet, grid: Grid | None = None, patient_position: str = "HFS",
                       ) -> tuple[ImageVolume, dict[str, dict[str, object]]]:
    """The synthetic CT and, per ROI used, its SPR, HU and source."""
    ext = _external(ss)
    grid = grid or phantom_grid(ss)
    used: dict[str, dict[str, object]] = {}
    ext_spr = roi_spr(ext.physical_properties)
    body_spr, how = ext_spr if ext_spr is not None else (1.0, "no properties: water")
    hu = np.full(grid.shape_zyx, AIR_HU, dtype=np.float32)
    body = roi_mask_on_grid(ext, grid)
    hu[body] = 1000.0 * (body_spr - 1.0)
    used[ext.name] = {"spr": round(body_spr, 5), "hu": round(1000.0 * (body_spr - 1.0), 2), "from": how,
                      "voxels": int(body.sum())}
    others = []
    for roi in ss.rois:
        if roi is ext or not roi.closed_contours:
            continue
        got = roi_spr(roi.physical_properties)
        if got is None:
            continue
        mask = roi_mask_on_grid(roi, grid) & body
        if mask.any():
            others.append((int(mask.sum()), roi.name, got, mask))
    for count, name, (spr, src), mask in sorted(others, key=lambda t: -t[0]):  # smaller ROIs override larger
        hu[mask] = 1000.0 * (spr - 1.0)
        used[name] = {"spr": round(spr, 5), "hu": round(1000.0 * (spr - 1.0), 2), "from": src, "voxels": count}
    if ext_spr is None and len(used) == 1:
        raise PhantomError(f"structure set {ss.label!r}: no ROI has physical properties (REL_ELEC_DENSITY, "
                           "REL_MASS_DENSITY) to build a CT from")
    hu.flags.writeable = False
    image = ImageVolume(
        sop_uid=new_uid(), series_uid=new_uid(), study_uid=ss.study_uid,
        frame_of_reference_uid=ss.frame_of_reference_uid or grid.frame_of_reference_uid, patient=ss.patient,
        modality="CT", grid=Grid(grid.shape_zyx, grid.spacing_mm, grid.origin_mm, grid.direction,
                                 ss.frame_of_reference_uid or grid.frame_of_reference_uid),
        patient_position=patient_position, units="HU",
        description=f"Synthetic CT from {ss.label or 'the structure set'} ({', '.join(used)})",
        synthetic=SYNTHETIC_RECIPE, loader=lambda: hu.copy())
    return image, used
