"""The PDF review report: :func:`collect` what the review produced, :func:`write_pdf` it (A4, real text)."""

from .builder import ReportData, collect, latest_signoff, write_pdf
from .strings import set_language, t

__all__ = ["ReportData", "collect", "latest_signoff", "set_language", "t", "write_pdf"]
