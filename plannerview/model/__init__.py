"""Immutable data model: images, structures, plans, doses, registrations and the case."""

from .annotation import Annotation
from .case import Case, SelectionError
from .common import DicomObject, PatientRef
from .dose import DoseGrid, TpsDvh
from .dvh import DVH
from .findings import Finding, Severity
from .geometry import Grid
from .image import ImageVolume
from .plan import (
    Beam,
    BrachyChannel,
    ControlPoint,
    DoseReference,
    EnergyLayer,
    FractionGroup,
    IonBeam,
    IonPlan,
    Plan,
    PlanBase,
    RangeShifter,
    RangeShifterSetting,
)
from .provenance import Provenance
from .registration import Registration
from .structures import ROI, Contour, StructureSet

__all__ = [
    "Annotation", "Beam", "BrachyChannel", "Case", "Contour", "ControlPoint", "DVH", "DicomObject", "DoseGrid", "DoseReference",
    "EnergyLayer", "Finding", "FractionGroup", "Grid", "ImageVolume", "IonBeam", "IonPlan",
    "PatientRef", "Plan", "PlanBase", "Provenance", "ROI", "RangeShifter", "RangeShifterSetting", "Registration",
    "SelectionError", "Severity", "StructureSet", "TpsDvh",
]
