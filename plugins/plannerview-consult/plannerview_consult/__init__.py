"""plannerview-consult: share a de-identified case to an Orthanc hub over DICOMweb, annotate it,
and sync the annotations back (DICOM Comprehensive 3D SR, one per revision).

The manifest (``_manifest.py``) is loaded on first access of ``manifest``, so the command line
(``python -m plannerview_consult.cli``) starts without the plugin API's heavier imports.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "manifest":
        from ._manifest import manifest
        return manifest
    raise AttributeError(name)
