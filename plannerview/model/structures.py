"""Structure sets: ROIs made of planar contours, points and open curves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .common import DicomObject
from .geometry import frozen_array

CLOSED = "CLOSED_PLANAR"
POINT = "POINT"
OPEN_PLANAR = "OPEN_PLANAR"
OPEN_NONPLANAR = "OPEN_NONPLANAR"


@dataclass(frozen=True, eq=False)
class Contour:
    """One contour: its geometric type and its points (N x 3, patient mm)."""

    geometric_type: str
    points_mm: np.ndarray
    referenced_sop_uid: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "points_mm", frozen_array(self.points_mm).reshape(-1, 3))

    @property
    def is_closed(self) -> bool:
        return self.geometric_type == CLOSED

    @property
    def n_points(self) -> int:
        return int(self.points_mm.shape[0])


@dataclass(frozen=True, eq=False)
class ROI:
    """A region of interest. ``color_rgb`` in 0-255; ``interpreted_type`` is RTROIInterpretedType."""

    number: int
    name: str
    contours: tuple[Contour, ...] = ()
    interpreted_type: str = ""
    color_rgb: tuple[int, int, int] = (255, 255, 0)
    generation_algorithm: str = ""
    description: str = ""
    # ROIPhysicalPropertiesSequence: property (REL_MASS_DENSITY, REL_ELEC_DENSITY ...) -> value
    physical_properties: dict[str, float] = field(default_factory=dict)

    @property
    def closed_contours(self) -> tuple[Contour, ...]:
        return tuple(c for c in self.contours if c.is_closed and c.n_points >= 3)

    @property
    def is_point(self) -> bool:
        return bool(self.contours) and all(c.geometric_type == POINT for c in self.contours)

    @property
    def is_empty(self) -> bool:
        return not self.contours

    @cached_property
    def planes(self) -> dict[float, tuple[np.ndarray, ...]]:
        """Closed contours grouped by plane: z (mm, rounded to 0.01) -> polygons (N x 2, x/y mm).

        Assumes axial contours, as DICOM RTSTRUCTs on axial images have; non-axial contours are
        flagged by preflight.
        """
        out: dict[float, list[np.ndarray]] = {}
        for c in self.closed_contours:
            z = round(float(np.mean(c.points_mm[:, 2])), 2)
            out.setdefault(z, []).append(np.asarray(c.points_mm[:, :2]))
        return {z: tuple(v) for z, v in sorted(out.items())}


@dataclass(frozen=True, kw_only=True, eq=False)
class StructureSet(DicomObject):
    label: str = ""
    name: str = ""
    rois: tuple[ROI, ...] = ()
    referenced_series_uids: tuple[str, ...] = ()
    referenced_image_uids: tuple[str, ...] = ()
    provenance: dict[str, object] | None = None  # how a derived structure set was made (None when read)

    def roi(self, name_or_number: str | int) -> ROI:
        for r in self.rois:
            if r.number == name_or_number or r.name == name_or_number:
                return r
        for r in self.rois:
            if isinstance(name_or_number, str) and r.name.lower() == name_or_number.lower():
                return r
        raise KeyError(f"no ROI {name_or_number!r} in structure set {self.label!r}")


def unique_roi_name(name: str, taken: Iterable[str], sep: str = "_", first: int = 1) -> str:
    """``name``, or ``name_1``, ``name_2``... (``sep`` and ``first`` choose the suffix) when a
    structure of that name exists, compared without case: a new ROI never shadows another."""
    used = {t.lower() for t in taken}
    if name.lower() not in used:
        return name
    n = first
    while f"{name}{sep}{n}".lower() in used:
        n += 1
    return f"{name}{sep}{n}"
