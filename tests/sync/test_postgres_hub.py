"""The same sync on a hub whose Orthanc index is PostgreSQL (the many-sites setup)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import requests
from plannerview_consult.hub import Hub, free_port

from .conftest import USERS, client, small_case

pytestmark = pytest.mark.slow


@pytest.fixture
def pg_hub(tmp_path: Path):
    if not Path("/usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so").exists() or \
            not list(Path("/usr/lib/postgresql").glob("*/bin/postgres")):
        pytest.skip("orthanc-postgresql / postgresql are not installed (bash scripts/setup.sh)")
    h = Hub(tmp_path / "pghub", USERS, port=free_port(), postgres=True)
    try:
        h.start()
        yield h
    finally:
        h.stop()
        if h.pg_dir is not None:
            shutil.rmtree(h.pg_dir, ignore_errors=True)


def test_sync_works_the_same_on_a_postgresql_index(pg_hub, tmp_path: Path) -> None:
    system = requests.get(f"{pg_hub.url}/system", auth=("alice", USERS["alice"]), timeout=5).json()
    assert "PostgreSQL" in str(system.get("DatabaseBackendPlugin") or "")  # really the PostgreSQL index
    case = small_case(tmp_path / "case", ct_slices=2)
    alice, bob = client(tmp_path, "alice"), client(tmp_path, "bob")
    study = alice.share([case], pg_hub.url).study_uid
    assert len(bob.pull(study, pg_hub.url, tmp_path / "bob-case")) == 2 + 5
    a = alice.annotate(pg_hub.url, study, "check the ring", (1.0, 2.0, 3.0), roi="Core")
    assert alice.sync(pg_hub.url).pushed == 1
    rep = bob.sync(pg_hub.url)
    assert rep.error == "" and [x.revision_uid for x in rep.new_remote] == [a.revision_uid]
    b = bob.record(rep.new_remote[0].revise(author="bob", status="resolved"), pg_hub.url, study, local=False)
    assert bob.sync(pg_hub.url).pushed == 1
    # the change feed survives a restart of Orthanc on PostgreSQL
    pg_hub.stop_orthanc()
    pg_hub.start_orthanc()
    rep = alice.sync(pg_hub.url)
    assert rep.error == "" and [x.revision_uid for x in rep.new_remote] == [b.revision_uid]
    [(current, conflict)] = alice.current(study)
    assert current.status == "resolved" and current.author == "bob" and not conflict
