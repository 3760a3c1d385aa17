"""The hub over the network: DICOMweb (dicomweb-client: STOW-RS, QIDO-RS, WADO-RS) and Orthanc's
``/changes`` feed, with errors sorted into what a person must fix (wrong password, untrusted or
expired certificate) and what a retry will fix (server down, link dropped).
"""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import requests
from dicomweb_client import DICOMwebClient
from pydicom.dataset import Dataset

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0


class ConsultError(Exception):
    """Something went wrong talking to the hub."""


class Refused(ConsultError):
    """The hub or its certificate was refused: a person must fix it (retrying does not help)."""


class Unreachable(ConsultError):
    """The hub could not be reached or broke off: retry later."""


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str

    def __repr__(self) -> str:  # never print a password
        return f"Credentials(user={self.user!r})"


def classify(exc: BaseException, server: str) -> ConsultError:
    """A clear :class:`Refused` or :class:`Unreachable` for a network exception."""
    if isinstance(exc, ConsultError):
        return exc
    if isinstance(exc, requests.exceptions.SSLError):
        text = str(exc)
        if "expired" in text:
            return Refused(f"{server}: the server's certificate has expired; refusing to connect")
        if "verify failed" in text or "self-signed" in text or "self signed" in text or "issuer" in text:
            return Refused(f"{server}: the server's certificate is not signed by a trusted CA (pass the hub's "
                           f"CA with --ca or PLANNERVIEW_CONSULT_CA); refusing to connect")
        if "hostname" in text or "doesn't match" in text:
            return Refused(f"{server}: the server's certificate does not match its name; refusing to connect")
        return Unreachable(f"{server}: TLS handshake failed ({text[:200]})")
    if isinstance(exc, requests.exceptions.HTTPError) and exc.response is not None:
        code = exc.response.status_code
        if code == 401:
            return Refused(f"{server}: user or password refused (HTTP 401)")
        if code == 403:
            return Refused(f"{server}: access forbidden (HTTP 403)")
        if code in (404, 400, 409, 413, 415):
            return Refused(f"{server}: request refused (HTTP {code}): {exc.response.text[:200]}")
        if code in (502, 503, 504):
            return Unreachable(f"{server}: cannot reach the hub's server behind its proxy (HTTP {code})")
        return Unreachable(f"{server}: server error (HTTP {code})")
    if isinstance(exc, requests.exceptions.RequestException | ConnectionError | TimeoutError | ssl.SSLError):
        return Unreachable(f"{server}: cannot reach the hub ({type(exc).__name__})")
    return ConsultError(f"{server}: {exc}")


class Hub:
    """One hub (base URL, e.g. ``https://127.0.0.1:8443``; DICOMweb under ``/dicom-web``)."""

    def __init__(self, server: str, credentials: Credentials, ca: str | None = None,
                 timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)) -> None:
        self.server = server.rstrip("/")
        self.session = requests.Session()
        self.session.auth = (credentials.user, credentials.password)
        self.session.headers["Connection"] = "keep-alive"
        if ca:
            self.session.verify = ca
            # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a session's verify: the hub's
            # CA must win, so the environment is not consulted for this session
            self.session.trust_env = False
        self.timeout = timeout
        self.dicomweb = DICOMwebClient(f"{self.server}/dicom-web", session=self.session, timeout=timeout)
        self.dicomweb.set_http_retry_params(retry=False)  # retries are the outbox's job

    def close(self) -> None:
        self.session.close()

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - sorted into Refused / Unreachable
            raise classify(exc, self.server) from exc

    def _get_json(self, path: str, **params: Any) -> Any:
        def go() -> Any:
            r = self.session.get(f"{self.server}{path}", params=params, timeout=self.timeout)
            r.raise_for_status()
            return r.json()
        return self._call(go)

    # --- checks --------------------------------------------------------------------------------
    def check(self) -> dict[str, Any]:
        """The server's /system answer (raises Refused on a bad password or certificate)."""
        return dict(self._get_json("/system"))

    # --- STOW-RS ---------------------------------------------------------------------------------
    def store(self, datasets: Sequence[Dataset]) -> set[str]:
        """STOW-RS the datasets; returns the SOP Instance UIDs the hub confirmed (stored now or before)."""
        if not datasets:
            return set()
        resp = self._call(self.dicomweb.store_instances, list(datasets))
        ok = {str(i.ReferencedSOPInstanceUID) for i in resp.get("ReferencedSOPSequence", [])}
        failed = [str(i.ReferencedSOPInstanceUID) for i in resp.get("FailedSOPSequence", [])]
        if failed:
            raise Refused(f"{self.server}: the hub refused {len(failed)} instance(s), e.g. {failed[0]}")
        return ok

    # --- QIDO-RS / WADO-RS -----------------------------------------------------------------------
    def search_studies(self, **filters: str) -> list[dict[str, Any]]:
        return list(self._call(self.dicomweb.search_for_studies, search_filters=filters or None))

    def search_instances(self, study_uid: str, modality: str | None = None) -> list[dict[str, Any]]:
        """Every instance of a study (QIDO-RS, paged by the hub's limit)."""
        filters: dict[str, Any] = {}
        if modality:
            filters["Modality"] = modality
        out: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = self._call(self.dicomweb.search_for_instances, study_instance_uid=study_uid,
                              search_filters=filters or None, offset=offset, limit=500,
                              fields=["SOPClassUID", "SeriesInstanceUID", "Modality", "SeriesDescription"])
            out.extend(page)
            if len(page) < 500:
                return out
            offset += len(page)

    def retrieve(self, study_uid: str, series_uid: str, sop_uid: str) -> Dataset:
        return self._call(self.dicomweb.retrieve_instance, study_uid, series_uid, sop_uid)

    # --- Orthanc change feed ---------------------------------------------------------------------
    def changes(self, since: int, limit: int = 100) -> tuple[list[dict[str, Any]], bool, int]:
        """(changes, done, last) of one page of ``/changes?since=&limit=``."""
        doc = self._get_json("/changes", since=since, limit=limit)
        return list(doc.get("Changes", [])), bool(doc.get("Done", True)), int(doc.get("Last", since))

    def last_change(self) -> int:
        """The sequence number of the hub's newest change."""
        return int(self._get_json("/changes", last="").get("Last", 0))

    def instance_tags(self, orthanc_id: str) -> dict[str, Any]:
        return dict(self._get_json(f"/instances/{orthanc_id}/simplified-tags"))


def qido_value(item: dict[str, Any], tag: str) -> str:
    v = item.get(tag, {}).get("Value", [""])
    return str(v[0]) if v else ""


SOP_CLASS, SOP_UID, SERIES_UID, STUDY_UID, MODALITY, SERIES_DESC = (
    "00080016", "00080018", "0020000E", "0020000D", "00080060", "0008103E")
