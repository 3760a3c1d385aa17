"""Fuzz: mutated copies of real files from ../shared/data never make import raise.

Hypothesis draws at least 2,000 mutations per run (bit flips, overwritten runs, truncation,
inserted and deleted bytes) of small real RT objects; every load must return a Case whose
findings explain anything it could not use.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import plannerview

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SOURCES = [
    "pydicom_rt/rtplan.dcm",
    "pydicom_rt/rtdose.dcm",
    "pydicom_rt/rtstruct.dcm",
    "pydicom_rt/CT_small.dcm",
    "pydicom_rt/MR_small.dcm",
    "rtutils_mock/rt.dcm",
    "brachy_cylinder_hdr/Ex1/RP.1.2.246.352.71.5.731233350210.9587438.20250927091619.dcm",
    "aptg_dcpt_proton/plan02_mono/RN.1.2.246.352.71.5.37402163639.178320.20221207095327.dcm",
]
EXAMPLES = int(os.environ.get("PLANNERVIEW_FUZZ_EXAMPLES", "2000"))

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not available")

_cache: dict[str, bytes] = {}


def _source(i: int) -> bytes:
    name = SOURCES[i % len(SOURCES)]
    if name not in _cache:
        _cache[name] = (SHARED / name).read_bytes()
    return _cache[name]


mutation = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(0, 7)),
    st.tuples(st.just("overwrite"), st.floats(0, 1), st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("truncate"), st.floats(0, 1), st.just(b"")),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 64)),
)


def _mutate(data: bytes, ops: list[tuple]) -> bytes:
    buf = bytearray(data)
    for kind, where, arg in ops:
        if not buf:
            break
        pos = min(int(where * len(buf)), len(buf) - 1)
        if kind == "flip":
            buf[pos] ^= 1 << arg
        elif kind == "overwrite":
            buf[pos:pos + len(arg)] = arg
        elif kind == "truncate":
            del buf[pos:]
        elif kind == "insert":
            buf[pos:pos] = arg
        elif kind == "delete":
            del buf[pos:pos + arg]
    return bytes(buf)


_tmp = tempfile.TemporaryDirectory(prefix="plannerview-fuzz-")
_counter = {"n": 0}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(src=st.integers(0, len(SOURCES) - 1), ops=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_files_never_raise(src: int, ops: list[tuple]) -> None:
    path = Path(_tmp.name) / "mutated.dcm"
    path.write_bytes(_mutate(_source(src), ops))
    case = plannerview.load(path)  # must not raise
    _counter["n"] += 1
    if case.is_empty:
        assert case.findings, "an unusable file must be explained by a finding"
        assert all(f.file == str(path) for f in case.findings)
    for dose in case.doses:  # lazily decoded data must not raise either
        assert dose.dose.shape == dose.grid.shape_zyx
    for img in case.images:
        assert img.voxels.shape == img.grid.shape_zyx


def test_fuzz_ran_enough_examples() -> None:
    """Runs after the fuzz test (same module, file order): it must have loaded 2,000 files."""
    if _counter["n"] == 0:
        pytest.skip("fuzz test not run in this session")
    assert _counter["n"] >= min(EXAMPLES, 2000)
