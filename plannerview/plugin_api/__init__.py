"""The public plugin API of plannerview.

A plugin is a Python module or package exposing ``manifest`` (a :class:`Manifest`), found through
the entry-point group ``plannerview.plugins`` or in the user plugin folder. Plugins import only
this package and :mod:`plannerview.model`; see docs/plugins.md.
"""

from .context import Annotation, Cancelled, PluginContext
from .contracts import (
    CONTOUR_ENGINE,
    DOSE_ENGINE,
    EXPORTER,
    KINDS,
    READER,
    SYNC_PROVIDER,
    WIDGET,
    ContourEngine,
    ContourRequest,
    ContourResult,
    DoseEngine,
    DoseRequest,
    Exporter,
    ExportRequest,
    Reader,
    SyncProvider,
    SyncPullRequest,
    SyncPushRequest,
    SyncResult,
    WidgetFactory,
)
from .geometry import (
    Margins,
    contract_mask,
    crop_to,
    expand_mask,
    mask_volume_cc,
    ring_mask,
    roi_mask,
)
from .manifest import Contribution, Manifest
from .params import Param, ParamError, ParamSchema
from .version import API_VERSION, is_compatible

__all__ = [
    "API_VERSION", "Annotation", "CONTOUR_ENGINE", "Cancelled", "ContourEngine", "ContourRequest",
    "ContourResult", "Contribution", "DOSE_ENGINE", "DoseEngine", "DoseRequest", "EXPORTER", "ExportRequest",
    "Exporter", "KINDS", "Manifest", "Margins", "Param", "ParamError", "ParamSchema", "PluginContext", "READER",
    "Reader", "SYNC_PROVIDER", "SyncProvider", "SyncPullRequest", "SyncPushRequest", "SyncResult", "WIDGET",
    "WidgetFactory", "contract_mask", "crop_to", "expand_mask", "is_compatible", "mask_volume_cc", "ring_mask",
    "roi_mask",
]
