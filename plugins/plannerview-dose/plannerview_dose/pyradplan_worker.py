"""pyRadPlan forward dose, run by the pyRadPlan environment's own Python (never the workstation's).

    <pyradplan venv>/bin/python pyradplan_worker.py FOLDER

Reads ``FOLDER/input.json`` and ``FOLDER/input.npz`` (written by :mod:`plannerview_dose.pyradplan_engine`),
writes ``FOLDER/output.npz`` (``physical_dose`` and, for ions with biological base data,
``rbe_x_dose``; [z, y, x] on the input box, Gy) and ``FOLDER/output.json``. Progress goes to stdout
as JSON lines ``{"progress": f, "message": ...}``. This file imports only numpy, SimpleITK and
pyRadPlan, so it runs with pyRadPlan's numpy >= 2 while the workstation keeps its own.

Coordinates: the box is already in the frame pyRadPlan assumes (head-first supine LPS: gantry 90 puts
the source at +x, beam's-eye view x = IEC Xb, z = IEC Yb at couch and collimator 0), origin at the
centre of voxel (0, 0, 0).
"""

from __future__ import annotations

import json
import logging
import sys
import time
import traceback
import warnings
from pathlib import Path

import numpy as np


def emit(progress: float, message: str) -> None:
    print(json.dumps({"progress": round(float(progress), 4), "message": message}), flush=True)


def _sitk_image(arr_zyx: np.ndarray, spacing_xyz: list[float], origin_xyz: list[float]):  # type: ignore[no-untyped-def]
    import SimpleITK as sitk

    img = sitk.GetImageFromArray(arr_zyx)
    img.SetSpacing([float(v) for v in spacing_xyz])
    img.SetOrigin([float(v) for v in origin_xyz])
    return img


def build_ct_cst(job: dict, data: np.lib.npyio.NpzFile):  # type: ignore[no-untyped-def]
    from pyRadPlan.cst import create_cst, create_voi
    from pyRadPlan.ct import create_ct

    hu = np.asarray(data["hu"], dtype=np.float32)
    ct = create_ct(cube_hu=_sitk_image(hu, job["spacing_xyz_mm"], job["origin_xyz_mm"]))
    vois = []
    for name, kind in (("body", "EXTERNAL"), ("target", "TARGET")):
        if name in data.files and np.any(data[name]):
            mask = _sitk_image(np.asarray(data[name], dtype=np.uint8), job["spacing_xyz_mm"], job["origin_xyz_mm"])
            vois.append(create_voi(name=name, voi_type=kind, mask=mask, ct_image=ct))
    return ct, create_cst(vois, ct=ct)


def _beam_dict(beam: dict, mode: str, machine, rays: list[dict]) -> dict:  # type: ignore[no-untyped-def]
    from pyRadPlan.geometry import lps

    rot = lps.get_beam_rotation_matrix(beam["gantry_deg"], beam["couch_deg"])
    source_bev = np.array([0.0, -float(machine.sad), 0.0])
    return {"gantry_angle": float(beam["gantry_deg"]), "couch_angle": float(beam["couch_deg"]),
            "bixel_width": float(beam.get("bixel_width_mm", 5.0)), "radiation_mode": mode,
            "machine": machine.name, "sad": float(machine.sad), "iso_center": np.asarray(beam["isocenter_mm"], float),
            "source_point_bev": source_bev, "source_point": rot @ source_bev, "rays": rays}


def _ray(x: float, z: float, beam: dict, machine, beamlets: list) -> dict:  # type: ignore[no-untyped-def]
    from pyRadPlan.geometry import lps

    rot = lps.get_beam_rotation_matrix(beam["gantry_deg"], beam["couch_deg"])
    pos_bev = np.array([x, 0.0, z])
    source_bev = np.array([0.0, -float(machine.sad), 0.0])
    pos = rot @ pos_bev
    target_bev = 2.0 * (pos_bev - source_bev) + source_bev
    return {"ray_pos_bev": pos_bev, "ray_pos": pos, "target_point_bev": target_bev, "target_point": rot @ target_bev,
            "beamlets": beamlets}


