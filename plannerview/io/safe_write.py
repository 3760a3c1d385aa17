"""The one way plannerview writes a file: never over an existing path unless asked, never onto an
input, never through a symlink that dangles or points at an input, and atomically.

Every writer (RTDOSE, RTSTRUCT, CSV, PNG, reports ...) goes through :func:`atomic_write` (or
:func:`write_bytes`). The bytes go to a temporary file in the target's folder, are flushed to the
disk (``fsync``) and only then take the target's name (``os.link`` when the target must not exist,
so a file that appeared meanwhile is not replaced; ``os.replace`` with ``overwrite``). A write that
fails (full disk, file-size limit, an exception in the caller) removes the temporary file and
leaves the target as it was, so a retry works.

Inputs are every file a command (or the GUI session) has read: the loader records each file it
opens (files found inside input folders and zip archives included) with :func:`note_input`; a
target whose resolved path, or device and inode (a hard link), is one of them is refused, even with
``overwrite``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

_lock = threading.Lock()
_inputs: dict[str, tuple[int, int] | None] = {}  # resolved path -> (device, inode) when noted
_identities: dict[tuple[int, int], str] = {}  # (device, inode) -> a resolved path with it


class WriteRefused(FileExistsError):
    """A target plannerview will not write: it exists, is an input, or is an unsafe link."""

    def __str__(self) -> str:  # plain message (OSError's default adds errno noise)
        return str(self.args[0]) if self.args else "write refused"


def note_input(path: str | os.PathLike[str]) -> None:
    """Record a file the current command (or GUI session) has read; writers will refuse it."""
    try:
        key = os.path.realpath(os.fspath(path))
    except (OSError, ValueError):
        return
    try:
        ident: tuple[int, int] | None = _identity(os.stat(key))
    except OSError:
        ident = None
    with _lock:
        _inputs[key] = ident
        if ident is not None:
            _identities[ident] = key


def inputs() -> tuple[str, ...]:
    """Resolved paths of every input noted so far."""
    with _lock:
        return tuple(_inputs)


def forget_inputs() -> None:
    """Start a new command: forget the inputs noted before (the CLI calls this once per command)."""
    with _lock:
        _inputs.clear()
        _identities.clear()


def _identity(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def _input_clash(target: Path, extra_inputs: tuple[str, ...]) -> str | None:
    """The input a write to ``target`` would land on, by resolved path or by device and inode."""
    resolved = os.path.realpath(target)
    extra = [os.path.realpath(p) for p in extra_inputs]
    with _lock:
        known = resolved in _inputs
    if known or resolved in extra:
        return resolved
    try:
        tid = _identity(os.stat(resolved))
    except OSError:
        return None  # the target does not exist (yet): no inode to share
    with _lock:
        candidate = _identities.get(tid)
    for p in ([candidate] if candidate else []) + extra:
        try:
            if _identity(os.stat(p)) == tid:  # re-stat: an input deleted since frees its inode
                return p
        except OSError:
            continue
    return None


def check_target(path: str | os.PathLike[str], overwrite: bool = False,
                 extra_inputs: tuple[str, ...] | list[str] = ()) -> Path:
    """Raise :class:`WriteRefused` unless ``path`` may be written now; returns it as a Path.

    Call it before expensive work so a refused target fails early; :func:`atomic_write` checks again.
    """
    target = Path(path)
    extra = tuple(str(p) for p in extra_inputs)
    try:
        lst = os.lstat(target)
    except FileNotFoundError:
        lst = None
    except OSError as exc:
        raise WriteRefused(f"{target}: cannot check the output path ({exc.strerror or exc})") from None
    if lst is not None and stat.S_ISLNK(lst.st_mode):
        real = os.path.realpath(target)
        if not os.path.exists(real):
            raise WriteRefused(f"{target} is a symbolic link to {real}, which does not exist; "
                               "plannerview does not write through dangling links")
    clash = _input_clash(target, extra)
    if clash is not None:
        raise WriteRefused(f"{target} is an input of this command ({clash}); plannerview never writes onto "
                           "its inputs, even with --overwrite: choose another output path")
    if lst is not None:
        try:
            st = os.stat(target)
        except OSError as exc:
            raise WriteRefused(f"{target}: cannot check the output path ({exc.strerror or exc})") from None
        if stat.S_ISDIR(st.st_mode):
            raise WriteRefused(f"{target} is a folder; give a file name")
        if not stat.S_ISREG(st.st_mode):
            raise WriteRefused(f"{target} exists and is not a regular file (a device, pipe or socket); "
                               "plannerview writes regular files only")
        if not overwrite:
            raise WriteRefused(f"{target} exists; plannerview never overwrites files unless asked "
                               "(--overwrite)")
    parent = Path(os.path.realpath(target)).parent
    if not parent.is_dir():
        raise WriteRefused(f"{target}: folder {parent} does not exist")
    return target


def _fsync_dir(folder: str) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened or synced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb", overwrite: bool = False,
                 extra_inputs: tuple[str, ...] | list[str] = (), **open_kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` for writing; on success it becomes ``path``.

    ``mode`` is "wb" or "w" (text; ``open_kwargs`` such as ``newline``/``encoding`` pass through).
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_write: mode must be 'wb' or 'w', not {mode!r}")
    target = check_target(path, overwrite, extra_inputs)
    # Write beside the real file (a link to an existing non-input file is written through).
    final = Path(os.path.realpath(target)) if target.is_symlink() else target
    folder = str(final.parent.resolve())
    fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # the permissions a plain open() would give, not mkstemp's 0600
        with os.fdopen(fd, mode, **open_kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        check_target(target, overwrite, extra_inputs)  # again: the world may have changed meanwhile
        if overwrite:
            os.replace(tmp, final)
        else:
            try:
                os.link(tmp, final)  # fails if the target appeared meanwhile: never clobbers
            except FileExistsError:
                raise WriteRefused(f"{final} appeared while it was being written; not overwritten") from None
            except OSError:  # file systems without hard links
                if os.path.lexists(final):
                    raise WriteRefused(f"{final} appeared while it was being written; not overwritten") from None
                os.replace(tmp, final)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        _fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes, overwrite: bool = False,
                extra_inputs: tuple[str, ...] | list[str] = ()) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`); returns the path."""
    with atomic_write(path, "wb", overwrite, extra_inputs) as fh:
        fh.write(data)
    return Path(path)


def write_with(path: str | os.PathLike[str], writer: Callable[[IO[bytes]], None], overwrite: bool = False,
               extra_inputs: tuple[str, ...] | list[str] = ()) -> Path:
    """Let ``writer`` fill a binary file object that becomes ``path`` atomically."""
    with atomic_write(path, "wb", overwrite, extra_inputs) as fh:
        writer(fh)
    return Path(path)
