"""Checking what plugin code returns, per kind, before the host uses it.

Checks read the values themselves with numpy (a mask's voxel count and volume, a dose's
extremes), never through a function the plugin could have replaced. A refused result raises
:class:`ResultRefused` with the problem; the runner reports it naming plugin and contribution
and counts it as a fault.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model import DoseGrid, Grid, ImageVolume, Provenance
from ..plugin_api import (
    DOSE_SUMMATION_TYPES,
    DOSE_TYPES,
    SERVICE_STATES,
    ContourResult,
    DoseRequest,
    DoseResult,
    ServiceStatus,
    SyncResult,
)


class ResultRefused(ValueError):
    """A plugin's result failed a check; the message is the problem."""


@dataclass(frozen=True)
class NewROI:
    """A proposed structure, checked, with the voxel count and volume the host computed from
    the mask itself and the provenance the host recorded."""

    result: ContourResult
    provenance: Provenance
    voxels: int
    mask_volume_cc: float


class ConstantLoader:
    """A picklable ``loader`` returning a fixed array (doses the host built from plugin values)."""

    def __init__(self, values: np.ndarray) -> None:
        self.values = values

    def __call__(self) -> np.ndarray:
        return self.values


# --- contours ----------------------------------------------------------------------------------
def check_contours(value: Any, proposed: Sequence[Any], image: ImageVolume) -> tuple[ContourResult, ...]:
    """Returned plus proposed structures; each a ContourResult with a name and a mask shaped like
    its grid (the image's unless it names another, which must share the frame of reference)."""
    if value is None:
        value = ()
    if isinstance(value, ContourResult) or not isinstance(value, Sequence | tuple | list):
        raise ResultRefused(f"returned a {type(value).__name__}, not a list of ContourResult")
    out = []
    for res in [*value, *proposed]:
        if not isinstance(res, ContourResult):
            raise ResultRefused(f"returned a {type(res).__name__} among its results, not a ContourResult")
        if not isinstance(res.name, str) or not res.name.strip():
            raise ResultRefused("returned a structure without a name")
        grid = res.grid or image.grid
        if res.grid is not None and res.grid.frame_of_reference_uid and image.frame_of_reference_uid and \
                res.grid.frame_of_reference_uid != image.frame_of_reference_uid:
            raise ResultRefused(f"structure {res.name!r} is on frame of reference {res.grid.frame_of_reference_uid}, "
                                f"not the image's {image.frame_of_reference_uid}")
        if tuple(res.mask.shape) != tuple(grid.shape_zyx):
            raise ResultRefused(f"structure {res.name!r}: mask {tuple(res.mask.shape)} does not match the grid "
                                f"{tuple(grid.shape_zyx)}")
        out.append(res)
    return tuple(out)


def new_rois(results: Sequence[ContourResult], image: ImageVolume, provenance: Provenance) -> tuple[NewROI, ...]:
    """Checked results with voxel count and volume computed here from each mask."""
    rois = []
    for res in results:
        grid = res.grid or image.grid
        voxels = int(res.mask.sum(dtype=np.int64))
        dz, dy, dx = grid.spacing_mm
        rois.append(NewROI(res, provenance, voxels, voxels * dz * dy * dx / 1000.0))
    return tuple(rois)


# --- doses -------------------------------------------------------------------------------------
def _as_items(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, DoseResult | DoseGrid):
        return [value]
    if isinstance(value, Sequence | tuple | list):
        return list(value)
    raise ResultRefused(f"returned a {type(value).__name__}, not a DoseResult")


def dose_values(item: Any) -> tuple[np.ndarray, Grid, dict[str, Any]]:
    """The array, grid and attributes of a DoseResult, or of a DoseGrid (API 1.0).

    Reading a DoseGrid's values calls the plugin's loader: call this as plugin code."""
    if isinstance(item, DoseResult):
        return np.asarray(item.dose), item.grid, {
            "dose_type": item.dose_type, "units": item.units, "summation_type": item.summation_type,
            "beam_numbers": tuple(item.beam_numbers), "uncertainty": item.statistical_uncertainty_pct,
            "rbe_model": item.rbe_model, "description": item.description, "details": dict(item.details),
            "frame": item.grid.frame_of_reference_uid if isinstance(item.grid, Grid) else ""}
    if isinstance(item, DoseGrid):
        return np.asarray(item.dose), item.grid, {
            "dose_type": item.dose_type, "units": item.units, "summation_type": item.summation_type,
            "beam_numbers": tuple(item.referenced_beam_numbers), "uncertainty": None, "rbe_model": "",
            "description": item.description or item.comment, "details": {},
            "frame": item.grid.frame_of_reference_uid or item.frame_of_reference_uid}
    raise ResultRefused(f"returned a {type(item).__name__}, not a DoseResult")


