"""Composition root: builds the stores, the controller and the window, and connects them."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import logging
import signal
import socket
import sqlite3
import time
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier, Qt, QUrl
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from gui import __version__, i18n, render
from gui.controller import ChatController
from gui.core import archive, collector, export
from gui.core import settings as settings_file
from gui.core.conversation import ChatOptions, Conversation, Message
from gui.core.history import NEW_CHAT, HistoryStore
from gui.core.local_servers import DEFAULTS, Candidate, Found
from gui.core.model_catalog import ModelCatalog
from gui.core.paths import RESOURCES
from gui.core.settings import Endpoint
from gui.first_run import FirstRun
from gui.folders import start_folder
from gui.key_room import KeyRoom
from gui.message import MessageBridge
from gui.theme import Appearance, Theme
from gui.tools_host import ToolsHost, configs_of
from gui.tools_room import ToolsRoom
from gui.vision_hint import vision_hint
from gui.widgets.main_window import MainWindow
from gui.widgets.plain_text import plain_tooltip

if TYPE_CHECKING:  # dialogs are imported when first opened, not before the window shows
    from gui.widgets.chat_options import ChatOptionsDialog
    from gui.widgets.compare_targets import CompareTargetsDialog
    from gui.widgets.settings_dialog import SettingsDialog
from providers import PROVIDERS, file_parts, http, pdf
from providers.base import AsyncGeneratorProvider, ModelInfo
from providers.chunks import ToolCall
from providers.errors import MediaError, ProviderError
from providers.file_parts import FileLimitError
from providers.files import PDF_MIME, Attachment, PreparedFile
from providers.keys import FoundKey, KeyStore
from providers.openai_compat import custom_endpoint

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


CONNECTION_FIELDS = frozenset({"base_url", "proxy"})
"""Provider settings that decide which server answers, so a change reloads its model list."""
TRASH_DAYS = 30  # chats in the trash longer than this are erased when Confab starts


class ConfabApp:
    """Everything one window needs; ``run()`` shows it and returns once it is closed."""

    def __init__(
        self,
        profile: Path,
        keys: KeyStore | None = None,
        freeze_heap: bool = False,
        local_servers: Sequence[Candidate] = DEFAULTS,
    ) -> None:
        """``local_servers``: where the setup card looks for servers running here."""
        self.profile = profile
        self._freeze_heap = freeze_heap  # see _start_up_done
        self.settings, settings_notice = settings_file.load(profile)
        if (app := QCoreApplication.instance()) is not None:
            i18n.install(app, self.settings.language)
        self.history, history_notice = HistoryStore.open_or_recover(profile / "history.sqlite3")
        with contextlib.suppress(sqlite3.Error):  # a busy file keeps its trash until next time
            self.history.empty_trash(older_than=time.time() - TRASH_DAYS * 86400)
        self.keys = keys or KeyStore()
        self.catalog = ModelCatalog()
        provider = self._provider_named(self.settings.provider)
        self.messages = MessageBridge()
        self.controller = ChatController(
            self.history, self.keys, self.settings, provider, self.messages
        )
        self.appearance = Appearance(self.settings.appearance)
        self.appearance.apply()
        self.window = MainWindow(self.providers(), self.appearance.theme)
        self.tools = ToolsHost(self.keys, self.settings, self._ask_approval, self._save_settings)
        self.window.chat_view.asking = self.tools.asking
        self.window.compare_view.asking = self.tools.asking
        self.controller.tools = self.tools
        self.tools_room = ToolsRoom(
            self.tools, self.settings, self.keys, self._save_settings, self._start
        )
        self.window.set_appearance(self.appearance.choice)
        self.window.set_zoom(self.settings.zoom)
        self.settings_dialog: SettingsDialog | None = None
        icon = RESOURCES / "icons" / "confab.svg"
        if icon.exists():
            self.window.setWindowIcon(QIcon(str(icon)))
        self.window.restore_layout(self.settings.window_geometry, self.settings.splitter_sizes)
        self.window.composer.files_folder = self.settings.files_folder
        self._closed = asyncio.Event()
        self._shut = False
        self._tasks: set[asyncio.Task[None]] = set()
        # Compare mode's targets (provider, model); empty when not comparing.
        self.comparing: list[tuple[type[AsyncGeneratorProvider], str]] = []
        self.first_run = FirstRun(self.window.welcome.setup, self._start, local_servers)
        self.key_room = KeyRoom(
            self.keys,
            self.controller,
            self.window.banner,
            self.first_run,
            self.messages,
            self._start,
            lambda: self._load_models(refresh=True),
        )
        self._wire()
        self.window.select_provider(provider.get_name())
        self._provider_changed()
        self._refresh_sidebar()
        self.window.chat_view.show_conversation(self.controller.conversation)
        self._draft_owner = self.controller.conversation
        self._editing: str | None = None  # the user message the composer holds an edit of
        self._before_edit: tuple[str, list[Attachment]] = ("", [])
        self._restore_draft()
        for notice in (settings_notice, history_notice):
            if notice:
                self.messages.warning(notice)
        self.tools_room.run()

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
        w.language_changed.connect(self._language_changed)
        view.call_answered.connect(w.approval.answer_call)  # a card's own Allow, Always, Deny
        c.conversation_opened.connect(self._conversation_opened)
        c.path_changed.connect(self._path_changed)
        c.message_added.connect(self._message_added)
        c.message_updated.connect(self._message_updated)
        c.tools_changed.connect(self._tools_changed)
        self.tools.asking_changed.connect(self._asking_changed)
        c.message_finished.connect(self._message_finished)
        c.busy_changed.connect(self._busy_changed)
        c.streaming_changed.connect(self._refresh_sidebar)
        c.history_changed.connect(self._refresh_sidebar)
        self.messages.shown.connect(w.show_note)
        w.welcome.setup.server_chosen.connect(self._use_server)
        w.welcome.setup.key_entered.connect(self.key_room.key_entered)
        composer.send_requested.connect(self._send)
        composer.stop_requested.connect(self._stop_or_cancel_edit)
        composer.attachments.changed.connect(self._check_vision)
        composer.attached.connect(self._keep_ahead)
        composer.attachments.taken_out.connect(self._forget_kept)
        composer.folder_used.connect(self._remember_folder)
        view.retry_requested.connect(c.retry)
        view.edit_requested.connect(self.start_edit)
        view.delete_requested.connect(self.delete_message)
        view.branch_requested.connect(c.switch_branch)
        view.earlier_requested.connect(self._show_earlier)
        view.copied.connect(self.messages.info)
        w.compare_view.copied.connect(self.messages.info)
        w.provider_box.currentIndexChanged.connect(lambda _i: self._provider_changed())
        w.model_picker.model_chosen.connect(self._model_chosen)
        w.route_box.currentIndexChanged.connect(lambda _i: self._route_chosen())
        w.refresh_action.triggered.connect(lambda: self._load_models(refresh=True))
        w.regenerate_action.triggered.connect(lambda: c.retry())
        w.edit_action.triggered.connect(self._edit_last)
        w.settings_action.triggered.connect(self.open_settings)
        w.chat_options_action.triggered.connect(self.open_chat_options)
        w.compare_action.triggered.connect(self.open_compare)
        w.compare_view.stop_requested.connect(c.stop_reply)
        w.compare_view.continue_requested.connect(self._continue_with)
        w.compare_view.close_requested.connect(lambda: self.stop_comparing())
        w.export_action.triggered.connect(self._choose_export)
        w.export_all_action.triggered.connect(self._choose_export_all)
        w.import_action.triggered.connect(self._choose_import)
        w.new_chat_action.triggered.connect(self.new_chat)
        w.about_action.triggered.connect(self.show_about)
        w.sidebar.new_requested.connect(self.new_chat)
        w.sidebar.open_requested.connect(c.open_conversation)
        w.sidebar.delete_requested.connect(self.trash_conversation)
        w.sidebar.rename_requested.connect(c.rename_conversation)
        w.sidebar.pin_requested.connect(c.pin_conversation)
        w.sidebar.search_changed.connect(lambda _t: self._refresh_sidebar())
        w.banner.key_entered.connect(self.key_room.key_entered)
        w.closed.connect(self._closed.set)
        self.appearance.changed.connect(self._theme_changed)
        w.appearance_chosen.connect(self.choose_appearance)
        w.zoom_changed.connect(lambda percent: setattr(self.settings, "zoom", percent))

    def _shown(self, message: Message) -> bool:
        """Whether a message belongs to the chat on screen (others stream in the background)."""
        return message.conversation_id == self.controller.conversation.id

    def _message_added(self, message: Message) -> None:
        if self._shown(message):
            self.window.chat_view.add_message(message)

    def _message_updated(self, message: Message) -> None:
        """Text arrived: the columns follow it while comparing (the transcript, hidden then,
        is rebuilt when it shows again), else the transcript's live message does."""
        if self.comparing:
            self.window.compare_view.update_reply(message)
        else:
            self.window.chat_view.update_live(message)  # it follows only its live message

    def _ask_approval(
        self, call: ToolCall, server: str, conversation: Conversation
    ) -> asyncio.Future[str]:
        """The approval bar's question; it names the chat when that is not the one shown."""
        chat = "" if conversation is self.controller.conversation else conversation.title
        return self.window.approval.ask(call, server, chat)

    def _asking_changed(self, call_id: str) -> None:
        """A card says whether its call waits for the user: shown again when that changes."""
        replies = self.controller.conversation.messages[-1:]
        if self.comparing:
            replies = [c.reply for c in self.window.compare_view.columns if c.reply is not None]
        for message in replies:
            if any(step.call.id == call_id for step in message.tools):
                self._tools_changed(message)

    def _tools_changed(self, message: Message) -> None:
        if self.comparing:
            self.window.compare_view.tools_changed(message)
        elif self._shown(message):
            self.window.chat_view.tools_changed(message)

    def _message_finished(self, message: Message) -> None:
        if not self._shown(message):
            return
        if self.comparing:
            self.window.compare_view.finish(message)
        else:
            self.window.chat_view.finish_message(message)

    def _theme_changed(self, theme: Theme) -> None:
        self.window.set_theme(theme)

    def choose_appearance(self, choice: str) -> None:
        """System, Light or Dark (View ▸ Appearance): applied at once and remembered."""
        self.settings.appearance = choice
        self.appearance.choose(choice)
        self.window.set_appearance(choice)
        self._save_settings()

    def _conversation_opened(self, conversation: Conversation) -> None:
        self._cancel_edit(restore=False)
        self.stop_comparing()
        if conversation.provider and conversation.provider != self.controller.provider.get_name():
            self.window.select_provider(conversation.provider)  # a chat answers where it did
        if conversation.model and conversation.model != self.controller.model:
            self._model_chosen(conversation.model)
            self.window.model_picker.setCurrentText(conversation.model)
        self._keep_draft()
        self._draft_owner = conversation
        self._restore_draft()
        self.window.chat_view.show_conversation(conversation)
        if query := self.window.sidebar.search.text().strip():
            self.window.chat_view.mark_found(query)  # opened from a search: show where
        self._refresh_sidebar()

    def _path_changed(self, conversation: Conversation) -> None:
        if conversation is self.controller.conversation:
            self.window.chat_view.show_conversation(conversation)

    def _show_earlier(self) -> None:
        if self.controller.load_earlier():
            self.window.chat_view.show_earlier(self.controller.conversation)

    def _busy_changed(self, busy: bool) -> None:
        """Only what acts on the streaming chat waits for it; other chats, the provider and the
        model stay usable."""
        w = self.window
        w.composer.set_busy(busy)
        for action in (w.regenerate_action, w.edit_action):
            action.setEnabled(not busy)

    # ---- sending and editing --------------------------------------------------------------
    def _send(self, text: str, attached: list[Attachment]) -> None:
        """Send what the composer held; PDFs over what the provider takes at once are first
        offered cut to the pages that fit (or the message goes back to the composer)."""
        if any(isinstance(a, PreparedFile) and a.is_pdf for a in attached) and not self.comparing:
            self._start(self._send_within_limits(text, attached))
        else:
            self._send_now(text, attached)

    async def _send_within_limits(self, text: str, attached: list[Attachment]) -> None:
        composer = self.window.composer
        provider = self.controller.provider
        pdfs = [a for a in attached if isinstance(a, PreparedFile) and a.is_pdf]
        try:
            await file_parts.check(
                provider, [{"role": "user", "content": [f.part() for f in pdfs]}]
            )
        except FileLimitError as exc:
            from gui.widgets.file_questions import ask_to_cut

            if not await ask_to_cut(self.window, i18n.provider_error(exc), exc.name, exc.fits):
                composer.set_draft(text, attached)  # nothing lost: back where it was
                return
            whole = pdfs[exc.pdf]  # the check was given them in this order
            try:
                data = await pdf.first_pages(whole.data, whole.name, exc.fits)
            except MediaError as failed:
                composer.set_draft(text, attached)
                composer.show_hint(i18n.provider_error(failed))
                return
            cut = PreparedFile(data, PDF_MIME, whole.name, pages=exc.fits)
            attached = [cut if a is whole else a for a in attached]
        except MediaError as exc:
            composer.set_draft(text, attached)
            composer.show_hint(i18n.provider_error(exc))
            return
        self._send_now(text, attached)

    def _send_now(self, text: str, images: list[Attachment]) -> None:
        editing, self._editing = self._editing, None
        self.window.composer.show_editing(False)
        if editing is not None:
            self.controller.edit(editing, text, images)
        elif self.comparing:
            replies = self.controller.compare(text, images, self.comparing)
            if replies:
                prompt = self.controller.conversation.find(replies[0].parent_id or "")
                self.window.compare_view.start(replies, prompt)
        else:
            self.controller.send(text, images)

    def new_chat(self) -> None:
        """An empty chat, with the keyboard in its message field. (Opening a chat from the
        list leaves the keyboard in the list, so its shortcuts work on the chat.)"""
        self.controller.new_conversation()
        self.window.composer.input.setFocus()

    def start_edit(self, message_id: str) -> None:
        """Put a user message in the composer; sending it makes a new branch beside it."""
        message = self.controller.conversation.find(message_id)
        if message is None or message.role != "user" or self.controller.busy:
            return
        if self._editing is None:
            composer = self.window.composer
            self._before_edit = (composer.input.toPlainText(), composer.attachments.items())
        self._editing = message_id
        self.window.composer.set_draft(message.text, message.attachments)
        self.window.composer.show_editing(True)
        self.window.composer.input.setFocus()

    def _stop_or_cancel_edit(self) -> None:
        if self._editing is not None and not self.controller.busy:
            self._cancel_edit(restore=True)
        else:
            self.controller.stop()

    def _cancel_edit(self, restore: bool) -> None:
        if self._editing is None:
            return
        self._editing = None
        self.window.composer.show_editing(False)
        if restore:
            self.window.composer.set_draft(*self._before_edit)

    def trash_conversation(self, conversation_id: str) -> None:
        """Move a chat to the trash, with Undo in the status bar."""
        self.controller.trash_conversation(conversation_id)
        self.window.offer_undo(
            translate("ConfabApp", "Chat moved to the trash."),
            lambda: self.controller.restore_conversation(conversation_id),
        )

    def delete_message(self, message_id: str) -> None:
        """Delete a message and its replies, with Undo in the status bar (and Ctrl+Z)."""
        deleted = self.controller.delete_message(message_id)
        if deleted is not None:
            self.window.offer_undo(
                self.window.deleted_text(len(deleted.messages)),
                lambda: self.controller.restore_messages(deleted),
            )

    def open_settings(self) -> SettingsDialog:
        """Show the settings dialog without blocking the loop (``open()``, not ``exec()``)."""
        if self.settings_dialog is None:
            from gui.widgets.settings_dialog import SettingsDialog

            dialog = SettingsDialog(self.settings, self.keys, self.providers, self.window)
            dialog.changed.connect(self._provider_settings_edited)
            dialog.keys_changed.connect(self._keys_changed)
            dialog.endpoint_added.connect(self._endpoint_added)
            dialog.language_chosen.connect(self._language_chosen)
            dialog.appearance_chosen.connect(self.choose_appearance)
            dialog.add_page("wrench", translate("ConfabApp", "Tools"), self.tools_room.make_page())
            self.settings_dialog = dialog
        else:
            self.settings_dialog.edit(self.settings)
        self.settings_dialog.select(self.controller.provider.get_name())
        self.settings_dialog.open()
        return self.settings_dialog

    def show_about(self) -> QMessageBox:
        """Name, version and where this profile keeps its files (``open()``, never ``exec()``)."""
        box = QMessageBox(self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowTitle(translate("ConfabApp", "About Confab"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Confab {__version__}")
        box.setInformativeText(
            translate(
                "ConfabApp",
                "A desktop chat client for large language models. Keys are kept only in the "
                "system keyring.\n\nSettings and history: {folder}",
            ).format(folder=self.profile)
        )
        box.open()
        return box

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
                self._draft_key(owner), composer.input.toPlainText(), composer.attachments.items()
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
            self.messages.warning(
                translate(
                    "ConfabApp",
                    "Could not save settings ({error}); changes last until Confab closes.",
                ).format(error=exc.strerror or exc)
            )
            return False
        return True

    def _provider_settings_edited(self, name: str, edited: dict[str, Any]) -> None:
        """Commit what the settings dialog changed for one provider, and save it."""
        options = self.settings.for_provider(name)
        if all(getattr(options, field) == value for field, value in edited.items()):
            return
        self.settings.providers[name] = dataclasses.replace(options, **edited)
        self._save_settings()
        self.key_room.update()
        if name == self.controller.provider.get_name():
            self.controller.model = self.settings.for_provider(name).model or self.controller.model
            if edited.keys() & CONNECTION_FIELDS:  # another server, or another way to reach it
                self._load_models(refresh=True)

    def _language_chosen(self, code: str) -> None:
        """Keep the choice and speak it at once: Qt tells every widget (LanguageChange), and
        the window tells this app to say its own texts again (``_language_changed``)."""
        self.settings.language = code
        self._save_settings()
        if (app := QCoreApplication.instance()) is not None:
            i18n.install(app, code)

    def _language_changed(self) -> None:
        """The window's texts are in the new language; now what the app put in it: provider
        names, the model list's note, the key banner, the vision hint."""
        self.window.set_providers(self.providers())
        self.key_room.update()
        self._check_vision()
        self._refresh_sidebar()
        self._load_models()
        if (dialog := self.settings_dialog) is not None and dialog.isVisible():
            # The language was chosen in it: made again in the new language, on the same page,
            # once the signal that chose it has returned.
            page = dialog.pages.currentRow()
            self.settings_dialog = None
            dialog.close()
            dialog.deleteLater()
            asyncio.get_event_loop().call_soon(
                lambda: self.open_settings().pages.setCurrentRow(page)
            )

    def _keys_changed(self, name: str) -> None:
        self.key_room.update()
        if name == self.controller.provider.get_name():
            self._load_models(refresh=True)  # a new key may list other models, or any at all

    def _endpoint_added(self, name: str, url: str) -> None:
        self.settings.endpoints.append(Endpoint(name, url))
        self._save_settings()
        self.window.set_providers(self.providers())
        if self.settings_dialog is not None:
            self.settings_dialog.reload(select=custom_endpoint(name, url).get_name())

    def _choose_export(self) -> QFileDialog:
        return self._save_dialog(
            translate("ConfabApp", "Export conversation"),
            "conversation.md",
            "Markdown (*.md);;JSON (*.json)",
            self.export_to,
        )

    def _save_dialog(
        self, title: str, name: str, filters: str, chosen: Callable[[Path], None]
    ) -> QFileDialog:
        folder = Path(start_folder(self.settings.files_folder))
        dialog = QFileDialog(self.window, title, str(folder / name), filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: chosen(self._remember_folder(path)))
        dialog.open()
        return dialog

    def _remember_folder(self, path: str) -> Path:
        """Keep the folder of a file the user chose: the next dialog opens there."""
        self.settings.files_folder = str(Path(path).parent)
        self.window.composer.files_folder = self.settings.files_folder
        return Path(path)

    def _choose_export_all(self) -> QFileDialog:
        return self._save_dialog(
            translate("ConfabApp", "Export all chats"),
            "confab-chats.json",
            translate("ConfabApp", "Confab archive (*.json)"),
            self.export_all_to,
        )

    def export_all_to(self, path: Path) -> None:
        try:
            count = archive.export_all(self.history, path)
        except (OSError, sqlite3.Error) as exc:
            self.messages.error(translate("ConfabApp", "Export failed: {error}").format(error=exc))
            return
        self.messages.info(
            translate("ConfabApp", "Saved {count} chats to {name}").format(
                count=count, name=path.name
            )
        )

    def _choose_import(self) -> QFileDialog:
        dialog = QFileDialog(
            self.window,
            translate("ConfabApp", "Import chats"),
            start_folder(self.settings.files_folder),
            translate("ConfabApp", "Confab archive (*.json)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.import_from(self._remember_folder(path)))
        dialog.open()
        return dialog

    def import_from(self, path: Path) -> None:
        """Merge an archive's chats by id: what is here already is never overwritten."""
        try:
            report = archive.import_file(self.history, path)
        except (OSError, sqlite3.Error, archive.ArchiveError) as exc:
            self.messages.error(translate("ConfabApp", "Import failed: {error}").format(error=exc))
            return
        self.messages.info(report.summary())
        self._refresh_sidebar()

    # ---- compare mode ---------------------------------------------------------------------
    def open_compare(self) -> CompareTargetsDialog:
        """Choose two to four targets (``open()``, never ``exec()``); OK starts compare mode."""
        current = [(t.get_name(), m) for t, m in self.comparing] or [
            (self.controller.provider.get_name(), self.controller.model)
        ]
        from gui.widgets.compare_targets import CompareTargetsDialog

        dialog = CompareTargetsDialog(self.providers(), current, self.window, self._models_of)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.start_comparing)
        dialog.open()
        return dialog

    async def _models_of(self, name: str) -> list[ModelInfo]:
        """A provider's model list (live, or built in when that fails), as the toolbar has it."""
        provider = self._provider_named(name)
        options = self.settings.for_provider(provider.get_name())
        try:
            found = await self._key_of(provider)
            result = await self.catalog.load(
                provider,
                **options.connection(found),
                route=options.route if provider.supports_routes else "",
            )
        except Exception:  # a failure here leaves the field free for typing
            log.exception("model list for compare failed")
            return provider.static_models()
        return result.models

    def start_comparing(self, choices: list[tuple[str, str]]) -> None:
        """Show one column per target; what is sent next goes to all of them."""
        targets = []
        for name, model in choices:
            provider = self._provider_named(name)
            targets.append(
                (
                    provider,
                    model or self.settings.for_provider(name).model or provider.default_model,
                )
            )
        self.comparing = targets
        labels = [f"{i18n.provider_label(p)} · {m or '?'}" for p, m in targets]
        notes = [
            ""
            if p.supports_images
            else translate("ConfabApp", "Cannot read images: any you attach are not sent to it.")
            for p, _m in targets
        ]
        self.window.compare_view.set_targets(labels, notes)
        self.window.show_compare(True)
        self.window.composer.input.setFocus()

    def stop_comparing(self) -> None:
        """Back to the conversation; replies still streaming go on there."""
        if not self.comparing:
            return
        self.comparing = []
        self.window.show_compare(False)
        self.window.chat_view.show_conversation(self.controller.conversation)

    def _continue_with(self, reply_id: str) -> None:
        """The chosen reply becomes the conversation's, and its target answers from now on."""
        self.stop_comparing()
        if not self.controller.continue_with(reply_id):
            return
        reply = self.controller.conversation.find(reply_id)
        if reply is None:
            return
        self.window.select_provider(reply.provider)
        if reply.model:
            self._model_chosen(reply.model)
            self.window.model_picker.setCurrentText(reply.model)

    def open_chat_options(self) -> ChatOptionsDialog:
        """Edit the shown chat's own system prompt and parameters (a copy, kept on OK)."""
        conversation = self.controller.conversation
        servers = [config.name for config in configs_of(self.settings) if config.enabled]
        from gui.widgets.chat_options import ChatOptionsDialog

        dialog = ChatOptionsDialog(conversation.options, servers, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda options: self._options_chosen(conversation, options))
        dialog.open()
        return dialog

    def _options_chosen(self, conversation: Conversation, options: ChatOptions) -> None:
        conversation.options = options
        if conversation is self.controller.conversation:
            self.controller.save_options()

    def export_to(self, path: Path) -> None:
        """The shown path, with every other reply to each of its prompts (a comparison's)."""
        conversation = self.controller.conversation
        others: dict[str, list[str]] = {}  # each reply's siblings, by the reply on the path
        for message in conversation.messages:
            ids = [i for i in conversation.siblings(message.id) if i != message.id]
            if message.role == "assistant" and ids:
                others[message.id] = ids
        try:
            alternatives = {
                mid: self.history.messages(conversation.id, ids) for mid, ids in others.items()
            }
            export.write(conversation, path, alternatives)
        except (OSError, sqlite3.Error) as exc:
            why = getattr(exc, "strerror", None) or exc  # an OSError's words, without its number
            self.messages.error(translate("ConfabApp", "Export failed: {error}").format(error=why))
            return
        self.messages.info(translate("ConfabApp", "Saved {name}").format(name=path.name))

    def _edit_last(self) -> None:
        index = self.controller.conversation.last_user_index()
        if index >= 0:
            self.start_edit(self.controller.conversation.messages[index].id)

    def _refresh_sidebar(self) -> None:
        query = self.window.sidebar.search.text().strip()
        try:
            items = self.history.search(query) if query else self.history.conversations()
        except sqlite3.Error as exc:
            # Said as information, so a more useful "could not save" stays in view.
            self.messages.info(
                translate("ConfabApp", "Could not read the history file: {error}").format(error=exc)
            )
            return
        self.window.sidebar.show_conversations(
            items, self.controller.conversation.id, self.controller.streaming()
        )
        chat = self.controller.conversation
        self.window.show_chat_title(chat.title if chat.messages else "")  # a new chat: none yet

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
        self.key_room.update()
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
            found = await self._key_of(provider)
            routes = await provider.get_routes(**options.connection(found))
        except ProviderError as exc:
            self.window.route_box.setToolTip(
                plain_tooltip(
                    translate("ConfabApp", "Provider list failed: {error}").format(
                        error=i18n.provider_error(exc)
                    )
                )
            )
            routes = []
        if provider is self.controller.provider:
            needs_key = translate("ConfabApp", "{provider} (key)")
            shown = [
                (needs_key.format(provider=r.label) if r.needs_auth else r.label, r.name)
                for r in routes
            ]
            self.window.set_routes(shown, options.route)

    async def _key_of(self, provider: type[AsyncGeneratorProvider]) -> FoundKey | None:
        """The provider's key, looked up in a worker thread: the first lookup finds the keyring
        backend (imports and a D-Bus round trip), and a keyring may be slow to answer."""
        return await asyncio.to_thread(self.keys.for_provider, provider)

    def _prepare_request(self, provider: type[AsyncGeneratorProvider]) -> FoundKey | None:
        """In a worker thread: import aiohttp and the renderer's libraries (a few tenths of a
        second the first time) and look up the provider's key."""
        with collector.paused():  # see gui/core/collector.py
            http.warm_up()
        render.warm_up()
        return self.keys.for_provider(provider)

    def _start_up_done(self) -> None:
        """The first request was prepared, so start-up's imports are done: what is alive now
        lives as long as the app and leaves the garbage collector's view (gc.freeze), when
        ``freeze_heap``. A full collection then walks only what was made since: walking
        everything (modules, Qt wrappers, markdown-it, Pygments) held the event loop 25-60 ms,
        several times during one long reply. Only the app's own process asks for this: tests
        make many apps in one process, and a frozen app is never collected."""
        if self._freeze_heap:
            self._freeze_heap = False
            gc.freeze()

    def _use_server(self, found: Found) -> None:
        """A server the setup card found: talk to it where it was found."""
        name = found.candidate.provider
        self.settings.for_provider(name).base_url = found.candidate.base_url
        if self.controller.provider.get_name() == name:
            self._provider_changed()  # the same provider at its new address
        else:
            self.window.select_provider(name)
        self.window.composer.input.setFocus()

    def _model_chosen(self, model: str) -> None:
        self.controller.model = model
        self.settings.for_provider(self.controller.provider.get_name()).model = model
        self._check_vision()

    def _check_vision(self) -> None:
        w = self.window
        info = w.model_picker.info(self.controller.model)
        has_images = bool(w.composer.attachments.images())
        w.composer.show_hint(vision_hint(self.controller.provider, info, has_images))

    def _load_models(self, refresh: bool = False) -> None:
        self._start(self._fill_models(refresh))

    def _keep_ahead(self, attachment: Attachment) -> None:
        """Store what was just attached while the user writes (HistoryStore.keep_blob)."""
        self._start(asyncio.to_thread(self.history.keep_blob, attachment.data))

    def _forget_kept(self, attachment: Attachment) -> None:
        self.history.drop_kept_blob(attachment.data)

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
        status.setText(translate("ConfabApp", "Loading…"))
        try:
            found = await asyncio.to_thread(self._prepare_request, provider)
            self._start_up_done()
            result = await self.catalog.load(
                provider,
                **options.connection(found),
                route=options.route if provider.supports_routes else "",
                refresh=refresh,
            )
        except Exception as exc:  # a failure here must show, not vanish into the loop's log
            log.exception("model list failed")
            status.setText(translate("ConfabApp", "Model list failed: {error}").format(error=exc))
            self.first_run.models_state(provider, live=False)
            return
        if provider is not self.controller.provider:
            return  # the user switched providers while this list loaded
        picker.set_models(result.models, self.controller.model)
        if not self.controller.model and picker.currentText().strip():
            # No model chosen and none built in (a local server): the one shown is the one sent.
            self._model_chosen(picker.currentText().strip())
        status.setText(
            "" if result.live else translate("ConfabApp", "(offline: the built-in list)")
        )
        self.first_run.models_state(provider, result.live)
        note = i18n.localized(result.note)
        status.setToolTip(plain_tooltip(note))
        if note:
            picker.setToolTip(plain_tooltip(note))

    # ---- life cycle -----------------------------------------------------------------------
    async def run(self) -> None:
        self.window.show()
        log.info("window shown")
        await self._closed.wait()
        await self.close()

    async def close(self) -> None:
        """Stop every reply (saving it), finish background work, save settings, close files.
        A second call does nothing."""
        if self._shut:
            return
        self._shut = True
        self.appearance.close()
        await self.controller.shutdown()
        await self.tools.close()
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
