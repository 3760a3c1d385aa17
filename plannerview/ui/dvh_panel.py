"""DVH panel (pyqtgraph): one curve per visible ROI in its colour, TPS DVHs dashed and thinner,
with a cursor readout of dose and volume. The legend beside the plot lists every visible ROI
(scrollable), says how much of an ROI lies inside the dose grid when part of it does not, and
explains the TPS curves. The dose axis covers the clinical range (up to three times the
prescription) when the dose maximum is far above it (brachytherapy: hundreds of Gy next to the
source); the whole curve stays one zoom away. DVHs come from the workspace (cached; computed on the thread
pool when missing), so they are the numbers of the goals panel, the comparison window and
``plannerview dvh``."""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ..model.dose import TpsDvh
from ..model.dvh import DVH
from .findings_line import FindingsLine
from .session import QtSession
from .workers import Job, JobRunner

CLINICAL_RANGE_X_RX = 3.0  # the dose axis stops at 3 x the prescription when the maximum is beyond
TPS_STYLE = Qt.PenStyle.DashLine


def coverage_note(dvh: DVH) -> str:
    """'' for an ROI wholly inside the dose grid, else e.g. '3 % of the ROI inside the dose grid'."""
    if dvh.volume_cc <= 0 or dvh.uncovered_cc <= 1e-6 * max(dvh.volume_cc, 1e-9):
        return ""
    pct = 100.0 * dvh.covered_cc / dvh.volume_cc
    return f"{pct:.0f} % of the ROI inside the dose grid" if pct >= 1 else \
        f"{pct:.1f} % of the ROI inside the dose grid"


