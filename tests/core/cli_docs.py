"""Helpers for comparing the command line's JSON documents."""

from __future__ import annotations


def without_times(doc: object) -> object:
    """The document with the provenance's clock times (``time_utc``) left out: they differ between runs."""
    if isinstance(doc, dict):
        return {k: without_times(v) for k, v in doc.items() if k != "time_utc"}
    if isinstance(doc, list):
        return [without_times(v) for v in doc]
    return doc
