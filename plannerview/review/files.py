"""How the review writes its files (SR, RTPLAN copy, PDF): through one injectable function.

``WriteFile(path, data)`` writes bytes to a new file. The review code takes it as a parameter so
the command line and the workstation pass the application's safe writer (which also refuses to
write onto any input file); :func:`write_new_bytes` is the default: atomic, never overwriting.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

WriteFile = Callable[[Path, bytes], Any]


def write_new_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to the new file ``path``: temporary file, fsync, then link into place.

    Refuses (FileExistsError) when ``path`` exists, also when it appears while writing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise FileExistsError(f"{path} exists; a review never overwrites a file")
    fd, tmp = tempfile.mkstemp(prefix=".pv-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)  # fails if the target appeared meanwhile
    finally:
        os.unlink(tmp)


def write_replacing(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, replacing a file of that name (``report --overwrite``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pv-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def dicom_bytes(ds: Any) -> bytes:
    """A dataset as Part-10 file bytes."""
    buf = io.BytesIO()
    ds.save_as(buf, enforce_file_format=True)
    return buf.getvalue()