def ion_stf(job: dict, data: np.lib.npyio.NpzFile, machine) -> tuple[list[dict], np.ndarray, dict]:  # type: ignore[no-untyped-def]
    """Rays at the plan's spot positions, beamlets at its energies snapped to the machine's."""
    from pyRadPlan.stf._beamlet import IonSpot

    energies = np.asarray(machine.energies, dtype=float)
    beams: list[dict] = []
    weights: list[float] = []
    snaps: list[float] = []
    for b, beam in enumerate(job["beams"]):
        spots = np.asarray(data[f"spots_{b}"], dtype=float)  # N x 4: energy, x, y, weight
        idx = np.abs(energies[None, :] - spots[:, :1]).argmin(axis=1)
        snapped = energies[idx]
        snaps.extend(np.abs(snapped - spots[:, 0]).tolist())
        keys = np.round(spots[:, 1:3], 3)
        rays = []
        for xy in np.unique(keys, axis=0):
            sel = np.all(keys == xy, axis=1)
            per_energy: dict[float, float] = {}
            for e, w in zip(snapped[sel], spots[sel, 3], strict=True):
                per_energy[float(e)] = per_energy.get(float(e), 0.0) + float(w)
            beamlets = [IonSpot(energy=e) for e in sorted(per_energy)]  # weights already in 10^6 particles
            weights.extend(per_energy[e] for e in sorted(per_energy))
            rays.append(_ray(float(xy[0]), float(xy[1]), beam, machine, beamlets))
        beams.append(_beam_dict(beam, job["radiation_mode"], machine, rays))
    snap = {"machine_energies_mev": [float(energies.min()), float(energies.max())], "n_machine_energies": len(energies),
            "max_shift_mev": round(max(snaps, default=0.0), 4), "mean_shift_mev": round(float(np.mean(snaps)) if snaps else 0.0, 4)}
    return beams, np.asarray(weights, dtype=float), snap


def photon_stf(job: dict, data: np.lib.npyio.NpzFile, machine) -> tuple[list[dict], np.ndarray, dict]:  # type: ignore[no-untyped-def]
    """Rays on each beam's bixel grid with the fluence the plan's apertures give them."""
    from pyRadPlan.stf._beamlet import PhotonBixel

    energy = float(np.asarray(machine.energies).ravel()[0])
    beams: list[dict] = []
    weights: list[float] = []
    for b, beam in enumerate(job["beams"]):
        bixels = np.asarray(data[f"bixels_{b}"], dtype=float)  # N x 3: x, z, weight
        rays = [_ray(float(x), float(z), beam, machine, [PhotonBixel(energy=energy)]) for x, z, _ in bixels]
        weights.extend(bixels[:, 2].tolist())
        beams.append(_beam_dict(beam, "photons", machine, rays))
    return beams, np.asarray(weights, dtype=float), {"machine_energy_mv": energy}


def run(folder: Path) -> dict:
    t0 = time.perf_counter()
    job = json.loads((folder / "input.json").read_text())
    data = np.load(folder / "input.npz")
    emit(0.02, "pyRadPlan: loading")
    import pyRadPlan
    from pyRadPlan import IonPlan, PhotonPlan, calc_dose_forward
    from pyRadPlan.machines import load_from_name
    from pyRadPlan.stf import validate_stf

    mode = job["radiation_mode"]
    ct, cst = build_ct_cst(job, data)
    emit(0.1, "pyRadPlan: CT and structures")
    prop: dict[str, object] = {"dose_grid": {"resolution": {k: float(job["dose_grid_mm"]) for k in "xyz"}}}
    if mode == "photons":
        pln = PhotonPlan(machine=job["machine"], num_of_fractions=1, prop_dose_calc=prop)
        machine = load_from_name("photons", job["machine"])
        beams, w, info = photon_stf(job, data, machine)
    else:
        if job.get("bio_dose"):
            prop["calc_bio_dose"] = True
        pln = IonPlan(radiation_mode=mode, machine=job["machine"], num_of_fractions=1, prop_dose_calc=prop)
        machine = load_from_name(mode, job["machine"])
        beams, w, info = ion_stf(job, data, machine)
    stf = validate_stf(beams)
    emit(0.2, f"pyRadPlan: {len(w)} {'bixels' if mode == 'photons' else 'spots'}, forward dose")
    result = calc_dose_forward(ct, cst, stf, pln, w)
    emit(0.95, "pyRadPlan: writing the dose")
    arrays = {}
    import SimpleITK as sitk

    for key, value in result.items():
        if isinstance(value, sitk.Image):
            arrays[key] = sitk.GetArrayFromImage(value).astype(np.float32)
        elif isinstance(value, np.ndarray) and value.ndim == 3:
            arrays[key] = value.astype(np.float32)
    if "physical_dose" not in arrays:
        raise RuntimeError(f"pyRadPlan returned no physical dose (got {sorted(result)})")
    np.savez_compressed(folder / "output.npz", **arrays)  # type: ignore[arg-type]
    out = {"pyradplan_version": getattr(pyRadPlan, "__version__", ""), "numpy_version": np.__version__,
           "quantities": sorted(arrays), "machine": job["machine"], "sad_mm": float(machine.sad),
           "n_beamlets": int(len(w)), "seconds": round(time.perf_counter() - t0, 2), **info}
    (folder / "output.json").write_text(json.dumps(out, indent=1))
    emit(1.0, "pyRadPlan: done")
    return out


def main() -> int:
    logging.basicConfig(level=logging.ERROR)
    warnings.simplefilter("ignore")
    folder = Path(sys.argv[1])
    try:
        run(folder)
    except Exception as exc:  # reported to the parent with the traceback
        (folder / "error.txt").write_text(f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc()}")
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
