"""ApprovalBar: before a tool runs, the user sees which server and tool, with what arguments,
and answers Allow once, Always allow this tool, or Deny. Shown over the composer, at the foot
of the conversation, one call at a time; every button is reachable by keyboard (Allow once
has the focus, Escape denies). The call's card in the conversation asks too, with its
arguments; the bar shows them itself only for a call of another chat. The arguments came
from a model: they are shown as plain text.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.icons import icon
from gui.texts import QT_TRANSLATE_NOOP, Texts
from gui.theme import COLUMN
from providers.chunks import ToolCall

ALLOW, ALWAYS, DENY = "allow", "always", "deny"


@dataclass
class _Question:
    call: ToolCall
    server: str
    chat: str
    answer: asyncio.Future[str]


class ApprovalBar(QFrame):
    """Asks about one call at a time; ``ask`` resolves to ALLOW, ALWAYS or DENY."""

    asked = Signal()  # a question is on screen (tests wait for it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalBar")
        self.setMaximumWidth(COLUMN)
        self._queue: list[_Question] = []
        self.texts = Texts("ApprovalBar")
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.arguments = QPlainTextEdit(self)
        self.arguments.setReadOnly(True)
        self.texts.set(
            self.arguments.setAccessibleName,
            QT_TRANSLATE_NOOP("ApprovalBar", "Tool call arguments"),
        )
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.arguments.setFont(mono)
        self.allow = QPushButton(icon("check"), "", self)
        self.always = QPushButton(self)
        self.deny = QPushButton(icon("x"), "", self)
        self.texts.set(self.allow.setText, QT_TRANSLATE_NOOP("ApprovalBar", "Allow once"))
        self.texts.set(
            self.always.setText, QT_TRANSLATE_NOOP("ApprovalBar", "Always allow this tool")
        )
        self.texts.set(self.deny.setText, QT_TRANSLATE_NOOP("ApprovalBar", "Deny"))
        self.allow.setDefault(True)
        self.allow.clicked.connect(lambda: self._answer(ALLOW))
        self.always.clicked.connect(lambda: self._answer(ALWAYS))
        self.deny.clicked.connect(lambda: self._answer(DENY))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.deny, self.always, self.allow):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.arguments)
        layout.addLayout(buttons)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
        super().changeEvent(event)

    def ask(self, call: ToolCall, server: str, chat: str = "") -> asyncio.Future[str]:
        """Queue a question; the future is the answer (cancelled when the reply stops)."""
        answer: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        question = _Question(call, server, chat, answer)
        answer.add_done_callback(lambda _f: self._forget(question))
        self._queue.append(question)
        if len(self._queue) == 1:
            self._show(question)
        return answer

    def current(self) -> ToolCall | None:
        return self._queue[0].call if self._queue else None

    def _show(self, question: _Question) -> None:
        call = question.call
        if question.server:
            text = self.tr("Run {tool} from the {server} server?")
        else:
            text = self.tr("Run {tool}?")
        text = text.format(tool=call.name, server=question.server)
        if question.chat:
            text += " " + self.tr("(in “{chat}”)").format(chat=question.chat)
        self.title.setText(text)
        shown = json.dumps(call.arguments, ensure_ascii=False, indent=2)
        self.arguments.setPlainText(shown)
        lines = min(shown.count("\n") + 1, 8)
        spacing = self.arguments.fontMetrics().lineSpacing()
        self.arguments.setFixedHeight(lines * spacing + 2 * self.arguments.frameWidth() + 12)
        # The chat on screen shows them in the call's card; another chat's call, only here.
        self.arguments.setVisible(bool(question.chat))
        self.show()
        self.allow.setFocus()
        self.asked.emit()

    def answer_call(self, call_id: str, choice: str) -> bool:
        """Answer the question about ``call_id`` (from its card in the conversation), shown
        or still queued; whether there was one."""
        for question in self._queue:
            if question.call.id == call_id and not question.answer.done():
                question.answer.set_result(choice)
                return True
        return False

    def _answer(self, choice: str) -> None:
        """A button: answer the question on screen."""
        if self._queue:
            self.answer_call(self._queue[0].call.id, choice)

    def _forget(self, question: _Question) -> None:
        was_shown = bool(self._queue) and self._queue[0] is question
        if question in self._queue:
            self._queue.remove(question)
        if not was_shown:
            return
        if self._queue:
            self._show(self._queue[0])
        else:
            self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._queue:
            self._answer(DENY)
            return
        super().keyPressEvent(event)
