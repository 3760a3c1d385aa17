"""Reading the YAML data files (protocols, ROI maps, alpha/beta maps) into plain Python data.

io reads; compute validates the data it is given (``compute.protocols.parse_protocol``,
``compute.alpha_beta.AlphaBetaMap.from_dict``); ``review.loaders`` joins the two.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import Any

import yaml

from .safe_write import note_input

MAX_YAML_BYTES = 16 * 2**20


class YamlFileError(ValueError):
    """A YAML data file that cannot be read or parsed (the message names the file)."""


def read_yaml(path: str | Path, what: str = "file") -> tuple[Any, str]:
    """The parsed content of a YAML file and the SHA-256 of its bytes; a :class:`YamlFileError`
    naming the file when it cannot be read, is not UTF-8 or is not valid YAML."""
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a pipe or /dev/zero would never end
            raise YamlFileError(f"{p}: the {what} is not a regular file")
        if st.st_size > MAX_YAML_BYTES:
            raise YamlFileError(f"{p}: the {what} is larger than {MAX_YAML_BYTES // 2**20} MiB")
        raw = p.read_bytes()
    except OSError as exc:
        raise YamlFileError(f"{p}: cannot read the {what}: {exc.strerror or exc}") from None
    note_input(p)  # a command's outputs never replace a file it read
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise YamlFileError(f"{p}: not a readable YAML file (cannot read the {what}): {exc}") from None
    return data, hashlib.sha256(raw).hexdigest()


def read_roi_map(path: str | Path | None) -> dict[str, str]:
    """A YAML mapping file ``{their ROI name: TG-263 name}``; {} when ``path`` is None."""
    if path is None:
        return {}
    p = Path(path)
    data, _sha = read_yaml(p, "ROI map")
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise YamlFileError(f"{p}: an ROI map must be a mapping of 'their ROI name: TG-263 name' strings")
    return {str(k): v for k, v in data.items()}
