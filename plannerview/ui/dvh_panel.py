"""DVH panel (pyqtgraph): one curve per visible ROI in its colour, TPS DVHs dashed, with a
cursor readout of dose and volume. DVHs come from the workspace (cached; computed on the thread
pool when missing), so they are the numbers of the goals panel, the comparison window and
``plannerview dvh``."""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from ..model.dose import TpsDvh
from ..model.dvh import DVH
from .session import QtSession
from .workers import Job, JobRunner


def tps_curve(t: TpsDvh, covered_cc: float | None) -> tuple[np.ndarray, np.ndarray]:
    """(dose Gy, volume cc) of a TPS DVH (PERCENT volumes scaled by the ROI's covered volume)."""
    vol = np.asarray(t.volume, dtype=float)
    if t.volume_units.upper() == "PERCENT" and covered_cc:
        vol = vol * covered_cc / 100.0
    return np.asarray(t.dose_bins_gy, dtype=float), vol


class DvhPanel(QWidget):
    dvhs_ready = Signal(object)  # list[DVH]

    def __init__(self, qs: QtSession, runner: JobRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.runner = runner or JobRunner(self)
        self.plot = pg.PlotWidget()
        self.plot.setBackground("k")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.addLegend(offset=(-10, 10))
        self.relative_volume = QCheckBox("Volume in %")
        self.relative_volume.setChecked(True)
        self.percent_dose = QCheckBox("Dose in % of Rx")
        self.show_tps = QCheckBox("TPS DVH (dashed)")
        self.show_tps.setChecked(True)
        self.status = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(140)
        self.progress.setVisible(False)
        self.cursor_label = QLabel("")
        self.cursor_label.setObjectName("readout")
        row = QHBoxLayout()
        for w in (self.relative_volume, self.percent_dose, self.show_tps, self.progress, self.status):
            row.addWidget(w)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(row)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.cursor_label)
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((200, 200, 200), width=1))
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen((200, 200, 200), width=1))
        self.dvhs: list[DVH] = []
        self.curves: dict[int, Any] = {}
        self.tps_items: dict[int, Any] = {}
        self._key: tuple[str, str] = ("", "")
        self._job: Job | None = None
        for cb in (self.relative_volume, self.percent_dose, self.show_tps):
            cb.toggled.connect(lambda _v: self.redraw())
        qs.selection_changed.connect(lambda _e: self.request())
        qs.roi_visibility_changed.connect(lambda _e: self.redraw())
        self._proxy = pg.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._mouse)

    # --- computing ----------------------------------------------------------------------------------
    def _inputs(self) -> tuple[Any, Any]:
        s = self.qs.model
        ss, dose = s.structure_set, s.dose
        if ss is None or dose is None:
            return None, None
        if ss.frame_of_reference_uid and dose.frame_of_reference_uid and \
                ss.frame_of_reference_uid != dose.frame_of_reference_uid:
            return None, None
        return ss, dose

    def request(self) -> None:
        """Compute DVHs for the selected structures and dose in the background (if they changed)."""
        ss, dose = self._inputs()
        key = (ss.sop_uid if ss else "", dose.sop_uid if dose else "")
        if key == self._key:
            return
        self._key = key
        if self._job is not None:
            self._job.cancel()
        self.dvhs = []
        self.redraw()
        if ss is None:
            self.status.setText("no structures and dose in one frame of reference")
            return
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.status.setText("computing DVHs…")
        job = Job(self.qs.workspace.dvhs, ss, dose)
        self._job = job
        self.runner.start(job, on_done=partial(self._done, key=key), on_failed=self._failed,
                          on_progress=lambda f, _m: self.progress.setValue(int(100 * f)),
                          on_cancelled=lambda: None)

    def compute_now(self) -> None:
        """Compute synchronously (headless screenshots)."""
        ss, dose = self._inputs()
        self._key = (ss.sop_uid if ss else "", dose.sop_uid if dose else "")
        self._done(self.qs.workspace.dvhs(ss, dose) if ss is not None else [], self._key)

    def _done(self, dvhs: list[DVH], key: tuple[str, str]) -> None:
        if key != self._key:
            return
        self._job = None
        self.progress.setVisible(False)
        self.status.setText(f"{sum(1 for d in dvhs if d.covered_cc > 0)} DVHs")
        self.dvhs = list(dvhs)
        self.redraw()
        self.dvhs_ready.emit(self.dvhs)

    def _failed(self, msg: str) -> None:
        self._job = None
        self.progress.setVisible(False)
        self.status.setText("DVH failed: " + msg.splitlines()[0])

    # --- drawing --------------------------------------------------------------------------------------
    def _x(self, dose_gy: np.ndarray) -> np.ndarray:
        rx = self.qs.model.reference_dose_gy()
        return dose_gy * 100.0 / rx if (self.percent_dose.isChecked() and rx) else dose_gy

    def redraw(self) -> None:
        self.plot.clear()
        self.plot.addItem(self.vline, ignoreBounds=True)
        self.plot.addItem(self.hline, ignoreBounds=True)
        self.curves = {}
        self.tps_items = {}
        s = self.qs.model
        rel = self.relative_volume.isChecked()
        unit = s.dose.unit_label if s.dose else "Gy"
        self.plot.setLabel("bottom", "Dose", units="% Rx" if self.percent_dose.isChecked() else unit)
        self.plot.setLabel("left", "Volume", units="%" if rel else "cc")
        tps = {t.roi_number: t for t in (s.dose.tps_dvhs if s.dose else ())}
        for d in self.dvhs:
            if d.roi_number not in s.visible_rois or d.covered_cc <= 0:
                continue
            x, v = d.cumulative()
            y = 100.0 * v / d.covered_cc if rel else v
            pen = pg.mkPen(d.color_rgb, width=2)
            self.curves[d.roi_number] = self.plot.plot(self._x(np.asarray(x)), y, pen=pen, name=d.roi_name)
            t = tps.get(d.roi_number)
            if t is not None and self.show_tps.isChecked() and t.dose_units.upper() == "GY":
                tx, tv = tps_curve(t, d.covered_cc if t.volume_units.upper() == "PERCENT" else None)
                if rel:
                    tv = 100.0 * tv / tv[0] if len(tv) and tv[0] > 0 else tv
                dpen = pg.mkPen(d.color_rgb, width=1.5, style=Qt.PenStyle.DashLine)
                self.tps_items[d.roi_number] = self.plot.plot(self._x(tx), tv, pen=dpen)

    @property
    def visible_curve_rois(self) -> list[int]:
        return sorted(self.curves)

    def _mouse(self, evt: Any) -> None:
        pos = evt[0]
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        mp = self.plot.getPlotItem().vb.mapSceneToView(pos)
        self.show_cursor(mp.x(), mp.y())

    def show_cursor(self, x: float, y: float) -> str:
        """Readout at plot coordinates: V at the dose x, D at the volume y, per visible ROI."""
        self.vline.setPos(x)
        self.hline.setPos(y)
        s = self.qs.model
        rx = s.reference_dose_gy()
        pct = self.percent_dose.isChecked() and rx
        dose_gy = x * rx / 100.0 if pct and rx else x
        rel = self.relative_volume.isChecked()
        parts = []
        for d in self.dvhs:
            if d.roi_number not in self.curves:
                continue
            v = d.volume_percent_at_dose(dose_gy) if rel else d.volume_at_dose(dose_gy)
            dd = d.dose_at_percent(y) if rel else d.dose_at_volume(y)
            if not math.isfinite(dd):
                continue
            parts.append(f"{d.roi_name}: V({dose_gy:.2f} {d.unit}) = {v:.1f}{'%' if rel else ' cc'}, "
                         f"D({y:.1f}{'%' if rel else ' cc'}) = {dd:.2f} {d.unit}")
        txt = "   ".join(parts)
        self.cursor_label.setText(txt)
        return txt
