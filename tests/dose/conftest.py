"""Engines for the dose tests: provisioned by scripts/setup.sh; a test skips (saying why) without them."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def mcsquare_folder() -> Path:
    from plannerview_dose.locate import EngineMissing, mcsquare_dir

    try:
        return mcsquare_dir()
    except EngineMissing as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def pyradplan_ready() -> Path:
    from plannerview_dose.locate import EngineMissing, pyradplan_python

    try:
        return pyradplan_python()
    except EngineMissing as exc:
        pytest.skip(str(exc))
