"""An inline prompt above the conversation when the chosen provider has no key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from gui.texts import QT_TRANSLATE_NOOP, Texts

from .plain_text import plain_label


class KeyBanner(QFrame):
    """ "Provider needs an API key" with a masked field and Save; also carries keyring notices."""

    key_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyBanner")
        self.texts = Texts("KeyBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = plain_label(self)
        self.message.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("keyField")
        self.texts.set(self.field.setAccessibleName, QT_TRANSLATE_NOOP("KeyBanner", "API key"))
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.texts.set(
            self.field.setPlaceholderText, QT_TRANSLATE_NOOP("KeyBanner", "Paste your API key")
        )
        self.field.returnPressed.connect(self._save)
        self.save = QPushButton(self)
        self.texts.set(self.save.setText, QT_TRANSLATE_NOOP("KeyBanner", "Save key"))
        self.texts.set(self.save.setAccessibleName, QT_TRANSLATE_NOOP("KeyBanner", "Save API key"))
        self.save.clicked.connect(self._save)
        self.details = QToolButton(self)
        self.details.setObjectName("keyDetails")
        self.texts.set(self.details.setText, QT_TRANSLATE_NOOP("KeyBanner", "Details"))
        self.details.setAutoRaise(True)
        self.details.clicked.connect(self._show_details)
        self._details = ""
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 2)
        layout.addWidget(self.details)
        layout.addWidget(self.field, 2)
        layout.addWidget(self.save)
        self.setVisible(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()  # the sentence itself comes from the app, which says it again
        super().changeEvent(event)

    def ask(self, text: str, details: str = "") -> None:
        """Ask for a key, in one short sentence (``details``: more on demand)."""
        self._say(text, details)
        self.field.setVisible(True)
        self.save.setVisible(True)
        self.setVisible(True)

    def tell(self, text: str, details: str = "") -> None:
        """A notice without the key field (for example: no keyring, session only)."""
        self._say(text, details)
        self.field.setVisible(False)
        self.save.setVisible(False)
        self.setVisible(bool(text))

    def _say(self, text: str, details: str) -> None:
        self.message.setText(text)
        self._details = details
        self.details.setVisible(bool(details))
        self.details.setToolTip(details)

    def _show_details(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("System keyring"), "", parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self._details)
        box.open()
        return box

    def _save(self) -> None:
        value = self.field.text().strip()
        self.field.clear()
        if value:
            self.key_entered.emit(value)
