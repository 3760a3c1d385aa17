"""One way to run long work: a task context with progress, cancel and a log, and one ``Cancelled``.

Compute functions, plugin calls and GUI jobs all take the same :class:`TaskContext` (or the
plain ``progress`` / ``cancel`` callbacks it is built from, as dicompyler-core's
``get_dvh(callback=...)``) and raise :class:`Cancelled` (or a subclass) when asked to stop.
The GUI's job runner recognises cancellation by ``isinstance(exc, Cancelled)``, never by name.

Qt-free and free of any other plannerview import: every layer may use it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

log = logging.getLogger("plannerview")


class Cancelled(Exception):
    """The user asked to stop. Every cancellation in plannerview is this class or a subclass."""


@dataclass(frozen=True)
class TaskContext:
    """Progress (0..1 with a message), cancel and a logger for one piece of long work.

    ``sub(lo, hi, label)`` gives a child context whose 0..1 maps onto ``lo..hi`` of this one, so a
    function that calls several others reports one continuous progress.
    """

    on_progress: Progress | None = None
    on_cancel: Cancel | None = None
    logger: logging.Logger = field(default=log)
    lo: float = 0.0
    hi: float = 1.0
    label: str = ""

    @classmethod
    def of(cls, ctx: TaskContext | None = None, progress: Progress | None = None,
           cancel: Cancel | None = None) -> TaskContext:
        """``ctx`` if given, else a context built from the older ``progress``/``cancel`` callbacks."""
        if ctx is not None:
            return ctx
        return cls(on_progress=progress, on_cancel=cancel)

    def progress(self, fraction: float, message: str = "") -> None:
        """Report ``fraction`` (clipped to 0..1) of this context's work done."""
        if self.on_progress is None:
            return
        f = min(1.0, max(0.0, float(fraction)))
        text = f"{self.label}: {message}" if (self.label and message) else (message or self.label)
        self.on_progress(self.lo + (self.hi - self.lo) * f, text)

    def cancelled(self) -> bool:
        """True once the user asked to stop."""
        return bool(self.on_cancel is not None and self.on_cancel())

    def check_cancel(self, what: str = "") -> None:
        """Raise :class:`Cancelled` when the user asked to stop (call it between steps)."""
        if self.cancelled():
            raise Cancelled(f"{what or self.label or 'task'} cancelled")

    def sub(self, lo: float, hi: float, label: str = "") -> TaskContext:
        """A child context covering ``lo..hi`` (fractions of this context's range)."""
        span = self.hi - self.lo
        return TaskContext(self.on_progress, self.on_cancel, self.logger, self.lo + span * lo,
                           self.lo + span * hi, label or self.label)

    # the older callback style, for functions that take ``progress=`` and ``cancel=``
    @property
    def progress_callback(self) -> Progress:
        return self.progress

    @property
    def cancel_callback(self) -> Cancel:
        return self.cancelled


NULL_TASK = TaskContext()
