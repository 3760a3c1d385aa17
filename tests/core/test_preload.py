"""The preloaded helper behind the ``plannerview`` command (plannerview/cli/launcher.py and
preload_server.py): a command it runs prints, exits and reads files exactly as in a fresh process,
with the caller's working directory, environment and Ctrl-C; it serves only a private folder of
this user, leaves when idle, and holds no thread (numba's parallel kernels keep theirs in each child).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from plannerview.cli import launcher

from . import cli_docs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="preloading is Linux only")

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
LAUNCHER = [sys.executable, "-m", "plannerview.cli.launcher"]  # what the console script runs


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """The demo's TG-119 structure set and its photon dose, in a folder of their own."""
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    d = tmp_path / "case"
    d.mkdir()
    for f in ("RS_TG119.dcm", "RD_Photon7F.dcm"):
        shutil.copy(DEMO / f, d / f)
    return d


@pytest.fixture
def short_tmp():  # type: ignore[no-untyped-def]
    """A folder with a short path: a Unix socket's path holds at most 107 bytes."""
    d = Path(tempfile.mkdtemp(prefix="pvt-", dir="/tmp"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def env(short_tmp: Path):  # type: ignore[no-untyped-def]
    """An environment with preloading on, helpers in a folder of this test (stopped afterwards)."""
    e = {**os.environ, "PLANNERVIEW_PRELOAD": "1", "PLANNERVIEW_RUNTIME_DIR": str(short_tmp / "run"),
         "PLANNERVIEW_PRELOAD_IDLE_S": "120"}
    e.pop("PYTEST_CURRENT_TEST", None)
    yield e
    subprocess.run([*LAUNCHER, "preload", "stop"], env=e, capture_output=True, timeout=60)


def pv(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LAUNCHER, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def serving(env: dict[str, str], timeout_s: float = 90.0) -> dict:
    """Wait until a helper serves in env's folder; its entry of ``launcher.helpers``."""
    folder = env["PLANNERVIEW_RUNTIME_DIR"]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = [h for h in launcher.helpers(folder) if h["serving"]] if os.path.isdir(folder) else []
        if found:
            return found[0]
        time.sleep(0.1)
    log = "".join(p.read_text() for p in Path(folder).glob("*.log"))
    raise AssertionError(f"no helper serving after {timeout_s} s; log: {log}")


def without_times(text: str) -> object:
    """The JSON document with the provenance's clock times left out (they differ between runs)."""
    return cli_docs.without_times(json.loads(text))


def test_a_preloaded_command_prints_and_exits_as_in_a_fresh_process(env, case, capfd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fresh = pv({**env, "PLANNERVIEW_PRELOAD": "0"}, "dvh", case.name, "--json", cwd=case.parent)
    assert fresh.returncode == 0, fresh.stderr
    assert not os.path.exists(env["PLANNERVIEW_RUNTIME_DIR"])  # switched off: no helper, no folder
    first = pv(env, "dvh", case.name, "--json", cwd=case.parent)  # no helper yet: runs in its own process, starts one
    assert first.returncode == 0 and without_times(first.stdout) == without_times(fresh.stdout)
    helper = serving(env)
    assert helper["rss_mb"] and helper["rss_mb"] > 50  # numpy, pydicom, numba and plannerview loaded
    os.chmod(case / "RD_Photon7F.dcm", 0o444)  # the inputs stay as they were (read-only works)

    # run through the helper from this process: run_preloaded says None when nobody served it
    monkeypatch.chdir(case.parent)  # relative paths are the caller's
    sock = os.path.join(env["PLANNERVIEW_RUNTIME_DIR"], helper["key"] + ".sock")
    capfd.readouterr()
    code = launcher.run_preloaded(["dvh", case.name, "--json"], sock)
    out, err = capfd.readouterr()
    assert code == 0, err
    doc = without_times(out)
    expected = without_times(fresh.stdout)
    assert isinstance(doc, dict) and isinstance(expected, dict)
    assert doc == expected  # every curve, metric and finding equal
    assert doc["dose"]["file"] == "case/RD_Photon7F.dcm"  # as given, read from the caller's folder

    # bad input: the same message and exit code as in a fresh process
    missing = pv({**env, "PLANNERVIEW_PRELOAD": "0"}, "dvh", "no-such-folder", cwd=case.parent)
    code = launcher.run_preloaded(["dvh", "no-such-folder"], sock)
    out, err = capfd.readouterr()
    assert code == missing.returncode == 2
    assert err == missing.stderr and "no-such-folder" in err

    # and the console-script path (a new process handing over) gives the document too
    again = pv(env, "dvh", case.name, "--json", cwd=case.parent)
    assert again.returncode == 0 and without_times(again.stdout) == without_times(fresh.stdout)
    (now,) = launcher.helpers(env["PLANNERVIEW_RUNTIME_DIR"])
    assert (now["pid"], now["commands"]) == (helper["pid"], 3)  # the three above, none in its own process


def test_a_command_runs_only_after_the_caller_says_go(env, case, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A caller that stopped waiting (and runs the command itself) never has it run twice."""
    import socket

    pv(env, "info", str(case))
    helper = serving(env)
    sock_path = os.path.join(env["PLANNERVIEW_RUNTIME_DIR"], helper["key"] + ".sock")
    monkeypatch.chdir(tmp_path)
    for go, out in ((False, tmp_path / "no.csv"), (True, tmp_path / "yes.csv")):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(sock_path)
        launcher._send_request(sock, ["dvh", str(case), "--csv", str(out)])
        lines = launcher._Lines(sock)
        child = lines.next()
        assert child and child.startswith("P")
        if go:
            sock.sendall(b"G")
            assert lines.next() == "X0"
        sock.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _running(child[1:]):
            time.sleep(0.02)
        assert out.exists() is go
    assert "BODY" in (tmp_path / "yes.csv").read_text()


def test_the_command_sees_the_callers_environment(env, case) -> None:  # type: ignore[no-untyped-def]
    pv(env, "info", str(case))
    serving(env)
    for user in ("dr.a", "dr.b"):  # another value: a helper of its own (nothing read at import differs)
        run = pv({**env, "PLANNERVIEW_USER": user}, "dvh", str(case), "--json")
        users = {s["provenance"]["user"] for s in json.loads(run.stdout)["structures"]}
        assert users == {user}
    assert launcher.helper_key({**env, "PWD": "/a", "OLDPWD": "/b"}) == launcher.helper_key({**env, "PWD": "/c"})
    assert launcher.helper_key({**env, "PLANNERVIEW_USER": "dr.a"}) != launcher.helper_key({**env, "PLANNERVIEW_USER": "dr.b"})


def _batch_in_helper(env: dict[str, str], case: Path, tmp_path: Path, n: int = 40):  # type: ignore[no-untyped-def]
    """``dvh --each`` over n copies of the case through the helper, started and past its first
    case: (the caller's process, the copies, the helper's pid, the command's pid)."""
    pv(env, "info", str(case))
    helper = serving(env)
    copies = [str(shutil.copytree(case, tmp_path / f"c{i:02d}")) for i in range(n)]
    proc = subprocess.Popen([*LAUNCHER, "dvh", "--each", *copies, "--json"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert json.loads(proc.stdout.readline())["path"] == copies[0]  # the first case is done
    children = [p for p in os.listdir("/proc") if p.isdigit() and _ppid(p) == helper["pid"]]
    assert len(children) == 1  # the batch runs in the helper's child
    return proc, copies, helper["pid"], children[0]


def test_ctrl_c_reaches_the_command(env, case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    proc, copies, _, child = _batch_in_helper(env, case, tmp_path)
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=60)
    assert proc.returncode == 1  # as `plannerview dvh --each` stopped by Ctrl-C in its own process
    assert 1 + len(rest.splitlines()) < len(copies)
    assert not _running(child)  # the command's process has ended


def test_ctrl_z_stops_the_command_and_fg_resumes_it(env, case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    proc, copies, _, child = _batch_in_helper(env, case, tmp_path, n=12)
    proc.send_signal(signal.SIGTSTP)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (_stat(child)[:1] != ["T"] or _stat(str(proc.pid))[:1] != ["T"]):
        time.sleep(0.02)
    assert _stat(child)[0] == "T" and _stat(str(proc.pid))[0] == "T"  # both stopped
    proc.send_signal(signal.SIGCONT)  # what `fg` sends
    rest, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0 and 1 + len(rest.splitlines()) == len(copies)


def test_the_command_ends_when_its_caller_is_killed(env, case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    proc, _, _, child = _batch_in_helper(env, case, tmp_path)
    proc.kill()  # SIGKILL: nothing can be passed on
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _running(child):
        time.sleep(0.05)
    assert not _running(child)


def _stat(pid: str) -> list[str]:
    """Fields of /proc/PID/stat after the command name (state, ppid, ...); [] when gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _ppid(pid: str) -> int | None:
    fields = _stat(pid)
    return int(fields[1]) if fields and fields[0] not in "ZX" else None


def _running(pid: object) -> bool:
    fields = _stat(str(pid))
    return bool(fields) and fields[0] not in "ZX"  # an ended process not yet reaped by init is a zombie


def test_the_helper_leaves_when_idle(env, case) -> None:  # type: ignore[no-untyped-def]
    env = {**env, "PLANNERVIEW_PRELOAD_IDLE_S": "1"}
    pv(env, "info", str(case))
    helper = serving(env)
    sock = Path(env["PLANNERVIEW_RUNTIME_DIR"]) / (helper["key"] + ".sock")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (sock.exists() or launcher.helpers(env["PLANNERVIEW_RUNTIME_DIR"])
                                           or _running(helper["pid"])):
        time.sleep(0.1)
    assert not sock.exists() and launcher.helpers(env["PLANNERVIEW_RUNTIME_DIR"]) == []
    assert not _running(helper["pid"])  # (its lock file goes just before the process ends)


def test_only_a_private_folder_of_this_user(env, case, short_tmp) -> None:  # type: ignore[no-untyped-def]
    shared = short_tmp / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    env = {**env, "PLANNERVIEW_RUNTIME_DIR": str(shared)}
    run = pv(env, "info", str(case))
    assert run.returncode == 0, run.stderr  # the command still runs, in its own process
    assert list(shared.iterdir()) == []  # but no helper listens in a folder others can enter
    private = {**env, "PLANNERVIEW_RUNTIME_DIR": str(short_tmp / "private")}
    pv(private, "info", str(case))
    assert (short_tmp / "private").stat().st_mode & 0o777 == 0o700
    serving(private)
    pv(private, "preload", "stop")


def test_at_most_the_set_number_of_helpers(env, case) -> None:  # type: ignore[no-untyped-def]
    env = {**env, "PLANNERVIEW_PRELOAD_MAX": "1"}
    pv(env, "info", str(case))
    first = serving(env)
    other = pv({**env, "PLANNERVIEW_USER": "another"}, "info", str(case))  # another environment
    assert other.returncode == 0, other.stderr
    time.sleep(1.0)
    assert [h["pid"] for h in launcher.helpers(env["PLANNERVIEW_RUNTIME_DIR"])] == [first["pid"]]


def test_no_helper_where_a_socket_path_would_be_too_long(env, case, short_tmp) -> None:  # type: ignore[no-untyped-def]
    deep = short_tmp / ("d" * 60) / ("e" * 30)
    deep.parent.mkdir()
    run = pv({**env, "PLANNERVIEW_RUNTIME_DIR": str(deep)}, "info", str(case))
    assert run.returncode == 0, run.stderr
    time.sleep(1.0)
    assert deep.is_dir() and list(deep.iterdir()) == []  # the folder is made, but no helper listens there


def test_status_and_stop(env, case) -> None:  # type: ignore[no-untyped-def]
    pv(env, "info", str(case))
    helper = serving(env)
    status = json.loads(pv(env, "preload", "status", "--json").stdout)
    assert status["enabled"] is True and status["folder"] == env["PLANNERVIEW_RUNTIME_DIR"]
    assert [h["pid"] for h in status["helpers"]] == [helper["pid"]]
    stop = json.loads(pv(env, "preload", "stop", "--json").stdout)
    assert stop["stopped"] == [helper["pid"]]
    assert launcher.helpers(env["PLANNERVIEW_RUNTIME_DIR"]) == []
    off = json.loads(pv({**env, "PLANNERVIEW_PRELOAD": "off"}, "preload", "status", "--json").stdout)
    assert off["enabled"] is False


def test_the_warmed_helper_runs_no_thread_and_loads_no_gui() -> None:
    code = ("import sys; from plannerview.cli import preload_server as p; p.warm_up(); "
            "gui = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'vtk', 'vtkmodules', 'pyqtgraph')]; "
            "print(repr(p.fork_safe()), len(gui), 'plannerview.io.loader' in sys.modules, 'numba' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.stdout.split() == ["None", "0", "True", "True"], run.stderr
