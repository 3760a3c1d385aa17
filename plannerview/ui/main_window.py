"""The review workstation window: banner, three linked slice views, 3D view, and docks for the
case browser, ROIs, display settings, readout, DVH and clinical goals."""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..io.loader import load
from ..model.case import Case
from ..model.events import CaseShared
from ..model.provenance import set_reviewer
from ..review.session import WINDOW_PRESETS
from ..review.workspace import Workspace
from ..tasks import TaskContext
from ..version import __version__
from .annotations_panel import make_annotations_panel
from .banner import Banner
from .brachy_panel import BrachyPanel
from .case_browser import CaseBrowser
from .contour_tools import ContourTools
from .display_panel import DisplayPanel
from .edit_panel import EditPanel
from .readout import ReadoutPanel
from .review_panel import ReviewPanel
from .roi_panel import RoiPanel
from .session import QtSession
from .settings import Settings
from .slice_view import SliceView
from .theme import apply_theme
from .workers import Job, JobRunner


def load_and_decode(paths: list[str], ctx: TaskContext | None = None) -> Case:
    """Load a case and decode its pixel data (so the GUI thread never waits on file reads)."""
    t = TaskContext.of(ctx)
    case = load(paths, ctx=t)
    for img in case.images:
        if t.cancelled():
            break
        try:
            _ = img.voxels
        except Exception:  # noqa: BLE001 - a broken series is reported by preflight, not here
            pass
    for d in case.doses:
        try:
            _ = d.dose
        except Exception:  # noqa: BLE001
            pass
    return case


