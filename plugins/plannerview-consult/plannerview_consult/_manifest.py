"""The plugin's manifest. Contributions: a sync provider (push = de-identify and upload a case, pull = retrieve a shared
study), and, where the plugin API has those kinds, the background sync ``service`` and the
``plannerview consult ...`` ``command``. Uses only the public plugin API, the model and
``plannerview.tasks``; the hub, DICOMweb, de-identification and SR code is its own.
"""

from __future__ import annotations

from plannerview.plugin_api import KINDS, SYNC_PROVIDER, WIDGET, Contribution, Manifest, Param, ParamSchema

from . import __version__
from .provider import ConsultSyncProvider
from .widget import ConsultStatusWidget

SETTINGS = ParamSchema((
    Param("server", "str", "", "the hub's base URL, e.g. https://hub.example.org:8443"),
    Param("ca", "str", "", "CA certificate file to trust for an https hub (empty: the system's)"),
))


def _service() -> object:
    from .service import ConsultService
    return ConsultService()


def _command() -> object:
    from . import cli
    return cli


_contributions = [
    Contribution(SYNC_PROVIDER, "hub", ConsultSyncProvider, "Consult hub (DICOMweb)",
                 "push: de-identify a case here and upload it (STOW-RS); pull: retrieve a shared study",
                 SETTINGS),
    Contribution(WIDGET, "status", ConsultStatusWidget, "Consult status",
                 "the sync service's state: connected, items waiting, conflicts"),
]
if "service" in KINDS:
    _contributions.append(Contribution("service", "sync", _service, "Consult sync",
                                       "annotations to and from the consult hub, in the background", SETTINGS))
if "command" in KINDS:
    _contributions.append(Contribution("command", "consult", _command, "consult",
                                       "share a de-identified case to a consult hub, annotate it, sync the "
                                       "annotations"))

manifest = Manifest(
    name="plannerview-consult",
    version=__version__,
    api_version="1.0",
    description="Remote consult: de-identified sharing to an Orthanc hub, annotations as DICOM SR, two-way sync",
    contributions=tuple(_contributions),
)
