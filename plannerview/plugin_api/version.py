"""The plugin API version and the compatibility rule between a plugin and the host.

Versions are ``MAJOR.MINOR``. A plugin written for ``M.m`` runs on a host with the same major
version and a minor version of at least ``m`` (minor versions only add things: new request
fields with defaults, new optional context methods). A different major version is refused.

1.1 added: lazy ``"module:attr"`` contributions, ``DoseResult``, ``PluginInputError``, checked
``needs``, the ``service`` and ``command`` kinds, process isolation, and the context's
``workspace``, ``subscribe``, ``submit``, ``storage_dir``, ``settings``, ``user``, ``task``.
"""

from __future__ import annotations

API_VERSION = "1.1"


def parse_api_version(text: str) -> tuple[int, int]:
    """``"1.0"`` -> ``(1, 0)``; raises ValueError naming the bad text."""
    parts = str(text).strip().split(".")
    try:
        major = int(parts[0])
        minor = int(parts[1]) if len(parts) > 1 else 0
    except (ValueError, IndexError):
        raise ValueError(f"API version {text!r} is not MAJOR.MINOR") from None
    return major, minor


def is_compatible(plugin_api: str, host_api: str = API_VERSION) -> bool:
    """True when a plugin declaring ``plugin_api`` can run on ``host_api``."""
    pm, pn = parse_api_version(plugin_api)
    hm, hn = parse_api_version(host_api)
    return pm == hm and pn <= hn
