"""What plugins contribute: small typed protocols with frozen request dataclasses.

Requests are frozen dataclasses whose new fields always get defaults, so a plugin written
against an older minor API version keeps working (pluggy's lesson): plugins read the fields
they know and ignore the rest. Results are plain objects the host validates and records with
provenance; a plugin never changes the case it reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from ..model import DoseGrid, Grid, ImageVolume, PlanBase, StructureSet
from ..model.common import DicomObject

if TYPE_CHECKING:
    from .context import PluginContext

CONTOUR_ENGINE = "contour_engine"
DOSE_ENGINE = "dose_engine"
SYNC_PROVIDER = "sync_provider"
WIDGET = "widget"
READER = "reader"
EXPORTER = "exporter"
KINDS = (CONTOUR_ENGINE, DOSE_ENGINE, SYNC_PROVIDER, WIDGET, READER, EXPORTER)


def _frozen_mapping(values: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(values or {}))


# --- contour engines ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ContourRequest:
    """Contour ``image``; ``structure_set`` holds existing ROIs (read-only) when there are any."""

    image: ImageVolume
    structure_set: StructureSet | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    roi_names: tuple[str, ...] = ()  # which structures to make, when an engine makes several

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen_mapping(self.parameters))

    @property
    def grid(self) -> Grid:
        return self.image.grid


@dataclass(frozen=True, eq=False)
class ContourResult:
    """A new structure as a voxel mask (bool, ``[k, j, i]``) on ``grid`` (default: the image's)."""

    name: str
    mask: np.ndarray
    interpreted_type: str = "ORGAN"
    color_rgb: tuple[int, int, int] = (255, 255, 0)
    description: str = ""
    grid: Grid | None = None

    def __post_init__(self) -> None:
        m = np.array(self.mask, dtype=bool, copy=True)
        if m.ndim != 3:
            raise ValueError(f"contour result {self.name!r}: mask must be 3-D [k, j, i], got {m.ndim}-D")
        m.flags.writeable = False
        object.__setattr__(self, "mask", m)
        object.__setattr__(self, "color_rgb", tuple(int(c) % 256 for c in self.color_rgb))

    @property
    def voxel_count(self) -> int:
        return int(np.count_nonzero(self.mask))


@runtime_checkable
class ContourEngine(Protocol):
    def contour(self, request: ContourRequest, ctx: PluginContext) -> Sequence[ContourResult]: ...


# --- dose engines ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DoseRequest:
    """Calculate the dose of ``plan`` on ``image`` (on ``grid`` when given, else the engine's choice)."""

    plan: PlanBase
    image: ImageVolume
    structure_set: StructureSet | None = None
    grid: Grid | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen_mapping(self.parameters))


@runtime_checkable
class DoseEngine(Protocol):
    def calculate(self, request: DoseRequest, ctx: PluginContext) -> DoseGrid: ...


# --- sync providers (PACS, TPS, archive) --------------------------------------------------------
@dataclass(frozen=True)
class SyncPushRequest:
    """Send ``files`` (DICOM Part-10 paths) and/or ``objects`` to ``destination``."""

    destination: str
    files: tuple[str, ...] = ()
    objects: tuple[DicomObject, ...] = ()
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen_mapping(self.parameters))


@dataclass(frozen=True)
class SyncPullRequest:
    """Fetch what matches ``query`` (e.g. {"PatientID": ...}) from ``source`` into ``folder``."""

    source: str
    folder: str
    query: Mapping[str, str] = field(default_factory=dict)
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "query", _frozen_mapping(self.query))
        object.__setattr__(self, "parameters", _frozen_mapping(self.parameters))


@dataclass(frozen=True)
class SyncResult:
    """Files or UIDs moved, and messages for the user."""

    transferred: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    ok: bool = True


@runtime_checkable
class SyncProvider(Protocol):
    def push(self, request: SyncPushRequest, ctx: PluginContext) -> SyncResult: ...

    def pull(self, request: SyncPullRequest, ctx: PluginContext) -> SyncResult: ...


# --- readers, exporters, widgets ---------------------------------------------------------------
@runtime_checkable
class Reader(Protocol):
    """Reads a non-DICOM format into DICOM-like model objects (through ``ctx.add_*``)."""

    def can_read(self, path: str) -> bool: ...

    def read(self, path: str, ctx: PluginContext) -> None: ...


@dataclass(frozen=True)
class ExportRequest:
    objects: tuple[DicomObject, ...]
    folder: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen_mapping(self.parameters))


@runtime_checkable
class Exporter(Protocol):
    def export(self, request: ExportRequest, ctx: PluginContext) -> Sequence[str]: ...


@runtime_checkable
class WidgetFactory(Protocol):
    """GUI plugins: called by the GUI only (the core never imports Qt) with the parent widget."""

    def create_widget(self, parent: object, ctx: PluginContext) -> object: ...


PROTOCOLS: dict[str, type] = {
    CONTOUR_ENGINE: ContourEngine,
    DOSE_ENGINE: DoseEngine,
    SYNC_PROVIDER: SyncProvider,
    READER: Reader,
    EXPORTER: Exporter,
    WIDGET: WidgetFactory,
}
