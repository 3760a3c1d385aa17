"""The ``plannerview`` command's entry point: hand a headless command to the preloaded process.

A command run in a fresh Python process spends 0.8-0.9 s before it reads a file: the interpreter,
numpy, pydicom, numba and its compiled kernels. The first headless command starts a helper in the
background (``preload_server.py``) that loads all of that once, holds no patient data, and forks
a fresh child for each later command (the pattern of Android's zygote and Rails' Spring). The
child takes over this process's stdin, stdout and stderr (passed over a Unix socket), its
working directory, umask and environment, runs the command exactly as here, and sends back its exit
code; Ctrl-C and other signals are passed on to it. A helper serves only the same user, the same
Python, the same plannerview files and the same environment (any other variable, or an edited
source file, gets a helper of its own); it ends after ``PLANNERVIEW_PRELOAD_IDLE_S`` seconds (600)
without a command. ``PLANNERVIEW_PRELOAD=0`` turns it off: every command then runs in this
process, as ``python -m plannerview.cli.main`` always does.

Only the standard library is imported here, so that handing over costs a few milliseconds.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import sys

try:
    from _blake2 import blake2b  # hashlib's blake2b, without loading OpenSSL (2 ms of each command)
except ImportError:  # pragma: no cover
    from hashlib import blake2b

# commands worth handing over: headless, finite, no window (open/screenshot/service run here)
PRELOAD_COMMANDS = frozenset({
    "info", "dvh", "goals", "protocols", "check", "check-dose", "compare", "gamma", "sum", "margin",
    "roi-op", "report", "audit", "review",
})
# variables that differ between calls from one shell without changing what a command does
VOLATILE_ENV = frozenset({"_", "PWD", "OLDPWD", "SHLVL", "PYTEST_CURRENT_TEST"})
OFF_VALUES = frozenset({"0", "off", "no", "false"})
KEY_CHARS = 24
MAX_SOCKET_PATH = 107
DEFAULT_MAX_HELPERS = 2  # helpers of one user at once (another environment, another helper: ~280 MB each)
PID_TIMEOUT_S = 5.0  # the helper forks within milliseconds; longer means it is stuck
HELPER_BOOT = ("import json, sys; sys.path[:] = json.loads(sys.argv[3]); "
               "from plannerview.cli.preload_server import serve; sys.exit(serve(sys.argv[1], sys.argv[2]))")


def enabled(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether commands may be handed to a preloaded process (Linux only; PLANNERVIEW_PRELOAD)."""
    env = os.environ if environ is None else environ
    return sys.platform.startswith("linux") and env.get("PLANNERVIEW_PRELOAD", "1").strip().lower() not in OFF_VALUES


