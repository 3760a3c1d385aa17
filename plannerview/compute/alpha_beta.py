"""Alpha/beta mapping -> per-voxel alpha/beta map (for voxel-wise EQD2 / BED).

The mapping file (read by ``review.loaders.load_alpha_beta_map``) is YAML::

    default: 3                                     # Gy, tissue in no listed ROI
    rois:
      - {name: PTV, alpha_beta: 10, priority: 2}   # highest priority wins where ROIs overlap
      - {name: SpinalCord, alpha_beta: 2, priority: 3}

ROI masks use voxel-centre inclusion (even-odd rule on each closed planar contour plane, see
``plannerview.compute.masks``). ROI names match exactly, else case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model.geometry import Grid
from ..model.structures import StructureSet
from .masks import roi_mask_on_grid


@dataclass(frozen=True)
class AlphaBetaMap:
    """Alpha/beta per ROI with priorities (higher wins where ROIs overlap) and a default."""

    default_gy: float
    rois: tuple[tuple[str, float, int], ...] = ()  # (name, alpha/beta Gy, priority)

    @classmethod
    def from_dict(cls, data: Any, source: str = "alpha/beta map") -> AlphaBetaMap:
        if not isinstance(data, dict) or "default" not in data:
            raise ValueError(f"{source}: needs 'default: <alpha/beta in Gy>' (and optionally 'rois: [...]')")
        try:
            default = float(data["default"])
            rois = tuple((str(r["name"]), float(r["alpha_beta"]), int(r.get("priority", 0)))
                         for r in (data.get("rois") or []))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{source}: each ROI needs 'name' and 'alpha_beta' (and an integer 'priority'): {exc}") from exc
        for name, ab, _ in ((("default", default, 0),) + rois):
            if not ab > 0:
                raise ValueError(f"{source}: alpha/beta of {name!r} must be positive, not {ab}")
        prios = [p for _, _, p in rois]
        names = [n for n, _, _ in rois]
        if len(set(names)) != len(names):
            raise ValueError(f"{source}: an ROI is listed twice")
        if len(set(prios)) != len(prios):
            raise ValueError(f"{source}: ROI priorities must differ, so overlaps have one answer")
        return cls(default_gy=default, rois=rois)

    def to_json(self) -> dict[str, Any]:
        return {"default": self.default_gy,
                "rois": [{"name": n, "alpha_beta": a, "priority": p} for n, a, p in self.rois]}

    def voxel_map(self, grid: Grid, structure_set: StructureSet | None) -> tuple[np.ndarray, list[str]]:
        """Alpha/beta (Gy) for every voxel of ``grid``; also the names of ROIs that were not found
        (their voxels keep the default)."""
        ab = np.full(grid.shape_zyx, self.default_gy, dtype=np.float64)
        missing: list[str] = []
        for name, value, _prio in sorted(self.rois, key=lambda r: r[2]):  # low priority first, high wins
            try:
                roi = structure_set.roi(name) if structure_set is not None else None
            except KeyError:
                roi = None
            if roi is None:
                missing.append(name)
                continue
            ab[roi_mask_on_grid(roi, grid)] = value
        return ab, missing
