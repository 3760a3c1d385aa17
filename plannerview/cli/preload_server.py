"""The preloaded process behind the ``plannerview`` command (see ``launcher.py``).

    python -P -c launcher.HELPER_BOOT KEY FOLDER SYS_PATH_JSON   (started by launcher.start_helper)

Loads what the headless commands import (numpy, pydicom, numba's CPU target, plannerview's
command modules), then listens on ``FOLDER/KEY.sock`` and forks a child per connection. The child
receives the caller's stdin/stdout/stderr, working directory, umask and environment, runs
``plannerview.cli.main.main()`` as a fresh process would, and replies with its exit code. This
process itself reads no case and starts no thread (numba's parallel kernels load in each child,
so that every child keeps its OpenMP threads); it exits after ``PLANNERVIEW_PRELOAD_IDLE_S``
seconds (default 600) without a connection, or on SIGTERM. Its own problems are written to
``FOLDER/KEY.log``.
"""

from __future__ import annotations

import atexit
import fcntl
import gc
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
import traceback

from .launcher import PRELOAD_COMMANDS

DEFAULT_IDLE_S = 600.0
REQUEST_TIMEOUT_S = 10.0
MAX_REQUEST_BYTES = 64 * 1024 * 1024
WARM_LAYERS = ("model", "io", "compute", "review")  # the core: free of Qt and VTK (import-linter contract)


def _log(folder: str, key: str, text: str) -> None:
    with open(os.path.join(folder, key + ".log"), "a", encoding="utf-8") as f:
        f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()}: {text}\n")


def warm_up() -> None:
    """Import what the preloaded commands run on, and load the DVH engine's serial kernels and so
    numba's CPU target (0.25 s, paid here once instead of in every command)."""
    import importlib
    import pkgutil

    from . import main as cli_main

    for module in cli_main._command_modules():
        command = module.removeprefix("cmd_").replace("_", "-")
        if command in PRELOAD_COMMANDS:
            importlib.import_module(f"{__package__}.{module}")
    for layer in WARM_LAYERS:  # what the commands import when they run (no Qt, no VTK)
        package = importlib.import_module(f"plannerview.{layer}")
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
    importlib.import_module("plannerview.ui.settings")  # the reviewer's name (plain JSON, no Qt)
    from ..compute import dvh_kernel

    dvh_kernel.preload_serial_kernels()


def fork_safe() -> str | None:
    """Why forking now would hand children a broken state (threads running), or None."""
    if threading.active_count() != 1:
        return f"{threading.active_count()} Python threads are running"
    try:
        native = len(os.listdir("/proc/self/task"))
    except OSError:
        native = 1
    if native != 1:
        return f"{native} threads are running (a library started its own)"
    numba_parallel = sys.modules.get("numba.np.ufunc.parallel")
    if numba_parallel is not None and getattr(numba_parallel, "_is_initialized", False):
        return "numba's parallel threads were started"
    return None


def _recv_exact(conn: socket.socket, n: int) -> bytes:
    data = bytearray()
    while len(data) < n:
        chunk = conn.recv(min(n - len(data), 1 << 20))
        if not chunk:
            raise ConnectionError("request cut short")
        data += chunk
    return bytes(data)


def _reopen_stdio() -> None:
    """New text streams on file descriptors 0-2 (now the caller's), buffered as Python buffers
    them at start-up: stdout by line on a terminal, by block otherwise; stderr by line. (The
    original ``sys.__stdout__`` and the like wrap the same descriptors, so they write there too.)"""
    sys.stdin = open(0, encoding=sys.stdin.encoding, errors=sys.stdin.errors, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", buffering=1 if os.isatty(1) else -1, encoding=sys.stdout.encoding,  # noqa: SIM115
                      errors=sys.stdout.errors, closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding=sys.stderr.encoding, errors="backslashreplace",  # noqa: SIM115
                      closefd=False)


