"""Compiled parallel kernels that stay usable in a process forked after they ran.

numba's parallel kernels run on its threading layer; with GNU OpenMP (the layer numba picks when
Intel TBB is absent) a process forked after a parallel kernel ran is terminated as soon as it
launches one itself ("fork() called from a process already using GNU OpenMP, this is unsafe").
:func:`parallel_njit` compiles a kernel ``parallel=True`` and, in such a forked child only, runs
its serial twin instead (the same Python function compiled with ``prange`` as ``range``: the
same arithmetic, the same results, one thread). A child forked before any parallel kernel ran,
or from a process on a fork-safe layer, keeps the parallel kernels.
"""

from __future__ import annotations

import os
import types
from typing import Any

_serial_only = False


def _after_fork_in_child() -> None:
    global _serial_only
    if _serial_only:
        return
    try:
        from numba.np.ufunc import parallel as _numba_parallel

        if not getattr(_numba_parallel, "_is_initialized", False):
            return
        from numba import threading_layer

        _serial_only = threading_layer() != "tbb"  # omp (GNU) is not fork-safe; workqueue is not meant for it
    except Exception:  # noqa: BLE001 - unknown numba internals: be safe, run serial
        _serial_only = True


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def serial_only() -> bool:
    """True in a process forked after a (non fork-safe) parallel kernel ran: kernels run serial."""
    return _serial_only


class ParallelKernel:
    """A numba kernel compiled ``parallel=True``, with a serial twin compiled on first use in a
    forked child (see the module docstring). Called like the kernel."""

    def __init__(self, py_func: Any, **options: Any) -> None:
        from numba import njit

        self._py_func = py_func
        self._options = options
        self.parallel = njit(parallel=True, **options)(py_func)
        self._serial: Any = None

    @property
    def serial(self) -> Any:
        """The serial twin (compiled on first use; its own on-disk cache entry)."""
        if self._serial is None:
            from numba import njit

            f = self._py_func
            twin = types.FunctionType(f.__code__, f.__globals__, f.__name__ + "_serial", f.__defaults__, f.__closure__)
            twin.__qualname__ = f.__qualname__ + "_serial"
            twin.__module__ = f.__module__
            self._serial = njit(parallel=False, **self._options)(twin)
        return self._serial

    def __call__(self, *args: Any) -> Any:
        return self.serial(*args) if _serial_only else self.parallel(*args)


def parallel_njit(py_func: Any, **options: Any) -> ParallelKernel:
    """``njit(parallel=True, **options)(py_func)``, safe in forked children (:class:`ParallelKernel`)."""
    return ParallelKernel(py_func, **options)
