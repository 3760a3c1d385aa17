"""Cursor readout: position (patient mm), HU, dose (Gy and % of prescription), ROIs at the point."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..compute import slicing
from ..render.contours import roi_half_thickness_mm
from ..review.workspace import Workspace
from .session import QtSession


@dataclass(frozen=True)
class Readout:
    position_mm: tuple[float, float, float]
    hu: float | None
    dose: float | None  # in the dose's units (Gy or Gy(RBE))
    dose_unit: str
    dose_percent: float | None
    rois: tuple[str, ...]
    has_image: bool = True

    def text(self) -> str:
        x, y, z = self.position_mm
        lines = [f"x {x:8.1f}  y {y:8.1f}  z {z:8.1f} mm"]
        lines.append("HU    " + (("outside image" if self.has_image else "no image series") if self.hu is None
                                 else f"{self.hu:.0f}"))
        if self.dose is None:
            lines.append("Dose  " + ("-" if not self.dose_unit else "outside dose grid"))
        else:
            pct = "" if self.dose_percent is None else f"  ({self.dose_percent:.1f} % of Rx)"
            lines.append(f"Dose  {self.dose:.3f} {self.dose_unit}{pct}")
        lines.append("ROIs  " + (", ".join(self.rois) if self.rois else "none"))
        return "\n".join(lines)


def readout_at(ws: Workspace, xyz: tuple[float, float, float]) -> Readout:
    """Everything the readout shows at a patient point of the workspace's selection (the dose as
    the DVH engine samples it: trilinear, through the workspace)."""
    s = ws.session
    hu = None
    if s.image is not None:
        hu = slicing.voxel_value_at(s.image.voxels, s.image.grid, xyz)
    dose_val = pct = None
    unit = ""
    if s.dose is not None:
        unit = s.dose.value_unit
        vals, outside = ws.dose_at(s.dose, np.array([xyz], dtype=float))
        if not outside[0]:
            dose_val = float(vals[0])
            rx = s.prescription_gy
            pct = 100.0 * dose_val / rx if rx else None
    names: list[str] = []
    if s.structure_set is not None:
        fallback = s.image.grid.spacing_mm[0] if s.image else 2.5
        for roi in s.structure_set.rois:
            if roi.planes and slicing.roi_contains_point(roi.planes, xyz, roi_half_thickness_mm(roi, fallback)):
                names.append(roi.name)
    return Readout(tuple(float(v) for v in xyz), hu, dose_val, unit, pct, tuple(names),  # type: ignore[arg-type]
                   s.image is not None)


class ReadoutPanel(QWidget):
    """Shows the readout at the probe (mouse) position, else at the crosshair."""

    def __init__(self, qs: QtSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.label = QLabel("—")
        self.label.setObjectName("readout")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(self.label)
        lay.addStretch(1)
        self.current: Readout | None = None
        qs.probe_moved.connect(lambda e: self.show_at(e.position_mm))
        qs.selection_changed.connect(lambda _e: self.show_at(qs.model.probe_mm or qs.model.cursor_mm))

    def show_at(self, xyz: tuple[float, float, float]) -> None:
        self.current = readout_at(self.qs.workspace, xyz)
        self.label.setText(self.current.text())
