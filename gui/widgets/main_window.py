"""The main window: provider and model dropdowns, conversations, transcript and composer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.message import Level, Note
from gui.render import COPY_SCHEME, Theme
from providers.base import AsyncGeneratorProvider

from .chat_view import ChatView
from .composer import Composer
from .key_banner import KeyBanner
from .model_picker import ModelPicker
from .plain_text import plain_label
from .sidebar import Sidebar


class MainWindow(QMainWindow):
    """Only layout and shortcuts live here; app.py connects the window to the controller."""

    closed = Signal()

    def __init__(
        self,
        providers: Sequence[type[AsyncGeneratorProvider]],
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confab")
        self.setObjectName("mainWindow")
        self.resize(1100, 760)
        self.provider_box = QComboBox(self)
        self.provider_box.setObjectName("providerBox")
        self.provider_box.setAccessibleName("Provider")
        self.set_providers(providers)
        self.route_box = QComboBox(self)
        self.route_box.setObjectName("routeBox")
        self.route_box.setAccessibleName("Via")
        self.route_box.setToolTip("Which of the server's providers answers")
        self.route_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.route_box.setMinimumContentsLength(16)
        self.model_picker = ModelPicker(self)
        self.model_status = plain_label(self)
        self.model_status.setObjectName("modelStatus")
        toolbar = QToolBar("Chat", self)
        toolbar.setObjectName("chatToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Provider ", self))
        toolbar.addWidget(self.provider_box)
        self.route_label = toolbar.addWidget(QLabel("  Via ", self))
        self.route_action = toolbar.addWidget(self.route_box)
        self.show_routes(False)
        toolbar.addWidget(QLabel("  Model ", self))
        toolbar.addWidget(self.model_picker)
        self.refresh_action = toolbar.addAction("↻")
        self.refresh_action.setToolTip("Reload the model list")
        toolbar.addWidget(self.model_status)
        toolbar.addSeparator()
        self.regenerate_action = toolbar.addAction("Regenerate")
        self.regenerate_action.setToolTip("Ask for the last reply again")
        self.edit_action = toolbar.addAction("Edit last")
        self.edit_action.setToolTip("Take back your last message to edit and resend it")
        toolbar.addSeparator()
        self.export_action = toolbar.addAction("Export…")
        self.export_action.setToolTip("Save this conversation as Markdown or JSON")
        self.settings_action = toolbar.addAction("Settings…")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setToolTip("Keys, addresses, proxies and parameters per provider")
        self.addToolBar(toolbar)
        self.chat_options_action = QAction(self.tr("Chat options…"), self)
        self.chat_options_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.chat_options_action.setToolTip(
            self.tr("This chat's own system prompt, temperature and length")
        )
        self.export_all_action = QAction(self.tr("Export all chats…"), self)
        self.import_action = QAction(self.tr("Import chats…"), self)
        self.import_action.setToolTip(
            self.tr("Add chats from a Confab archive; nothing is overwritten")
        )
        chats = self.menuBar().addMenu(self.tr("&Chats"))
        chats.addActions([self.export_action, self.export_all_action, self.import_action])
        chat = self.menuBar().addMenu(self.tr("C&onversation"))
        chat.addActions([self.chat_options_action, self.regenerate_action, self.edit_action])
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self._undo)
        self._undo_action: Callable[[], None] | None = None
        self._note_level = Level.INFO

        self.sidebar = Sidebar(self)
        self.banner = KeyBanner(self)
        self.chat_view = ChatView(theme, self)
        self.composer = Composer(self)
        column = QWidget(self)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(6, 0, 6, 6)
        column_layout.addWidget(self.banner)
        column_layout.addWidget(self.chat_view, 1)
        column_layout.addWidget(self.composer)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(column)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 880])
        self.setCentralWidget(self.splitter)
        self.statusBar().setObjectName("statusBar")
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().messageChanged.connect(self._message_changed)

        self.new_chat_shortcut = QShortcut(QKeySequence.StandardKey.New, self)
        self.send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.send_shortcut.activated.connect(self.composer.submit)
        self.stop_shortcut = QShortcut(QKeySequence("Esc"), self)
        self.stop_shortcut.activated.connect(self.composer.stop_requested)
        self.focus_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.focus_shortcut.activated.connect(lambda: self.composer.input.setFocus())
        self.chat_view.highlighted.connect(self._link_hovered)
        self._hovered = ""
        self.chat_view.files_dropped.connect(self.composer.attach_urls)
        self.chat_view.image_dropped.connect(self.composer.attach_image)
        self.composer.input.setFocus()

    def show_note(self, note: Note) -> None:
        """Show what the app has to say; information never hides a warning still shown."""
        bar = self.statusBar()
        if note.level is Level.INFO and bar.currentMessage() and self._note_level > Level.INFO:
            return
        self._note_level = note.level
        bar.showMessage(note.text, note.timeout_ms)

    def _link_hovered(self, url: QUrl) -> None:
        """Show where a link goes while the pointer is on it; its text may say otherwise."""
        bar = self.statusBar()
        if url.isEmpty() or url.scheme() == COPY_SCHEME:  # Confab's own actions go nowhere
            if bar.currentMessage() == self._hovered:
                bar.clearMessage()
            return
        self._hovered = url.toString()
        bar.showMessage(self._hovered)

    def offer_undo(self, text: str, undo: Callable[[], None]) -> None:
        """Say what was done, with an Undo button while the message shows."""
        self._undo_action = undo
        self._note_level = Level.INFO
        self.statusBar().showMessage(text, 10_000)
        self.undo_button.setVisible(True)

    def _undo(self) -> None:
        action, self._undo_action = self._undo_action, None
        self.statusBar().clearMessage()
        if action is not None:
            action()

    def _message_changed(self, text: str) -> None:
        if not text:  # the message timed out or was cleared: the Undo offer ends with it
            self._note_level = Level.INFO
            self.undo_button.setVisible(False)
            self._undo_action = None

    def show_routes(self, visible: bool) -> None:
        """The third choice, for a server that routes to providers of its own (g4f)."""
        self.route_label.setVisible(visible)
        self.route_action.setVisible(visible)

    def set_routes(self, routes: Sequence[tuple[str, str]], current: str) -> None:
        """Fill the route box with (label, name) pairs after "Automatic"; signals blocked."""
        box = self.route_box
        box.blockSignals(True)
        box.clear()
        box.addItem("Automatic (the server picks)", "")
        for label, name in routes:
            box.addItem(label, name)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def set_providers(self, providers: Sequence[type[AsyncGeneratorProvider]]) -> None:
        current = self.provider_box.currentData()
        blocker = QSignalBlocker(self.provider_box)
        self.provider_box.clear()
        for provider in providers:
            self.provider_box.addItem(provider.display_name(), provider.get_name())
            if provider.note:
                index = self.provider_box.count() - 1
                self.provider_box.setItemData(index, provider.note, Qt.ItemDataRole.ToolTipRole)
        if current is not None:
            self.select_provider(str(current))
        del blocker

    def restore_layout(self, geometry: str, splitter: Sequence[int]) -> None:
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        if len(splitter) == 2 and all(size >= 0 for size in splitter):
            self.splitter.setSizes(list(splitter))

    def saved_layout(self) -> tuple[str, list[int]]:
        return bytes(self.saveGeometry().toBase64().data()).decode(), self.splitter.sizes()

    def select_provider(self, name: str) -> None:
        index = self.provider_box.findData(name)
        if index >= 0:
            self.provider_box.setCurrentIndex(index)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        event.accept()
