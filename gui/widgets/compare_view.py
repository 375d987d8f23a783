"""Compare mode: one column per target, each reply streaming on its own, side by side.

Each column has its target's name, the prompt and the reply drawn as the conversation draws
them (a compact ChatView: one renderer, one streaming pipeline, Copy on code blocks), time to
first token, speed, tokens and any error, its own Stop, and "Continue with this one", which
makes that reply the conversation's (the others stay as its siblings).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.core.conversation import Message, Status
from gui.icons import icon
from gui.texts import QT_TRANSLATE_NOOP, Texts
from gui.theme import Theme
from gui.widgets.chat_view import ChatView, error_text, reply_figures
from gui.widgets.plain_text import plain_label


class CompareColumn(QFrame):
    """One target's reply, as a card: its header (provider · model), the reply, its stats
    line, Stop and Continue."""

    stop_requested = Signal(str)  # reply id
    continue_requested = Signal(str)  # reply id

    def __init__(self, label: str, note: str, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("compareColumn")
        self.reply: Message | None = None
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
        self.text = ChatView(theme, self, compact=True)
        self.text.setAccessibleName(label)
        self.footer = plain_label(self)
        self.footer.setObjectName("compareFooter")
        self.footer.setWordWrap(True)
        self.stop = QToolButton(self)
        self.stop.setIcon(icon("square"))
        self.texts = Texts("CompareColumn")
        self.texts.set(self.stop.setText, QT_TRANSLATE_NOOP("CompareColumn", "Stop"))
        self.texts.set(self.stop.setToolTip, QT_TRANSLATE_NOOP("CompareColumn", "Stop this reply"))
        self.stop.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._streaming(False)
        self.stop.clicked.connect(lambda: self._ask(self.stop_requested))
        self.keep = QPushButton(icon("check"), "", self)
        self.texts.set(
            self.keep.setText, QT_TRANSLATE_NOOP("CompareColumn", "Continue with this one")
        )
        self.keep.setObjectName("keepReply")
        self.keep.setEnabled(False)
        self.keep.clicked.connect(lambda: self._ask(self.continue_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop)
        buttons.addStretch(1)
        buttons.addWidget(self.keep)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.footer)
        layout.addLayout(buttons)

    def _streaming(self, streaming: bool) -> None:
        """Stop is there while the reply streams (a disabled square read as a checkbox)."""
        self.stop.setEnabled(streaming)
        self.stop.setVisible(streaming)

    def _ask(self, signal: SignalInstance) -> None:
        if self.reply is not None:
            signal.emit(self.reply.id)

    def start(self, reply: Message, prompt: Message | None = None) -> None:
        """Show ``prompt`` (what every column answers) and ``reply`` streaming under it."""
        self.reply = reply
        self.text.show_messages([prompt] if prompt is not None else [])
        self.text.add_message(reply)
        self.footer.setText(self.tr("Waiting for the first token…"))
        self._streaming(True)
        self.keep.setEnabled(False)

    def update_reply(self) -> None:
        """Text arrived: the view renders what finished once, as the conversation does."""
        if self.reply is not None:
            self.text.update_live(self.reply)
            self.footer.setText(self.tr("Streaming…"))

    def finish(self) -> None:
        reply = self.reply
        if reply is None:
            return
        self.text.finish_message(reply)
        self._streaming(False)
        self.footer.setText(self.summary(reply))
        failed = reply.status is Status.FAILED
        self.footer.setStyleSheet(f"color: {self.text.renderer.theme.error}" if failed else "")

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


class CompareView(QWidget):
    """The columns of a comparison, and a way back to the conversation."""

    stop_requested = Signal(str)  # reply id
    continue_requested = Signal(str)  # reply id
    close_requested = Signal()
    copied = Signal(str)  # what a column copied, said to the user

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.theme = theme
        self.zoom = 100
        self.columns: list[CompareColumn] = []
        self.asking: set[str] = set()
        """Ids of the tool calls the user is being asked about (the app's, shared)."""
        self.heading = QLabel(self)
        self.heading.setObjectName("compareHeading")
        self.heading.setWordWrap(True)
        self.texts = Texts("CompareView")
        self.back = QPushButton(self)
        self.texts.set(
            self.back.setText, QT_TRANSLATE_NOOP("CompareView", "Back to the conversation")
        )
        self.back.clicked.connect(self.close_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.back)
        self._row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self._row, 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
            for column in self.columns:
                column.texts.again()
            self._say_heading()
        super().changeEvent(event)

    def _say_heading(self) -> None:
        self.heading.setText(
            self.tr(
                "Comparing %n model(s): type below and every one answers.", "", len(self.columns)
            )
        )

    def set_targets(self, labels: list[str], notes: list[str]) -> None:
        """New, empty columns, one per target (``notes``: what each should know first)."""
        for column in self.columns:
            self._row.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for label, note in zip(labels, notes, strict=True):
            column = CompareColumn(label, note, self.theme, self)
            column.text.set_zoom(self.zoom)
            column.text.asking = self.asking
            column.text.copied.connect(self.copied)
            column.stop_requested.connect(self.stop_requested)
            column.continue_requested.connect(self.continue_requested)
            self._row.addWidget(column, 1)
            self.columns.append(column)
        self._say_heading()

    def start(self, replies: list[Message], prompt: Message | None = None) -> None:
        for column, reply in zip(self.columns, replies, strict=True):
            column.start(reply, prompt)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for column in self.columns:
            column.text.set_theme(theme)

    def set_zoom(self, percent: int) -> None:
        self.zoom = percent
        for column in self.columns:
            column.text.set_zoom(percent)

    def column_of(self, message: Message) -> CompareColumn | None:
        return next((c for c in self.columns if c.reply is message), None)

    def update_reply(self, message: Message) -> None:
        if (column := self.column_of(message)) is not None:
            column.update_reply()

    def tools_changed(self, message: Message) -> None:
        """A column's reply made a tool call or got its result: its cards again."""
        if (column := self.column_of(message)) is not None:
            column.text.tools_changed(message)

    def finish(self, message: Message) -> None:
        if (column := self.column_of(message)) is None:
            return
        column.finish()
        done = all(c.reply and c.reply.status is not Status.STREAMING for c in self.columns)
        for each in self.columns:  # a branch is chosen once every reply has ended
            each.keep.setEnabled(done and each.reply is not None and bool(each.reply.text))
