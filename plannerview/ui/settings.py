"""GUI settings: JSON in the user config folder from platformdirs.

``Settings.load()`` gives the user's settings, bound to their file: ``save()`` writes them back.
``Settings()`` is an in-memory scope (defaults, never written): the ``screenshot`` command and
tests use it, so rendering a picture never changes what the user's workstation remembers.
``PLANNERVIEW_CONFIG_DIR`` overrides the folder (tests and benchmarks use a temporary one).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from ..review.session import DEFAULT_ISODOSE_PERCENT, WINDOW_PRESETS

MAX_RECENT = 10


def config_dir() -> Path:
    env = os.environ.get("PLANNERVIEW_CONFIG_DIR")
    return Path(env) if env else Path(user_config_dir("plannerview", appauthor=False))


@dataclass
class Settings:
    recent: list[str] = field(default_factory=list)
    theme: str = "dark"
    window_geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    presets: dict[str, list[float]] = field(default_factory=lambda: {k: list(v) for k, v in WINDOW_PRESETS.items()})
    isodose_levels: list[float] = field(default_factory=lambda: list(DEFAULT_ISODOSE_PERCENT))
    isodose_unit: str = "%"
    wash_opacity: float = 0.45
    # the protocol the user chose last, per kind of plan (review.protocol_choice.history_key)
    protocol_history: dict[str, str] = field(default_factory=dict)
    # ROI maps the user made by picking a goal's target, per structure set (SOP Instance UID)
    roi_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    # where save() writes; None (the default): an in-memory scope that is never written
    path: Path | None = field(default=None, compare=False, repr=False)

    @classmethod
    def load(cls) -> Settings:
        """The user's settings, bound to their file (defaults when it is missing or unreadable)."""
        path = config_dir() / "settings.json"
        try:
            data: dict[str, Any] = json.loads(path.read_text())
        except (OSError, ValueError):
            return cls(path=path)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "path"}
        try:
            return cls(**known, path=path)
        except TypeError:
            return cls(path=path)

    @property
    def persistent(self) -> bool:
        return self.path is not None

    def save(self) -> None:
        """Write to the bound file; an in-memory scope writes nothing."""
        if self.path is None:
            return
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps(data, indent=2))
            tmp.replace(self.path)
        except OSError:
            pass  # settings are a convenience; never fail the app over them

    def add_recent(self, path: str) -> None:
        p = str(Path(path).resolve())
        self.recent = [p, *[r for r in self.recent if r != p]][:MAX_RECENT]
