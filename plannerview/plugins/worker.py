"""One plugin call in a worker process: crashes, hangs and runaway memory stay the plugin's.

For a contribution declared with ``isolation="process"`` the host starts a fresh interpreter
(multiprocessing *spawn*: nothing of the host's state is inherited), which

1. limits its address space to ``memory_mb`` (``resource.setrlimit(RLIMIT_AS)``), points file
   descriptor 1 at stderr and sends ``print`` output to the host's log, so the host's stdout stays
   clean;
2. receives the pickled request (model objects with their arrays) over a pipe, imports the plugin
   (entry-point module or user-folder file) and builds the contribution;
3. calls it with a context whose progress goes back over the pipe; the host's cancel and
   ``timeout_s`` (counted from the call, not the interpreter start) kill the process;
4. sends the result back (doses with their values), or the error.

A segfault, ``os._exit``, ``MemoryError``, a timeout or a kill is reported as that contribution's
fault (:class:`WorkerFailure`), never as the host's. This contains accidents; it is not a
security sandbox (the worker runs with the user's rights).
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import pickle
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..tasks import Cancelled, TaskContext

STARTUP_S = 120.0
"""Longest wait for the worker to import the plugin and receive the request."""
POLL_S = 0.05


class WorkerFailure(Exception):
    """The worker crashed, hung, ran out of memory or the plugin raised in it (``detail`` says which)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Locator:
    """How a worker finds a contribution: the plugin's origin and the factory's name."""

    plugin: str
    origin_kind: str  # "entry point" or "user folder"
    module_name: str  # the module holding the manifest
    path: str  # user-folder plugins: the file or package folder
    target: str  # "module:attr" (relative to module_name when it starts with ".")


def locator_for(record: Any, contribution: Any) -> Locator:
    """A :class:`Locator` for a contribution (its factory must be importable by name)."""
    factory = contribution.factory
    if isinstance(factory, str):
        target = factory
    else:
        qual = getattr(factory, "__qualname__", "")
        if not qual or "<" in qual:
            raise WorkerFailure("its factory cannot be found by name in a worker process; name it as 'module:attr'")
        target = f"{factory.__module__}:{qual}"
    return Locator(record.name, record.origin_kind, record.module_name, record.path, target)


