"""Build review test cases from copies of real files (the originals are never written)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset

from plannerview.io.loader import load
from plannerview.model import Case
from plannerview.model.case import AnyPlan
from plannerview.review.checks import CheckResult, load_config, make_context, run_checks
from tests.conftest import DEMO, SHARED_DATA

Edit = Callable[[Dataset], None]
DEMO_RT = {"plan": DEMO / "RP_Photon7F.dcm", "ion": DEMO / "RN_ProtonIMPT.dcm", "rs": DEMO / "RS_TG119.dcm",
           "rd": DEMO / "RD_Photon7F.dcm", "rd_ion": DEMO / "RD_ProtonIMPT.dcm"}


def copy_case(tmp: Path, files: list[Path], edits: dict[str, Edit] | None = None) -> Path:
    """Copy ``files`` into ``tmp/case``; ``edits`` maps a file name to a pydicom edit of its copy."""
    out = tmp / "case"
    out.mkdir(parents=True, exist_ok=True)
    for f in files:
        if f.is_dir():
            shutil.copytree(f, out / f.name, dirs_exist_ok=True)
        else:
            shutil.copy2(f, out / f.name)
    for name, edit in (edits or {}).items():
        path = out / name
        ds = pydicom.dcmread(path)
        edit(ds)
        ds.save_as(path)
    return out


def demo_files(*keys: str) -> list[Path]:
    return [DEMO_RT[k] for k in keys]


def shared(*parts: str) -> Path:
    return SHARED_DATA.joinpath(*parts)


def plan_of(case: Case, label: str | None = None) -> AnyPlan:
    plans = [p for p in case.plans if label is None or p.label == label]
    assert len(plans) == 1, [p.label for p in case.plans]
    return plans[0]


def run_one(case: Case, check_id: str, plan_label: str | None = None, config_file: Path | None = None,
            **ctx_kw: object) -> CheckResult:
    report = run_checks(make_context(case, plan_of(case, plan_label), **ctx_kw),  # type: ignore[arg-type]
                        load_config(config_file), only=[check_id])
    return report.result(check_id)


def load_copy(tmp: Path, files: list[Path], edits: dict[str, Edit] | None = None) -> Case:
    return load([str(copy_case(tmp, files, edits))])
