"""The words of the first-party plugins (plugins/plannerview-*): contribution titles and
descriptions, parameter labels and descriptions, as the workstation shows them.

A plugin's manifest is its own data, in English; for the plugins shipped with plannerview the
workstation shows these words in its language (``plugin_text``). ``tests/i18n`` fails when a
first-party plugin's word is missing here; a third-party plugin's words are shown as written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .i18n import QT_TRANSLATE_NOOP

TEXTS = frozenset((
    QT_TRANSLATE_NOOP("PluginTexts", 'Remote consult: de-identified sharing to an Orthanc hub, annotations as DICOM SR, two-way sync'),
    QT_TRANSLATE_NOOP("PluginTexts", 'server'),
    QT_TRANSLATE_NOOP("PluginTexts", "the hub's base URL, e.g. https://hub.example.org:8443 (DICOMweb at URL/dicom-web)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'ca'),
    QT_TRANSLATE_NOOP("PluginTexts", "CA certificate file to trust for an https hub (empty: the system's)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'consult'),
    QT_TRANSLATE_NOOP("PluginTexts", 'share a de-identified case to a consult hub, annotate it, sync the annotations'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Consult sync'),
    QT_TRANSLATE_NOOP("PluginTexts", 'annotations to and from the consult hub, in the background'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Consult status'),
    QT_TRANSLATE_NOOP("PluginTexts", "the sync service's state: connected, items waiting, conflicts"),
    QT_TRANSLATE_NOOP("PluginTexts", 'Consult hub (DICOMweb)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'push: de-identify a case here and upload it (STOW-RS); pull: retrieve a shared study'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Automatic CT contours: external, lungs (left/right, airways removed), bones, air cavities'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Body (external)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'patient outline; couch and outside air excluded'),
    QT_TRANSLATE_NOOP("PluginTexts", 'body threshold hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'tissue above this is patient (air and foam below)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'couch cut mm'),
    QT_TRANSLATE_NOOP("PluginTexts", 'structures thinner than twice this (couch, cables) are cut away'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Lungs (left, right)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'left and right lungs; trachea and main bronchi removed'),
    QT_TRANSLATE_NOOP("PluginTexts", 'lung threshold hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'lung tissue is below this'),
    QT_TRANSLATE_NOOP("PluginTexts", 'airway hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'trachea and bronchi are grown below this (made stricter on leaks)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'min lung cc'),
    QT_TRANSLATE_NOOP("PluginTexts", 'smallest component counted as a lung'),
    QT_TRANSLATE_NOOP("PluginTexts", 'lung closing mm'),
    QT_TRANSLATE_NOOP("PluginTexts", 'in-plane closing radius that keeps vessels in the lungs'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Bones'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bone by threshold, marrow filled'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bone threshold hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bone is above this'),
    QT_TRANSLATE_NOOP("PluginTexts", 'min bone cc'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bone pieces smaller than this are dropped'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Air cavities'),
    QT_TRANSLATE_NOOP("PluginTexts", 'air inside the body outside the lungs'),
    QT_TRANSLATE_NOOP("PluginTexts", 'air threshold hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'air is below this'),
    QT_TRANSLATE_NOOP("PluginTexts", 'min air cc'),
    QT_TRANSLATE_NOOP("PluginTexts", 'air pockets smaller than this are dropped'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Body, lungs, bones, air cavities'),
    QT_TRANSLATE_NOOP("PluginTexts", 'all automatic structures in one pass'),
    # plannerview-dose
    QT_TRANSLATE_NOOP("PluginTexts", 'Independent dose calculation (MCsquare, pyRadPlan) for the secondary dose check'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bdl file'),
    QT_TRANSLATE_NOOP("PluginTexts", 'your MCsquare beam data library (BDL, with its MU-to-protons calibration); empty: the generic one'),
    QT_TRANSLATE_NOOP("PluginTexts", 'hu density file'),
    QT_TRANSLATE_NOOP("PluginTexts", "your clinic's HU-to-density table (MCsquare format); set with hu_material_file; empty: the generic UCL Toshiba table"),
    QT_TRANSLATE_NOOP("PluginTexts", 'hu material file'),
    QT_TRANSLATE_NOOP("PluginTexts", "your clinic's HU-to-material table (MCsquare format)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'engines dir'),
    QT_TRANSLATE_NOOP("PluginTexts", 'where the engines were provisioned (empty: <python prefix>/share/plannerview-dose)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'MCsquare proton Monte Carlo'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Proton PBS plans with MCsquare (UCLouvain): Monte Carlo in its own process; beam model (BDL) and CT calibration from the plugin settings, generic ones shipped; statistical uncertainty in the target reported'),
    QT_TRANSLATE_NOOP("PluginTexts", 'target uncertainty pct'),
    QT_TRANSLATE_NOOP("PluginTexts", "simulate until the statistical uncertainty in the target (mean relative standard error over its voxels; without a target, over the voxels above half the maximum) is below this; 0: exactly 'primaries'"),
    QT_TRANSLATE_NOOP("PluginTexts", 'primaries'),
    QT_TRANSLATE_NOOP("PluginTexts", 'primaries of the four pilot batches together (more batches follow until the target uncertainty is met)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'max minutes'),
    QT_TRANSLATE_NOOP("PluginTexts", 'time limit of the simulation (0: none)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'threads'),
    QT_TRANSLATE_NOOP("PluginTexts", 'threads (0: all cores)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'seed'),
    QT_TRANSLATE_NOOP("PluginTexts", 'random seed (0: from the clock)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'patient position'),
    QT_TRANSLATE_NOOP("PluginTexts", "patient position used to place the beams: the plan's patient setup, or one given here when the plan's setup is known to be wrong (see the beam-direction plan check)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'beam model'),
    QT_TRANSLATE_NOOP("PluginTexts", "MCsquare BDL file (with its MU-to-protons calibration); empty: the plugin setting 'bdl_file', else the generic BDL (generic-DN; generic-UN is the other shipped one)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'ct calibration'),
    QT_TRANSLATE_NOOP("PluginTexts", "auto: the plugin settings' HU tables if configured, the water-linear table for synthetic CTs, else generic (MCsquare's UCL Toshiba scanner); or generic, water-linear, pyradplan-hlut, or a folder with HU_Density_Conversion.txt and HU_Material_Conversion.txt"),
    QT_TRANSLATE_NOOP("PluginTexts", 'dose to water'),
    QT_TRANSLATE_NOOP("PluginTexts", 'report dose to water (MCsquare post-processing), as planning systems do'),
    QT_TRANSLATE_NOOP("PluginTexts", 'rbe'),
    QT_TRANSLATE_NOOP("PluginTexts", 'constant RBE for the EFFECTIVE dose returned beside the physical dose (0: physical only)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'per beam'),
    QT_TRANSLATE_NOOP("PluginTexts", "also return each beam's dose (summation type BEAM)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'crop to body'),
    QT_TRANSLATE_NOOP("PluginTexts", 'simulate only the box around the EXTERNAL structure (+1 cm)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'keep files'),
    QT_TRANSLATE_NOOP("PluginTexts", "keep MCsquare's scratch folder (inputs and outputs) for inspection"),
    QT_TRANSLATE_NOOP("PluginTexts", 'pyRadPlan pencil beam (photon, proton, carbon)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'pyRadPlan 0.5.0 forward dose in its own environment: photons with a generic 6 MV beam model (shape and gross-error check), protons, carbon ions with LEM RBE (research use)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'dose grid mm'),
    QT_TRANSLATE_NOOP("PluginTexts", "pyRadPlan's dose grid (the dose is interpolated to the CT grid)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'bixel mm'),
    QT_TRANSLATE_NOOP("PluginTexts", 'photons: bixel width of the fluence map made from the apertures'),
    QT_TRANSLATE_NOOP("PluginTexts", 'mu per weight'),
    QT_TRANSLATE_NOOP("PluginTexts", "photons: MU per unit of pyRadPlan bixel weight (the demo's convention)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'particles per mu'),
    QT_TRANSLATE_NOOP("PluginTexts", "ions: particles per MU of the plan (the demo's convention is 10^6, pyRadPlan's weight unit)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'protons: constant RBE of the EFFECTIVE dose returned beside the physical one (0: physical only)'),
    QT_TRANSLATE_NOOP("PluginTexts", "patient position used to place the beams (PLAN: the plan's setup)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'machine'),
    QT_TRANSLATE_NOOP("PluginTexts", 'pyRadPlan machine name'),
    QT_TRANSLATE_NOOP("PluginTexts", "calculate only in the box around the EXTERNAL structure (+1 cm); off keeps pyRadPlan's dose grid where it would be on the whole CT"),
    QT_TRANSLATE_NOOP("PluginTexts", 'time limit'),
))


def plugin_text(text: str) -> str:
    """A first-party plugin's word in the GUI's language; any other text as it is."""
    return QCoreApplication.translate("PluginTexts", text) if text in TEXTS else text


def param_label(name: str) -> str:
    """The label of a parameter in a plugin's form (its name with spaces)."""
    return plugin_text(name.replace("_", " "))
