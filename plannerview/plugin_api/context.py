"""The context a plugin's code runs in: read-only data, progress and cancel, settings, a logger,
and a way to propose new objects (ROIs, doses, annotations) that the host records with provenance.

Proposals never overwrite source objects: the host turns them into new objects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from ..model import Case, DoseGrid
from ..tasks import Cancelled
from .contracts import ContourResult

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]




@dataclass(frozen=True)
class Annotation:
    """A note a plugin attaches to the case (optionally at a patient position, mm)."""

    text: str
    position_mm: tuple[float, float, float] | None = None
    object_uid: str = ""


@dataclass
class Proposals:
    """What a plugin run proposed, in order."""

    rois: list[ContourResult] = field(default_factory=list)
    doses: list[DoseGrid] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)


class PluginContext:
    """Given to every plugin call by the host; plugins never build one themselves."""

    def __init__(self, plugin: str, case: Case | None = None, settings: Mapping[str, Any] | None = None,
                 progress: Progress | None = None, cancel: Cancel | None = None,
                 logger: logging.Logger | None = None) -> None:
        self.plugin = plugin
        self._case = case if case is not None else Case()
        self._settings: Mapping[str, Any] = MappingProxyType(dict(settings or {}))
        self._progress = progress
        self._cancel = cancel
        self.logger = logger or logging.getLogger(f"plannerview.plugins.{plugin}")
        self.proposals = Proposals()

    @property
    def case(self) -> Case:
        """The case, read-only (model objects are immutable; arrays are not writeable)."""
        return self._case

    @property
    def settings(self) -> Mapping[str, Any]:
        return self._settings

    def progress(self, fraction: float, message: str = "") -> None:
        if self._progress is not None:
            self._progress(min(1.0, max(0.0, float(fraction))), message)

    def cancelled(self) -> bool:
        return bool(self._cancel is not None and self._cancel())

    def check_cancel(self) -> None:
        """Raise :class:`Cancelled` when the user asked to stop (call it between steps)."""
        if self.cancelled():
            raise Cancelled(f"{self.plugin}: cancelled")

    # --- proposing results ---------------------------------------------------------------------
    def add_roi(self, result: ContourResult) -> None:
        if not isinstance(result, ContourResult):
            raise TypeError(f"add_roi expects a ContourResult, got {type(result).__name__}")
        self.proposals.rois.append(result)

    def add_dose(self, dose: DoseGrid) -> None:
        if not isinstance(dose, DoseGrid):
            raise TypeError(f"add_dose expects a DoseGrid, got {type(dose).__name__}")
        self.proposals.doses.append(dose)

    def add_annotation(self, text: str, position_mm: tuple[float, float, float] | None = None,
                       object_uid: str = "") -> None:
        pos = None if position_mm is None else tuple(float(v) for v in np.asarray(position_mm).ravel()[:3])
        self.proposals.annotations.append(Annotation(str(text), pos, object_uid))  # type: ignore[arg-type]
