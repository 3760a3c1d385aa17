"""The plugin's manifest (light: every implementation is named by a ``"module:attr"`` string and
imported only when used). Contributions:

- ``command`` ``consult``: ``plannerview consult serve|share|studies|pull|annotations|sync``;
- ``service`` ``sync``: the background sync of the open case's annotations in the workstation;
- ``widget`` ``status``: the service's state (connected, items waiting, conflicts);
- ``sync_provider`` ``hub``: push = de-identify and share a case, pull = retrieve a shared study.

Settings (``plannerview plugins --set`` or the GUI form): the hub's URL and the CA to trust. The
account comes from ``PLANNERVIEW_CONSULT_USER`` / ``PLANNERVIEW_CONSULT_PASSWORD``.
"""

from __future__ import annotations

from plannerview.plugin_api import (
    COMMAND,
    SERVICE,
    SYNC_PROVIDER,
    WIDGET,
    Contribution,
    Manifest,
    Param,
    ParamSchema,
)

from . import __version__

SETTINGS = ParamSchema((
    Param("server", "str", "", "the hub's base URL, e.g. https://hub.example.org:8443 (DICOMweb at URL/dicom-web)"),
    Param("ca", "str", "", "CA certificate file to trust for an https hub (empty: the system's)"),
))
HELP = "share a de-identified case to a consult hub, annotate it, sync the annotations"

manifest = Manifest(
    name="plannerview-consult",
    version=__version__,
    api_version="1.1",
    description="Remote consult: de-identified sharing to an Orthanc hub, annotations as DICOM SR, two-way sync",
    settings=SETTINGS,
    contributions=(
        Contribution(COMMAND, "consult", "plannerview_consult.command:ConsultCommand", "consult", HELP),
        Contribution(SERVICE, "sync", "plannerview_consult.service:ConsultService", "Consult sync",
                     "annotations to and from the consult hub, in the background"),
        Contribution(WIDGET, "status", "plannerview_consult.widget:ConsultStatusWidget", "Consult status",
                     "the sync service's state: connected, items waiting, conflicts"),
        Contribution(SYNC_PROVIDER, "hub", "plannerview_consult.provider:ConsultSyncProvider",
                     "Consult hub (DICOMweb)",
                     "push: de-identify a case here and upload it (STOW-RS); pull: retrieve a shared study"),
    ),
)
