"""What plugins contribute: small typed protocols with frozen request dataclasses.

Requests are frozen dataclasses whose new fields always get defaults, so a plugin written
against an older minor API version keeps working (pluggy's lesson): plugins read the fields
they know and ignore the rest. Results are plain objects the host validates and records with
provenance; a plugin never changes the case it reads.

Kinds and their methods (the host calls them all through one ``invoke`` path):

===============  =====================================================  ==============================
kind             methods                                                result the host checks
===============  =====================================================  ==============================
contour_engine   ``contour(request, ctx)``                              ``Sequence[ContourResult]``
dose_engine      ``calculate(request, ctx)``                            ``DoseResult`` or a sequence
sync_provider    ``push(request, ctx)``, ``pull(request, ctx)``         ``SyncResult``
reader           ``can_read(path)``, ``read(path, ctx)``                ``bool``; proposals via ctx
exporter         ``export(request, ctx)``                               paths written
widget           ``create_widget(parent, ctx)``                         a Qt widget (GUI only)
service          ``start(ctx)``, ``stop()``, ``status()``               ``ServiceStatus``
command          ``register(parser)``, ``run(args, ctx)``               exit code (int)
===============  =====================================================  ==============================
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
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
SERVICE = "service"  # API 1.1
COMMAND = "command"  # API 1.1
KINDS = (CONTOUR_ENGINE, DOSE_ENGINE, SYNC_PROVIDER, WIDGET, READER, EXPORTER, SERVICE, COMMAND)
ISOLATABLE_KINDS = (CONTOUR_ENGINE, DOSE_ENGINE, SYNC_PROVIDER, READER, EXPORTER)
"""Kinds whose calls may run in a worker process (``Contribution(isolation="process")``)."""

DOSE_TYPES = ("PHYSICAL", "EFFECTIVE")
DOSE_SUMMATION_TYPES = ("PLAN", "MULTI_PLAN", "FRACTION", "BEAM", "BRACHY", "FRACTION_SESSION",
                        "BEAM_SESSION", "BRACHY_SESSION", "CONTROL_POINT", "RECORD")
SERVICE_STATES = ("stopped", "starting", "running", "degraded", "failed")


class FrozenMapping(Mapping[str, Any]):
    """A read-only mapping (parameters, details) that can be pickled to a worker process."""

    __slots__ = ("_data",)

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._data = dict(values or {})

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"

    def __eq__(self, other: object) -> bool:
        return dict(self._data) == (dict(other) if isinstance(other, Mapping) else other)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data.items(), key=lambda kv: kv[0])))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMapping, (self._data,))


def _frozen_mapping(values: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return FrozenMapping(values)


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
        """The image's voxel grid (masks are returned on it unless a result names another)."""
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
        """Number of voxels inside the mask."""
        return int(np.count_nonzero(self.mask))


@runtime_checkable
class ContourEngine(Protocol):
    """Makes structures from an image."""

    def contour(self, request: ContourRequest, ctx: PluginContext) -> Sequence[ContourResult]:
        """Return the new structures (or propose them with ``ctx.add_roi``)."""
        ...


# --- dose engines ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DoseRequest:
    """Calculate the dose of ``plan`` on ``image`` (on ``grid`` when given, else the engine's choice).

    ``structure_set`` is the plan's structure set when the case has one (e.g. for the body
    outline); ``parameters`` are the contribution's resolved parameters.
    """

    plan: PlanBase
    image: ImageVolume
    structure_set: StructureSet | None = None
    grid: Grid | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen_mapping(self.parameters))


@dataclass(frozen=True, eq=False)
class DoseResult:
    """A calculated dose: values in Gy on ``grid`` (API 1.1). The host builds the dose object.

    - ``dose``: float array ``[k, j, i]`` with ``grid.shape_zyx``, finite and non-negative, in Gy;
    - ``grid``: on the frame of reference of the request's image;
    - ``dose_type``: "PHYSICAL" or "EFFECTIVE" (RBE-weighted; then say how in ``rbe_model``);
    - ``units``: "GY" (the only unit the host accepts from an engine);
    - ``summation_type``: DICOM DoseSummationType ("PLAN", or "BEAM" with ``beam_numbers``);
    - ``statistical_uncertainty_pct``: e.g. a Monte Carlo engine's uncertainty, or None;
    - ``description``: a short label shown to the user;
    - ``details``: engine-specific provenance (beam model, CT calibration, primaries ...), JSON-able.
    """

    dose: np.ndarray
    grid: Grid
    dose_type: str
    units: str = "GY"
    summation_type: str = "PLAN"
    beam_numbers: tuple[int, ...] = ()
    statistical_uncertainty_pct: float | None = None
    rbe_model: str = ""
    description: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        arr = np.array(self.dose, copy=True)
        arr.flags.writeable = False
        object.__setattr__(self, "dose", arr)
        object.__setattr__(self, "beam_numbers", tuple(self.beam_numbers))
        object.__setattr__(self, "details", _frozen_mapping(self.details))


