"""The consult hub as a sync provider: push = de-identify and share a case, pull = retrieve a study."""

from __future__ import annotations

from pathlib import Path

from plannerview.plugin_api import PluginContext, SyncPullRequest, SyncPushRequest, SyncResult
from plannerview.tasks import TaskContext


class ConsultSyncProvider:
    """``destination`` / ``source`` is the hub's base URL; credentials as for the CLI."""

    def _client(self, ctx: PluginContext, ca: str | None):  # type: ignore[no-untyped-def]
        from .cli import credentials, storage_dir
        from .engine import Client
        return Client(storage_dir(ctx), credentials(interactive=False), ca=ca or ctx.settings.get("ca") or None)

    def push(self, request: SyncPushRequest, ctx: PluginContext) -> SyncResult:
        from .net import ConsultError
        client = self._client(ctx, request.parameters.get("ca"))
        task = TaskContext(on_progress=ctx.progress, on_cancel=ctx.cancelled)
        try:
            res = client.share(list(request.files), request.destination, task)
        except (ConsultError, ValueError) as exc:
            return SyncResult(messages=(str(exc),), ok=False)
        finally:
            client.close()
        return SyncResult(transferred=(res.study_uid,),
                          messages=(f"shared {res.instances} instances as study {res.study_uid}",))

    def pull(self, request: SyncPullRequest, ctx: PluginContext) -> SyncResult:
        from .net import ConsultError
        study = request.query.get("StudyInstanceUID", "")
        if not study:
            return SyncResult(messages=("give the study: query {'StudyInstanceUID': ...}",), ok=False)
        client = self._client(ctx, request.parameters.get("ca"))
        task = TaskContext(on_progress=ctx.progress, on_cancel=ctx.cancelled)
        try:
            files = client.pull(study, request.source, Path(request.folder), task)
        except (ConsultError, ValueError) as exc:
            return SyncResult(messages=(str(exc),), ok=False)
        finally:
            client.close()
        return SyncResult(transferred=tuple(str(f) for f in files), messages=(f"{len(files)} instances",))