def _exit_code(value: object) -> int:
    """The exit status Python gives ``sys.exit(value)``."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    print(value, file=sys.stderr)
    return 1


def _run_command() -> int:
    from .main import main

    try:
        code = _exit_code(main())
    except SystemExit as exc:
        code = _exit_code(exc.code)
    except KeyboardInterrupt:
        traceback.print_exc()
        code = 128 + signal.SIGINT
    except BaseException:  # noqa: BLE001 - as the interpreter does for an uncaught exception
        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):  # (the originals: held at import)
        try:
            if stream is not None:
                stream.flush()
        except OSError:
            if stream is sys.stdout and code == 0:
                code = 120  # Python's status when stdout cannot be flushed at exit
    return code


def _child(conn: socket.socket) -> None:
    """In the forked child: take over the caller's process state, run its command, reply. Never returns."""
    code = 1
    try:
        for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        conn.settimeout(REQUEST_TIMEOUT_S)
        head, fds, _, _ = socket.recv_fds(conn, 8, 3)
        if len(head) != 8 or len(fds) != 3:
            os._exit(1)
        size = int.from_bytes(head, "big")
        if size > MAX_REQUEST_BYTES:
            os._exit(1)
        request = json.loads(_recv_exact(conn, size).decode("utf-8", "surrogateescape"))
        conn.settimeout(None)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.umask(int(request["umask"]))
        os.environ.clear()
        os.environ.update(request["env"])
        from .. import apply_process_defaults

        apply_process_defaults()
        time.tzset()
        _reopen_stdio()
        sys.argv = [str(request["argv0"]), *map(str, request["argv"])]
        conn.sendall(f"P{os.getpid()}\n".encode())
        conn.settimeout(REQUEST_TIMEOUT_S)
        if conn.recv(1) != b"G":
            os._exit(1)  # the caller gave up waiting and runs the command itself
        conn.settimeout(None)
        threading.Thread(target=_end_with_caller, args=(conn,), daemon=True).start()
        code = _run_command()
        conn.sendall(f"X{code}\n".encode())
    except BaseException:  # noqa: BLE001 - a child must never return into the server's loop
        pass
    finally:
        os._exit(code)


def _end_with_caller(conn: socket.socket) -> None:
    """End the command when its caller has gone (killed before the command ended): a command in
    its own process would have ended with it. The caller never writes after its request, so a
    read returns only when it closes."""
    try:
        conn.recv(1)
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def _peer_uid(conn: socket.socket) -> int:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", creds)[1])


def serve(key: str, folder: str) -> int:
    """Warm up, then serve ``FOLDER/KEY.sock`` until idle; 0 when another helper has the key."""
    lock = os.open(os.path.join(folder, key + ".lock"), os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # one is starting or serving
    _write_status(lock, 0)
    idle_s = float(os.environ.get("PLANNERVIEW_PRELOAD_IDLE_S") or DEFAULT_IDLE_S)
    try:
        warm_up()
        problem = fork_safe()
        # what is loaded stays: the children's garbage collections need not walk it (nor copy
        # its memory pages by touching them)
        gc.collect()
        gc.freeze()
    except Exception:  # noqa: BLE001 - commands then run in their own processes, as without a helper
        problem = "the warm-up failed:\n" + traceback.format_exc()
    if problem:
        # commands run in their own processes; holding the lock keeps their callers from warming
        # up another helper for this key until the idle time has passed
        _log(folder, key, f"not serving: {problem}")
        time.sleep(idle_s)
        _remove_lock(folder, key)
        return 1
    path = os.path.join(folder, key + ".sock")
    tmp = os.path.join(folder, f"{key}.{os.getpid()}.tmp")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(tmp)
        os.chmod(tmp, 0o600)
        listener.listen(64)
        os.replace(tmp, path)
    except OSError as exc:
        _log(folder, key, f"not serving: cannot listen on {path}: {exc}")
        return 1
    inode = os.stat(path).st_ino
    listener.settimeout(idle_s)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server_pid = os.getpid()
    served = 0
    try:
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                break
            try:
                if _peer_uid(conn) != os.getuid():
                    continue
                if os.fork() == 0:
                    listener.close()
                    _child(conn)
                served += 1
                _write_status(lock, served)
            finally:
                conn.close()
    finally:
        if os.getpid() == server_pid:
            listener.close()
            try:
                if os.stat(path).st_ino == inode:
                    os.unlink(path)
            except OSError:
                pass
            _remove_lock(folder, key)
    return 0


def _write_status(lock: int, served: int) -> None:
    """The lock file's text: this process's pid and the commands it has handed to children
    (read by ``plannerview preload status``)."""
    text = f"{os.getpid()} {served}\n".encode()
    os.ftruncate(lock, 0)
    os.pwrite(lock, text, 0)


def _remove_lock(folder: str, key: str) -> None:
    """Remove this helper's lock file as it leaves (held until the process ends). A helper starting
    for the same key at this moment may lock the removed file and another the new one: both then
    serve until idle, the first unreachable; nothing is run twice."""
    try:
        os.unlink(os.path.join(folder, key + ".lock"))
    except OSError:
        pass

