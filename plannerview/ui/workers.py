"""Long work on the QThreadPool: plain functions given a :class:`plannerview.tasks.TaskContext`.

A job calls ``fn(*args, ctx=TaskContext(...), **kwargs)``: the context reports progress to the
job's ``progress`` signal and answers ``cancelled()`` with the job's cancel flag. Results come back
through queued signals, so they are applied on the GUI thread; the GUI never spins
``processEvents``. Cancellation is recognised by ``isinstance(exc, Cancelled)``.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..model.messages import user_message
from ..tasks import Cancelled, TaskContext

_log = logging.getLogger("plannerview")


class JobSignals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Job(QRunnable):
    """Run ``fn(*args, ctx=<TaskContext>, **kwargs)`` on a pool thread.

    ``task`` says how ``fn`` takes progress and cancel: ``"ctx"`` (default: a ``ctx=`` keyword),
    ``"callbacks"`` (the older ``progress=`` and ``cancel=`` keywords) or ``"none"``.
    ``with_callbacks=False`` is the older spelling of ``task="none"``.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, task: str = "ctx", with_callbacks: bool = True,
                 **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        if task not in ("ctx", "callbacks", "none"):
            raise ValueError(f"task must be 'ctx', 'callbacks' or 'none', not {task!r}")
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.task = task if with_callbacks else "none"
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()
        self.ctx = TaskContext(on_progress=self._progress, on_cancel=self._cancel.is_set)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # pool thread
        try:
            kw = dict(self.kwargs)
            if self.task == "ctx":
                kw["ctx"] = self.ctx
            elif self.task == "callbacks":
                kw.update(progress=self._progress, cancel=self._cancel.is_set)
            result = self.fn(*self.args, **kw)
        except Exception as exc:  # reported to the GUI, never raised into Qt
            if self._cancel.is_set() or isinstance(exc, Cancelled):
                self.signals.cancelled.emit()
            else:
                _log.error("background job %s failed\n%s", getattr(self.fn, "__name__", "?"),
                           traceback.format_exc(limit=6))
                self.signals.failed.emit(user_message(exc))
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        finally:
            self.done.set()

    def _progress(self, fraction: float, message: str = "") -> None:
        self.signals.progress.emit(float(fraction), str(message))


class JobRunner(QObject):
    """Starts jobs on the global pool and keeps them alive until they report back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self._jobs: set[Job] = set()

    def start(
        self,
        job: Job,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        self._jobs.add(job)
        s = job.signals
        s.setParent(self)  # owned by the runner (GUI thread); deleted there with deleteLater
        if on_done:
            s.finished.connect(on_done)
        if on_failed:
            s.failed.connect(on_failed)
        if on_progress:
            s.progress.connect(on_progress)
        if on_cancelled:
            s.cancelled.connect(on_cancelled)
        for sig in (s.finished, s.failed, s.cancelled):
            sig.connect(lambda *_a, j=job: self._finished(j))
        self.pool.start(job)
        return job

    def _finished(self, job: Job) -> None:
        """On the GUI thread, after the job's last signal: release it."""
        self._jobs.discard(job)
        job.signals.deleteLater()

    @property
    def active(self) -> int:
        return len(self._jobs)

    def cancel_all(self) -> None:
        for j in list(self._jobs):
            j.cancel()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Cancel nothing; wait for the pool to drain (used at shutdown and in tests)."""
        return bool(self.pool.waitForDone(timeout_ms))
