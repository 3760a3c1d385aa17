"""The engines' run parameters (light: the manifest reads them without loading the engines)."""

from __future__ import annotations

from plannerview.model.patient_position import PATIENT_POSITIONS
from plannerview.plugin_api import Param, ParamSchema

RBE_PROTON = 1.1

MCSQUARE_PARAMS = ParamSchema((
    Param("target_uncertainty_pct", "float", 2.0,
          "simulate until the statistical uncertainty in the target (mean relative standard error over its "
          "voxels; without a target, over the voxels above half the maximum) is below this; 0: exactly "
          "'primaries'", "%", 0.0, 50.0),
    Param("primaries", "int", 200000, "primaries of the four pilot batches together (more batches follow until "
          "the target uncertainty is met)", "", 4000, 10**10),
    Param("max_minutes", "float", 15.0, "time limit of the simulation (0: none)", "min", 0.0, 24 * 60.0),
    Param("threads", "int", 0, "threads (0: all cores)", "", 0, 256),
    Param("seed", "int", 0, "random seed (0: from the clock)", "", 0, 2**31 - 1),
    Param("patient_position", "choice", "PLAN",
          "patient position used to place the beams: the plan's patient setup, or one given here when the plan's "
          "setup is known to be wrong (see the beam-direction plan check)", choices=("PLAN", *PATIENT_POSITIONS)),
    Param("beam_model", "str", "",
          "MCsquare BDL file (with its MU-to-protons calibration); empty: the plugin setting 'bdl_file', else the "
          "generic BDL (generic-DN; generic-UN is the other shipped one)"),
    Param("ct_calibration", "str", "auto",
          "auto: the plugin settings' HU tables if configured, the water-linear table for synthetic CTs, else "
          "generic (MCsquare's UCL Toshiba scanner); or generic, water-linear, pyradplan-hlut, or a folder with "
          "HU_Density_Conversion.txt and HU_Material_Conversion.txt"),
    Param("dose_to_water", "bool", True, "report dose to water (MCsquare post-processing), as planning systems do"),
    Param("rbe", "float", RBE_PROTON, "constant RBE for the EFFECTIVE dose returned beside the physical dose "
          "(0: physical only)", "", 0.0, 5.0),
    Param("per_beam", "bool", False, "also return each beam's dose (summation type BEAM)"),
    Param("crop_to_body", "bool", True, "simulate only the box around the EXTERNAL structure (+1 cm)"),
    Param("keep_files", "bool", False, "keep MCsquare's scratch folder (inputs and outputs) for inspection"),
))

PYRADPLAN_PARAMS = ParamSchema((
    Param("dose_grid_mm", "float", 5.0, "pyRadPlan's dose grid (the dose is interpolated to the CT grid)", "mm",
          1.0, 10.0),
    Param("bixel_mm", "float", 5.0, "photons: bixel width of the fluence map made from the apertures", "mm", 1.0, 10.0),
    Param("mu_per_weight", "float", 100.0, "photons: MU per unit of pyRadPlan bixel weight (the demo's convention)",
          "MU", 1e-6, 1e9),
    Param("particles_per_mu", "float", 1.0e6, "ions: particles per MU of the plan (the demo's convention is 10^6, pyRadPlan's weight unit)",
          "", 1.0, 1e12),
    Param("rbe", "float", RBE_PROTON, "protons: constant RBE of the EFFECTIVE dose returned beside the physical one "
          "(0: physical only)", "", 0.0, 5.0),
    Param("patient_position", "choice", "PLAN", "patient position used to place the beams (PLAN: the plan's setup)",
          choices=("PLAN", *PATIENT_POSITIONS)),
    Param("machine", "str", "Generic", "pyRadPlan machine name"),
    Param("crop_to_body", "bool", False, "calculate only in the box around the EXTERNAL structure (+1 cm); off "
          "keeps pyRadPlan's dose grid where it would be on the whole CT"),
    Param("max_minutes", "float", 30.0, "time limit", "min", 0.1, 24 * 60.0),
))
