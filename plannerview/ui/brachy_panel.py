"""Brachytherapy panel: the source, the channels with their dwell positions and times, and the
GEC-ESTRO figures (D90, D98, D2cc, D0.1cc, V100) per ROI from the DVH panel's DVHs
(``review.brachy``). Shown for brachytherapy plans."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ..model.dvh import DVH
from ..model.plan import Plan
from ..review.brachy import brachy_rows, channel_rows
from .session import QtSession


def _f(v: float | None, nd: int = 2) -> str:
    return "—" if v is None else f"{v:.{nd}f}"


class BrachyPanel(QWidget):
    def __init__(self, qs: QtSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.source = QLabel("")
        self.source.setWordWrap(True)
        self.channels = QTableWidget(0, 4)
        self.channels.setHorizontalHeaderLabels(["Channel", "Applicator", "Dwells", "Time (s)"])
        self.figures = QTableWidget(0, 7)
        self.figures.setHorizontalHeaderLabels(["ROI", "cc", "D90", "D98", "D2cc", "D0.1cc", "V100 %"])
        for t in (self.channels, self.figures):
            t.verticalHeader().setVisible(False)
            t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.source)
        lay.addWidget(self.figures, 1)
        lay.addWidget(self.channels, 1)
        self.dvhs: list[DVH] = []
        qs.selection_changed.connect(lambda _e: self.refresh())
        self.refresh()

    @property
    def plan(self) -> Plan | None:
        p = self.qs.model.plan
        return p if isinstance(p, Plan) and p.kind == "brachy" else None

    def set_dvhs(self, dvhs: list[DVH]) -> None:
        self.dvhs = list(dvhs)
        self.refresh()

    def refresh(self) -> None:
        plan = self.plan
        if plan is None:
            self.source.setText("No brachytherapy plan selected")
            self.channels.setRowCount(0)
            self.figures.setRowCount(0)
            return
        s = self.qs.model
        ak = f", {plan.source_air_kerma_rate:g} U on {plan.source_reference_date}" if plan.source_air_kerma_rate else ""
        rx = s.prescription_gy
        unit = s.dose.value_unit if s.dose is not None else "Gy"
        self.source.setText(f"Source {plan.brachy_source or '?'}{ak}; {len(plan.channels)} channels, "
                            f"total dwell time {plan.total_dwell_time_s:.1f} s; prescription "
                            f"{f'{rx:g} {unit}' if rx else 'none'}. Doses in {unit}.")
        rows = [r for r in channel_rows(plan) if r[2] > 0] + [r for r in channel_rows(plan) if r[2] == 0]
        self.channels.setRowCount(len(rows))
        for i, (num, app, dwells, t) in enumerate(rows):
            for c, v in enumerate((str(num), app, str(dwells), f"{t:.1f}")):
                self.channels.setItem(i, c, QTableWidgetItem(v))
        figs = brachy_rows(self.dvhs, rx)
        self.figures.setRowCount(len(figs))
        for i, r in enumerate(figs):
            name = r.roi + (f" ({r.covered_pct:.0f} % in grid)" if r.covered_pct < 99.9 else "")
            vals = (name, _f(r.volume_cc), _f(r.d90_gy), _f(r.d98_gy), _f(r.d2cc_gy), _f(r.d0_1cc_gy),
                    _f(r.v100_pct, 1))
            for c, v in enumerate(vals):
                self.figures.setItem(i, c, QTableWidgetItem(v))
        self.channels.resizeColumnsToContents()
        self.figures.resizeColumnsToContents()
