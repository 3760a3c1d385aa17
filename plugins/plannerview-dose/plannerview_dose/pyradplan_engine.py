"""pyRadPlan (a Python matRad) as a dose-engine contribution: photons, protons and carbon ions.

pyRadPlan needs numpy >= 2 and a set of packages the workstation does not carry, so it lives in its
own virtual environment (:mod:`.provision`) and runs :mod:`.pyradplan_worker` there as a child
process: the plan's beams become pyRadPlan steering information here (spots at the plan's positions
and energies snapped to the machine's; photon apertures from jaws and MLC per control point turned
into bixel fluence), the arrays travel as npz files, progress comes back as JSON lines on stdout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from plannerview.model import Beam, Grid, IonPlan, Plan, StructureSet
from plannerview.plugin_api import Cancelled, DoseResult, PluginInputError, roi_mask

from .common import patient_position, plan_target_mask, sub_grid
from .frames import FrameError, box_frame, patient_to_support, position_matrix
from .locate import pyradplan_provenance, pyradplan_python
from .params import PYRADPLAN_PARAMS
from .proc import kill, start
from .regrid import crop_box, resample_to

WORKER = Path(__file__).with_name("pyradplan_worker.py")
RBE_PROTON = 1.1
GENERIC_PHOTON_NOTE = ("generic 6 MV beam model (pyRadPlan's SVD pencil beam, not commissioned for this machine): "
                       "a shape and gross-error check, not a commissioned absolute dose check")
CARBON_NOTE = "research use: pyRadPlan generic carbon base data, RBE from LEM-derived tables for one tissue"

PARAMS = PYRADPLAN_PARAMS

# support system -> pyRadPlan's (head-first supine LPS)
SUPPORT_TO_PYRADPLAN = position_matrix("HFS")


@dataclass(frozen=True)
class Segment:
    """One stretch of a photon beam: geometry and the MU it delivers through its aperture."""

    gantry_deg: float
    collimator_deg: float
    couch_deg: float
    isocenter_mm: tuple[float, float, float]
    mu: float
    apertures: tuple[tuple[dict, dict], ...]  # (jaws, mlc) at both ends (averaged)


def photon_segments(beam: Beam) -> list[Segment]:
    """Control-point intervals with their MU; state carried forward as DICOM only restates changes."""
    if beam.meterset is None or beam.meterset <= 0:
        raise PluginInputError(f"beam {beam.name!r}: no BeamMeterset, so no MU")
    final = beam.final_cumulative_meterset_weight or 1.0
    state: dict[str, Any] = {"gantry": 0.0, "coll": 0.0, "couch": 0.0, "iso": None, "jaws": {}, "mlc": {}, "cmw": 0.0}
    states = []
    for cp in beam.control_points:
        for key, attr in (("gantry", "gantry_deg"), ("coll", "collimator_deg"), ("couch", "couch_deg"),
                          ("iso", "isocenter_mm"), ("cmw", "cumulative_meterset_weight")):
            v = getattr(cp, attr)
            if v is not None:
                state[key] = v
        state["jaws"] = {**state["jaws"], **cp.jaws_mm}
        state["mlc"] = {**state["mlc"], **cp.mlc_mm}
        states.append(dict(state))
    if not states or states[0]["iso"] is None:
        raise PluginInputError(f"beam {beam.name!r}: no isocentre")
    out = []
    for a, b in zip(states, states[1:], strict=False):
        mu = (float(b["cmw"]) - float(a["cmw"])) / float(final) * float(beam.meterset)
        if mu <= 0:
            continue
        out.append(Segment(0.5 * (a["gantry"] + _unwrap(a["gantry"], b["gantry"])) % 360.0, float(a["coll"]),
                           float(a["couch"]), tuple(a["iso"]), mu, ((a["jaws"], a["mlc"]), (b["jaws"], b["mlc"]))))
    return out


def _unwrap(a: float, b: float) -> float:
    d = (b - a + 180.0) % 360.0 - 180.0
    return a + d


def open_fraction(xc: np.ndarray, yc: np.ndarray, jaws: dict, mlc: dict, boundaries: dict) -> np.ndarray:
    """1 where the collimator-frame points (mm at the isocentre) are inside the aperture, else 0."""
    inside = np.ones(xc.shape, dtype=bool)
    for keys, coord in ((("ASYMX", "X"), xc), (("ASYMY", "Y"), yc)):
        pos = next((jaws[k] for k in keys if k in jaws), None)
        if pos is not None and len(pos) >= 2:
            inside &= (coord >= pos[0]) & (coord <= pos[1])
    for key, along, across in (("MLCX", xc, yc), ("MLCY", yc, xc)):
        if key not in mlc or key not in boundaries:
            continue
        b = np.asarray(boundaries[key], dtype=float)
        pos = np.asarray(mlc[key], dtype=float)
        n = len(b) - 1
        if len(pos) != 2 * n:
            raise PluginInputError(f"{key}: {len(pos)} leaf positions for {n} leaf pairs")
        pair = np.searchsorted(b, across, side="right") - 1
        valid = (pair >= 0) & (pair < n)
        p = np.clip(pair, 0, n - 1)
        inside &= valid & (along >= pos[p]) & (along <= pos[n + p])
    return inside.astype(float)


def photon_bixels(beam: Beam, segments: list[Segment], bixel_mm: float, n_sub: int = 5) -> np.ndarray:
    """(x, z, MU) per bixel on a grid at multiples of ``bixel_mm`` in the beam's-eye view (gantry frame)."""
    corners = []
    for s in segments:
        for jaws, _ in s.apertures:
            x = next((jaws[k] for k in ("ASYMX", "X") if k in jaws), (-200.0, 200.0))
            y = next((jaws[k] for k in ("ASYMY", "Y") if k in jaws), (-200.0, 200.0))
            c, sn = np.cos(np.radians(s.collimator_deg)), np.sin(np.radians(s.collimator_deg))
            for px in x[:2]:
                for py in y[:2]:
                    corners.append((c * px - sn * py, sn * px + c * py))
    pts = np.asarray(corners)
    lo = np.floor(pts.min(axis=0) / bixel_mm) * bixel_mm
    hi = np.ceil(pts.max(axis=0) / bixel_mm) * bixel_mm
    gx = np.arange(lo[0], hi[0] + 0.5 * bixel_mm, bixel_mm)
    gz = np.arange(lo[1], hi[1] + 0.5 * bixel_mm, bixel_mm)
    cx, cz = np.meshgrid(gx, gz, indexing="xy")
    sub = (np.arange(n_sub) + 0.5) / n_sub - 0.5
    sx, sz = np.meshgrid(sub, sub, indexing="xy")
    px = cx[..., None, None] + bixel_mm * sx  # bixel samples in the gantry frame
    pz = cz[..., None, None] + bixel_mm * sz
    fluence = np.zeros(cx.shape)
    for s in segments:
        c, sn = np.cos(np.radians(s.collimator_deg)), np.sin(np.radians(s.collimator_deg))
        xc, yc = c * px + sn * pz, -sn * px + c * pz  # Rz(-collimator)
        frac = np.mean([open_fraction(xc, yc, jaws, mlc, beam.mlc_leaf_boundaries_mm) for jaws, mlc in s.apertures],
                       axis=0)
        fluence += s.mu * frac.mean(axis=(-2, -1))
    keep = fluence > 1e-9 * max(fluence.max(), 1e-30)
    return np.column_stack([cx[keep], cz[keep], fluence[keep]])