def _swatch(rgb: tuple[int, int, int], dashed: bool = False) -> QIcon:
    pm = QPixmap(22, 12)
    pm.fill(QColor(0, 0, 0, 0))
    qp = QPainter(pm)
    pen = QPen(QColor(*rgb), 2.5 if not dashed else 1.5)
    if dashed:
        pen.setStyle(TPS_STYLE)
    qp.setPen(pen)
    qp.drawLine(1, 6, 21, 6)
    qp.end()
    return QIcon(pm)


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
        self.legend = QListWidget()  # every visible ROI, scrollable; partial coverage said here
        self.legend.setObjectName("dvh_legend")
        self.legend.setIconSize(QSize(22, 12))
        self.legend.setMaximumWidth(260)
        self.legend.setMinimumWidth(150)
        self.legend.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.legend.setWordWrap(True)
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
        self.findings = FindingsLine(qs)  # preflight errors and warnings of the dose, structures and plan
        lay.addWidget(self.findings)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.plot, 1)
        body.addWidget(self.legend)
        lay.addLayout(body, 1)
        lay.addWidget(self.cursor_label)
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((200, 200, 200), width=1))
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen((200, 200, 200), width=1))
        self.dvhs: list[DVH] = []
        self.curves: dict[int, Any] = {}
        self.tps_items: dict[int, Any] = {}
        self.partial: dict[int, str] = {}  # ROI number -> coverage note, for ROIs partly outside the grid
        self.x_range: tuple[float, float] | None = None  # the dose axis when limited to the clinical range
        self._key: tuple[str, ...] = ("\0",)  # nothing requested yet
        self._case_gen = 0  # counts cases: a late result of the last case never passes for this one's
        self._job: Job | None = None
        for cb in (self.relative_volume, self.percent_dose, self.show_tps):
            cb.toggled.connect(lambda _v: self.redraw())
        qs.selection_changed.connect(lambda _e: self.request())
        qs.case_changed.connect(lambda _e: self._forget())
        self.findings.refresh()
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

    def _forget(self) -> None:
        """A new case: its objects may carry the UIDs of the last one's (a corrected copy, another export)
        yet differ, so the next request computes again."""
        self._key = ("\0",)
        self._case_gen += 1

    def request(self) -> None:
        """Compute DVHs for the selected structures and dose in the background (if they changed)."""
        ss, dose = self._inputs()
        key = (ss.sop_uid if ss else "", dose.sop_uid if dose else "", str(self._case_gen))
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
        self._key = (ss.sop_uid if ss else "", dose.sop_uid if dose else "", str(self._case_gen))
        self._done(self.qs.workspace.dvhs(ss, dose) if ss is not None else [], self._key)

    def _done(self, dvhs: list[DVH], key: tuple[str, ...]) -> None:
        if key != self._key:
            return
        self._job = None
        self.progress.setVisible(False)
        n_partial = sum(1 for d in dvhs if d.covered_cc > 0 and coverage_note(d))
        self.status.setText(f"{sum(1 for d in dvhs if d.covered_cc > 0)} DVHs"
                            + (f"; {n_partial} ROI{'s' if n_partial > 1 else ''} partly outside the dose grid"
                               if n_partial else ""))
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
        self.partial = {}
        self.legend.clear()
        s = self.qs.model
        rel = self.relative_volume.isChecked()
        unit = s.dose.value_unit if s.dose else "Gy"
        self.plot.setLabel("bottom", "Dose", units="% Rx" if self.percent_dose.isChecked() else unit)
        self.plot.setLabel("left", "Volume", units="%" if rel else "cc")
        tps = {t.roi_number: t for t in (s.dose.tps_dvhs if s.dose else ())}
        dmax = 0.0
        for d in self.dvhs:
            if d.roi_number not in s.visible_rois or d.covered_cc <= 0:
                continue
            x, v = d.cumulative()
            y = 100.0 * v / d.covered_cc if rel else v
            pen = pg.mkPen(d.color_rgb, width=2)
            self.curves[d.roi_number] = self.plot.plot(self._x(np.asarray(x)), y, pen=pen)
            dmax = max(dmax, float(d.dmax) if math.isfinite(d.dmax) else 0.0)
            note = coverage_note(d)
            text = d.roi_name
            if note:
                self.partial[d.roi_number] = note
                text += f"  — {note}"
            item = QListWidgetItem(_swatch(d.color_rgb), text)
            if note:
                item.setForeground(QColor(255, 179, 71))
                item.setToolTip(f"{d.roi_name}: {d.covered_cc:.2f} of {d.volume_cc:.2f} cc inside the dose grid; "
                                "the curve and its figures are for that part")
            self.legend.addItem(item)
            t = tps.get(d.roi_number)
            if t is not None and self.show_tps.isChecked() and t.dose_units.upper() == "GY":
                tx, tv = tps_curve(t, d.covered_cc if t.volume_units.upper() == "PERCENT" else None)
                if rel:
                    tv = 100.0 * tv / tv[0] if len(tv) and tv[0] > 0 else tv
                dpen = pg.mkPen(d.color_rgb, width=1.2, style=TPS_STYLE)
                self.tps_items[d.roi_number] = self.plot.plot(self._x(tx), tv, pen=dpen)
        if self.tps_items:
            tps_item = QListWidgetItem(_swatch((220, 220, 220), dashed=True), "dashed, thin: the TPS's own DVH")
            self.legend.addItem(tps_item)
        self._clinical_range(dmax)

    def _clinical_range(self, dmax_gy: float) -> None:
        """Limit the dose axis to the clinical range when the maximum is far beyond the prescription."""
        rx = self.qs.model.reference_dose_gy()
        self.x_range = None
        vb = self.plot.getPlotItem().vb
        if rx and dmax_gy > CLINICAL_RANGE_X_RX * rx and self.curves:
            hi = float(self._x(np.asarray([CLINICAL_RANGE_X_RX * rx]))[0])
            self.x_range = (0.0, hi)
            self.plot.setXRange(0.0, hi, padding=0.02)
            self.status.setToolTip(f"dose axis to {CLINICAL_RANGE_X_RX * 100:.0f} % of the prescription; the "
                                   f"maximum is {dmax_gy:.1f} {self.qs.model.dose.value_unit if self.qs.model.dose else 'Gy'} "
                                   "(zoom out to see it)")
        else:
            vb.enableAutoRange(axis=vb.XAxis)

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
            unit = s.dose.value_unit if s.dose is not None and s.dose.is_gy and d.unit.upper() == "GY" else d.unit
            parts.append(f"{d.roi_name}: V({dose_gy:.2f} {unit}) = {v:.1f}{'%' if rel else ' cc'}, "
                         f"D({y:.1f}{'%' if rel else ' cc'}) = {dd:.2f} {unit}")
        txt = "   ".join(parts)
        self.cursor_label.setText(txt)
        return txt
