"""Image volumes (CT, MR, PT) with their geometry; voxels are read lazily."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .common import DicomObject
from .geometry import Grid


@dataclass(frozen=True, kw_only=True, eq=False)
class ImageVolume(DicomObject):
    """A sorted image series. ``sop_uid`` is the first slice's; ``slice_sop_uids`` has them all.

    ``voxels`` holds stored values after rescale (HU for CT), indexed [k, j, i]; it is read on
    first access through ``loader`` and kept (read-only).
    """

    modality: str
    grid: Grid
    patient_position: str = ""
    slice_sop_uids: tuple[str, ...] = ()
    slice_files: tuple[str, ...] = ()
    slice_positions_mm: tuple[float, ...] = ()  # along the slice normal, sorted ascending
    gantry_tilt_deg: float = 0.0
    units: str = ""  # HU for CT
    description: str = ""
    # not scanned: how the values were made (e.g. a CT built from ROI physical properties)
    synthetic: str = ""
    loader: Callable[[], np.ndarray] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def voxels(self) -> np.ndarray:
        if self.loader is None:
            raise ValueError(f"image series {self.series_uid} has no pixel data loader")
        arr = self.loader()
        if arr.shape != self.grid.shape_zyx:
            raise ValueError(
                f"image series {self.series_uid}: pixel data shape {arr.shape} "
                f"differs from the geometry {self.grid.shape_zyx}"
            )
        arr.flags.writeable = False
        return arr

    @property
    def is_loaded(self) -> bool:
        return "voxels" in self.__dict__

    @property
    def label(self) -> str:
        return self.description or f"{self.modality} {self.series_uid}"
