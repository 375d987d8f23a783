"""Keys in a real Secret Service keyring (gnome-keyring, see scripts/with-keyring.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from providers.errors import KeyringUnavailableError, MissingKeyError
from providers.keys import KeySource, KeyStore
from providers.openai_compat import OpenAI
from providers.redact import redact


@pytest.fixture
def secret_service() -> KeyringBackend:
    from keyring.backends.SecretService import Keyring

    try:
        Keyring.priority  # noqa: B018 - raises when no Secret Service answers
    except Exception as exc:
        if os.environ.get("CONFAB_REQUIRE_KEYRING"):
            pytest.fail(f"no Secret Service although CONFAB_REQUIRE_KEYRING is set: {exc}")
        pytest.skip(f"no Secret Service here ({exc}); run under scripts/with-keyring.sh")
    return Keyring()


@pytest.fixture
def store(secret_service: KeyringBackend) -> Iterator[KeyStore]:
    service = f"confab-test-{uuid.uuid4().hex[:8]}"
    yield KeyStore(secret_service, service=service)
    for name in ("OpenAI", "Custom"):
        KeyStore(secret_service, service=service).delete(name)


def test_set_read_replace_delete_in_the_real_keyring(store: KeyStore) -> None:
    assert store.available()
    assert store.get("OpenAI") is None
    store.set("OpenAI", "sk-first-value-000000")
    assert store.get("OpenAI") == "sk-first-value-000000"
    store.set("OpenAI", "  sk-second-value-11111 \n")
    assert store.get("OpenAI") == "sk-second-value-11111"
    store.delete("OpenAI")
    assert store.get("OpenAI") is None
    store.delete("OpenAI")  # deleting what is not there is fine


def test_a_new_store_sees_the_key(store: KeyStore, secret_service: KeyringBackend) -> None:
    store.set("Custom", "custom-key-abcdefgh")
    again = KeyStore(secret_service, service=store.service)
    assert again.get("Custom") == "custom-key-abcdefgh"


@pytest.mark.skipif(shutil.which("secret-tool") is None, reason="needs libsecret-tools")
def test_secret_tool_finds_the_entry(store: KeyStore) -> None:
    store.set("OpenAI", "sk-visible-to-secret-tool")
    out = subprocess.run(
        ["secret-tool", "lookup", "service", store.service, "username", "OpenAI"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    assert out.strip() == "sk-visible-to-secret-tool"


def test_lookup_order_explicit_keyring_environment(
    store: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-environment-1")
    found = store.find("OpenAI", "OPENAI_API_KEY")
    assert found and (found.value, found.source) == ("sk-from-environment-1", KeySource.ENVIRONMENT)
    store.set("OpenAI", "sk-from-keyring-22222")
    found = store.find("OpenAI", "OPENAI_API_KEY")
    assert found and (found.value, found.source) == ("sk-from-keyring-22222", KeySource.KEYRING)
    found = store.find("OpenAI", "OPENAI_API_KEY", explicit="sk-explicit-333333")
    assert found and found.source is KeySource.EXPLICIT


def test_keys_read_are_redacted_everywhere_after(store: KeyStore) -> None:
    store.set("Custom", "plainlookingkey42")
    assert "plainlookingkey42" not in redact("server said: bad key plainlookingkey42")


def test_no_backend_means_a_clear_error_and_no_file(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KeyStore(keyring.backends.fail.Keyring())
    assert not store.available()
    with pytest.raises(KeyringUnavailableError, match="No system keyring"):
        store.set("OpenAI", "sk-nowhere-to-go-000")
    store.keep_for_session("OpenAI", "sk-session-only-0000")
    found = store.find("OpenAI")
    assert found and found.source is KeySource.SESSION
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert KeyStore(keyring.backends.fail.Keyring()).find("OpenAI", "OPENAI_API_KEY") is None
    with pytest.raises(MissingKeyError, match="OPENAI_API_KEY"):
        OpenAI.require_key(None)


class LockedKeyring(KeyringBackend):
    """Stands in for a locked collection: unlocking needs a person at a prompt."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


def test_locked_keyring_says_to_unlock() -> None:
    store = KeyStore(LockedKeyring())
    with pytest.raises(KeyringUnavailableError, match="locked; unlock it"):
        store.get("OpenAI")
    assert store.find("OpenAI") is None
    assert (
        store.problem()
        == "the system keyring is locked; unlock it (log in again or open your keyring app)"
    )


@pytest.fixture
def plaintext_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringBackend]:
    """keyrings.alt's PlaintextKeyring, as some distributions install it, writing under tmp."""
    from keyrings.alt.file import PlaintextKeyring

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    backend = PlaintextKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_a_plaintext_keyring_is_never_used(
    plaintext_keyring: KeyringBackend, tmp_path: Path
) -> None:
    for store in (KeyStore(), KeyStore(plaintext_keyring)):
        assert not store.available()
        with pytest.raises(KeyringUnavailableError, match="keeps keys in a file"):
            store.set("OpenAI", "sk-never-on-disk-0123456789")
        assert "does not use it" in (store.problem() or "")
        assert store.refused_keyring() == "keyrings.alt.file.PlaintextKeyring"  # named on demand
        store.keep_for_session("OpenAI", "sk-never-on-disk-0123456789")
        found = store.find("OpenAI")
        assert found and found.source is KeySource.SESSION
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_from_a_chain_only_the_system_keyring_is_taken(
    secret_service: KeyringBackend, plaintext_keyring: KeyringBackend
) -> None:
    from keyring.backends.chainer import ChainerBackend

    chain = ChainerBackend()
    names = [type(b).__module__ for b in chain.backends]
    assert "keyrings.alt.file" in names  # the file store is in the chain behind it
    keyring.set_keyring(chain)
    assert type(KeyStore().backend) is type(secret_service)