class MainWindow(QMainWindow):
    first_slice_rendered = Signal()
    case_loaded = Signal(object)
    load_failed = Signal(str)

    def __init__(self, settings: Settings | None = None, *, heavy_panels: bool = True,
                 plugin_services: bool = True) -> None:
        super().__init__()
        self.settings = settings or Settings.load()
        set_reviewer(self.settings.reviewer_name)
        self.setWindowTitle(f"plannerview {__version__} — plan review (not a medical device)")
        self.setAcceptDrops(True)
        self.ws = Workspace()  # the case, derived objects and cached results; panels ask it
        self.ws.subscribe(CaseShared, self._forget_shared)
        self.qs = QtSession(parent=self, workspace=self.ws)
        s = self.qs.model
        s.set_dose_display(levels=tuple(self.settings.isodose_levels), levels_unit=self.settings.isodose_unit,
                           opacity=self.settings.wash_opacity)
        self.runner = JobRunner(self)
        self._load_job: Job | None = None
        # central area: banner over a 2 x 2 grid of views
        self.banner = Banner(self.qs)
        self.axial = SliceView(self.qs, "axial")
        self.sagittal = SliceView(self.qs, "sagittal")
        self.coronal = SliceView(self.qs, "coronal")
        self.views = {"axial": self.axial, "sagittal": self.sagittal, "coronal": self.coronal}
        self.view3d: Any = None
        self.view3d_holder = QWidget()
        QVBoxLayout(self.view3d_holder).setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(2)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.axial, 0, 0)
        grid.addWidget(self.sagittal, 0, 1)
        grid.addWidget(self.coronal, 1, 0)
        grid.addWidget(self.view3d_holder, 1, 1)
        for i in (0, 1):
            grid.setRowStretch(i, 1)
            grid.setColumnStretch(i, 1)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(2)
        cl.addWidget(self.banner)
        cl.addLayout(grid, 1)
        self.setCentralWidget(central)
        # docks
        self.case_browser = CaseBrowser(self.qs)
        self.roi_panel = RoiPanel(self.qs)
        self.display_panel = DisplayPanel(self.qs)
        self.readout = ReadoutPanel(self.qs)
        self.dvh_panel: Any = None
        self.goals_panel: Any = None
        self.dvh_dock = self._dock("DVH", QLabel("DVH panel loading…"), Qt.DockWidgetArea.BottomDockWidgetArea)
        self.goals_dock = self._dock("Clinical goals", QLabel("…"), Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitDockWidget(self.dvh_dock, self.goals_dock, Qt.Orientation.Horizontal)  # both readable at once
        self.review_panel = ReviewPanel(self.qs, self.runner,
                                        goals_source=lambda: self.goals_panel.result if self.goals_panel else None)
        self.review_dock = self._dock("Review", self.review_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.goals_dock, self.review_dock)
        self.review_panel.state_changed.connect(self.banner.set_review_state)
        self.review_dock.visibilityChanged.connect(self._review_tab_shown)
        self.banner.set_review_state(self.review_panel.review_state())
        self.goals_dock.raise_()  # the review tab sits behind the goals table, beside the DVH
        self.browser_dock = self._dock("Case", self.case_browser, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.roi_dock = self._dock("ROIs", self.roi_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.display_dock = self._dock("Display", self.display_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.readout_dock = self._dock("Readout", self.readout, Qt.DockWidgetArea.RightDockWidgetArea)
        # manual contour editing (axial view): hidden until "Edit contours" is chosen
        self.contour_tools = ContourTools(self.qs, [self.axial, self.sagittal, self.coronal], self)
        self.edit_panel = EditPanel(self.qs, self.contour_tools)
        self.edit_dock = self._dock("Edit contours", self.edit_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.edit_dock.hide()
        # brachytherapy: source, channels, dwell times, D90/D2cc (shown for brachytherapy plans)
        self.brachy_panel = BrachyPanel(self.qs)
        self.brachy_dock = self._dock("Brachytherapy", self.brachy_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.brachy_dock.hide()
        self.qs.selection_changed.connect(lambda _e: self._show_brachy())
        # annotations (point, arrow, ruler, polygon, freehand; comments): tools on every slice view
        self.annotations_panel = make_annotations_panel(self.qs, self.ws, [self.axial, self.sagittal, self.coronal])
        self.annotations_dock = self._dock("Annotations", self.annotations_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.annotations_dock.hide()
        # status bar: load progress and cancel
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_btn = QPushButton("Cancel")
        self.cancel_btn.setVisible(False)
        self.cancel_btn.clicked.connect(self.cancel_load)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_btn)
        self._build_actions()
        self.plugins: Any = None
        try:
            from .plugins_ui import PluginsUi

            self.plugins = PluginsUi(self, self.plugins_menu, start_services=plugin_services)
        except Exception:  # noqa: BLE001 - the workstation opens whatever the plugins do
            logging.getLogger("plannerview.plugins").exception("the Plugins menu could not be built")
            self.plugins_menu.addAction("plugins unavailable (see the log)").setEnabled(False)
        self.dose_check: Any = None
        if self.plugins is not None:
            from .dose_check_action import DoseCheckAction

            self.dose_check = DoseCheckAction(self, self.tools_menu)
        self.axial.first_frame.connect(self._first_frame)
        self._heavy_requested = heavy_panels
        self._layout_restored = self._restore_layout()
        self.first_start = not self._layout_restored  # no saved layout: most of the screen, proportioned docks
        self._shown_at: float | None = None
        if self.first_start:
            screen = QApplication.primaryScreen()
            if screen is not None:
                avail = screen.availableGeometry()
                self.resize(int(avail.width() * 0.92), int(avail.height() * 0.92))

    # --- construction helpers ----------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        d = QDockWidget(title, self)
        d.setObjectName(f"dock_{title.replace(' ', '_').lower()}")
        d.setWidget(widget)
        self.addDockWidget(area, d)
        return d

    def _action(self, text: str, slot: Any, shortcut: str | QKeySequence | None = None,
                checkable: bool = False) -> QAction:
        a = QAction(text, self)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        s = self.qs.model
        mb = self.menuBar()
        fm = mb.addMenu("&File")
        fm.addAction(self._action("Open folder…", self.open_folder_dialog, QKeySequence(QKeySequence.StandardKey.Open)))
        fm.addAction(self._action("Open files…", self.open_files_dialog, "Ctrl+Shift+O"))
        self.recent_menu = fm.addMenu("Open recent")
        self._fill_recent()
        self.recent_menu.aboutToShow.connect(self._fill_recent)  # always the saved list (shares drop cases)
        fm.addAction(self._action("Clear recent", self.clear_recent))
        self.remember_recent_action = self._action("Remember recent cases", self.toggle_remember_recent, checkable=True)
        self.remember_recent_action.setChecked(self.settings.remember_recent)
        fm.addAction(self.remember_recent_action)
        fm.addSeparator()
        fm.addAction(self._action("Save screenshot…", self.save_screenshot_dialog, "Ctrl+Shift+S"))
        fm.addAction(self._action("Export report…", self.export_report_dialog, "Ctrl+Shift+R"))
        fm.addSeparator()
        fm.addAction(self._action("Quit", self.close, QKeySequence(QKeySequence.StandardKey.Quit)))
        vm = mb.addMenu("&View")
        for n, name in enumerate(WINDOW_PRESETS, start=1):
            vm.addAction(self._action(f"Window: {name}", lambda _c=False, nm=name: s.apply_preset(nm), f"{n}"))
        vm.addSeparator()
        vm.addAction(self._action("Reset views", self.reset_views, "R"))
        self.ruler_action = self._action("Distance ruler", self.toggle_ruler, "M", checkable=True)
        vm.addAction(self.ruler_action)
        self.edit_action = self.edit_dock.toggleViewAction()  # shows/hides the dock; hiding ends editing
        self.edit_action.setText("Edit contours")
        self.edit_action.setShortcut(QKeySequence("E"))
        self.edit_action.toggled.connect(lambda on: None if on else self.edit_panel.set_tool(None))
        self.addAction(self.edit_action)
        vm.addAction(self.edit_action)
        self.annotations_action = self.annotations_dock.toggleViewAction()  # hiding ends the annotation tool
        self.annotations_action.setText("Annotations")
        self.annotations_action.setShortcut(QKeySequence("N"))
        self.annotations_action.toggled.connect(
            lambda on: None if on else self.annotations_panel.tools.set_tool(None))
        self.addAction(self.annotations_action)
        vm.addAction(self.annotations_action)
        vm.addAction(self._action("Show all ROIs", lambda: s.show_all_rois(True), "A"))
        vm.addAction(self._action("Hide all ROIs", lambda: s.show_all_rois(False), "H"))
        vm.addAction(self._action("Filled contours", lambda: s.set_contours_filled(not s.contours_filled), "F"))
        vm.addAction(self._action("Toggle dose wash",
                                  lambda: s.set_dose_display(show_wash=not s.dose_display.show_wash), "D"))
        vm.addAction(self._action("Toggle isodose lines",
                                  lambda: s.set_dose_display(show_isodoses=not s.dose_display.show_isodoses), "I"))
        vm.addSeparator()
        vm.addAction(self._action("Light / dark theme", self.toggle_theme, "T"))
        vm.addAction(self._action("Next slice", lambda: self.axial.scroll(1), "PgUp"))
        vm.addAction(self._action("Previous slice", lambda: self.axial.scroll(-1), "PgDown"))
        tm = mb.addMenu("&Tools")
        self.tools_menu = tm
        self.compare_action = self._action("Compare plans…", self.open_compare)
        tm.addAction(self.compare_action)
        self.plugins_menu = mb.addMenu("&Plugins")
        hm = mb.addMenu("&Help")
        hm.addAction(self._action("About", self.about))
        tb = QToolBar("Main")
        tb.setObjectName("toolbar_main")
        self.addToolBar(tb)
        tb.addAction(self._action("Open", self.open_folder_dialog))
        tb.addSeparator()
        for name in WINDOW_PRESETS:
            tb.addAction(self._action(name.capitalize(), lambda _c=False, nm=name: s.apply_preset(nm)))
        tb.addSeparator()
        tb.addAction(self.ruler_action)
        tb.addAction(self.edit_action)
        tb.addAction(self._action("Reset", self.reset_views))

    def _forget_shared(self, event: CaseShared) -> None:
        """A case shared for consult leaves the recent list at once (settings only: no widget
        is touched, so any thread may deliver the event; the menu refills when opened)."""
        for p in event.paths:
            self.settings.forget(p)
        self.settings.save()

    def clear_recent(self) -> None:
        """File > Clear recent: the recent-cases list (full paths) is emptied and saved at once."""
        self.settings.clear_recent()
        self.settings.save()
        self._fill_recent()

    def toggle_remember_recent(self, on: bool) -> None:
        self.settings.set_remember_recent(bool(on))
        self.settings.save()
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for p in self.settings.recent:
            self.recent_menu.addAction(p, self._opener(p))
        self.recent_menu.setEnabled(bool(self.settings.recent))

    def _first_frame(self) -> None:
        self.first_slice_rendered.emit()
        if self._heavy_requested:
            QTimer.singleShot(0, self.ensure_heavy_panels)

    def _show_brachy(self) -> None:
        brachy = self.brachy_panel.plan is not None
        if brachy != self.brachy_dock.isVisible():
            self.brachy_dock.setVisible(brachy)

    def ensure_heavy_panels(self) -> None:
        """Create the pyqtgraph and VTK panels (deferred so the first slice shows sooner)."""
        if self.dvh_panel is None:
            from .dvh_panel import DvhPanel
            from .goals_panel import GoalsPanel

            self.dvh_panel = DvhPanel(self.qs, self.runner)
            self.dvh_dock.setWidget(self.dvh_panel)
            self.dvh_panel.dvhs_ready.connect(self.roi_panel.set_dvhs)
            self.dvh_panel.dvhs_ready.connect(self.brachy_panel.set_dvhs)
            self.goals_panel = GoalsPanel(self.qs, self.runner, settings=self.settings)
            self.goals_dock.setWidget(self.goals_panel)
            self.dvh_panel.request()
            self.goals_panel.request()
        if self.view3d is None:
            from .view3d import View3D

            self.view3d = View3D(self.qs, self.runner)
            layout = self.view3d_holder.layout()
            assert layout is not None
            layout.addWidget(self.view3d)

    # --- loading ---------------------------------------------------------------------------------------
    def _opener(self, path: str) -> Callable[[], object]:
        """A slot that opens ``path`` (for the recent-files menu; takes no signal arguments)."""
        return lambda: self.open_paths([path])

    def open_paths(self, paths: list[str]) -> Job | None:
        """Load in the background; the window stays responsive; progress and cancel in the status bar."""
        paths = [str(p) for p in paths]
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            self.statusBar().showMessage(f"not found: {', '.join(missing)}", 8000)
            return None
        if not self.confirm_discard_edits():
            return None
        if self._load_job is not None:
            self._load_job.cancel()
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_btn.setVisible(True)
        self.statusBar().showMessage(f"loading {', '.join(paths)}…")
        job = Job(load_and_decode, paths)
        self._load_job = job
        self.runner.start(job, on_done=partial(self._loaded, paths=paths, job=job),
                          on_failed=partial(self._load_failed, job=job),
                          on_progress=self._load_progress,
                          on_cancelled=partial(self._load_cancelled, job))
        return job

    def confirm_discard_edits(self) -> bool:
        """True when no contour edit is unsaved, or the user agrees to discard the unsaved ones."""
        names = [e.name for e in self.contour_tools.modified_edits()]
        if not names:
            return True
        answer = QMessageBox.question(
            self, "Unsaved contour edits",
            f"Edits of {', '.join(names)} are not saved. Discard them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def cancel_load(self) -> None:
        if self._load_job is not None:
            self._load_job.cancel()

    def _end_load(self) -> None:
        self._load_job = None
        self.progress.setVisible(False)
        self.cancel_btn.setVisible(False)

    def _loaded(self, case: Case, paths: list[str], job: Job) -> None:
        if job is not self._load_job:
            return
        self._end_load()
        self.set_case(case)
        for p in paths:
            self.settings.add_recent(p)
        self._fill_recent()
        n_err = len(case.errors)
        msg = f"loaded {len(case.objects)} objects from {case.files_read} files"
        if case.findings:
            msg += f"; {len(case.findings)} findings ({n_err} errors) — see the Case panel"
        self.statusBar().showMessage(msg)
        self.case_loaded.emit(case)

    def set_case(self, case: Case) -> None:
        """Show a loaded case (also used directly by the screenshot command and tests). The DVH, goals
        and 3D panels are built whether or not a slice is painted (a case without images, too)."""
        self.ws.set_case(case)
        if case.is_empty:
            self.browser_dock.raise_()
        if not case.images and not case.is_empty:
            self.statusBar().showMessage("No images were found: dose and contours are shown on a blank "
                                         "patient-space canvas", 15000)
        if self._heavy_requested:
            QTimer.singleShot(300, self.ensure_heavy_panels)

    def _load_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(100 * fraction))
        self.progress.setFormat(message[-40:])

    def _load_failed(self, msg: str, job: Job) -> None:
        if job is not self._load_job:
            return
        self._end_load()
        self.statusBar().showMessage("loading failed: " + msg.splitlines()[0])
        self.load_failed.emit(msg)

    def _load_cancelled(self, job: Job) -> None:
        if job is self._load_job:
            self._end_load()
            self.statusBar().showMessage("loading cancelled", 5000)

    def open_folder_dialog(self) -> None:
        d = QFileDialog.getExistingDirectory(self, "Open DICOM folder")
        if d:
            self.open_paths([d])

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Open DICOM files or zip archives")
        if files:
            self.open_paths(files)

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:  # noqa: N802
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_paths(paths)

    # --- view actions ------------------------------------------------------------------------------------
    def reset_views(self) -> None:
        for v in self.views.values():
            v.reset_view()
        if self.view3d is not None:
            self.view3d.camera_preset("Anterior")

    def toggle_ruler(self, checked: bool) -> None:
        for v in self.views.values():
            v.ruler_mode = bool(checked)
            if not checked:
                v.ruler = None
                v.update()

    def toggle_theme(self) -> None:
        app = QApplication.instance()
        self.settings.theme = "light" if self.settings.theme == "dark" else "dark"
        if isinstance(app, QApplication):
            apply_theme(app, self.settings.theme)

    def save_screenshot_dialog(self) -> None:
        fn, _ = QFileDialog.getSaveFileName(self, "Save screenshot", "plannerview.png", "PNG (*.png)")
        if fn:
            from .capture import grab_window, save_png

            try:  # the dialog asked before replacing a file; inputs are still never written
                save_png(grab_window(self), fn, overwrite=True)
            except (OSError, ValueError) as exc:
                self.statusBar().showMessage(f"screenshot not saved: {exc}", 8000)

    def _review_tab_shown(self, shown: bool) -> None:
        if shown:
            self.review_panel.refresh_goals()

    def export_report_dialog(self) -> None:
        if self.qs.model.plan is None:
            self.statusBar().showMessage("no plan to report on", 5000)
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export review report", f"review_{self.qs.model.plan.label}.pdf",
                                              "PDF (*.pdf)")
        if path:
            self.export_report(path)

    def export_report(self, path: str) -> Job | None:
        """Write the PDF review report of the selected plan in the background (same core as ``report``)."""
        s = self.qs.model
        if s.case is None or s.plan is None:
            return None
        from .report_job import export_report

        goals = self.goals_panel.protocol.currentText() if self.goals_panel is not None else None
        annotations = self.ws.annotations
        self.statusBar().showMessage(f"writing the report {path}…")
        return self.runner.start(Job(export_report, self.ws, s.case, s.plan, s.dose, goals, annotations, path),
                                 on_done=lambda out: self.statusBar().showMessage(f"report written: {out}", 10000),
                                 on_failed=lambda m: self.statusBar().showMessage("report failed: " + m.splitlines()[0]))

    def open_compare(self) -> Any:
        """Open the comparison window on the loaded case (A: the dose on screen; B: a dose of the same kind if any)."""
        from .compare_window import open_compare_window

        w = open_compare_window(self.ws, self)
        if w is None:
            self.statusBar().showMessage("comparing needs a case with at least two doses", 8000)
        self.compare_window = w
        return w

    def about(self) -> None:
        QMessageBox.about(self, "plannerview", f"plannerview {__version__}\n"
                          "Open-source radiotherapy plan review. A research and review aid, not a medical device.")

    # --- settings -------------------------------------------------------------------------------------------
    def _restore_layout(self) -> bool:
        try:
            if self.settings.window_geometry:
                self.restoreGeometry(QByteArray(base64.b64decode(self.settings.window_geometry)))
            if self.settings.window_state:
                return bool(self.restoreState(QByteArray(base64.b64decode(self.settings.window_state))))
        except (ValueError, TypeError):
            pass
        return False

    def showEvent(self, e: Any) -> None:  # noqa: N802
        super().showEvent(e)
        if not self._layout_restored:  # first run: proportioned docks (views, DVH and goals all readable)
            self._layout_restored = True
            self._shown_at = time.monotonic()
            self.first_start_layout()

    def resizeEvent(self, e: Any) -> None:  # noqa: N802
        super().resizeEvent(e)
        # first start: the window manager maximises the window just after it is shown; keep the
        # proportions for that (a few seconds), not for the user's own resizing later
        if self._shown_at is not None and time.monotonic() - self._shown_at < 3.0:
            self.first_start_layout()

    def first_start_layout(self) -> None:
        """The first screen: slice views in the middle, DVH beside the goals table below them (a
        third of the height), case/ROIs left and display/readout right (about 15 % each)."""
        h, w = max(self.height(), 600), max(self.width(), 800)
        self.resizeDocks([self.dvh_dock, self.goals_dock], [int(0.34 * h)] * 2, Qt.Orientation.Vertical)
        self.resizeDocks([self.dvh_dock, self.goals_dock], [int(0.5 * w)] * 2, Qt.Orientation.Horizontal)
        side = max(200, int(0.15 * w))
        self.resizeDocks([self.browser_dock, self.display_dock], [side, side], Qt.Orientation.Horizontal)
        self.goals_dock.raise_()  # the goals table in front of the tabs that share its place

    def save_settings(self) -> None:
        st = self.settings
        st.window_geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode()
        st.window_state = base64.b64encode(bytes(self.saveState().data())).decode()
        dd = self.qs.model.dose_display
        st.isodose_levels = list(dd.levels)
        st.isodose_unit = dd.levels_unit
        st.wash_opacity = dd.opacity
        st.save()

    def shutdown(self) -> None:
        """Stop plugin services, cancel background work and wait for the pool (no threads left behind)."""
        if self.plugins is not None:
            self.plugins.shutdown()
        self.runner.cancel_all()
        self.runner.wait(15000)

    def closeEvent(self, e: Any) -> None:  # noqa: N802
        if not self.confirm_discard_edits():
            e.ignore()
            return
        self.save_settings()
        self.shutdown()
        if self.view3d is not None:
            self.view3d.vtk_widget.Finalize()
        super().closeEvent(e)
