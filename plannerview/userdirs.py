"""plannerview's per-user folders: the one place that knows where they are.

Configuration (``$PLANNERVIEW_CONFIG_DIR`` or the platform's user config folder) holds settings;
data (``$PLANNERVIEW_DATA_DIR`` or the platform's user data folder) holds the audit log, review
records, plugin storage and the list of shared cases. Tests and several users on one machine
point the variables elsewhere. Qt-free and free of other plannerview imports.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_CONFIG = "PLANNERVIEW_CONFIG_DIR"
ENV_DATA = "PLANNERVIEW_DATA_DIR"


def config_dir() -> Path:
    """plannerview's configuration folder (``$PLANNERVIEW_CONFIG_DIR`` overrides it)."""
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("plannerview", appauthor=False))


def data_dir() -> Path:
    """plannerview's user data folder (``$PLANNERVIEW_DATA_DIR`` overrides it)."""
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("plannerview", appauthor=False))
