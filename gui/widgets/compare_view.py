"""Compare mode: one column per target, each reply streaming on its own, side by side.

Each column has its target's name, the reply (plain text while it streams, rendered once it
ends), time to first token, speed, tokens and any error, its own Stop, and "Continue with
this one", which makes that reply the conversation's (the others stay as its siblings).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QUrl, Signal, SignalInstance
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.core.conversation import Message, Status
from gui.core.markdown_tail import CodeLines, CodeOpen, LiveMarkdown, Markdown
from gui.render import HIGHLIGHT_MAX, Renderer, is_safe_link, language_of
from gui.widgets.chat_view import error_text, reply_figures
from gui.widgets.message_list import SafeDocument
from gui.widgets.plain_text import plain_label


class CompareColumn(QWidget):
    """One target's reply."""

    stop_requested = Signal(str)  # reply id
    continue_requested = Signal(str)  # reply id

    def __init__(self, label: str, note: str, renderer: Renderer, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("compareColumn")
        self.renderer = renderer
        self.reply: Message | None = None
        self._live = LiveMarkdown()  # what of the reply is finished, and what is the tail
        self._code_start = -1  # where the open code block's lines begin (plain until it closes)
        self._tail_start = 0  # document position where the plain tail begins
        self.title = plain_label(self)
        self.title.setObjectName("compareTitle")
        self.title.setText(label)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.note = plain_label(self)
        self.note.setObjectName("compareNote")
        self.note.setWordWrap(True)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.text = QTextBrowser(self)
        self.text.setObjectName("compareText")
        self.text.setDocument(SafeDocument(self.text))
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._open_link)
        self.text.setAccessibleName(label)
        self.footer = plain_label(self)
        self.footer.setObjectName("compareFooter")
        self.footer.setWordWrap(True)
        self.stop = QPushButton(self.tr("Stop"), self)
        self.stop.setEnabled(False)
        self.stop.clicked.connect(lambda: self._ask(self.stop_requested))
        self.keep = QPushButton(self.tr("Continue with this one"), self)
        self.keep.setEnabled(False)
        self.keep.clicked.connect(lambda: self._ask(self.continue_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop)
        buttons.addStretch(1)
        buttons.addWidget(self.keep)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.footer)
        layout.addLayout(buttons)

    def _ask(self, signal: SignalInstance) -> None:
        if self.reply is not None:
            signal.emit(self.reply.id)

    def start(self, reply: Message) -> None:
        self.reply = reply
        self._live, self._code_start, self._tail_start = LiveMarkdown(), -1, 0
        self.text.clear()
        self.footer.setText(self.tr("Waiting for the first token…"))
        self.stop.setEnabled(True)
        self.keep.setEnabled(False)

    def update_reply(self) -> None:
        """Render what was finished since the last update, once, and show the rest as plain
        text: an update costs what arrived, not the length of the reply (as in the chat).
        An open code block's lines are appended as they come, highlighted once it closes."""
        reply = self.reply
        if reply is None:
            return
        cursor = self._cut_tail()
        for piece in self._live.feed(reply.text):
            if isinstance(piece, Markdown):
                cursor.insertHtml(self.renderer.render(piece.text))
                cursor.insertBlock()
            elif isinstance(piece, CodeOpen):
                self._code_start = cursor.position()
            elif isinstance(piece, CodeLines):
                cursor.insertText(piece.text)
            elif len(piece.code) <= HIGHLIGHT_MAX:  # closed: highlighted, in its place
                cursor.setPosition(self._code_start, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                cursor.insertHtml(
                    self.renderer.code(piece.code.rstrip("\n"), language_of(piece.info))
                )
                cursor.insertBlock()
        self._tail_start = cursor.position()
        cursor.insertText(self._live.tail(reply.text))
        cursor.endEditBlock()
        self.footer.setText(self.tr("Streaming…"))

    def finish(self) -> None:
        reply = self.reply
        if reply is None:
            return
        self.update_reply()
        cursor = self._cut_tail()
        tail = self._live.tail(reply.text)
        if self._live.in_code:  # the reply ended inside a code block
            cursor.setPosition(self._code_start, QTextCursor.MoveMode.KeepAnchor)
            code = cursor.selectedText().replace("\u2029", "\n") + tail
            cursor.removeSelectedText()
            cursor.insertHtml(self.renderer.code(code.rstrip("\n")))
        elif tail.strip():  # without the newline after its last tag (Qt shows it as a space)
            cursor.insertHtml(self.renderer.render(tail).rstrip())
        cursor.endEditBlock()
        self.stop.setEnabled(False)
        self.footer.setText(self.summary(reply))
        failed = reply.status is Status.FAILED
        self.footer.setStyleSheet(f"color: {self.renderer.theme.error}" if failed else "")

    def _cut_tail(self) -> QTextCursor:
        """Remove the plain tail; the cursor is where it began, in an edit block."""
        cursor = QTextCursor(self.text.document())
        cursor.beginEditBlock()
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        return cursor

    def summary(self, reply: Message) -> str:
        """Time to first token, speed and tokens; and why it failed or stopped."""
        locale = QLocale()
        bits: list[str] = []
        if reply.first_token is not None:
            first = locale.toString(reply.first_token - reply.started, "f", 2)
            bits.append(self.tr("first token after {seconds} s").format(seconds=first))
        bits += reply_figures(reply)
        if reply.status is Status.STOPPED:
            bits.append(self.tr("Stopped"))
        if reply.error:
            bits.append(("⚠ " if reply.status is Status.FAILED else "") + error_text(reply))
        return " · ".join(bits)

    def _open_link(self, url: QUrl) -> None:
        if is_safe_link(url.toString()):
            QDesktopServices.openUrl(url)


class CompareView(QWidget):
    """The columns of a comparison, and a way back to the conversation."""

    stop_requested = Signal(str)  # reply id
    continue_requested = Signal(str)  # reply id
    close_requested = Signal()

    def __init__(self, renderer: Renderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.renderer = renderer
        self.columns: list[CompareColumn] = []
        self.heading = QLabel(self)
        self.heading.setObjectName("compareHeading")
        self.heading.setWordWrap(True)
        self.back = QPushButton(self.tr("Back to the conversation"), self)
        self.back.clicked.connect(self.close_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.back)
        self._row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self._row, 1)

    def set_targets(self, labels: list[str], notes: list[str]) -> None:
        """New, empty columns, one per target (``notes``: what each should know first)."""
        for column in self.columns:
            self._row.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for label, note in zip(labels, notes, strict=True):
            column = CompareColumn(label, note, self.renderer, self)
            column.stop_requested.connect(self.stop_requested)
            column.continue_requested.connect(self.continue_requested)
            self._row.addWidget(column, 1)
            self.columns.append(column)
        self.heading.setText(
            self.tr("Comparing %n model(s): type below and every one answers.", "", len(labels))
        )

    def start(self, replies: list[Message]) -> None:
        for column, reply in zip(self.columns, replies, strict=True):
            column.start(reply)

    def column_of(self, message: Message) -> CompareColumn | None:
        return next((c for c in self.columns if c.reply is message), None)

    def update_reply(self, message: Message) -> None:
        if (column := self.column_of(message)) is not None:
            column.update_reply()

    def finish(self, message: Message) -> None:
        if (column := self.column_of(message)) is None:
            return
        column.finish()
        done = all(c.reply and c.reply.status is not Status.STREAMING for c in self.columns)
        for each in self.columns:  # a branch is chosen once every reply has ended
            each.keep.setEnabled(done and each.reply is not None and bool(each.reply.text))
