"""A real consult hub (Orthanc with DICOMweb on 127.0.0.1, throwaway storage, authentication on)
and clients, each with its own data folder (two clients = two XDG_DATA_HOMEs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("plannerview_consult")

from plannerview_consult.engine import Client  # noqa: E402
from plannerview_consult.hub import Hub, free_port  # noqa: E402
from plannerview_consult.net import Credentials  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"
USERS = {"alice": "alice-secret-1", "bob": "bob-secret-2"}

if shutil.which("Orthanc") is None and not Path("/usr/sbin/Orthanc").exists():
    pytest.skip("Orthanc is not installed (bash scripts/setup.sh)", allow_module_level=True)


def small_case(dest: Path, ct_slices: int = 6) -> Path:
    """A copy of the demo case with a few CT slices (structures, both plans, both doses)."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "CT").mkdir(exist_ok=True)
    for f in sorted((DEMO / "CT").glob("*.dcm"))[60:60 + ct_slices]:
        shutil.copy(f, dest / "CT" / f.name)
    for f in DEMO.glob("R*.dcm"):
        shutil.copy(f, dest / f.name)
    return dest


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    h = Hub(tmp_path / "hub", USERS, port=free_port())
    h.start()
    yield h
    h.stop(fast=True)


@pytest.fixture
def tls_hub(tmp_path: Path) -> Iterator[Hub]:
    h = Hub(tmp_path / "tlshub", USERS, port=free_port(), tls=True)
    h.start()
    yield h
    h.stop(fast=True)


def client_dir(tmp_path: Path, user: str) -> Path:
    """Where the client ``user`` keeps its store: the plugin's storage folder under its XDG_DATA_HOME."""
    return tmp_path / f"xdg-{user}" / "plannerview" / "plugin-data" / "plannerview-consult"


def client(tmp_path: Path, user: str, ca: Path | None = None) -> Client:
    """The client ``user`` (its platformdirs folder under its own XDG_DATA_HOME)."""
    return Client(client_dir(tmp_path, user), Credentials(user, USERS[user]),
                  ca=str(ca) if ca else None)


def cli_env(tmp_path: Path, user: str, password: str | None = None, ca: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PLANNERVIEW_DATA_DIR", None)
    env.update({"XDG_DATA_HOME": str(tmp_path / f"xdg-{user}"), "PLANNERVIEW_CONSULT_USER": user,
                "PLANNERVIEW_CONSULT_PASSWORD": password if password is not None else USERS[user]})
    if ca:
        env["PLANNERVIEW_CONSULT_CA"] = str(ca)
    return env


def consult(tmp_path: Path, user: str, *args: str, password: str | None = None, ca: Path | None = None,
            timeout: float = 120, plannerview: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a consult command as ``user`` in its own process (``plannerview consult ...`` when
    ``plannerview``, else the plugin's own entry, which starts faster)."""
    cmd = [sys.executable, "-m", "plannerview.cli.main", "consult"] if plannerview else \
        [sys.executable, "-m", "plannerview_consult.cli"]
    return subprocess.run(cmd + list(args), env=cli_env(tmp_path, user, password, ca), capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)
