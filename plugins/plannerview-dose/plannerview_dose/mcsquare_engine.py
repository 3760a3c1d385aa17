"""MCsquare proton Monte Carlo as a dose-engine contribution.

MCsquare (UCLouvain, Apache-2.0) runs as its own executable in a scratch folder, fed with files
written here from plannerview's model (:mod:`.mcsquare_inputs`); the CT is put in MCsquare's frame
for the beams' patient position (:mod:`.frames`), the dose read back onto the CT grid and scaled
to Gy with the beam model's MU -> protons calibration.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from plannerview.model import Grid, ImageVolume, IonPlan, StructureSet
from plannerview.plugin_api import DoseResult, PluginInputError

from .calibration import (
    BeamModel,
    CalibrationError,
    CtCalibration,
    configured_path,
    read_bdl,
    read_ct_calibration,
    read_material_list,
)
from .common import patient_position, plan_target_mask, sub_grid
from .frames import FrameError, mcsquare_frame
from .locate import (
    DATA_DIR,
    GENERIC_BDL,
    GENERIC_SCANNER,
    mcsquare_dir,
    mcsquare_executable,
    mcsquare_provenance,
)
from .mcsquare_batches import simulate
from .mcsquare_inputs import (
    CT_FILE,
    RunSettings,
    fields_from_plan,
    write_bdl,
    write_calibration,
    write_mhd,
    write_plan,
)
from .params import MCSQUARE_PARAMS
from .regrid import crop_box, resample_to

EV_PER_G_TO_GY = 1.602176e-19 * 1000.0  # 1 eV/g in J/kg
RBE_PROTON = 1.1
MCSQUARE_VERSION = "MCsquare (opentps-core 2.0.0 build)"
CT_CALIBRATIONS = ("auto", "generic", "water-linear", "pyradplan-hlut")

PARAMS = MCSQUARE_PARAMS


@dataclass(frozen=True)
class Inputs:
    model: BeamModel
    calibration: CtCalibration
    patient_position: str
    position_source: str
    notes: tuple[str, ...]



def resolve_beam_model(settings: Mapping[str, Any], parameters: Mapping[str, Any], mcsquare: Path) -> BeamModel:
    value = str(parameters.get("beam_model") or "").strip()
    if value in GENERIC_BDL:
        return read_bdl(mcsquare / "BDL" / GENERIC_BDL[value], "generic", value)
    path = configured_path({"bdl_file": settings.get("bdl_file")}, {"bdl_file": value}, "bdl_file")
    if path is not None:
        return read_bdl(path, "user")
    return read_bdl(mcsquare / "BDL" / GENERIC_BDL["generic-DN"], "generic", "generic-DN")


def resolve_calibration(settings: Mapping[str, Any], parameters: Mapping[str, Any], image: ImageVolume,
                        mcsquare: Path) -> tuple[CtCalibration, str]:
    """The CT calibration and why it was chosen."""
    materials = read_material_list(mcsquare / "Materials")
    choice = str(parameters.get("ct_calibration") or "auto").strip()
    user_d, user_m = settings.get("hu_density_file"), settings.get("hu_material_file")
    if choice == "auto":
        if user_d or user_m:
            if not (user_d and user_m):
                raise CalibrationError("plugin settings: set both hu_density_file and hu_material_file (only one is set)")
            d = configured_path(settings, {}, "hu_density_file")
            m = configured_path(settings, {}, "hu_material_file")
            assert d is not None and m is not None
            why = "plugin settings"
            if image.synthetic:
                why += " (note: the image is synthetic: " + image.synthetic + ")"
            return read_ct_calibration(d, m, "user", "user", materials), why
        if image.synthetic:
            choice = "water-linear"
            reason = "the image is synthetic (" + image.synthetic + ")"
        else:
            choice = "generic"
            reason = "no calibration configured in the plugin settings"
    else:
        reason = "parameter ct_calibration"
    if choice == "generic":
        folder = mcsquare / "Scanners" / GENERIC_SCANNER
        return read_ct_calibration(folder / "HU_Density_Conversion.txt", folder / "HU_Material_Conversion.txt",
                                   "generic", f"generic ({GENERIC_SCANNER})", materials), reason
    if choice in ("water-linear", "pyradplan-hlut"):
        folder = DATA_DIR / "calibrations" / choice
        return read_ct_calibration(folder / "HU_Density_Conversion.txt", folder / "HU_Material_Conversion.txt",
                                   "generic", choice, materials), reason
    folder = Path(choice).expanduser()
    if not folder.is_dir():
        raise CalibrationError(f"parameter ct_calibration = {choice}: not one of {', '.join(CT_CALIBRATIONS)} and not "
                               "a folder")
    return read_ct_calibration(folder / "HU_Density_Conversion.txt", folder / "HU_Material_Conversion.txt", "user",
                               folder.name, materials), reason


def _external_box(ss: StructureSet | None, grid: Grid, margin_mm: float = 10.0) -> tuple[slice, slice, slice] | None:
    if ss is None:
        return None
    ext = [r for r in ss.rois if r.interpreted_type.upper() == "EXTERNAL" and r.closed_contours]
    if not ext:
        return None
    pts = np.concatenate([c.points_mm for r in ext for c in r.closed_contours])
    return crop_box(grid, pts.min(axis=0) - margin_mm, pts.max(axis=0) + margin_mm)


class McSquareEngine:
    """Proton pencil-beam-scanning plans with MCsquare (Monte Carlo)."""

    name = "mcsquare"

    def calculate(self, request: Any, ctx: Any) -> Sequence[DoseResult]:
        t0 = time.perf_counter()
        plan, image = request.plan, request.image
        if not isinstance(plan, IonPlan) or plan.kind != "proton":
            raise PluginInputError("MCsquare calculates proton (RT Ion) plans; this plan is "
                                   f"{getattr(plan, 'kind', type(plan).__name__)}")
        if image is None or image.modality.upper() != "CT":
            raise PluginInputError("MCsquare needs the planning CT")
        p = PARAMS.resolve(dict(request.parameters))
        settings = dict(getattr(ctx, "settings", {}) or {})
        folder_mc = mcsquare_dir(settings)
        exe = mcsquare_executable(folder_mc)
        model = resolve_beam_model(settings, p, folder_mc)
        calibration, calibration_reason = resolve_calibration(settings, p, image, folder_mc)
        position, position_source = patient_position(plan, image, p["patient_position"])
        ctx.progress(0.02, "MCsquare: writing inputs")

        box = _external_box(request.structure_set, image.grid) if p["crop_to_body"] else None
        hu = np.asarray(image.voxels, dtype=np.float32)
        box_grid = image.grid
        if box is not None:
            hu = hu[box]
            box_grid = sub_grid(image.grid, box)
        try:
            frame = mcsquare_frame(box_grid, position)
        except FrameError as exc:
            raise PluginInputError(str(exc)) from None
        summary = fields_from_plan(plan, frame, model)
        pmma = next((n for n, name in read_material_list(folder_mc / "Materials").items() if name == "PMMA"), 64)

        try:
            base = ctx.storage_dir  # plugin API 1.1: the plugin's own folder
        except (AttributeError, RuntimeError):
            base = None
        scratch = Path(tempfile.mkdtemp(prefix="mcsq-", dir=str(base) if base else None))
        try:
            write_mhd(scratch, CT_FILE, frame.to_engine(hu), frame.spacing_xyz_mm)
            write_plan(scratch, summary)
            _, notes = write_bdl(scratch, model, summary, pmma)
            write_calibration(scratch, calibration)
            run = RunSettings(primaries=int(p["primaries"]), target_uncertainty_pct=float(p["target_uncertainty_pct"]),
                              threads=int(p["threads"]), seed=int(p["seed"]), max_minutes=float(p["max_minutes"]),
                              dose_to_water=bool(p["dose_to_water"]), per_beam=bool(p["per_beam"]))
            target_name, target_mask = plan_target_mask(plan, request.structure_set, box_grid)
            mask_engine = frame.to_engine(target_mask) if target_mask is not None else None
            ctx.check_cancel()
            sim = simulate(exe, folder_mc / "Materials", scratch, run, len(summary.fields), mask_engine,
                           lambda f, m: ctx.progress(0.05 + 0.9 * f, m), ctx.cancelled)
            ctx.progress(0.96, "MCsquare: reading the dose")
            scale = summary.protons_per_fraction * EV_PER_G_TO_GY * summary.fractions
            parts = [self._to_grid(d, frame, scale, image.grid, box, request.grid) for d in sim.dose_per_proton]
            if run.per_beam:
                beam_doses = list(zip(summary.fields, parts, strict=True))
                plan_dose = np.asarray(np.sum(parts, axis=0, dtype=np.float32))
            else:
                beam_doses, plan_dose = [], parts[0]
        finally:
            if not p["keep_files"]:
                shutil.rmtree(scratch, ignore_errors=True)
        grid = request.grid or image.grid
        details: dict[str, Any] = {
            "engine": "MCsquare", "engine_version": MCSQUARE_VERSION,
            "engine_provenance": mcsquare_provenance(folder_mc), "executable": exe.name,
            "beam_model": model.to_json(), "ct_calibration": {**calibration.to_json(), "reason": calibration_reason},
            "patient_position": position, "patient_position_source": position_source,
            "primaries": sim.primaries, "primaries_outside_geometry": sim.outside_geometry,
            "batches": sim.batches, "statistical_uncertainty_pct": sim.uncertainty_pct,
            "statistical_uncertainty_region": target_name or "voxels above 50 % of the maximum dose",
            "statistical_uncertainty_voxels": sim.uncertainty_voxels,
            "statistical_uncertainty_definition": "batch method over independent MCsquare runs: mean relative "
                                                  "standard error of the dose over the region's voxels",
            "uncertainty_history": [[n, None if u is None else round(u, 3)] for n, u in sim.history],
            "stopped_by": sim.stopped_by,
            "protons_per_fraction": summary.protons_per_fraction, "fractions": summary.fractions,
            "dose_to_water": bool(p["dose_to_water"]), "simulation_seconds": round(sim.seconds, 1),
            "total_seconds": round(time.perf_counter() - t0, 1), "parameters": dict(p),
            "beams": [{"number": f.number, "name": f.name, "gantry_deg": f.gantry_deg, "couch_deg": f.couch_deg,
                       "mu_per_fraction": round(f.total_mu, 4), "layers": len(f.layers),
                       "spots": int(sum(len(layer.mu) for layer in f.layers))} for f in summary.fields],
            "skipped_beams": summary.skipped_beams, "notes": list(notes),
            "crop_box_ijk": [[s.start, s.stop] for s in box[::-1]] if box is not None else None,
        }
        if model.file.origin == "generic":
            details["notes"].append("generic beam model: absolute dose depends on the machine's MU definition")
        uncertainty = sim.uncertainty_pct
        beams_all = tuple(f.number for f in summary.fields)
        what = f"MCsquare, {sim.primaries:.2g} primaries" + (
            f", {uncertainty:.1f} % stat." if uncertainty is not None else "")
        plan_dose = np.asarray(plan_dose, dtype=np.float32)
        results = [DoseResult(plan_dose, grid, "PHYSICAL", summation_type="PLAN", beam_numbers=beams_all,
                              statistical_uncertainty_pct=uncertainty, description=f"{what} (physical)",
                              details=details)]
        rbe = float(p["rbe"])
        if rbe > 0:
            results.append(DoseResult(plan_dose * rbe, grid, "EFFECTIVE", summation_type="PLAN", beam_numbers=beams_all,
                                      statistical_uncertainty_pct=uncertainty, rbe_model=f"constant RBE {rbe:g}",
                                      description=f"{what} (x RBE {rbe:g})", details=details))
        for f, d in beam_doses:
            dt, scale_b = ("EFFECTIVE", rbe) if rbe > 0 else ("PHYSICAL", 1.0)
            results.append(DoseResult(d * scale_b, grid, dt, summation_type="BEAM", beam_numbers=(f.number,),
                                      statistical_uncertainty_pct=uncertainty,
                                      rbe_model=f"constant RBE {rbe:g}" if rbe > 0 else "",
                                      description=f"MCsquare beam {f.name}", details=details))
        ctx.progress(1.0, "MCsquare: done")
        return results

    @staticmethod
    def _to_grid(per_proton: np.ndarray, frame: Any, scale: float, ct_grid: Grid,
                 box: tuple[slice, slice, slice] | None, target: Grid | None) -> np.ndarray:
        dose = frame.from_engine(per_proton) * np.float32(scale)
        if box is not None:
            full = np.zeros(ct_grid.shape_zyx, dtype=np.float32)
            full[box] = dose
            dose = full
        if target is not None and not target.same_geometry(ct_grid):
            dose = resample_to(dose, ct_grid, target)
        return np.clip(np.nan_to_num(np.asarray(dose, dtype=np.float32)), 0.0, None)
