"""plannerview-dose: independent dose calculation for the secondary dose check.

- ``mcsquare``: MCsquare proton Monte Carlo (UCLouvain, Apache-2.0; executables and data taken from
  the opentps-core 2.0.0 wheel at setup time), for proton pencil-beam-scanning plans;
- ``pyradplan``: pyRadPlan 0.5.0 (DKFZ, BSD-3) forward dose in its own environment: photons (generic
  6 MV SVD pencil beam), protons and carbon ions (physical and LEM RBE-weighted, research use).

Both run as child processes (MCsquare's executable; pyRadPlan's own Python), killed on cancel: the
contributions themselves run inline in the host. Uses only the public plugin API and the model.
"""

from __future__ import annotations

from plannerview.plugin_api import DOSE_ENGINE, Contribution, Manifest, Param, ParamSchema

from .params import MCSQUARE_PARAMS, PYRADPLAN_PARAMS

__version__ = "0.1.0"

SETTINGS = ParamSchema((
    Param("bdl_file", "str", "", "your MCsquare beam data library (BDL, with its MU-to-protons calibration); "
          "empty: the generic one"),
    Param("hu_density_file", "str", "", "your clinic's HU-to-density table (MCsquare format); set with "
          "hu_material_file; empty: the generic UCL Toshiba table"),
    Param("hu_material_file", "str", "", "your clinic's HU-to-material table (MCsquare format)"),
    Param("engines_dir", "str", "", "where the engines were provisioned (empty: <python prefix>/share/plannerview-dose)"),
))


_MCSQUARE = dict(
    title="MCsquare proton Monte Carlo",
    description="Proton PBS plans with MCsquare (UCLouvain): Monte Carlo in its own process; beam model (BDL) "
                "and CT calibration from the plugin settings, generic ones shipped; statistical uncertainty "
                "in the target reported",
    needs=("image:CT", "plan:proton"),
)
_PYRADPLAN = dict(
    title="pyRadPlan pencil beam (photon, proton, carbon)",
    description="pyRadPlan 0.5.0 forward dose in its own environment: photons with a generic 6 MV beam model "
                "(shape and gross-error check), protons, carbon ions with LEM RBE (research use)",
    needs=("image:CT", "plan"),
)

manifest = Manifest(
    name="plannerview-dose",
    version=__version__,
    api_version="1.1",
    description="Independent dose calculation (MCsquare, pyRadPlan) for the secondary dose check",
    contributions=(
        Contribution(DOSE_ENGINE, "mcsquare", "plannerview_dose.mcsquare_engine:McSquareEngine",
                     parameters=MCSQUARE_PARAMS, **_MCSQUARE),  # type: ignore[arg-type]
        Contribution(DOSE_ENGINE, "pyradplan", "plannerview_dose.pyradplan_engine:PyRadPlanEngine",
                     parameters=PYRADPLAN_PARAMS, **_PYRADPLAN),  # type: ignore[arg-type]
    ),
    settings=SETTINGS,
)
