"""Comparison mode: dose A and dose B side by side with linked cursors, the difference map
(diverging colours, symmetric around 0 Gy), the gamma map, the DVH overlay (A solid, B dashed,
same colours) and tables of DVH metrics and clinical goals for A, B and A - B.

The numbers come from the workspace (``Workspace.comparison``, the core ``plannerview compare``
prints; DVHs and goal reports shared with the main window's panels); it runs on the thread pool
with progress and cancel. Doses added to the workspace (sums, plugin doses) can be picked as A or
B. Each of the
four views has its own review session (same image and structures, its own dose); their cursors,
window/level and visible ROIs are linked (setters emit only on a real change, and a guard stops
the echo).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..io.protocols import list_protocols
from ..model.dose import DoseGrid
from ..model.events import ObjectAdded
from ..review import session as rs
from ..review.comparison import Comparison, GammaCriteria, dose_label
from ..review.in_use import findings_in_use
from ..review.results import D_PERCENTS, DvhMetrics, MetricsDiff
from ..review.workspace import Workspace
from .findings_line import FindingsLine
from .goals_panel import STATUS_COLORS
from .i18n import QT_TRANSLATE_NOOP, localized, num
from .plot_axes import locale_axes
from .session import QtSession
from .slice_view import SliceView
from .terms import VERDICTS, VIEWS, term
from .workers import Job, JobRunner

translate = QCoreApplication.translate
PANES = ("a", "b", "diff", "gamma")
NO_PROTOCOL = "(no protocol)"  # the item's data; its text is translated
Metrics = DvhMetrics | MetricsDiff


def _d_percent(p: int) -> Callable[[Metrics], float | None]:
    return lambda m: m.d_percent_gy.get(p)


#: (label, value of the typed metrics) rows of the metrics table, per ROI
METRIC_ROWS: tuple[tuple[str, Callable[[Metrics], float | None]], ...] = (
    ("Dmean", lambda m: m.dmean_gy), ("Dmax", lambda m: m.dmax_gy), ("Dmin", lambda m: m.dmin_gy),
    *((f"D{p}%", _d_percent(p)) for p in D_PERCENTS))
METRIC_COLUMNS = [QT_TRANSLATE_NOOP("CompareWindow", "ROI"), QT_TRANSLATE_NOOP("CompareWindow", "Metric"),
                  "A", "B", "A − B"]
GOAL_COLUMNS = [QT_TRANSLATE_NOOP("CompareWindow", "ROI"), QT_TRANSLATE_NOOP("CompareWindow", "Metric"),
                QT_TRANSLATE_NOOP("CompareWindow", "Limit"), "A", QT_TRANSLATE_NOOP("CompareWindow", "A status"), "B",
                QT_TRANSLATE_NOOP("CompareWindow", "B status"), "A − B"]


def signed(v: float, digits: int = 2) -> str:
    """``v`` with its sign and ``digits`` decimals; a value that rounds to zero shows as +0.00, never -0.00."""
    txt = f"{v:+.{digits}f}"
    return "+" + txt[1:] if txt.startswith("-") and float(txt) == 0.0 else txt


def signed_num(v: float, digits: int = 2) -> str:
    """:func:`signed` with the GUI language's decimal separator."""
    return localized(signed(v, digits))


