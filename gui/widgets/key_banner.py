"""An inline prompt above the conversation when the chosen provider has no key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QWidget

from .plain_text import plain_label


class KeyBanner(QFrame):
    """ "Provider needs an API key" with a masked field and Save; also carries keyring notices."""

    key_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = plain_label(self)
        self.message.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("keyField")
        self.field.setAccessibleName(self.tr("API key"))
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(self.tr("Paste your API key"))
        self.field.returnPressed.connect(self._save)
        self.save = QPushButton(self.tr("Save key"), self)
        self.save.setAccessibleName(self.tr("Save API key"))
        self.save.clicked.connect(self._save)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 2)
        layout.addWidget(self.field, 2)
        layout.addWidget(self.save)
        self.setVisible(False)

    def ask(self, text: str) -> None:
        self.message.setText(text)
        self.field.setVisible(True)
        self.save.setVisible(True)
        self.setVisible(True)

    def tell(self, text: str) -> None:
        """A notice without the key field (for example: no keyring, session only)."""
        self.message.setText(text)
        self.field.setVisible(False)
        self.save.setVisible(False)
        self.setVisible(bool(text))

    def _save(self) -> None:
        value = self.field.text().strip()
        self.field.clear()
        if value:
            self.key_entered.emit(value)
