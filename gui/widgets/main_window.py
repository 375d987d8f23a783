"""The main window: provider and model dropdowns, conversations, transcript and composer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QSignalBlocker,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QPalette,
    QShowEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import provider_label, provider_note
from gui.icons import icon
from gui.message import Level, Note
from gui.render import COPY_SCHEME
from gui.texts import QT_TRANSLATE_NOOP, Texts
from gui.theme import Theme
from providers.base import AsyncGeneratorProvider

from .approval_bar import ApprovalBar
from .chat_view import ChatView
from .compare_view import CompareView
from .composer import Composer
from .key_banner import KeyBanner
from .model_picker import ModelPicker
from .plain_text import plain_label, plain_tooltip
from .sidebar import Sidebar
from .welcome import Welcome

ZOOMS = (50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)  # percent, View ▸ Zoom


class MainWindow(QMainWindow):
    """Only layout and shortcuts live here; app.py connects the window to the controller."""

    closed = Signal()
    appearance_chosen = Signal(str)  # "" (the system's), "light" or "dark"
    zoom_changed = Signal(int)  # percent
    language_changed = Signal()  # its texts are in the new language: the app sets its own

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
        self.texts = Texts("MainWindow")
        self.texts.set(
            self.provider_box.setAccessibleName, QT_TRANSLATE_NOOP("MainWindow", "Provider")
        )
        self.set_providers(providers)
        self.route_box = QComboBox(self)
        self.route_box.setObjectName("routeBox")
        self.texts.set(self.route_box.setAccessibleName, QT_TRANSLATE_NOOP("MainWindow", "Via"))
        self.texts.set(
            self.route_box.setToolTip,
            QT_TRANSLATE_NOOP("MainWindow", "Which of the server's providers answers"),
        )
        self.route_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.route_box.setMinimumContentsLength(16)
        self.model_picker = ModelPicker(self)
        self.model_status = plain_label(self)
        self.model_status.setObjectName("modelStatus")
        self.model_status.setForegroundRole(
            QPalette.ColorRole.PlaceholderText
        )  # a note, not a button
        self._build_actions()
        toolbar = QToolBar(self)
        self.texts.set(toolbar.setWindowTitle, QT_TRANSLATE_NOOP("MainWindow", "Chat"))
        toolbar.setObjectName("chatToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(18, 18))
        # Dropdowns and icons only: labels made the Russian bar overflow into "»" (every action
        # is in the menu bar, with its shortcut; each control has a tooltip and a name).
        self.texts.set(self.provider_box.setToolTip, QT_TRANSLATE_NOOP("MainWindow", "Provider"))
        toolbar.addWidget(self.provider_box)
        self.route_action = toolbar.addWidget(self.route_box)
        self.show_routes(False)
        toolbar.addWidget(self.model_picker)
        toolbar.addAction(self.refresh_action)
        toolbar.addWidget(self.model_status)
        title_area = QWidget(self)  # takes the header's spare width, whatever the title's
        title_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.chat_title = plain_label(title_area)  # the user's (or a model's) text
        self.chat_title.setObjectName("chatTitle")
        self.chat_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chat_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        title_row = QHBoxLayout(title_area)
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.addWidget(self.chat_title)
        toolbar.addWidget(title_area)
        toolbar.addAction(self.settings_action)
        self._named_buttons: list[tuple[QWidget, QAction]] = []
        for action in (self.refresh_action, self.settings_action):
            button = toolbar.widgetForAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # toolbars leave them out of Tab
            self._named_buttons.append((button, action))
            button.setAccessibleName(action.toolTip())
        self.toolbar = toolbar
        self.addToolBar(toolbar)
        self.undo_button = QPushButton(self)
        self.texts.set(self.undo_button.setText, QT_TRANSLATE_NOOP("MainWindow", "Undo"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self._undo)
        self.undo_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Undo"), QKeySequence.StandardKey.Undo
        )
        self.undo_action.setEnabled(False)  # only while an Undo is offered: text fields keep it
        self.undo_action.triggered.connect(self._undo)
        self._undo_action: Callable[[], object] | None = None
        self._note_level = Level.INFO

        self.zoom = 100
        self.zoom_in_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Zoom &in"), QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_in_action.triggered.connect(lambda: self.set_zoom(self._zoom_step(+1)))
        self.zoom_out_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Zoom &out"), QKeySequence("Ctrl+-")
        )
        self.zoom_out_action.triggered.connect(lambda: self.set_zoom(self._zoom_step(-1)))
        self.zoom_reset_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Actual size"), QKeySequence("Ctrl+0")
        )
        self.zoom_reset_action.triggered.connect(lambda: self.set_zoom(100))
        self.cycle_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Next &pane"), QKeySequence(Qt.Key.Key_F6)
        )
        self.cycle_action.triggered.connect(lambda: self.cycle_panes(+1))
        self.cycle_back_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Previous pane"), QKeySequence("Shift+F6")
        )
        self.cycle_back_action.triggered.connect(lambda: self.cycle_panes(-1))

        self.sidebar = Sidebar(self)
        self._build_menus()
        self.banner = KeyBanner(self)
        self.chat_view = ChatView(theme, self)
        self.composer = Composer(self)
        self.composer.set_theme(theme)
        self.approval = ApprovalBar(self)
        self.welcome = Welcome(self)
        self.chat_view.set_empty_widget(self.welcome)
        self.welcome.suggestion_chosen.connect(self._suggest)
        self.compare_view = CompareView(theme, self)
        self.compare_view.setVisible(False)
        column = QWidget(self)
        column.setObjectName("conversationColumn")
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(0)
        column_layout.addWidget(self.banner)
        column_layout.addWidget(self.chat_view, 1)
        column_layout.addWidget(self.compare_view, 1)
        approval_row = QHBoxLayout()  # centred in the column, as wide as the conversation
        approval_row.setContentsMargins(12, 0, 12, 6)
        approval_row.addStretch(1)
        approval_row.addWidget(self.approval, 1000)
        approval_row.addStretch(1)
        column_layout.addLayout(approval_row)
        column_layout.addWidget(self.composer)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(column)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 880])
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)
        self.statusBar().setObjectName("statusBar")
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().messageChanged.connect(self._message_changed)

        self.send_action.triggered.connect(self.composer.submit)
        self.stop_action.triggered.connect(self.composer.stop_requested)
        self.focus_action.triggered.connect(lambda: self.composer.input.setFocus())
        self.sidebar_action.toggled.connect(self.show_sidebar)
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self._sidebar_width = 220
        self.chat_view.highlighted.connect(self._link_hovered)
        self._hovered = ""
        self.chat_view.files_dropped.connect(self.composer.attach_urls)
        self.chat_view.image_dropped.connect(self.composer.attach_image)
        self.composer.input.setFocus()

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str = "",
        tip: str = "",
    ) -> QAction:
        """An action of this window: its shortcut works anywhere in it and shows in the menu.
        ``text`` and ``tip`` are sources (``QT_TRANSLATE_NOOP``), kept in ``self.texts``."""
        action = QAction(self)
        self.texts.set(action.setText, text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            self.texts.set(action.setToolTip, tip)
            self.texts.set(action.setStatusTip, tip)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_chat_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&New chat"), QKeySequence.StandardKey.New
        )
        self.export_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Export…"),
            tip=QT_TRANSLATE_NOOP("MainWindow", "Save this conversation as Markdown or JSON"),
        )
        self.export_all_action = self._action(QT_TRANSLATE_NOOP("MainWindow", "Export &all chats…"))
        self.import_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Import chats…"),
            tip=QT_TRANSLATE_NOOP(
                "MainWindow", "Add chats from a Confab archive; nothing is overwritten"
            ),
        )
        self.settings_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Settings…"),
            "Ctrl+,",
            QT_TRANSLATE_NOOP("MainWindow", "Keys, addresses, proxies and parameters per provider"),
        )
        self.quit_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Quit"), QKeySequence.StandardKey.Quit
        )
        self.quit_action.triggered.connect(self.close)
        self.send_action = self._action(QT_TRANSLATE_NOOP("MainWindow", "&Send"), "Ctrl+Return")
        self.stop_action = self._action(QT_TRANSLATE_NOOP("MainWindow", "S&top the reply"), "Esc")
        self.regenerate_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Regenerate"),
            "Ctrl+R",
            QT_TRANSLATE_NOOP("MainWindow", "Ask for the last reply again"),
        )
        self.edit_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Edit last"),
            "Ctrl+E",
            QT_TRANSLATE_NOOP("MainWindow", "Take back your last message to edit and resend it"),
        )
        self.compare_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Co&mpare models…"),
            "Ctrl+Shift+M",
            QT_TRANSLATE_NOOP(
                "MainWindow",
                "Send one prompt to two to four models and read the replies side by side",
            ),
        )
        self.chat_options_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Chat &options…"),
            "Ctrl+Shift+O",
            QT_TRANSLATE_NOOP(
                "MainWindow", "This chat's own system prompt, temperature and length"
            ),
        )
        self.sidebar_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Show the &chat list"), "Ctrl+B"
        )
        self.sidebar_action.setCheckable(True)
        self.sidebar_action.setChecked(True)
        self.focus_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Go to the message field"), "Ctrl+L"
        )
        self.refresh_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Reload the model list"), "F5"
        )
        self.refresh_action.setIcon(icon("refresh-cw"))
        self.texts.set(
            self.refresh_action.setToolTip,
            QT_TRANSLATE_NOOP("MainWindow", "Reload the model list"),
        )
        self.settings_action.setIcon(icon("settings"))
        self.about_action = self._action(QT_TRANSLATE_NOOP("MainWindow", "&About Confab"))
        self.search_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Searc&h chats"),
            tip=QT_TRANSLATE_NOOP("MainWindow", "Find chats by their title or messages"),
        )
        self.search_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+F")])
        self.search_action.triggered.connect(self.focus_search)

    def _menu(self, parent: QMenuBar | QMenu, title: str) -> QMenu:
        menu = parent.addMenu("")
        self.texts.set(menu.setTitle, title)
        return menu

    def changeEvent(self, event: QEvent) -> None:
        """A new language (Settings ▸ Language): every text of the window in it, at once."""
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
            for button, action in self._named_buttons:
                button.setAccessibleName(action.toolTip())
            self.language_changed.emit()
        super().changeEvent(event)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        chats = self._menu(bar, QT_TRANSLATE_NOOP("MainWindow", "&Chats"))
        chats.addActions([self.new_chat_action, self.search_action])
        chats.addSeparator()
        # The chat list's own actions: their shortcuts work in the list, the menu acts on
        # the chat on screen (the list's selected row).
        side = self.sidebar
        chats.addActions([side.rename_action, side.pin_action, side.delete_action])
        chats.addSeparator()
        chats.addActions([self.export_action, self.export_all_action, self.import_action])
        chats.addSeparator()
        chats.addActions([self.settings_action])
        chats.addSeparator()
        chats.addActions([self.quit_action])
        chat = self._menu(bar, QT_TRANSLATE_NOOP("MainWindow", "C&onversation"))
        chat.addActions([self.undo_action])
        chat.addSeparator()
        chat.addActions([self.send_action, self.stop_action])
        chat.addSeparator()
        chat.addActions([self.regenerate_action, self.edit_action, self.chat_options_action])
        chat.addSeparator()
        chat.addActions([self.compare_action])
        view = self._menu(bar, QT_TRANSLATE_NOOP("MainWindow", "&View"))
        view.addActions([self.sidebar_action, self.focus_action])
        view.addAction(self.refresh_action)
        view.addSeparator()
        view.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view.addSeparator()
        view.addActions([self.cycle_action, self.cycle_back_action])
        view.addSeparator()
        appearance = self._menu(view, QT_TRANSLATE_NOOP("MainWindow", "&Appearance"))
        group = QActionGroup(self)
        self.appearance_actions: dict[str, QAction] = {}
        for choice, label in (
            ("", QT_TRANSLATE_NOOP("MainWindow", "&System")),
            ("light", QT_TRANSLATE_NOOP("MainWindow", "&Light")),
            ("dark", QT_TRANSLATE_NOOP("MainWindow", "&Dark")),
        ):
            action = appearance.addAction("")
            self.texts.set(action.setText, label)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _on, choice=choice: self.appearance_chosen.emit(choice))
            self.appearance_actions[choice] = action
        help_menu = self._menu(bar, QT_TRANSLATE_NOOP("MainWindow", "&Help"))
        help_menu.addAction(self.about_action)

    def show_chat_title(self, title: str) -> None:
        """The open chat's title in the header and the window's title."""
        self.chat_title.setText(title)
        self.chat_title.setToolTip(plain_tooltip(title))
        self.setWindowTitle(f"{title} — Confab" if title else "Confab")

    def _zoom_step(self, step: int) -> int:
        larger = [z for z in ZOOMS if z > self.zoom]
        smaller = [z for z in ZOOMS if z < self.zoom]
        if step > 0:
            return larger[0] if larger else self.zoom
        return smaller[-1] if smaller else self.zoom

    def set_zoom(self, percent: int) -> None:
        """The conversation's text at ``percent`` of the system font (Ctrl+= / Ctrl+- /
        Ctrl+0); ``zoom_changed`` tells the app, which remembers it."""
        percent = min(ZOOMS[-1], max(ZOOMS[0], percent))
        changed = percent != self.zoom
        self.zoom = percent
        self.chat_view.set_zoom(percent)
        self.compare_view.set_zoom(percent)
        self.zoom_reset_action.setEnabled(percent != 100)
        if changed:
            self.zoom_changed.emit(percent)
            self.show_note(Note(Level.INFO, self.tr("Zoom: {percent} %").format(percent=percent)))

    def cycle_panes(self, step: int) -> None:
        """F6 / Shift+F6: the chat list, the conversation, the message field, in turn."""
        panes: list[QWidget] = [self.sidebar.list, self.chat_view, self.composer.input]
        if self.compare_view.isVisible():
            panes[1] = self.compare_view
        panes = [pane for pane in panes if pane.isVisible()]
        if not panes:
            return
        focused = self.focusWidget()
        at = next(
            (i for i, pane in enumerate(panes) if focused is pane or pane.isAncestorOf(focused)),
            -1,
        )
        target = panes[(at + step) % len(panes)] if at >= 0 else panes[0]
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def _suggest(self, prompt: str) -> None:
        """A suggestion card fills the message field, for the user to change or send."""
        field = self.composer.input
        field.setPlainText(prompt)
        field.moveCursor(QTextCursor.MoveOperation.End)
        field.setFocus()

    def set_theme(self, theme: Theme) -> None:
        """Colours that are not the palette's: the transcripts' and the send button's."""
        self.chat_view.set_theme(theme)
        self.compare_view.set_theme(theme)
        self.composer.set_theme(theme)

    def set_appearance(self, choice: str) -> None:
        """Tick the appearance in use in View ▸ Appearance."""
        self.appearance_actions.get(choice, self.appearance_actions[""]).setChecked(True)

    def focus_search(self) -> None:
        """Put the keyboard in the chat search (the chat list comes back if it was shut)."""
        if not self.sidebar_action.isChecked():
            self.sidebar_action.setChecked(True)
        self.sidebar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.sidebar.search.selectAll()

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

    def offer_undo(self, text: str, undo: Callable[[], object]) -> None:
        """Say what was done, with an Undo button while the message shows."""
        self._undo_action = undo
        self._note_level = Level.INFO
        self.statusBar().showMessage(text, 10_000)
        self.undo_button.setVisible(True)
        self.undo_action.setEnabled(True)

    def deleted_text(self, count: int) -> str:
        """What the status bar says when messages were deleted (a plural, so said here)."""
        return self.tr("Deleted %n message(s).", "", count)

    def _undo(self) -> None:
        action, self._undo_action = self._undo_action, None
        self.statusBar().clearMessage()
        if action is not None:
            action()

    def _message_changed(self, text: str) -> None:
        if not text:  # the message timed out or was cleared: the Undo offer ends with it
            self._note_level = Level.INFO
            self.undo_button.setVisible(False)
            self.undo_action.setEnabled(False)
            self._undo_action = None

    def show_compare(self, shown: bool) -> None:
        """Compare mode shows the columns in the transcript's place (the composer stays)."""
        self.compare_view.setVisible(shown)
        self.chat_view.setVisible(not shown)

    def show_routes(self, visible: bool) -> None:
        """The third choice, for a server that routes to providers of its own (g4f)."""
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
            self.provider_box.addItem(provider_label(provider), provider.get_name())
            if provider.note:
                index = self.provider_box.count() - 1
                note = provider_note(provider)
                self.provider_box.setItemData(index, note, Qt.ItemDataRole.ToolTipRole)
        if current is not None:
            self.select_provider(str(current))
        del blocker

    def restore_layout(self, geometry: str, splitter: Sequence[int]) -> None:
        """Put the window back as it was left, then make sure it fits the screen it is on."""
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        if len(splitter) == 2 and all(size >= 0 for size in splitter):
            self.splitter.setSizes(list(splitter))
            self._splitter_moved()
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Shrink and move the window into its screen's free area (not under panels), so a
        large default or a geometry saved on a bigger screen never hides Send off-screen."""
        free = self.screen().availableGeometry()
        frame = self.frameGeometry()
        extra_w = frame.width() - self.width()  # window decorations, once a frame exists
        extra_h = frame.height() - self.height()
        width = min(self.width(), free.width() - extra_w)
        height = min(self.height(), free.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.x(), free.left()), free.right() + 1 - frame.width())
        y = min(max(frame.y(), free.top()), free.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def saved_layout(self) -> tuple[str, list[int]]:
        return bytes(self.saveGeometry().toBase64().data()).decode(), self.splitter.sizes()

    def show_sidebar(self, shown: bool) -> None:
        """Show or hide the chat list; a list dragged shut comes back at its last width."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if shown and sizes[0] == 0:
            width = min(self._sidebar_width, total // 2)
            self.splitter.setSizes([width, total - width])
        elif not shown and sizes[0] > 0:
            self._sidebar_width = sizes[0]
            self.splitter.setSizes([0, total])
        self._splitter_moved()

    def _splitter_moved(self, *_args: int) -> None:
        width = self.splitter.sizes()[0]
        if width > 0:
            self._sidebar_width = width
        blocker = QSignalBlocker(self.sidebar_action)
        self.sidebar_action.setChecked(width > 0)
        del blocker

    def select_provider(self, name: str) -> None:
        index = self.provider_box.findData(name)
        if index >= 0:
            self.provider_box.setCurrentIndex(index)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_to_screen()  # now the window manager's frame is known and counted

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        event.accept()
