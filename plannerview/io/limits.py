"""Resource limits of the loader: what one load may read, so hostile or damaged input cannot
exhaust memory or time. Each limit can be raised with an environment variable (README, "Limits")."""

from __future__ import annotations

import os
from dataclasses import dataclass

MIB = 2**20


def _env_int(name: str, default: int) -> int:
    try:
        v = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return v if v > 0 else default


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 2048 * MIB  # one file, or one zip member once inflated
    max_depth: int = 64  # folder levels searched below an input folder
    max_files: int = 200_000  # candidate files (zip members included) in one load
    max_zip_members: int = 100_000  # members read from one archive
    max_zip_total_bytes: int = 2048 * MIB  # inflated bytes read from one archive
    max_zip_ratio: int = 250  # inflated / compressed size of one member ...
    zip_ratio_floor_bytes: int = 1 * MIB  # ... checked for members larger than this
    max_voxels: int = 1024**3 // 2  # voxels of one image series or dose grid (512 Mi: 2 GiB as float32)

    @classmethod
    def from_env(cls) -> Limits:
        d = cls()
        return cls(
            max_file_bytes=_env_int("PLANNERVIEW_MAX_FILE_MB", d.max_file_bytes // MIB) * MIB,
            max_depth=_env_int("PLANNERVIEW_MAX_DEPTH", d.max_depth),
            max_files=_env_int("PLANNERVIEW_MAX_FILES", d.max_files),
            max_zip_members=_env_int("PLANNERVIEW_MAX_ZIP_MEMBERS", d.max_zip_members),
            max_zip_total_bytes=_env_int("PLANNERVIEW_MAX_ZIP_MB", d.max_zip_total_bytes // MIB) * MIB,
            max_zip_ratio=_env_int("PLANNERVIEW_MAX_ZIP_RATIO", d.max_zip_ratio),
            max_voxels=_env_int("PLANNERVIEW_MAX_VOXELS", d.max_voxels),
        )
