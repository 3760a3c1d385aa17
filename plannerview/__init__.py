"""plannerview: review radiotherapy treatment plans.

A research and review aid, not a certified medical device.

>>> import plannerview
>>> case = plannerview.load("resources/demo")   # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .version import __version__

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
