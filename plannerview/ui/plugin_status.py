"""The plugin status panel: every plugin with version, origin and status (active, disabled,
failed with the error), each contribution with its state and faults; the plugin's settings form
and "Enable again" for a contribution disabled by faults."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..plugins import ACTIVE, DISABLED, PluginRecord, PluginRegistry

COLUMNS = ["Plugin / contribution", "Version", "Status", "Faults", "Origin", "Error"]
ROLE = Qt.ItemDataRole.UserRole + 1


class PluginStatusPanel(QWidget):
    """A tree of the registry; :meth:`refresh` re-reads it (after every plugin run)."""

    settings_changed = Signal(str)  # plugin name

    def __init__(self, registry: PluginRegistry, services: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.services = services
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(4, 260)
        self.settings_btn = QPushButton("Settings…")
        self.enable_btn = QPushButton("Enable again")
        self.refresh_btn = QPushButton("Refresh")
        row = QHBoxLayout()
        for b in (self.settings_btn, self.enable_btn, self.refresh_btn):
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(row)
        lay.addWidget(self.tree)
        self.settings_btn.clicked.connect(self.edit_settings)
        self.enable_btn.clicked.connect(self.enable_selected)
        self.refresh_btn.clicked.connect(self.refresh)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.items: dict[str, QTreeWidgetItem] = {}
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the tree from the registry."""
        self.tree.clear()
        self.items = {}
        for r in self.registry.records:
            top = QTreeWidgetItem([r.name, r.version, r.status, "", f"{r.origin_kind}: {r.origin}", r.error])
            top.setData(0, ROLE, ("plugin", r.name, ""))
            top.setToolTip(4, r.origin)
            top.setToolTip(5, r.error)
            self.tree.addTopLevelItem(top)
            self.items[r.name] = top
            for st in r.states.values():
                c = st.contribution
                status = st.status
                if c.kind == "service" and self.services is not None and r.status == ACTIVE:
                    status = f"{st.status}, {self.services.status(f'{r.name}:{c.name}').state}"
                child = QTreeWidgetItem(top, [f"{c.kind} {c.name}", "", status, str(st.faults) if st.faults else "",
                                              "worker process" if c.isolation == "process" else "", st.error])
                child.setData(0, ROLE, ("contribution", r.name, f"{c.kind}:{c.name}"))
                child.setToolTip(5, st.error)
                self.items[f"{r.name}:{c.kind}:{c.name}"] = child
        self.tree.expandAll()
        self._update_buttons()

    def _selected(self) -> tuple[str, PluginRecord | None, str]:
        item = self.tree.currentItem()
        if item is None:
            return "", None, ""
        what, plugin, key = item.data(0, ROLE)
        try:
            return what, self.registry.get(plugin), key
        except Exception:  # noqa: BLE001
            return "", None, ""

    def _update_buttons(self) -> None:
        what, rec, key = self._selected()
        self.settings_btn.setEnabled(rec is not None and rec.manifest is not None and len(rec.manifest.settings) > 0)
        enable = False
        if what == "contribution" and rec is not None:
            kind, _, name = key.partition(":")
            enable = rec.states[(kind, name)].status == DISABLED
        self.enable_btn.setEnabled(enable)

    def enable_selected(self) -> None:
        """Enable again a contribution disabled by faults."""
        what, rec, key = self._selected()
        if what != "contribution" or rec is None:
            return
        kind, _, name = key.partition(":")
        self.registry.reset(rec, rec.states[(kind, name)].contribution)
        self.refresh()

    def edit_settings(self, plugin: str | None = None) -> Any:
        """Open the settings form of the selected plugin (or ``plugin``); saved on OK."""
        from ..plugin_api import ParamError
        from ..plugins.store import effective_settings, save_settings
        from .param_form import ParamDialog

        rec = self.registry.get(plugin) if plugin else self._selected()[1]
        if rec is None or rec.manifest is None or not len(rec.manifest.settings):
            return None
        dlg = ParamDialog(f"{rec.name} settings", rec.manifest.description, rec.manifest.settings,
                          effective_settings(rec.manifest), self, ok_text="Save")
        dlg.accepted.connect(lambda: self._save(rec, dlg.result_values, save_settings, ParamError))
        dlg.open()
        return dlg

    def _save(self, rec: PluginRecord, values: dict[str, Any], save: Any, error: type[Exception]) -> None:
        assert rec.manifest is not None
        try:
            save(rec.manifest, values)
        except (error, OSError) as exc:
            QMessageBox.warning(self, "Plugin settings", str(exc))
            return
        self.settings_changed.emit(rec.name)
