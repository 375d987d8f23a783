"""A chat's own system prompt, temperature, reply length and tools, edited as a copy."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from gui.core.conversation import ChatOptions

NO_TEMPERATURE = -0.1  # the spin box's "provider's setting"


class ChatOptionsDialog(QDialog):
    """Emits ``chosen`` with new options on OK; the options given are never changed."""

    chosen = Signal(object)  # ChatOptions

    def __init__(
        self, options: ChatOptions, servers: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        """``servers``: the user's MCP servers, each with a box to offer its tools here."""
        super().__init__(parent)
        self.setObjectName("chatOptionsDialog")
        self.setWindowTitle(self.tr("Chat options"))
        self.system_prompt = QPlainTextEdit(options.system_prompt, self)
        self.system_prompt.setAccessibleName(self.tr("System prompt for this chat"))
        self.system_prompt.setPlaceholderText(
            self.tr("Empty: the provider's system prompt from Settings")
        )
        self.temperature = QDoubleSpinBox(self)
        self.temperature.setAccessibleName(self.tr("Temperature for this chat"))
        self.temperature.setRange(NO_TEMPERATURE, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSpecialValueText(self.tr("provider's setting"))
        self.temperature.setValue(
            NO_TEMPERATURE if options.temperature is None else options.temperature
        )
        self.max_tokens = QSpinBox(self)
        self.max_tokens.setAccessibleName(self.tr("Maximum reply tokens for this chat"))
        self.max_tokens.setRange(0, 1_000_000)
        self.max_tokens.setSpecialValueText(self.tr("provider's setting"))
        self.max_tokens.setValue(options.max_tokens or 0)
        self.tools = QCheckBox(self.tr("Let the model use tools from your MCP servers"), self)
        self.tools.setChecked(options.tools)
        self.servers: dict[str, QCheckBox] = {}
        for name in servers:
            box = QCheckBox(name, self)  # a name the user gave: shown as it is
            box.setChecked(name not in options.servers_off)
            box.setEnabled(options.tools)
            box.setAccessibleName(self.tr("Tools of the {server} server").format(server=name))
            self.tools.toggled.connect(box.setEnabled)
            self.servers[name] = box
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("System prompt"), self.system_prompt)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Maximum reply tokens"), self.max_tokens)
        form.addRow(self.tr("Tools"), self.tools)
        for box in self.servers.values():
            form.addRow("", box)
        form.addRow(buttons)

    def options(self) -> ChatOptions:
        temperature = self.temperature.value()
        return ChatOptions(
            system_prompt=self.system_prompt.toPlainText().strip(),
            temperature=None if temperature <= NO_TEMPERATURE else round(temperature, 2),
            max_tokens=self.max_tokens.value() or None,
            tools=self.tools.isChecked(),
            servers_off=[name for name, box in self.servers.items() if not box.isChecked()],
        )

    def accept(self) -> None:
        self.chosen.emit(self.options())
        super().accept()
