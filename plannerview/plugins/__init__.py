"""The plugin host: discovery, registry, one ``invoke`` path, worker processes, services, commands.

Replaces the former ``plannerview.plugins_host``. The layers: the GUI and the CLI use this
package; it uses :mod:`plannerview.plugin_api` (what plugins see) and the model. Plugins are
trusted Python code with the user's rights; the host contains their accidents (exceptions,
``sys.exit``, prints, replaced host functions, and for ``isolation="process"`` crashes, hangs and
memory) but is not a security sandbox. See docs/plugins.md.
"""

from __future__ import annotations

import threading

from ..model.structures import unique_roi_name
from .discovery import ENTRY_POINT_GROUP, ENV_DISABLE, ENV_PATH, discover, user_plugin_dirs
from .errors import InputRefused, PluginError, PluginFault, PluginUnavailable
from .records import (
    ACTIVE,
    DISABLED,
    ENTRY_POINT,
    FAILED,
    FAULT_LIMIT,
    USER_FOLDER,
    ContributionState,
    PluginRecord,
)
from .registry import PluginRegistry, describe, label
from .results import NewROI
from .runner import (
    ContourRun,
    DoseRun,
    HostEnvironment,
    Invocation,
    invoke,
    make_context,
    run_contour_engine,
    run_dose_engine,
)

_default: list[PluginRegistry] = []
_default_lock = threading.Lock()


def default_registry() -> PluginRegistry:
    """The session's registry (discovered once per process; faults are counted in it)."""
    with _default_lock:
        if not _default:
            _default.append(discover())
        return _default[0]


def reset_default_registry() -> None:
    """Forget the session's registry (the next :func:`default_registry` discovers again)."""
    with _default_lock:
        _default.clear()


def next_roi_number(rois: object) -> int:
    """The next free ROI number after ``rois``."""
    return max((r.number for r in rois), default=0) + 1  # type: ignore[attr-defined]


__all__ = [
    "ACTIVE", "ContourRun", "ContributionState", "DISABLED", "DoseRun", "ENTRY_POINT", "ENTRY_POINT_GROUP",
    "ENV_DISABLE", "ENV_PATH", "FAILED", "FAULT_LIMIT", "HostEnvironment", "InputRefused", "Invocation", "NewROI",
    "PluginError", "PluginFault", "PluginRecord", "PluginRegistry", "PluginUnavailable", "USER_FOLDER",
    "default_registry", "describe", "discover", "invoke", "label", "make_context", "next_roi_number",
    "reset_default_registry", "run_contour_engine", "run_dose_engine", "unique_roi_name", "user_plugin_dirs",
]
