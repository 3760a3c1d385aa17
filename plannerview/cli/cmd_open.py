"""``plannerview open [PATH...]``: the review workstation (the demo case when no path is given)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .common import EXIT_BAD_INPUT, UsageError, esc_lines
from .language import add_lang_argument

_T0 = time.perf_counter()


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("open", help="open the review workstation (GUI) on folders, files or zips",
                              description="Open the review workstation. With no PATH, the bundled demo case.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="DICOM files, folders or zip archives")
    p.add_argument("--theme", choices=["dark", "light"], help="colour theme (default: the saved one)")
    add_lang_argument(p, "the workstation")
    p.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..ui.app import has_display

    if not has_display():
        raise UsageError("no display (DISPLAY is not set): run under a desktop session or 'xvfb-run -a', "
                         "or use 'plannerview screenshot' for headless pictures")
    for p in args.paths:
        if not Path(p).exists():
            raise UsageError(f"{p}: no such file or folder")
    from ..resources import demo_dir
    from ..ui.app import make_app
    from ..ui.main_window import MainWindow

    paths = list(args.paths)
    demo = demo_dir()
    if not paths and demo is not None:
        paths = [str(demo)]
    app = make_app(args.theme, language=args.lang or "auto")
    win = MainWindow()
    if args.exit_after_first_frame:
        # quit here, not through the last window closing: that posts a Quit event which, handled
        # after exec() has returned, would end every event loop the process starts later
        app.setQuitOnLastWindowClosed(False)

        quitting: list[bool] = []

        def done() -> None:
            if quitting:  # once (no disconnect() inside the emission: PySide6 releases its result badly)
                return
            quitting.append(True)
            print(f"first slice rendered after {time.perf_counter() - _T0:.3f} s (from command start)", flush=True)
            win.close()
            app.quit()

        win.first_slice_rendered.connect(done)
        win.load_failed.connect(lambda m: (print(esc_lines(m), file=sys.stderr), app.exit(1)))
    if win.first_start:
        win.showMaximized()  # first start: the whole screen (later starts restore the saved geometry)
    else:
        win.show()
    if paths:
        win.open_paths(paths)
    elif not args.paths:
        win.statusBar().showMessage(app.translate("MainWindow", "no demo case found: open a folder (Ctrl+O) or drop "
                                                                "one here"))
    rc = app.exec()
    app.setQuitOnLastWindowClosed(True)
    return int(rc) if rc else 0


__all__ = ["register", "run", "EXIT_BAD_INPUT"]
