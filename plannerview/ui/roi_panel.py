"""ROI list: visibility checkboxes in each ROI's colour, show/hide all, filled or outlined,
and each ROI's volume (from its contours) and dose statistics (from the DVHs once computed)."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..compute.contours import roi_volume_cc
from ..model.dvh import DVH
from .session import QtSession

COLUMNS = ["ROI", "Type", "Volume (cc)", "Dmin", "Dmean", "Dmax"]


def color_icon(rgb: tuple[int, int, int]) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(QColor(*rgb))
    return QIcon(pm)


class RoiPanel(QWidget):
    def __init__(self, qs: QtSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.show_all_btn = QPushButton("Show all")
        self.hide_all_btn = QPushButton("Hide all")
        self.filled_box = QCheckBox("Filled")
        row = QHBoxLayout()
        for w in (self.show_all_btn, self.hide_all_btn, self.filled_box):
            row.addWidget(w)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(row)
        lay.addWidget(self.table)
        self.show_all_btn.clicked.connect(lambda: qs.model.show_all_rois(True))
        self.hide_all_btn.clicked.connect(lambda: qs.model.show_all_rois(False))
        self.filled_box.toggled.connect(qs.model.set_contours_filled)
        self.table.itemChanged.connect(self._item_changed)
        qs.selection_changed.connect(lambda _e: self.populate())
        # a new case: its structure set may carry the last one's UID (a corrected copy) yet differ
        qs.case_changed.connect(lambda _e: setattr(self, "_ss_uid", "\0"))
        qs.roi_visibility_changed.connect(lambda e: self._sync_checks(e.visible))
        self.rows: dict[int, int] = {}  # ROI number -> row
        self._ss_uid = ""
        self._updating = False

    def populate(self) -> None:
        ss = self.qs.model.structure_set
        uid = ss.sop_uid if ss else ""
        if uid == self._ss_uid:
            return
        self._ss_uid = uid
        self._updating = True
        self.table.setRowCount(0)
        self.rows = {}
        if ss is not None:
            for roi in ss.rois:
                r = self.table.rowCount()
                self.table.insertRow(r)
                name = QTableWidgetItem(color_icon(roi.color_rgb), roi.name)
                name.setData(Qt.ItemDataRole.UserRole, roi.number)
                if roi.planes:
                    name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    name.setCheckState(Qt.CheckState.Checked if roi.number in self.qs.model.visible_rois
                                       else Qt.CheckState.Unchecked)
                else:
                    name.setToolTip("no closed contours (point, open or empty ROI)")
                self.table.setItem(r, 0, name)
                self.table.setItem(r, 1, QTableWidgetItem(roi.interpreted_type))
                vol = roi_volume_cc(roi) if roi.planes else None
                self.table.setItem(r, 2, QTableWidgetItem("" if vol is None else f"{vol:.2f}"))
                for c in (3, 4, 5):
                    self.table.setItem(r, c, QTableWidgetItem(""))
                self.rows[roi.number] = r
        self.table.resizeColumnsToContents()
        self._updating = False

    def set_dvhs(self, dvhs: list[DVH]) -> None:
        """Fill the dose columns from computed DVHs."""
        self._updating = True
        dose = self.qs.model.dose
        for d in dvhs:
            r = self.rows.get(d.roi_number)
            if r is None:
                continue
            # the dose's own words: Gy(RBE) for an EFFECTIVE dose, Gy/fx for a per-fraction one
            unit = dose.value_unit if dose is not None and d.unit.upper() == "GY" and dose.is_gy else d.unit
            for c, v in ((3, d.dmin), (4, d.dmean), (5, d.dmax)):
                item = self.table.item(r, c)
                if item is not None:
                    item.setText("" if v is None or math.isnan(v) else f"{v:.2f} {unit}")
        self.table.resizeColumnsToContents()
        self._updating = False

    def _item_changed(self, item: Any) -> None:
        if self._updating or item.column() != 0:
            return
        n = item.data(Qt.ItemDataRole.UserRole)
        if n is not None:
            self.qs.model.set_roi_visible(int(n), item.checkState() == Qt.CheckState.Checked)

    def _sync_checks(self, visible: frozenset[int]) -> None:
        self._updating = True
        for n, r in self.rows.items():
            it = self.table.item(r, 0)
            if it is not None and it.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                it.setCheckState(Qt.CheckState.Checked if n in visible else Qt.CheckState.Unchecked)
        self._updating = False

    def set_checked(self, roi_number: int, visible: bool) -> None:
        """Tick or untick an ROI as a user would (drives the same signal path)."""
        it = self.table.item(self.rows[roi_number], 0)
        assert it is not None
        it.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
