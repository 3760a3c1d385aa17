"""The review panel in the real window: the checks table shows the core's verdicts, sign-off writes
the SR and the audit entry, the banner shows the review state, File > Export report writes the PDF."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest

from plannerview.review.audit import AuditLog
from plannerview.review.checks import make_context, run_checks

pytestmark = pytest.mark.gui


def test_review_panel_checks_sign_off_banner_and_report(qtbot, demo_window, out_dir: Path, tmp_path: Path) -> None:
    win = demo_window
    panel = win.review_panel
    panel.out_dir = tmp_path / "reviews"
    s = win.qs.model
    assert s.plan is not None and s.plan.label == "Photon7F"
    win.review_dock.raise_()
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.plan_uid == s.plan.sop_uid, timeout=90000)  # noqa: E501

    # the table shows exactly what the core says for this plan
    core = run_checks(make_context(s.case, s.plan, s.dose, s.structure_set))
    assert panel.table.rowCount() == len(core.results)
    shown = [(panel.table.item(r, 0).text(), panel.table.item(r, 1).text()) for r in range(panel.table.rowCount())]
    assert shown == [(r.status.value, r.title) for r in core.results]
    assert "IN REVIEW" in win.banner.text()
    # request changes without a comment is refused with the reason; nothing is written
    assert not panel.sign_off("request-changes")
    assert "needs a comment" in panel.state.text() and not panel.out_dir.exists()
    panel.comment.setPlainText("Add the couch structure and re-plan.")
    panel.reviewer.setText("Jane Doe")
    qtbot.mouseClick(panel.buttons["request-changes"], pytest.importorskip("PySide6.QtCore").Qt.MouseButton.LeftButton)
    result = panel.review.result
    assert result is not None and result.decision == "request-changes"
    sr = pydicom.dcmread(result.sr_file)
    assert str(sr.SOPInstanceUID) == result.sr_sop_uid
    log = AuditLog()
    entries = log.entries()
    assert entries[-1].action == "signed-off" and entries[-1].hash == result.audit.hash and log.verify().ok
    assert entries[-1].data["comments"][0]["text"] == "Add the couch structure and re-plan."
    assert "REQUEST CHANGES by Jane Doe" in win.banner.text()
    assert not any(b.isEnabled() for b in panel.buttons.values())
    shot = win.grab()
    shot.save(str(out_dir / "review_panel.png"))
    img = shot.toImage()
    px = np.array([img.pixelColor(x, y).lightness() for x in range(0, img.width(), 25) for y in range(0, img.height(), 25)])
    assert px.std() > 10  # a drawn window, not a blank one
    # File > Export report: the same core as 'plannerview report'; its sign-off block quotes the hash
    pdf = tmp_path / "review.pdf"
    job = win.export_report(str(pdf))
    assert job is not None
    qtbot.waitUntil(lambda: pdf.exists(), timeout=120000)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    import shutil
    import subprocess
    if shutil.which("pdftotext"):
        qtbot.waitUntil(lambda: "report written" in win.statusBar().currentMessage(), timeout=60000)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert result.audit.hash in text and "REQUEST-CHANGES" in text
