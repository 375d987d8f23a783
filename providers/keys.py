"""API keys in the OS keyring (service "confab"), looked up explicit > keyring > environment.

There is no plaintext fallback: without a working keyring, storing raises
KeyringUnavailableError and the caller keeps the key in memory for the session only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from .errors import KeyringUnavailableError
from .redact import register_secret
from .text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import keyring.errors
    from keyring.backend import KeyringBackend

    from .base import BaseProvider

# ``keyring`` is imported where it is used: importing it scans entry points (~0.1 s), which
# an app should spend in a worker thread, not before its window shows.

SERVICE = "confab"


class KeySource(Enum):
    """Where a key came from, as the settings dialog tells the user."""

    EXPLICIT = "entered for this request"
    SESSION = "kept for this session only"
    KEYRING = "the system keyring"
    ENVIRONMENT = "an environment variable"


@dataclass(frozen=True, slots=True)
class FoundKey:
    value: str
    source: KeySource
    detail: str = ""


UNAVAILABLE_HELP = QT_TRANSLATE_NOOP(
    "Providers", "No system keyring is available: a key you enter is kept until Confab closes."
)
REFUSED_HELP = QT_TRANSLATE_NOOP(
    "Providers",
    "The keyring found keeps keys in a file, so Confab does not use it: a key you enter is "
    "kept until Confab closes.",
)
KEYRING_DETAILS = QT_TRANSLATE_NOOP(
    "Providers",
    "Confab keeps API keys only in the system keyring, never in a file. On Linux, install "
    "and unlock GNOME Keyring or KWallet (a Secret Service provider), then start Confab "
    "again; on Windows and macOS the system's own keyring is used.",
)
"""What the short keyring sentences leave out, shown on demand (a Details button)."""


LOCKED_HELP = QT_TRANSLATE_NOOP(
    "Providers",
    "the system keyring is locked; unlock it (log in again or open your keyring app)",
)

_OS_KEYRINGS = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
)
"""The backends that are the operating system's keyring. Anything else keyring may detect
(keyrings.alt's PlaintextKeyring, which some distributions install, and other file stores)
would put keys in a file, so detection never takes it."""


def _name(backend: KeyringBackend) -> str:
    return type(backend).__module__ + "." + type(backend).__name__


def _is_usable(backend: KeyringBackend) -> bool:
    name = _name(backend)
    if name.startswith(("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")):
        return False
    try:
        return float(backend.priority) > 0
    except Exception:  # a backend's priority probe may raise anything when it is unusable
        return False


def _members(detected: KeyringBackend) -> list[KeyringBackend]:
    """The backends behind what ``keyring`` detected (a chain has several)."""
    if _name(detected).startswith("keyring.backends.chainer"):
        return list(getattr(detected, "backends", None) or [])
    return [detected]


def system_keyring() -> KeyringBackend | None:
    """The OS keyring among what ``keyring`` detected: itself, or the best OS member of a
    chain (never a file store that follows it in the chain), or None."""
    import keyring

    for backend in _members(keyring.get_keyring()):
        if _name(backend).startswith(_OS_KEYRINGS) and _is_usable(backend):
            return backend
    return None


def _refused(detected: KeyringBackend) -> str | None:
    """The module and class of the keyring found if it keeps keys in a file (or elsewhere
    on disk); None when there is no keyring at all."""
    for backend in _members(detected):
        name = _name(backend)
        if not name.startswith((*_OS_KEYRINGS, "keyring.backends.fail", "keyring.backends.null")):
            return name
    return None


class KeyStore:
    """Keys per entry name (a provider or a custom endpoint) in one keyring service."""

    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE) -> None:
        self._backend = backend
        self.service = service
        self._session: dict[str, str] = {}
        self.last_error: str | None = None

    @property
    def backend(self) -> KeyringBackend | None:
        """The keyring in use: the one given, or the OS keyring detected; None without one."""
        return self._backend if self._backend is not None else system_keyring()

    def available(self) -> bool:
        backend = self.backend
        return backend is not None and _is_usable(backend)

    def problem(self) -> str | None:
        """Why keys cannot be stored or read right now, in words for a banner; None if fine."""
        import keyring

        if not self.available():
            refused = _refused(self._backend or keyring.get_keyring())
            return REFUSED_HELP if refused else UNAVAILABLE_HELP
        return self.last_error

    def refused_keyring(self) -> str | None:
        """The keyring found but refused because it keeps keys in a file (module.Class), to
        name in the details; None when none was refused."""
        import keyring

        if self.available():
            return None
        return _refused(self._backend or keyring.get_keyring())

    def _keyring(self) -> KeyringBackend:
        backend = self.backend
        if backend is None or not _is_usable(backend):
            raise KeyringUnavailableError(self.problem() or UNAVAILABLE_HELP)
        return backend

    def get(self, name: str) -> str | None:
        """The stored key for ``name``, or None; KeyringUnavailableError if the keyring fails."""
        import keyring.errors

        if name in self._session:
            return self._session[name]
        if not self.available():
            return None
        try:
            value = self._keyring().get_password(self.service, name)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(_explain(exc)) from None
        register_secret(value)
        return value

    def set(self, name: str, value: str) -> None:
        """Store a key in the keyring; KeyringUnavailableError if there is none that works."""
        import keyring.errors

        value = value.strip()
        register_secret(value)
        try:
            self._keyring().set_password(self.service, name, value)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(_explain(exc)) from None
        self._session.pop(name, None)

    def keep_for_session(self, name: str, value: str) -> None:
        """Hold a key in memory only, for when the user has no keyring."""
        register_secret(value.strip())
        self._session[name] = value.strip()

    def delete(self, name: str) -> None:
        import keyring.errors

        self._session.pop(name, None)
        if not self.available():
            return
        try:
            self._keyring().delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(_explain(exc)) from None

    def for_provider(self, provider: type[BaseProvider]) -> FoundKey | None:
        """The key for a provider: its keyring entry is its name, then its environment variable."""
        return self.find(provider.get_name(), provider.env_key)

    def find(
        self, name: str, env_var: str | None = None, explicit: str | None = None
    ) -> FoundKey | None:
        """The key to use: explicit, then session or keyring, then the environment variable."""
        if explicit:
            register_secret(explicit)
            return FoundKey(explicit, KeySource.EXPLICIT)
        if name in self._session:
            return FoundKey(self._session[name], KeySource.SESSION)
        try:
            stored = self.get(name)
            self.last_error = None
        except KeyringUnavailableError as exc:
            stored, self.last_error = None, exc.message
        if stored:
            return FoundKey(stored, KeySource.KEYRING)
        if env_var and (value := os.environ.get(env_var, "").strip()):
            register_secret(value)
            return FoundKey(value, KeySource.ENVIRONMENT, env_var)
        return None


def _explain(exc: keyring.errors.KeyringError) -> str:
    import keyring.errors

    if isinstance(exc, keyring.errors.KeyringLocked):
        return LOCKED_HELP
    if isinstance(exc, keyring.errors.InitError | keyring.errors.NoKeyringError):
        return UNAVAILABLE_HELP
    return f"the system keyring refused the request ({type(exc).__name__})"
