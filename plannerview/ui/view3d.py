"""3D view (VTK): smooth ROI surfaces, an optional isodose surface, the beams (IEC 61217), the
slice planes' positions and camera presets. Surfaces are built on the thread pool.

The camera frames the body and the targets (not the sources, a metre away). Beams are drawn near
the patient: the field outline at the isocentre plane and each ray only part of the way back to
the source, so a many-beam stereotactic plan stays readable; setup and imaging fields (no dose)
are hidden unless "Setup beams" is ticked."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import vtkmodules.vtkInteractionStyle  # noqa: F401  (registers interactor styles)
import vtkmodules.vtkRenderingFreeType  # noqa: F401
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (registers the OpenGL back end)
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData, vtkPolyLine
from vtkmodules.vtkInteractionStyle import vtkInteractorStyleTrackballCamera
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkPolyDataMapper,
    vtkRenderer,
    vtkWindowToImageFilter,
)

from ..compute.beam_geometry import BeamDrawing, beam_drawings
from .session import QtSession
from .surfaces import isodose_surface, structure_surfaces
from .workers import Job, JobRunner

CAMERA_PRESETS = {  # name -> (direction from focal point to camera, view up), patient LPS
    "Oblique": ((0.55, -0.75, 0.45), (0, 0, 1)),
    "Anterior": ((0, -1, 0), (0, 0, 1)),
    "Posterior": ((0, 1, 0), (0, 0, 1)),
    "Left": ((1, 0, 0), (0, 0, 1)),
    "Right": ((-1, 0, 0), (0, 0, 1)),
    "Superior": ((0, 0, 1), (0, -1, 0)),
    "Inferior": ((0, 0, -1), (0, -1, 0)),
}


def polylines(lines: list[np.ndarray]) -> vtkPolyData:
    pts = vtkPoints()
    cells = vtkCellArray()
    for line in lines:
        pl = vtkPolyLine()
        ids = pl.GetPointIds()
        ids.SetNumberOfIds(len(line))
        for n, p in enumerate(line):
            ids.SetId(n, pts.InsertNextPoint(float(p[0]), float(p[1]), float(p[2])))
        cells.InsertNextCell(pl)
    pd = vtkPolyData()
    pd.SetPoints(pts)
    pd.SetLines(cells)
    return pd


def point_cloud(points: np.ndarray) -> vtkPolyData:
    pts = vtkPoints()
    verts = vtkCellArray()
    for p in points:
        verts.InsertNextCell(1)
        verts.InsertCellPoint(pts.InsertNextPoint(float(p[0]), float(p[1]), float(p[2])))
    pd = vtkPolyData()
    pd.SetPoints(pts)
    pd.SetVerts(verts)
    return pd


def _actor(pd: vtkPolyData, rgb: tuple[float, float, float], width: float = 1.0, opacity: float = 1.0) -> vtkActor:
    m = vtkPolyDataMapper()
    m.SetInputData(pd)
    m.ScalarVisibilityOff()
    a = vtkActor()
    a.SetMapper(m)
    pr = a.GetProperty()
    pr.SetColor(*rgb)
    pr.SetLineWidth(width)
    pr.SetPointSize(4)
    pr.SetOpacity(opacity)
    return a


class View3D(QWidget):
    surfaces_ready = Signal()

    def __init__(self, qs: QtSession, runner: JobRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.runner = runner or JobRunner(self)
        self.vtk_widget = QVTKRenderWindowInteractor(self)
        self.renderer = vtkRenderer()
        self.renderer.SetBackground(0.08, 0.08, 0.1)
        rw = self.vtk_widget.GetRenderWindow()
        rw.AddRenderer(self.renderer)
        self.vtk_widget.SetInteractorStyle(vtkInteractorStyleTrackballCamera())
        self.show_beams = QCheckBox("Beams")
        self.show_beams.setChecked(True)
        self.show_setup = QCheckBox("Setup beams")  # fields that deliver no dose: hidden by default
        self.show_setup.setChecked(False)
        self.show_iso = QCheckBox("Isodose 100 %")
        self.show_planes = QCheckBox("Slice planes")
        self.show_planes.setChecked(True)
        self.status = QLabel("")
        bar = QHBoxLayout()
        for name in CAMERA_PRESETS:
            b = QPushButton(name[0] if name != "Oblique" else "3D")
            b.setToolTip(f"View from {name.lower()}")
            b.setMaximumWidth(28)
            b.clicked.connect(lambda _c=False, n=name: self.camera_preset(n))
            bar.addWidget(b)
        for w in (self.show_beams, self.show_setup, self.show_iso, self.show_planes, self.status):
            bar.addWidget(w)
        bar.addStretch(1)
        bar_widget = QWidget()  # its width never pushes the 2 x 2 grid of views apart
        bar.setContentsMargins(0, 0, 0, 0)
        bar_widget.setLayout(bar)
        bar_widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(bar_widget)
        lay.addWidget(self.vtk_widget, 1)
        self.roi_actors: dict[int, vtkActor] = {}
        self.beam_actors: list[vtkActor] = []
        self.beam_drawings: list[BeamDrawing] = []
        self.iso_actor: vtkActor | None = None
        self.plane_actor: vtkActor | None = None
        self._ss_uid = ""
        self._plan_uid: str | None = None
        self._job: Job | None = None
        self._camera_set = False
        self.show_beams.toggled.connect(self._beam_visibility)
        self.show_setup.toggled.connect(self._beam_visibility)
        self.show_iso.toggled.connect(lambda _v: self._update_isodose())
        self.show_planes.toggled.connect(lambda _v: self._update_planes())
        qs.selection_changed.connect(lambda _e: self.refresh())
        qs.case_changed.connect(lambda _e: self._forget())
        qs.roi_visibility_changed.connect(lambda _e: self._roi_visibility())
        qs.cursor_moved.connect(lambda _e: self._update_planes())
        self.vtk_widget.Initialize()
        self.refresh()

    # --- content --------------------------------------------------------------------------------
    def _forget(self) -> None:
        """A new case: its objects may carry the last case's UIDs (a corrected copy) yet differ."""
        self._ss_uid = "\0"
        self._plan_uid = "\0"

    def refresh(self) -> None:
        s = self.qs.model
        ss = s.structure_set
        uid = ss.sop_uid if ss else ""
        if uid != self._ss_uid:
            self._ss_uid = uid
            self._camera_set = False  # a new case: frame its body and targets
            for a in self.roi_actors.values():
                self.renderer.RemoveActor(a)
            self.roi_actors = {}
            if self._job is not None:
                self._job.cancel()
            if ss is not None:
                self.status.setText("building surfaces…")
                self._job = self.runner.start(Job(structure_surfaces, ss, task="callbacks"),
                                              on_done=partial(self._surfaces_done, uid=uid),
                                              on_failed=lambda m: self.status.setText("surfaces failed"))
        plan_uid = s.plan.sop_uid if s.plan else ""
        beam_key = f"{plan_uid}|{getattr(s, 'beam_setup_override', '')}"
        if beam_key != self._plan_uid:
            self._plan_uid = beam_key
            self._build_beams()
        self._update_isodose()
        self._update_planes()
        if not self._camera_set and ss is None:
            self.camera_preset("Oblique")
        self.redraw()

    def build_now(self) -> None:
        """Build the surfaces on this thread (headless screenshots)."""
        ss = self.qs.model.structure_set
        if ss is not None:
            self._surfaces_done(structure_surfaces(ss), ss.sop_uid)

    def _surfaces_done(self, surfaces: dict[int, vtkPolyData], uid: str) -> None:
        if uid != self._ss_uid:
            return
        self._job = None
        ss = self.qs.model.structure_set
        assert ss is not None
        for roi in ss.rois:
            pd = surfaces.get(roi.number)
            if pd is None:
                continue
            col = tuple(c / 255.0 for c in roi.color_rgb)
            ext = roi.interpreted_type.upper() == "EXTERNAL" or roi.name.upper() in ("BODY", "EXTERNAL")
            a = _actor(pd, col, opacity=0.15 if ext else 0.85)  # type: ignore[arg-type]
            self.renderer.AddActor(a)
            self.roi_actors[roi.number] = a
        self.status.setText(f"{len(surfaces)} surfaces")
        self._roi_visibility()
        if not self._camera_set:
            self.camera_preset("Oblique")
        self.redraw()
        self.surfaces_ready.emit()

    def _roi_visibility(self) -> None:
        vis = self.qs.model.visible_rois
        for n, a in self.roi_actors.items():
            a.SetVisibility(n in vis)
        self.redraw()

    def _build_beams(self) -> None:
        for a in self.beam_actors:
            self.renderer.RemoveActor(a)
        self.beam_actors = []
        s = self.qs.model
        if s.plan is None:
            self.beam_drawings = []
            return
        pos = s.image.patient_position if s.image is not None and s.image.patient_position else "HFS"
        self.beam_drawings = beam_drawings(s.plan, pos, getattr(s, "beam_setup_override", "") or None)
        palette = [(1.0, 0.85, 0.2), (0.3, 0.9, 1.0), (1.0, 0.5, 0.9), (0.6, 1.0, 0.4), (1.0, 0.6, 0.3)]
        lo, hi = self.frame_box()
        reach = 0.75 * float(np.max(hi - lo))
        for n, d in enumerate(self.beam_drawings):
            col = palette[n % len(palette)]
            actor = _actor(polylines(d.near_lines(reach)), col, width=1.5)
            actor.beam_name = d.name  # type: ignore[attr-defined]
            actor.treatment = d.treatment  # type: ignore[attr-defined]
            self.beam_actors.append(actor)
            if d.spots_mm is not None and len(d.spots_mm):
                spots = _actor(point_cloud(d.spots_mm), col)
                spots.treatment = d.treatment  # type: ignore[attr-defined]
                self.beam_actors.append(spots)
        for a in self.beam_actors:
            self.renderer.AddActor(a)
        self._beam_visibility()

    def _beam_visibility(self) -> None:
        for a in self.beam_actors:
            treatment = bool(getattr(a, "treatment", True))
            a.SetVisibility(self.show_beams.isChecked() and (treatment or self.show_setup.isChecked()))
        self.redraw()

    @property
    def visible_beams(self) -> list[str]:
        """Names of the beams drawn now."""
        return [a.beam_name for a in self.beam_actors if hasattr(a, "beam_name") and a.GetVisibility()]

    def frame_box(self) -> tuple[np.ndarray, np.ndarray]:
        """The box the camera frames: the body and the targets (their contours), else every contour,
        else the image or dose grid."""
        s = self.qs.model
        ss = s.structure_set
        if ss is not None:
            def pts(rois: list) -> list[np.ndarray]:
                return [c.points_mm for r in rois for c in r.closed_contours if len(c.points_mm)]

            body = [r for r in ss.rois if r.interpreted_type.upper() == "EXTERNAL"
                    or r.name.upper() in ("BODY", "EXTERNAL", "SKIN")]
            targets = [r for r in ss.rois if r.interpreted_type.upper() in ("PTV", "CTV", "GTV")]
            for chosen in (body + targets, list(ss.rois)):
                p = pts(chosen)
                if p:
                    allp = np.concatenate(p)
                    return allp.min(axis=0), allp.max(axis=0)
        grid = s.image.grid if s.image is not None else (s.dose.grid if s.dose is not None else None)
        if grid is not None:
            lo, hi = grid.bounds_mm()
            return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
        return np.full(3, -250.0), np.full(3, 250.0)

    def _update_isodose(self) -> None:
        if self.iso_actor is not None:
            self.renderer.RemoveActor(self.iso_actor)
            self.iso_actor = None
        s = self.qs.model
        rx = s.reference_dose_gy()
        if self.show_iso.isChecked() and s.dose is not None and rx:
            self.iso_actor = _actor(isodose_surface(s.dose, rx), (1.0, 0.5, 0.0), opacity=0.35)
            self.renderer.AddActor(self.iso_actor)
        self.redraw()

    def _update_planes(self) -> None:
        if self.plane_actor is not None:
            self.renderer.RemoveActor(self.plane_actor)
            self.plane_actor = None
        s = self.qs.model
        grid = s.display_grid
        if not self.show_planes.isChecked() or grid is None:
            return
        lo, hi = grid.bounds_mm()
        x, y, z = s.cursor_mm
        rects = [
            np.array([[lo[0], lo[1], z], [hi[0], lo[1], z], [hi[0], hi[1], z], [lo[0], hi[1], z], [lo[0], lo[1], z]]),
            np.array([[x, lo[1], lo[2]], [x, hi[1], lo[2]], [x, hi[1], hi[2]], [x, lo[1], hi[2]], [x, lo[1], lo[2]]]),
            np.array([[lo[0], y, lo[2]], [hi[0], y, lo[2]], [hi[0], y, hi[2]], [lo[0], y, hi[2]], [lo[0], y, lo[2]]]),
        ]
        self.plane_actor = _actor(polylines(rects), (0.9, 0.9, 0.3), width=1.0, opacity=0.7)
        self.renderer.AddActor(self.plane_actor)
        self.redraw()

    # --- camera and output --------------------------------------------------------------------------
    def camera_preset(self, name: str) -> None:
        direction, up = CAMERA_PRESETS[name]
        lo, hi = self.frame_box()
        focal = (lo + hi) / 2
        extent = max(float(np.max(hi - lo)), 20.0)
        # the body and targets fill the view; beams drawn near the patient (0.75 x the extent) fit too
        dist = 2.3 * extent * (1.5 if self.beam_drawings and self.show_beams.isChecked() else 1.0)
        cam = self.renderer.GetActiveCamera()
        cam.SetFocalPoint(*focal)
        unit = np.asarray(direction, dtype=float) / np.linalg.norm(direction)
        cam.SetPosition(*(focal + dist * unit))
        cam.SetViewUp(*up)
        self.renderer.ResetCameraClippingRange()
        self._camera_set = True
        self.redraw()

    def redraw(self) -> None:
        if self.isVisible():
            self.vtk_widget.GetRenderWindow().Render()

    def render_rgba(self) -> np.ndarray:
        """The rendered frame (H, W, 4) uint8, read from the render window (grab() misses GL)."""
        rw = self.vtk_widget.GetRenderWindow()
        rw.Render()
        f = vtkWindowToImageFilter()
        f.SetInput(rw)
        f.SetInputBufferTypeToRGB()
        f.ReadFrontBufferOff()
        f.Update()
        img = f.GetOutput()
        w, h, _ = img.GetDimensions()
        rgb = vtk_to_numpy(img.GetPointData().GetScalars()).reshape(h, w, 3)[::-1]
        out = np.full((h, w, 4), 255, dtype=np.uint8)
        out[..., :3] = rgb
        return out

    def closeEvent(self, e: Any) -> None:  # noqa: N802
        self.vtk_widget.Finalize()
        super().closeEvent(e)
