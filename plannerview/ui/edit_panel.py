"""The "Edit contours" dock: choose or create an ROI, pick a tool and its size, delete a slice's
contour, interpolate missing slices, undo/redo, and save the edits as a new structure set.

The panel drives :class:`plannerview.ui.contour_tools.ContourTools`; saving goes through the
Qt-free :func:`plannerview.review.contour_edit.save_edited_structure_set` (the one RTSTRUCT save
path, shared with ``contour``, ``margin`` and ``roi-op``; holes as ``xor`` or ``keyhole``, chosen in
the save dialog), then adds the new structure set to the workspace (a derived object with its
provenance, shown in the case browser) and selects it. The input files are never changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..compute.mask_to_contours import HOLE_MODES
from ..review.contour_edit import SavedStructureSet, save_edited_structure_set
from .contour_tools import MAX_RADIUS_MM, MIN_RADIUS_MM, TOOLS, ContourTools
from .i18n import QT_TRANSLATE_NOOP
from .session import QtSession
from .tool_buttons import select_tool

TOOL_NAMES = {"brush": QT_TRANSLATE_NOOP("EditPanel", "Brush"), "eraser": QT_TRANSLATE_NOOP("EditPanel", "Eraser"),
              "polygon": QT_TRANSLATE_NOOP("EditPanel", "Polygon"), "freehand": QT_TRANSLATE_NOOP("EditPanel", "Freehand")}
TOOL_TIPS = {"brush": QT_TRANSLATE_NOOP("EditPanel", "Paint: click or drag"),
             "eraser": QT_TRANSLATE_NOOP("EditPanel", "Erase: click or drag"),
             "polygon": QT_TRANSLATE_NOOP("EditPanel", "Click vertices; double-click or Enter closes"),
             "freehand": QT_TRANSLATE_NOOP("EditPanel", "Press, draw the outline, release")}


class EditPanel(QWidget):
    saved = Signal(object)  # SavedStructureSet

    def __init__(self, qs: QtSession, tools: ContourTools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.s = qs.model
        self.tools = tools
        self.setObjectName("edit_panel")
        # ROI
        self.roi_combo = QComboBox()
        self.edit_btn = QPushButton(self.tr("Edit"))
        self.edit_btn.setToolTip(self.tr("Edit a copy of this ROI (the structure set is not changed)"))
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("new ROI name"))
        self.new_btn = QPushButton(self.tr("New ROI"))
        self.current_label = QLabel(self.tr("Editing: —"))
        roi_box = QGroupBox(self.tr("ROI"))
        rl = QVBoxLayout(roi_box)
        r1 = QHBoxLayout()
        r1.addWidget(self.roi_combo, 1)
        r1.addWidget(self.edit_btn)
        r2 = QHBoxLayout()
        r2.addWidget(self.new_name, 1)
        r2.addWidget(self.new_btn)
        rl.addLayout(r1)
        rl.addLayout(r2)
        rl.addWidget(self.current_label)
        # tools
        self.tool_buttons: dict[str, QToolButton] = {}
        self.tool_group = QButtonGroup(self)
        self.tool_group.setExclusive(False)  # so the checked tool can be unchecked (back to navigation)
        tool_box = QGroupBox(self.tr("Tool (axial view)"))
        tl = QVBoxLayout(tool_box)
        row = QHBoxLayout()
        for name in TOOLS:
            b = QToolButton()
            b.setText(QCoreApplication.translate("EditPanel", TOOL_NAMES[name]) if name in TOOL_NAMES
                      else name.capitalize())
            b.setCheckable(True)
            b.setToolTip(QCoreApplication.translate("EditPanel", TOOL_TIPS[name]) if name in TOOL_TIPS else "")
            b.setObjectName(f"tool_{name}")
            self.tool_group.addButton(b)
            self.tool_buttons[name] = b
            row.addWidget(b)
            b.toggled.connect(lambda on, nm=name: select_tool(self.tool_buttons, self.tools, nm, on))
        tl.addLayout(row)
        form = QFormLayout()
        self.size_spin = QDoubleSpinBox()
        self.size_spin.setRange(MIN_RADIUS_MM, MAX_RADIUS_MM)
        self.size_spin.setSingleStep(1.0)
        self.size_spin.setDecimals(1)
        self.size_spin.setSuffix(" mm")
        self.size_spin.setValue(tools.radius_mm)
        self.size_spin.setToolTip(self.tr("Brush and eraser radius ([ and ] in the view)"))
        form.addRow(self.tr("Brush radius"), self.size_spin)
        tl.addLayout(form)
        # slices
        slice_box = QGroupBox(self.tr("Slices"))
        sl = QVBoxLayout(slice_box)
        self.delete_btn = QPushButton(self.tr("Delete contour on this slice"))
        self.interp_btn = QPushButton(self.tr("Interpolate to the nearest drawn slices"))
        self.k0_spin, self.k1_spin = QSpinBox(), QSpinBox()
        for sp in (self.k0_spin, self.k1_spin):
            sp.setRange(1, 1)
            sp.setToolTip(self.tr("slice number as shown in the axial view"))
        self.interp_between_btn = QPushButton(self.tr("Interpolate between"))
        r3 = QHBoxLayout()
        r3.addWidget(self.interp_between_btn)
        r3.addWidget(self.k0_spin)
        r3.addWidget(QLabel(self.tr("and")))
        r3.addWidget(self.k1_spin)
        sl.addWidget(self.delete_btn)
        sl.addWidget(self.interp_btn)
        sl.addLayout(r3)
        # undo / redo / save
        self.undo_action = QAction(self.tr("Undo edit"), self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = QAction(self.tr("Redo edit"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for a in (self.undo_action, self.redo_action):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)
        self.undo_btn, self.redo_btn = QToolButton(), QToolButton()
        self.undo_btn.setDefaultAction(self.undo_action)
        self.redo_btn.setDefaultAction(self.redo_action)
        self.save_btn = QPushButton(self.tr("Save as new structure set…"))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        r4 = QHBoxLayout()
        r4.addWidget(self.undo_btn)
        r4.addWidget(self.redo_btn)
        r4.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        for w in (roi_box, tool_box, slice_box):
            lay.addWidget(w)
        lay.addLayout(r4)
        lay.addWidget(self.save_btn)
        lay.addWidget(self.status)
        lay.addStretch(1)
        # wiring
        self.edit_btn.clicked.connect(lambda: self._guard(lambda: self.edit_existing(self.roi_combo.currentText())))
        self.new_btn.clicked.connect(lambda: self._guard(lambda: self.new_roi(self.new_name.text())))
        self.new_name.returnPressed.connect(self.new_btn.click)
        self.size_spin.valueChanged.connect(tools.set_radius)
        self.delete_btn.clicked.connect(lambda: self._guard(tools.delete_slice))
        self.interp_btn.clicked.connect(lambda: self._guard(self.interpolate))
        self.interp_between_btn.clicked.connect(
            lambda: self._guard(lambda: self.interpolate(self.k0_spin.value() - 1, self.k1_spin.value() - 1)))
        self.undo_action.triggered.connect(tools.undo)
        self.redo_action.triggered.connect(tools.redo)
        self.save_btn.clicked.connect(self.save_dialog)
        tools.changed.connect(self._sync)
        tools.changed.connect(self._suggest_pair)
        for v in tools.views:
            if v.view == "axial":
                v.slice_changed.connect(lambda _k: self._suggest_pair())
        qs.selection_changed.connect(lambda _e: self._populate())
        self._populate()
        self._sync()

    # --- commands (also what tests call) ---------------------------------------------------------------
    def edit_existing(self, name: str) -> None:
        self.tools.edit_roi(name)
        self.status.setText(self.tr("editing a copy of {roi}").format(roi=name))

    def new_roi(self, name: str) -> None:
        self.tools.new_roi(name)
        self.new_name.clear()
        self.status.setText(self.tr("new ROI {roi}").format(roi=name.strip()))

    def set_tool(self, tool: str | None) -> None:
        """Choose a tool (the buttons follow) or None for normal navigation."""
        self.tools.set_tool(tool)

    def interpolate(self, k0: int | None = None, k1: int | None = None) -> tuple[int, int]:
        lo, hi = self.tools.interpolate(k0, k1)
        self.status.setText(self.tr("interpolated slices {first}-{last} between {lower} and {upper}").format(
            first=lo + 2, last=hi, lower=lo + 1, upper=hi + 1))
        return lo, hi

    def save_as(self, path: str | Path, holes: str = "xor", label: str = "manual edit") -> SavedStructureSet:
        """Save every modified ROI into a new structure set at ``path`` (holes ``"xor"`` or
        ``"keyhole"``), add it to the workspace and select it."""
        s = self.s
        edits = self.tools.modified_edits()
        if s.image is None or s.case is None:
            raise ValueError("no image loaded")
        if not edits:
            raise ValueError("no edits to save")
        image, plan, dose, cursor = s.image, s.plan, s.dose, s.cursor_mm
        res = save_edited_structure_set(image, s.structure_set, [e.to_saved() for e in edits], path,
                                        holes=holes, label=label)
        ss = self.qs.workspace.add_structure_set(res.structure_set, res.provenance, file=res.path)
        self.tools.discard_all()  # the edits are in the new structure set now
        s.select(image=image, structure_set=ss, plan=plan, dose=dose)
        s.set_cursor(cursor)
        names = ", ".join(r.name for r in res.rois)
        self.status.setText(self.tr("saved {rois} to {file}").format(rois=names, file=Path(res.path).name))
        self.saved.emit(res)
        return res

    def save_dialog(self) -> None:
        dlg = SaveStructureSetDialog(self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.path():
            self._guard(lambda: self.save_as(dlg.path(), holes=dlg.holes(), label=dlg.label()))

    # --- internals --------------------------------------------------------------------------------------
    def _guard(self, fn: object) -> None:
        try:
            fn()  # type: ignore[operator]
        except (ValueError, KeyError, IndexError, FileExistsError, OSError) as exc:
            self.status.setText(str(exc).strip("'\""))

    def _suggest_pair(self) -> None:
        """Show the slices "Interpolate to the nearest drawn slices" would use in the two boxes."""
        ed = self.tools.editor
        if ed is None:
            return
        try:
            pair = ed.interpolation_pair(self.tools.current_slice())
        except ValueError:
            return
        if pair is not None:
            self.k0_spin.setValue(pair[0] + 1)
            self.k1_spin.setValue(pair[1] + 1)

    def _populate(self) -> None:
        ss = self.s.structure_set
        current = self.roi_combo.currentText()
        self.roi_combo.blockSignals(True)
        self.roi_combo.clear()
        if ss is not None:
            self.roi_combo.addItems([r.name for r in ss.rois if r.planes])
        i = self.roi_combo.findText(current)
        if i >= 0:
            self.roi_combo.setCurrentIndex(i)
        self.roi_combo.blockSignals(False)
        n = self.s.image.grid.shape_zyx[0] if self.s.image is not None else 1
        for sp in (self.k0_spin, self.k1_spin):
            sp.setRange(1, n)
        self._sync()

    def _sync(self) -> None:
        t = self.tools
        ed = t.editor
        has = ed is not None
        self.current_label.setText(self.tr("Editing: {roi}").format(roi=t.current.name)
                                   + (" " + self.tr("(new)") if t.current.source is None else "")
                                   if t.current is not None else self.tr("Editing: —"))
        self.undo_action.setEnabled(bool(ed and ed.can_undo))
        self.redo_action.setEnabled(bool(ed and ed.can_redo))
        for w in (self.delete_btn, self.interp_btn, self.interp_between_btn):
            w.setEnabled(has)
        self.save_btn.setEnabled(bool(t.modified_edits()))
        image_ok = self.s.image is not None
        for w in (self.edit_btn, self.new_btn):
            w.setEnabled(image_ok)
        if abs(self.size_spin.value() - t.radius_mm) > 1e-9:
            self.size_spin.blockSignals(True)
            self.size_spin.setValue(t.radius_mm)
            self.size_spin.blockSignals(False)
        for name, b in self.tool_buttons.items():
            if b.isChecked() != (t.tool == name):
                b.blockSignals(True)
                b.setChecked(t.tool == name)
                b.blockSignals(False)


class SaveStructureSetDialog(QDialog):
    """Where to save the edits, the new structure set's label, and how holes are written."""

    HOLE_TIPS = {
        "xor": QT_TRANSLATE_NOOP("SaveStructureSetDialog", "each hole is its own contour inside the outer one "
                                 "(Eclipse, plannerview, dicompyler-core)"),
        "keyhole": QT_TRANSLATE_NOOP("SaveStructureSetDialog", "each hole is spliced into its outer contour through a "
                                     "zero-width cut, so readers that OR a plane's contours (plastimatch's default) "
                                     "keep it too"),
    }

    def __init__(self, parent: QWidget | None = None, path: str = "RS_edited.dcm") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save as new structure set"))
        self.path_edit = QLineEdit(path)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.label_edit = QLineEdit("manual edit")
        self.holes_combo = QComboBox()
        tips = {k: QCoreApplication.translate("SaveStructureSetDialog", v) for k, v in self.HOLE_TIPS.items()}
        for mode in HOLE_MODES:  # the modes are the names the CLI's --holes takes: shown as they are
            self.holes_combo.addItem(mode)
            self.holes_combo.setItemData(self.holes_combo.count() - 1, tips.get(mode, ""),
                                         Qt.ItemDataRole.ToolTipRole)
        self.holes_combo.setToolTip(self.tr("How holes are written: {modes}").format(
            modes="; ".join(f"{k}: {v}" for k, v in tips.items())))
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Label"), self.label_edit)
        form.addRow(self.tr("Holes"), self.holes_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("A new file: the source structure set is never changed.")))
        lay.addWidget(buttons)

    def _browse(self) -> None:
        fn, _ = QFileDialog.getSaveFileName(self, self.tr("Save as new structure set"), self.path_edit.text(),
                                            "DICOM (*.dcm)")
        if fn:
            self.path_edit.setText(fn)

    def path(self) -> str:
        return self.path_edit.text().strip()

    def holes(self) -> str:
        return self.holes_combo.currentText()

    def label(self) -> str:
        return self.label_edit.text().strip() or "manual edit"