def portable(value: Any) -> Any:
    """``value`` with images and doses given picklable loaders (their arrays travel with them)."""
    from ..model import DoseGrid, ImageVolume
    from .results import ConstantLoader

    if isinstance(value, ImageVolume):
        return dataclasses.replace(value, loader=ConstantLoader(value.voxels))
    if isinstance(value, DoseGrid):
        return dataclasses.replace(value, loader=ConstantLoader(value.dose))
    if isinstance(value, list | tuple):
        return type(value)(portable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and type(value).__module__.startswith(
            "plannerview.plugin_api"):
        changes = {f.name: portable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        changes = {k: v for k, v in changes.items() if v is not getattr(value, k)}
        return dataclasses.replace(value, **changes) if changes else value
    return value


def _crash_message(exitcode: int | None, memory_mb: int | None) -> str:
    limit = f" (memory limit {memory_mb} MB)" if memory_mb else ""
    if exitcode is None:
        return "its worker process vanished"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"crashed in its worker process ({name}){limit}"
    return f"its worker process exited with code {exitcode} without a result{limit}"


def call_in_process(locator: Locator, kind: str, method: str, args: tuple[Any, ...], ctx_info: dict[str, Any],
                    task: TaskContext, timeout_s: float | None, memory_mb: int | None,
                    logger: logging.Logger) -> tuple[Any, Any]:
    """Run ``method(*args, ctx)`` of the contribution in a worker; returns (result, proposals).

    Raises WorkerFailure, PluginInputError (rebuilt from the worker's message) or Cancelled.
    """
    from ..plugin_api.errors import PluginInputError

    mp = multiprocessing.get_context("spawn")
    host_end, worker_end = mp.Pipe(duplex=True)
    proc = mp.Process(target=worker_main, args=(worker_end, memory_mb), daemon=True,
                      name=f"plannerview-plugin-{locator.plugin}")
    payload = pickle.dumps((locator, kind, method, portable(args), ctx_info), protocol=pickle.HIGHEST_PROTOCOL)
    proc.start()
    worker_end.close()
    try:
        try:
            host_end.send_bytes(payload)
        except OSError:
            proc.join(5)
            raise WorkerFailure(_crash_message(proc.exitcode, memory_mb)) from None
        started: float | None = None
        t0 = time.monotonic()
        while True:
            if host_end.poll(POLL_S):
                try:
                    msg = host_end.recv()
                except (EOFError, OSError):
                    proc.join(5)
                    raise WorkerFailure(_crash_message(proc.exitcode, memory_mb)) from None
                except MemoryError:
                    raise WorkerFailure("its result was too large to receive") from None
                tag = msg[0]
                if tag == "progress":
                    task.progress(float(msg[1]), str(msg[2]))
                elif tag == "log":
                    logger.info("plugin output (worker): %s", msg[1])
                elif tag == "started":
                    started = time.monotonic()
                elif tag == "result":
                    return msg[1], msg[2]
                elif tag == "input_error":
                    raise PluginInputError(msg[1])
                elif tag == "cancelled":
                    raise Cancelled(msg[1])
                elif tag == "error":
                    logger.info("worker traceback:\n%s", msg[2])
                    raise WorkerFailure(str(msg[1]))
                continue
            now = time.monotonic()
            if task.cancelled():
                raise Cancelled(f"{locator.plugin}: cancelled (its worker process was stopped)")
            if started is not None and timeout_s is not None and now - started > timeout_s:
                raise WorkerFailure(f"did not finish within {timeout_s:g} s; its worker process was stopped")
            if started is None and now - t0 > STARTUP_S:
                raise WorkerFailure(f"its worker process did not start within {STARTUP_S:g} s")
            if not proc.is_alive() and not host_end.poll(0):
                proc.join(5)
                raise WorkerFailure(_crash_message(proc.exitcode, memory_mb))
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(10)
        host_end.close()


# --- the worker's side ---------------------------------------------------------------------------
class _PipeWriter:
    """``sys.stdout`` in the worker: lines go to the host's log over the pipe."""

    def __init__(self, conn: Any) -> None:
        self.conn, self.buf = conn, ""

    def write(self, s: str) -> int:
        self.buf += str(s)
        *lines, self.buf = self.buf.split("\n")
        for line in lines:
            if line.strip():
                self.conn.send(("log", line))
        return len(s)

    def flush(self) -> None:
        if self.buf.strip():
            self.conn.send(("log", self.buf))
        self.buf = ""

    def isatty(self) -> bool:
        return False


def worker_main(conn: Any, memory_mb: int | None) -> None:  # pragma: no cover - runs in the worker
    """Entry point of the worker process (see the module docstring)."""
    import os
    import sys
    import traceback

    os.dup2(2, 1)  # native code's printf goes to stderr, never to the host's stdout
    sys.stdout = _PipeWriter(conn)  # type: ignore[assignment]
    if memory_mb:
        import resource

        limit = int(memory_mb) * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        from ..plugin_api.errors import PluginInputError
        from .guard import describe

        locator, kind, method, args, ctx_info = pickle.loads(conn.recv_bytes())
        obj = _build(locator)
        ctx = _context(locator, ctx_info, args, conn)
        conn.send(("started",))
        takes_ctx = ctx_info.get("takes_ctx", True)
        value = getattr(obj, method)(*args, *((ctx,) if takes_ctx else ()))
        sys.stdout.flush()
        conn.send(("result", portable(value), _portable_proposals(ctx.proposals)))
    except PluginInputError as exc:
        conn.send(("input_error", str(exc)))
    except Cancelled as exc:
        conn.send(("cancelled", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - SystemExit, MemoryError ...: all reported to the host
        try:
            conn.send(("error", describe(exc), traceback.format_exc()))
        except BaseException:  # noqa: BLE001
            os._exit(70)
    finally:
        conn.close()


def _build(locator: Locator) -> Any:  # pragma: no cover - runs in the worker
    import importlib

    from .discovery import load_user_module
    from .records import USER_FOLDER
    from .registry import resolve_target

    if locator.origin_kind == USER_FOLDER:
        load_user_module(Path(locator.path))
    else:
        importlib.import_module(locator.module_name)
    return resolve_target(locator.target, locator.module_name)()


def _context(locator: Locator, info: dict[str, Any], args: tuple[Any, ...], conn: Any) -> Any:  # pragma: no cover
    from ..model import Case, ImageVolume, PlanBase, StructureSet
    from ..plugin_api import PluginContext

    req = args[0] if args else None
    image, plan, ss = (getattr(req, n, None) for n in ("image", "plan", "structure_set"))
    case = Case(images=(image,) if isinstance(image, ImageVolume) else (),
                plans=(plan,) if isinstance(plan, PlanBase) else (),  # type: ignore[arg-type]
                structure_sets=(ss,) if isinstance(ss, StructureSet) else ())
    from ..review.workspace import Workspace

    task = TaskContext(on_progress=lambda f, m: conn.send(("progress", f, m)))
    return PluginContext(locator.plugin, case, info.get("settings"), contribution=info.get("contribution", ""),
                         workspace=Workspace(case=case), task=task, storage_dir=info.get("storage_dir"),
                         user=info.get("user"))


def _portable_proposals(p: Any) -> Any:  # pragma: no cover - runs in the worker
    p.rois = [portable(r) for r in p.rois]
    p.doses = [portable(d) for d in p.doses]
    return p
