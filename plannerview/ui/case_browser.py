"""Case browser: patient / study / frame of reference / objects, with preflight findings beside them.

Derived objects (doses and structure sets added to the workspace by a sum, a plugin or the contour
editor) are listed with the loaded ones, marked "derived" (italic); their provenance shows in the
tooltip and, for the selected object, in the details view below the tree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..model.case import Case
from ..model.common import DicomObject
from ..model.dose import DoseGrid
from ..model.findings import Finding, Severity
from ..model.image import ImageVolume
from ..model.plan import IonPlan, Plan
from ..model.provenance import Provenance
from ..model.structures import StructureSet
from .i18n import QT_TRANSLATE_NOOP, num, say
from .paths import ICONS
from .session import QtSession
from .terms import PLAN_KINDS, summation_text, term

translate = QCoreApplication.translate
ROLE_OBJECT = Qt.ItemDataRole.UserRole + 1
DERIVED_MARK = QT_TRANSLATE_NOOP("CaseBrowser", "derived")
SEVERITIES = {"error": QT_TRANSLATE_NOOP("CaseBrowser", "error"), "warning": QT_TRANSLATE_NOOP("CaseBrowser", "warning"),
              "info": QT_TRANSLATE_NOOP("CaseBrowser", "info")}


def _derived() -> str:
    return translate("CaseBrowser", DERIVED_MARK)


def _severity(f: Finding) -> str:
    s = f.severity.value
    return translate("CaseBrowser", SEVERITIES[s]) if s in SEVERITIES else s
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def severity_icon(sev: Severity | None) -> QIcon:
    name = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}.get(sev, "ok")  # type: ignore[arg-type]
    return QIcon(str(ICONS / f"{name}.svg"))


def findings_by_object(case: Case) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Findings keyed by id() of the object they concern (by UID, else by file); the rest unattached."""
    by_uid: dict[str, DicomObject] = {}
    by_file: dict[str, DicomObject] = {}
    for o in case.objects:
        for uid in (o.sop_uid, o.series_uid):
            if uid:
                by_uid.setdefault(uid, o)
        files = [o.file] + (list(o.slice_files) if isinstance(o, ImageVolume) else [])
        for name in files:
            if name:
                by_file.setdefault(str(Path(name)), o)
    out: dict[int, list[Finding]] = defaultdict(list)
    rest: list[Finding] = []
    for f in case.findings:
        owner = by_uid.get(f.object_uid) if f.object_uid else None
        if owner is None and f.file:
            owner = by_file.get(str(Path(f.file)))
        if owner is None:
            rest.append(f)
        else:
            out[id(owner)].append(f)
    return out, rest


def _describe(o: DicomObject) -> str:
    if isinstance(o, ImageVolume):
        nz, ny, nx = o.grid.shape_zyx
        return f"{o.modality} {o.description or ''}  {nx}x{ny}x{nz}  {o.patient_position}".strip()
    if isinstance(o, StructureSet):
        return f"RTSTRUCT {o.label}  (" + translate("CaseBrowser", "{count} ROIs").format(count=len(o.rois)) + ")"
    if isinstance(o, Plan | IonPlan):
        rx = f"{num(o.prescription_gy, 'g')} {o.dose_unit_label}" if o.prescription_gy else translate("CaseBrowser",
                                                                                                       "no Rx")
        return (f"{'RT Ion Plan' if isinstance(o, IonPlan) else 'RTPLAN'} {o.label}  {term(PLAN_KINDS, o.kind)}, "
                f"{rx}, {o.approval}")
    if isinstance(o, DoseGrid):
        return f"RTDOSE {summation_text(o)} {o.value_unit}  {o.label}"
    return type(o).__name__


def provenance_text(p: Provenance) -> str:
    """A few lines saying how a derived object was made."""
    params = json.dumps(p.parameters, sort_keys=True, default=str)
    if len(params) > 400:
        params = params[:400] + " …"
    lines = [translate("CaseBrowser", "made by {engine} {version}").format(engine=p.engine, version=p.version),
             translate("CaseBrowser", "on {time} by {user}").format(time=p.time_utc, user=p.user),
             translate("CaseBrowser", "parameters {parameters}").format(parameters=params)]
    if p.inputs:
        lines.append(translate("CaseBrowser", "from {inputs}").format(inputs=", ".join(p.inputs)))
    return "\n".join(lines)


def object_details(o: DicomObject, provenance: Provenance | None) -> str:
    """The details view's text for one object: what it is, its identity, and how it was made."""
    lines = [_describe(o), f"SOP Instance UID {o.sop_uid}",
             translate("CaseBrowser", "frame of reference {uid}").format(uid=o.frame_of_reference_uid or "?"),
             translate("CaseBrowser", "file {file}").format(file=o.file or translate("CaseBrowser", "(not saved)"))]
    if isinstance(o, DoseGrid):
        lines.append(translate("CaseBrowser", "plan {uid}; TPS DVHs {count}").format(
            uid=o.referenced_plan_uid or translate("CaseBrowser", "(none)"), count=len(o.tps_dvhs)))
    if provenance is not None:
        lines += ["", translate("CaseBrowser", "Derived — {how}").format(how=provenance_text(provenance))]
    return "\n".join(lines)


