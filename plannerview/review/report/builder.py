"""The review report: gather what the review produced (:func:`collect`) and lay it out as an A4 PDF
(:func:`write_pdf`, fpdf2 with DejaVu Sans so every text is real, searchable Unicode text; Chinese
characters from Noto Sans CJK, a fallback font, when the report is in Chinese).

Numbers are printed with two decimals from the same DVH and goal objects the ``dvh`` and ``goals``
commands print (through the workspace, :class:`~plannerview.review.workspace.Workspace`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from fpdf import FPDF
from fpdf.fonts import FontFace

from ...compute.goals import GoalReport
from ...compute.metrics import STANDARD_D_PERCENT
from ...compute.protocols import Protocol
from ...model.annotation import Annotation
from ...model.case import AnyPlan, Case
from ...model.dose import DoseGrid
from ...model.dvh import DVH
from ...model.plan import Beam, IonBeam
from ...resources import cjk_font, report_fonts
from ...tasks import TaskContext
from ...version import __version__
from ..audit import AuditEntry, AuditLog
from ..checks import CheckReport, ChecksConfig, make_context, run_checks
from ..files import WriteFile, write_new_bytes
from ..signoff import file_sha256
from ..workspace import Workspace
from .figures import dvh_figure, slices_figure
from .strings import EN, check_title, core_text, language, num, t

EN_KEYS = frozenset(EN)
GREY = {"PASS": 235, "pass": 235, "acceptable": 200, "WARN": 200, "FAIL": 120, "fail": 120,
        "NOT APPLICABLE": 255, "not_evaluated": 255}


@dataclass
class ReportData:
    case: Case
    plan: AnyPlan
    dose: DoseGrid | None
    checks: CheckReport
    dvhs: list[DVH] = field(default_factory=list)
    goals: GoalReport | None = None
    comparison: Any = None
    annotations: Sequence[Annotation] = ()
    signoff: AuditEntry | None = None
    audit_log: str = ""
    signoff_notes: tuple[str, ...] = ()  # the log does not verify, or files changed since the sign-off
    target_name: str = ""
    target_center_mm: np.ndarray | None = None
    generated_utc: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


def latest_signoff(log: AuditLog, plan_uid: str) -> AuditEntry | None:
    """The newest ``signed-off`` entry of the audit log for this plan (None if none or the log is absent)."""
    if not log.path.exists():
        return None
    hits = [e for e in log.entries() if e.action == "signed-off" and e.data.get("plan", {}).get("sop_uid") == plan_uid]
    return hits[-1] if hits else None


def collect(case: Case, plan: AnyPlan, *, dose: DoseGrid | None = None, protocol: Protocol | None = None,
            compare_dose: DoseGrid | None = None,
            config: ChecksConfig | None = None, annotations: Sequence[Annotation] = (),
            log: AuditLog | None = None, results: Workspace | None = None,
            task: TaskContext | None = None) -> ReportData:
    """Everything the report shows, computed once through ``results``."""
    task = task or TaskContext()
    results = results or Workspace(case=case)
    annotations = tuple(annotations) or results.annotations
    ctx = make_context(case, plan, dose, protocol=protocol, results=results)
    task.progress(0.05, "plan checks")
    checks = run_checks(ctx, config, task.sub(0.05, 0.4))
    dvhs: list[DVH] = []
    if ctx.dose is not None and ctx.structure_set is not None:
        task.progress(0.4, "DVHs")
        names = [r.name for r in ctx.structure_set.rois if r.closed_contours]
        dvhs = results.dvhs(ctx.structure_set, ctx.dose, names)
    comparison = None
    if compare_dose is not None and ctx.dose is not None:
        task.progress(0.6, "comparison and gamma")
        comparison = results.comparison(ctx.dose, compare_dose, protocol=protocol, structure_set=ctx.structure_set,
                                        allow_mixed_types=True)
    target, _ = ctx.prescription_target
    center = None
    if target is not None:
        pts = np.concatenate([c.points_mm for c in target.closed_contours])
        center = (pts.min(axis=0) + pts.max(axis=0)) / 2.0
    log = log or AuditLog()
    signoff = latest_signoff(log, plan.sop_uid)
    notes: list[str] = []
    if signoff is not None:
        v = log.verify()
        if not v.ok:
            notes.append(t("audit_broken", reason=v.reason))
        for o in signoff.data.get("objects") or []:
            f = o.get("file")
            if f and (not Path(f).exists() or file_sha256(f) != o.get("sha256")):
                notes.append(t("signoff_stale", kind=o.get("kind"), file=f))
    return ReportData(case, plan, ctx.dose, checks, dvhs, ctx.goal_report, comparison, annotations,
                      signoff, str(log.path), tuple(notes), target.name if target else "", center)


def _get(obj: Any, key: str) -> Any:
    if obj is None:
        return None
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def _f(v: float | None, nd: int = 2) -> str:
    return "-" if v is None or (isinstance(v, float) and not math.isfinite(v)) else num(v, f".{nd}f")


class _Pdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=7)
        self.set_text_color(60)
        self.cell(0, 5, self.footer_text, align="L")
        self.set_x(-40)
        self.cell(30, 5, t("page", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0)


def _pdf() -> _Pdf:
    pdf = _Pdf(orientation="portrait", unit="mm", format="A4")
    regular, bold = report_fonts()
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    if language() == "zh_CN":  # DejaVu has no Chinese: fpdf2 takes those characters from the fallback font
        cjk = cjk_font()
        if cjk is None:
            raise FileNotFoundError("the Chinese report needs a CJK font: install Noto Sans CJK (Debian: "
                                    "fonts-noto-cjk) or set PLANNERVIEW_CJK_FONT to a .ttf/.otf/.ttc file")
        pdf.add_font("CJK", "", str(cjk[0]), collection_font_number=cjk[2])
        pdf.add_font("CJK", "B", str(cjk[1]), collection_font_number=cjk[2])
        pdf.set_fallback_fonts(["CJK"])
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=16)
    pdf.alias_nb_pages()
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.get_y() > 250:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=8)


def _pair(pdf: FPDF, key: str, value: str) -> None:
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(38, 4.6, key)
    pdf.set_font("DejaVu", size=8)
    pdf.multi_cell(0, 4.6, value, new_x="LMARGIN", new_y="NEXT", align="L")


def _table(pdf: FPDF, header: str, rows: list[list[str]], widths: Sequence[float], status_col: int | None = None,
           size: float = 7.0) -> None:
    pdf.set_font("DejaVu", size=size)
    head = FontFace(emphasis="BOLD", fill_color=(220, 220, 220))
    with pdf.table(col_widths=tuple(widths), headings_style=head, line_height=size * 0.5, text_align="LEFT",
                   borders_layout="HORIZONTAL_LINES") as table:
        table.row(header.split("|"))
        for r in rows:
            row = table.row()
            for i, cell in enumerate(r):
                if status_col is not None and i == status_col:
                    g = {t(f"status_{k}"): v for k, v in GREY.items()}.get(cell, 255)
                    style = FontFace(emphasis="BOLD", fill_color=(g, g, g), color=(255, 255, 255) if g < 150 else (0, 0, 0))
                    row.cell(cell, style=style)
                else:
                    row.cell(cell)


def _status_text(s: str) -> str:
    return t(f"status_{s}")


def _g(v: Any) -> str:
    """A criterion as given (``3.0`` as ``3``), in the report's language."""
    return num(float(v), "g") if isinstance(v, int | float) else str(v)