def runtime_dir() -> str | None:
    """This user's private folder for the helpers' sockets (created 0700), or None when it is not
    safe: not a directory of ours, or readable by others."""
    base = os.environ.get("PLANNERVIEW_RUNTIME_DIR")
    if not base:
        xdg = os.environ.get("XDG_RUNTIME_DIR")
        base = os.path.join(xdg, "plannerview") if xdg and os.path.isdir(xdg) else f"/tmp/plannerview-{os.getuid()}"
    try:
        os.mkdir(base, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    st = os.lstat(base)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    if len(os.fsencode(os.path.join(base, "k" * KEY_CHARS + ".4294967295.tmp"))) > MAX_SOCKET_PATH:
        return None  # a Unix socket's path holds at most 107 bytes
    return base


def helper_key(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """What a helper must share with this process to run its command: the Python, the installed
    packages (sys.path folders' times), plannerview's own files (size and time of each) and the
    environment (except :data:`VOLATILE_ENV`)."""
    env = os.environ if environ is None else environ
    h = blake2b(digest_size=KEY_CHARS // 2)
    h.update(repr((sys.executable, sys.version, sys.flags, os.getuid())).encode())
    for name in sorted(env):
        if name not in VOLATILE_ENV:
            h.update(f"{name}={env[name]}\0".encode("utf-8", "surrogateescape"))
    h.update(repr(sys.path).encode("utf-8", "surrogateescape"))
    for folder in sys.path[1:]:  # an install or upgrade changes its folder (sys.path[0]: the script's, or cwd)
        try:
            h.update(f"{folder}:{os.stat(folder).st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
        except OSError:
            pass
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(root, name))
                h.update(f"{root}/{name}:{st.st_size}:{st.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def max_helpers() -> int:
    """PLANNERVIEW_PRELOAD_MAX (default 2): helpers one user may have at once."""
    try:
        return max(0, int(os.environ.get("PLANNERVIEW_PRELOAD_MAX", DEFAULT_MAX_HELPERS)))
    except ValueError:
        return DEFAULT_MAX_HELPERS


def _command_word(argv: list[str]) -> str | None:
    return argv[0] if argv and not argv[0].startswith("-") else None


def _send_request(sock: socket.socket, argv: list[str]) -> None:
    body = json.dumps({"argv0": sys.argv[0], "argv": argv, "cwd": os.getcwd(), "umask": _umask(),
                       "env": dict(os.environ)}).encode("utf-8", "surrogateescape")
    socket.send_fds(sock, [len(body).to_bytes(8, "big")], [0, 1, 2])
    sock.sendall(body)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _Lines:
    """Line reader over the child's replies: ``P<pid>`` (ready; it waits for our ``G``), then
    ``X<exit code>``."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def next(self) -> str | None:
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(64)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("ascii", "replace")


# passed on to the command (SIGCONT too: after Ctrl-Z, `fg` resumes both)
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGCONT)


def run_preloaded(argv: list[str], path: str) -> int | None:
    """Run ``argv`` in a child of the helper listening at ``path``; None when no command ran
    (no helper there, or it did not answer): the caller runs the command itself."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(PID_TIMEOUT_S)
        sock.connect(path)
        _send_request(sock, argv)
        lines = _Lines(sock)
        first = lines.next()
        if not first or not first.startswith("P"):
            sock.close()
            return None
        pid = int(first[1:])
        # "go": the child runs the command only after this byte, so a command is never run twice
        # (here, after a time-out, and there)
        sock.sendall(b"G")
    except (OSError, ValueError):
        sock.close()
        return None
    # from here the command runs in the child: its result is ours, whatever happens
    sock.settimeout(None)

    def forward(signum: int, _frame: object) -> None:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    def suspend(_signum: int, _frame: object) -> None:  # Ctrl-Z: stop the command with us
        try:
            os.kill(pid, signal.SIGSTOP)
        except ProcessLookupError:
            pass
        os.kill(os.getpid(), signal.SIGSTOP)

    previous = {signum: signal.signal(signum, forward) for signum in FORWARDED_SIGNALS}
    previous[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, suspend)
    try:
        last = lines.next()
    except OSError:
        last = None
    finally:
        sock.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if last and last.startswith("X"):
        return int(last[1:])
    print("plannerview: the command's process ended without an exit status (killed by a signal?)", file=sys.stderr)
    return 1


def start_helper(key: str, folder: str) -> None:
    """Start the helper for ``key`` in the background (it exits at once if one is starting)."""
    import subprocess

    try:
        # this process's module search path, so that the helper imports the very files the key covers
        subprocess.Popen([sys.executable, "-P", "-c", HELPER_BOOT, key, folder, json.dumps(sys.path)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         cwd="/", start_new_session=True, close_fds=True)
    except OSError:
        pass


def _helper_status(lock_path: str) -> tuple[int, int] | None:
    """(pid, commands served) written in a helper's lock file while the helper holds the lock, else None."""
    import fcntl

    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return None  # nobody holds it: no helper
        except OSError:
            pass
        words = os.read(fd, 64).decode("ascii", "replace").split()
    finally:
        os.close(fd)
    if len(words) != 2 or not all(w.isdigit() for w in words) or int(words[0]) <= 0:
        return None  # empty for a moment after it starts
    return int(words[0]), int(words[1])


def helpers(folder: str) -> list[dict[str, object]]:
    """This user's running helpers in ``folder``: key, pid, whether it is serving (else warming up,
    or not serving: its log says why), the commands it has run, resident memory in MB."""
    out: list[dict[str, object]] = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".lock"):
            continue
        key = name.removesuffix(".lock")
        status = _helper_status(os.path.join(folder, name))
        if status is None:
            continue
        pid, served = status
        rss_mb = None
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as f:
                rss_mb = next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration, ValueError):
            pass
        out.append({"key": key, "pid": pid, "serving": os.path.exists(os.path.join(folder, key + ".sock")),
                    "commands": served, "rss_mb": rss_mb})
    return out


def main(argv: list[str] | None = None) -> int:
    """The ``plannerview`` console script."""
    args = sys.argv[1:] if argv is None else argv
    if argv is None and _command_word(args) in PRELOAD_COMMANDS and enabled():
        folder = runtime_dir()
        if folder is not None:
            key = helper_key()
            code = run_preloaded(args, os.path.join(folder, key + ".sock"))
            if code is not None:
                return code
            # for the next command (started now: its loading overlaps this one's reading); this one
            # runs here. Not beyond the limit: a script that changes a variable on every call would
            # otherwise start a helper per call
            if len(helpers(folder)) < max_helpers():
                start_helper(key, folder)
    from .main import main as run_here

    return run_here(argv)


if __name__ == "__main__":
    sys.exit(main())
