"""Where clinical-goal protocols are and how their files are read (validation: ``compute.protocols``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..resources import protocols_dir
from .yaml_files import YamlFileError, read_yaml

# names of the first bundled protocols, still accepted
ALIASES = {"lung_sbrt_3fx": "lung_sbrt_3fx_tg101", "lung_conventional": "lung_conventional_quantec",
           "prostate_conventional": "prostate_conventional_quantec", "head_neck_conventional": "head_neck_quantec",
           "breast_26gy_5fx": "breast_fast_forward_26gy_5fx"}


@dataclass(frozen=True)
class ProtocolSource:
    """A protocol file's parsed YAML, its path and the SHA-256 of its bytes (for provenance)."""

    data: Any
    file: str
    sha256: str


def list_protocols(folder: Path | None = None) -> list[str]:
    """Names of the bundled protocols (or of the ``*.yaml`` files in ``folder``)."""
    return sorted(p.stem for p in (folder or protocols_dir()).glob("*.yaml"))


def protocol_path(name_or_file: str | Path) -> Path:
    """A protocol file given as a path, or a bundled protocol's by name (old names accepted)."""
    path = Path(name_or_file)
    if path.is_file():
        return path
    name = str(name_or_file)
    bundled = protocols_dir() / f"{ALIASES.get(name, name)}.yaml"
    if bundled.is_file():
        return bundled
    raise YamlFileError(f"no protocol {str(name_or_file)!r}: not a file, nor a bundled protocol "
                        f"({', '.join(list_protocols())})")


def read_protocol(name_or_file: str | Path) -> ProtocolSource:
    """The YAML of a bundled protocol (by name) or of a protocol file, not yet validated."""
    path = protocol_path(name_or_file)
    data, sha = read_yaml(path, "protocol")
    return ProtocolSource(data, str(path), sha)