def check_dose(arr: np.ndarray, grid: Any, attrs: Mapping[str, Any], request: DoseRequest) -> np.ndarray:
    """Check one dose against the request; returns its values as read-only float32."""
    if not isinstance(grid, Grid):
        raise ResultRefused(f"its grid is a {type(grid).__name__}, not a plannerview.model.Grid")
    want_frame = request.image.frame_of_reference_uid or request.plan.frame_of_reference_uid
    if not attrs["frame"]:
        raise ResultRefused("its grid has no frame of reference UID (build it from request.image.grid)")
    if want_frame and attrs["frame"] != want_frame:
        raise ResultRefused(f"its grid is on frame of reference {attrs['frame']}, not the image's {want_frame}")
    if not isinstance(arr, np.ndarray) or arr.dtype.kind != "f":
        raise ResultRefused(f"its dose is {getattr(arr, 'dtype', type(arr).__name__)}, not a float array")
    if tuple(arr.shape) != tuple(grid.shape_zyx):
        raise ResultRefused(f"its dose array {tuple(arr.shape)} does not match its grid {tuple(grid.shape_zyx)}")
    if arr.size == 0:
        raise ResultRefused("its dose array is empty")
    finite = np.isfinite(arr)
    if not bool(finite.all()):
        raise ResultRefused(f"its dose has {int(arr.size - finite.sum())} non-finite values (NaN or infinite)")
    low = float(arr.min())
    if low < 0:
        raise ResultRefused(f"its dose has negative values (minimum {low:g} Gy)")
    if attrs["units"] != "GY":
        raise ResultRefused(f"its units are {attrs['units']!r}; engines return dose in Gy (units='GY')")
    if attrs["dose_type"] not in DOSE_TYPES:
        raise ResultRefused(f"its dose type {attrs['dose_type']!r} is not one of {', '.join(DOSE_TYPES)}")
    if attrs["summation_type"] not in DOSE_SUMMATION_TYPES:
        raise ResultRefused(f"its summation type {attrs['summation_type']!r} is not a DICOM DoseSummationType")
    beams = {int(getattr(b, "number", -1)) for b in getattr(request.plan, "beams", ())}
    unknown = [b for b in attrs["beam_numbers"] if int(b) not in beams]
    if unknown:
        raise ResultRefused(f"it names beams {unknown} that plan {request.plan.label!r} does not have")
    u = attrs["uncertainty"]
    if u is not None and not (isinstance(u, int | float) and math.isfinite(u) and u >= 0):
        raise ResultRefused(f"its statistical uncertainty {u!r} is not a non-negative number of percent")
    out = np.array(arr, dtype=np.float32, copy=True)
    out.flags.writeable = False
    return out


def dose_grid(values: np.ndarray, grid: Grid, attrs: Mapping[str, Any], request: DoseRequest,
              provenance: Provenance) -> DoseGrid:
    """The host's dose object for checked values, made by the one derived-dose factory: new UIDs,
    the plan's patient, study and frame of reference, a reference to the plan, provenance."""
    from ..compute.derived import derived_dose

    return derived_dose(
        values, like=request.plan if request.plan.study_uid else request.image, provenance=provenance,
        description=str(attrs["description"] or f"{provenance.engine} dose"), grid=grid, units="GY",
        dose_type=str(attrs["dose_type"]), summation_type=str(attrs["summation_type"]),
        referenced_plan_uid=request.plan.sop_uid,
        referenced_beam_numbers=tuple(int(b) for b in attrs["beam_numbers"]),
        comment=f"calculated by {provenance.engine} {provenance.version}")


def dose_details(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """What goes into the provenance ``details`` of a dose: the engine's own details plus dose
    type, RBE model and statistical uncertainty."""
    out = dict(attrs["details"])
    out["dose_type"] = attrs["dose_type"]
    if attrs["rbe_model"]:
        out["rbe_model"] = attrs["rbe_model"]
    if attrs["uncertainty"] is not None:
        out["statistical_uncertainty_pct"] = float(attrs["uncertainty"])
    if attrs["beam_numbers"]:
        out["beam_numbers"] = [int(b) for b in attrs["beam_numbers"]]
    return out


# --- the other kinds ---------------------------------------------------------------------------
def check_sync(value: Any) -> SyncResult:
    """A sync provider returns a SyncResult."""
    if not isinstance(value, SyncResult):
        raise ResultRefused(f"returned a {type(value).__name__}, not a SyncResult")
    return value


def check_paths(value: Any) -> tuple[str, ...]:
    """An exporter returns the paths it wrote."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | tuple | list):
        raise ResultRefused(f"returned a {type(value).__name__}, not a list of paths")
    return tuple(str(p) for p in value)


def check_bool(value: Any) -> bool:
    """``can_read`` returns a bool."""
    if not isinstance(value, bool | np.bool_):
        raise ResultRefused(f"returned a {type(value).__name__}, not True or False")
    return bool(value)


def check_status(value: Any) -> ServiceStatus:
    """A service's ``status()`` returns a ServiceStatus with a known state."""
    if not isinstance(value, ServiceStatus):
        raise ResultRefused(f"returned a {type(value).__name__}, not a ServiceStatus")
    if value.state not in SERVICE_STATES:
        raise ResultRefused(f"returned the state {value.state!r}, not one of {', '.join(SERVICE_STATES)}")
    return value


def check_exit_code(value: Any) -> int:
    """A command's ``run`` returns an exit code 0..255 (None counts as 0)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not 0 <= int(value) <= 255:
        raise ResultRefused(f"returned {value!r}, not an exit code (0..255)")
    return int(value)


def anything(value: Any) -> Any:
    """Calls whose return value is not used (``read``, ``start``, ``stop``, ``register``) or is
    checked by the GUI (``create_widget``)."""
    return value
