"""Settings ▸ Tools: the user's MCP servers, their state and tools; add them by pasting or
opening the ``mcpServers`` JSON other clients use, turn each on or off, trust or remove it.

Everything a server says (its tools' names and descriptions, its errors and stderr) is shown
as plain text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import provider_error
from providers.errors import ProviderError
from providers.mcp_config import ServerConfig, dump_servers, parse_servers

EXAMPLE = """{
  "mcpServers": {
    "time": {"command": "uvx", "args": ["mcp-server-time"]}
  }
}"""


class ToolsPage(QWidget):
    """Emits ``added`` with parsed servers, ``edited`` with one changed server, ``removed``
    with a name; ``show_state`` is given each server's connection (or None) to show."""

    added = Signal(object)  # list[ServerConfig]
    edited = Signal(object)  # ServerConfig
    removed = Signal(str)
    steps_changed = Signal(int)  # requests one reply may make with tools

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._servers: list[ServerConfig] = []
        self._states: dict[str, Any] = {}
        heading = QLabel(self.tr("Tools from MCP servers"), self)
        heading.setObjectName("settingsTitle")
        bold = QFont(heading.font())
        bold.setBold(True)
        heading.setFont(bold)
        self.servers = QListWidget(self)
        self.servers.setAccessibleName(self.tr("MCP servers"))
        self.servers.currentRowChanged.connect(lambda _r: self._show_details())
        self.servers.itemChanged.connect(self._toggled)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Server details and tools"))
        self.trusted = QCheckBox(self.tr("Trust this server: run its tools without asking"), self)
        self.trusted.toggled.connect(self._trust)
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.clicked.connect(self._remove)
        self.edit = QPushButton(self.tr("Edit"), self)
        self.edit.setToolTip(self.tr("Change this server's JSON below, then save it"))
        self.edit.clicked.connect(self._edit)
        row = QHBoxLayout()
        row.addWidget(self.trusted, 1)
        row.addWidget(self.edit)
        row.addWidget(self.remove)
        self.paste = QPlainTextEdit(self)
        self.paste.setAccessibleName(self.tr("MCP servers JSON to add"))
        self.paste.setPlaceholderText(EXAMPLE)
        self.paste.setMaximumHeight(110)
        self.add = QPushButton(self.tr("Add"), self)
        self.add.clicked.connect(lambda: self.add_json(self.paste.toPlainText()))
        self.open_file = QPushButton(self.tr("Open file…"), self)
        self.open_file.clicked.connect(self._choose_file)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setObjectName("toolsProblem")
        self.steps = QSpinBox(self)
        self.steps.setRange(1, 50)
        self.steps.setAccessibleName(self.tr("Tool steps per reply"))
        self.steps.setToolTip(
            self.tr(
                "How many times one reply may call tools and read their results before it "
                "must answer"
            )
        )
        self.steps.valueChanged.connect(self.steps_changed)
        limit = QHBoxLayout()
        limit.addWidget(QLabel(self.tr("Tool steps per reply, at most"), self))
        limit.addWidget(self.steps)
        limit.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.open_file)
        buttons.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.servers, 1)
        layout.addWidget(self.details, 1)
        layout.addLayout(row)
        layout.addLayout(limit)
        layout.addWidget(
            QLabel(
                self.tr("Add servers: paste the mcpServers JSON of Claude Desktop or Cursor"),
                self,
            )
        )
        layout.addWidget(self.paste)
        layout.addLayout(buttons)
        self._show_details()

    # ---- what is shown ------------------------------------------------------------------------
    def set_servers(self, servers: list[ServerConfig], states: dict[str, Any]) -> None:
        """Show ``servers``; ``states`` maps a name to its running connection."""
        current = self.servers.currentRow()
        self._servers, self._states = servers, states
        self.servers.blockSignals(True)
        self.servers.clear()
        for server in servers:
            item = QListWidgetItem(f"{server.name} — {self._state_text(server)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if server.enabled else Qt.CheckState.Unchecked)
            self.servers.addItem(item)
        self.servers.blockSignals(False)
        self.servers.setCurrentRow(min(max(current, 0), len(servers) - 1))
        self._show_details()

    def _state_text(self, server: ServerConfig) -> str:
        if not server.enabled:
            return self.tr("off")
        connection = self._states.get(server.name)
        state = connection.state if connection is not None else "starting"
        if state == "ready" and connection is not None:
            return self.tr("ready, %n tool(s)", "", len(connection.tools))
        if state == "failed":
            return self.tr("failed")
        return self.tr("starting…")

    def _selected(self) -> ServerConfig | None:
        row = self.servers.currentRow()
        return self._servers[row] if 0 <= row < len(self._servers) else None

    def _show_details(self) -> None:
        server = self._selected()
        for widget in (self.trusted, self.edit, self.remove):
            widget.setEnabled(server is not None)
        if server is None:
            self.details.setPlainText(self.tr("No servers yet: add one below."))
            return
        self.trusted.blockSignals(True)
        self.trusted.setChecked(server.trusted)
        self.trusted.blockSignals(False)
        where = server.url or " ".join([server.command, *server.args])
        lines = [where, self._state_text(server)]
        connection = self._states.get(server.name)
        if connection is not None and connection.state == "failed":
            lines.append(connection.error)
            if tail := connection.stderr_tail():
                lines += ["", tail]
        if connection is not None and connection.state == "ready":
            lines.append("")
            for tool in connection.tools:
                lines.append(f"• {tool.name}: {tool.description or ''}".rstrip(": "))
        self.details.setPlainText("\n".join(lines))

    # ---- edits ----------------------------------------------------------------------------
    def add_json(self, text: str) -> bool:
        """Add the servers of a pasted or opened ``mcpServers`` document; a sentence when it
        cannot be read (the text stays, to be corrected)."""
        try:
            servers = parse_servers(text)
        except ProviderError as exc:
            self.problem.setText(provider_error(exc, named=False))
            return False
        self.problem.clear()
        self.paste.clear()
        self.add.setText(self.tr("Add"))
        self.added.emit(servers)  # a server of a name already here is replaced by it
        return True

    def _choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Open an MCP servers file"))
        dialog.setNameFilter(self.tr("JSON files (*.json);;All files (*)"))
        dialog.fileSelected.connect(self._read_file)
        dialog.open()

    def _read_file(self, path: str) -> None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problem.setText(self.tr("Could not read the file: {why}").format(why=exc))
            return
        self.add_json(text)

    def _toggled(self, item: QListWidgetItem) -> None:
        row = self.servers.row(item)
        if 0 <= row < len(self._servers):
            server = self._servers[row]
            enabled = item.checkState() == Qt.CheckState.Checked
            if enabled != server.enabled:
                self.edited.emit(replace(server, enabled=enabled))

    def _trust(self, trusted: bool) -> None:
        if (server := self._selected()) is not None and trusted != server.trusted:
            self.edited.emit(replace(server, trusted=trusted))

    def _edit(self) -> None:
        """The selected server's entry in the box below, to change and save again (a header
        left empty keeps the value stored in the keyring)."""
        if (server := self._selected()) is not None:
            self.paste.setPlainText(dump_servers([server]))
            self.add.setText(self.tr("Save"))
            self.problem.setText(
                self.tr("Header values left empty keep the ones stored in the keyring.")
                if server.headers
                else ""
            )
            self.paste.setFocus()

    def _remove(self) -> None:
        if (server := self._selected()) is not None:
            self.removed.emit(server.name)
