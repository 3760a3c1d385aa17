"""The workstation's *Check dose* action: the selected plan recalculated by an independent engine
(a dose-engine plugin, through the plugin host), compared with the planning system's dose, and the
result opened in the comparison window beside it.

The engine and the comparison run as one background job (progress and cancel in the status bar);
the doses are added to the workspace on the GUI thread, with provenance. The core is the CLI's
(:mod:`plannerview.review.dose_check`). Tools > *Beam setup* sets the patient position the 3D beams
and the engine use when the plan's own setup is known to be wrong (see the beam-direction check).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ..model import DoseGrid, IonPlan, Plan
from ..model.patient_position import POSITION_MATRIX
from ..plugin_api import DOSE_ENGINE, DoseRequest
from ..plugins import PluginError, invoke, label
from ..review.dose_check import DoseCheck, DoseCheckError, image_for_check, run_check
from ..tasks import TaskContext
from .i18n import localized, num, say
from .terms import DOSE_VERDICTS, PATIENT_POSITIONS, term
from .workers import Job

DEFAULT_ENGINE = {"proton": "mcsquare", "ion": "pyradplan", "photon": "pyradplan"}
translate = QCoreApplication.translate


class DoseCheckAction:
    """Tools > Check dose (independent engine)…, and Tools > Beam setup."""

    def __init__(self, win: Any, menu: QMenu) -> None:
        self.win = win
        self.job: Job | None = None
        self.last: DoseCheck | None = None
        self.last_message = ""
        self.action = QAction(translate("DoseCheck", "Check dose (independent engine)…"), win)
        self.action.setStatusTip(translate("DoseCheck", "recalculate the selected plan with an independent engine "
                                                           "and compare it with the planning system's dose"))
        self.action.triggered.connect(lambda _c=False: self.run())
        menu.addAction(self.action)
        setup = menu.addMenu(translate("DoseCheck", "Beam setup"))
        group = QActionGroup(setup)
        self.setup_actions: dict[str, QAction] = {}
        positions = [(p, f"{p} ({term(PATIENT_POSITIONS, p)})" if p in PATIENT_POSITIONS else p)
                     for p in POSITION_MATRIX]  # the DICOM code as it is, its meaning translated
        for key, text in (("", translate("DoseCheck", "As the plan states")), *positions):
            a = QAction(text, setup, checkable=True)
            a.setChecked(key == "")
            a.triggered.connect(lambda _c=False, k=key: self.set_setup(k))
            group.addAction(a)
            setup.addAction(a)
            self.setup_actions[key] = a

    # --- beam setup override ------------------------------------------------------------------------
    def set_setup(self, position: str) -> None:
        """Draw the beams (and place them in the engine) as for ``position`` ("" follows the plan)."""
        s = self.win.qs.model
        s.beam_setup_override = position
        self.setup_actions.get(position, self.setup_actions[""]).setChecked(True)
        if getattr(self.win, "view3d", None) is not None:
            self.win.view3d.refresh()
        self._tell(translate("DoseCheck", "beams placed as {position}").format(position=position) if position
                   else translate("DoseCheck", "beams placed as the plan states"))

    # --- the check ----------------------------------------------------------------------------------
    def run(self, engine: str | None = None, normalisation: str | None = None,
            params: dict[str, Any] | None = None) -> Job | None:
        """Start the check on the selected plan (``engine``: a contribution name; ``normalisation``:
        NONE or TARGET_MEAN, default TARGET_MEAN when the engine's beam model is generic)."""
        s = self.win.qs.model
        plugins = getattr(self.win, "plugins", None)
        plan = s.plan
        if plugins is None or s.case is None or not isinstance(plan, Plan | IonPlan) or plan.kind == "brachy":
            self._tell(translate("DoseCheck", "select an external-beam plan first"))
            return None
        case = s.case
        tps = case.plan_dose(plan.sop_uid)
        if tps is None or not tps.is_gy:
            self._tell(translate("DoseCheck", "plan {plan} has no planning-system dose in Gy to compare with").format(
                plan=repr(plan.label)))
            return None
        name = engine or DEFAULT_ENGINE.get(plan.kind, "pyradplan")
        try:
            record, contrib = plugins.registry.find(DOSE_ENGINE, name)
        except PluginError as exc:
            self._tell(str(exc))
            return None
        values = dict(params or {})
        override = getattr(s, "beam_setup_override", "")
        if override and "patient_position" in {p.name for p in contrib.parameters}:
            values.setdefault("patient_position", override)
        resolved = contrib.parameters.resolve(values)
        ss = case.structures_for(plan)
        ws = self.win.ws
        beam_doses = {d.referenced_beam_numbers[0]: d for d in case.doses_for_plan(plan.sop_uid)
                      if d.summation_type == "BEAM" and len(d.referenced_beam_numbers) == 1 and d.is_gy}

        def work(ctx: TaskContext) -> Any:
            try:
                image, note = image_for_check(case, plan, ss, tps)
            except DoseCheckError as exc:
                return exc
            run_case = dataclasses.replace(case, images=(*case.images, image)) if note else case
            request = DoseRequest(plan=plan, image=image, structure_set=ss, parameters=resolved)
            try:
                inv = invoke(plugins.registry, DOSE_ENGINE, (record, contrib), "calculate", request,
                             env=plugins.env, task=ctx.sub(0.0, 0.85, "engine"))
            except PluginError as exc:
                return exc
            doses: list[DoseGrid] = list(inv.value)
            prov: dict[str, Any] = dict(doses[0].provenance or {}) if doses else {}
            details: dict[str, Any] = dict(prov.get("details") or {})
            model = details.get("beam_model")
            generic = isinstance(model, dict) and model.get("origin") == "generic"
            norm = normalisation or ("TARGET_MEAN" if generic else "NONE")
            u = details.get("statistical_uncertainty_pct")
            check = run_check(ws, plan, doses, tps, ss, engine=label(record, contrib), seconds=inv.seconds,
                              normalisation=norm, tps_beam_doses=beam_doses,
                              statistical_uncertainty_pct=float(u) if isinstance(u, int | float) else None,
                              engine_details=details, progress=ctx.sub(0.85, 1.0, "compare").progress)
            if note:
                check.notes.insert(0, note)
            return inv, check, run_case

        job = Job(work)
        self.job = job
        self.win.statusBar().showMessage(translate("DoseCheck", "checking the dose of {plan} with {engine}…").format(
            plan=repr(plan.label), engine=label(record, contrib)))
        self.win.runner.start(job, on_done=self._done,
                              on_failed=lambda m: self._tell(translate("DoseCheck", "dose check failed: {error}").format(
                                  error=m.splitlines()[0])),
                              on_cancelled=lambda: self._tell(translate("DoseCheck", "dose check cancelled")),
                              on_progress=lambda f, m: self.win.statusBar().showMessage(
                                  f"{100 * f:.0f} % {m}"))
        return job

    def _done(self, out: Any) -> None:
        self.job = None
        if isinstance(out, Exception):
            self._tell(str(out))
            return
        inv, check, _case = out
        ws = self.win.ws
        for dose, prov in zip(inv.value, inv.provenances, strict=True):
            ws.add_dose(dose, prov)
        engine_dose = check.engine_dose
        if check.normalised_provenance is not None:
            engine_dose = ws.add_dose(engine_dose, check.normalised_provenance)
        self.last = check
        g = check.gamma["3%/3mm"]["pass_rate_pct"]
        text = translate("DoseCheck", "dose check {verdict}: gamma 3%/3mm {rate} %").format(
            verdict=term(DOSE_VERDICTS, check.verdict), rate=num(g, ".1f"))
        if check.normalisation != "NONE":
            text += translate("DoseCheck", ", normalised x{factor}").format(
                factor=localized(f"{check.normalisation_factor:.4g}"))
        if len(check.reasons) > 1:  # the core's reason (a marked sentence with its values)
            text += f"; {say(check.reasons[1])}"
        self._tell(text)
        self._open_compare(check.tps_dose, engine_dose)

    def _open_compare(self, a: DoseGrid, b: DoseGrid) -> None:
        from .compare_window import CompareWindow

        w = CompareWindow(self.win.ws, self.win, autostart=False)
        for combo, dose in ((w.combo_a, a), (w.combo_b, b)):
            i = combo.findData(dose.sop_uid)
            if i >= 0:
                combo.setCurrentIndex(i)
        w.resize(1500, 950)
        w.show()
        w.start()
        self.win.compare_window = w

    def _tell(self, message: str) -> None:
        self.last_message = message
        self.win.statusBar().showMessage(message, 30000)
