"""``plannerview screenshot PATH... --out FILE.png``: render what the GUI shows, with no screen.

Without a DISPLAY the command re-runs itself under ``xvfb-run -a`` (a private virtual X server),
because Qt with VTK needs X (Qt's offscreen platform breaks VTK's shaders). Without xvfb-run,
2D views and the DVH render on Qt's offscreen platform; the 3D view and the window then need X.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

from .common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_overwrite_option,
    check_output,
    esc,
    load_case,
    print_json,
    select,
)

VIEWS = ("axial", "sagittal", "coronal", "3d", "dvh", "goals", "window")
_ENV_GUARD = "PLANNERVIEW_SCREENSHOT_CHILD"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "screenshot", help="render a view of the review workstation to a PNG (works without a screen)",
        description="Render exactly what the GUI shows into a PNG. Runs headless: starts its own virtual "
                    "X server (xvfb-run) when there is no DISPLAY.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="DICOM files, folders or zip archives")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--view", choices=VIEWS, default="axial", help="what to render (default axial)")
    p.add_argument("--at", help="crosshair position X,Y,Z in patient mm (default: the dose maximum, "
                                "else the image centre)")
    p.add_argument("--size", default="1000x800", help="WxH in pixels (default 1000x800; window: 1600x1000 is good)")
    p.add_argument("--plan", help="plan: file, SOP UID or label (default: the first plan with a dose)")
    p.add_argument("--dose", help="dose: file, SOP UID or label (default: the plan's dose)")
    p.add_argument("--image", help="image series: file, UID or label")
    p.add_argument("--structures", help="structure set: file, UID or label")
    p.add_argument("--preset", choices=["soft tissue", "lung", "bone", "brain"], help="window/level preset")
    p.add_argument("--protocol", help="clinical-goal protocol for the goals view and the window: a bundled "
                                      "name or a YAML file (default: the one chosen from the plan, as the GUI does)")
    p.add_argument("--theme", choices=["dark", "light"], default="dark")
    p.add_argument("--json", action="store_true", help="print what was rendered as JSON")
    add_overwrite_option(p)
    p.set_defaults(func=run)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size {text!r}: expected WxH, e.g. 1200x900") from None
    if not (64 <= w <= 8000 and 64 <= h <= 8000):
        raise UsageError(f"--size {text!r}: width and height must be 64..8000")
    return w, h


def _at(text: str | None) -> tuple[float, float, float] | None:
    if text is None:
        return None
    try:
        x, y, z = (float(v) for v in text.split(","))
    except ValueError:
        raise UsageError(f"--at {text!r}: expected X,Y,Z in mm, e.g. 0,-20,15.5") from None
    return (x, y, z)


def _reexec_under_xvfb(args: argparse.Namespace, w: int, h: int) -> int | None:
    """Run this command again under xvfb-run when there is no display; None = carry on here."""
    if os.environ.get("DISPLAY") or os.environ.get(_ENV_GUARD):
        return None
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        if args.view in ("3d", "window"):
            raise UsageError(f"--view {args.view} needs an X server: install Xvfb (xvfb-run) or set DISPLAY")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return None
    argv = [sys.executable, "-m", "plannerview.cli.main", "screenshot", *args.paths, "--out", args.out,
            "--view", args.view, "--size", args.size, "--theme", args.theme]
    for opt in ("at", "plan", "dose", "image", "structures", "preset", "protocol"):
        v = getattr(args, opt)
        if v is not None:
            argv += [f"--{opt}", v]
    if args.json:
        argv.append("--json")
    if args.overwrite:
        argv.append("--overwrite")
    env = dict(os.environ, **{_ENV_GUARD: "1"})
    screen = f"-screen 0 {max(w, 1280) + 64}x{max(h, 1024) + 64}x24"
    return subprocess.run([xvfb, "-a", "-n", str(_free_display()), "-s", screen, *argv], env=env).returncode


def _free_display(first: int = 99) -> int:
    """A display number with neither a lock file nor a socket (``xvfb-run -a`` checks only the lock
    file, and fails where a stale socket was left behind)."""
    n = first
    while Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
        n += 1
    return n


def default_point(s: Any) -> tuple[float, float, float]:
    """The dose maximum (where a reviewer looks first), else the image centre."""
    if s.dose is not None:
        d = np.asarray(s.dose.dose)
        k, j, i = np.unravel_index(int(np.nanargmax(d)), d.shape)
        p = s.dose.grid.index_to_patient([i, j, k])
        return (float(p[0]), float(p[1]), float(p[2]))
    return s.default_cursor_mm()


def nothing_to_show(view: str, widget: Any, s: Any) -> str | None:
    """Why the view would be empty (None when it shows something): a black picture is never written."""
    if view in ("axial", "sagittal", "coronal"):
        return None if s.display_grid is not None else "the input has no image series, no dose and no contours"
    if view == "dvh":
        if widget.curves:
            return None
        if s.dose is None or s.structure_set is None:
            return "the input has no " + ("dose" if s.dose is None else "structure set") + \
                " (a DVH needs a structure set and a dose in one frame)"
        return widget.status.text() or "no DVH curve (a structure set and a dose in one frame are needed)"
    if view == "goals":
        if widget.result is not None:
            return None
        return f"{widget.status.text() or 'no report'} ({widget.reason_text().replace('<b>', '').replace('</b>', '')})"
    if view == "3d":
        has = s.image is not None or s.structure_set is not None or s.plan is not None or s.dose is not None
        return None if has else "no image, structures, plan or dose"
    return None


def _teardown(app: Any, win: Any, widget: Any) -> None:
    """Stop background work and delete the widgets while the application still exists
    (pyqtgraph items deleted after QApplication crash at interpreter exit)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    win.shutdown()
    for w in {id(widget): widget, id(win): win}.values():
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()  # one pass to finish the deletions (not a loop)
    del app


