"""plannerview-dose: independent dose calculation (placeholder manifest while the engines are built)."""

from __future__ import annotations

__version__ = "0.1.0"
