"""``plannerview consult serve``: a hub on 127.0.0.1 with authentication on, plain or behind nginx
with TLS, printing its URL and running until stopped."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from plannerview_consult.hub import free_port

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_serve_prints_the_url_and_requires_the_password(tmp_path: Path, tls: bool) -> None:
    port = free_port()
    env = dict(os.environ, PLANNERVIEW_CONSULT_USER="hubuser", PLANNERVIEW_CONSULT_PASSWORD="hub-pass-9")
    cmd = [sys.executable, "-m", "plannerview.cli.main", "consult", "serve", "--port", str(port),
           "--data", str(tmp_path / "hub")] + (["--tls"] if tls else [])
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = p.stdout.readline().strip()  # type: ignore[union-attr]
        assert url == f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        verify: bool | str = str(tmp_path / "hub" / "tls" / "ca.pem") if tls else True
        ok = requests.get(f"{url}/dicom-web/studies", auth=("hubuser", "hub-pass-9"), verify=verify, timeout=10)
        assert ok.status_code == 200 and ok.json() == []
        assert requests.get(f"{url}/system", verify=verify, timeout=10).status_code == 401
        assert requests.get(f"{url}/system", auth=("hubuser", "wrong"), verify=verify, timeout=10).status_code == 401
        assert (tmp_path / "hub" / "orthanc.json").stat().st_mode & 0o077 == 0  # passwords not readable by others
        for address in _non_loopback_addresses():  # Orthanc 1.10 listens everywhere: others are refused
            r = requests.get(f"http://{address}:{_orthanc_port(tmp_path / 'hub')}/system",
                             auth=("hubuser", "hub-pass-9"), timeout=10)
            assert r.status_code in (401, 403), address
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)
    assert p.returncode == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/system", timeout=2)


def _non_loopback_addresses() -> list[str]:
    """This host's IPv4 addresses other than 127.x (from the routing choice and the host name)."""
    found: set[str] = set()
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        found.add(s.getsockname()[0])
    with contextlib.suppress(OSError):
        found.update(i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    return sorted(a for a in found if not a.startswith("127.") and a != "0.0.0.0")


def _orthanc_port(hub_dir: Path) -> int:
    return int(json.loads((hub_dir / "orthanc.json").read_text())["HttpPort"])


def test_serve_refuses_without_an_account(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNERVIEW_CONSULT_")}
    r = subprocess.run([sys.executable, "-m", "plannerview.cli.main", "consult", "serve", "--port",
                        str(free_port())], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "PLANNERVIEW_CONSULT_USER" in r.stderr
