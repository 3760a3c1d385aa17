"""Hostile and odd inputs: skipped or refused with a finding, in bounded time and memory, and the rest
of the case still loads. Text output escapes control characters taken from files."""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.io import codes, scan

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"


def _by_file(case: plannerview.Case) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in case.findings:
        out.setdefault(Path(f.file).name, []).append(f"{f.code}: {f.message}")
    return out


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A folder with one good structure set (3 ROIs, read with pydicom) beside the hostile files."""
    d = tmp_path / "case"
    d.mkdir()
    shutil.copyfile(DEMO / "RS_TG119.dcm", d / "RS_TG119.dcm")
    return d


def _assert_rest_loads(case: plannerview.Case) -> None:
    (ss,) = case.structure_sets
    names = [str(r.ROIName) for r in pydicom.dcmread(DEMO / "RS_TG119.dcm").StructureSetROISequence]
    assert [r.name for r in ss.rois] == names


def test_devices_fifos_and_links_are_skipped_without_blocking(folder: Path) -> None:
    os.mkfifo(folder / "pipe.dcm")  # opening it would block forever
    (folder / "zero.dcm").symlink_to("/dev/zero")  # reading it would never end
    (folder / "gone.dcm").symlink_to(folder / "no-such-file.dcm")
    t0 = time.perf_counter()
    case = plannerview.load(folder)
    assert time.perf_counter() - t0 < 30
    found = _by_file(case)
    assert found["pipe.dcm"] == [f"{codes.IO_SKIPPED}: not a regular file (a device, pipe or socket, or a link to one); not read"]
    assert found["zero.dcm"][0].startswith(codes.IO_SKIPPED)
    assert found["gone.dcm"] == [f"{codes.IO_UNREADABLE}: cannot be read: a link whose target does not exist"]
    _assert_rest_loads(case)


def test_sparse_giant_and_padded_files_are_bounded(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    giant = folder / "giant.dcm"
    with open(giant, "wb") as fh:  # 3 GiB, sparse: no disk space used
        fh.truncate(3 * 2**30)
    padded = folder / "RP_padded.dcm"
    shutil.copyfile(DEMO / "RP_Photon7F.dcm", padded)
    size = padded.stat().st_size
    with open(padded, "r+b") as fh:  # a real plan followed by 600 MiB of zero bytes
        fh.truncate(size + 600 * 2**20)
    t0 = time.perf_counter()
    case = plannerview.load(folder)
    assert time.perf_counter() - t0 < 60
    found = _by_file(case)
    assert "exceeds the 2,048 MiB limit" in found["giant.dcm"][0]
    assert found["RP_padded.dcm"] == [f"{codes.IO_CORRUPT}: {600 * 2**20:,} bytes of zeros after the data set were "
                                      "ignored (a padded or damaged copy)"]
    (plan,) = case.plans
    assert len(plan.beams) == len(pydicom.dcmread(DEMO / "RP_Photon7F.dcm").BeamSequence)
    _assert_rest_loads(case)
    monkeypatch.setenv("PLANNERVIEW_MAX_FILE_MB", "1")  # the limit is configurable
    assert any("1 MiB limit" in m for m in _by_file(plannerview.load(padded))[padded.name])


def test_zip_bomb_is_refused_by_ratio_and_total_size(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = folder / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("huge.dcm", "w", force_zip64=True) as fh:
            block = b"\0" * 2**24
            for _ in range(8):  # 128 MiB of zeros in about 0.13 MB
                fh.write(block)
    t0 = time.perf_counter()
    case = plannerview.load(folder)
    assert time.perf_counter() - t0 < 30
    (msg,) = _by_file(case)["huge.dcm"]
    assert msg.startswith(codes.IO_SKIPPED) and "ratio above 250:1" in msg
    _assert_rest_loads(case)
    # an archive whose members are fine one by one but too much together
    many = folder.parent / "many.zip"
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as zf:
        for k in range(3):
            zf.write(DEMO / "RD_Photon7F.dcm", f"RD_{k}.dcm")
    monkeypatch.setenv("PLANNERVIEW_MAX_ZIP_MB", "5")  # each dose is 2.8 MiB
    found = _by_file(plannerview.load(many))
    assert not any(m.startswith(codes.IO_SKIPPED) for m in found["RD_0.dcm"])  # the first fits
    assert "MiB left of the archive's budget" in found["RD_1.dcm"][0]


def test_zip_with_20000_members_is_read_in_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive's directory is parsed once (it was parsed again for every member: quadratic)."""
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.write(DEMO / "RS_TG119.dcm", "RS_TG119.dcm")
        for k in range(20_000):
            zf.writestr(f"notes/{k:05d}.dcm", b"not dicom")
    opened = []
    real = zipfile.ZipFile

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *a: object, **kw: object) -> None:
            opened.append(a[0])
            super().__init__(*a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(scan.zipfile, "ZipFile", Counting)
    t0 = time.perf_counter()
    case = plannerview.load(archive)
    seconds = time.perf_counter() - t0
    assert len(opened) == 1
    assert seconds < 90, seconds
    _assert_rest_loads(case)
    assert sum(f.code == codes.IO_NOT_DICOM for f in case.findings) <= 25  # summarised, not 20,000 lines
    assert any("20,000 files" in f.message for f in case.findings)


def test_damaged_zip_directory_and_member(folder: Path) -> None:
    good = folder.parent / "good.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(DEMO / "RP_Photon7F.dcm", "RP.dcm")
    raw = good.read_bytes()
    (folder / "cut.zip").write_bytes(raw[:-40])  # the central directory is cut
    damaged = bytearray(raw)
    damaged[200:260] = b"\xff" * 60  # the deflated stream of the member is damaged
    (folder / "crc.zip").write_bytes(bytes(damaged))
    case = plannerview.load(folder)
    found = _by_file(case)
    assert found["cut.zip"][0].startswith(f"{codes.IO_CORRUPT}: damaged zip archive")
    assert any(m.startswith(codes.IO_CORRUPT) for m in found["RP.dcm"])
    assert case.plans == ()
    _assert_rest_loads(case)


def _remove_chain(folder: Path, depth: int) -> None:
    """Remove a chain of nested "d" folders without recursion (shutil.rmtree would recurse 1,100 deep)."""
    fds = [os.open(folder, os.O_RDONLY)]
    try:
        for _ in range(depth - 1):
            fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
        while fds:
            fd = fds.pop()
            os.rmdir("d", dir_fd=fd)
            os.close(fd)
    finally:
        for fd in fds:
            os.close(fd)


def test_folders_nested_1100_deep(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(1100):  # deeper than PATH_MAX allows by name: built relative to each level
            os.mkdir("d", dir_fd=fd)
            nfd = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
    finally:
        os.close(fd)
    try:
        t0 = time.perf_counter()
        case = plannerview.load(folder)
        assert time.perf_counter() - t0 < 30
        (msg,) = [m for ms in _by_file(case).values() for m in ms if "nested" in m]
        assert msg == f"{codes.IO_SKIPPED}: folders nested more than 64 levels below {folder} were not searched"
        _assert_rest_loads(case)
    finally:
        _remove_chain(folder, 1100)
        assert not (folder / "d").exists()


def test_unreadable_folder_is_a_finding(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = folder / "locked"
    locked.mkdir()
    shutil.copyfile(DEMO / "RP_Photon7F.dcm", locked / "RP.dcm")
    if os.geteuid() == 0:  # root reads any folder: make the system refuse it the way it would a user
        real = os.scandir

        def refuse(path: object) -> object:
            if str(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(scan.os, "scandir", refuse)
    else:
        locked.chmod(0)
    try:
        case = plannerview.load(folder)
    finally:
        locked.chmod(0o755)
    assert _by_file(case)["locked"] == [f"{codes.IO_UNREADABLE}: folder cannot be read (Permission denied); "
                                        "its files were not loaded"]
    _assert_rest_loads(case)


def test_non_utf8_file_names_load_and_print_escaped(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = os.fsencode(folder) + b"/plan-\xe9\xff.dcm"
    with open(name, "wb") as fh:
        fh.write((DEMO / "RP_Photon7F.dcm").read_bytes())
    case = plannerview.load(folder)
    (plan,) = case.plans
    assert plan.label == str(pydicom.dcmread(DEMO / "RP_Photon7F.dcm").RTPlanLabel)
    _assert_rest_loads(case)
    assert main(["info", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "plan-\\xe9\\xff.dcm" in out
    assert main(["info", "--json", str(folder)]) == 0
    assert "plan-" in capsys.readouterr().out


def test_control_characters_from_files_are_escaped_in_text_output(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    ds = pydicom.dcmread(DEMO / "RS_TG119.dcm")
    ds.StructureSetROISequence[2].ROIName = "Core\x1b[31mRED\x1b[0m"
    ds.StructureSetLabel = "TG\r119\nfake line"
    case = tmp_path / "case"
    case.mkdir()
    ds.save_as(case / "RS.dcm")
    shutil.copyfile(DEMO / "RD_Photon7F.dcm", case / "RD.dcm")
    shutil.copyfile(DEMO / "RP_Photon7F.dcm", case / "RP.dcm")
    assert main(["info", str(case)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out
    assert "Core\\x1b[31mRED\\x1b[0m" in out and "'TG\\r119\\nfake line'" in out
    assert main(["dvh", str(case), "--roi", "Core\x1b[31mRED\x1b[0m"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Core\\x1b[31mRED" in out
