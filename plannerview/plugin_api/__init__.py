"""The public plugin API of plannerview (version :data:`API_VERSION`).

A plugin is a Python module or package exposing ``manifest`` (a :class:`Manifest`), found through
the entry-point group ``plannerview.plugins`` or in the user plugin folder. Plugins import only
this package and :mod:`plannerview.model`; see docs/plugins.md.

Plugins are trusted code: they run in the plannerview process with the user's rights. A worker
process (``Contribution(isolation="process")``) contains crashes, hangs and memory use; it is
not a security sandbox.

The geometry helpers (``roi_mask``, ``expand_mask`` ...) are imported on first use, so listing
plugins does not load scipy.
"""

from typing import Any

from ..model.annotation import Annotation
from ..tasks import Cancelled, TaskContext
from .context import PluginContext, Proposals, ServiceControl
from .contracts import (
    COMMAND,
    CONTOUR_ENGINE,
    DOSE_ENGINE,
    DOSE_SUMMATION_TYPES,
    DOSE_TYPES,
    EXPORTER,
    ISOLATABLE_KINDS,
    KINDS,
    READER,
    SERVICE,
    SERVICE_STATES,
    SYNC_PROVIDER,
    WIDGET,
    Command,
    ContourEngine,
    ContourRequest,
    ContourResult,
    DoseEngine,
    DoseRequest,
    DoseResult,
    Exporter,
    ExportRequest,
    Reader,
    Service,
    ServiceStatus,
    SyncProvider,
    SyncPullRequest,
    SyncPushRequest,
    SyncResult,
    WidgetFactory,
)
from .errors import PluginInputError
from .manifest import Contribution, Manifest, known_need
from .params import Param, ParamError, ParamSchema
from .version import API_VERSION, is_compatible
from .workspace import WorkspaceView

_GEOMETRY = ("Margins", "boolean", "contract_mask", "crop_to", "expand_mask", "margin_mask", "mask_volume_cc",
             "ring_mask", "roi_mask")


def __getattr__(name: str) -> Any:
    """The geometry helpers, imported from :mod:`plannerview.plugin_api.geometry` on first use."""
    if name in _GEOMETRY:
        from . import geometry

        return getattr(geometry, name)
    raise AttributeError(f"module 'plannerview.plugin_api' has no attribute {name!r}")


__all__ = [
    "API_VERSION", "Annotation", "COMMAND", "CONTOUR_ENGINE", "Cancelled", "Command", "ContourEngine",
    "ContourRequest", "ContourResult", "Contribution", "DOSE_ENGINE", "DOSE_SUMMATION_TYPES", "DOSE_TYPES",
    "DoseEngine", "DoseRequest", "DoseResult", "EXPORTER", "ExportRequest", "Exporter", "ISOLATABLE_KINDS",
    "KINDS", "Manifest", "Param", "ParamError", "ParamSchema", "PluginContext", "PluginInputError", "Proposals",
    "READER", "Reader", "SERVICE", "SERVICE_STATES", "SYNC_PROVIDER", "Service", "ServiceControl",
    "ServiceStatus", "SyncProvider", "SyncPullRequest", "SyncPushRequest", "SyncResult", "TaskContext", "WIDGET",
    "WidgetFactory", "WorkspaceView", "is_compatible", "known_need", *_GEOMETRY,
]
