"""Manual contour editing in the slice views: brush, eraser, polygon and freehand tools.

:class:`ContourTools` is the edit controller. It is installed on the slice views
(``SliceView.edit_tool``) while a tool is chosen; the views offer it their plain left-button mouse
events and key presses and let it draw over the picture. The edits themselves are made by the
Qt-free :class:`plannerview.review.contour_edit.MaskEditor` on a private copy of one ROI's
voxel mask on the image grid (an existing ROI rasterised with ``roi_mask_on_grid``, or a new empty
one), so the loaded structure set is never changed.

Editing is axial only: strokes and outlines are applied to the axial slice under the view (grid
index ``k``); the sagittal and coronal views show the edited mask but pass their mouse events on
as usual (crosshair, window/level, pan). Shift/Ctrl/Alt + left button and the right and middle
buttons keep their normal meaning in every view (pan, window/level).

Mouse and keys on the axial view:

* brush / eraser: click or drag; the radius (mm) is :attr:`ContourTools.radius_mm` ("[" and "]"
  change it by 1 mm); one stroke is one undo step;
* polygon: click the vertices; double-click or Enter closes and fills it, Backspace removes the
  last vertex, Escape cancels;
* freehand: press, draw the outline, release: the closed outline is filled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QKeyEvent, QPainter, QPainterPath, QPen, QPolygonF

from ..compute import slicing
from ..compute.isodose import marching_squares
from ..compute.masks import roi_mask_on_grid
from ..model.structures import ROI
from ..review.contour_edit import EditedRoi, MaskEditor
from .session import QtSession
from .slice_view import SliceView, _lines, numpy_to_qimage

TOOLS = ("brush", "eraser", "polygon", "freehand")
NEW_ROI_COLOR = (255, 140, 0)
MIN_RADIUS_MM, MAX_RADIUS_MM = 0.5, 50.0


@dataclass
class RoiEdit:
    """One ROI being edited: its editor, the ROI it started from (None for a new ROI) and its look."""

    name: str
    editor: MaskEditor
    source: ROI | None
    color_rgb: tuple[int, int, int]
    interpreted_type: str = ""

    def to_saved(self) -> EditedRoi:
        return EditedRoi(self.name, self.editor.mask, self.source.name if self.source else None,
                         self.editor.operations, self.interpreted_type, self.color_rgb)


class ContourTools(QObject):
    """The edit controller: which ROI and tool, the mouse protocol of the views, and the overlay."""

    changed = Signal()  # the mask, the current ROI, the tool or the radius changed

    def __init__(self, qs: QtSession, views: Sequence[SliceView], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.s = qs.model
        self.views = list(views)
        self.tool: str | None = None
        self.radius_mm = 5.0
        self.edits: dict[str, RoiEdit] = {}
        self.current: RoiEdit | None = None
        self.version = 0  # bumped on every change of a mask (overlay cache key)
        self._image_uid = ""
        self._points: list[tuple[float, float]] = []  # stroke, outline or polygon vertices (patient x, y)
        self._k: int | None = None  # the slice of the shape in progress
        self._drawing = False  # a brush stroke or freehand outline is in progress
        self._hover: tuple[float, float] | None = None
        self._overlay: dict[tuple[str, int], tuple[Any, QImage | None, np.ndarray | None]] = {}
        qs.case_changed.connect(lambda _e: self.discard_all())
        qs.selection_changed.connect(self._on_selection)

    # --- state ------------------------------------------------------------------------------------
    @property
    def grid(self) -> Any:
        return self.s.image.grid if self.s.image is not None else None

    def _on_selection(self, _e: object) -> None:
        uid = self.s.image.series_uid if self.s.image is not None else ""
        if uid != self._image_uid:  # the masks live on the image grid
            self.discard_all()
            self._image_uid = uid

    def discard_all(self) -> None:
        """Forget every edit (a new case or image)."""
        self.edits.clear()
        self.current = None
        self._cancel_shape()
        self.install(self.tool is not None)
        self._touch()

    def _check_image(self) -> Any:
        img = self.s.image
        if img is None:
            raise ValueError("no image loaded")
        if not img.grid.is_axis_aligned:
            raise ValueError("contour editing needs an axial image")
        self._image_uid = img.series_uid
        return img.grid

    def edit_roi(self, name: str) -> RoiEdit:
        """Edit an existing ROI of the selected structure set (a copy of its voxel mask)."""
        grid = self._check_image()
        if name in self.edits and self.edits[name].source is not None:
            self.current = self.edits[name]
        else:
            ss = self.s.structure_set
            if ss is None:
                raise ValueError("no structure set selected")
            roi = ss.roi(name)
            edit = RoiEdit(roi.name, MaskEditor(roi_mask_on_grid(roi, grid), grid), roi, roi.color_rgb,
                           roi.interpreted_type)
            self.edits[roi.name] = edit
            self.current = edit
        self.install(True)
        self._touch()
        return self.current

    def new_roi(self, name: str, color_rgb: tuple[int, int, int] = NEW_ROI_COLOR,
                interpreted_type: str = "") -> RoiEdit:
        """Start a new, empty ROI called ``name``."""
        grid = self._check_image()
        name = name.strip()
        if not name:
            raise ValueError("a new ROI needs a name")
        ss = self.s.structure_set
        taken = {r.name.lower() for r in ss.rois} if ss is not None else set()
        taken |= {n.lower() for n in self.edits}
        if name.lower() in taken:
            raise ValueError(f"an ROI named {name!r} exists; choose another name or edit that ROI")
        edit = RoiEdit(name, MaskEditor(np.zeros(grid.shape_zyx, dtype=bool), grid), None, color_rgb,
                       interpreted_type)
        self.edits[name] = edit
        self.current = edit
        self.install(True)
        self._touch()
        return edit

    @property
    def editor(self) -> MaskEditor | None:
        return self.current.editor if self.current is not None else None

    def modified_edits(self) -> list[RoiEdit]:
        return [e for e in self.edits.values() if e.editor.modified]

    def set_tool(self, tool: str | None) -> None:
        """Choose a tool (one of TOOLS) or None to give the views their normal mouse back."""
        if tool is not None and tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}; one of {', '.join(TOOLS)}")
        self._cancel_shape()
        self._hover = None
        self.tool = tool
        self.install(tool is not None or bool(self.edits))
        self._touch(mask=False)

    def install(self, on: bool) -> None:
        for v in self.views:
            v.edit_tool = self if on else None
            v.update()

    def set_radius(self, radius_mm: float) -> None:
        self.radius_mm = float(np.clip(radius_mm, MIN_RADIUS_MM, MAX_RADIUS_MM))
        self._touch(mask=False)

    def _touch(self, mask: bool = True) -> None:
        if mask:
            self.version += 1
            self._overlay.clear()
        for v in self.views:
            v.update()
        self.changed.emit()

    # --- slice-level commands -----------------------------------------------------------------------
    def axial_view(self) -> SliceView | None:
        return next((v for v in self.views if v.view == "axial"), None)

    def current_slice(self) -> int:
        """The axial slice (grid index k) the axial view shows."""
        v = self.axial_view()
        if v is None or v.plane is None or self.grid is None:
            raise ValueError("no axial view")
        idx, _inside = self.grid.nearest_voxel(v.plane.origin_mm)
        return int(idx[2])

    def delete_slice(self, k: int | None = None) -> None:
        ed = self._need_editor()
        ed.delete_slice(self.current_slice() if k is None else k)
        self._touch()

    def interpolate(self, k0: int | None = None, k1: int | None = None) -> tuple[int, int]:
        """Interpolate between two slices, by default the drawn slices around the current one."""
        ed = self._need_editor()
        if k0 is None or k1 is None:
            pair = ed.interpolation_pair(self.current_slice())
            if pair is None:
                raise ValueError("no empty slices between drawn slices next to this slice")
            k0, k1 = pair
        ed.interpolate(k0, k1)
        self._touch()
        return (min(k0, k1), max(k0, k1))

    def undo(self) -> None:
        if self.editor is not None:
            self._cancel_shape()
            self.editor.undo()
            self._touch()

    def redo(self) -> None:
        if self.editor is not None:
            self.editor.redo()
            self._touch()

    def _need_editor(self) -> MaskEditor:
        if self.editor is None:
            raise ValueError("choose an ROI to edit or start a new one")
        return self.editor

    # --- the views' mouse protocol --------------------------------------------------------------------
    def _editable(self, view: SliceView, p: np.ndarray | None) -> bool:
        return (self.tool is not None and self.current is not None and view.view == "axial"
                and p is not None and view.plane is not None)

    def press(self, view: SliceView, pos: QPointF, p: np.ndarray | None) -> bool:
        if not self._editable(view, p):
            return False
        assert p is not None
        xy = (float(p[0]), float(p[1]))
        k = view.index
        if self.tool == "polygon":
            if self._k is not None and self._k != k:
                self._cancel_shape()
            self._k = k
            if not self._points or np.hypot(xy[0] - self._points[-1][0], xy[1] - self._points[-1][1]) > 1e-6:
                self._points.append(xy)
        else:
            self._k, self._points, self._drawing = k, [xy], True
        view.update()
        return True

    def move(self, view: SliceView, pos: QPointF, p: np.ndarray | None) -> bool:
        if view.view != "axial" or p is None:
            return False
        xy = (float(p[0]), float(p[1]))
        self._hover = xy
        if self._drawing and self._k == view.index:
            self._points.append(xy)
            view.update()
            return True
        if self.tool is not None:
            view.update()  # the brush outline or the polygon's rubber band follows the mouse
        return False  # hovering: the view still updates the readout

    def release(self, view: SliceView, pos: QPointF, p: np.ndarray | None) -> bool:
        if not self._drawing or view.view != "axial":
            return self.tool == "polygon" and self._editable(view, p)
        if p is not None:
            xy = (float(p[0]), float(p[1]))
            if xy != self._points[-1]:
                self._points.append(xy)
        pts, k = self._points, self._k
        self._cancel_shape()
        ed = self.editor
        if ed is None or k is None:
            return True
        if self.tool in ("brush", "eraser"):
            ed.stroke(k, pts, self.radius_mm, erase=self.tool == "eraser")
        elif self.tool == "freehand" and len(pts) >= 3:
            ed.polygon(k, np.array(pts), kind="freehand")
        self._touch()
        return True

    def double_click(self, view: SliceView, pos: QPointF, p: np.ndarray | None) -> bool:
        if self.tool == "polygon" and self._editable(view, p):
            self.close_polygon()
            return True
        return self._editable(view, p)  # no "reset view" while drawing

    def close_polygon(self) -> bool:
        """Fill the polygon in progress (at least three vertices); True when it was filled."""
        pts, k, ed = self._points, self._k, self.editor
        self._cancel_shape()
        if ed is None or k is None or len(pts) < 3:
            self._touch(mask=False)
            return False
        ed.polygon(k, np.array(pts))
        self._touch()
        return True

    def key_press(self, view: SliceView, e: QKeyEvent) -> bool:
        key = e.key()
        if self.tool == "polygon" and self._points:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.close_polygon()
                return True
            if key == Qt.Key.Key_Escape:
                self._cancel_shape()
                self._touch(mask=False)
                return True
            if key == Qt.Key.Key_Backspace:
                self._points.pop()
                view.update()
                return True
        if self.tool in ("brush", "eraser") and key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            self.set_radius(self.radius_mm + (1.0 if key == Qt.Key.Key_BracketRight else -1.0))
            return True
        return False

    def _cancel_shape(self) -> None:
        self._points, self._k, self._drawing = [], None, False

    # --- drawing ------------------------------------------------------------------------------------
    def _slice_overlay(self, view: SliceView, edit: RoiEdit) -> tuple[QImage | None, np.ndarray | None]:
        """An edited mask on the view's slice: a fill image and outline segments (plane mm), cached."""
        assert view.ax is not None
        key = (self.version, view.index)
        hit = self._overlay.get((view.view, id(edit)))
        if hit is not None and hit[0] == key:
            return hit[1], hit[2]
        sl = slicing.slice_array(edit.editor.mask, view.ax, view.index)
        img: QImage | None = None
        mm: np.ndarray | None = None
        if sl.any():
            rgba = np.zeros(sl.shape + (4,), dtype=np.uint8)
            rgba[sl] = (*edit.color_rgb, 110)
            img = numpy_to_qimage(rgba, QImage.Format.Format_RGBA8888)
            seg = marching_squares(np.pad(sl.astype(np.float32), 1), 0.5) - 1.0
            mm = np.empty_like(seg)
            mm[..., 0] = (seg[..., 1] + 0.5) * view.ax.du_mm
            mm[..., 1] = (seg[..., 0] + 0.5) * view.ax.dv_mm
        self._overlay[(view.view, id(edit))] = (key, img, mm)
        return img, mm

    def _world(self, view: SliceView, xy: tuple[float, float]) -> QPointF:
        assert view.plane is not None
        wp, _d = view.patient_to_world((xy[0], xy[1], float(view.plane.origin_mm[2])))
        return wp

    def paint(self, view: SliceView, p: QPainter) -> None:
        """Draw the edited mask, the shape in progress and the brush outline over the view."""
        if view.ax is None or view.plane is None:
            return
        p.save()
        p.setTransform(view.transform())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        w, h = view.world_size()
        others = [e for e in self.edits.values() if e is not self.current and e.editor.modified]
        for edit in [*others, *([self.current] if self.current is not None else [])]:
            current = edit is self.current
            img, segs = self._slice_overlay(view, edit)
            if img is not None:  # the ROI being edited is filled, other edited ROIs lightly
                p.setOpacity(1.0 if current else 0.45)
                p.drawImage(QRectF(0, 0, w, h), img)
                p.setOpacity(1.0)
            if segs is not None and len(segs):
                pen = QPen(QColor(*edit.color_rgb), 2.0 if current else 1.2)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.drawLines(_lines(segs))
        if view.view == "axial":
            self._paint_shape(view, p)
        p.restore()

    def _paint_shape(self, view: SliceView, p: QPainter) -> None:
        erase = self.tool == "eraser"
        colour = QColor(255, 80, 80) if erase else QColor(*(self.current.color_rgb if self.current else NEW_ROI_COLOR))
        pts = [self._world(view, xy) for xy in self._points] if self._k == view.index else []
        if self.tool in ("brush", "eraser"):
            r = self.radius_mm
            if pts:
                c = QColor(colour)
                c.setAlpha(120)
                pen = QPen(c, 2 * r)  # width in plane mm: the stroke's true footprint
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                p.setPen(pen)
                path = QPainterPath(pts[0])
                for q in pts[1:]:
                    path.lineTo(q)
                if len(pts) == 1:
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(QBrush(c))
                    p.drawEllipse(pts[0], r, r)
                else:
                    p.drawPath(path)
            if self._hover is not None:
                pen = QPen(colour, 1.5)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(self._world(view, self._hover), r, r)
        elif pts:
            pen = QPen(colour, 2.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            line = list(pts)
            if self.tool == "polygon" and self._hover is not None:
                line.append(self._world(view, self._hover))
            p.drawPolyline(QPolygonF(line))
            if self.tool == "polygon":
                p.setBrush(QBrush(colour))
                z = view.base_scale() * view.zoom_factor
                for q in pts:
                    p.drawEllipse(q, 3.0 / z, 3.0 / z)
