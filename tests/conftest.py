"""Shared fixtures: where the public test data lives, and an output folder for artefacts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The suite reads English whatever the machine's locale; tests/i18n and tests/gui/test_i18n_gui.py
# choose their languages explicitly.
os.environ["PLANNERVIEW_LANG"] = "en"

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
DEMO = REPO / "resources" / "demo"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data next to the repository; tests that need it skip cleanly without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED_DATA


@pytest.fixture(scope="session")
def test_output() -> Path:
    out = REPO / "test-output"
    out.mkdir(exist_ok=True)
    return out


# PySide6 6.12 can abort while the interpreter finalises if Qt, pyqtgraph or VTK objects are still
# alive (a refcount error inside a C extension, seen as exit code 134 after every test passed).
# The outcome is already reported by then, so when Qt was used we leave without finalisation,
# keeping pytest's own exit status. Nothing else in the process needs the finaliser.
_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    import os
    import sys

    if _EXIT_STATUS and "PySide6" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
