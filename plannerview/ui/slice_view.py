"""Axial, sagittal and coronal slice views, drawn with QPainter.

Why QPainter rather than VTK for 2D: measured here (software OpenGL under Xvfb), a QPainter frame
of a 512 x 512 CT with dose wash, isodoses and 9 ROIs takes a few milliseconds, the pixels are
exactly what ``QWidget.grab()`` returns (screenshots and tests need no GL read-back), and every
drawn element is in patient millimetres through one QTransform. The 3D view uses VTK.

World coordinates of a view are "plane millimetres": pixel (row r, col c) of the slice covers
[c*du, (c+1)*du] x [r*dv, (r+1)*dv]; the QTransform scales them by one zoom factor in x and y, so
the physical aspect is right for any spacing. Everything that depends only on the slice (CT image,
dose wash, isodose segments, contour paths) is cached per slice; moving the crosshair only
repaints. The pixels themselves (grey levels, wash, colour maps, isodose lines, ROI layers) are
made by the Qt-free ``plannerview.render``; this module turns them into QImage objects and paths,
handles the events and paints.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..compute import slicing
from ..model.geometry import Grid
from ..model.structures import ROI
from ..render import contours as render_contours
from ..render import dose as render_dose
from ..render import grey
from ..render.colormaps import COLORMAPS, lut, map_fraction, map_to_rgba
from ..render.contours import roi_half_thickness_mm
from ..render.dose import DoseSlice
from ..review.session import WINDOW_PRESETS
from .i18n import num
from .qpaths import polygons_path, segments_path
from .session import QtSession
from .terms import VIEWS, capitalized, term
from .theme import isodose_color, roi_color


class _Lru(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or(self, key: Hashable, make: Any) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        val = make()
        self[key] = val
        if len(self) > self.size:
            self.popitem(last=False)
        return val


@dataclass
class ContourLayer:
    """One ROI as drawn in a view (what tests and the ROI list toggle)."""

    roi_number: int
    name: str
    color: QColor
    visible: bool = True


def numpy_to_qimage(arr: np.ndarray, fmt: QImage.Format) -> QImage:
    """A QImage that owns a copy of a C-contiguous uint8 array (grey: 2D, RGBA: rows x cols x 4)."""
    a = np.ascontiguousarray(arr)
    h, w = a.shape[:2]
    bpl = a.strides[0]
    img = QImage(a.data, w, h, bpl, fmt)
    return img.copy()


def _xyz(p: np.ndarray) -> tuple[float, float, float]:
    return (float(p[0]), float(p[1]), float(p[2]))


_QLINES: dict[int, tuple[np.ndarray, list[QLineF]]] = {}


def _lines(segs: np.ndarray) -> list[QLineF]:
    """QLineF objects for segments (N, 2, 2), kept while the (cached) array lives."""
    hit = _QLINES.get(id(segs))
    if hit is not None and hit[0] is segs:
        return hit[1]
    lines = [QLineF(a, b, c, d) for a, b, c, d in segs.reshape(-1, 4).tolist()]
    if len(_QLINES) > 4096:
        _QLINES.clear()
    _QLINES[id(segs)] = (segs, lines)
    return lines


class SliceView(QWidget):
    """One orthogonal view of the session's image with dose, contours, crosshair and ruler."""

    first_frame = Signal()
    slice_changed = Signal(int)
    # how the selected dose is coloured: 'dose' (the wash), 'diverging' or 'gamma' (comparison maps)
    colormap: str = "dose"
    map_range: tuple[float, float] = (0.0, 1.0)  # explicit value range of the comparison maps
    map_title: str = ""  # the colour bar's caption
    overlay_texts: tuple[str, ...] = ()  # the texts the last frame wrote with _place (tests read the words)

    def __init__(self, qs: QtSession, view: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.s = qs.model
        self.view = view
        self.setObjectName(f"slice_{view}")
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.ax: slicing.ViewAxes | None = None
        self.index = 0
        self.plane: slicing.SlicePlane | None = None
        self.zoom_factor = 1.0
        self.center_mm: QPointF | None = None  # plane-mm point at the widget centre
        self.ruler_mode = False
        self.ruler: tuple[np.ndarray, np.ndarray] | None = None  # patient points
        self.layers: dict[int, ContourLayer] = {}
        self._drag: str | None = None
        self._drag_start = QPointF()
        self._drag_value: tuple[float, float] = (0.0, 0.0)
        # contour editing (ui.contour_tools): plain left-button events and keys go to the tool first;
        # it draws over the view after the cached static layer
        self.edit_tool: Any | None = None
        # overlay painters (ui.annotation_tools): called with (view, painter) after the edit tool
        self.overlay_painters: list[Any] = []
        self._first_done = False
        self._ct_cache = _Lru(48)
        self._dose_cache = _Lru(48)
        self._wash_cache = _Lru(24)
        self._iso_cache = _Lru(48)
        self._iso_paths = _Lru(48)
        self._contour_cache = _Lru(2048)
        self._overlay_cache = _Lru(16)
        self._half_thickness: dict[int, float] = {}
        self._half_of: tuple[Any, float] | None = None
        self._static: tuple[tuple, QPixmap] | None = None
        self._qlines: dict[int, list[QLineF]] = {}
        self.last_paint_ms = 0.0
        self.overlay_rects: list[tuple[str, QRectF]] = []  # what the last paint wrote where (never overlapping)
        qs.selection_changed.connect(self._on_selection)
        qs.case_changed.connect(self._on_case)
        qs.cursor_moved.connect(self._on_cursor)
        qs.roi_visibility_changed.connect(self._on_visibility)
        qs.contour_style_changed.connect(lambda _e: self.update())
        qs.window_level_changed.connect(lambda _e: self.update())
        qs.dose_display_changed.connect(self._on_dose_display)
        qs.overlay_changed.connect(self._on_overlay)
        self._on_selection(None)

    # --- session events -------------------------------------------------------------------------
    def _on_case(self, _e: object) -> None:
        for c in (self._ct_cache, self._dose_cache, self._wash_cache, self._iso_cache, self._contour_cache,
                  self._overlay_cache):
            c.clear()
        self.ruler = None

    def _grid(self) -> Grid | None:
        """The grid the view draws on: the image's, or without images a blank canvas around the dose
        grid and the contours (``ReviewSession.display_grid``)."""
        return self.s.display_grid

    def _grid_uid(self) -> str:
        """What identifies the drawing grid in cache keys."""
        if self.s.image is not None:
            return self.s.image.series_uid
        g = self.s.display_grid
        return "" if g is None else f"canvas:{g.shape_zyx}:{g.origin_mm}:{g.spacing_mm}"

    def _on_selection(self, _e: object) -> None:
        grid = self._grid()
        old_ax = self.ax
        self.ax = slicing.view_axes(grid, self.view) if grid is not None else None
        if old_ax != self.ax:
            self.center_mm = None
            self.zoom_factor = 1.0
        self._rebuild_layers()
        self._wash_cache.clear()
        self._iso_cache.clear()
        self._sync_index()
        self.update()

    def _rebuild_layers(self) -> None:
        ss = self.s.structure_set
        self.layers = {}
        if ss is None:
            self._half_thickness = {}
            self._half_of = None
            return
        grid = self._grid()
        fallback = grid.spacing_mm[0] if grid is not None else 2.5
        same = self._half_of is not None and self._half_of[0] is ss and self._half_of[1] == fallback
        if not same:
            self._half_thickness = {}
        for roi in ss.rois:
            if not roi.planes:
                continue
            self.layers[roi.number] = ContourLayer(roi.number, roi.name, roi_color(roi.color_rgb),
                                                   roi.number in self.s.visible_rois)
            if not same:
                self._half_thickness[roi.number] = roi_half_thickness_mm(roi, fallback)
        self._half_of = (ss, fallback)  # the same structure set object again: its plane spacings are known

    def _on_overlay(self, _e: object) -> None:
        self._overlay_cache.clear()
        self.update()

    def _on_visibility(self, e: Any) -> None:
        for n, layer in self.layers.items():
            layer.visible = n in e.visible
        self.update()

    def _on_dose_display(self, _e: object) -> None:
        self._wash_cache.clear()
        self._iso_cache.clear()
        self.update()

    def _on_cursor(self, _e: object) -> None:
        self._sync_index()
        self.update()

    def _sync_index(self) -> None:
        grid = self._grid()
        if self.ax is None or grid is None:
            self.plane = None
            return
        idx = slicing.slice_index_for_point(grid, self.ax, self.s.cursor_mm)
        if idx != self.index or self.plane is None:
            self.index = idx
            self.plane = slicing.slice_plane(grid, self.ax, idx)
            self.slice_changed.emit(idx)

    # --- geometry ---------------------------------------------------------------------------------
    def world_size(self) -> tuple[float, float]:
        ax = self.ax
        return (ax.cols * ax.du_mm, ax.rows * ax.dv_mm) if ax else (1.0, 1.0)

    def base_scale(self) -> float:
        w, h = self.world_size()
        return 0.96 * min(self.width() / w, self.height() / h)

    def transform(self) -> QTransform:
        """Plane millimetres -> widget pixels."""
        w, h = self.world_size()
        c = self.center_mm or QPointF(w / 2, h / 2)
        z = self.base_scale() * self.zoom_factor
        t = QTransform()
        t.translate(self.width() / 2, self.height() / 2)
        t.scale(z, z)
        t.translate(-c.x(), -c.y())
        return t

    def patient_to_world(self, xyz: np.ndarray | tuple[float, ...]) -> tuple[QPointF, float]:
        """Plane-mm point of a patient point, and its distance (mm) from the plane."""
        assert self.plane is not None and self.ax is not None
        r, c, d = self.plane.from_patient(xyz)
        return QPointF((c + 0.5) * self.ax.du_mm, (r + 0.5) * self.ax.dv_mm), d

    def widget_to_patient(self, pos: QPointF) -> np.ndarray | None:
        if self.plane is None or self.ax is None:
            return None
        inv, ok = self.transform().inverted()
        if not ok:
            return None
        wp = inv.map(pos)
        col = wp.x() / self.ax.du_mm - 0.5
        row = wp.y() / self.ax.dv_mm - 0.5
        return self.plane.to_patient(row, col)

    def patient_to_widget(self, xyz: np.ndarray | tuple[float, ...]) -> QPointF:
        wp, _ = self.patient_to_world(xyz)
        return self.transform().map(wp)

    def edge_labels(self) -> dict[str, str]:
        return slicing.edge_labels(self.ax) if self.ax else {}

    # --- interaction ------------------------------------------------------------------------------
    def scroll(self, steps: int) -> None:  # type: ignore[override]  # not QWidget.scroll(dx, dy)
        """Move the crosshair ``steps`` slices along this view's normal (screen-independent)."""
        grid = self._grid()
        if self.ax is None or grid is None:
            return
        new = int(np.clip(self.index + steps, 0, self.ax.n_slices - 1))
        if new == self.index:
            return
        plane = slicing.slice_plane(grid, self.ax, new)
        p = np.asarray(self.s.cursor_mm)
        n = plane.normal
        p = p + float(np.dot(plane.origin_mm - p, n)) * n
        self.s.set_cursor(_xyz(p))

    def reset_view(self) -> None:
        self.zoom_factor = 1.0
        self.center_mm = None
        self.update()

    def zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        inv, _ = self.transform().inverted()
        before = inv.map(anchor) if anchor is not None else None
        self.zoom_factor = float(np.clip(self.zoom_factor * factor, 0.2, 40.0))
        if before is not None and anchor is not None:
            inv2, _ = self.transform().inverted()
            after = inv2.map(anchor)
            c = self.center_mm or QPointF(self.world_size()[0] / 2, self.world_size()[1] / 2)
            self.center_mm = c + (before - after)
        self.update()

    def wheelEvent(self, e: QWheelEvent) -> None:  # noqa: N802
        steps = e.angleDelta().y() / 120.0
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 ** steps, e.position())
        else:
            self.scroll(int(math.copysign(max(1, abs(round(steps))), steps)) if steps else 0)
        e.accept()

    def _to_edit_tool(self, kind: str, e: QMouseEvent) -> bool:
        """Offer a left-button event without modifiers to the edit tool; True when it took it."""
        tool = self.edit_tool
        if tool is None or e.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
                                            | Qt.KeyboardModifier.AltModifier):
            return False
        left = Qt.MouseButton.LeftButton
        if (e.button() if kind != "move" else left) != left or (kind == "move" and e.buttons() & ~left):
            return False
        return bool(getattr(tool, kind)(self, e.position(), self.widget_to_patient(e.position())))

    def keyPressEvent(self, e: Any) -> None:  # noqa: N802
        if self.edit_tool is not None and self.edit_tool.key_press(self, e):
            e.accept()
            return
        super().keyPressEvent(e)

    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        if self._to_edit_tool("press", e):
            e.accept()
            return
        self._drag_start = e.position()
        b = e.button()
        if b == Qt.MouseButton.RightButton:
            self._drag = "wl"
            self._drag_value = (self.s.window, self.s.level)
        elif b == Qt.MouseButton.MiddleButton or (
                b == Qt.MouseButton.LeftButton and e.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self._drag = "pan"
            w, h = self.world_size()
            c = self.center_mm or QPointF(w / 2, h / 2)
            self._drag_value = (c.x(), c.y())
        elif b == Qt.MouseButton.LeftButton and self.ruler_mode:
            p = self.widget_to_patient(e.position())
            if p is not None:
                self.ruler = (p, p.copy())
                self._drag = "ruler"
        elif b == Qt.MouseButton.LeftButton:
            self._drag = "cursor"
            p = self.widget_to_patient(e.position())
            if p is not None:
                self.s.set_cursor(_xyz(p))
        e.accept()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        if self._drag is None and self._to_edit_tool("move", e):
            return
        p = self.widget_to_patient(e.position())
        d = e.position() - self._drag_start
        if self._drag == "wl":
            w0, l0 = self._drag_value
            self.s.set_window_level(w0 * math.exp(d.x() / 200.0), l0 - d.y() * max(1.0, w0) / 400.0)
        elif self._drag == "pan":
            z = self.base_scale() * self.zoom_factor
            self.center_mm = QPointF(self._drag_value[0] - d.x() / z, self._drag_value[1] - d.y() / z)
            self.update()
        elif self._drag == "ruler" and p is not None and self.ruler is not None:
            self.ruler = (self.ruler[0], p)
            self.update()
        elif self._drag == "cursor" and p is not None:
            self.s.set_cursor(_xyz(p))
        if p is not None:
            self.s.set_probe(_xyz(p))

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        if self._drag is None and self._to_edit_tool("release", e):
            return
        self._drag = None

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        if self._to_edit_tool("double_click", e):
            return
        self.reset_view()

    def set_preset(self, name: str) -> None:
        w, lv = WINDOW_PRESETS[name]
        self.s.set_window_level(w, lv)

    def ruler_length_mm(self) -> float | None:
        if self.ruler is None:
            return None
        return float(np.linalg.norm(self.ruler[1] - self.ruler[0]))

    # --- data for one slice (cached) ------------------------------------------------------------------
    def ct_qimage(self) -> QImage | None:
        img = self.s.image
        if self.ax is None:
            return None
        if img is None:  # no image series: a blank canvas the size of the slice
            ax0 = self.ax
            return self._ct_cache.get_or(("canvas", self._grid_uid(), self.view), lambda: numpy_to_qimage(
                np.zeros((ax0.rows, ax0.cols), dtype=np.uint8), QImage.Format.Format_Grayscale8))
        w, lv = self.s.window, self.s.level
        key = (img.series_uid, self.index, round(w, 2), round(lv, 2))

        ax = self.ax

        def make() -> QImage:
            sl = slicing.slice_array(img.voxels, ax, self.index)
            return numpy_to_qimage(grey.window_level_to_uint8(sl, w, lv), QImage.Format.Format_Grayscale8)

        return self._ct_cache.get_or(key, make)

    def dose_slice(self) -> DoseSlice | None:
        """The selected dose on this slice at the dose grid's own resolution (NaN outside the grid),
        with its place in plane mm (``render.dose.DoseSlice``). The stored dose is only read."""
        dose = self.s.dose
        grid = self._grid()
        if dose is None or self.plane is None or grid is None or self.ax is None:
            return None
        if dose.frame_of_reference_uid and grid.frame_of_reference_uid and \
                dose.frame_of_reference_uid != grid.frame_of_reference_uid:
            return None
        key = (dose.sop_uid, self._grid_uid(), self.view, self.index)
        plane, ax = self.plane, self.ax
        return self._dose_cache.get_or(key, lambda: render_dose.dose_on_slice(dose, plane, ax))

    @staticmethod
    def _rect(ds: DoseSlice) -> QRectF:
        return QRectF(ds.x0_mm, ds.y0_mm, ds.width_mm, ds.height_mm)

    def set_colormap(self, name: str, value_range: tuple[float, float] | None = None, title: str = "") -> None:
        """Colour the dose with the wash ('dose') or a comparison map over an explicit range: 'diverging'
        (blue - white - red, give a range symmetric around 0) or 'gamma' (pass <= 1 green, fail red)."""
        if name not in COLORMAPS:
            raise ValueError(f"unknown colour map {name!r}; one of {', '.join(COLORMAPS)}")
        self.colormap = name
        if value_range is not None:
            self.map_range = (float(value_range[0]), float(value_range[1]))
        self.map_title = title
        self._wash_cache.clear()
        self._static = None
        self.update()

    def _map_qimage(self) -> tuple[QImage, QRectF] | None:
        """The dose slice coloured with the comparison map (NaN transparent)."""
        if not self.s.dose_display.show_wash:
            return None
        ds = self.dose_slice()
        if ds is None:
            return None
        lo, hi = self.map_range
        key = (self.s.dose.sop_uid if self.s.dose else "", self.view, self.index, self.colormap, lo, hi)

        def make() -> tuple[QImage, QRectF]:
            rgba = map_to_rgba(ds.values, self.colormap, lo, hi)
            return numpy_to_qimage(rgba, QImage.Format.Format_RGBA8888), self._rect(ds)

        return self._wash_cache.get_or(key, make)

    def wash_qimage(self) -> tuple[QImage, QRectF] | None:
        if self.colormap != "dose":
            return self._map_qimage()
        dd = self.s.dose_display
        rng = self.s.wash_range_gy()
        if not dd.show_wash or rng is None:
            return None
        ds = self.dose_slice()
        if ds is None:
            return None
        lo, hi = rng
        key = (self.s.dose.sop_uid if self.s.dose else "", self.view, self.index, round(lo, 4), round(hi, 4),
               round(dd.opacity, 3))

        def make() -> tuple[QImage, QRectF]:
            rgba = render_dose.wash_rgba(ds.values, lo, hi, dd.opacity)
            return numpy_to_qimage(rgba, QImage.Format.Format_RGBA8888), self._rect(ds)

        return self._wash_cache.get_or(key, make)

    def isodose_segments(self) -> list[render_dose.IsodoseLine]:
        """The isodose lines of the current slice (level, % of the reference, segments in plane mm)."""
        dd = self.s.dose_display
        if not dd.show_isodoses or self.ax is None:
            return []
        ds = self.dose_slice()
        if ds is None:
            return []
        levels = self.s.isodose_levels_gy()
        ref = self.s.reference_dose_gy() or 1.0
        key = (self.s.dose.sop_uid if self.s.dose else "", self.view, self.index,
               tuple(round(v, 5) for v in levels))
        return self._iso_cache.get_or(key, lambda: render_dose.isodose_lines(ds, levels, ref))

    def contour_shape(self, roi: ROI) -> tuple[QPainterPath | None, QImage | None, QPainterPath | None]:
        """(outline/fill path, fill image, outline path of a cut mask) of an ROI on this slice, cached.

        Axial: the contour polygons themselves (a path); sagittal/coronal: the polygons cut by
        the plane (a pixel mask on the slice, outlined by marching squares).
        """
        assert self.plane is not None and self.ax is not None
        ss = self.s.structure_set
        key = (ss.sop_uid if ss else "", roi.number, self._grid_uid(),
               self.view, self.index)
        plane, ax = self.plane, self.ax
        half = self._half_thickness.get(roi.number, 0.5 * ax.dn_mm)

        def make() -> tuple[QPainterPath | None, QImage | None, QPainterPath | None]:
            layer = render_contours.roi_layer(roi, plane, ax, half)
            path = None
            if layer.polygons_mm is not None:
                path = polygons_path(layer.polygons_mm, Qt.FillRule.OddEvenFill)
            fill = None
            if layer.fill_rgba is not None:
                fill = numpy_to_qimage(layer.fill_rgba, QImage.Format.Format_RGBA8888)
            outline = segments_path(layer.outline_mm) if layer.outline_mm is not None and len(layer.outline_mm) else None
            return path, fill, outline

        return self._contour_cache.get_or(key, make)

    def overlay_qimage(self) -> QImage | None:
        ov = self.s.overlay
        if ov is None or self.plane is None or self.s.overlay_blend <= 0:
            return None
        key = (ov.series_uid, self.index, round(self.s.overlay_blend, 3))
        plane = self.plane

        def make() -> QImage:
            vals = slicing.sample_on_plane(ov.voxels, ov.grid, plane)
            lo, hi = grey.overlay_display_range(ov.voxels)
            rgba = grey.overlay_rgba(vals, lo, hi, ov.modality, self.s.overlay_blend)
            return numpy_to_qimage(rgba, QImage.Format.Format_RGBA8888)

        return self._overlay_cache.get_or(key, make)

    # --- painting -----------------------------------------------------------------------------------
    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802
        import time

        t0 = time.perf_counter()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0))
        ct = self.ct_qimage()
        if ct is None or self.ax is None:
            p.setPen(QColor(160, 160, 160))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text())
            p.end()
            if not self._first_done and self.s.case is not None and not self.s.case.is_empty:
                self._first_done = True  # a case with nothing to draw here: its first frame is this
                self.first_frame.emit()
            return
        t = self.transform()
        key = self._static_key()
        if self._static is None or self._static[0] != key:
            dpr = self.devicePixelRatioF()
            pm = QPixmap(int(self.width() * dpr), int(self.height() * dpr))
            pm.setDevicePixelRatio(dpr)
            pm.fill(QColor(0, 0, 0))
            sp = QPainter(pm)
            self._paint_static(sp, ct, t)
            sp.end()
            self._static = (key, pm)
        p.drawPixmap(0, 0, self._static[1])
        if self.edit_tool is not None:
            self.edit_tool.paint(self, p)
        for paint_overlay in self.overlay_painters:
            paint_overlay(self, p)
        self._paint_crosshair(p, t)
        self._paint_ruler(p)
        self._paint_annotations(p)
        p.end()
        self.last_paint_ms = 1000 * (time.perf_counter() - t0)
        if not self._first_done:
            self._first_done = True
            self.first_frame.emit()

    def empty_text(self) -> str:
        """What an empty view says."""
        s = self.s
        if s.case is None or s.case.is_empty:
            return self.tr("No case loaded")
        return self.tr("Nothing to show: no image series, no dose and no contours were found")

    @property
    def has_content(self) -> bool:
        """The view draws something (an image, or a dose or contours on the canvas)."""
        return self.ax is not None and self._grid() is not None

    def _static_key(self) -> tuple:
        """Everything the slice layers depend on (not the crosshair): a repaint that only moves the
        crosshair reuses the cached picture."""
        s = self.s
        c = self.center_mm
        return (self.width(), self.height(), self.zoom_factor, None if c is None else (c.x(), c.y()),
                self._grid_uid(), self.view, self.index, s.window, s.level,
                s.dose.sop_uid if s.dose else "", s.dose_display, s.visible_rois, s.contours_filled,
                s.structure_set.sop_uid if s.structure_set else "", s.overlay.series_uid if s.overlay else "",
                s.overlay_blend, tuple(layer.visible for layer in self.layers.values()))

    def _paint_static(self, p: QPainter, ct: QImage, t: QTransform) -> None:
        w, h = self.world_size()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        p.setTransform(t)
        target = QRectF(0, 0, w, h)
        p.drawImage(target, ct)
        ov = self.overlay_qimage()
        if ov is not None:
            p.drawImage(target, ov)
        wash = self.wash_qimage()
        if wash is not None:
            p.drawImage(wash[1], wash[0])
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_contours(p)
        self._paint_isodoses(p)
        p.resetTransform()

    def _paint_contours(self, p: QPainter) -> None:
        ss = self.s.structure_set
        if ss is None or self.plane is None:
            return
        filled = self.s.contours_filled
        for roi in ss.rois:
            layer = self.layers.get(roi.number)
            if layer is None or not layer.visible:
                continue
            path, fill_img, segs = self.contour_shape(roi)
            pen = QPen(layer.color, 2.0)
            pen.setCosmetic(True)
            if path is not None:
                p.setPen(pen)
                if filled:
                    c = QColor(layer.color)
                    c.setAlpha(90)
                    p.setBrush(QBrush(c))
                else:
                    p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(path)
            if fill_img is not None and filled:
                w, h = self.world_size()
                p.drawImage(QRectF(0, 0, w, h), fill_img)
            if segs is not None:
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(segs)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_isodoses(self, p: QPainter) -> None:
        lines = self.isodose_segments()
        if not lines:
            return
        # one path per level, kept with (and for as long as) the level's segments
        paths = self._iso_paths.get_or(tuple(id(line.segments_mm) for line in lines),
                                       lambda: (lines, [segments_path(line.segments_mm) for line in lines]))[1]
        p.setBrush(Qt.BrushStyle.NoBrush)
        for line, path in zip(lines, paths, strict=True):
            if not len(line.segments_mm):
                continue
            pen = QPen(isodose_color(line.percent), 1.6)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawPath(path)

    def _paint_crosshair(self, p: QPainter, t: QTransform) -> None:
        if self.plane is None:
            return
        wp, _d = self.patient_to_world(self.s.cursor_mm)
        c = t.map(wp)
        pen = QPen(QColor(255, 220, 0, 170), 1.0)
        pen.setCosmetic(True)
        p.setPen(pen)
        gap = 8
        p.drawLine(QLineF(0, c.y(), c.x() - gap, c.y()))
        p.drawLine(QLineF(c.x() + gap, c.y(), self.width(), c.y()))
        p.drawLine(QLineF(c.x(), 0, c.x(), c.y() - gap))
        p.drawLine(QLineF(c.x(), c.y() + gap, c.x(), self.height()))

    def _paint_ruler(self, p: QPainter) -> None:
        if self.ruler is None or self.plane is None:
            return
        a, b = self.ruler
        (wa, da), (wb, db) = self.patient_to_world(a), self.patient_to_world(b)
        if max(abs(da), abs(db)) > 0.5 * (self.ax.dn_mm if self.ax else 1.0) + 1e-6:
            return
        t = self.transform()
        pa, pb = t.map(wa), t.map(wb)
        p.setPen(QPen(QColor(0, 255, 128), 1.5))
        p.drawLine(pa, pb)
        for q in (pa, pb):
            p.drawEllipse(q, 3, 3)
        p.drawText(pb + QPointF(6, -6), f"{num(self.ruler_length_mm() or 0.0, '.1f')} mm")

    def _paint_annotations(self, p: QPainter) -> None:
        """Orientation letters, title, window/level, scale bar and isodose legend, laid out so that no
        two texts overlap at any size: each item tries its places (and shorter forms) in turn and is
        left out when none is free. ``overlay_rects`` keeps what was drawn where (tests check it)."""
        assert self.ax is not None and self.plane is not None
        f = QFont(self.font())
        f.setPointSizeF(max(8.0, f.pointSizeF()))
        f.setBold(True)
        p.setFont(f)
        p.setPen(QColor(255, 255, 255))
        W, H = float(self.width()), float(self.height())
        m = 6.0
        self.overlay_rects = []
        self.overlay_texts = ()
        lab = self.edge_labels()
        fm = p.fontMetrics()
        lh = float(fm.height())
        self._place(p, "orientation left", [(lab["left"], m, H / 2 - lh / 2)])
        self._place(p, "orientation right", [(lab["right"], W - m - fm.horizontalAdvance(lab["right"]), H / 2 - lh / 2)])
        self._place(p, "orientation top", [(lab["top"], W / 2 - fm.horizontalAdvance(lab["top"]) / 2, m)])
        self._place(p, "orientation bottom", [(lab["bottom"], W / 2 - fm.horizontalAdvance(lab["bottom"]) / 2,
                                               H - m - lh)])
        f.setBold(False)
        p.setFont(f)
        fm = p.fontMetrics()
        axis_name = {"axial": "z", "sagittal": "x", "coronal": "y"}[self.view]
        coord = self.plane.origin_mm[{"axial": 2, "sagittal": 0, "coronal": 1}[self.view]]
        n = f"({self.index + 1}/{self.ax.n_slices})"
        c = num(coord, ".1f")
        titles = [f"{capitalized(term(VIEWS, self.view))}  {axis_name} = {c} mm  {n}", f"{axis_name} {c} mm {n}", n]
        rows = [m, m + lh, m + 2 * lh]
        self._place(p, "title", [(t, m, y) for y in rows[:2] for t in titles])
        if self.s.image is not None:
            w, lv = f"{self.s.window:.0f}", f"{self.s.level:.0f}"
            wls = [self.tr("W {window}  L {level}").format(window=w, level=lv), f"{w}/{lv}"]
            self._place(p, "window", [(t, W - m - fm.horizontalAdvance(t), y) for y in rows[:2] for t in wls])
        self._paint_scale_bar(p)
        self._paint_legend(p)
        if self.s.image is None:
            note = self.tr("no image series: blank canvas")
            self._place(p, "no image", [(note, W / 2 - fm.horizontalAdvance(note) / 2, y)
                                        for y in (H - m - 2 * lh, H - m - 3 * lh, m + 2 * lh)], QColor(170, 170, 170))

    def _place(self, p: QPainter, name: str, options: list[tuple[str, float, float]],
               color: QColor | None = None) -> QRectF | None:
        """Draw the first (text, left, top) option whose box is inside the view and overlaps nothing
        drawn before; None when none fits (the text is left out)."""
        fm = p.fontMetrics()
        for text, x, y in options:
            r = QRectF(x, y, fm.horizontalAdvance(text), fm.height())
            if self._free(r):
                if color is not None:
                    p.setPen(color)
                p.drawText(QPointF(x, y + fm.ascent()), text)
                if color is not None:
                    p.setPen(QColor(255, 255, 255))
                self.overlay_rects.append((name, r))
                self.overlay_texts = (*self.overlay_texts, text)
                return r
        return None

    def _free(self, r: QRectF) -> bool:
        inside = r.left() >= 0 and r.top() >= 0 and r.right() <= self.width() and r.bottom() <= self.height()
        return inside and not any(r.intersects(q) for _, q in self.overlay_rects)

    def _paint_scale_bar(self, p: QPainter) -> None:
        z = self.base_scale() * self.zoom_factor  # pixels per mm
        target_px = self.width() / 5
        nice = [1, 2, 5, 10, 20, 50, 100, 200, 500]
        mm = max((n for n in nice if n * z <= target_px), default=nice[0])
        fm = p.fontMetrics()
        txt = f"{mm} mm" if mm < 10 else f"{num(mm / 10, 'g')} cm"
        x1 = self.width() - 12
        x0 = x1 - mm * z
        y = self.height() - 24
        box = QRectF(min(x0, x1 - fm.horizontalAdvance(txt)), y - 6 - fm.height(), max(mm * z, fm.horizontalAdvance(txt)),
                     fm.height() + 10)
        if not self._free(box):
            return
        self.overlay_rects.append(("scale bar", box))
        p.setPen(QPen(QColor(255, 255, 255), 2))
        p.drawLine(QPointF(x0, y), QPointF(x1, y))
        p.drawLine(QPointF(x0, y - 4), QPointF(x0, y + 4))
        p.drawLine(QPointF(x1, y - 4), QPointF(x1, y + 4))
        p.drawText(QPointF(x0, y - 6 - fm.descent()), txt)

    def _paint_colorbar(self, p: QPainter) -> None:
        """A vertical colour bar (bottom left) for the comparison maps, labelled at both ends and 0 / 1."""
        lo, hi = self.map_range
        table = lut(self.colormap)
        fm = p.fontMetrics()
        h = max(40.0, min(160.0, self.height() / 3.0))
        x, y0 = 8.0, self.height() - 12.0 - h
        for r in range(int(h)):  # top = hi
            c = table[int(round(255 * (1.0 - r / max(h - 1.0, 1.0))))]
            p.fillRect(QRectF(x, y0 + r, 14, 1), QColor(int(c[0]), int(c[1]), int(c[2])))
        p.setPen(QColor(255, 255, 255))
        if self.colormap == "diverging":
            ticks = [(hi, num(hi, "+.2f")), (0.5 * (lo + hi), num(0.5 * (lo + hi), ".0f")), (lo, num(lo, "+.2f"))]
        else:
            ticks = [(hi, num(hi, "g")), (1.0, self.tr("1 (pass ≤ 1)")), (0.0, "0")]
        for v, txt in ticks:
            y = y0 + (1.0 - map_fraction(self.colormap, v, lo, hi)) * h
            p.drawText(QPointF(x + 18, y + fm.ascent() / 2 - 1), txt)
        if self.map_title:
            p.drawText(QPointF(x, y0 - 6), self.map_title)
        widest = max([fm.horizontalAdvance(t) for _, t in ticks] + [0])
        self.overlay_rects.append(("colour bar", QRectF(x, y0 - (fm.height() + 6 if self.map_title else 0), 18 + widest,
                                                        h + (fm.height() + 6 if self.map_title else 0))))

    def _paint_legend(self, p: QPainter) -> None:
        if self.colormap != "dose":
            self._paint_colorbar(p)
            return
        dd = self.s.dose_display
        if not dd.show_isodoses or self.s.dose is None:
            return
        levels = self.s.isodose_levels_gy()
        if not levels:
            return
        ref = self.s.reference_dose_gy() or 1.0
        fm = p.fontMetrics()
        unit = self.s.dose.value_unit
        lh = float(fm.height())
        texts = [f"{100.0 * lv / ref:.0f}%  {num(lv, '.2f')} {unit}" for lv in levels]
        col_w = 16 + max(fm.horizontalAdvance(t) for t in texts)
        column = QRectF(8, self.height() - 8 - lh * len(levels), col_w, lh * len(levels))
        if self.height() >= lh * (len(levels) + 6) * 2 and self._free(column):  # a column, bottom left
            self.overlay_rects.append(("isodose legend", column))
            y = column.top()
            for lv, txt in zip(levels, texts, strict=True):
                p.fillRect(QRectF(8, y + 3, 12, lh - 6), isodose_color(100.0 * lv / ref))
                p.setPen(QColor(255, 255, 255))
                p.drawText(QPointF(24, y + fm.ascent()), txt)
                y += lh
            return
        # a compact row of percentages on the first free text row from the top
        short = [f"{100.0 * lv / ref:.0f}%" for lv in levels]
        row_w = sum(23 + fm.horizontalAdvance(t) for t in short)
        for y in (6 + lh, 6 + 2 * lh, 6 + 3 * lh):
            row = QRectF(8, y, row_w, lh)
            if self._free(row):
                self.overlay_rects.append(("isodose legend", row))
                x = 8.0
                for lv, txt in zip(levels, short, strict=True):
                    p.fillRect(QRectF(x, y + 3, 10, lh - 6), isodose_color(100.0 * lv / ref))
                    p.setPen(QColor(255, 255, 255))
                    p.drawText(QPointF(x + 13, y + fm.ascent()), txt)
                    x += 23 + fm.horizontalAdvance(txt)
                return

    def render_rgba(self) -> np.ndarray:
        """What the view shows, as an (H, W, 4) uint8 array (grab of the widget)."""
        img = self.grab().toImage().convertToFormat(QImage.Format.Format_RGBA8888)
        ptr = img.constBits()
        arr = np.frombuffer(ptr, dtype=np.uint8, count=img.sizeInBytes()).reshape(img.height(), img.bytesPerLine())
        return arr[:, : img.width() * 4].reshape(img.height(), img.width(), 4).copy()