def _bundled_check_titles() -> dict[str, str]:
    """The bundled configuration's check titles (a site's own titles are printed as written)."""
    from ..checks import load_config

    try:
        return {cid: c.title for cid, c in load_config(None).checks.items()}
    except Exception:  # noqa: BLE001 - titles stay as configured
        return {}


def write_pdf(data: ReportData, out: str | Path, write_file: WriteFile = write_new_bytes) -> Path:
    """Lay the report out on A4 pages and write it to the new file ``out`` (through ``write_file``)."""
    plan, dose = data.plan, data.dose
    pdf = _pdf()
    pdf.footer_text = t("footer", plan=plan.label, patient=plan.patient.id) + "  |  " + \
        t("generated", time=data.generated_utc, version=__version__)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 9, t("title"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=7)
    pdf.multi_cell(0, 3.6, t("disclaimer") + "  " + t("generated", time=data.generated_utc, version=__version__),
                   new_x="LMARGIN", new_y="NEXT", align="L" if language() == "zh_CN" else "J")
    # 1. patient and plan
    _heading(pdf, t("h_summary"))
    _pair(pdf, t("patient"), t("patient_value", name=plan.patient.name, id=plan.patient.id))
    kind = t(f"kind_{plan.kind}") if f"kind_{plan.kind}" in EN_KEYS else plan.kind
    _pair(pdf, t("plan"), t("plan_value", label=plan.label, kind=kind, uid=plan.sop_uid))
    _pair(pdf, t("approval"), plan.approval or "-")
    rx, fx = plan.prescription_gy, plan.fractions
    _pair(pdf, t("prescription"), t("prescription_value", rx=num(rx, "g"), fx=fx, per=num(rx / fx, ".3g"))
          if rx and fx else t("prescription_none"))
    refs = "; ".join(f"{d.description or d.number}: {d.type} {d.structure_type}"
                     + (f", Rx {num(d.target_prescription_gy, 'g')} Gy" if d.target_prescription_gy else "")
                     for d in plan.dose_references)
    _pair(pdf, t("dose_references"), refs or "-")
    if dose is not None:
        sp = " x ".join(num(s, "g") for s in reversed(dose.grid.spacing_mm))
        _pair(pdf, t("dose"), t("dose_value", summation=dose.summation_type, type=dose.dose_type, unit=dose.unit_label,
                               dmax=f"{_f(dose.max_gy)} {dose.unit_label}", spacing=sp))
    ss = data.case.structure_set(data.checks.structure_set_uid or "")
    if ss is not None:
        _pair(pdf, t("structures"), t("structures_value", label=ss.label, count=len(ss.rois)))
    if plan.beams:
        pdf.ln(1)
        pdf.set_font("DejaVu", "B", 9)
        pdf.cell(0, 5, t("h_beams"), new_x="LMARGIN", new_y="NEXT")
        ion = any(isinstance(b, IonBeam) for b in plan.beams)
        rows = []
        for b in plan.beams:
            if isinstance(b, IonBeam):
                rows.append([str(b.number), b.name, b.treatment_delivery_type, b.radiation_type,
                             f"{num(b.max_energy_mev_per_u, '.1f')} MeV/u" if b.max_energy_mev_per_u else "-",
                             _f(b.gantry_deg, 1), _f(b.couch_deg, 1),
                             f"{_f(b.meterset, 2)} / {len(b.energy_layers)} / {b.n_spots}"])
            else:
                assert isinstance(b, Beam)
                g = _f(b.gantry_start_deg, 1) + (f"-{_f(b.gantry_stop_deg, 1)} {b.arc_direction}" if b.arc_direction else "")
                rows.append([str(b.number), b.name, b.treatment_delivery_type, b.radiation_type, b.energy_label or "-",
                             g, _f(b.couch_deg, 1), _f(b.meterset, 2)])
        total = sum(float(b.meterset or 0) for b in plan.beams if b.delivers_dose)
        rows.append(["", "", "", "", "", "", "", f"{_f(total, 2)}"])
        _table(pdf, t("beam_cols", meterset=t("meterset_ion") if ion else t("meterset_mu")), rows,
               (6, 26, 22, 17, 20, 22, 15, 32 if ion else 20))
    # 2. checks
    _heading(pdf, t("h_checks"))
    c = data.checks.counts
    pdf.multi_cell(0, 4.4, t("checks_summary", PASS=c["PASS"], WARN=c["WARN"], FAIL=c["FAIL"], NA=c["NOT APPLICABLE"],
                             sha=data.checks.config_sha256[:12]), new_x="LMARGIN", new_y="NEXT")
    bundled = _bundled_check_titles()
    _table(pdf, t("check_cols"), [[_status_text(r.status.value), check_title(r.id, r.title, bundled.get(r.id)),
                                   core_text(r.message)] for r in data.checks.results],
           (14, 52, 116), status_col=0, size=6.5)
    # 3. goals
    _heading(pdf, t("h_goals"))
    if data.goals is None:
        pdf.multi_cell(0, 4.4, t("goals_none"), new_x="LMARGIN", new_y="NEXT")
    else:
        gc = data.goals.counts
        pdf.multi_cell(0, 4.4, t("goals_summary", title=data.goals.protocol.title, **gc), new_x="LMARGIN",
                       new_y="NEXT")
        rows = []
        for gr in data.goals.results:
            lim = f"{gr.goal.comparator} {num(gr.limit, 'g')}" + (f" ({num(gr.acceptable, 'g')})"
                                                                  if gr.acceptable is not None else "")
            rows.append([gr.goal.roi, gr.matched_roi or "-", gr.goal.metric,
                         "-" if gr.value is None else f"{num(gr.value, '.2f')} {gr.unit}", f"{lim} {gr.unit}",
                         _status_text(gr.status)])
        _table(pdf, t("goal_cols"), rows, (30, 30, 32, 30, 34, 26), status_col=5)
    # 4. DVH
    if data.dvhs:
        pdf.add_page()
        _heading(pdf, t("h_dvh"))
        unit = data.dvhs[0].unit
        pdf.image(io.BytesIO(dvh_figure(data.dvhs, unit)), w=182)
        pdf.multi_cell(0, 4.0, t("dvh_unit", unit=unit), new_x="LMARGIN", new_y="NEXT")
        rows = []
        for h in data.dvhs:
            ok = h.covered_cc > 0 and not h.is_relative
            d = {p: (h.dose_at_percent(p) if ok else None) for p in STANDARD_D_PERCENT}
            rows.append([h.roi_name, _f(h.volume_cc, 2), _f(h.dmin if ok else None), _f(h.dmean if ok else None),
                         _f(h.dmax if ok else None), _f(d[98]), _f(d[95]), _f(d[50]), _f(d[2])])
        _table(pdf, t("dvh_cols"), rows, (38, 22, 17, 17, 17, 17, 17, 17, 20))
    # 5. key slices
    if dose is not None and data.target_center_mm is not None:
        _heading(pdf, t("h_slices"))
        rois = [r for r in ss.rois if r.closed_contours] if ss is not None else []
        image = data.case.image_for_frame(dose.frame_of_reference_uid)
        pdf.image(io.BytesIO(slices_figure(dose, image, rois, data.target_center_mm)), w=182)
        x, y, z = (num(v, ".1f") for v in data.target_center_mm)
        pdf.multi_cell(0, 4.0, t("slices_caption", unit=dose.unit_label, low=10, target=data.target_name, x=x, y=y, z=z),
                       new_x="LMARGIN", new_y="NEXT")
    # 6. comparison
    _heading(pdf, t("h_compare"))
    cmp = data.comparison
    if cmp is None:
        pdf.multi_cell(0, 4.4, t("compare_none"), new_x="LMARGIN", new_y="NEXT")
    else:
        a, b = cmp.dose_a, cmp.dose_b
        pdf.multi_cell(0, 4.4, t("compare_value", a=f"{cmp.label_a} ({a.dose_type} {a.summation_type})",
                                 b=f"{cmp.label_b} ({b.dose_type} {b.summation_type})"), new_x="LMARGIN", new_y="NEXT")
        if (a.dose_type, a.summation_type) != (b.dose_type, b.summation_type):
            pdf.multi_cell(0, 4.4, t("compare_mixed", a_type=f"{a.dose_type} {a.summation_type}",
                                     b_type=f"{b.dose_type} {b.summation_type}"), new_x="LMARGIN", new_y="NEXT")
        gm, cr = cmp.gamma, cmp.gamma.criteria
        pdf.multi_cell(0, 4.4, t("gamma_value", dd=_g(cr.get("dd_pct")), dta=_g(cr.get("dta_mm")),
                                 mode=t("gamma_local") if cr.get("local") else t("gamma_global"),
                                 cutoff=_g(cr.get("cutoff_pct")),
                                 rate=_f(gm.pass_rate_pct), voxels=gm.evaluated_voxels, mean=_f(gm.gamma_mean, 3),
                                 p95=_f(gm.gamma_p95, 3)), new_x="LMARGIN", new_y="NEXT")
        st = cmp.difference_stats
        pdf.multi_cell(0, 4.4, t("diff_value", mean=_f(st.mean_gy), min=_f(st.min_gy), max=_f(st.max_gy),
                                 rms=_f(st.rms_gy)), new_x="LMARGIN", new_y="NEXT")
        rows = []
        for r in cmp.structures:  # rows are dicts (compare --json style) or typed rows (the workspace)
            ra, rb, rd = _get(r, "a"), _get(r, "b"), _get(r, "diff")
            rows.append([str(_get(r, "name")), _f(_get(ra, "dmean_gy")), _f(_get(rb, "dmean_gy")),
                         _f(_get(rd, "dmean_gy")), _f(_get(ra, "dmax_gy")), _f(_get(rb, "dmax_gy"))])
        if rows:
            _table(pdf, t("compare_cols"), rows, (52, 26, 26, 26, 26, 26))
    # 7. annotations
    _heading(pdf, t("h_annotations"))
    if not data.annotations:
        pdf.multi_cell(0, 4.4, t("annotations_none"), new_x="LMARGIN", new_y="NEXT")
    else:
        rows = [[a.status, a.target + (f": {a.target_ref}" if a.target_ref else ""), a.author, a.text]
                for a in data.annotations]
        _table(pdf, t("annotation_cols"), rows, (18, 40, 26, 98))
    # 8. sign-off
    _heading(pdf, t("h_signoff"))
    e = data.signoff
    if e is None:
        pdf.multi_cell(0, 5.0, t("signoff_none"), new_x="LMARGIN", new_y="NEXT")
    else:
        info = e.data
        decision = str(info.get("decision", ""))
        _pair(pdf, t("decision"), t(f"decision_{decision}") if f"decision_{decision}" in EN_KEYS else decision.upper())
        _pair(pdf, t("reviewer"), f"{e.user} ({e.role})")
        _pair(pdf, t("time"), e.time_utc)
        comments = info.get("comments") or []
        _pair(pdf, t("comments"), "; ".join(
            (f"[{c['target']}{': ' + c['ref'] if c.get('ref') else ''}] " if c.get("target") != "plan" else "")
            + c["text"] for c in comments) or "-")
        sr = info.get("sr") or {}
        _pair(pdf, t("sr"), f"{sr.get('sop_uid', '-')}")
        _pair(pdf, t("audit_hash"), f"#{e.seq} sha256 {e.hash}")
        _pair(pdf, t("audit_log"), data.audit_log)
        for note in data.signoff_notes:
            pdf.set_font("DejaVu", "B", 9)
            pdf.multi_cell(0, 5.0, note, new_x="LMARGIN", new_y="NEXT", align="L")
    out = Path(out)
    write_file(out, bytes(pdf.output()))
    return out
