"""New DICOM UIDs: the one place plannerview makes them (derived objects, written files, annotations)."""

from __future__ import annotations

from pydicom.uid import generate_uid


def new_uid() -> str:
    """A new, globally unique DICOM UID (pydicom's random 2.25 form): never reuse a source's UID."""
    return str(generate_uid(prefix=None))