class PyRadPlanEngine:
    """Forward dose with pyRadPlan in its own environment."""

    name = "pyradplan"

    def calculate(self, request: Any, ctx: Any) -> Sequence[DoseResult]:
        t0 = time.perf_counter()
        plan, image = request.plan, request.image
        if image is None or image.modality.upper() != "CT":
            raise PluginInputError("pyRadPlan needs the planning CT")
        p = PARAMS.resolve(dict(request.parameters))
        settings = dict(getattr(ctx, "settings", {}) or {})
        python = pyradplan_python(settings)
        position, position_source = patient_position(plan, image, p["patient_position"])
        mode = _mode(plan)
        box = _body_box(request.structure_set, image.grid) if p["crop_to_body"] else None
        hu = np.asarray(image.voxels, dtype=np.float32)
        box_grid = image.grid
        if box is not None:
            hu = hu[box]
            box_grid = sub_grid(image.grid, box)
        try:
            frame = box_frame(box_grid, SUPPORT_TO_PYRADPLAN @ patient_to_support(position))
        except FrameError as exc:
            raise PluginInputError(str(exc)) from None
        body = _body_mask(request.structure_set, box_grid, hu)
        target_name, target = plan_target_mask(plan, request.structure_set, box_grid)  # type: ignore[arg-type]
        fractions = int(plan.fractions or 1)
        job: dict[str, Any] = {
            "radiation_mode": mode, "machine": p["machine"], "dose_grid_mm": p["dose_grid_mm"],
            "spacing_xyz_mm": list(frame.spacing_xyz_mm),
            "origin_xyz_mm": [0.5 * s for s in frame.spacing_xyz_mm], "particles_per_mu": p["particles_per_mu"],
            "bio_dose": mode == "carbon", "beams": [],
        }
        arrays: dict[str, np.ndarray] = {"hu": frame.to_engine(hu), "body": frame.to_engine(body).astype(np.uint8)}
        if target is not None:
            arrays["target"] = frame.to_engine(target).astype(np.uint8)
        beam_info = []
        for beam in plan.beams:
            if not beam.delivers_dose:
                continue
            if isinstance(plan, IonPlan):
                spots = []
                final = beam.final_cumulative_meterset_weight or float(
                    sum(layer.spot_weights.sum() for layer in beam.energy_layers))
                # MU per fraction, in pyRadPlan's weight unit (10^6 particles)
                scale = float(beam.meterset) / float(final) * float(p["particles_per_mu"]) / 1.0e6  # type: ignore[arg-type]
                for layer in beam.energy_layers:
                    w = np.asarray(layer.spot_weights, dtype=float) * scale
                    e = np.full(len(w), layer.energy_mev)
                    spots.append(np.column_stack([e, layer.spot_xy_mm, w])[w > 0])
                if any(s.range_shifter_settings and any(r.setting == "IN" for r in s.range_shifter_settings)
                       for s in beam.energy_layers):
                    raise PluginInputError(f"beam {beam.name!r} uses a range shifter, which this pyRadPlan "
                                           "mapping does not model; use MCsquare")
                n = len(job["beams"])
                arrays[f"spots_{n}"] = np.concatenate(spots) if spots else np.zeros((0, 4))
                job["beams"].append({"gantry_deg": float(beam.gantry_deg or 0.0), "couch_deg": float(beam.couch_deg or 0.0),
                                     "isocenter_mm": frame.point_to_engine(beam.isocenter_mm).tolist()})
                beam_info.append({"number": beam.number, "name": beam.name, "spots": int(len(arrays[f"spots_{n}"]))})
            else:
                segments = photon_segments(beam)
                groups = _group_segments(segments)
                for seg_group in groups:
                    n = len(job["beams"])
                    bix = photon_bixels(beam, seg_group, float(p["bixel_mm"]))
                    bix[:, 2] /= float(p["mu_per_weight"])  # per fraction
                    arrays[f"bixels_{n}"] = bix
                    s0 = seg_group[0]
                    job["beams"].append({"gantry_deg": s0.gantry_deg, "couch_deg": s0.couch_deg,
                                         "bixel_width_mm": float(p["bixel_mm"]),
                                         "isocenter_mm": frame.point_to_engine(s0.isocenter_mm).tolist()})
                beam_info.append({"number": beam.number, "name": beam.name, "segments": len(segments),
                                  "pyradplan_beams": len(groups), "energy": beam.energy_label})
        if not job["beams"]:
            raise PluginInputError("no beam of this plan delivers dose")
        base = _storage(ctx)
        scratch = Path(tempfile.mkdtemp(prefix="prp-", dir=str(base) if base else None))
        try:
            np.savez(scratch / "input.npz", **arrays)  # type: ignore[arg-type]
            (scratch / "input.json").write_text(json.dumps(job))
            ctx.progress(0.05, "pyRadPlan: starting")
            self._run(python, scratch, ctx, 60.0 * float(p["max_minutes"]))
            out = np.load(scratch / "output.npz")
            info = json.loads((scratch / "output.json").read_text())
            # one fraction was calculated (the RBE of carbon depends on the dose per fraction): x fractions
            doses = {k: self._to_grid(out[k], frame, image.grid, box, request.grid) * fractions for k in out.files
                     if k in ("physical_dose", "rbe_x_dose")}
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        grid = request.grid or image.grid
        details: dict[str, Any] = {
            "engine": "pyRadPlan", "engine_version": info.get("pyradplan_version", ""),
            "engine_provenance": pyradplan_provenance(settings), "radiation_mode": mode,
            "machine": p["machine"], "beam_model": f"pyRadPlan {p['machine']} {mode} machine",
            "ct_calibration": "pyRadPlan default HU -> relative stopping power / density table",
            "patient_position": position, "patient_position_source": position_source, "fractions": fractions,
            "worker": info, "beams": beam_info, "parameters": dict(p), "target": target_name,
            "total_seconds": round(time.perf_counter() - t0, 1), "notes": [],
        }
        if mode != "photons":
            details["energy_snapping"] = {k: info[k] for k in ("machine_energies_mev", "max_shift_mev", "mean_shift_mev")
                                          if k in info}
        beams_all = tuple(b["number"] for b in beam_info)
        physical = doses["physical_dose"]
        results = []
        if mode == "photons":
            details["notes"].append(GENERIC_PHOTON_NOTE)
            results.append(DoseResult(physical, grid, "PHYSICAL", beam_numbers=beams_all,
                                      description="pyRadPlan 6 MV pencil beam (generic beam model)", details=details))
        elif mode == "protons":
            results.append(DoseResult(physical, grid, "PHYSICAL", beam_numbers=beams_all,
                                      description="pyRadPlan proton pencil beam (physical)", details=details))
            if float(p["rbe"]) > 0:
                rbe = float(p["rbe"])
                results.append(DoseResult(physical * rbe, grid, "EFFECTIVE", beam_numbers=beams_all,
                                          rbe_model=f"constant RBE {rbe:g}",
                                          description=f"pyRadPlan proton pencil beam (x RBE {rbe:g})", details=details))
        else:
            details["notes"].append(CARBON_NOTE)
            results.append(DoseResult(physical, grid, "PHYSICAL", beam_numbers=beams_all,
                                      description="pyRadPlan carbon (physical, research use)", details=details))
            if "rbe_x_dose" in doses:
                results.append(DoseResult(doses["rbe_x_dose"], grid, "EFFECTIVE", beam_numbers=beams_all,
                                          rbe_model="LEM (pyRadPlan generic carbon base data, one tissue)",
                                          description="pyRadPlan carbon (RBE-weighted, LEM, research use)",
                                          details=details))
            else:
                details["notes"].append("no RBE-weighted dose: the machine has no biological base data")
        ctx.progress(1.0, "pyRadPlan: done")
        return results

    @staticmethod
    def _to_grid(arr_zyx: np.ndarray, frame: Any, ct_grid: Grid, box: tuple[slice, slice, slice] | None,
                 target: Grid | None) -> np.ndarray:
        dose = frame.from_engine(np.asarray(arr_zyx, dtype=np.float32))
        if box is not None:
            full = np.zeros(ct_grid.shape_zyx, dtype=np.float32)
            full[box] = dose
            dose = full
        if target is not None and not target.same_geometry(ct_grid):
            dose = resample_to(dose, ct_grid, target)
        return np.clip(np.nan_to_num(dose), 0.0, None).astype(np.float32)

    @staticmethod
    def _run(python: Path, folder: Path, ctx: Any, timeout_s: float) -> None:
        env = dict(os.environ)
        for key in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
            env.pop(key, None)
        env["OMP_NUM_THREADS"] = env.get("OMP_NUM_THREADS", str(os.cpu_count() or 1))
        proc = start([str(python), "-I", str(WORKER), str(folder)], stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, text=True, env=env)
        errors: list[str] = []
        stderr_tail: list[str] = []

        def read_out() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if "progress" in msg:
                    ctx.progress(0.05 + 0.9 * float(msg["progress"]), str(msg.get("message", "")))
                if "error" in msg:
                    errors.append(str(msg["error"]))

        def read_err() -> None:
            assert proc.stderr is not None
            for line in proc.stderr:
                stderr_tail.append(line.rstrip())
                del stderr_tail[:-30]

        threads = [threading.Thread(target=read_out, daemon=True), threading.Thread(target=read_err, daemon=True)]
        for t in threads:
            t.start()
        t0 = time.perf_counter()
        try:
            while proc.poll() is None:
                if ctx.cancelled():
                    kill(proc)
                    raise Cancelled("pyRadPlan: cancelled")
                if time.perf_counter() - t0 > timeout_s:
                    kill(proc)
                    raise RuntimeError(f"pyRadPlan: stopped after the {timeout_s:.0f} s time limit")
                time.sleep(0.1)
        except BaseException:
            kill(proc)
            raise
        for t in threads:
            t.join(timeout=5)
        if proc.returncode != 0:
            detail = (folder / "error.txt").read_text()[-3000:] if (folder / "error.txt").is_file() else "\n".join(stderr_tail)
            if errors and any(k in errors[0] for k in ("ValueError", "ValidationError")):
                raise PluginInputError(f"pyRadPlan refused the plan: {errors[0]}")
            raise RuntimeError(f"pyRadPlan failed (exit {proc.returncode}): {errors[0] if errors else ''}\n{detail}")


