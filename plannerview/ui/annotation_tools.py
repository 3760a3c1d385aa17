"""Annotation tools in the slice views: point, arrow, ruler, polygon and freehand region.

:class:`AnnotationTools` is installed on every slice view as an overlay painter (the annotations of
the workspace are drawn on the slices they lie on) and, while a tool is chosen, as the view's
``edit_tool`` (the views offer it their plain left-button mouse events and keys, as for contour
editing). Shapes are made in patient mm (LPS) on the image's frame of reference, on any view;
each becomes an :class:`~plannerview.model.annotation.Annotation` added to the workspace, which
announces it (``AnnotationChanged``) to the panel, the views and any sync plugin.

Mouse and keys (any view):

* point: click;
* arrow, ruler: press at the start, drag, release at the end;
* polygon: click the vertices; double-click or Enter closes it, Backspace removes the last vertex,
  Escape cancels;
* freehand: press, draw the outline, release.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QLineF, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPainter, QPainterPath, QPen, QPolygonF

from ..model.annotation import Annotation
from ..model.events import AnnotationChanged
from .session import QtSession

TOOLS = ("point", "arrow", "ruler", "polygon", "freehand")
STATUS_COLORS = {"open": QColor(255, 210, 0), "resolved": QColor(80, 220, 120), "withdrawn": QColor(150, 150, 150)}
SELECTED_COLOR = QColor(0, 200, 255)
FREEHAND_STEP_MM = 1.0  # freehand outlines keep a vertex every this many mm


class AnnotationStore(Protocol):
    """What the tools and the panel need of the workspace."""

    @property
    def annotations(self) -> tuple[Annotation, ...]: ...

    def annotation_history(self, uid: str) -> tuple[Annotation, ...]: ...

    def add_annotation(self, annotation: Annotation) -> Annotation: ...

    def revise_annotation(self, uid: str, **changes: Any) -> Annotation: ...

    def subscribe(self, event_type: type, callback: Callable[[Any], Any]) -> Callable[[], None]: ...


def ruler_text(points_mm: Sequence[Sequence[float]] | Sequence[np.ndarray]) -> str:
    """The length of a ruler, e.g. '42.3 mm'."""
    p = np.asarray(points_mm, dtype=float)
    return f"{float(np.sum(np.linalg.norm(np.diff(p, axis=0), axis=1))):.1f} mm"


class AnnotationTools(QObject):
    """Creates annotations from mouse gestures and draws the workspace's annotations on the views."""

    changed = Signal()  # an annotation was added or revised (on the GUI thread), or the tool changed
    _annotation_changed = Signal(object)  # AnnotationChanged from any thread, handled on the GUI thread

    def __init__(self, qs: QtSession, store: AnnotationStore, views: Sequence[Any], author: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.s = qs.model
        self.store = store
        self.views = list(views)
        self.author = author
        self.tool: str | None = None
        self.next_text = ""  # the text given to the next shape (the panel's text box)
        self.show_withdrawn = False
        self.selected_uid: str | None = None
        self._points: list[np.ndarray] = []
        self._view: Any = None
        self._drawing = False
        self._hover: np.ndarray | None = None
        for v in self.views:
            painters = getattr(v, "overlay_painters", None)
            if painters is not None:
                painters.append(self.paint_annotations)
        self._annotation_changed.connect(self._on_changed)
        self._unsubscribe = store.subscribe(AnnotationChanged, self._annotation_changed.emit)

    def detach(self) -> None:
        self._unsubscribe()
        self.set_tool(None)
        for v in self.views:
            painters = getattr(v, "overlay_painters", None)
            if painters is not None and self.paint_annotations in painters:
                painters.remove(self.paint_annotations)

    def _on_changed(self, _e: AnnotationChanged) -> None:
        for v in self.views:
            v.update()
        self.changed.emit()

    # --- tool choice ---------------------------------------------------------------------------------
    def set_tool(self, tool: str | None) -> None:
        if tool is not None and tool not in TOOLS:
            raise ValueError(f"annotation tool {tool!r} is not one of {', '.join(TOOLS)}")
        self.tool = tool
        self._cancel()
        for v in self.views:
            if tool is not None:
                v.edit_tool = self
            elif getattr(v, "edit_tool", None) is self:
                v.edit_tool = None
            v.update()
        self.changed.emit()

    def _cancel(self) -> None:
        self._points = []
        self._view = None
        self._drawing = False
        self._hover = None

    # --- making annotations ----------------------------------------------------------------------------
    def context(self) -> dict[str, Any]:
        """Frame of reference and the objects on screen that a new annotation refers to."""
        s = self.s
        refs = [o.sop_uid if o is not s.image else o.series_uid  # type: ignore[union-attr]
                for o in (s.plan, s.dose, s.structure_set, s.image) if o is not None]
        frame = s.image.frame_of_reference_uid if s.image is not None else ""
        return {"frame_of_reference_uid": frame, "referenced_uids": tuple(u for u in refs if u)}

    def create(self, kind: str, points_mm: Sequence[Sequence[float]] | Sequence[np.ndarray], text: str | None = None,
               target: str = "location", target_ref: str = "") -> Annotation:
        """Add an annotation of ``kind`` at ``points_mm`` to the workspace (the gesture's end)."""
        pts = tuple((float(p[0]), float(p[1]), float(p[2])) for p in points_mm)
        body = self.next_text if text is None else text
        if kind == "ruler" and not body:
            body = ruler_text(pts)
        a = Annotation(text=body, kind=kind, points_mm=pts, target=target, target_ref=target_ref,
                       author=self.author or Annotation(text="").author, **self.context())
        return self.store.add_annotation(a)

    def _finish(self, kind: str) -> None:
        pts = self._points
        self._cancel()
        need = {"point": 1, "arrow": 2, "ruler": 2, "polygon": 3, "freehand": 3}[kind]
        if len(pts) >= need:
            self.create(kind, pts)

    # --- the views' mouse protocol (see SliceView._to_edit_tool) -----------------------------------------
    def press(self, view: Any, pos: QPointF, xyz: np.ndarray | None) -> bool:
        if self.tool is None or xyz is None:
            return False
        if self._view is not None and view is not self._view:
            self._cancel()
        self._view = view
        p = np.asarray(xyz, dtype=float)
        if self.tool == "point":
            self._points = [p]
            self._finish("point")
        elif self.tool in ("arrow", "ruler", "freehand"):
            self._points = [p, p.copy()] if self.tool != "freehand" else [p]
            self._drawing = True
        elif self.tool == "polygon":
            self._points.append(p)
        view.update()
        return True

    def move(self, view: Any, pos: QPointF, xyz: np.ndarray | None) -> bool:
        if self.tool is None or xyz is None or view is not self._view:
            return False
        p = np.asarray(xyz, dtype=float)
        if self._drawing and self.tool in ("arrow", "ruler"):
            self._points[-1] = p
        elif self._drawing and self.tool == "freehand":
            if np.linalg.norm(p - self._points[-1]) >= FREEHAND_STEP_MM:
                self._points.append(p)
        elif self.tool == "polygon":
            self._hover = p
        view.update()
        return True

    def release(self, view: Any, pos: QPointF, xyz: np.ndarray | None) -> bool:
        if self.tool is None or not self._drawing or view is not self._view:
            return self.tool is not None
        if xyz is not None and self.tool in ("arrow", "ruler"):
            self._points[-1] = np.asarray(xyz, dtype=float)
        self._drawing = False
        if self.tool in ("arrow", "ruler", "freehand"):
            self._finish(self.tool)
        view.update()
        return True

    def double_click(self, view: Any, pos: QPointF, xyz: np.ndarray | None) -> bool:
        if self.tool == "polygon" and view is self._view:
            # the double-click's own press added a vertex twice at the same place: drop the repeat
            if len(self._points) >= 2 and np.allclose(self._points[-1], self._points[-2]):
                self._points.pop()
            self._finish("polygon")
            view.update()
            return True
        return self.tool is not None

    def key_press(self, view: Any, e: QKeyEvent) -> bool:
        if self.tool is None:
            return False
        key = e.key()
        if key == Qt.Key.Key_Escape:
            self._cancel()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tool == "polygon":
            self._finish("polygon")
        elif key == Qt.Key.Key_Backspace and self.tool == "polygon" and self._points:
            self._points.pop()
        else:
            return False
        view.update()
        return True

    # --- painting --------------------------------------------------------------------------------------
    def paint(self, view: Any, p: QPainter) -> None:
        """The shape in progress (called as the view's edit tool)."""
        if view is not self._view or not self._points:
            return
        pts = [view.patient_to_widget(x) for x in self._points]
        if self.tool == "polygon" and self._hover is not None:
            pts.append(view.patient_to_widget(self._hover))
        p.setPen(QPen(SELECTED_COLOR, 1.5, Qt.PenStyle.DashLine))
        p.drawPolyline(QPolygonF(pts))
        if self.tool == "ruler" and len(self._points) == 2:
            p.drawText(pts[-1] + QPointF(6, -6), ruler_text(self._points))

    def visible_on(self, view: Any, a: Annotation) -> bool:
        """True when ``a`` lies on the slice ``view`` shows (within half a slice)."""
        if not a.points_mm or view.plane is None or view.ax is None:
            return False
        if a.status == "withdrawn" and not self.show_withdrawn:
            return False
        if self.s.image is not None and a.frame_of_reference_uid and \
                a.frame_of_reference_uid != self.s.image.frame_of_reference_uid:
            return False
        half = 0.5 * abs(float(view.ax.dn_mm))
        return min(abs(view.plane.from_patient(x)[2]) for x in a.points_mm) <= half + 1e-6

    def paint_annotations(self, view: Any, p: QPainter) -> None:
        """Every annotation on the view's slice (the views call this after their static layers)."""
        for a in self.store.annotations:
            if not self.visible_on(view, a):
                continue
            color = SELECTED_COLOR if a.uid == self.selected_uid else STATUS_COLORS.get(a.status, QColor("white"))
            pen = QPen(color, 2.0, Qt.PenStyle.DashLine if a.status == "withdrawn" else Qt.PenStyle.SolidLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            pts = [view.patient_to_widget(x) for x in a.points_mm]
            if a.kind == "point" or len(pts) == 1:
                p.drawEllipse(pts[0], 5, 5)
                p.drawLine(QLineF(pts[0] + QPointF(-9, 0), pts[0] + QPointF(9, 0)))
                p.drawLine(QLineF(pts[0] + QPointF(0, -9), pts[0] + QPointF(0, 9)))
            elif a.kind == "arrow":
                _arrow(p, pts[0], pts[-1], color)
            elif a.kind == "ruler":
                p.drawLine(QLineF(pts[0], pts[-1]))
                for q in (pts[0], pts[-1]):
                    p.drawEllipse(q, 3, 3)
            else:
                path = QPainterPath()
                path.addPolygon(QPolygonF(pts))
                path.closeSubpath()
                fill = QColor(color)
                fill.setAlpha(40)
                p.setBrush(QBrush(fill))
                p.drawPath(path)
                p.setBrush(Qt.BrushStyle.NoBrush)
            label = a.text if len(a.text) <= 40 else a.text[:39] + "…"
            if label:
                p.drawText(pts[-1] + QPointF(8, -8), label)


def _arrow(p: QPainter, tail: QPointF, head: QPointF, color: QColor) -> None:
    p.drawLine(QLineF(tail, head))
    v = np.array([head.x() - tail.x(), head.y() - tail.y()])
    n = float(np.linalg.norm(v))
    if n < 1e-6:
        return
    u = v / n
    w = np.array([-u[1], u[0]])
    size = min(12.0, 0.4 * n)
    a = np.array([head.x(), head.y()]) - size * u
    left, right = a + 0.5 * size * w, a - 0.5 * size * w
    p.setBrush(QBrush(color))
    p.drawPolygon(QPolygonF([head, QPointF(*left), QPointF(*right)]))
    p.setBrush(Qt.BrushStyle.NoBrush)