@runtime_checkable
class DoseEngine(Protocol):
    """Calculates the dose of a plan."""

    def calculate(self, request: DoseRequest, ctx: PluginContext) -> DoseResult | Sequence[DoseResult]:
        """Return one or more :class:`DoseResult` (API 1.0 engines may return a ``DoseGrid``)."""
        ...


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
    """Moves DICOM objects to and from somewhere else (PACS, TPS, archive, a consult peer)."""

    def push(self, request: SyncPushRequest, ctx: PluginContext) -> SyncResult:
        """Send files or objects to ``request.destination``."""
        ...

    def pull(self, request: SyncPullRequest, ctx: PluginContext) -> SyncResult:
        """Fetch what ``request.query`` matches into ``request.folder``."""
        ...


# --- readers, exporters, widgets ---------------------------------------------------------------
@runtime_checkable
class Reader(Protocol):
    """Reads a non-DICOM format into DICOM-like model objects (through ``ctx.add_*``)."""

    def can_read(self, path: str) -> bool:
        """True when this reader understands ``path`` (cheap: look at the name or a few bytes)."""
        ...

    def read(self, path: str, ctx: PluginContext) -> None:
        """Read ``path`` and propose its objects with ``ctx.add_roi`` / ``add_dose`` / ``add_annotation``."""
        ...


@dataclass(frozen=True)
class ExportRequest:
    """Write ``objects`` into ``folder`` in the exporter's format."""

    objects: tuple[DicomObject, ...]
    folder: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen_mapping(self.parameters))


@runtime_checkable
class Exporter(Protocol):
    """Writes model objects in another format."""

    def export(self, request: ExportRequest, ctx: PluginContext) -> Sequence[str]:
        """Write the files and return their paths."""
        ...


@runtime_checkable
class WidgetFactory(Protocol):
    """GUI plugins: called by the GUI only (the core never imports Qt) with the parent widget."""

    def create_widget(self, parent: object, ctx: PluginContext) -> object:
        """Return a ``QWidget``; the workstation mounts it in a dock of its own."""
        ...


# --- services and commands (API 1.1) ------------------------------------------------------------
@dataclass(frozen=True)
class ServiceStatus:
    """What a service reports: ``state`` (one of SERVICE_STATES), a message, and details."""

    state: str
    message: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", _frozen_mapping(self.details))


@runtime_checkable
class Service(Protocol):
    """Long-lived background work (a server, a sync loop), started and stopped by the host.

    ``start`` must return promptly: start threads with ``ctx.submit`` or your own. The workstation
    starts services when it opens and stops them when it closes; a CLI command can start one.
    """

    def start(self, ctx: PluginContext) -> None:
        """Begin (raise :class:`PluginInputError` when the settings do not allow it)."""
        ...

    def stop(self) -> None:
        """End; release sockets, threads and files."""
        ...

    def status(self) -> ServiceStatus:
        """The current state (cheap: the GUI polls it)."""
        ...


@runtime_checkable
class Command(Protocol):
    """A ``plannerview`` sub-command. The manifest holds its name and help, so ``plannerview --help``
    lists it without importing the plugin's code; ``register`` and ``run`` are called only when the
    user runs it."""

    def register(self, parser: argparse.ArgumentParser) -> None:
        """Add the command's arguments (and sub-commands) to ``parser``."""
        ...

    def run(self, args: argparse.Namespace, ctx: PluginContext) -> int:
        """Do the work; return the exit code (0 ok, 1 a check failed, 2 bad input)."""
        ...


PROTOCOLS: dict[str, type] = {
    CONTOUR_ENGINE: ContourEngine,
    DOSE_ENGINE: DoseEngine,
    SYNC_PROVIDER: SyncProvider,
    READER: Reader,
    EXPORTER: Exporter,
    WIDGET: WidgetFactory,
    SERVICE: Service,
    COMMAND: Command,
}

__all__ = [
    "COMMAND", "CONTOUR_ENGINE", "Command", "ContourEngine", "ContourRequest", "ContourResult",
    "DOSE_ENGINE", "DOSE_SUMMATION_TYPES", "DOSE_TYPES", "DoseEngine", "DoseGrid", "DoseRequest",
    "DoseResult", "EXPORTER", "ExportRequest", "Exporter", "ISOLATABLE_KINDS", "KINDS", "PROTOCOLS", "READER",
    "Reader", "SERVICE", "SERVICE_STATES", "SYNC_PROVIDER", "Service", "ServiceStatus", "SyncProvider",
    "SyncPullRequest", "SyncPushRequest", "SyncResult", "WIDGET", "WidgetFactory",
]