def _storage(ctx: Any) -> Path | None:
    try:
        return Path(ctx.storage_dir)
    except (AttributeError, RuntimeError, TypeError):
        return None


def _mode(plan: Any) -> str:
    if isinstance(plan, IonPlan):
        kinds = {(b.ion_z, b.radiation_type) for b in plan.beams if b.delivers_dose}
        if kinds <= {(1, "PROTON"), (None, "PROTON")}:
            return "protons"
        if all(z == 6 for z, _ in kinds):
            return "carbon"
        raise PluginInputError(f"pyRadPlan mapping covers protons and carbon ions, not {sorted(map(str, kinds))}")
    if isinstance(plan, Plan) and plan.kind == "photon":
        return "photons"
    raise PluginInputError(f"pyRadPlan calculates photon, proton and carbon plans, not {getattr(plan, 'kind', '?')}")


def _group_segments(segments: list[Segment]) -> list[list[Segment]]:
    """Segments sharing gantry, collimator, couch and isocentre are one pyRadPlan beam (arcs: one per interval)."""
    groups: dict[tuple, list[Segment]] = {}
    for s in segments:
        key = (round(s.gantry_deg, 2), round(s.collimator_deg, 2), round(s.couch_deg, 2),
               tuple(round(v, 2) for v in s.isocenter_mm))
        groups.setdefault(key, []).append(s)
    return list(groups.values())


def _external(ss: StructureSet | None):  # type: ignore[no-untyped-def]
    if ss is None:
        return None
    ext = [r for r in ss.rois if r.interpreted_type.upper() == "EXTERNAL" and r.closed_contours]
    return ext[0] if ext else None


def _body_box(ss: StructureSet | None, grid: Grid) -> tuple[slice, slice, slice] | None:
    ext = _external(ss)
    if ext is None:
        return None
    pts = np.concatenate([c.points_mm for c in ext.closed_contours])
    return crop_box(grid, pts.min(axis=0) - 10.0, pts.max(axis=0) + 10.0)


def _body_mask(ss: StructureSet | None, grid: Grid, hu: np.ndarray) -> np.ndarray:
    ext = _external(ss)
    if ext is not None:
        m = roi_mask(ext, grid)
        if m.any():
            return m
    return hu > -500.0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through plannerview (plannerview dose / check-dose)")
