"""GUI settings: JSON in the user config folder from platformdirs.

``Settings.load()`` gives the user's settings, bound to their file: ``save()`` writes them back.
``Settings()`` is an in-memory scope (defaults, never written): the ``screenshot`` command and
tests use it, so rendering a picture never changes what the user's workstation remembers.
``PLANNERVIEW_CONFIG_DIR`` overrides the folder (tests and benchmarks use a temporary one).

Personal data: the recent-cases list holds full paths (often a patient's name or record number).
It is kept only while ``remember_recent`` is on (the default; File > Remember recent cases turns it
off and empties it), File > Clear recent empties it, and :func:`forget_recent` removes one case. A
case shared for consult (``review.privacy``: recorded by the plugin host) is never added and is
dropped when the settings are loaded and when the share happens in the workstation. ``reviewer_name`` is the name recorded as the user
of everything computed ("" = the operating-system login, "-" = record no user; the
``PLANNERVIEW_USER`` environment variable takes precedence, see ``model.provenance.current_user``).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from ..review.privacy import is_shared
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
    remember_recent: bool = True  # keep the recent-cases list (full paths) in the settings file
    reviewer_name: str = ""  # "" = the login name, "-" = record no user
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
            st = cls(**known, path=path)
        except TypeError:
            return cls(path=path)
        if isinstance(st.recent, list):  # cases shared for consult since are forgotten on start
            st.recent = [r for r in st.recent if isinstance(r, str) and not is_shared(r)]
        return st

    @property
    def persistent(self) -> bool:
        return self.path is not None

    def save(self) -> None:
        """Write to the bound file; an in-memory scope writes nothing."""
        if not self.remember_recent:
            self.recent = []
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
        """Remember a case opened (only while ``remember_recent`` is on, never a case shared for consult)."""
        if not self.remember_recent or is_shared(path):
            return
        p = str(Path(path).resolve())
        self.recent = [p, *[r for r in self.recent if r != p]][:MAX_RECENT]

    def clear_recent(self) -> None:
        self.recent = []

    def forget(self, path: str) -> None:
        """Remove a case (and anything below it) from the recent list."""
        p = Path(path).resolve()
        self.recent = [r for r in self.recent if not (Path(r) == p or p in Path(r).parents)]

    def set_remember_recent(self, on: bool) -> None:
        self.remember_recent = on
        if not on:
            self.recent = []


def forget_recent(path: str) -> None:
    """Remove a case from the saved recent list now (e.g. when it is shared for consult)."""
    st = Settings.load()
    st.forget(path)
    st.save()
