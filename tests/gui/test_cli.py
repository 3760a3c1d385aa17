"""`plannerview screenshot` without a display (it starts its own Xvfb) and its bad-input exits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.gui


def _run(args: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY")}
    return subprocess.run([sys.executable, "-m", "plannerview.cli.main", *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("view", ["axial", "3d"])
def test_screenshot_without_display(demo_dir: Path, tmp_path: Path, out_dir: Path, view: str) -> None:
    from PySide6.QtGui import QImage

    from plannerview.ui.capture import qimage_to_rgba

    out = tmp_path / f"{view}.png"
    r = _run(["screenshot", str(demo_dir), "--out", str(out), "--view", view, "--size", "640x480",
              "--plan", "Photon7F", "--json"])
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["view"] == view and doc["plan"] == "Photon7F" and doc["dose_unit"] == "Gy"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    img = qimage_to_rgba(QImage(str(out)))[..., :3].astype(int)
    assert img.shape[1] == 640
    assert len(np.unique(img.reshape(-1, 3), axis=0)) > 30
    (out_dir / f"cli_{view}.png").write_bytes(out.read_bytes())


def test_screenshot_bad_input_exit_codes(tmp_path: Path, demo_dir: Path) -> None:
    r = _run(["screenshot", str(tmp_path / "missing"), "--out", str(tmp_path / "x.png")])
    assert r.returncode == 2 and "no such file" in r.stderr
    r = _run(["screenshot", str(demo_dir), "--out", str(tmp_path / "x.png"), "--size", "huge"])
    assert r.returncode == 2 and "--size" in r.stderr
    r = _run(["screenshot", str(demo_dir), "--out", str(tmp_path / "x.png"), "--plan", "nope"])
    assert r.returncode == 2 and "Photon7F" in r.stderr  # the candidates are listed
