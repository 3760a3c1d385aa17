"""Small DoseGrid builders for the dose tests (in-memory, no files)."""

from __future__ import annotations

import numpy as np

from plannerview.model import DoseGrid, Grid


def make_dose(arr: np.ndarray, spacing: float = 2.5, origin: tuple[float, float, float] = (0.0, 0.0, 0.0),
              direction: np.ndarray | None = None, frame: str = "F", dose_type: str = "PHYSICAL",
              summation: str = "PLAN", plan: str = "", units: str = "GY") -> DoseGrid:
    g = Grid(arr.shape, (spacing,) * 3, origin, np.eye(3) if direction is None else direction, frame)
    a = np.asarray(arr, dtype=np.float32)
    return DoseGrid(sop_uid=f"uid{id(a)}", frame_of_reference_uid=frame, grid=g, dose_type=dose_type, units=units,
                    summation_type=summation, referenced_plan_uid=plan, loader=lambda: a)


def index_grid_points(grid: Grid) -> np.ndarray:
    """Patient coordinates (nz, ny, nx, 3) of every voxel centre, computed from the affine by hand."""
    nz, ny, nx = grid.shape_zyx
    k, j, i = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing="ij")
    dz, dy, dx = grid.spacing_mm
    d = np.asarray(grid.direction)
    return (np.asarray(grid.origin_mm) + i[..., None] * dx * d[:, 0] + j[..., None] * dy * d[:, 1]
            + k[..., None] * dz * d[:, 2])
