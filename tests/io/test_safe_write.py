"""Never overwrite: every writer goes through plannerview.io.safe_write, which refuses an existing
path unless asked, never writes onto an input of the command (by path, hard link or symbolic link,
files inside input folders and zip archives included), never writes through a dangling link, and
writes atomically so a failed write (full disk) leaves neither a partial file nor a temporary one."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pydicom
import pytest

import plannerview
from plannerview.cli.main import main
from plannerview.io import safe_write
from plannerview.io.safe_write import WriteRefused, atomic_write, check_target, write_bytes

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def _fresh_inputs():
    safe_write.forget_inputs()
    yield
    safe_write.forget_inputs()


@pytest.fixture()
def demo_rt(tmp_path: Path) -> Path:
    """Copies of the demo's RT objects (no CT): dose, structures, plans."""
    case = tmp_path / "case"
    case.mkdir()
    for name in ("RD_Photon7F.dcm", "RS_TG119.dcm", "RP_Photon7F.dcm"):
        shutil.copyfile(DEMO / name, case / name)
    return case


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_existing_file_needs_overwrite_and_then_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    write_bytes(target, b"first")
    with pytest.raises(WriteRefused, match="exists"):
        write_bytes(target, b"second")
    assert target.read_bytes() == b"first"
    write_bytes(target, b"second", overwrite=True)
    assert target.read_bytes() == b"second"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())  # a plain file's permissions
    assert _leftovers(tmp_path) == []


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def test_inputs_are_refused_by_path_hard_link_and_symlink(demo_rt: Path, tmp_path: Path) -> None:
    plannerview.load(demo_rt)  # the loader notes every file it reads
    rs = demo_rt / "RS_TG119.dcm"
    before = _sha(rs)
    link = tmp_path / "hardlink.dcm"
    os.link(rs, link)
    sym = tmp_path / "symlink.dcm"
    sym.symlink_to(rs)
    for target in (rs, link, sym):
        with pytest.raises(WriteRefused, match="input"):
            write_bytes(target, b"x", overwrite=True)
    assert _sha(rs) == before
    # an input deleted since frees its inode: a new file there is not mistaken for it
    assert safe_write.inputs() and str(rs.resolve()) in safe_write.inputs()


def test_dangling_symlink_is_not_written_through(tmp_path: Path) -> None:
    away = tmp_path / "elsewhere" / "target.csv"
    away.parent.mkdir()
    link = tmp_path / "out.csv"
    link.symlink_to(away)
    away.unlink(missing_ok=True)
    with pytest.raises(WriteRefused, match="does not exist"):
        write_bytes(link, b"x")
    with pytest.raises(WriteRefused, match="does not exist"):
        write_bytes(link, b"x", overwrite=True)
    assert not away.exists() and link.is_symlink()


def test_non_regular_targets_and_missing_folders_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WriteRefused, match="not a regular file"):
        check_target(fifo, overwrite=True)
    with pytest.raises(WriteRefused, match="folder"):
        check_target(tmp_path, overwrite=True)
    with pytest.raises(WriteRefused, match="does not exist"):
        check_target(tmp_path / "no" / "such" / "folder.csv")