def nice_ceil(x: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n at least ``x`` (a colour bar's end)."""
    if x <= 0 or not np.isfinite(x):
        return 1.0
    e = 10.0 ** np.floor(np.log10(x))
    return float(next(m * e for m in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0) if m * e >= x - 1e-12))


class CompareWindow(QWidget):
    """Two doses of one case compared (opened by the main window's "Compare plans…")."""

    comparison_ready = Signal(object)  # Comparison
    comparison_failed = Signal(str)
    _dose_added = Signal(object)  # ObjectAdded from the workspace (any thread), handled on the GUI thread

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *, runner: JobRunner | None = None,
                 view: str = "axial", autostart: bool = True) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(self.tr("plannerview — compare plans (not a medical device)"))
        self.ws = workspace
        self.case = workspace.case
        session = workspace.session
        self.main_session = session  # told of each finished comparison (ComparisonChanged)
        self.doses: list[DoseGrid] = list(self.case.doses)
        self.runner = runner or JobRunner(self)
        self.comparison: Comparison | None = None
        self._job: Job | None = None
        self._mute = False  # set while one session's change is copied to the others
        self.sessions = {k: QtSession(parent=self) for k in PANES}
        self._build_controls()
        self._build_body(view)
        self._link_sessions()
        ia, ib = default_pair(self.doses, session.dose if session is not None else None)
        self.combo_a.setCurrentIndex(ia)
        self.combo_b.setCurrentIndex(ib)
        self._show_inputs()
        self.combo_a.currentIndexChanged.connect(lambda _i: self._show_inputs())
        self.combo_b.currentIndexChanged.connect(lambda _i: self._show_inputs())
        self._dose_added.connect(self._object_added)
        self._unsubscribe = workspace.subscribe(ObjectAdded, self._dose_added.emit)
        if autostart and len(self.doses) > 1:
            da, db = self.dose_a, self.dose_b
            if da is not None and db is not None and not same_kind(da, db):
                # never compare Gy with Gy(RBE) unasked: say what differs and wait for the user
                self.status.setText(self.tr("A is {unit_a} ({summation_a}), B is {unit_b} ({summation_b}): tick "
                                            "'Allow mixed dose types' and press Compare").format(
                    unit_a=da.unit_label, summation_a=da.summation_type, unit_b=db.unit_label,
                    summation_b=db.summation_type))
            else:
                self.start()

    # --- construction ------------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.combo_a, self.combo_b = QComboBox(), QComboBox()
        for combo in (self.combo_a, self.combo_b):
            for d in self.doses:
                combo.addItem(self._dose_text(d), d.sop_uid)
            combo.setMinimumContentsLength(24)
        self.protocol = QComboBox()
        self.protocol.addItem(self.tr("(no protocol)"), NO_PROTOCOL)
        for name in list_protocols():
            self.protocol.addItem(name, name)
        self.mixed = QCheckBox(self.tr("Allow mixed dose types"))
        self.mixed.setToolTip(self.tr("Compare Gy with Gy(RBE), or doses of different summation types"))
        self.dd_pct = QDoubleSpinBox()
        self.dd_pct.setRange(0.5, 20.0)
        self.dd_pct.setValue(3.0)
        self.dd_pct.setSuffix(" %")
        self.dta_mm = QDoubleSpinBox()
        self.dta_mm.setRange(0.5, 20.0)
        self.dta_mm.setValue(3.0)
        self.dta_mm.setSuffix(" mm")
        self.cutoff_pct = QDoubleSpinBox()
        self.cutoff_pct.setRange(0.0, 90.0)
        self.cutoff_pct.setValue(10.0)
        self.cutoff_pct.setPrefix(self.tr("cut-off") + " ")
        self.cutoff_pct.setSuffix(" %")
        self.cutoff_pct.setToolTip(self.tr("low-dose cut-off, % of A's maximum (voxels below it are not evaluated)"))
        self.local = QCheckBox(self.tr("local"))
        self.local.setToolTip(self.tr("local gamma: the dose criterion is % of the reference dose at each voxel"))
        self.local_norm = QComboBox()  # the item data is the normalisation's key
        self.local_norm.addItem(self.tr("reference"), "reference")
        self.local_norm.addItem(self.tr("evaluated"), "evaluated")
        self.local_norm.setToolTip(self.tr("local gamma normalised on the reference dose at each voxel (default), or "
                                           "on the evaluated dose at each searched point"))
        self.local_norm.setEnabled(False)
        self.local.toggled.connect(self.local_norm.setEnabled)
        self.view_combo = QComboBox()  # the item data is the view's key
        for v in ("axial", "sagittal", "coronal"):
            self.view_combo.addItem(term(VIEWS, v), v)
        self.compare_btn = QPushButton(self.tr("Compare"))
        self.cancel_btn = QPushButton(self.tr("Cancel"))
        self.cancel_btn.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.compare_btn.clicked.connect(self.start)
        self.cancel_btn.clicked.connect(self.cancel)
        self.protocol.currentTextChanged.connect(lambda _t: self.start() if self.comparison is not None else None)
        self.view_combo.currentIndexChanged.connect(lambda _i: self.set_view(str(self.view_combo.currentData())))

    def _dose_text(self, d: DoseGrid) -> str:
        src = Path(d.file).name if d.file else (self.tr("derived") if self.ws.is_derived(d.sop_uid)
                                                else self.tr("in memory"))
        return f"{dose_label(self.case, d)} · {d.unit_label} · {src}"

    def _object_added(self, event: ObjectAdded) -> None:
        """A dose added to the workspace (a sum, a plugin's dose) becomes a choice for A and B."""
        d = event.obj
        if not isinstance(d, DoseGrid) or any(x is d for x in self.doses):
            return
        self.case = self.ws.case
        self.doses.append(d)
        for combo in (self.combo_a, self.combo_b):
            combo.addItem(self._dose_text(d), d.sop_uid)

    def _build_body(self, view: str) -> None:
        # two rows (what is compared; how), so the window fits 1280 px in every language
        choose, how = QHBoxLayout(), QHBoxLayout()
        for label, w in (("A", self.combo_a), ("B", self.combo_b), (self.tr("Protocol"), self.protocol)):
            choose.addWidget(QLabel(label))
            choose.addWidget(w, 1 if w is not self.protocol else 0)
        choose.addWidget(self.mixed)
        how.addWidget(QLabel(self.tr("Gamma")))
        for setting in (self.dd_pct, self.dta_mm, self.cutoff_pct, self.local, self.local_norm, self.view_combo):
            how.addWidget(setting)
        how.addStretch(1)
        how.addWidget(self.compare_btn)
        how.addWidget(self.cancel_btn)
        top = QVBoxLayout()
        top.setSpacing(2)
        top.addLayout(choose)
        top.addLayout(how)
        self.titles = {k: QLabel("") for k in PANES}
        for t in self.titles.values():
            t.setObjectName("compare_title")
        self.view_grid = QGridLayout()
        self.view_grid.setSpacing(2)
        self.views: dict[str, SliceView] = {}
        for n, k in enumerate(PANES):
            self.view_grid.addWidget(self.titles[k], 2 * (n // 2), n % 2)
        for i in (1, 3):
            self.view_grid.setRowStretch(i, 1)
        self.view_name = view
        self._make_views(view)
        views_box = QWidget()
        views_box.setLayout(self.view_grid)
        self.dvh_plot = pg.PlotWidget(axisItems=locale_axes())
        self.dvh_plot.setBackground("k")
        self.dvh_plot.showGrid(x=True, y=True, alpha=0.25)
        self.dvh_plot.setLabel("left", self.tr("Volume"), units="%")
        self.dvh_plot.setLabel("bottom", self.tr("Dose"), units="Gy")
        self.dvh_plot.addLegend(offset=(-10, 10))
        self.dvh_curves: dict[int, tuple[Any, Any]] = {}
        self.metrics_table = self._table(METRIC_COLUMNS)
        self.goals_table = self._table(GOAL_COLUMNS)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.dvh_plot, self.tr("DVH (A solid, B dashed)"))
        self.tabs.addTab(self.metrics_table, self.tr("Metrics"))
        self.tabs.addTab(self.goals_table, self.tr("Goals"))
        self.readout = QLabel("")
        self.readout.setObjectName("readout")
        self.readout.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.tabs, 1)
        rl.addWidget(self.readout)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(views_box)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        self.findings = FindingsLine(None)  # preflight errors and warnings of A, B and the structures
        lay.addWidget(self.findings)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)

    @staticmethod
    def _table(columns: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(columns))
        t.setHorizontalHeaderLabels([translate("CompareWindow", c) for c in columns])
        t.verticalHeader().setVisible(False)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return t

    def _make_views(self, view: str) -> None:
        for old in self.views.values():
            self.view_grid.removeWidget(old)
            old.setParent(None)
            old.deleteLater()
        self.views = {k: SliceView(self.sessions[k], view) for k in PANES}
        for n, k in enumerate(PANES):
            self.view_grid.addWidget(self.views[k], 2 * (n // 2) + 1, n % 2)
        self._style_map_views()

    def set_view(self, view: str) -> None:
        """Show all four panes in one orientation: 'axial', 'sagittal' or 'coronal'."""
        if view == self.view_name:
            return
        self.view_name = view
        if self.view_combo.currentData() != view:
            self.view_combo.setCurrentIndex(self.view_combo.findData(view))
        self._make_views(view)

    # --- linked sessions ------------------------------------------------------------------------------
    def _link_sessions(self) -> None:
        copies: list[tuple[type[rs.Event], Callable[[rs.ReviewSession, Any], None]]] = [
            (rs.CursorMoved, lambda m, e: m.set_cursor(e.position_mm)),
            (rs.WindowLevelChanged, lambda m, e: m.set_window_level(e.window, e.level)),
            (rs.RoiVisibilityChanged, lambda m, e: m.set_visible_rois(e.visible)),
            (rs.ContourStyleChanged, lambda m, e: m.set_contours_filled(e.filled)),
        ]
        for key, qs in self.sessions.items():
            for etype, apply in copies:
                qs.model.subscribe(etype, partial(self._propagate_event, key, apply))
        self.sessions["a"].cursor_moved.connect(lambda _e: self.update_readout())
        self.sessions["a"].roi_visibility_changed.connect(lambda _e: self.redraw_dvh())

    def _propagate_event(self, source: str, apply: Callable[[rs.ReviewSession, Any], None], event: Any) -> None:
        self._propagate(source, event, apply)

    def _propagate(self, source: str, event: Any, apply: Callable[[rs.ReviewSession, Any], None]) -> None:
        if self._mute:
            return
        self._mute = True
        try:
            for key, qs in self.sessions.items():
                if key != source and qs.model.case is not None:
                    apply(qs.model, event)
        finally:
            self._mute = False

    def _load(self, key: str, dose: DoseGrid | None) -> None:
        """Show ``dose`` in one pane with A's image and structures, then align it with pane A."""
        m = self.sessions[key].model
        ref = self.sessions["a"].model
        self._mute = True
        try:
            if m.case is not self.case:
                m.set_case(self.case)
            ss = self.case.structures_for(self.dose_a) if self.dose_a is not None else None
            img = self.case.image_for_frame(self.dose_a.frame_of_reference_uid) if self.dose_a is not None else None
            m.select(dose=dose, structure_set=ss or m.structure_set, image=img or m.image)
            if key != "a" and ref.case is not None:
                m.set_cursor(ref.cursor_mm)
                m.set_window_level(ref.window, ref.level)
                m.set_visible_rois(ref.visible_rois)
                m.set_contours_filled(ref.contours_filled)
        finally:
            self._mute = False
        if key in ("diff", "gamma"):
            m.set_dose_display(show_isodoses=False, show_wash=True)

    @property
    def dose_a(self) -> DoseGrid | None:
        i = self.combo_a.currentIndex()
        return self.doses[i] if 0 <= i < len(self.doses) else None

    @property
    def dose_b(self) -> DoseGrid | None:
        i = self.combo_b.currentIndex()
        return self.doses[i] if 0 <= i < len(self.doses) else None

    def select_doses(self, dose_a: DoseGrid, dose_b: DoseGrid) -> None:
        """Choose A and B (as the combo boxes do)."""
        self.combo_a.setCurrentIndex(self.doses.index(dose_a))
        self.combo_b.setCurrentIndex(self.doses.index(dose_b))

    def _show_inputs(self) -> None:
        if self.dose_a is None or self.dose_b is None:
            return
        self._load("a", self.dose_a)
        self._load("b", self.dose_b)
        self.titles["a"].setText(f"A: {dose_label(self.case, self.dose_a)} ({self.dose_a.unit_label})")
        self.titles["b"].setText(f"B: {dose_label(self.case, self.dose_b)} ({self.dose_b.unit_label})")
        self.findings.show_findings(findings_in_use(self.ws.case, self.dose_a, self.dose_b))
        if self.comparison is not None and (self.comparison.dose_a is not self.dose_a
                                            or self.comparison.dose_b is not self.dose_b):
            self.status.setText(self.tr("A or B changed: press Compare"))

    # --- computing ------------------------------------------------------------------------------------
    def criteria(self) -> GammaCriteria:
        return GammaCriteria(dd_pct=self.dd_pct.value(), dta_mm=self.dta_mm.value(),
                             cutoff_pct=self.cutoff_pct.value(), local=self.local.isChecked(),
                             local_norm=str(self.local_norm.currentData()))

    def start(self) -> Job | None:
        """Compare the chosen doses on the thread pool (a running comparison is cancelled)."""
        da, db = self.dose_a, self.dose_b
        if da is None or db is None:
            self.status.setText(self.tr("choose two doses"))
            return None
        if self._job is not None:
            self._job.cancel()
        protocol = str(self.protocol.currentData() or self.protocol.currentText())
        job = Job(self.ws.comparison, da, db, self.criteria(), None if protocol == NO_PROTOCOL else protocol,
                  allow_mixed_types=self.mixed.isChecked())
        self._job = job
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_btn.setEnabled(True)
        self.status.setText(self.tr("comparing…"))
        self.runner.start(job, on_done=partial(self._done, job=job), on_failed=partial(self._failed, job=job),
                          on_progress=partial(self._progress, job=job),
                          on_cancelled=partial(self._cancelled, job))
        return job

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _progress(self, fraction: float, message: str, job: Job) -> None:
        if job is self._job:
            self.progress.setValue(int(100 * fraction))
            self.status.setText(message)

    def _end(self, job: Job) -> bool:
        if job is not self._job:
            return False
        self._job = None
        self.progress.setVisible(False)
        self.cancel_btn.setEnabled(False)
        return True

    def _failed(self, msg: str, job: Job) -> None:
        if self._end(job):
            first = msg.splitlines()[0]
            hint = self.tr(" — tick 'Allow mixed dose types' to compare anyway") if "allow_mixed_types" in first else ""
            self.status.setText(self.tr("comparison failed: {error}").format(error=first) + hint)
            self.comparison_failed.emit(first)

    def _cancelled(self, job: Job) -> None:
        if self._end(job):
            self.status.setText(self.tr("comparison cancelled"))

    def _done(self, result: Comparison, job: Job) -> None:
        if not self._end(job):
            return
        self.set_comparison(result)

    def set_comparison(self, cmp: Comparison) -> None:
        """Show a finished comparison in every pane, the DVH overlay and the tables."""
        self.comparison = cmp
        self.findings.show_findings(findings_in_use(self.ws.case, cmp.dose_a, cmp.dose_b, cmp.structure_set))
        self._load("diff", cmp.difference_in_dose())
        self._load("gamma", cmp.gamma_map)
        self._style_map_views()
        st, g = cmp.difference_stats, cmp.gamma
        unit = cmp.dose_a.unit_label
        self.titles["diff"].setText(f"A − B ({unit}): " + self.tr("mean {mean}, range {low} … {high}").format(
            mean=signed_num(st.mean_gy), low=signed_num(st.min_gy), high=signed_num(st.max_gy)))
        kind = self.tr("local") if g.criteria.get("local") else self.tr("global")
        self.titles["gamma"].setText(self.tr("Gamma {dd} %/{dta} mm {kind}, cut-off {cutoff} %: pass {rate} % of "
                                             "{voxels} voxels").format(
            dd=num(g.criteria["dd_pct"], "g"), dta=num(g.criteria["dta_mm"], "g"), kind=kind,
            cutoff=num(g.criteria["cutoff_pct"], "g"), rate=num(g.pass_rate_pct, ".1f"), voxels=g.evaluated_voxels))
        self.redraw_dvh()
        self._fill_metrics()
        self._fill_goals()
        self.update_readout()
        self.status.setText(self.tr("{a} vs {b}: gamma pass {rate} %, max |A − B| {max} {unit}").format(
            a=cmp.label_a, b=cmp.label_b, rate=num(g.pass_rate_pct, ".1f"),
            max=num(max(abs(st.min_gy), abs(st.max_gy)), ".2f"), unit=unit))
        if self.main_session is not None:
            self.main_session.set_comparison(cmp.dose_a, cmp.dose_b)
        self.comparison_ready.emit(cmp)

    def _style_map_views(self) -> None:
        cmp = self.comparison
        if cmp is None or not self.views:
            return
        limit = nice_ceil(cmp.max_abs_difference_gy())
        unit = cmp.dose_a.unit_label
        self.views["diff"].set_colormap("diverging", (-limit, limit), f"A − B ({unit})")
        self.views["gamma"].set_colormap("gamma", (0.0, float(cmp.gamma.criteria.get("max_gamma", 2.0))),
                                         self.tr("gamma"))

    # --- DVH overlay and tables ----------------------------------------------------------------------------
    def redraw_dvh(self) -> None:
        """A's DVHs solid, B's dashed, in each visible ROI's colour (volume in % of the ROI)."""
        self.dvh_plot.clear()
        self.dvh_curves = {}
        cmp = self.comparison
        if cmp is None:
            return
        self.dvh_plot.setLabel("bottom", self.tr("Dose"), units=cmp.dose_a.unit_label)
        visible = self.sessions["a"].model.visible_rois
        for ha, hb in zip(cmp.dvhs_a, cmp.dvhs_b, strict=True):
            if ha.roi_number not in visible or ha.covered_cc <= 0:
                continue
            items = []
            for h, style in ((ha, Qt.PenStyle.SolidLine), (hb, Qt.PenStyle.DashLine)):
                x, v = h.cumulative()
                y = 100.0 * np.asarray(v) / h.covered_cc if h.covered_cc > 0 else np.zeros(len(v))
                items.append(self.dvh_plot.plot(np.asarray(x), y, pen=pg.mkPen(ha.color_rgb, width=2, style=style),
                                                name=h.roi_name if h is ha else None))
            self.dvh_curves[ha.roi_number] = (items[0], items[1])

    def _fill_metrics(self) -> None:
        cmp = self.comparison
        rows = cmp.structures if cmp is not None else []
        t = self.metrics_table
        t.setRowCount(len(rows) * len(METRIC_ROWS))
        r = 0
        for row in rows:
            for label, value_of in METRIC_ROWS:
                vals = [value_of(row.a), value_of(row.b), value_of(row.diff)]
                cells: list[tuple[str, float | None]] = [(row.name, None), (label, None)]
                cells += [("—" if v is None else (signed_num(v) if n == 2 else num(v, ".2f")), v)
                          for n, v in enumerate(vals)]
                for c, (text, value) in enumerate(cells):
                    it = QTableWidgetItem(text)
                    if value is not None:
                        it.setData(Qt.ItemDataRole.UserRole, value)
                    if c == 0 and row.color_rgb:
                        it.setForeground(QColor(*row.color_rgb))
                    t.setItem(r, c, it)
                r += 1
        unit = cmp.dose_a.unit_label if cmp is not None else "Gy"
        t.setHorizontalHeaderLabels([translate("CompareWindow", "ROI"), translate("CompareWindow", "Metric"),
                                     f"A ({unit})", f"B ({unit})", f"A − B ({unit})"])
        t.resizeColumnsToContents()

    def metrics_cell(self, roi: str, metric: str) -> dict[str, float | None]:
        """The metrics table's numbers for one ROI and metric label (e.g. 'Dmean', 'D95%')."""
        t = self.metrics_table
        for r in range(t.rowCount()):
            name, m = t.item(r, 0), t.item(r, 1)
            if name is not None and m is not None and name.text() == roi and m.text() == metric:
                out: dict[str, float | None] = {}
                for c, w in ((2, "a"), (3, "b"), (4, "diff")):
                    it = t.item(r, c)
                    out[w] = None if it is None else it.data(Qt.ItemDataRole.UserRole)
                return out
        raise KeyError(f"{roi} {metric} not in the metrics table")

    def _fill_goals(self) -> None:
        cmp = self.comparison
        goals = cmp.goals if cmp is not None and cmp.goals is not None else []
        t = self.goals_table
        t.setRowCount(len(goals))
        self.tabs.setTabText(2, self.tr("Goals ({protocol})").format(protocol=cmp.protocol)
                             if cmp is not None and cmp.protocol else self.tr("Goals"))

        def value(v: float | None) -> str:
            return "—" if v is None else num(v, ".2f")

        for r, pair in enumerate(goals):
            ga, gb = pair.a, pair.b
            roi = ga.goal.roi if not ga.matched_roi or ga.matched_roi == ga.goal.roi else f"{ga.goal.roi} → {ga.matched_roi}"
            diff = pair.diff
            cells = [roi, ga.goal.metric, f"{num(ga.limit, 'g')} {ga.unit}", value(ga.value), term(VERDICTS, ga.status),
                     value(gb.value), term(VERDICTS, gb.status), "—" if diff is None else signed_num(diff)]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(str(text))
                if c in (4, 6):
                    it.setBackground(STATUS_COLORS.get(ga.status if c == 4 else gb.status, QColor(90, 90, 90)))
                    it.setForeground(QColor(255, 255, 255))
                t.setItem(r, c, it)
        t.resizeColumnsToContents()

    def update_readout(self) -> None:
        cmp = self.comparison
        p = self.sessions["a"].model.cursor_mm
        if cmp is None:
            self.readout.setText("")
            return
        v = cmp.values_at(p)
        unit = cmp.dose_a.unit_label

        def f(x: float | None, fmt: str = ".3f") -> str:
            return "—" if x is None else num(x, fmt)

        sep = "; " if num(0.5, ".1f") != "0.5" else ", "  # a comma cannot separate numbers written with one
        self.readout.setText(f"({sep.join(num(c, '.1f') for c in p)}) mm   A {f(v['a_gy'])} {unit}   "
                             f"B {f(v['b_gy'])} {unit}   A − B {f(v['diff_gy'], '+.3f')} {unit}   "
                             f"γ {f(v['gamma'], '.2f')}")

    # --- closing --------------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        self._unsubscribe()
        self.runner.cancel_all()
        self.runner.wait(15000)

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(e)


def same_kind(a: DoseGrid, b: DoseGrid) -> bool:
    """Doses that compare without 'allow mixed types': same units, dose type and summation type."""
    return (a.units, a.dose_type, a.summation_type) == (b.units, b.dose_type, b.summation_type)


def default_pair(doses: list[DoseGrid], selected: DoseGrid | None = None) -> tuple[int, int]:
    """Indices of the default A and B: A the session's dose (else the first); B the first other dose
    of the same kind, else the first other dose."""
    if len(doses) < 2:
        return 0, 0
    ia = next((i for i, d in enumerate(doses) if d is selected), 0)
    others = [i for i in range(len(doses)) if i != ia]
    ib = next((i for i in others if same_kind(doses[ia], doses[i])), others[0])
    return ia, ib


def open_compare_window(workspace: Workspace, parent: QWidget | None = None) -> CompareWindow | None:
    """A comparison window on the workspace's case, derived doses included (A: the dose on screen),
    None without two doses. Each finished comparison is recorded in the session
    (``set_comparison``: a ComparisonChanged event)."""
    if len(workspace.case.doses) < 2:
        return None
    w = CompareWindow(workspace, parent)
    w.resize(1500, 950)
    w.show()
    return w
