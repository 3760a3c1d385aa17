"""Provision the dose engines outside the workstation's interpreter (run by scripts/setup.sh).

    python -m plannerview_dose.provision [--dest DIR] [--wheel opentps_core-2.0.0-py3-none-any.whl]
                                         [--only mcsquare|pyradplan] [--force]

- **MCsquare**: the ``opentps-core`` 2.0.0 wheel is fetched with ``pip download --no-deps`` (or
  given with ``--wheel``) and only its ``MCsquare`` folder is extracted: the Linux executables, the
  material tables, the generic beam data libraries (BDL) and the scanner calibration. opentps itself
  is never installed or imported. The copies get Unix line endings and exec bits (the wheel ships
  CRLF files and no exec bit); the OpenTPS licence notice is kept beside them (``NOTICE.txt``).
- **pyRadPlan** 0.5.0 goes into its own virtual environment with an explicit, slim dependency list
  (its default install pulls in ~150 packages; ``pydantic<2.13`` because 2.14 breaks every dose
  calculation) and numpy >= 2, which must never meet the workstation's interpreter.

Both are recorded in ``PROVENANCE.json`` with the versions and the wheel's SHA-256; a finished
engine is skipped on the next run (``--force`` redoes it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

OPENTPS_REQUIREMENT = "opentps-core==2.0.0"
OPENTPS_WHEEL = "opentps_core-2.0.0-py3-none-any.whl"
WHEEL_MCSQUARE = "opentps/core/processing/doseCalculation/protons/MCsquare/"
WHEEL_LICENSE = "opentps_core-2.0.0.dist-info/LICENSE"
MCSQUARE_EXECUTABLES = ("MCsquare_linux", "MCsquare_linux_sse4", "MCsquare_linux_avx", "MCsquare_linux_avx2",
                        "MCsquare_linux_avx512")
MCSQUARE_DATA = ("Materials/", "Scanners/", "BDL/")

PYRADPLAN_REQUIREMENT = "pyradplan==0.5.0"
# pyRadPlan's import and dose paths need these (found by importing it with --no-deps and adding
# what was missing); its LLM clients (pydantic_ai), huggingface_hub and safetensors are left out.
PYRADPLAN_DEPENDENCIES = (
    "numpy>=2.0,<2.4",
    "scipy>=1.13",
    "array_api_compat",
    "array_api_strict",
    "array_api_extra",
    "pymatreader>=1.0",
    "h5py>=3.11",
    "regex",
    "pydicom>=2.4.4",
    "pydantic>=2.10,<2.13",  # 2.14 breaks calc_dose_* (PydanticSerializationError)
    "pydantic-settings>=2,<3",
    "numpydantic>=1.6.9",
    "SimpleITK>=2.4",
    "tqdm",
    "pint>=0.24",
    "matplotlib",  # imported by pyRadPlan.cst for colours
    "jinja2",
)

ENV_ENGINES = "PLANNERVIEW_DOSE_ENGINES"

APACHE_NOTICE = """\
MCsquare executables and data in this folder were extracted unchanged (apart from Unix line
endings and exec bits) from the opentps-core 2.0.0 wheel on PyPI (folder
opentps/core/processing/doseCalculation/protons/MCsquare).

