"""Personal data: the recent-cases list is optional, clearable and forgettable; the user recorded in
provenance and new DICOM objects is a configurable reviewer name that can be left out."""

from __future__ import annotations

import getpass
import json
import shutil
from pathlib import Path

import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.model.provenance import Provenance, current_user, set_reviewer
from plannerview.ui.settings import Settings, forget_recent

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"


@pytest.fixture()
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "config"
    monkeypatch.setenv("PLANNERVIEW_CONFIG_DIR", str(d))
    monkeypatch.delenv("PLANNERVIEW_USER", raising=False)
    set_reviewer(None)
    yield d
    set_reviewer(None)


def _saved(config: Path) -> dict:
    return json.loads((config / "settings.json").read_text())


def test_recent_list_is_optional_clearable_and_forgettable(config: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "Doe^Jane", tmp_path / "MRN-123456"
    a.mkdir()
    b.mkdir()
    st = Settings.load()
    assert st.remember_recent is True  # the documented default
    st.add_recent(str(a))
    st.add_recent(str(b / "RP.dcm"))
    st.save()
    assert _saved(config)["recent"] == [str((b / "RP.dcm").resolve()), str(a.resolve())]
    forget_recent(str(b))  # a case shared for consult: it and anything below it leave the list
    assert _saved(config)["recent"] == [str(a.resolve())]
    st = Settings.load()
    st.clear_recent()
    st.save()
    assert _saved(config)["recent"] == []
    st.add_recent(str(a))
    st.set_remember_recent(False)  # off: emptied, and nothing new is kept
    st.add_recent(str(b))
    st.save()
    saved = _saved(config)
    assert saved["recent"] == [] and saved["remember_recent"] is False
    assert Settings.load().remember_recent is False


def test_reviewer_name_env_then_settings_then_login(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert current_user() == getpass.getuser()
    st = Settings.load()
    st.reviewer_name = "Dr Who (physics)"
    st.save()
    set_reviewer(Settings.load().reviewer_name)
    assert current_user() == "Dr Who (physics)"
    monkeypatch.setenv("PLANNERVIEW_USER", "A. Reviewer")
    assert current_user() == "A. Reviewer" and Provenance("e", "1").user == "A. Reviewer"
    monkeypatch.setenv("PLANNERVIEW_USER", "-")
    assert current_user() == "" and Provenance("e", "1").to_json()["user"] == ""
    monkeypatch.delenv("PLANNERVIEW_USER")
    set_reviewer("-")
    assert current_user() == ""


def test_cli_records_the_reviewer_from_the_settings_or_none(config: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    st = Settings.load()
    st.reviewer_name = "Reviewer From Settings"
    st.save()
    rd = tmp_path / "RD.dcm"
    shutil.copyfile(DEMO / "RD_Photon7F.dcm", rd)
    out = tmp_path / "sum.dcm"
    assert main(["sum", str(rd), str(rd), "--out", str(out), "--json"]) == 0
    capsys.readouterr()
    prov = json.loads(pydicom.dcmread(out).ImageComments)["plannerview_provenance"]
    assert prov["user"] == "Reviewer From Settings"
    monkeypatch.setenv("PLANNERVIEW_USER", "-")
    out2 = tmp_path / "sum2.dcm"
    assert main(["sum", str(rd), str(rd), "--out", str(out2), "--json"]) == 0
    capsys.readouterr()
    ds = pydicom.dcmread(out2)
    prov = json.loads(ds.ImageComments)["plannerview_provenance"]
    assert prov["user"] == "" and getpass.getuser() not in str(ds.ImageComments)
    assert str(ds.get("OperatorsName", "")) == ""
    # the sum itself: twice the dose (independent: pydicom's values of the source)
    src = pydicom.dcmread(rd)
    assert float(ds.pixel_array.max()) * float(ds.DoseGridScaling) == pytest.approx(
        2 * float(src.pixel_array.max()) * float(src.DoseGridScaling), rel=1e-6)
    assert plannerview.load(out2).doses[0].max_gy is not None


def test_a_case_shared_for_consult_is_never_in_the_recent_list(config: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from plannerview.review.privacy import mark_shared

    monkeypatch.setenv("PLANNERVIEW_SHARED_LOG", str(tmp_path / "shared.json"))
    kept, shared = tmp_path / "Roe^Richard", tmp_path / "Doe^Jane"
    kept.mkdir()
    shared.mkdir()
    st = Settings.load()
    st.add_recent(str(kept))
    st.add_recent(str(shared))
    st.save()
    mark_shared([str(shared)])  # what the plugin host records when a consult shares the case
    assert Settings.load().recent == [str(kept.resolve())]  # dropped on start
    st = Settings.load()
    st.add_recent(str(shared / "RP.dcm"))  # and never added again
    assert st.recent == [str(kept.resolve())]
