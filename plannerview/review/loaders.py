"""The YAML data files as validated objects: io reads them, compute checks what was read.

Callers above compute (the CLI, the GUI, the workspace) load protocols and alpha/beta maps here;
compute itself never reads a file.
"""

from __future__ import annotations

from pathlib import Path

from ..compute.alpha_beta import AlphaBetaMap
from ..compute.protocols import Protocol, ProtocolError, parse_protocol
from ..io.protocols import list_protocols, protocol_path, read_protocol
from ..io.yaml_files import YamlFileError, read_roi_map, read_yaml

__all__ = ["list_protocols", "load_alpha_beta_map", "load_protocol", "protocol_path", "read_roi_map"]


def load_protocol(name_or_file: str | Path) -> Protocol:
    """A bundled protocol by name, or a YAML file, validated (a :class:`ProtocolError` naming the file)."""
    try:
        src = read_protocol(name_or_file)
    except YamlFileError as exc:
        raise ProtocolError(str(exc)) from None
    return parse_protocol(src.data, src.file, src.sha256)


def load_alpha_beta_map(path: str | Path) -> AlphaBetaMap:
    """An alpha/beta mapping file (see ``compute.alpha_beta``); a ValueError naming the file when malformed."""
    data, _sha = read_yaml(path, "alpha/beta file")
    return AlphaBetaMap.from_dict(data, str(path))