class CaseBrowser(QWidget):
    """A tree of the case (derived objects included, marked); clicking an image, structure set,
    plan or dose shows it, and the details view below says what it is and how it was made."""

    def __init__(self, qs: QtSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Object"), self.tr("Findings")])
        self.tree.setColumnWidth(0, 300)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("object_details")
        self.details.setPlaceholderText(self.tr("click an object for its details"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.tree.itemClicked.connect(self._clicked)
        qs.case_changed.connect(lambda e: self.populate(e.case))
        qs.object_added.connect(lambda _e: self.populate(qs.workspace.case))
        self.object_items: dict[str, QTreeWidgetItem] = {}
        self.finding_items: list[QTreeWidgetItem] = []

    def is_derived(self, uid: str) -> bool:
        return self.qs.workspace.is_derived(uid)

    def populate(self, case: Case | None) -> None:
        self.tree.clear()
        self.object_items = {}
        self.finding_items = []
        if case is None:
            return
        attached, rest = findings_by_object(case)
        patients: dict[str, QTreeWidgetItem] = {}
        studies: dict[tuple[str, str], QTreeWidgetItem] = {}
        frames: dict[tuple[str, str, str], QTreeWidgetItem] = {}
        for o in case.objects:
            pk = o.patient.id or "?"
            if pk not in patients:
                it = QTreeWidgetItem([self.tr("Patient {name}  ({id})").format(
                    name=o.patient.name.replace("^", " ") or "?", id=pk)])
                self.tree.addTopLevelItem(it)
                patients[pk] = it
            sk = (pk, o.study_uid)
            if sk not in studies:
                studies[sk] = QTreeWidgetItem(patients[pk], [self.tr("Study …{uid}").format(uid=o.study_uid[-12:] or "?")])
            fk = (pk, o.study_uid, o.frame_of_reference_uid)
            if fk not in frames:
                frames[fk] = QTreeWidgetItem(studies[sk], [self.tr("Frame of reference …{uid}").format(
                    uid=o.frame_of_reference_uid[-12:] or "?")])
            prov = self.qs.workspace.provenance_of(o.sop_uid)
            item = QTreeWidgetItem(frames[fk], [(f"{_derived()} · " if prov is not None else "") + _describe(o)])
            item.setData(0, ROLE_OBJECT, o)
            item.setToolTip(0, o.file or o.sop_uid)
            if prov is not None:
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
                item.setToolTip(0, f"{_derived()}: {o.file or self.tr('in memory')}\n{provenance_text(prov)}")
            self.object_items[o.sop_uid] = item
            fs = sorted(attached.get(id(o), []), key=lambda f: _RANK[f.severity])
            if fs:
                item.setIcon(1, severity_icon(fs[0].severity))
                item.setText(1, f"{len(fs)}")
                item.setToolTip(1, "\n".join(f"{_severity(f)}: {f.code}: {say(f.message)}" for f in fs))
                for f in fs:
                    fi = QTreeWidgetItem(item, [f"{f.code}: {say(f.message)}"])
                    fi.setIcon(0, severity_icon(f.severity))
                    fi.setToolTip(0, f"{_severity(f)}: {say(f.message)}\n{f.file}")
                    self.finding_items.append(fi)
            else:
                item.setIcon(1, severity_icon(None))
        if rest:
            top = QTreeWidgetItem([self.tr("Files and findings not tied to a loaded object ({count})").format(
                count=len(rest))])
            worst = min(rest, key=lambda f: _RANK[f.severity]).severity
            top.setIcon(0, severity_icon(worst))
            self.tree.addTopLevelItem(top)
            for f in sorted(rest, key=lambda f: _RANK[f.severity]):
                fi = QTreeWidgetItem(top, [f"{Path(f.file).name or '-'}: {say(f.message)}", f.code])
                fi.setIcon(0, severity_icon(f.severity))
                fi.setToolTip(0, f"{_severity(f)}: {f.code}\n{say(f.message)}\n{f.file}")
                self.finding_items.append(fi)
        self.tree.expandAll()

    def show_details(self, o: DicomObject) -> str:
        """Show one object's details (identity, file, provenance when derived) below the tree."""
        text = object_details(o, self.qs.workspace.provenance_of(o.sop_uid))
        self.details.setPlainText(text)
        return text

    def _clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        o = item.data(0, ROLE_OBJECT)
        if isinstance(o, DicomObject):
            self.show_details(o)
        s = self.qs.model
        if isinstance(o, ImageVolume):
            s.select(image=o)
        elif isinstance(o, StructureSet):
            s.select(structure_set=o)
        elif isinstance(o, Plan | IonPlan):
            s.select(plan=o)
        elif isinstance(o, DoseGrid):
            s.select(dose=o)
