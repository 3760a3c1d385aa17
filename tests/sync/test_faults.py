"""Faults with the real hub behind nginx (TLS, certificate verification on): the server killed
mid-upload, the client (a separate process) killed mid-upload, the link dropped (nginx stopped)
mid-transfer, restarts in every order. Afterwards every annotation is on the hub exactly once and
on both clients, and nothing is lost. Wrong password, wrong CA, expired certificate: a clear
refusal and the queue intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from plannerview_consult import net, sr
from plannerview_consult.hub import make_ca, make_server_cert

from .conftest import USERS, cli_env, client, consult, small_case

pytestmark = pytest.mark.slow


def _count(hub) -> int:
    r = requests.get(f"{hub.url}/statistics", auth=("alice", USERS["alice"]), verify=str(hub.ca_path), timeout=5)
    return int(r.json()["CountInstances"])


def _hub_srs(hub, study: str) -> list[str]:
    h = net.Hub(hub.url, net.Credentials("alice", USERS["alice"]), ca=str(hub.ca_path))
    try:
        return [net.qido_value(i, net.SOP_UID) for i in h.search_instances(study)
                if net.qido_value(i, net.SOP_CLASS) == sr.COMPREHENSIVE_3D_SR]
    finally:
        h.close()


def _start(tmp_path: Path, user: str, *args: str, hub, pause_s: float = 0.05) -> subprocess.Popen[str]:
    env = cli_env(tmp_path, user, ca=hub.ca_path)
    env["PLANNERVIEW_CONSULT_PAUSE_S"] = str(pause_s)
    env["PLANNERVIEW_CONSULT_STOW_BATCH"] = "2"
    return subprocess.Popen([sys.executable, "-m", "plannerview_consult.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)


def _when(cond, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_share_survives_server_and_client_killed_mid_upload(tls_hub, tmp_path: Path) -> None:
    case = small_case(tmp_path / "case", ct_slices=16)
    total = 16 + 5
    # the server is killed while the client uploads
    p = _start(tmp_path, "alice", "share", str(case), "--server", tls_hub.url, "--json", hub=tls_hub)
    _when(lambda: _count(tls_hub) >= 4)
    tls_hub.kill_orthanc()
    _, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "cannot reach" in err, err
    tls_hub.start_orthanc()
    got = _count(tls_hub)
    assert 4 <= got < total
    # the client is killed while it uploads the rest
    p = _start(tmp_path, "alice", "share", str(case), "--server", tls_hub.url, "--json", hub=tls_hub)
    _when(lambda: _count(tls_hub) >= got + 2)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert _count(tls_hub) < total
    done = consult(tmp_path, "alice", "share", str(case), "--server", tls_hub.url, "--json", ca=tls_hub.ca_path)
    assert done.returncode == 0, done.stderr
    assert _count(tls_hub) == total  # every instance once


def test_annotations_survive_kills_dropped_links_and_restarts_in_every_order(tls_hub, tmp_path: Path) -> None:
    case = small_case(tmp_path / "case", ct_slices=1)
    alice, bob = client(tmp_path, "alice", tls_hub.ca_path), client(tmp_path, "bob", tls_hub.ca_path)
    study = alice.share([case], tls_hub.url).study_uid
    bob.pull(study, tls_hub.url, tmp_path / "bob-case")
    made: set[str] = set()

    def queue(c, n: int, tag: str) -> None:
        for i in range(n):
            a = c.annotate(tls_hub.url, study, f"{tag} {i}", (float(i), 2.0, 3.0), roi="Core")
            made.add(a.revision_uid)

    def sync_cli(user: str) -> subprocess.CompletedProcess[str]:
        return consult(tmp_path, user, "sync", "--server", tls_hub.url, ca=tls_hub.ca_path)

    # 1. server killed while the client process pushes; client restarts after the server
    queue(alice, 12, "a1")
    p = _start(tmp_path, "alice", "sync", "--server", tls_hub.url, hub=tls_hub)
    base = _count(tls_hub)
    _when(lambda: _count(tls_hub) >= base + 3)
    tls_hub.kill_orthanc()
    p.communicate(timeout=60)
    assert p.returncode == 1
    assert alice.store.outbox_count() > 0  # the rest waits, nothing dropped
    tls_hub.start_orthanc()
    assert sync_cli("alice").returncode == 0

    # 2. client process killed mid-push; server restarted before the client comes back
    queue(alice, 12, "a2")
    p = _start(tmp_path, "alice", "sync", "--server", tls_hub.url, hub=tls_hub)
    before = _count(tls_hub)
    _when(lambda: _count(tls_hub) >= before + 3)
    p.send_signal(signal.SIGKILL)
    p.wait()
    tls_hub.stop_orthanc()
    tls_hub.start_orthanc()
    assert sync_cli("alice").returncode == 0

    # 3. the link drops (nginx stopped) mid-transfer while the other client works offline
    queue(bob, 12, "b3")
    p = _start(tmp_path, "bob", "sync", "--server", tls_hub.url, hub=tls_hub)
    before = _count(tls_hub)
    _when(lambda: _count(tls_hub) >= before + 3)
    tls_hub.stop_nginx()
    p.communicate(timeout=60)
    assert p.returncode == 1
    queue(alice, 3, "a3")
    rep = alice.sync(tls_hub.url)
    assert rep.error and not rep.refused and rep.waiting == 3
    # 4. everything down, clients killed, then back in the other order (server, link, clients)
    tls_hub.kill_orthanc()
    p = _start(tmp_path, "alice", "sync", "--server", tls_hub.url, hub=tls_hub)
    p.send_signal(signal.SIGKILL)
    p.wait()
    tls_hub.start_orthanc()
    tls_hub.start_nginx()
    for user in ("bob", "alice", "bob"):
        assert sync_cli(user).returncode == 0

    on_hub = _hub_srs(tls_hub, study)
    assert len(on_hub) == len(set(on_hub)) == len(made)  # every annotation exactly once
    assert set(on_hub) == made
    for c in (client(tmp_path, "alice", tls_hub.ca_path), client(tmp_path, "bob", tls_hub.ca_path)):
        assert {r.annotation.revision_uid for r in c.store.revisions(study_uid=study)} == made
        assert c.store.outbox_count() == 0


def test_wrong_password_wrong_ca_expired_certificate_are_refused_and_nothing_is_lost(tls_hub, tmp_path: Path) -> None:
    case = small_case(tmp_path / "case", ct_slices=1)
    alice = client(tmp_path, "alice", tls_hub.ca_path)
    study = alice.share([case], tls_hub.url).study_uid
    for i in range(3):
        alice.annotate(tls_hub.url, study, f"note {i}", (1.0, 2.0, float(i)))
    assert alice.store.outbox_count() == 3

    bad = consult(tmp_path, "alice", "sync", "--server", tls_hub.url, password="wrong", ca=tls_hub.ca_path)
    assert bad.returncode == 1 and "user or password refused" in bad.stdout + bad.stderr
    assert alice.store.outbox_count() == 3

    other_ca, _ = make_ca(tmp_path / "other-ca", "some other CA")
    bad = consult(tmp_path, "alice", "sync", "--server", tls_hub.url, ca=other_ca)
    assert bad.returncode == 1 and "not signed by a trusted CA" in bad.stdout + bad.stderr
    assert alice.store.outbox_count() == 3

    tls = tls_hub.data_dir / "tls"
    os.replace(tls / "server.pem", tls / "good.pem")
    os.replace(tls / "server.key", tls / "good.key")
    tls_hub.stop_nginx()
    make_server_cert(tls, tls / "ca.pem", tls / "ca.key", expired=True)
    tls_hub.start_nginx()
    bad = consult(tmp_path, "alice", "sync", "--server", tls_hub.url, ca=tls_hub.ca_path)
    assert bad.returncode == 1 and "expired" in bad.stdout + bad.stderr
    assert alice.store.outbox_count() == 3
    share = consult(tmp_path, "alice", "share", str(case), "--server", tls_hub.url, ca=tls_hub.ca_path)
    assert share.returncode == 1 and "expired" in share.stderr

    tls_hub.stop_nginx()
    os.replace(tls / "good.pem", tls / "server.pem")
    os.replace(tls / "good.key", tls / "server.key")
    tls_hub.start_nginx()
    ok = consult(tmp_path, "alice", "sync", "--server", tls_hub.url, ca=tls_hub.ca_path)
    assert ok.returncode == 0, ok.stderr
    assert alice.store.outbox_count() == 0
    assert len(_hub_srs(tls_hub, study)) == 3
