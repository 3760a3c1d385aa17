"""How the review writes its files (SR, RTPLAN copy, PDF): through one injectable function.

``WriteFile(path, data)`` writes bytes to a new file. The review code takes it as a parameter so
the command line and the workstation pass the application's safe writer (which also refuses to
write onto any input file); :func:`write_new_bytes` is the default: atomic, never overwriting.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..io.safe_write import write_bytes

WriteFile = Callable[[Path, bytes], Any]


def write_new_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to the new file ``path`` through the application's safe writer
    (:mod:`plannerview.io.safe_write`): temporary file, fsync, then link into place; never onto an
    input of the session, never through a dangling link.

    Refuses (FileExistsError) when ``path`` exists, also when it appears while writing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, data, overwrite=False)


def write_replacing(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, replacing a file of that name (``report --overwrite``);
    an input of the session is still never replaced."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, data, overwrite=True)


def dicom_bytes(ds: Any) -> bytes:
    """A dataset as Part-10 file bytes."""
    buf = io.BytesIO()
    ds.save_as(buf, enforce_file_format=True)
    return buf.getvalue()
