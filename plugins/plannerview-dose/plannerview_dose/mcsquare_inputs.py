"""MCsquare's own input files, written from plannerview's model: CT (MetaImage), plan (PlanPencil
text format), configuration, beam data library and scanner tables.

Formats as MCsquare reads them (its ``src/data_*.c``): the CT is a MetaImage of float HU with X
fastest, voxel (0,0,0) at the box corner (Offset is not used for geometry); the plan gives spot X,
Y (mm at the isocentre, IEC gantry axes) and meterset weights in MU, which MCsquare turns into
protons with the BDL's ProtonsMU column; file names must stay short (MCsquare keeps paths in
100-character buffers), so everything is written in one scratch folder and named relatively.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from plannerview.model import IonBeam, IonPlan
from plannerview.plugin_api import PluginInputError

from .calibration import BeamModel, CtCalibration
from .frames import BoxFrame

CT_FILE, PLAN_FILE, CONFIG_FILE, BDL_FILE = "CT.mhd", "PlanPencil.txt", "config.txt", "BDL.txt"
DENSITY_FILE, MATERIAL_FILE, OUTPUT_DIR = "HU_Density.txt", "HU_Material.txt", "Outputs"


def write_mhd(folder: Path, name: str, arr_zyx: np.ndarray, spacing_xyz_mm: Sequence[float]) -> Path:
    """A MetaImage pair (``name``.mhd + .raw) of float32 with X fastest, as MCsquare reads it."""
    raw = Path(name).with_suffix(".raw").name
    nz, ny, nx = arr_zyx.shape
    header = (f"ObjectType = Image\nNDims = 3\nDimSize = {nx} {ny} {nz}\n"
              f"ElementSpacing = {spacing_xyz_mm[0]:.6f} {spacing_xyz_mm[1]:.6f} {spacing_xyz_mm[2]:.6f}\n"
              "Offset = 0 0 0\nElementType = MET_FLOAT\nElementByteOrderMSB = False\n"
              f"ElementDataFile = {raw}\n")
    np.ascontiguousarray(arr_zyx, dtype="<f4").tofile(folder / raw)
    path = folder / name
    path.write_text(header)
    return path


def read_mhd(path: Path) -> tuple[np.ndarray, tuple[float, ...]]:
    """A MetaImage MCsquare wrote -> ([Z, Y, X] array, spacing x, y, z in mm)."""
    meta: dict[str, str] = {}
    for line in path.read_text(errors="replace").splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            meta[k.strip()] = v.strip()
    try:
        nx, ny, nz = (int(v) for v in meta["DimSize"].split())
        spacing = tuple(float(v) for v in meta["ElementSpacing"].split())
        dtype = {"MET_FLOAT": "<f4", "MET_DOUBLE": "<f8"}[meta.get("ElementType", "MET_FLOAT")]
    except (KeyError, ValueError) as exc:
        raise RuntimeError(f"MCsquare output {path}: unreadable MetaImage header ({exc})") from None
    data = np.fromfile(path.parent / meta.get("ElementDataFile", path.with_suffix(".raw").name), dtype=dtype)
    if data.size != nx * ny * nz:
        raise RuntimeError(f"MCsquare output {path}: {data.size} values, expected {nx}x{ny}x{nz}")
    return data.reshape(nz, ny, nx).astype(np.float32), spacing


@dataclass(frozen=True)
class SpotLayer:
    energy_mev: float
    spots_xy_mm: np.ndarray  # N x 2
    mu: np.ndarray  # per fraction
    range_shifter: str = "OUT"  # IN / OUT
    rs_isocenter_distance_mm: float | None = None
    rs_wet_mm: float | None = None


@dataclass(frozen=True)
class FieldSpec:
    """One beam as MCsquare sees it (angles as in the plan; isocentre in MCsquare mm)."""

    number: int
    name: str
    gantry_deg: float
    couch_deg: float
    isocenter_mc_mm: np.ndarray
    layers: tuple[SpotLayer, ...]
    range_shifter_id: str = ""
    range_shifter_type: str = "binary"

    @property
    def total_mu(self) -> float:
        return float(sum(layer.mu.sum() for layer in self.layers))


@dataclass
class PlanSummary:
    """What was handed to MCsquare, for the result's details."""

    fields: list[FieldSpec] = field(default_factory=list)
    skipped_beams: list[str] = field(default_factory=list)
    protons_per_fraction: float = 0.0
    fractions: int = 1


def spot_mu_per_fraction(beam: IonBeam) -> list[np.ndarray]:
    """Each layer's spot MU for one fraction: weights / FinalCumulativeMetersetWeight x BeamMeterset."""
    total_w = float(sum(layer.spot_weights.sum() for layer in beam.energy_layers))
    final = beam.final_cumulative_meterset_weight or total_w
    if beam.meterset is None or beam.meterset <= 0:
        raise PluginInputError(f"beam {beam.name!r}: no BeamMeterset in the fraction group, so no MU to simulate")
    if final <= 0:
        raise PluginInputError(f"beam {beam.name!r}: FinalCumulativeMetersetWeight is zero")
    scale = float(beam.meterset) / float(final)
    return [np.asarray(layer.spot_weights, dtype=float) * scale for layer in beam.energy_layers]


