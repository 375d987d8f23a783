"""Composition root: builds the stores, the controller and the window, and connects them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import sqlite3
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSocketNotifier, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from gui.controller import ChatController
from gui.core import export
from gui.core import settings as settings_file
from gui.core.conversation import Conversation
from gui.core.history import NEW_CHAT, HistoryStore
from gui.core.model_catalog import ModelCatalog
from gui.widgets.chat_view import system_theme
from gui.widgets.main_window import MainWindow
from gui.widgets.plain_text import plain_tooltip
from gui.widgets.settings_dialog import SettingsDialog
from providers import PROVIDERS
from providers.base import AsyncGeneratorProvider
from providers.errors import KeyringUnavailableError, ProviderError
from providers.keys import KeySource, KeyStore
from providers.openai_compat import custom_endpoint

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


class ConfabApp:
    """Everything one window needs; ``run()`` shows it and returns once it is closed."""

    def __init__(self, profile: Path, keys: KeyStore | None = None) -> None:
        self.profile = profile
        self.settings, settings_notice = settings_file.load(profile)
        self.history, history_notice = HistoryStore.open_or_recover(profile / "history.sqlite3")
        self.keys = keys or KeyStore()
        self.catalog = ModelCatalog()
        provider = self._provider_named(self.settings.provider)
        self.controller = ChatController(self.history, self.keys, self.settings, provider)
        self.window = MainWindow(self.providers(), system_theme())
        self.settings_dialog: SettingsDialog | None = None
        icon = RESOURCES / "icons" / "confab.svg"
        if icon.exists():
            self.window.setWindowIcon(QIcon(str(icon)))
        self.window.restore_layout(self.settings.window_geometry, self.settings.splitter_sizes)
        self._closed = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._wire()
        self.window.select_provider(provider.get_name())
        self._provider_changed()
        self._refresh_sidebar()
        self.window.chat_view.show_conversation(self.controller.conversation)
        self._draft_owner = self.controller.conversation
        self._restore_draft()
        for notice in (settings_notice, history_notice):
            if notice:
                self.window.statusBar().showMessage(notice)

    def providers(self) -> list[type[AsyncGeneratorProvider]]:
        """The built-in providers, then the user's own OpenAI-compatible endpoints."""
        custom = [custom_endpoint(e.name, e.base_url) for e in self.settings.endpoints]
        return [*PROVIDERS, *custom]

    def _provider_named(self, name: str) -> type[AsyncGeneratorProvider]:
        """The provider called ``name``; the first one if it no longer exists."""
        providers = self.providers()
        return next((p for p in providers if p.get_name() == name), providers[0])

    # ---- wiring ---------------------------------------------------------------------------
    def _wire(self) -> None:
        w, c = self.window, self.controller
        view, composer = w.chat_view, w.composer
        c.conversation_opened.connect(self._conversation_opened)
        c.message_added.connect(view.add_message)
        c.message_updated.connect(view.update_live)
        c.message_finished.connect(view.finish_message)
        c.message_removed.connect(view.remove_message)
        c.busy_changed.connect(self._busy_changed)
        c.history_changed.connect(self._refresh_sidebar)
        c.notice.connect(w.statusBar().showMessage)
        composer.send_requested.connect(c.send)
        composer.stop_requested.connect(c.stop)
        composer.attachments.changed.connect(self._check_vision)
        view.retry_requested.connect(lambda _id: c.retry())
        view.code_copied.connect(lambda: w.statusBar().showMessage("Code copied", 2000))
        w.provider_box.currentIndexChanged.connect(lambda _i: self._provider_changed())
        w.model_picker.model_chosen.connect(self._model_chosen)
        w.route_box.currentIndexChanged.connect(lambda _i: self._route_chosen())
        w.refresh_action.triggered.connect(lambda: self._load_models(refresh=True))
        w.regenerate_action.triggered.connect(c.regenerate)
        w.edit_action.triggered.connect(self._edit_last)
        w.settings_action.triggered.connect(self.open_settings)
        w.export_action.triggered.connect(self._choose_export)
        w.new_chat_shortcut.activated.connect(c.new_conversation)
        w.sidebar.new_requested.connect(c.new_conversation)
        w.sidebar.open_requested.connect(c.open_conversation)
        w.sidebar.delete_requested.connect(c.delete_conversation)
        w.sidebar.search_changed.connect(lambda _t: self._refresh_sidebar())
        w.banner.key_entered.connect(self._key_entered)
        w.closed.connect(self._closed.set)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.window.chat_view.set_theme(system_theme())

    def _conversation_opened(self, conversation: Conversation) -> None:
        if conversation.provider and conversation.provider != self.controller.provider.get_name():
            self.window.select_provider(conversation.provider)  # a chat answers where it did
        if conversation.model and conversation.model != self.controller.model:
            self._model_chosen(conversation.model)
            self.window.model_picker.setCurrentText(conversation.model)
        self._keep_draft()
        self._draft_owner = conversation
        self._restore_draft()
        self.window.chat_view.show_conversation(conversation)
        self._refresh_sidebar()

    def _busy_changed(self, busy: bool) -> None:
        w = self.window
        w.composer.set_busy(busy)
        for widget in (
            w.provider_box,
            w.model_picker,
            w.sidebar,
            w.regenerate_action,
            w.edit_action,
        ):
            widget.setEnabled(not busy)

    def open_settings(self) -> SettingsDialog:
        """Show the settings dialog without blocking the loop (``open()``, not ``exec()``)."""
        if self.settings_dialog is None:
            dialog = SettingsDialog(self.settings, self.keys, self.providers, self.window)
            dialog.changed.connect(self._settings_changed)
            dialog.endpoint_added.connect(self._endpoint_added)
            self.settings_dialog = dialog
        self.settings_dialog.select(self.controller.provider.get_name())
        self.settings_dialog.open()
        return self.settings_dialog

    # ---- other launches -------------------------------------------------------------------
    def bring_forward(self) -> None:
        """Show this window above others (a second launch asked for it)."""
        window = self.window
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()

    def attach_files(self, paths: list[str]) -> None:
        """Attach files given on a command line (ours, or a later launch's) to a new chat."""
        self.controller.new_conversation()
        self.window.composer.attach_urls([QUrl.fromLocalFile(p) for p in paths])

    # ---- drafts ---------------------------------------------------------------------------
    @staticmethod
    def _draft_key(conversation: Conversation) -> str:
        return conversation.id if conversation.messages else NEW_CHAT

    def _keep_draft(self) -> None:
        """Keep what the composer holds for the chat it was typed in, in the history file."""
        composer, owner = self.window.composer, self._draft_owner
        try:
            self.history.save_draft(
                self._draft_key(owner), composer.input.toPlainText(), composer.attachments.images()
            )
            if owner.messages:  # sent at last: the new-chat draft it started as is spent
                self.history.save_draft(NEW_CHAT, "", [])
        except sqlite3.Error as exc:
            log.warning("draft not kept: %s", exc)

    def _restore_draft(self) -> None:
        try:
            text, images = self.history.load_draft(self._draft_key(self._draft_owner))
        except sqlite3.Error as exc:
            log.warning("draft not read: %s", exc)
            text, images = "", []
        self.window.composer.set_draft(text, images)

    def _save_settings(self) -> bool:
        """Write settings; a read-only or full profile is reported, never a crash."""
        try:
            settings_file.save(self.profile, self.settings)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
            self.window.statusBar().showMessage(
                f"Could not save settings ({exc.strerror or exc}); "
                "changes last until Confab closes."
            )
            return False
        return True

    def _settings_changed(self) -> None:
        self._save_settings()
        self._update_banner()
        provider = self.controller.provider
        self.controller.model = (
            self.settings.for_provider(provider.get_name()).model or self.controller.model
        )

    def _endpoint_added(self, name: str, url: str) -> None:
        self.window.set_providers(self.providers())
        if self.settings_dialog is not None:
            self.settings_dialog.reload(select=custom_endpoint(name, url).get_name())

    def _choose_export(self) -> None:
        dialog = QFileDialog(
            self.window, "Export conversation", "conversation.md", "Markdown (*.md);;JSON (*.json)"
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()

    def export_to(self, path: Path) -> None:
        try:
            export.write(self.controller.conversation, path)
        except OSError as exc:
            self.window.statusBar().showMessage(f"Export failed: {exc.strerror or exc}")
            return
        self.window.statusBar().showMessage(f"Saved {path.name}", 4000)

    def _edit_last(self) -> None:
        taken = self.controller.take_last_turn()
        if taken:
            self.window.composer.set_draft(*taken)

    def _refresh_sidebar(self) -> None:
        query = self.window.sidebar.search.text().strip()
        try:
            items = self.history.search(query) if query else self.history.conversations()
        except sqlite3.Error as exc:
            status = self.window.statusBar()
            if not status.currentMessage():  # keep a more useful "could not save" in view
                status.showMessage(f"Could not read the history file: {exc}")
            return
        self.window.sidebar.show_conversations(items, self.controller.conversation.id)

    # ---- provider, model and key ----------------------------------------------------------
    def _provider_changed(self) -> None:
        name = self.window.provider_box.currentData()
        provider = self._provider_named(str(name))
        self.controller.provider = provider
        self.controller.model = (
            self.settings.for_provider(provider.get_name()).model or provider.default_model
        )
        self.settings.provider = provider.get_name()
        self.window.composer.limits = provider.image_limits
        self._update_banner()
        self._check_vision()
        self.window.show_routes(provider.supports_routes)
        if provider.supports_routes:
            self._start(self._fill_routes())
        self._load_models()

    def _route_chosen(self) -> None:
        options = self.settings.for_provider(self.controller.provider.get_name())
        options.route = str(self.window.route_box.currentData() or "")
        self._load_models()

    async def _fill_routes(self) -> None:
        """The routing server's own providers, for the Via box (g4f's provider list)."""
        provider = self.controller.provider
        options = self.settings.for_provider(provider.get_name())
        try:
            routes = await provider.get_routes(
                **options.connection(self.keys.for_provider(provider))
            )
        except ProviderError as exc:
            self.window.route_box.setToolTip(plain_tooltip(f"Provider list failed: {exc}"))
            routes = []
        if provider is self.controller.provider:
            shown = [(r.label + (" (key)" if r.needs_auth else ""), r.name) for r in routes]
            self.window.set_routes(shown, options.route)

    def _update_banner(self) -> None:
        provider = self.controller.provider
        banner = self.window.banner
        found = self.keys.for_provider(provider)
        problem = self.keys.problem()
        if provider.needs_auth and found is None:
            where = f", or set {provider.env_key}" if provider.env_key else ""
            banner.ask(
                f"{provider.display_name()} needs an API key. It is stored only in your "
                f"system keyring{where}." + (f" {problem}" if problem else "")
            )
        elif problem and found is not None and found.source is KeySource.SESSION:
            banner.tell(f"{problem} Your key is kept for this session only.")
        elif problem and provider.needs_auth:
            banner.tell(problem)
        elif provider.note and not provider.working:
            banner.tell(provider.note)
        else:
            banner.tell("")

    def _key_entered(self, value: str) -> None:
        name = self.controller.provider.get_name()
        try:
            self.keys.set(name, value)
            self.window.statusBar().showMessage("Key saved in the system keyring", 4000)
            self._update_banner()
        except KeyringUnavailableError as exc:
            self.keys.keep_for_session(name, value)
            self.window.banner.tell(f"{exc.message} The key is kept for this session only.")
        self._load_models(refresh=True)

    def _model_chosen(self, model: str) -> None:
        self.controller.model = model
        self.settings.for_provider(self.controller.provider.get_name()).model = model
        self._check_vision()

    def _check_vision(self) -> None:
        w = self.window
        if not w.composer.attachments.images():
            w.composer.show_hint("")
            return
        provider = self.controller.provider
        info = w.model_picker.info(self.controller.model)
        if not provider.supports_images:
            w.composer.show_hint(
                f"{provider.display_name()} cannot read images; remove them "
                "or pick a provider with vision."
            )
        elif info is not None and info.vision is False:
            w.composer.show_hint(f"{info.id} does not accept images; pick a vision model.")
        elif provider.images_depend_on_model and not (info and info.vision):
            w.composer.show_hint(
                f"{provider.display_name()} reads images only when its model can see; "
                "if this one cannot, the server will say so."
            )
        else:
            w.composer.show_hint("")

    def _load_models(self, refresh: bool = False) -> None:
        self._start(self._fill_models(refresh))

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` on the loop, kept referenced until it ends."""
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _fill_models(self, refresh: bool) -> None:
        provider = self.controller.provider
        options = self.settings.for_provider(provider.get_name())
        picker, status = self.window.model_picker, self.window.model_status
        picker.set_loading()
        status.setText("Loading…")
        try:
            result = await self.catalog.load(
                provider,
                **options.connection(self.keys.for_provider(provider)),
                route=options.route if provider.supports_routes else "",
                refresh=refresh,
            )
        except Exception as exc:  # a failure here must show, not vanish into the loop's log
            log.exception("model list failed")
            status.setText(f"Model list failed: {exc}")
            return
        if provider is not self.controller.provider:
            return  # the user switched providers while this list loaded
        picker.set_models(result.models, self.controller.model)
        if not self.controller.model and picker.currentText().strip():
            # No model chosen and none built in (a local server): the one shown is the one sent.
            self._model_chosen(picker.currentText().strip())
        status.setText("" if result.live else " built-in list")
        status.setToolTip(plain_tooltip(result.note))
        self.window.model_picker.setToolTip(
            plain_tooltip(result.note or f"{len(result.models)} models")
        )

    # ---- life cycle -----------------------------------------------------------------------
    async def run(self) -> None:
        self.window.show()
        log.info("window shown")
        await self._closed.wait()
        await self.close()

    async def close(self) -> None:
        """Stop any reply (saving it), finish background work, save settings, close files."""
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._scheme_changed)
        await self.controller.shutdown()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.window.composer.wait_attachments()
        geometry, sizes = self.window.saved_layout()
        self.settings.window_geometry, self.settings.splitter_sizes = geometry, sizes
        self._save_settings()
        self._keep_draft()
        self.history.close()
        if self.settings_dialog is not None:
            self.settings_dialog.close()
        self.window.close()
        self.window.deleteLater()


def ensure_application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv)
    app.setApplicationName("Confab")
    app.setOrganizationName("Confab")
    app.setQuitOnLastWindowClosed(False)
    return app


def close_on_signals(window: QWidget) -> None:
    """Close the window (saving everything) on SIGTERM, SIGINT or SIGHUP.

    Python runs signal handlers only between bytecodes, and an idle Qt loop runs none, so the
    signal is written to a socket that Qt watches (``signal.set_wakeup_fd``).
    """
    receive, send = socket.socketpair()
    send.setblocking(False)
    receive.setblocking(False)
    signal.set_wakeup_fd(send.fileno())
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read, window)

    def wake() -> None:
        with contextlib.suppress(BlockingIOError):
            receive.recv(64)
        window.close()

    notifier.activated.connect(wake)
    window.setProperty("_signal_sockets", (receive, send))  # keep both open with the window
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, lambda *_: None)  # the wakeup fd does the work