def test_failed_write_leaves_no_partial_file_and_a_retry_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk (ENOSPC raised mid-way through the write) leaves the folder as it was."""
    target = tmp_path / "curves.csv"
    real_fsync = os.fsync

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError) as err:
        with atomic_write(target, "w") as fh:
            fh.write("roi,dose,volume\n" * 1000)
            monkeypatch.setattr(os, "fsync", full_disk)
    assert err.value.errno == errno.ENOSPC
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert not target.exists() and _leftovers(tmp_path) == []
    with atomic_write(target, "w") as fh:  # the retry is not blocked by anything left behind
        fh.write("ok\n")
    assert target.read_text() == "ok\n"


def test_rtdose_write_over_a_file_size_limit_leaves_nothing(tmp_path: Path) -> None:
    """The real writer in a subprocess whose file-size limit (RLIMIT_FSIZE) stops it mid-file:
    it fails with an error, leaves no partial RTDOSE and no temporary file; a retry without the
    limit writes a file that reads back with the dose's maximum."""
    out = tmp_path / "out" / "RD_copy.dcm"
    out.parent.mkdir()
    code = f"""
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing us
import plannerview
from plannerview.io.rtdose_writer import write_rtdose
case = plannerview.load({str(DEMO / 'RD_Photon7F.dcm')!r})
dose = case.doses[0]
_ = dose.dose
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
try:
    write_rtdose(dose, {str(out)!r}, template={str(DEMO / 'RD_Photon7F.dcm')!r})
except OSError as exc:
    print("failed:", exc)
    sys.exit(3)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "File too large" in proc.stdout  # EFBIG (pydicom re-raises it naming the element being written)
    assert list(out.parent.iterdir()) == []
    from plannerview.io.rtdose_writer import write_rtdose

    dose = plannerview.load(DEMO / "RD_Photon7F.dcm").doses[0]
    write_rtdose(dose, out, template=DEMO / "RD_Photon7F.dcm")
    ds = pydicom.dcmread(out)
    src = pydicom.dcmread(DEMO / "RD_Photon7F.dcm")
    expected = float(src.pixel_array.max()) * float(src.DoseGridScaling)
    assert float(ds.pixel_array.max()) * float(ds.DoseGridScaling) == pytest.approx(expected, rel=1e-6)


def test_dvh_csv_never_replaces_an_input_or_an_existing_file(demo_rt: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    rs = demo_rt / "RS_TG119.dcm"
    before = _sha(rs)
    base = ["dvh", str(demo_rt), "--dose", "RD_Photon7F.dcm", "--roi", "Core"]
    assert main([*base, "--csv", str(rs), "--overwrite"]) == 2
    assert "input" in capsys.readouterr().err
    assert _sha(rs) == before
    out = tmp_path / "curves.csv"
    out.write_text("keep me")
    assert main([*base, "--csv", str(out)]) == 2
    assert "exists" in capsys.readouterr().err and out.read_text() == "keep me"
    assert main([*base, "--csv", str(out), "--overwrite"]) == 0
    capsys.readouterr()
    rows = out.read_text().splitlines()
    assert rows[0].startswith("roi,dose_Gy,volume_cc") and rows[1].startswith("Core,0.0,")
    assert float(rows[1].split(",")[2]) == pytest.approx(29.25, abs=0.6)  # Core's volume from the contours


def test_writing_onto_a_file_inside_an_input_zip_folder_is_refused(demo_rt: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "case.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in demo_rt.iterdir():
            zf.write(p, p.name)
    before = _sha(archive)
    assert main(["dvh", str(archive), "--dose", "RD_Photon7F.dcm", "--roi", "Core", "--csv", str(archive),
                 "--overwrite"]) == 2
    assert "input" in capsys.readouterr().err and _sha(archive) == before


def test_sum_and_gamma_out_refuse_inputs(demo_rt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rd = demo_rt / "RD_Photon7F.dcm"
    before = _sha(rd)
    assert main(["sum", str(rd), "--out", str(rd), "--overwrite"]) == 2
    assert "input" in capsys.readouterr().err
    assert main(["gamma", str(rd), str(rd), "--out", str(rd), "--overwrite"]) == 2
    assert "input" in capsys.readouterr().err
    ab = tmp_path / "ab.yaml"
    ab.write_text("default: 3\n")
    assert main(["sum", str(rd), "--eqd2", "--alpha-beta", str(ab), "--fractions", "25", "--out", str(ab),
                 "--overwrite"]) == 2
    assert "input" in capsys.readouterr().err and ab.read_text() == "default: 3\n"
    assert _sha(rd) == before


def test_margin_out_refuses_an_input_ct_slice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "case"
    (case / "CT").mkdir(parents=True)
    for k in range(60, 66):  # a few slices through the Core are enough to be refused
        shutil.copyfile(DEMO / "CT" / f"CT_{k:03d}.dcm", case / "CT" / f"CT_{k:03d}.dcm")
    shutil.copyfile(DEMO / "RS_TG119.dcm", case / "RS_TG119.dcm")
    slice_ = case / "CT" / "CT_062.dcm"
    before = _sha(slice_)
    assert main(["margin", str(case), "--roi", "Core", "--mm", "3", "--out", str(slice_), "--overwrite"]) == 2
    assert "input" in capsys.readouterr().err
    assert _sha(slice_) == before


def test_screenshot_out_refuses_an_input(demo_rt: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PLANNERVIEW_SCREENSHOT_CHILD", "1")  # stay in this process: refused before any Qt
    rp = demo_rt / "RP_Photon7F.dcm"
    before = _sha(rp)
    assert main(["screenshot", str(demo_rt), "--out", str(rp), "--overwrite"]) == 2
    assert "input" in capsys.readouterr().err
    assert _sha(rp) == before
