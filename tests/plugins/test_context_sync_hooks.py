"""Sync plugins' two host hooks (plugin API 1.1): ``ctx.deliver_annotation`` applies a revision
made elsewhere to the real workspace, once; ``ctx.case_shared`` records the case as shared, so no
recent-cases list keeps it, and tells the workspace's subscribers."""

from __future__ import annotations

from pathlib import Path

import pytest

from plannerview.model import Annotation, Case
from plannerview.model.events import AnnotationChanged, CaseShared
from plannerview.plugin_api import Contribution, Manifest
from plannerview.plugins.records import PluginRecord
from plannerview.plugins.registry import PluginRegistry
from plannerview.plugins.runner import HostEnvironment, make_context
from plannerview.review import privacy
from plannerview.review.workspace import Workspace


def test_deliver_annotation_and_case_shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(privacy.ENV, str(tmp_path / "shared.json"))
    ws = Workspace(case=Case())
    events: list[object] = []
    ws.subscribe(AnnotationChanged, events.append)
    ws.subscribe(CaseShared, events.append)
    monkeypatch.setenv("PLANNERVIEW_DATA_DIR", str(tmp_path / "data"))
    contribution = Contribution("service", "sync", "tests.plugins.test_context_sync_hooks:Nothing")
    record = PluginRecord("sync-test", "test", "user folder",
                          manifest=Manifest("sync-test", "1.0", (contribution,), api_version="1.1"))
    ctx = make_context(PluginRegistry(), record, contribution, env=HostEnvironment(workspace=ws))
    remote = Annotation(text="from the hub", author="consultant")
    ctx.deliver_annotation(remote)
    ctx.deliver_annotation(remote)  # the same revision again: nothing changes
    assert [a.revision_uid for a in ws.annotations] == [remote.revision_uid]
    assert ws.annotations[0].author == "consultant"  # as made elsewhere, not re-authored here
    assert sum(isinstance(e, AnnotationChanged) for e in events) == 1
    case_dir = tmp_path / "patient 123"
    (case_dir / "CT").mkdir(parents=True)
    ctx.case_shared([str(case_dir)], "https://hub.example")
    assert privacy.is_shared(str(case_dir)) and privacy.is_shared(str(case_dir / "CT"))
    assert not privacy.is_shared(str(tmp_path))
    shared = [e for e in events if isinstance(e, CaseShared)]
    assert shared and shared[0].destination == "https://hub.example"
    with pytest.raises(TypeError):
        ctx.deliver_annotation("not an annotation")  # type: ignore[arg-type]


class Nothing:
    """A service that does nothing (only its context is used here)."""

    def start(self, ctx: object) -> None: ...

    def stop(self) -> None: ...
