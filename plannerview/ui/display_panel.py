"""Display controls: window/level presets, dose wash thresholds and opacity, isodose levels,
the blend of a registered secondary image, and the explicit scaling of a per-fraction dose to the
whole course (the FRACTION rule: a FRACTION dose is shown per fraction unless this is ticked)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSlider,
    QWidget,
)

from ..io.registration import place_on_frame
from ..review.session import WINDOW_PRESETS
from .session import QtSession


def parse_levels(text: str) -> tuple[float, ...]:
    vals = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().rstrip("%").strip()
        if part:
            vals.append(float(part))
    return tuple(sorted(vals, reverse=True))


class DisplayPanel(QWidget):
    def __init__(self, qs: QtSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        s = qs.model
        dd = s.dose_display
        form = QFormLayout(self)
        self.preset = QComboBox()
        self.preset.addItems(["(custom)", *WINDOW_PRESETS])
        self.preset.setCurrentText("soft tissue")
        self.preset.currentTextChanged.connect(self._preset)
        form.addRow("Window preset", self.preset)
        self.show_wash = QCheckBox("Colour wash")
        self.show_wash.setChecked(dd.show_wash)
        self.show_iso = QCheckBox("Isodose lines")
        self.show_iso.setChecked(dd.show_isodoses)
        form.addRow(self.show_wash, self.show_iso)
        self.wash_lower = QDoubleSpinBox()
        self.wash_upper = QDoubleSpinBox()
        for w, v in ((self.wash_lower, dd.lower_percent), (self.wash_upper, dd.upper_percent)):
            w.setRange(0, 300)
            w.setSuffix(" % Rx")
            w.setValue(v)
        form.addRow("Wash from", self.wash_lower)
        form.addRow("Wash to", self.wash_upper)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(int(dd.opacity * 100))
        form.addRow("Wash opacity", self.opacity)
        self.levels = QLineEdit(", ".join(f"{v:g}" for v in dd.levels))
        self.unit = QComboBox()
        self.unit.addItem("%", "%")
        self.unit.addItem("Gy", "Gy")  # shown as the dose's unit (Gy(RBE) for an EFFECTIVE dose)
        self.unit.setCurrentIndex(max(0, self.unit.findData(dd.levels_unit)))
        form.addRow("Isodose levels", self.levels)
        form.addRow("Levels in", self.unit)
        self.overlay = QComboBox()
        self.blend = QSlider(Qt.Orientation.Horizontal)
        self.blend.setRange(0, 100)
        self.blend.setValue(int(s.overlay_blend * 100))
        form.addRow("Registered image", self.overlay)
        form.addRow("Blend", self.blend)
        self.scale_course = QCheckBox("Per-fraction dose: show the whole course")
        self.scale_course.setToolTip("A dose labelled FRACTION holds one fraction. Tick to multiply it by the "
                                     "plan's number of fractions (a new, labelled dose); untick to go back.")
        self.scale_course.setEnabled(False)
        self.scale_course.setVisible(False)
        form.addRow(self.scale_course)
        self.scale_course.toggled.connect(self._scale_course)
        qs.selection_changed.connect(lambda _e: self._sync_scale())
        self.show_wash.toggled.connect(lambda v: s.set_dose_display(show_wash=v))
        self.show_iso.toggled.connect(lambda v: s.set_dose_display(show_isodoses=v))
        self.wash_lower.valueChanged.connect(lambda v: s.set_dose_display(lower_percent=float(v)))
        self.wash_upper.valueChanged.connect(lambda v: s.set_dose_display(upper_percent=float(v)))
        self.opacity.valueChanged.connect(lambda v: s.set_dose_display(opacity=v / 100.0))
        self.levels.editingFinished.connect(self._levels)
        self.unit.currentIndexChanged.connect(lambda i: s.set_dose_display(levels_unit=self.unit.itemData(i)))
        self.overlay.currentIndexChanged.connect(self._overlay)
        self.blend.valueChanged.connect(lambda v: s.set_overlay(s.overlay, v / 100.0))
        qs.case_changed.connect(lambda _e: self._fill_overlays())
        qs.window_level_changed.connect(self._wl_changed)

    def _sync_scale(self) -> None:
        d = self.qs.model.dose
        scaled = d is not None and d.fraction_scaling is not None
        self.scale_course.blockSignals(True)
        self.scale_course.setChecked(scaled)
        self.scale_course.blockSignals(False)
        self.unit.setItemText(1, d.value_unit if d is not None and d.is_gy else "Gy")
        relevant = d is not None and (d.per_fraction or scaled)
        self.scale_course.setEnabled(relevant)
        self.scale_course.setVisible(relevant)  # a whole-course dose has nothing to scale: no offer
        plan = self.qs.model.plan
        n = plan.fractions if plan is not None else None
        self.scale_course.setText(f"Per-fraction dose: show the whole course (x {n} fx)" if n
                                  else "Per-fraction dose: show the whole course")

    def _scale_course(self, on: bool) -> None:
        s = self.qs.model
        d = s.dose
        if d is None or s.case is None:
            return
        if on and d.per_fraction:
            try:
                s.select(dose=self.qs.workspace.course_dose(d))
            except ValueError as exc:  # the plan's number of fractions is unknown
                self.scale_course.setToolTip(str(exc))
                self._sync_scale()
        elif not on and d.fraction_scaling is not None:
            src = d.provenance.get("inputs") if isinstance(d.provenance, dict) else None
            ids = [str(x) for x in src] if isinstance(src, list) else []
            original = next((o for o in s.case.doses if o.sop_uid in ids), None)
            if original is not None:
                s.select(dose=original)

    def _preset(self, name: str) -> None:
        if name in WINDOW_PRESETS:
            self.qs.model.apply_preset(name)

    def _wl_changed(self, e: object) -> None:
        s = self.qs.model
        match = next((k for k, (w, lv) in WINDOW_PRESETS.items() if (w, lv) == (s.window, s.level)), "(custom)")
        self.preset.blockSignals(True)
        self.preset.setCurrentText(match)
        self.preset.blockSignals(False)

    def _levels(self) -> None:
        try:
            levels = parse_levels(self.levels.text())
        except ValueError:
            self.levels.setStyleSheet("color: #ff5050")
            return
        self.levels.setStyleSheet("")
        self.qs.model.set_dose_display(levels=levels)

    def _fill_overlays(self) -> None:
        self.overlay.blockSignals(True)
        self.overlay.clear()
        self.overlay.addItem("(none)", None)
        case = self.qs.model.case
        if case is not None:
            for img in case.images:
                if img.modality != "CT" or len(case.images) > 1:
                    self.overlay.addItem(f"{img.modality} {img.label}", img.series_uid)
        self.overlay.blockSignals(False)

    def _overlay(self, _i: int) -> None:
        s = self.qs.model
        uid = self.overlay.currentData()
        case = s.case
        if uid is None or case is None or s.image is None:
            s.set_overlay(None)
            return
        img = next(i for i in case.images if i.series_uid == uid)
        if img.series_uid == s.image.series_uid:
            s.set_overlay(None)
            return
        if img.frame_of_reference_uid != s.image.frame_of_reference_uid:
            reg = next((r for r in case.registrations if r.moving_frame_uid == img.frame_of_reference_uid
                        and r.frame_of_reference_uid == s.image.frame_of_reference_uid), None)
            if reg is None:
                self.overlay.setToolTip("no registration (REG) maps this image onto the primary image's frame")
                s.set_overlay(None)
                return
            img = place_on_frame(img, reg)
        s.set_overlay(img, self.blend.value() / 100.0)