def fields_from_plan(plan: IonPlan, frame: BoxFrame, model: BeamModel, beams: Sequence[int] | None = None) -> PlanSummary:
    """The plan's delivering beams as MCsquare fields (``beams``: only these beam numbers)."""
    out = PlanSummary(fractions=int(plan.fractions or 1))
    for beam in plan.beams:
        if beams is not None and beam.number not in beams:
            continue
        if not beam.delivers_dose or not beam.energy_layers:
            out.skipped_beams.append(f"{beam.name} (no dose: {beam.treatment_delivery_type or 'no meterset'})")
            continue
        if beam.radiation_type != "PROTON":
            raise PluginInputError(f"beam {beam.name!r}: MCsquare simulates protons only, not {beam.radiation_type}")
        if beam.scan_mode and beam.scan_mode not in ("MODULATED", "MODULATED_SPEC"):
            raise PluginInputError(f"beam {beam.name!r}: scan mode {beam.scan_mode} is not pencil-beam scanning")
        if beam.isocenter_mm is None:
            raise PluginInputError(f"beam {beam.name!r}: no isocentre position")
        rs_id, rs_number = "", None
        if len(beam.range_shifters) > 1:
            raise PluginInputError(f"beam {beam.name!r}: {len(beam.range_shifters)} range shifters; MCsquare "
                                   "simulates one per beam")
        if beam.range_shifters:
            rs_id, rs_number = beam.range_shifters[0].id or f"RS{beam.range_shifters[0].number}", beam.range_shifters[0].number
        layers = []
        for layer, mu in zip(beam.energy_layers, spot_mu_per_fraction(beam), strict=True):
            keep = mu > 0
            if not keep.any():
                continue
            setting = next((s for s in layer.range_shifter_settings if s.referenced_number == rs_number), None)
            layers.append(SpotLayer(
                energy_mev=float(layer.energy_mev), spots_xy_mm=np.asarray(layer.spot_xy_mm)[keep], mu=mu[keep],
                range_shifter=(setting.setting.upper() if setting is not None else "OUT") if rs_id else "OUT",
                rs_isocenter_distance_mm=setting.isocenter_to_range_shifter_mm if setting is not None else None,
                rs_wet_mm=setting.water_equivalent_thickness_mm if setting is not None else None))
        lo, hi = model.nominal_energies_mev.min(), model.nominal_energies_mev.max()
        off = sorted({round(s.energy_mev, 2) for s in layers if not lo <= s.energy_mev <= hi})
        if off:
            raise PluginInputError(f"beam {beam.name!r}: energies {off} MeV are outside the beam model "
                                   f"{model.name!r} ({lo:g}-{hi:g} MeV)")
        out.fields.append(FieldSpec(beam.number, beam.name, float(beam.gantry_deg or 0.0), float(beam.couch_deg or 0.0),
                                    frame.point_to_engine(beam.isocenter_mm), tuple(layers), rs_id))
        out.protons_per_fraction += float(sum((layer.mu * model.protons_per_mu(layer.energy_mev)).sum() for layer in layers))
    if not out.fields:
        raise PluginInputError(f"plan {plan.label or plan.sop_uid!r}: no beam delivers dose")
    return out


def write_plan(folder: Path, summary: PlanSummary, name: str = "plannerview") -> Path:
    """MCsquare's PlanPencil text: one fraction; weights are MU per fraction."""
    lines = ["#TREATMENT-PLAN-DESCRIPTION", "#PlanName", name, "#NumberOfFractions", "1", "##FractionID", "1",
             "##NumberOfFields", str(len(summary.fields))]
    for f in summary.fields:
        lines += ["###FieldsID", str(f.number)]
    lines += ["#TotalMetersetWeightOfAllFields", f"{sum(f.total_mu for f in summary.fields):.6f}"]
    for f in summary.fields:
        lines += ["", "#FIELD-DESCRIPTION", "###FieldID", str(f.number), "###FinalCumulativeMeterSetWeight",
                  f"{f.total_mu:.6f}", "###GantryAngle", f"{f.gantry_deg:.6f}", "###PatientSupportAngle",
                  f"{f.couch_deg:.6f}", "###IsocenterPosition",
                  "\t".join(f"{v:.6f}" for v in f.isocenter_mc_mm)]
        if f.range_shifter_id:
            lines += ["###RangeShifterID", f.range_shifter_id, "###RangeShifterType", f.range_shifter_type]
        lines += ["###NumberOfControlPoints", str(len(f.layers)), "", "#SPOTS-DESCRIPTION"]
        cumulative = 0.0
        for n, layer in enumerate(f.layers, start=1):
            cumulative += float(layer.mu.sum())
            lines += ["####ControlPointIndex", str(n), "####SpotTunnedID", "1", "####CumulativeMetersetWeight",
                      f"{cumulative:.6f}", "####Energy (MeV)", f"{layer.energy_mev:.6f}"]
            if f.range_shifter_id:
                lines += ["####RangeShifterSetting", layer.range_shifter]
                if layer.range_shifter == "IN":
                    if layer.rs_isocenter_distance_mm is None or layer.rs_wet_mm is None:
                        raise PluginInputError(f"beam {f.name!r}: range shifter {f.range_shifter_id} is IN without "
                                               "its isocentre distance and water-equivalent thickness")
                    lines += ["####IsocenterToRangeShifterDistance", f"{layer.rs_isocenter_distance_mm:.6f}",
                              "####RangeShifterWaterEquivalentThickness", f"{layer.rs_wet_mm:.6f}"]
                else:
                    lines += ["####IsocenterToRangeShifterDistance", "0", "####RangeShifterWaterEquivalentThickness",
                              "0"]
            lines += ["####NbOfScannedSpots", str(len(layer.mu)), "####X Y Weight"]
            lines += [f"{x:.4f} {y:.4f} {w:.8g}" for (x, y), w in zip(layer.spots_xy_mm, layer.mu, strict=True)]
    path = folder / PLAN_FILE
    path.write_text("\n".join(lines) + "\n")
    return path


