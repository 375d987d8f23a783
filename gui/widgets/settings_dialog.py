"""Settings: a page per provider for its key (in the keyring), address, proxy and parameters.

Opened with ``open()``, never ``exec()``, so the event loop (and any streaming reply) keeps
running while it is shown.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.core.settings import Endpoint, ProviderSettings, Settings
from gui.core.text import QT_TRANSLATE_NOOP
from gui.i18n import (
    LANGUAGES,
    keyring_details,
    provider_error,
    provider_label,
    provider_note,
    provider_text,
)
from gui.icons import icon
from providers.base import AsyncGeneratorProvider
from providers.errors import KeyringUnavailableError, ProviderError
from providers.keys import KeySource, KeyStore
from providers.redact import redact

from .plain_text import plain_label

PROXY_MODES = (
    (QT_TRANSLATE_NOOP("SettingsDialog", "System proxy"), ""),
    (QT_TRANSLATE_NOOP("SettingsDialog", "No proxy"), "none"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "Custom proxy"), "custom"),
)
translate = QCoreApplication.translate


EDITED = ("base_url", "proxy", "model", "temperature", "max_tokens", "system_prompt")
"""The ProviderSettings fields this dialog edits (route and the rest are chosen elsewhere)."""


class SettingsDialog(QDialog):
    """Edits a copy of ``settings`` (and keys, through ``keys``). Each edit is offered to the
    app to commit: ``changed`` carries a provider's name and only the fields this dialog edits,
    so a choice made elsewhere meanwhile (the toolbar's model or route) is never overwritten
    with a stale copy."""

    changed = Signal(str, object)  # provider name, dict of ProviderSettings fields
    keys_changed = Signal(str)  # the provider whose key was set or removed
    endpoint_added = Signal(str, str)
    language_chosen = Signal(str)  # a code from gui.i18n.LANGUAGES, or "" for the system's
    appearance_chosen = Signal(str)  # "" (the system's), "light" or "dark"

    def __init__(
        self,
        settings: Settings,
        keys: KeyStore,
        providers: Callable[[], Sequence[type[AsyncGeneratorProvider]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confab settings"))
        self.setObjectName("settingsDialog")
        self.resize(900, 600)
        self.settings = copy.deepcopy(settings)
        self.keys = keys
        self._providers = providers
        self._current: type[AsyncGeneratorProvider] | None = None
        self._loading = False
        self._shown: dict[str, object] = {}  # the page's fields as last shown or committed
        self._test_task: asyncio.Task[None] | None = None

        self.provider_list = QListWidget(self)
        self.provider_list.setAccessibleName(self.tr("Providers"))
        self.provider_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.provider_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.provider_list.currentRowChanged.connect(self._show_page)
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("Name, e.g. Work vLLM"))
        self.new_name.setAccessibleName(self.tr("New endpoint name"))
        self.new_url = QLineEdit(self)
        self.new_url.setPlaceholderText("http://host:8000/v1")
        self.new_url.setAccessibleName(self.tr("New endpoint base URL"))
        self.add_endpoint = QPushButton(self.tr("Add endpoint"), self)
        self.add_endpoint.clicked.connect(self._add_endpoint)
        left = QVBoxLayout()
        left.addWidget(self.provider_list, 1)
        left.addWidget(QLabel(self.tr("Add an OpenAI-compatible server:"), self))
        left.addWidget(self.new_name)
        left.addWidget(self.new_url)
        left.addWidget(self.add_endpoint)
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("As the system"), "")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(str(self.language.currentData()))
        )
        self.appearance = QComboBox(self)
        self.appearance.setAccessibleName(self.tr("Appearance"))
        for choice, label in (
            ("", self.tr("As the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.appearance.addItem(label, choice)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(settings.appearance)))
        self.appearance.currentIndexChanged.connect(
            lambda _i: self.appearance_chosen.emit(str(self.appearance.currentData()))
        )

        self.title = plain_label(self)  # an endpoint's name is the user's text
        self.title.setObjectName("settingsTitle")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.note = plain_label(self)
        self.note.setWordWrap(True)
        self.key_status = plain_label(self)
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)
        self.key_field = QLineEdit(self)
        self.key_field.setAccessibleName(self.tr("API key"))
        self.key_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_field.setPlaceholderText(self.tr("Paste a key to set or replace it"))
        self.save_key = QPushButton(self.tr("Save key"), self)
        self.save_key.clicked.connect(self._save_key)
        self.remove_key = QPushButton(self.tr("Remove key"), self)
        self.remove_key.clicked.connect(self._remove_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_field, 1)
        key_row.addWidget(self.save_key)
        key_row.addWidget(self.remove_key)
        self.base_url = QLineEdit(self)
        self.base_url.setAccessibleName(self.tr("Base URL"))
        self.proxy_mode = QComboBox(self)
        self.proxy_mode.setAccessibleName(self.tr("Proxy"))
        for label, value in PROXY_MODES:
            self.proxy_mode.addItem(translate("SettingsDialog", label), value)
        self.proxy_url = QLineEdit(self)
        self.proxy_url.setAccessibleName(self.tr("Proxy URL"))
        self.proxy_url.setPlaceholderText("http://proxy:3128 or socks5://127.0.0.1:1080")
        proxy_row = QHBoxLayout()
        proxy_row.addWidget(self.proxy_mode)
        proxy_row.addWidget(self.proxy_url, 1)
        self.model = QLineEdit(self)
        self.model.setAccessibleName(self.tr("Default model"))
        self.temperature = QDoubleSpinBox(self)
        self.temperature.setAccessibleName(self.tr("Temperature"))
        self.temperature.setRange(-0.1, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSpecialValueText(self.tr("provider default"))
        self.max_tokens = QSpinBox(self)
        self.max_tokens.setAccessibleName(self.tr("Maximum reply tokens"))
        self.max_tokens.setRange(0, 1_000_000)
        self.max_tokens.setSpecialValueText(self.tr("provider default"))
        self.system_prompt = QPlainTextEdit(self)
        self.system_prompt.setAccessibleName(self.tr("System prompt"))
        self.system_prompt.setMaximumHeight(90)
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self._start_test)
        self.test_result = plain_label(self)
        self.test_result.setObjectName("testResult")
        self.test_result.setAccessibleName(self.tr("Connection test result"))
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.optional_key = QPushButton(self.tr("Use an API key…"), self)
        self.optional_key.setObjectName("optionalKey")
        self.optional_key.setFlat(True)
        self.optional_key.setToolTip(
            self.tr("This server needs no key; set one if you started it with a key.")
        )
        self.optional_key.clicked.connect(lambda: self._show_key_rows(True))
        form = QFormLayout()
        form.addRow(self.title)
        form.addRow(self.note)
        form.addRow(self.tr("API key"), key_row)
        form.addRow("", self.key_status)
        optional_row = QHBoxLayout()
        optional_row.addWidget(self.optional_key)
        optional_row.addStretch(1)
        form.addRow("", optional_row)
        self.form, self._key_row, self._optional_row = form, key_row, optional_row
        form.addRow(self.tr("Base URL"), self.base_url)
        form.addRow(self.tr("Proxy"), proxy_row)
        form.addRow(self.tr("Default model"), self.model)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Max tokens"), self.max_tokens)
        form.addRow(self.tr("System prompt"), self.system_prompt)
        form.addRow(self.test_button, self.test_result)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        providers_page = QWidget(self)
        providers_layout = QHBoxLayout(providers_page)
        providers_layout.setContentsMargins(0, 0, 0, 0)
        providers_layout.addLayout(left, 1)
        providers_layout.addLayout(right, 3)
        general_page = QWidget(self)
        general = QFormLayout(general_page)
        general.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("General"), general_page)
        heading.setObjectName("settingsTitle")
        heading.setFont(bold)
        general.addRow(heading)
        general.addRow(self.tr("Language"), self.language)
        general.addRow(self.tr("Appearance"), self.appearance)
        # Pages, with icons, on the left; the chosen one's form on the right.
        self.pages = QListWidget(self)
        self.pages.setObjectName("settingsPages")
        self.pages.setAccessibleName(self.tr("Settings pages"))
        self.pages.setIconSize(QSize(18, 18))
        self.pages.setFixedWidth(170)
        self.stack = QStackedWidget(self)
        for name, label, page in (
            ("columns-2", self.tr("Providers"), providers_page),
            ("settings", self.tr("General"), general_page),
        ):
            self.pages.addItem(QListWidgetItem(icon(name), label))
            self.stack.addWidget(page)
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages.setCurrentRow(0)
        body = QHBoxLayout()
        body.addWidget(self.pages)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

        for widget in (self.base_url, self.proxy_url, self.model):
            widget.editingFinished.connect(self._store)
        self.proxy_mode.currentIndexChanged.connect(lambda _i: self._store())
        self.temperature.valueChanged.connect(lambda _v: self._store())
        self.max_tokens.valueChanged.connect(lambda _v: self._store())
        # The system prompt is committed when the page or the dialog is left, not per keystroke.
        self.finished.connect(lambda _r: self._store())
        self.reload()

    # ---- pages ----------------------------------------------------------------------------
    def add_page(self, icon_name: str, label: str, page: QWidget) -> None:
        """A page of another part of the app (Tools), after the dialog's own."""
        self.pages.addItem(QListWidgetItem(icon(icon_name), label))
        self.stack.addWidget(page)

    def reload(self, select: str | None = None) -> None:
        self.provider_list.clear()
        names = []
        for provider in self._providers():
            self.provider_list.addItem(provider_label(provider))
            names.append(provider.get_name())
        wanted = select or self.settings.provider
        self.provider_list.setCurrentRow(names.index(wanted) if wanted in names else 0)

    def edit(self, settings: Settings) -> None:
        """Start over from a fresh copy of ``settings`` (the dialog is opened again)."""
        self._current = None  # nothing to commit from the old copy's page
        self.settings = copy.deepcopy(settings)
        self.appearance.blockSignals(True)  # showing the choice is not choosing it
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(settings.appearance)))
        self.appearance.blockSignals(False)
        self.reload()

    def select(self, name: str) -> None:
        names = [p.get_name() for p in self._providers()]
        if name in names:
            self.provider_list.setCurrentRow(names.index(name))

    def _show_page(self, row: int) -> None:
        providers = self._providers()
        if not 0 <= row < len(providers):
            return
        provider = providers[row]
        self._store()  # the page being left
        self._current = provider
        options = self.settings.for_provider(provider.get_name())
        self._loading = True
        self.title.setText(provider_label(provider))
        self.note.setText(provider_note(provider))
        self.base_url.setText(options.base_url)
        self.base_url.setPlaceholderText(provider.url)
        self.base_url.setEnabled(provider.supports_base_url)
        mode = options.proxy if options.proxy in ("", "none") else "custom"
        self.proxy_mode.setCurrentIndex(self.proxy_mode.findData(mode))
        self.proxy_url.setText(options.proxy if mode == "custom" else "")
        self.proxy_url.setEnabled(mode == "custom")
        self.model.setText(options.model)
        self.model.setPlaceholderText(provider.default_model or self.tr("the server's model name"))
        self.temperature.setValue(-0.1 if options.temperature is None else options.temperature)
        self.max_tokens.setValue(options.max_tokens or 0)
        self.system_prompt.setPlainText(options.system_prompt)
        self.test_result.clear()
        self._shown = {name: getattr(options, name) for name in EDITED}
        self._loading = False
        self._update_key_status()

    def _store(self) -> None:
        """Copy the page into the settings (never the key: that goes to the keyring only)."""
        if self._loading or self._current is None:
            return
        options: ProviderSettings = self.settings.for_provider(self._current.get_name())
        options.base_url = self.base_url.text().strip()
        mode = self.proxy_mode.currentData()
        self.proxy_url.setEnabled(mode == "custom")
        options.proxy = self.proxy_url.text().strip() if mode == "custom" else str(mode)
        options.model = self.model.text().strip()
        options.temperature = None if self.temperature.value() < 0 else self.temperature.value()
        options.max_tokens = self.max_tokens.value() or None
        options.system_prompt = self.system_prompt.toPlainText()
        page = {name: getattr(options, name) for name in EDITED}
        edited = {name: value for name, value in page.items() if value != self._shown.get(name)}
        self._shown = page
        if edited:
            self.changed.emit(self._current.get_name(), edited)

    # ---- keys -----------------------------------------------------------------------------
    def _update_key_status(self) -> None:
        provider = self._current
        if provider is None:
            return
        found = self.keys.for_provider(provider)
        if found is None:
            text = self.tr("No key set.") if provider.needs_auth else self.tr("No key needed.")
        elif found.source is KeySource.ENVIRONMENT:
            text = self.tr("Using the key from the environment variable {name}.").format(
                name=found.detail
            )
        elif found.source is KeySource.SESSION:
            text = self.tr("A key is kept for this session only (no system keyring).")
        else:
            text = self.tr("A key is stored in the system keyring.")
        problem = self.keys.problem()
        self.key_status.setText(text + (f" {provider_text(problem)}" if problem else ""))
        self.key_status.setToolTip(keyring_details(self.keys.refused_keyring()) if problem else "")
        self.remove_key.setEnabled(found is not None and found.source is not KeySource.ENVIRONMENT)
        # A local server needs no key: its page shows none unless one is set or asked for.
        self._show_key_rows(provider.needs_auth or found is not None)

    def _show_key_rows(self, shown: bool) -> None:
        self.form.setRowVisible(self._key_row, shown)
        self.form.setRowVisible(self.key_status, shown)
        self.form.setRowVisible(self._optional_row, not shown)

    def _save_key(self) -> None:
        value = self.key_field.text().strip()
        self.key_field.clear()
        if not value or self._current is None:
            return
        name = self._current.get_name()
        try:
            self.keys.set(name, value)
        except KeyringUnavailableError as exc:
            self.keys.keep_for_session(name, value)
            self.test_result.setText(
                f"{provider_text(exc.message)} " + self.tr("The key is kept for this session only.")
            )
        self._update_key_status()
        self.keys_changed.emit(name)

    def _remove_key(self) -> None:
        if self._current is None:
            return
        name = self._current.get_name()
        try:
            self.keys.delete(name)
        except KeyringUnavailableError as exc:
            self.test_result.setText(provider_text(exc.message))
        self._update_key_status()
        self.keys_changed.emit(name)

    # ---- endpoints and connection test ----------------------------------------------------
    def _add_endpoint(self) -> None:
        name, url = self.new_name.text().strip(), self.new_url.text().strip()
        if not name or not url.startswith(("http://", "https://")):
            self.test_result.setText(
                self.tr("Give the endpoint a name and an http(s):// base URL.")
            )
            return
        self.settings.endpoints.append(Endpoint(name, url))
        self.new_name.clear()
        self.new_url.clear()
        self.endpoint_added.emit(name, url)

    def _start_test(self) -> None:
        if self._test_task is None or self._test_task.done():
            self._test_task = asyncio.ensure_future(self.test_connection())

    async def test_connection(self) -> None:
        """List the models with the page's settings, or show exactly why that failed."""
        provider = self._current
        if provider is None:
            return
        self._store()
        options = self.settings.for_provider(provider.get_name())
        found = self.keys.for_provider(provider)
        self.test_result.setText(self.tr("Connecting…"))
        try:
            models = await provider.get_models(**options.connection(found))
        except ProviderError as exc:
            self.test_result.setText(self.tr("Failed: {error}").format(error=provider_error(exc)))
            return
        except Exception as exc:  # shown, not swallowed by the event loop
            error = f"{type(exc).__name__}: {exc}"
            self.test_result.setText(redact(self.tr("Failed: {error}").format(error=error)))
            return
        sample = ", ".join(m.id for m in models[:5]) + (", …" if len(models) > 5 else "")
        connected = self.tr("Connected: %n model(s)", "", len(models))
        self.test_result.setText(connected + (f" ({sample})" if models else ""))