MCsquare: Copyright (c) 2016-2017 Universite catholique de Louvain (UCL). Developed by Kevin Souris
(UCL) in a collaboration with IBA s.a. Each use must be attributed to UCL (Louvain-la-Neuve).
OpenTPS: developed by the OpenTPS consortium initiated by UCLouvain and IBA s.a.; each use of the
software must be attributed to the OpenTPS consortium (http://opentps.org/).

Both are released under the Apache License, Version 2.0
(https://www.apache.org/licenses/LICENSE-2.0), distributed on an "AS IS" BASIS, WITHOUT
WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.

The opentps-core licence file follows.
----------------------------------------------------------------------------------------------
"""


def default_root() -> Path:
    """Where the engines live: $PLANNERVIEW_DOSE_ENGINES, else <interpreter prefix>/share/plannerview-dose."""
    env = os.environ.get(ENV_ENGINES, "").strip()
    return Path(env) if env else Path(sys.prefix) / "share" / "plannerview-dose"


def _log(msg: str) -> None:
    print(f"[dose-engines] {msg}", file=sys.stderr, flush=True)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _is_text(data: bytes) -> bool:
    return b"\0" not in data[:4096]


def fetch_opentps_wheel(folder: Path) -> Path:
    """``pip download opentps-core==2.0.0 --no-deps`` into ``folder``; returns the wheel path."""
    cmd = [sys.executable, "-m", "pip", "download", OPENTPS_REQUIREMENT, "--no-deps", "--only-binary", ":all:",
           "-d", str(folder), "-q"]
    subprocess.run(cmd, check=True)
    wheels = sorted(folder.glob("opentps_core-2.0.0-*.whl"))
    if not wheels:
        raise RuntimeError(f"pip download {OPENTPS_REQUIREMENT} gave no wheel in {folder}")
    return wheels[0]


def extract_mcsquare(wheel: Path, dest: Path) -> dict[str, object]:
    """Extract MCsquare's Linux executables and data from the wheel into ``dest`` (replaced)."""
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    n_files = 0
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        if not any(n.startswith(WHEEL_MCSQUARE) for n in names):
            raise RuntimeError(f"{wheel.name}: no {WHEEL_MCSQUARE} folder in the wheel")
        for name in names:
            if not name.startswith(WHEEL_MCSQUARE) or name.endswith("/"):
                continue
            rel = name[len(WHEEL_MCSQUARE):]
            keep = rel in MCSQUARE_EXECUTABLES or (rel.startswith(MCSQUARE_DATA) and not rel.endswith(".py"))
            if not keep:
                continue
            data = z.read(name)
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel in MCSQUARE_EXECUTABLES:
                target.write_bytes(data)
                target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            else:
                target.write_bytes(data.replace(b"\r\n", b"\n") if _is_text(data) else data)
            n_files += 1
        licence = z.read(WHEEL_LICENSE).decode("utf-8", "replace").replace("\r\n", "\n")
    missing = [e for e in MCSQUARE_EXECUTABLES if not (tmp / e).is_file()]
    if missing:
        raise RuntimeError(f"{wheel.name}: executables missing from the wheel: {', '.join(missing)}")
    (tmp / "NOTICE.txt").write_text(APACHE_NOTICE + licence)
    info: dict[str, object] = {
        "engine": "MCsquare", "source": OPENTPS_REQUIREMENT, "wheel": wheel.name, "wheel_sha256": _sha256(wheel),
        "folder_in_wheel": WHEEL_MCSQUARE, "files": n_files, "licence": "Apache-2.0 (see NOTICE.txt)",
        "provisioned_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    (tmp / "PROVENANCE.json").write_text(json.dumps(info, indent=2) + "\n")
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return info


def provision_mcsquare(root: Path, wheel: Path | None = None, force: bool = False) -> Path:
    dest = root / "mcsquare"
    if (dest / "PROVENANCE.json").is_file() and not force:
        _log(f"MCsquare already in {dest}")
        return dest
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pv-opentps-") as tmp:
        whl = wheel if wheel is not None else fetch_opentps_wheel(Path(tmp))
        info = extract_mcsquare(whl, dest)
    _log(f"MCsquare: {info['files']} files from {info['wheel']} into {dest} ({time.perf_counter() - t0:.0f} s)")
    return dest


def pyradplan_spec() -> str:
    return "\n".join([PYRADPLAN_REQUIREMENT, *PYRADPLAN_DEPENDENCIES])


def provision_pyradplan(root: Path, force: bool = False) -> Path:
    dest = root / "pyradplan"
    stamp = dest / "PROVENANCE.json"
    spec_hash = hashlib.sha256(pyradplan_spec().encode()).hexdigest()
    if stamp.is_file() and not force:
        try:
            if json.loads(stamp.read_text()).get("spec_sha256") == spec_hash:
                _log(f"pyRadPlan already in {dest}")
                return dest
        except ValueError:
            pass
    t0 = time.perf_counter()
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    venv = dest / "venv"
    base = getattr(sys, "_base_executable", None) or sys.executable
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    pip = [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, *PYRADPLAN_DEPENDENCIES], check=True)
    subprocess.run([*pip, "--no-deps", PYRADPLAN_REQUIREMENT], check=True)
    check = subprocess.run([str(py), "-c", "import pyRadPlan, numpy; print(pyRadPlan.__version__, numpy.__version__)"],
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"pyRadPlan does not import in {venv}:\n{check.stderr[-2000:]}")
    versions = check.stdout.split()
    info = {"engine": "pyRadPlan", "version": versions[0] if versions else "", "numpy": versions[-1] if versions else "",
            "requirement": PYRADPLAN_REQUIREMENT, "dependencies": list(PYRADPLAN_DEPENDENCIES), "spec_sha256": spec_hash,
            "python": str(py), "licence": "BSD-3-Clause (pyRadPlan, DKFZ)",
            "provisioned_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    stamp.write_text(json.dumps(info, indent=2) + "\n")
    _log(f"pyRadPlan {info['version']} (numpy {info['numpy']}) in {venv} ({time.perf_counter() - t0:.0f} s)")
    return dest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m plannerview_dose.provision", description=__doc__.split("\n")[0])
    ap.add_argument("--dest", type=Path, default=None, help="engines folder (default: %(default)s → see docs)")
    ap.add_argument("--wheel", type=Path, default=None, help=f"a local {OPENTPS_WHEEL} (offline)")
    ap.add_argument("--only", choices=("mcsquare", "pyradplan"), default=None)
    ap.add_argument("--force", action="store_true", help="provision again even when done")
    a = ap.parse_args(argv)
    root = a.dest or default_root()
    root.mkdir(parents=True, exist_ok=True)
    try:
        if a.only in (None, "mcsquare"):
            provision_mcsquare(root, a.wheel, a.force)
        if a.only in (None, "pyradplan"):
            provision_pyradplan(root, a.force)
    except (subprocess.CalledProcessError, RuntimeError, OSError, zipfile.BadZipFile) as exc:
        _log(f"failed: {exc}")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
