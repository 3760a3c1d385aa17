"""File > Export report…: the background job (Qt-free; the same core as ``plannerview report``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model.annotation import Annotation
from ..review.loaders import load_protocol
from ..review.report import collect, write_pdf
from ..tasks import TaskContext


def export_report(ws: Any, case: Any, plan: Any, dose: Any, protocol_name: str | None,
                  annotations: Sequence[Annotation], path: str, ctx: TaskContext | None = None) -> str:
    """Collect through the window's workspace (its cached DVHs and goals) and write the PDF."""
    protocol = load_protocol(protocol_name) if protocol_name else None
    data = collect(case, plan, dose=dose, protocol=protocol, annotations=annotations, results=ws,
                   task=ctx)
    return str(write_pdf(data, path))
