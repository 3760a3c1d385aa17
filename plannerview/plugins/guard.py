"""Running plugin code so the host survives it: one wrapper for every import and call.

While plugin code runs (:func:`run_plugin_code`):

- ``sys.stdout`` writes go to the plugin's logger (so ``--json`` output stays JSON);
- ``SystemExit``, ``KeyboardInterrupt`` and every other exception become :class:`PluginCodeError`
  naming the plugin (``Cancelled`` and ``PluginInputError`` pass through: they are not faults);
- the host functions results depend on (every function and class attribute of the loaded
  ``plannerview`` core modules, and numpy's functions) are compared by identity with a baseline
  taken before any plugin code ran; replaced ones are put back and the call's result is refused.

This contains accidents (a stray ``print``, ``sys.exit`` in a script turned plugin, a plugin that
"fixes" a host function). It is not a security boundary: plugins are trusted Python code.
"""

from __future__ import annotations

import importlib
import io
import logging
import sys
import threading
import traceback
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from ..plugin_api.errors import PluginInputError
from ..tasks import Cancelled

T = TypeVar("T")
WATCHED_PREFIXES = ("plannerview.model", "plannerview.compute", "plannerview.io", "plannerview.review",
                    "plannerview.plugin_api", "plannerview.plugins", "plannerview.cli", "plannerview.tasks")
PRELOAD = ("plannerview.compute.contours", "plannerview.compute.mask_to_contours", "plannerview.compute.masks",
           "plannerview.io.dicom_write", "plannerview.io.rtstruct_writer", "plannerview.io.rtdose_writer",
           "plannerview.plugins.results")
"""Light core modules imported before the baseline, so a plugin cannot patch them unseen."""
_KINDS = (types.FunctionType, types.BuiltinFunctionType, type, property, cached_property, staticmethod,
          classmethod)


class PluginCodeError(Exception):
    """Plugin code raised, exited or replaced host functions; the message says which and where
    (``detail`` is the message without the "<what>" prefix)."""

    def __init__(self, what: str, detail: str) -> None:
        super().__init__(f"{what} {detail}".strip())
        self.detail = detail


# --- stdout ------------------------------------------------------------------------------------
class _LogWriter(io.TextIOBase):
    """A text stream that sends complete lines to a logger."""

    def __init__(self) -> None:
        super().__init__()
        self._buf = ""
        self._lock = threading.Lock()

    def write(self, s: str) -> int:
        with self._lock:
            self._buf += str(s)
            *lines, self._buf = self._buf.split("\n")
        for line in lines:
            if line.strip():
                _current_logger().info("plugin output: %s", line)
        return len(s)

    def flush(self) -> None:
        with self._lock:
            rest, self._buf = self._buf, ""
        if rest.strip():
            _current_logger().info("plugin output: %s", rest)


_state_lock = threading.Lock()
_active: list[logging.Logger] = []  # loggers of the plugin code running now (any thread)
_saved_stdout: list[Any] = []
_writer = _LogWriter()


def _current_logger() -> logging.Logger:
    with _state_lock:
        return _active[-1] if _active else logging.getLogger("plannerview.plugins")


@contextmanager
def stdout_to_log(logger: logging.Logger) -> Iterator[None]:
    """While the block runs, every ``print`` (any thread) goes to ``logger``; the host prints its
    own output only after plugin code returned, so nothing of it is lost."""
    with _state_lock:
        if not _active:
            _saved_stdout.append(sys.stdout)
            sys.stdout = _writer
        _active.append(logger)
    try:
        yield
    finally:
        with _state_lock:
            _active.remove(logger)
            last = not _active
        if last:
            _writer.flush()
            with _state_lock:
                if not _active and _saved_stdout:
                    saved = _saved_stdout.pop()
                    if sys.stdout is _writer:
                        sys.stdout = saved


# --- host functions ------------------------------------------------------------------------------
class CoreSnapshot:
    """Identity of the host's functions and class attributes, checked around plugin code."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._baseline: dict[tuple[Any, str], Any] = {}
        self._modules: set[str] = set()
        self._preloaded = False

    def _watched(self) -> list[types.ModuleType]:
        mods = [m for name, m in list(sys.modules.items())
                if isinstance(m, types.ModuleType) and name.startswith(WATCHED_PREFIXES)]
        np_mod = sys.modules.get("numpy")
        return mods + ([np_mod] if np_mod is not None else [])

    @staticmethod
    def _entries(mod: types.ModuleType) -> Iterator[tuple[tuple[Any, str], Any]]:
        for attr, value in list(vars(mod).items()):
            if isinstance(value, _KINDS) or (callable(value) and not isinstance(value, types.ModuleType)):
                yield (mod, attr), value
                if isinstance(value, type) and value.__module__ == mod.__name__:
                    for name, member in list(vars(value).items()):
                        if isinstance(member, _KINDS) and not isinstance(member, type):
                            yield (value, name), member

    def check_in(self) -> None:
        """Before plugin code: extend the baseline with modules loaded since the last check."""
        with self._lock:
            if not self._preloaded:
                self._preloaded = True
                for name in PRELOAD:
                    importlib.import_module(name)
            for mod in self._watched():
                if mod.__name__ in self._modules:
                    continue
                self._modules.add(mod.__name__)
                for key, value in self._entries(mod):
                    self._baseline.setdefault(key, value)

    def restore_replaced(self) -> list[str]:
        """After plugin code: put back every replaced function; return their names."""
        replaced = []
        with self._lock:
            for (owner, attr), original in self._baseline.items():
                current = vars(owner).get(attr, original)
                if current is not original:
                    owner_name = (f"{owner.__module__}.{owner.__qualname__}" if isinstance(owner, type)
                                  else owner.__name__)
                    replaced.append(f"{owner_name}.{attr}")
                    setattr(owner, attr, original)
        return replaced


SNAPSHOT = CoreSnapshot()


# --- the wrapper ---------------------------------------------------------------------------------
def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""


def describe(exc: BaseException) -> str:
    """``Type: message (file:line)`` of an exception raised by plugin code."""
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r}){_where(exc)}"
    if isinstance(exc, KeyboardInterrupt):
        return f"raised KeyboardInterrupt{_where(exc)}"
    return f"{type(exc).__name__}: {exc}{_where(exc)}"


def run_plugin_code(fn: Callable[..., T], *args: Any, what: str, logger: logging.Logger,
                    route_stdout: bool = True, **kwargs: Any) -> T:
    """Call ``fn(*args, **kwargs)`` as plugin code (see the module docstring).

    Raises PluginCodeError ("<what> raised ..."); ``Cancelled`` and ``PluginInputError`` pass.
    """
    SNAPSHOT.check_in()
    error: PluginCodeError | None = None
    result: Any = None
    try:
        with stdout_to_log(logger) if route_stdout else nullcontext():
            result = fn(*args, **kwargs)
    except (Cancelled, PluginInputError):
        _check_replaced(what)
        raise
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt too: the host survives
        logger.debug("plugin code failed", exc_info=exc)
        error = PluginCodeError(what, describe(exc))
        error.__cause__ = exc if isinstance(exc, Exception) else None
    _check_replaced(what)
    if error is not None:
        raise error
    return result  # type: ignore[no-any-return]


def _check_replaced(what: str) -> None:
    replaced = SNAPSHOT.restore_replaced()
    if replaced:
        raise PluginCodeError(what, f"replaced host function(s) {', '.join(sorted(replaced))} while it ran; "
                                    "they are restored and its result is refused")
