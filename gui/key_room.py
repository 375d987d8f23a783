"""The key banner's job, as its own room of the app: say whether the chosen provider has the
key it needs and what is wrong with the keyring, and keep a key the user enters (in the
keyring, or for the session when there is none)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui import i18n
from gui.controller import ChatController
from gui.first_run import FirstRun
from gui.message import MessageBridge
from gui.widgets.key_banner import KeyBanner
from providers.errors import KeyringUnavailableError
from providers.keys import REFUSED_HELP, UNAVAILABLE_HELP, KeySource, KeyStore

translate = QCoreApplication.translate


def session_only() -> str:
    """Said wherever a key could not go to the keyring."""
    return translate("ConfabApp", "Your key is kept for this session only.")


class KeyRoom:
    def __init__(
        self,
        keys: KeyStore,
        controller: ChatController,
        banner: KeyBanner,
        first_run: FirstRun,
        messages: MessageBridge,
        start: Callable[[Coroutine[Any, Any, None]], None],
        reload_models: Callable[[], None],
    ) -> None:
        self.keys, self.controller, self.banner = keys, controller, banner
        self.first_run, self.messages = first_run, messages
        self._start, self._reload_models = start, reload_models

    def update(self) -> None:
        """Look the chosen provider's key up again (in the background) and say what is so."""
        self._start(self._show_key_state())

    async def _show_key_state(self) -> None:
        """Ask for a key when the provider needs one and none is found; say what is wrong
        with the keyring, if anything."""
        provider = self.controller.provider
        found, problem, refused = await asyncio.to_thread(
            lambda: (
                self.keys.for_provider(provider),
                self.keys.problem(),
                self.keys.refused_keyring(),
            )
        )
        says_session = problem in (UNAVAILABLE_HELP, REFUSED_HELP)  # "kept until it closes"
        details = i18n.keyring_details(refused) if problem else ""
        problem = i18n.provider_text(problem)
        if provider is not self.controller.provider:
            return  # the user switched providers meanwhile; that switch asked again
        self.first_run.key_state(provider, provider.needs_auth and found is None)
        banner = self.banner
        if provider.needs_auth and found is None:
            if provider.env_key:
                ask = translate(
                    "ConfabApp",
                    "{provider} needs an API key. It is stored only in your system keyring, "
                    "or set {variable}.",
                )
            else:
                ask = translate(
                    "ConfabApp",
                    "{provider} needs an API key. It is stored only in your system keyring.",
                )
            text = ask.format(provider=i18n.provider_label(provider), variable=provider.env_key)
            banner.ask(text + (f" {problem}" if problem else ""), details)
        elif problem and found is not None and found.source is KeySource.SESSION:
            banner.tell(problem if says_session else f"{problem} {session_only()}", details)
        elif problem and provider.needs_auth:
            banner.tell(problem, details)
        elif provider.note and not provider.working:
            banner.tell(i18n.provider_note(provider))
        else:
            banner.tell("")

    def key_entered(self, value: str) -> None:
        """A key the user typed (in the banner or the setup card) for the chosen provider."""
        name = self.controller.provider.get_name()
        try:
            self.keys.set(name, value)
            self.messages.info(translate("ConfabApp", "Key saved in the system keyring"))
            self.update()
        except KeyringUnavailableError as exc:
            self.keys.keep_for_session(name, value)
            self.banner.tell(f"{i18n.provider_text(exc.message)} {session_only()}")
        self._reload_models()
