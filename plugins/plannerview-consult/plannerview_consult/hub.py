"""A local consult hub: Debian's Orthanc with its DICOMweb plugin, authentication on, optionally
nginx for TLS in front (Orthanc 1.10's own HTTPS crashes on the first handshake with OpenSSL 3)
and optionally PostgreSQL as the index (the many-sites setup).

Everything lives in one data folder: ``orthanc.json``, ``storage/``, ``index/``, logs, and with
``tls`` a generated CA (``tls/ca.pem``, which clients must trust) and server certificate, with
``postgres`` a throwaway cluster in ``pg/``. Each process can be stopped and started on its own
(the fault tests kill the server or nginx mid-transfer).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ORTHANC = "Orthanc"
DICOMWEB_PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so"
POSTGRES_INDEX_PLUGIN = "/usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so"


class HubError(RuntimeError):
    """The hub could not be started (a missing program, a port in use, a process that died)."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _which(name: str, extra: tuple[str, ...] = ()) -> str:
    found = shutil.which(name)
    if found:
        return found
    for d in extra:
        p = Path(d) / name
        if p.exists():
            return str(p)
    raise HubError(f"{name} is not installed (bash scripts/setup.sh installs the Debian packages)")


def _pg_bin(name: str) -> str:
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):  # Debian keeps them here
        if (d / name).exists():
            return str(d / name)
    return _which(name)


