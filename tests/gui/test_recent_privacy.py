"""File > Clear recent and File > Remember recent cases: the recent list (full paths, often a
patient's name) is emptied on disk at once, and not kept while remembering is off."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import open_and_wait

pytestmark = pytest.mark.gui


def _saved_recent() -> list[str]:
    path = Path(os.environ["PLANNERVIEW_CONFIG_DIR"]) / "settings.json"
    return json.loads(path.read_text())["recent"]


def test_clear_and_turn_off_the_recent_list(qtbot, window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_dir = tmp_path / "Doe^Jane"
    case_dir.mkdir()
    shutil.copyfile(demo_dir / "RS_TG119.dcm", case_dir / "RS_TG119.dcm")
    open_and_wait(qtbot, window, [case_dir])
    assert window.settings.recent == [str(case_dir.resolve())]
    assert [a.text() for a in window.recent_menu.actions()] == [str(case_dir.resolve())]
    window.save_settings()
    assert _saved_recent() == [str(case_dir.resolve())]
    clear = next(a for a in window.actions() if a.text() == "Clear recent")
    clear.trigger()
    assert window.settings.recent == [] and _saved_recent() == []
    assert not window.recent_menu.isEnabled()
    # a case shared for consult while the workstation runs leaves the list at once
    from plannerview.model.events import CaseShared

    window.settings.remember_recent = True
    window.settings.add_recent(str(case_dir))
    window.ws.emit(CaseShared((str(case_dir),), "consult hub"))
    assert window.settings.recent == [] and _saved_recent() == []
    window.remember_recent_action.trigger()  # off
    assert window.settings.remember_recent is False
    open_and_wait(qtbot, window, [case_dir])
    assert window.settings.recent == [] and _saved_recent() == []
