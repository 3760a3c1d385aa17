"""Child processes of the engines: their own session (so cancel kills exactly them) and, on Linux,
killed by the kernel if plannerview itself dies first (no orphaned simulation keeps a core busy)."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from typing import Any

_PR_SET_PDEATHSIG = 1
try:  # resolved here, in the parent: the child only calls it (no loader work after fork)
    _PRCTL = ctypes.CDLL(None).prctl if sys.platform.startswith("linux") else None
except (OSError, AttributeError):  # pragma: no cover
    _PRCTL = None


def _child_setup() -> None:  # runs in the child between fork and exec
    os.setsid()
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGKILL))


def start(cmd: list[str], **kwargs: Any) -> subprocess.Popen:  # type: ignore[type-arg]
    return subprocess.Popen(cmd, preexec_fn=_child_setup, **kwargs)  # noqa: PLW1509


def kill(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """SIGKILL the child's process group (the child and what it started, nothing else)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
