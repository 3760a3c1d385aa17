"""Preflight findings: problems found before any number is trusted."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem: a stable code, a severity, what it concerns and a plain sentence."""

    code: str
    severity: Severity
    message: str
    object_uid: str = ""
    file: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "object_uid": self.object_uid,
            "file": self.file,
            "message": self.message,
        }
