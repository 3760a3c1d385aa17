"""The wheel built from the repository is the whole workstation.

Builds the wheel (no network: ``pip wheel --no-deps --no-build-isolation``), installs it with
plain ``pip install`` (its declared dependencies, no extras) into a fresh virtual environment, and
runs that environment's ``plannerview`` from a folder outside the checkout: the bundled protocols
are listed, a goals run gives the same JSON as the source install, and ``plannerview screenshot``
writes a picture of the demo. Package data must resolve inside the environment, never in the
checkout. Dependencies come from the package index through pip's cache (``--no-compile`` and a
venv without its own pip keep it quick).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"
PROTOCOL = "prostate_conventional_quantec"

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(the fresh environment, a work folder outside the checkout, a clean environment for commands)."""
    root = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PLANNERVIEW_DEMO")}
    env["PLANNERVIEW_CONFIG_DIR"] = str(root / "config")
    t0 = time.perf_counter()
    wheels = root / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation", "-q",
          "-w", str(wheels)], cwd=root, env=env)
    (whl,) = wheels.glob("plannerview-*.whl")
    venv = root / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    _run([base, "-m", "venv", "--without-pip", str(venv)], cwd=root, env=env)
    py = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-compile", str(whl)],
         cwd=root, env=env, timeout=600)
    print(f"wheel built and installed in {time.perf_counter() - t0:.0f} s")
    work = root / "work"
    work.mkdir()
    return venv, work, env


def test_package_data_resolves_inside_the_environment(wheel_venv: tuple[Path, Path, dict[str, str]]) -> None:
    venv, work, env = wheel_venv
    code = ("import json, plannerview, plannerview.resources as r; print(json.dumps({'pkg': plannerview.__file__, "
            "'protocols': str(r.protocols_dir()), 'tg263': str(r.tg263_names_file()), 'themes': str(r.themes_dir()), "
            "'icons': str(r.icons_dir()), 'translations': str(r.translations_dir()), 'demo': str(r.demo_dir())}))")
    out = json.loads(_run([str(venv / "bin" / "python"), "-c", code], cwd=work, env=env).stdout)
    site = (venv / "lib").resolve()
    for key in ("pkg", "protocols", "tg263", "themes", "icons", "translations"):
        p = Path(out[key]).resolve()
        assert p.is_relative_to(site), (key, p)
        assert not p.is_relative_to(REPO), (key, p)
        assert p.exists(), (key, p)
    assert sorted(f.name for f in Path(out["icons"]).iterdir()) == sorted(
        f.name for f in (REPO / "plannerview" / "data" / "icons").iterdir())
    # the compiled Qt translations, and the core sentences' translations for the Qt-free PDF report
    assert sorted(f.name for f in Path(out["translations"]).iterdir()) == [
        "core_fr_FR.json", "core_zh_CN.json", "plannerview_fr_FR.qm", "plannerview_zh_CN.qm"]
    assert out["demo"] == "None"  # the demo is not in the wheel ...
    env2 = dict(env, PLANNERVIEW_DEMO=str(DEMO))  # ... a wheel user points PLANNERVIEW_DEMO at a copy
    out2 = json.loads(_run([str(venv / "bin" / "python"), "-c", code], cwd=work, env=env2).stdout)
    assert Path(out2["demo"]) == DEMO


def test_protocols_lists_every_bundled_protocol(wheel_venv: tuple[Path, Path, dict[str, str]]) -> None:
    venv, work, env = wheel_venv
    out = _run([str(venv / "bin" / "plannerview"), "protocols", "--json"], cwd=work, env=env).stdout
    names = [row["name"] for row in json.loads(out)]
    in_repo = sorted(p.stem for p in (REPO / "plannerview" / "data" / "protocols").glob("*.yaml"))
    assert len(in_repo) >= 7 and names == in_repo  # the 7 of the issue, and those added since


