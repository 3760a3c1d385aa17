"""Importing plannerview makes idle worker threads sleep and BLAS single-threaded (spinning OpenMP
and OpenBLAS pools took the cores from each other on a 2-core machine), unless the user chose."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = "import os, plannerview; print(os.environ['OMP_WAIT_POLICY'], os.environ['OPENBLAS_NUM_THREADS'])"


def _run(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS")}
    return subprocess.run([sys.executable, "-c", CODE], env={**base, **env}, capture_output=True, text=True,
                          check=True).stdout.split()


def test_defaults_when_unset() -> None:
    assert _run() == ["PASSIVE", "1"]


def test_a_users_choice_wins() -> None:
    assert _run(OMP_WAIT_POLICY="ACTIVE", OPENBLAS_NUM_THREADS="2") == ["ACTIVE", "2"]
