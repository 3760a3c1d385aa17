"""Rigid spatial registrations (DICOM REG)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .common import DicomObject
from .geometry import frozen_array


@dataclass(frozen=True, kw_only=True, eq=False)
class Registration(DicomObject):
    """Maps points of ``moving_frame_uid`` into ``frame_of_reference_uid`` (the fixed frame).

    ``matrix`` (4x4) multiplies homogeneous moving-frame coordinates (mm) to fixed-frame ones.
    """

    moving_frame_uid: str
    matrix: np.ndarray
    matrix_type: str = "RIGID"

    def __post_init__(self) -> None:
        object.__setattr__(self, "matrix", frozen_array(self.matrix).reshape(4, 4))

    def map_points(self, xyz_mm: np.ndarray) -> np.ndarray:
        p = np.asarray(xyz_mm, dtype=float)
        return p @ self.matrix[:3, :3].T + self.matrix[:3, 3]
