"""Importing plannerview makes idle worker threads sleep and BLAS single-threaded (spinning OpenMP
and OpenBLAS pools took the cores from each other on a 2-core machine) and turns off numpy's
huge-page advice (first touches waited for memory compaction), unless the user chose."""

from __future__ import annotations

import os
import subprocess
import sys

VARS = ("OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS", "NUMPY_MADVISE_HUGEPAGE")
CODE = ("import os, plannerview, numpy; "
        "m = numpy._core.multiarray if hasattr(numpy, '_core') else numpy.core.multiarray; "  # numpy 2 / 1.26
        "print(*(os.environ[v] for v in " + repr(VARS) + "), m._set_madvise_hugepage(False))")


def _run(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in VARS}
    return subprocess.run([sys.executable, "-c", CODE], env={**base, **env}, capture_output=True, text=True,
                          check=True).stdout.split()


def test_defaults_when_unset() -> None:
    """The last word is numpy's own huge-page setting as it was at import (read back by setting it)."""
    assert _run() == ["PASSIVE", "1", "0", "False"]


def test_a_users_choice_wins() -> None:
    assert _run(OMP_WAIT_POLICY="ACTIVE", OPENBLAS_NUM_THREADS="2", NUMPY_MADVISE_HUGEPAGE="1") == \
        ["ACTIVE", "2", "1", "True"]