def write_bdl(folder: Path, model: BeamModel, summary: PlanSummary, pmma_material: int) -> tuple[Path, list[str]]:
    """The beam model, with a block added for each plan range shifter it does not define.

    A range shifter the BDL lacks is modelled as PMMA (material ``pmma_material``, 1.19 g/cm3) of the
    plan's water-equivalent thickness; the notes say so.
    """
    text = model.file.path.read_text(errors="replace").replace("\r\n", "\n")
    notes: list[str] = []
    added: list[str] = []
    for f in summary.fields:
        if not f.range_shifter_id or model.range_shifter(f.range_shifter_id) is not None:
            continue
        wets = {layer.rs_wet_mm for layer in f.layers if layer.range_shifter == "IN" and layer.rs_wet_mm}
        if not wets:
            continue
        if len(wets) > 1:
            raise PluginInputError(f"beam {f.name!r}: range shifter {f.range_shifter_id} has several thicknesses "
                                   f"{sorted(wets)}; define it in the beam model")
        wet = wets.pop()
        if f.range_shifter_id in added:
            continue
        added.append(f.range_shifter_id)
        block = (f"\nRange Shifter parameters\nRS_ID = {f.range_shifter_id}\nRS_type = binary\n"
                 f"RS_material = {pmma_material}\nRS_density = 1.19\nRS_WET = {wet:.3f}\n")
        marker = "Beam parameters"
        text = text.replace(marker, block + "\n" + marker, 1) if marker in text else text + block
        notes.append(f"range shifter {f.range_shifter_id} is not in the beam model: modelled as PMMA "
                     f"(1.19 g/cm3) of {wet:g} mm water-equivalent thickness from the plan")
    path = folder / BDL_FILE
    path.write_text(text)
    return path, notes


def write_calibration(folder: Path, calibration: CtCalibration) -> tuple[Path, Path]:
    d = folder / DENSITY_FILE
    m = folder / MATERIAL_FILE
    shutil.copyfile(calibration.density_file.path, d)
    shutil.copyfile(calibration.material_file.path, m)
    return d, m


@dataclass(frozen=True)
class RunSettings:
    primaries: int  # of the pilot batches together (the minimum simulated)
    target_uncertainty_pct: float  # 0: simulate exactly ``primaries``
    threads: int = 0
    seed: int = 0  # 0: from the clock
    max_minutes: float = 0.0
    dose_to_water: bool = True
    per_beam: bool = False


def write_config(folder: Path, run: RunSettings, primaries: int, seed: int) -> Path:
    """One MCsquare run (one batch of plannerview's own batch loop): ``primaries`` with ``seed``."""
    lines = {
        "Num_Threads": str(run.threads),
        "RNG_Seed": str(int(seed)),
        "Num_Primaries": str(int(primaries)),
        "CT_File": CT_FILE,
        "HU_Density_Conversion_File": DENSITY_FILE,
        "HU_Material_Conversion_File": MATERIAL_FILE,
        "BDL_Machine_Parameter_File": BDL_FILE,
        "BDL_Plan_File": PLAN_FILE,
        "Output_Directory": OUTPUT_DIR,
        "Compute_stat_uncertainty": "False",  # one batch per run: plannerview estimates the uncertainty
        "Dose_MHD_Output": "True",
        "Export_Beam_dose": "True" if run.per_beam else "False",
        "Dose_to_Water_conversion": "PostProcessing" if run.dose_to_water else "Disabled",
    }
    path = folder / CONFIG_FILE
    path.write_text("".join(f"{k} {v}\n" for k, v in lines.items()))
    return path
