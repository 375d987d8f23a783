"""What an empty chat shows: a calm greeting, a setup card when nothing usable is set up yet,
and suggestions that fill the composer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.core.local_servers import Found
from gui.texts import QT_TRANSLATE_NOOP, Texts

WIDTH = 640  # the greeting's column


class SetupCard(QFrame):
    """Local servers found on this computer, each with Use; else the chosen provider's key."""

    server_chosen = Signal(object)  # Found
    key_entered = Signal(str)
    look_again = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupCard")
        self.texts = Texts("SetupCard")
        self.title = QLabel(self)
        self.texts.set(self.title.setText, QT_TRANSLATE_NOOP("SetupCard", "Set up a model"))
        self.title.setObjectName("setupTitle")
        self.status = QLabel(self)
        self.status.setObjectName("setupStatus")
        self.status.setWordWrap(True)
        self.servers = QVBoxLayout()
        self.key_label = QLabel(self)
        self.key_label.setWordWrap(True)
        self.key_label.setOpenExternalLinks(True)
        self.key_label.setTextFormat(Qt.TextFormat.RichText)
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.texts.set(self.key.setAccessibleName, QT_TRANSLATE_NOOP("SetupCard", "API key"))
        self.texts.set(
            self.key.setPlaceholderText, QT_TRANSLATE_NOOP("SetupCard", "Paste the API key")
        )
        self.key.returnPressed.connect(self._save_key)
        self.save = QPushButton(self)
        self.texts.set(self.save.setText, QT_TRANSLATE_NOOP("SetupCard", "Save key"))
        self.texts.set(
            self.save.setToolTip,
            QT_TRANSLATE_NOOP("SetupCard", "Keep the key in the system keyring"),
        )
        self.save.clicked.connect(self._save_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.save)
        self.again = QPushButton(self)
        self.texts.set(self.again.setText, QT_TRANSLATE_NOOP("SetupCard", "Look again"))
        self.texts.set(
            self.again.setToolTip, QT_TRANSLATE_NOOP("SetupCard", "Look for local servers again")
        )
        self.again.clicked.connect(self.look_again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(self.servers)
        layout.addWidget(self.key_label)
        layout.addLayout(key_row)
        layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignLeft)
        self._rows: list[QWidget] = []
        self._shown: tuple[str, Any] = ("", None)  # what the status says: said again in
        self._key: tuple[str, str] = ("", "")  # another language (changeEvent)
        self.ask_key("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
            state, found = self._shown
            if state == "probing":
                self.probing()
            elif state == "found":
                self.show_found(found)
            self.ask_key(*self._key)
        super().changeEvent(event)

    def probing(self) -> None:
        self._shown = ("probing", None)
        self.status.setText(self.tr("Looking for local servers on this computer…"))
        self.again.setEnabled(False)

    def show_found(self, found: list[Found]) -> None:
        self._shown = ("found", found)
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        self.again.setEnabled(True)
        if not found:
            self.status.setText(
                self.tr(
                    "No local server answered (Ollama, LM Studio, llama.cpp, gpt4free on their "
                    "usual ports)."
                )
            )
            return
        self.status.setText(self.tr("Found on this computer:"))
        locale = QLocale()
        for each in found:
            row = QWidget(self)
            row.setObjectName("foundServer")
            name = QLabel(
                self.tr("{server} at {address} · {count} models").format(
                    server=each.candidate.label,
                    address=each.candidate.base_url.split("//", 1)[-1],
                    count=locale.toString(each.models),
                ),
                row,
            )
            name.setTextFormat(Qt.TextFormat.PlainText)
            use = QPushButton(self.tr("Use"), row)
            use.setObjectName("useServer")
            use.setAccessibleName(self.tr("Use {server}").format(server=each.candidate.label))
            use.clicked.connect(lambda _=False, chosen=each: self.server_chosen.emit(chosen))
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(name, 1)
            line.addWidget(use)
            self.servers.addWidget(row)
            self._rows.append(row)

    def ask_key(self, provider: str, page: str = "") -> None:
        """Ask for ``provider``'s key in place ("" hides the key row); ``page`` is where to
        get one."""
        self._key = (provider, page)
        shown = bool(provider)
        for widget in (self.key_label, self.key, self.save):
            widget.setVisible(shown)
        if not shown:
            return
        text = self.tr("Or use {provider}: paste its API key.").format(provider=provider)
        if page:
            where = self.tr("Get a key")
            text += f' <a href="{page}">{where}</a>'
        self.key_label.setText(text)

    def _save_key(self) -> None:
        value = self.key.text().strip()
        if value:
            self.key.clear()
            self.key_entered.emit(value)


class Welcome(QWidget):
    """The empty chat: greeting, setup card (hidden until needed), suggestion cards."""

    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.texts = Texts("Welcome")
        greeting = QLabel(self)
        self.texts.set(greeting.setText, QT_TRANSLATE_NOOP("Welcome", "What can I help with?"))
        greeting.setObjectName("greeting")
        font = QFont(greeting.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        greeting.setFont(font)
        greeting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setup = SetupCard(self)
        self.setup.setVisible(False)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.suggestions: list[QPushButton] = []
        for index, (title, prompt) in enumerate(self._ideas()):
            card = QPushButton(title, self)
            card.setObjectName("suggestion")
            card.setToolTip(prompt)
            card.clicked.connect(lambda _=False, n=index: self.suggestion_chosen.emit(
                self._ideas()[n][1]))  # fmt: skip
            grid.addWidget(card, index // 2, index % 2)
            self.suggestions.append(card)
        privacy = QLabel(self)
        self.texts.set(
            privacy.setText,
            QT_TRANSLATE_NOOP(
                "Welcome", "Your chats stay on this computer; keys are kept in the system keyring."
            ),
        )
        privacy.setObjectName("privacy")
        privacy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        privacy.setWordWrap(True)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(greeting)
        column.addSpacing(18)
        column.addWidget(self.setup)
        column.addSpacing(6)
        column.addLayout(grid)
        column.addSpacing(12)
        column.addWidget(privacy)
        column.addStretch(2)
        inner = QWidget(self)
        inner.setLayout(column)
        inner.setMaximumWidth(WIDTH)
        centred = QHBoxLayout(self)
        centred.addStretch(1)
        centred.addWidget(inner, 100)
        centred.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
            for card, (title, prompt) in zip(self.suggestions, self._ideas(), strict=True):
                card.setText(title)
                card.setToolTip(prompt)
        super().changeEvent(event)

    def _ideas(self) -> list[tuple[str, str]]:
        return [
            (
                self.tr("Explain a concept\nin plain words"),
                self.tr("Explain how public-key cryptography works, in plain words."),
            ),
            (
                self.tr("Write code\nwith tests"),
                self.tr("Write a Python function that parses ISO dates, with tests."),
            ),
            (
                self.tr("Summarise a text\nin five points"),
                self.tr("Summarise the following text in five points:\n\n"),
            ),
            (
                self.tr("Describe an image\nyou attach"),
                self.tr("What is in this picture? Describe it in detail."),
            ),
        ]
