"""The consult status widget (plugin kind ``widget``): the sync service's state, items waiting,
conflicts, and a 'Sync now' button. Qt is imported only when the GUI asks for the widget."""

from __future__ import annotations

from typing import Any


class ConsultStatusWidget:
    """``create_widget(parent, ctx)`` builds the status line; it polls the service's ``status()``
    twice a second on the GUI thread (reading it never blocks: the sync runs on its own thread)."""

    def create_widget(self, parent: object, ctx: Any) -> object:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

        from .service import RUNNING

        w = QWidget(parent)  # type: ignore[arg-type]
        w.setObjectName("consult_status")
        lay = QHBoxLayout(w)
        lay.setContentsMargins(4, 2, 4, 2)
        label = QLabel("Consult: not running")
        label.setObjectName("consult_status_label")
        button = QPushButton("Sync now")
        lay.addWidget(label, 1)
        lay.addWidget(button)

        def refresh() -> None:
            if not RUNNING:
                label.setText("Consult: not running")
                return
            st = RUNNING[-1].status()
            d = st.details or {}
            conn = d.get("connection", st.state)
            label.setText(f"Consult {d.get('server', '')}: {conn}; {d.get('waiting', 0)} waiting, "
                          f"{d.get('conflicts', 0)} conflict(s)" + (f" — {st.message}" if conn in
                                                                   ("offline", "refused", "off") else ""))
        button.clicked.connect(lambda: RUNNING[-1].sync_now() if RUNNING else None)
        timer = QTimer(w)
        timer.timeout.connect(refresh)
        timer.start(500)
        refresh()
        return w
