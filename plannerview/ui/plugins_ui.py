"""Plugins in the workstation: the Plugins menu built from the registry, run forms generated from
parameter schemas, runs as background jobs with progress and cancel, services started and
stopped with the window, a dock per widget contribution, and the plugin status panel.

A structure set or dose made by a plugin is added to the window's workspace (with its provenance)
and selected, so the case browser, views, DVH, goals and comparison see it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QProgressBar, QPushButton, QWidget

from ..model import DoseGrid, IonPlan, Plan, StructureSet
from ..plugin_api import (
    CONTOUR_ENGINE,
    DOSE_ENGINE,
    SERVICE,
    WIDGET,
    ContourRequest,
    Contribution,
    DoseRequest,
)
from ..plugins import (
    ACTIVE,
    HostEnvironment,
    InputRefused,
    Invocation,
    PluginError,
    PluginFault,
    PluginRecord,
    PluginRegistry,
    default_registry,
    invoke,
    label,
)
from ..plugins.services import ServiceManager
from ..tasks import TaskContext
from .param_form import ParamDialog
from .plugin_status import PluginStatusPanel
from .workers import Job

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger("plannerview.plugins")
RUNNABLE = {CONTOUR_ENGINE: "Contour engines", DOSE_ENGINE: "Dose engines"}


class _PoolTask(QRunnable):
    """``ctx.submit`` in the workstation: the job runner's thread pool, result in a Future (safe to
    start from any thread)."""

    def __init__(self, fn: Callable[[], Any], fut: Future[Any]) -> None:
        super().__init__()
        self.fn, self.fut = fn, fut

    def run(self) -> None:
        if not self.fut.set_running_or_notify_cancel():
            return
        try:
            self.fut.set_result(self.fn())
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the future
            self.fut.set_exception(exc)


class PluginsUi(QObject):
    """Owns the plugin side of a main window (menu, jobs, services, docks, status panel)."""

    run_finished = Signal(object)  # the adopted objects (tuple of StructureSet / DoseGrid)
    run_refused = Signal(str)  # an input error or a fault, as shown to the user

    def __init__(self, win: MainWindow, menu: QMenu, registry: PluginRegistry | None = None,
                 start_services: bool = True) -> None:
        super().__init__(win)
        self.win = win
        self.menu = menu
        self.registry = registry or default_registry()
        self.workspace = win.qs.workspace  # the window's Workspace: plugins read it, runs are added to it
        self.env = HostEnvironment(workspace=self.workspace, submit=self._submit)
        self.services = ServiceManager(self.registry, self.env)
        self.status_panel = PluginStatusPanel(self.registry, self.services)
        self.status_dock = win._dock("Plugins", self.status_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        win.tabifyDockWidget(win.goals_dock, self.status_dock)
        self.status_dock.hide()
        self.actions: dict[str, QAction] = {}
        self.widget_docks: dict[str, QDockWidget] = {}
        self.job: Job | None = None
        self._request: Any = None
        self.last_message = ""
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.setVisible(False)
        self.cancel_btn = QPushButton("Cancel plugin")
        self.cancel_btn.setVisible(False)
        self.cancel_btn.clicked.connect(self.cancel)
        win.statusBar().addPermanentWidget(self.progress)
        win.statusBar().addPermanentWidget(self.cancel_btn)
        self.service_status = self.services.start_all() if start_services else {}
        self._mount_widgets()
        self.build_menu()
        self.status_panel.refresh()

    # --- background submission ------------------------------------------------------------------------
    def _submit(self, fn: Callable[[], Any], name: str) -> Future[Any]:
        fut: Future[Any] = Future()
        QThreadPool.globalInstance().start(_PoolTask(fn, fut))
        return fut

    # --- menu -------------------------------------------------------------------------------------------
    def build_menu(self) -> None:
        """(Re)build the Plugins menu from the registry (states shown in the labels)."""
        self.menu.clear()
        self.actions = {}
        for kind, title in RUNNABLE.items():
            pairs = self.registry.contributions(kind, all_states=True)
            if not pairs:
                continue
            self.menu.addSection(title)
            for record, contrib in pairs:
                st = record.state(contrib)
                text = f"{contrib.title or contrib.name}…"
                if st.status != ACTIVE:
                    text += f" ({st.status})"
                act = QAction(text, self.menu)
                act.setToolTip(f"{label(record, contrib)}: {contrib.description}" + (f"\n{st.error}" if st.error else ""))
                act.setStatusTip(contrib.description)
                act.setEnabled(st.status == ACTIVE)
                act.triggered.connect(lambda _c=False, r=record, c=contrib: self.open_form(r, c))
                self.menu.addAction(act)
                self.actions[label(record, contrib)] = act
        self.menu.setToolTipsVisible(True)
        services = self.registry.contributions(SERVICE, all_states=True)
        if services:
            sm = self.menu.addMenu("Services")
            for record, contrib in services:
                name = label(record, contrib)
                state = self.services.status(name)
                act = sm.addAction(f"{contrib.title or contrib.name} — {state.state}")
                act.setToolTip(state.message)
                act.triggered.connect(lambda _c=False, n=name: self.toggle_service(n))
                self.actions[name] = act
        if self.widget_docks:
            pm = self.menu.addMenu("Panels")
            for dock in self.widget_docks.values():
                pm.addAction(dock.toggleViewAction())
        self.menu.addSeparator()
        status = QAction("Plugin status", self.menu)
        status.triggered.connect(self.show_status)
        self.menu.addAction(status)

    def show_status(self) -> None:
        """Show the plugin status panel (refreshed) in front."""
        self.status_panel.refresh()
        self.status_dock.show()
        self.status_dock.raise_()

    def toggle_service(self, name: str) -> None:
        """Start a stopped service, stop a running one."""
        if self.services.is_running(name):
            self.services.stop(name)
        else:
            st = self.services.start(name)
            if st.state == "failed":
                self._tell(st.message)
        self.build_menu()
        self.status_panel.refresh()

    # --- widgets ------------------------------------------------------------------------------------------
    def _mount_widgets(self) -> None:
        for record, contrib in self.registry.contributions(WIDGET):
            name = label(record, contrib)
            dock = QDockWidget(contrib.title or contrib.name, self.win)
            dock.setObjectName(f"dock_plugin_{name}")
            try:
                widget = invoke(self.registry, WIDGET, (record, contrib), "create_widget", dock, env=self.env).value
            except PluginError as exc:
                log.warning("%s", exc)
                dock.deleteLater()
                continue
            if not isinstance(widget, QWidget):
                self.registry.record_fault(record, contrib, f"widget {name!r}: create_widget returned a "
                                                           f"{type(widget).__name__}, not a QWidget")
                dock.deleteLater()
                continue
            dock.setWidget(widget)
            self.win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            self.widget_docks[name] = dock

    # --- running ------------------------------------------------------------------------------------------
    def open_form(self, record: PluginRecord, contrib: Contribution) -> ParamDialog:
        """The run form of a contribution (non-modal); Run starts the job."""
        dlg = ParamDialog(f"{contrib.title or contrib.name} ({record.name} {record.version})", contrib.description,
                          contrib.parameters, parent=self.win)
        dlg.setObjectName(f"plugin_form_{record.name}_{contrib.name}")
        dlg.accepted.connect(lambda: self.run(record, contrib, dlg.result_values))
        dlg.open()
        return dlg

    def run(self, record: PluginRecord, contrib: Contribution, params: dict[str, Any]) -> Job | None:
        """Run an engine on the current selection as a background job (one at a time)."""
        s = self.win.qs.model
        if self.job is not None:
            self._tell("a plugin is already running; cancel it first")
            return None
        if s.case is None:
            self._tell("open a case first")
            return None
        if contrib.kind == CONTOUR_ENGINE:
            if s.image is None:
                self._tell("no image selected")
                return None
            request: Any = ContourRequest(image=s.image, structure_set=s.structure_set, parameters=params)
            method = "contour"
        else:
            plan = s.plan
            if not isinstance(plan, Plan | IonPlan):
                self._tell("select a plan first")
                return None
            image = s.case.image_for_frame(plan.frame_of_reference_uid, "CT") if plan.frame_of_reference_uid else None
            if image is None:
                self._tell(f"no image on the frame of reference of plan {plan.label!r}")
                return None
            request = DoseRequest(plan=plan, image=image, structure_set=s.case.structures_for(plan), parameters=params)
            method = "calculate"

        def work(ctx: TaskContext) -> Any:
            try:
                return invoke(self.registry, contrib.kind, (record, contrib), method, request, env=self.env,
                              task=ctx)
            except (InputRefused, PluginFault, PluginError) as exc:
                return exc

        job = Job(work)
        self.job = job
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_btn.setVisible(True)
        self.win.statusBar().showMessage(f"running {label(record, contrib)}…")
        self._request = request
        self.win.runner.start(job, on_done=self._done, on_failed=self._failed, on_cancelled=self._cancelled,
                              on_progress=self._progress)
        return job

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(100 * fraction))
        self.progress.setFormat(message[-40:] or "%p%")

    def cancel(self) -> None:
        """Cancel the running plugin job."""
        if self.job is not None:
            self.job.cancel()

    def _end(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.cancel_btn.setVisible(False)
        self.status_panel.refresh()
        self.build_menu()

    def _tell(self, message: str) -> None:
        self.last_message = message
        self.win.statusBar().showMessage(message, 20000)

    def _done(self, out: Any) -> None:
        request = self._request
        self._end()
        if isinstance(out, PluginError):
            self._tell(str(out))
            self.run_refused.emit(str(out))
            return
        assert isinstance(out, Invocation)
        adopted = self.adopt(out, request)
        for a in out.annotations:
            self.workspace.add_annotation(a)
        self._tell(f"{label(out.record, out.contribution)} finished in {out.seconds:.1f} s: "
                   + ", ".join(_describe(o) for o in adopted))
        self.run_finished.emit(adopted)

    def adopt(self, inv: Invocation, request: Any) -> tuple[Any, ...]:
        """Add what a run made to the case (with provenance) and select it."""
        s = self.win.qs.model
        if inv.contribution.kind == CONTOUR_ENGINE:
            from ..review.plugin_runs import structure_set_from_contour_run

            assert inv.provenance is not None
            ss = self.workspace.add_structure_set(structure_set_from_contour_run(
                request.image, request.structure_set, inv.value, inv.provenance, inv.contribution.name,
                label(inv.record, inv.contribution)), inv.provenance)
            s.select(image=request.image, structure_set=ss)
            return (ss,)
        doses = tuple(self.workspace.add_dose(d, prov) for d, prov in zip(inv.value, inv.provenances, strict=True))
        if doses:
            s.select(plan=request.plan, dose=doses[0])
        return doses

    def _failed(self, message: str) -> None:
        self._end()
        self._tell(f"plugin run failed: {message.splitlines()[0]}")
        self.run_refused.emit(message)

    def _cancelled(self) -> None:
        self._end()
        self._tell("plugin run cancelled")

    def shutdown(self) -> None:
        """Stop services and cancel a running job (the window is closing)."""
        self.cancel()
        self.services.stop_all()


def _describe(o: Any) -> str:
    if isinstance(o, StructureSet):
        return f"structure set {o.label!r} ({len(o.rois)} ROIs)"
    if isinstance(o, DoseGrid):
        return f"{o.dose_type.lower()} dose, max {float(o.dose.max()):.2f} {o.value_unit}"
    return type(o).__name__

