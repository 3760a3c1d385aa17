"""plannerview: review radiotherapy treatment plans.

A research and review aid, not a certified medical device.

>>> import plannerview
>>> case = plannerview.load("resources/demo")   # doctest: +SKIP
"""

from __future__ import annotations

import os

from .version import __version__  # (imports nothing else: the defaults below are set before numpy loads)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (3 ms of every command)

PROCESS_DEFAULTS = {
    # Worker threads that wait by sleeping, one BLAS thread (set before numpy and numba's OpenMP
    # layer load; a value the user set wins). The compiled kernels (DVH, gamma, margins) run on
    # OpenMP threads; spinning idle threads, and OpenBLAS's own pool woken for a dot product of
    # 10,000 bins, took the cores from each other and from the GUI thread on a 2-core machine (a DVH
    # batch used 1.5x the CPU time; one TPS comparison 8 ms instead of 0.1 ms under load).
    "OMP_WAIT_POLICY": "PASSIVE",
    "OPENBLAS_NUM_THREADS": "1",
    # No transparent-huge-page advice for numpy's large arrays: with the kernel's THP defrag on
    # "madvise" (the Linux default), every advised array's first touch may wait for memory
    # compaction; on the 512 x 512 x 400 scale case loading took 1.84 s instead of 1.44, gamma
    # 1.28 s instead of 0.72.
    "NUMPY_MADVISE_HUGEPAGE": "0",
}


def apply_process_defaults() -> None:
    """Set :data:`PROCESS_DEFAULTS` in ``os.environ`` where the user has not set them (on import,
    and again in a command run by the preloaded process, whose environment is the caller's)."""
    for name, value in PROCESS_DEFAULTS.items():
        os.environ.setdefault(name, value)


apply_process_defaults()

if TYPE_CHECKING:
    from .model import Case


def load(*paths: object, progress: object = None, cancel: object = None, ctx: object = None) -> Case:
    """Load files, folders or zip archives into one :class:`~plannerview.model.Case` (``ctx``: a
    :class:`plannerview.tasks.TaskContext` for progress and cancel)."""
    from .io.loader import load as _load

    flat: list[str] = []
    for p in paths:
        if isinstance(p, list | tuple):
            flat.extend(str(x) for x in p)
        else:
            flat.append(str(p))
    return _load(flat, progress=progress, cancel=cancel, ctx=ctx)  # type: ignore[arg-type]


__all__ = ["__version__", "load"]
