"""File > Export report…: the background job (Qt-free; the same core as ``plannerview report``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model.annotation import Annotation
from ..review.loaders import load_protocol
from ..review.report import collect, write_pdf
from ..tasks import TaskContext


def export_report(case: Any, plan: Any, dose: Any, protocol_name: str | None, annotations: Sequence[Annotation],
                  path: str, progress: Any = None, cancel: Any = None) -> str:
    protocol = load_protocol(protocol_name) if protocol_name else None
    data = collect(case, plan, dose=dose, protocol=protocol, annotations=annotations,
                   task=TaskContext(progress, cancel))
    return str(write_pdf(data, path))
