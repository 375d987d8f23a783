"""The empty chat's setup card, as its own room of the app.

When the chosen provider cannot answer yet (it needs a key that is missing, or it is a local
server that did not answer), the card shows: local servers are looked for in the background
(never blocking the window) and each one found is offered with Use; a provider that needs a
key is asked for it in place, with where to get one.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from gui import i18n
from gui.core import local_servers
from gui.core.local_servers import Candidate, Found
from gui.widgets.welcome import SetupCard
from providers.base import AsyncGeneratorProvider

KEY_PAGES = {
    "OpenAI": "https://platform.openai.com/api-keys",
    "Anthropic": "https://console.anthropic.com/settings/keys",
    "Gemini": "https://aistudio.google.com/apikey",
    "OpenRouter": "https://openrouter.ai/keys",
    "Groq": "https://console.groq.com/keys",
    "DeepSeek": "https://platform.deepseek.com/api_keys",
    "Mistral": "https://console.mistral.ai/api-keys",
    "XAI": "https://console.x.ai",
    "Together": "https://api.together.xyz/settings/api-keys",
}
"""Where each cloud provider hands out API keys (its own console)."""


class FirstRun(QObject):
    """Decides when the setup card shows and runs its probe. ``server_chosen`` and
    ``key_entered`` are the card's, for the app to act on."""

    probed = Signal(object)  # list[Found]: a probe ended

    def __init__(
        self,
        card: SetupCard,
        start: Callable[[Coroutine[Any, Any, None]], None],
        candidates: Sequence[Candidate] = local_servers.DEFAULTS,
    ) -> None:
        super().__init__(card)
        self.card = card
        self.candidates = candidates
        self._start = start
        self._provider: type[AsyncGeneratorProvider] | None = None
        self._needs_key = False
        self._offline = False
        self._probed = False
        card.look_again.connect(self.look)

    def key_state(self, provider: type[AsyncGeneratorProvider], missing: bool) -> None:
        """Whether ``provider`` (now chosen) needs a key it does not have."""
        if provider is not self._provider:
            self._provider, self._offline = provider, False
        self._needs_key = missing
        self._refresh()

    def models_state(self, provider: type[AsyncGeneratorProvider], live: bool) -> None:
        """Whether ``provider``'s server answered for its model list (a keyless one that did
        not is not running, or not where Confab looks for it)."""
        if provider is self._provider:
            self._offline = not live and not provider.needs_auth
            self._refresh()

    def _refresh(self) -> None:
        provider = self._provider
        needed = self._needs_key or self._offline
        self.card.setVisible(needed)
        if provider is not None and self._needs_key:
            self.card.ask_key(i18n.provider_label(provider), KEY_PAGES.get(provider.get_name(), ""))
        else:
            self.card.ask_key("")
        if needed and not self._probed:
            self.look()

    def look(self) -> None:
        """Look for local servers (again), in the background."""
        self._probed = True
        self.card.probing()
        self._start(self._probe())

    async def _probe(self) -> None:
        found: list[Found] = await local_servers.probe(self.candidates)
        self.card.show_found(found)
        self.probed.emit(found)