@dataclass
class Hub:
    """A hub on 127.0.0.1. ``port`` is where clients connect (nginx with ``tls``, else Orthanc)."""

    data_dir: Path
    users: dict[str, str]
    port: int = 8042
    tls: bool = False
    postgres: bool = False
    orthanc_port: int = 0  # Orthanc's own HTTP port behind nginx (chosen free when 0)
    _procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()
        if not self.tls:
            self.orthanc_port = self.port
        elif not self.orthanc_port:
            self.orthanc_port = free_port()
        self.pg_port = 0

    # --- addresses -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def ca_path(self) -> Path | None:
        return self.data_dir / "tls" / "ca.pem" if self.tls else None

    # --- whole hub -----------------------------------------------------------------------------
    def start(self, timeout_s: float = 30.0) -> Hub:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.postgres:
            self.start_postgres(timeout_s)
        if self.tls:
            make_tls_files(self.data_dir / "tls")
        self.start_orthanc(timeout_s)
        if self.tls:
            self.start_nginx(timeout_s)
        return self

    def stop(self, fast: bool = False) -> None:
        """Stop every process (``fast``: SIGKILL, for throwaway hubs whose data nobody keeps)."""
        for name in ("nginx", "orthanc", "postgres"):
            self._stop(name, sig=signal.SIGKILL if fast and name != "postgres" else signal.SIGTERM)

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait(self) -> int:
        """Block until Orthanc ends (``serve`` runs until stopped)."""
        return self._procs["orthanc"].wait()

    # --- Orthanc -------------------------------------------------------------------------------
    def orthanc_config(self) -> dict[str, object]:
        d = self.data_dir
        cfg: dict[str, object] = {
            "Name": "plannerview-consult-hub",
            "StorageDirectory": str(d / "storage"),
            "IndexDirectory": str(d / "index"),
            "HttpPort": self.orthanc_port,
            "DicomServerEnabled": False,
            # Orthanc 1.10 cannot choose its listening address (HttpBindAddresses came in 2025) and
            # listens on every interface: refusing non-loopback clients keeps the hub on 127.0.0.1
            # (nginx, for TLS, connects from 127.0.0.1).
            "RemoteAccessAllowed": False,
            "AuthenticationEnabled": True,
            "RegisteredUsers": dict(self.users),
            "HttpDescribeErrors": True,
            "KeepAlive": True,
            "TcpNoDelay": True,
            "HttpThreadsCount": 20,
            "ConcurrentJobs": 1,
            "SaveJobs": False,
            "OverwriteInstances": False,  # an existing SOP Instance UID answers AlreadyStored
            "StorageCompression": False,
            "Plugins": [DICOMWEB_PLUGIN],
            "DicomWeb": {"Enable": True, "Root": "/dicom-web/", "EnableWado": False,
                         "Ssl": self.tls, "Host": f"127.0.0.1:{self.port}",
                         "StudiesMetadata": "Full", "SeriesMetadata": "Full"},
        }
        if self.postgres:
            cfg["Plugins"] = [DICOMWEB_PLUGIN, POSTGRES_INDEX_PLUGIN]
            cfg["PostgreSQL"] = {"EnableIndex": True, "EnableStorage": False, "Host": "127.0.0.1",
                                 "Port": self.pg_port, "Database": "orthanc", "Username": "orthanc",
                                 "Password": "", "Lock": True, "MaximumConnectionRetries": 5,
                                 "ConnectionRetryInterval": 1}
        return cfg

    def start_orthanc(self, timeout_s: float = 30.0) -> None:
        exe = _which(ORTHANC, ("/usr/sbin",))
        if port_in_use(self.orthanc_port):
            raise HubError(f"port {self.orthanc_port} is in use (another Orthanc? use --port)")
        cfg_path = self.data_dir / "orthanc.json"
        cfg_path.touch(mode=0o600)  # it holds the hub's passwords
        cfg_path.chmod(0o600)
        cfg_path.write_text(json.dumps(self.orthanc_config(), indent=2))
        log = open(self.data_dir / "orthanc.log", "ab")
        self._procs["orthanc"] = subprocess.Popen([exe, str(cfg_path)], stdout=log, stderr=subprocess.STDOUT,
                                                  stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self._wait_http(f"http://127.0.0.1:{self.orthanc_port}/system", "orthanc", timeout_s)

    def kill_orthanc(self) -> None:
        """SIGKILL the server (a crash, for the fault tests)."""
        self._stop("orthanc", sig=signal.SIGKILL)

    def stop_orthanc(self) -> None:
        self._stop("orthanc")

    # --- nginx ---------------------------------------------------------------------------------
    def nginx_config(self) -> str:
        d = self.data_dir / "nginx"
        tls = self.data_dir / "tls"
        user = "user root;\n" if os.geteuid() == 0 else ""
        return f"""{user}daemon off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {d}/body;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
  server {{
    listen 127.0.0.1:{self.port} ssl;
    ssl_certificate {tls}/server.pem;
    ssl_certificate_key {tls}/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    client_max_body_size 0;
    location / {{
      proxy_pass http://127.0.0.1:{self.orthanc_port};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Connection "";
      proxy_request_buffering off;
      proxy_buffering off;
      proxy_read_timeout 300s;
    }}
  }}
}}
"""

    def start_nginx(self, timeout_s: float = 30.0) -> None:
        exe = _which("nginx", ("/usr/sbin",))
        d = self.data_dir / "nginx"
        d.mkdir(parents=True, exist_ok=True)
        if port_in_use(self.port):
            raise HubError(f"port {self.port} is in use (use --port)")
        conf = d / "nginx.conf"
        conf.write_text(self.nginx_config())
        log = open(d / "stderr.log", "ab")
        self._procs["nginx"] = subprocess.Popen([exe, "-c", str(conf), "-p", str(d), "-e", str(d / "error.log")],
                                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                                start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout_s
        while not port_in_use(self.port):
            self._check_alive("nginx", d / "error.log")
            if time.monotonic() > deadline:
                raise HubError(f"nginx did not listen on {self.port} within {timeout_s:.0f} s")
            time.sleep(0.05)

    def stop_nginx(self) -> None:
        """Stop nginx at once (drops every open connection: a link that goes down)."""
        self._stop("nginx", sig=signal.SIGTERM)

    # --- PostgreSQL ----------------------------------------------------------------------------
    def start_postgres(self, timeout_s: float = 30.0) -> None:
        """A throwaway PostgreSQL cluster on 127.0.0.1 (trust authentication) with database ``orthanc``."""
        run_as: list[str] = []
        pg = self.data_dir / "pg"
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: it runs as 'postgres'
            run_as = [_which("runuser", ("/usr/sbin", "/sbin")), "-u", "postgres", "--"]
            pg = self._pg_dir_for_postgres_user()
        if not (pg / "PG_VERSION").exists():
            pg.mkdir(parents=True, exist_ok=True)
            if run_as:
                shutil.chown(pg, "postgres", "postgres")
            subprocess.run(run_as + [_pg_bin("initdb"), "-D", str(pg), "-U", "postgres", "--auth=trust",
                                     "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
        self.pg_port = self.pg_port or free_port()
        sock_dir = pg.parent / "pg-run"
        sock_dir.mkdir(exist_ok=True)
        if run_as:
            shutil.chown(sock_dir, "postgres", "postgres")
        log = open(self.data_dir / "postgres.log", "ab")
        self._procs["postgres"] = subprocess.Popen(
            run_as + [_pg_bin("postgres"), "-D", str(pg), "-p", str(self.pg_port), "-h", "127.0.0.1",
                      "-k", str(sock_dir), "-c", "fsync=off", "-c", "full_page_writes=off"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        psql = [_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-tAc"]
        deadline = time.monotonic() + timeout_s
        while subprocess.run(psql + ["select 1"], capture_output=True).returncode != 0:
            self._check_alive("postgres", self.data_dir / "postgres.log")
            if time.monotonic() > deadline:
                raise HubError("PostgreSQL did not start")
            time.sleep(0.1)
        have = subprocess.run(psql + ["select 1 from pg_roles where rolname='orthanc'"], capture_output=True,
                              text=True).stdout.strip()
        if have != "1":
            subprocess.run(psql + ["create role orthanc login"], check=True, capture_output=True)
            subprocess.run(psql + ["create database orthanc owner orthanc"], check=True, capture_output=True)

    def _pg_dir_for_postgres_user(self) -> Path:
        """A cluster folder the 'postgres' user can reach (the data folder may be private to root):
        ``data/pg`` when reachable, else a folder under the temporary directory, remembered in
        ``data/pg-location``."""
        here = self.data_dir / "pg"
        probe = subprocess.run([_which("runuser", ("/usr/sbin", "/sbin")), "-u", "postgres", "--", "test", "-x",
                                str(self.data_dir)], capture_output=True)
        if probe.returncode == 0:
            return here
        loc = self.data_dir / "pg-location"
        if loc.exists() and Path(loc.read_text().strip()).exists():
            return Path(loc.read_text().strip()) / "pg"
        import tempfile
        base = Path(tempfile.mkdtemp(prefix="plannerview-hub-pg-"))
        shutil.chown(base, "postgres", "postgres")
        loc.write_text(str(base))
        return base / "pg"

    @property
    def pg_dir(self) -> Path | None:
        """The PostgreSQL cluster's folder when it lives outside the data folder."""
        loc = self.data_dir / "pg-location"
        return Path(loc.read_text().strip()) if loc.exists() else None

    # --- helpers -------------------------------------------------------------------------------
    def running(self, name: str) -> bool:
        p = self._procs.get(name)
        return p is not None and p.poll() is None

    def _stop(self, name: str, sig: int = signal.SIGTERM, timeout_s: float = 15.0) -> None:
        p = self._procs.pop(name, None)
        if p is None or p.poll() is not None:
            return
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            return
        try:
            p.wait(timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()

    def _check_alive(self, name: str, log: Path) -> None:
        p = self._procs.get(name)
        if p is not None and p.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise HubError(f"{name} exited with code {p.returncode}:\n{tail}")

    def _wait_http(self, url: str, name: str, timeout_s: float) -> None:
        user, password = next(iter(self.users.items()))
        deadline = time.monotonic() + timeout_s
        while True:
            self._check_alive(name, self.data_dir / f"{name}.log")
            try:
                if requests.get(url, auth=(user, password), timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise HubError(f"{name} did not answer on {url} within {timeout_s:.0f} s")
            time.sleep(0.1)


# --- certificates (openssl command line) -------------------------------------------------------
def _openssl(*args: str, cwd: Path | None = None) -> None:
    r = subprocess.run([_which("openssl"), *args], capture_output=True, text=True, cwd=cwd)
    if r.returncode != 0:
        raise HubError(f"openssl {' '.join(args[:2])} failed: {r.stderr.strip()}")


def make_ca(folder: Path, name: str = "plannerview consult test CA") -> tuple[Path, Path]:
    """A self-signed CA: (certificate, key)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "ca.pem", folder / "ca.key"
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
             "-days", "3650", "-subj", f"/CN={name}", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    return cert, key


def make_server_cert(folder: Path, ca_cert: Path, ca_key: Path, expired: bool = False) -> tuple[Path, Path]:
    """A server certificate for 127.0.0.1/localhost signed by the CA (``expired``: valid only in 2020)."""
    cert, key, csr = folder / "server.pem", folder / "server.key", folder / "server.csr"
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(csr),
             "-subj", "/CN=127.0.0.1")
    ext = folder / "server.ext"
    ext.write_text("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                   "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n")
    if not expired:
        _openssl("x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key),
                 "-CAcreateserial", "-out", str(cert), "-days", "825", "-extfile", str(ext))
    else:  # 'openssl ca' takes explicit dates
        db = folder / "ca-db"
        db.mkdir(exist_ok=True)
        (db / "index.txt").write_text("")
        (db / "serial").write_text("1000\n")
        cnf = folder / "ca.cnf"
        cnf.write_text(f"""[ca]
default_ca = ca_
[ca_]
dir = {db}
database = {db}/index.txt
serial = {db}/serial
new_certs_dir = {db}
default_md = sha256
policy = any_
copy_extensions = none
[any_]
commonName = supplied
""")
        _openssl("ca", "-batch", "-config", str(cnf), "-cert", str(ca_cert), "-keyfile", str(ca_key),
                 "-in", str(csr), "-out", str(cert), "-startdate", "20200101000000Z",
                 "-enddate", "20200201000000Z", "-extfile", str(ext), "-notext")
    return cert, key


def make_tls_files(folder: Path) -> Path:
    """CA and server certificate in ``folder`` unless there already; returns the CA certificate."""
    if not (folder / "server.pem").exists():
        ca_cert, ca_key = make_ca(folder)
        make_server_cert(folder, ca_cert, ca_key)
    return folder / "ca.pem"