def test_goals_json_is_the_source_installs(wheel_venv: tuple[Path, Path, dict[str, str]]) -> None:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    venv, work, env = wheel_venv
    args = ["goals", str(DEMO), "--protocol", PROTOCOL, "--plan", "Photon7F", "--json"]
    wheel_doc = json.loads(_run([str(venv / "bin" / "plannerview"), *args], cwd=work, env=env).stdout)
    src_doc = json.loads(_run([sys.executable, "-m", "plannerview.cli.main", *args], cwd=REPO, env=env).stdout)
    # the protocol file is the environment's own copy (same bytes: same SHA-256)
    wheel_file = Path(wheel_doc["provenance"]["parameters"]["protocol_file"])
    assert wheel_file.resolve().is_relative_to(venv.resolve())
    assert wheel_doc["provenance"]["parameters"]["protocol_sha256"] == src_doc["provenance"]["parameters"]["protocol_sha256"]
    for doc in (wheel_doc, src_doc):
        doc["provenance"]["parameters"].pop("protocol_file")
        doc["provenance"].pop("time_utc")
    assert wheel_doc == src_doc
    assert len(wheel_doc["goals"]) == 11


def test_the_installed_command_runs_through_its_preloaded_helper(wheel_venv: tuple[Path, Path, dict[str, str]]) -> None:
    """The wheel's console script starts a helper from the environment's own files (not the
    checkout's) and hands it the next command: the same goals document."""
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    venv, work, env = wheel_venv
    run_dir = Path(tempfile.mkdtemp(prefix="pvw-", dir="/tmp"))  # a socket's path holds 107 bytes
    env = dict(env, PLANNERVIEW_PRELOAD="1", PLANNERVIEW_RUNTIME_DIR=str(run_dir / "run"))
    cmd = [str(venv / "bin" / "plannerview")]
    args = ["goals", str(DEMO), "--protocol", PROTOCOL, "--plan", "Photon7F", "--json"]
    try:
        own = json.loads(_run(cmd + args, cwd=work, env=env).stdout)  # in its own process; starts the helper
        deadline = time.monotonic() + 180
        status: dict = {}
        while time.monotonic() < deadline:
            status = json.loads(_run(cmd + ["preload", "status", "--json"], cwd=work, env=env).stdout)
            if any(h["serving"] for h in status["helpers"]):
                break
            time.sleep(0.5)
        (helper,) = status["helpers"]
        assert helper["serving"] and helper["commands"] == 0, status
        pid = helper["pid"]
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        assert argv[0] == str(venv / "bin" / "python")  # the environment's Python ...
        search_path = json.loads(argv[6])  # ... and module search path (launcher.HELPER_BOOT's argument)
        assert any(Path(p).is_relative_to(venv) for p in search_path)
        assert not any(Path(p).resolve() == REPO for p in search_path if p)
        handed = json.loads(_run(cmd + args, cwd=work, env=env).stdout)
        (after,) = json.loads(_run(cmd + ["preload", "status", "--json"], cwd=work, env=env).stdout)["helpers"]
        assert (after["pid"], after["commands"]) == (pid, 1)
        for doc in (own, handed):
            doc["provenance"].pop("time_utc")
        assert handed == own
    finally:
        subprocess.run(cmd + ["preload", "stop"], cwd=work, env=env, capture_output=True, timeout=60)
        shutil.rmtree(run_dir, ignore_errors=True)


def test_screenshot_writes_a_picture_of_the_demo(wheel_venv: tuple[Path, Path, dict[str, str]]) -> None:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    from PySide6.QtGui import QImage

    venv, work, env = wheel_venv
    png = work / "axial.png"
    _run([str(venv / "bin" / "plannerview"), "screenshot", str(DEMO), "--out", str(png), "--size", "400x300"],
         cwd=work, env=env, timeout=180)
    img = QImage(str(png))
    assert (img.width(), img.height()) == (400, 300)
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    import numpy as np

    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes()).reshape(300, img.bytesPerLine())
    rgb = arr[:, : 400 * 3].reshape(300, 400, 3)
    lit = float((rgb.max(axis=2) > 40).mean())
    assert lit > 0.05  # CT, dose wash and labels: far from a black frame
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 50  # many colours, not a blank or flat image


def test_missing_gui_libraries_give_a_clear_message(tmp_path: Path) -> None:
    """If the GUI libraries cannot be imported (a broken install), the command says so and exits 1."""
    code = ("import sys; sys.modules['PySide6'] = None\n"  # importing PySide6 now raises ImportError
            "from plannerview.cli.main import main\n"
            f"sys.exit(main(['screenshot', {str(DEMO)!r}, '--out', {str(tmp_path / 'x.png')!r}]))\n")
    env = dict(os.environ, DISPLAY=os.environ.get("DISPLAY", ":0"))  # no re-run under xvfb-run
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 1
    assert "GUI libraries cannot be loaded" in r.stderr and "PySide6" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "x.png").exists()