def run(args: argparse.Namespace) -> int:
    w, h = _size(args.size)
    at = _at(args.at)
    out = Path(args.out)
    if not out.parent.exists():
        raise UsageError(f"--out {esc(str(out))}: folder {esc(str(out.parent))} does not exist")
    rc = _reexec_under_xvfb(args, w, h)
    if rc is not None:
        return rc
    if args.protocol:
        from ..compute.protocols import ProtocolError
        from ..review.loaders import load_protocol

        try:
            load_protocol(args.protocol)
        except ProtocolError as exc:
            raise UsageError(str(exc)) from None
    case = load_case(args.paths)
    check_output(str(out), args.overwrite)
    chosen = {k: (select(case, k, getattr(args, a)) if getattr(args, a) else None)
              for k, a in (("plan", "plan"), ("dose", "dose"), ("image", "image"), ("structures", "structures"))}

    from PySide6.QtCore import QEventLoop, QTimer

    from ..ui.app import make_app
    from ..ui.capture import grab_widget, grab_window, qimage_to_rgba, rgba_to_qimage, save_png
    from ..ui.main_window import MainWindow
    from ..ui.settings import Settings

    app = make_app(args.theme)
    win = MainWindow(settings=Settings(theme=args.theme), heavy_panels=False, plugin_services=False)
    s = win.qs.model
    win.set_case(case)
    s.select(plan=chosen["plan"], dose=chosen["dose"], image=chosen["image"],  # type: ignore[arg-type]
             structure_set=chosen["structures"])  # type: ignore[arg-type]
    if args.preset:
        s.apply_preset(args.preset)
    s.set_cursor(at if at is not None else default_point(s))

    def settle(ms: int = 150) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    widget: Any
    if args.view in ("axial", "sagittal", "coronal"):
        from ..ui.slice_view import SliceView

        widget = SliceView(win.qs, args.view)
    elif args.view == "dvh":
        from ..ui.dvh_panel import DvhPanel

        widget = DvhPanel(win.qs, win.runner)
        widget.compute_now()
    elif args.view == "goals":
        from ..ui.goals_panel import GoalsPanel

        widget = GoalsPanel(win.qs, win.runner, settings=win.settings)
        if args.protocol:
            widget.set_protocol(args.protocol)
        widget.evaluate_now()
    elif args.view == "3d":
        from ..ui.view3d import View3D

        widget = View3D(win.qs, win.runner)
        widget.build_now()
    else:
        widget = win
        win.ensure_heavy_panels()
        win.dvh_panel.compute_now()
        if args.protocol:
            win.goals_panel.set_protocol(args.protocol)
        win.goals_panel.evaluate_now()
        win.view3d.build_now()
    empty = nothing_to_show(args.view, widget, s)
    if empty:
        print(f"plannerview screenshot: nothing to show in the {args.view} view: {empty}; no picture written",
              file=sys.stderr)
        _teardown(app, win, widget)
        return EXIT_FAILED
    widget.resize(w, h)
    widget.show()
    settle()
    if args.view == "3d":
        widget.camera_preset("Anterior")
        img = rgba_to_qimage(widget.render_rgba())
    elif args.view == "window":
        img = grab_window(win)
    else:
        img = grab_widget(widget)
    try:
        save_png(img, str(out), overwrite=args.overwrite)
    except (OSError, ValueError) as exc:
        print(f"plannerview screenshot: could not write {esc(str(out))}: {esc(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT if isinstance(exc, FileExistsError) else EXIT_FAILED
    rgba = qimage_to_rgba(img)
    lit = float(np.mean(rgba[..., :3].max(axis=2) > 16))
    doc = {
        "out": str(out),
        "view": args.view,
        "size": [img.width(), img.height()],
        "at_mm": list(s.cursor_mm),
        "image": s.image.series_uid if s.image else None,
        "structure_set": s.structure_set.sop_uid if s.structure_set else None,
        "plan": s.plan.label if s.plan else None,
        "plan_uid": s.plan.sop_uid if s.plan else None,
        "dose": s.dose.sop_uid if s.dose else None,
        "dose_unit": s.dose.unit_label if s.dose else None,
        "dose_summation": s.dose.summation_label if s.dose else None,
        "images": s.has_images,
        "protocol": (widget.current_protocol() if args.view == "goals" else
                     win.goals_panel.current_protocol() if args.view == "window" else None),
        "non_background_fraction": round(lit, 4),
    }
    if args.view == "dvh":
        doc["dvh_curves"] = len(widget.curves)  # one per visible ROI with dose
    if args.json:
        print_json(doc)
    else:
        print(f"wrote {esc(str(out))} ({img.width()}x{img.height()}, {args.view})")
    sys.stdout.flush()
    _teardown(app, win, widget)
    return EXIT_OK


__all__ = ["register", "run", "EXIT_BAD_INPUT"]
