"""Images dropped, pasted or picked: converted off the UI thread, refused clearly when bad."""

from __future__ import annotations

import asyncio
import os
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from providers.base import ModelInfo
from tests.gui.helpers import next_signal
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.localserver import LocalServer


def photo(path: Path, size: tuple[int, int] = (3000, 2000), fmt: str = "JPEG") -> Path:
    Image.new("RGB", size, "teal").save(path, fmt)
    return path


def drop(
    widget: QWidget, urls: list[Path] | list[QUrl], check: Callable[[], object] = lambda: True
) -> None:
    """Drag files over a widget and release them, as the platform would; ``check`` must hold
    while they are over it."""
    mime = QMimeData()
    mime.setUrls([u if isinstance(u, QUrl) else QUrl.fromLocalFile(str(u)) for u in urls])
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    assert check()
    event = QDropEvent(
        pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


async def test_drop_on_the_transcript_attaches_a_downscaled_image(
    confab: ConfabApp, tmp_path: Path
) -> None:
    view = confab.window.chat_view
    assert not view.property("dropZone")
    drop(view.viewport(), [photo(tmp_path / "big.jpg")], check=lambda: view.property("dropZone"))
    assert not view.property("dropZone")  # the outline goes with the drop
    await confab.window.composer.wait_attachments()
    (image,) = confab.window.composer.attachments.images()
    assert max(image.width, image.height) == confab.controller.provider.image_limits.max_side
    assert confab.window.composer.attachments.isVisible()


async def test_drop_on_the_input_and_send_shows_the_image_in_the_transcript(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, tmp_path: Path
) -> None:
    drop(confab.window.composer.input.viewport(), [photo(tmp_path / "a.png", (200, 100), "PNG")])
    await confab.window.composer.wait_attachments()
    server.stream("POST", PATH, sse("A teal rectangle."))
    await sent_and_answered(qtbot, confab, "What is this?")
    content = server.requests[-1].json()["messages"][-1]["content"]
    assert content[1]["image_url"]["url"].startswith("data:image/png;base64,")
    view = confab.window.chat_view
    (src,) = re.findall(r'src="(confab-image:[^"]+)"', view.toHtml())
    row = view.row(src.removeprefix("confab-image:").partition("/")[0])
    assert row is not None
    shown = view.document(row).resource(QTextDocument.ResourceType.ImageResource.value, QUrl(src))
    assert isinstance(shown, QImage)
    assert (shown.width(), shown.height()) == (200, 100)
    assert confab.window.composer.attachments.images() == []
    # A click opens it large, at its own size (it fits the screen); a click closes it.
    view.anchorClicked.emit(QUrl(src.replace("confab-image:", "confab:image/")))
    viewer = view.viewer
    assert viewer is not None and viewer.isVisible()
    pixmap = viewer.picture.pixmap()
    assert (pixmap.width(), pixmap.height()) == (200, 100)
    qtbot.mouseClick(viewer.picture, Qt.MouseButton.LeftButton)
    assert not viewer.isVisible()


async def test_non_image_file_gets_a_message_and_nothing_else(
    confab: ConfabApp, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.7 not a picture")
    archive = tmp_path / "notes.zip"
    archive.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    confab.window.composer.input.setPlainText("draft stays")
    drop(confab.window.chat_view.viewport(), [notes, archive])
    await confab.window.composer.wait_attachments()
    assert confab.window.composer.attachments.items() == []
    assert sorted(confab.window.composer.notice.text().split("\n")) == [  # as each is read
        "notes.pdf is damaged or not a PDF Confab can read",
        "notes.zip cannot be sent: it looks like a ZIP archive or office document, not an "
        "image, a PDF or text",
    ]
    assert confab.window.composer.input.toPlainText() == "draft stays"
    assert confab.controller.conversation.messages == []


async def test_several_bad_files_are_all_named(confab: ConfabApp, tmp_path: Path) -> None:
    bad = []
    for name, data in [("a.pdf", b"%PDF-1.7"), ("b.bin", b"\x00\x01\x02"), ("c.png", b"")]:
        (tmp_path / name).write_bytes(data)
        bad.append(tmp_path / name)
    drop(confab.window.chat_view.viewport(), [*bad, photo(tmp_path / "ok.jpg", (40, 30))])
    await confab.window.composer.wait_attachments()
    assert len(confab.window.composer.attachments.items()) == 1
    assert sorted(confab.window.composer.problems()) == [
        "a.pdf is damaged or not a PDF Confab can read",
        "b.bin cannot be sent: it is not an image, a PDF or text (UTF-8, or UTF-16 with a byte "
        "order mark)",
        "c.png is empty",
    ]
    shown = confab.window.composer.notice.text().splitlines()
    assert set(confab.window.composer.problems()) <= set(shown)  # all shown, with the hint


async def test_a_file_name_that_is_not_utf8_is_attached(confab: ConfabApp, tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/\xff\xfecat.png"  # a Latin-1 name on a UTF-8 system
    Image.new("RGB", (40, 30), "teal").save(os.fsdecode(raw), "PNG")
    url = QUrl.fromEncoded(b"file://" + urllib.parse.quote_from_bytes(raw).encode())
    drop(confab.window.chat_view.viewport(), [url])
    await confab.window.composer.wait_attachments()
    assert confab.window.composer.problems() == []
    (image,) = confab.window.composer.attachments.images()
    assert image.name == "\ufffd\ufffdcat.png"


async def test_paste_an_image(qtbot: QtBot, confab: ConfabApp) -> None:
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkMagenta)
    clipboard = QGuiApplication.clipboard()
    clipboard.setImage(image)
    try:
        confab.window.composer.input.setFocus()
        qtbot.keyClick(
            confab.window.composer.input, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
        )
        await confab.window.composer.wait_attachments()
    finally:
        clipboard.clear()
    (attached,) = confab.window.composer.attachments.images()
    assert (attached.width, attached.height) == (320, 240)
    assert attached.name == "pasted image.png"


async def test_remove_button_drops_the_attachment(
    qtbot: QtBot, confab: ConfabApp, tmp_path: Path
) -> None:
    drop(confab.window.chat_view.viewport(), [photo(tmp_path / "x.jpg", (50, 50))])
    await confab.window.composer.wait_attachments()
    from PySide6.QtWidgets import QToolButton

    button = confab.window.composer.attachments.findChild(QToolButton)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert confab.window.composer.attachments.images() == []


async def test_an_attached_picture_is_stored_ahead_and_goes_when_taken_out(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, tmp_path: Path
) -> None:
    """Issue 25: its bytes are stored while the user writes (off the window's thread), so the
    send writes none; taken out with its ×, they go."""
    from PySide6.QtWidgets import QToolButton

    from tests.gui.helpers import settled

    def blobs() -> int:
        return int(confab.history._db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0])

    drop(confab.window.chat_view.viewport(), [photo(tmp_path / "x.png", (80, 60), "PNG")])
    await confab.window.composer.wait_attachments()
    await settled(confab)
    assert blobs() == 1  # before: none until the message was saved
    button = confab.window.composer.attachments.findChild(QToolButton)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blobs() == 0
    drop(confab.window.chat_view.viewport(), [photo(tmp_path / "y.png", (80, 60), "PNG")])
    await confab.window.composer.wait_attachments()
    await settled(confab)
    server.stream("POST", PATH, sse("A picture."))
    await sent_and_answered(qtbot, confab, "What is this?")
    assert blobs() == 1  # held by the message now


async def test_provider_without_vision_says_so(confab: ConfabApp, tmp_path: Path) -> None:
    confab.window.select_provider("AI365VIP")
    drop(confab.window.chat_view.viewport(), [photo(tmp_path / "x.jpg", (50, 50))])
    await confab.window.composer.wait_attachments()
    assert "cannot read images" in confab.window.composer.notice.text()


async def test_file_picker_attaches_the_chosen_files(confab: ConfabApp, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    first, second = photo(tmp_path / "one.jpg", (40, 30)), photo(tmp_path / "two.jpg", (30, 40))
    confab.window.composer.attach_button.click()
    dialog = confab.window.composer.findChild(QFileDialog)
    assert dialog is not None
    assert dialog.isVisible()  # opened with open(): the loop keeps running
    dialog.filesSelected.emit([str(first), str(second)])
    dialog.close()
    await confab.window.composer.wait_attachments()
    assert sorted(i.name for i in confab.window.composer.attachments.images()) == [
        "one.jpg",
        "two.jpg",
    ]


async def test_a_local_server_gets_no_vision_warning_unless_its_model_is_known_blind(
    confab: ConfabApp, tmp_path: Path
) -> None:
    # Issue 25: the warning showed for llama.cpp models that read images. It shows only where
    # the model list says the model does not (the server answers for the rest).
    drop(confab.window.chat_view.viewport(), [photo(tmp_path / "x.jpg", (50, 50))])
    await confab.window.composer.wait_attachments()
    assert confab.window.composer.notice.text() == ""
    assert len(confab.window.composer.attachments.images()) == 1
    picker = confab.window.model_picker
    picker.set_models([ModelInfo("local-model", vision=False)], "local-model")
    confab._check_vision()
    assert confab.window.composer.notice.text() == (
        "local-model does not accept images; pick a vision model."
    )


async def test_an_image_without_text_is_sent(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, tmp_path: Path
) -> None:
    # It went out as "messages": [] (a message without text was not a turn).
    drop(confab.window.composer.input.viewport(), [photo(tmp_path / "a.png", (20, 10), "PNG")])
    await confab.window.composer.wait_attachments()
    server.stream("POST", PATH, sse("A teal rectangle."))
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished))
    qtbot.keyClick(confab.window.composer.input, Qt.Key.Key_Return)
    await finished
    (turn,) = server.requests[-1].json()["messages"]
    assert turn["role"] == "user"
    assert [part["type"] for part in turn["content"]] == ["image_url"]


async def test_images_of_earlier_turns_are_sent_again_oldest_dropped_first(
    qtbot: QtBot,
    confab: ConfabApp,
    server: LocalServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    sizes = [(40, 20), (50, 20), (60, 20)]
    for n, size in enumerate(sizes):
        drop(confab.window.composer.input.viewport(), [photo(tmp_path / f"{n}.png", size, "PNG")])
        await confab.window.composer.wait_attachments()
        server.stream("POST", PATH, sse(f"Seen {n}."))
        await sent_and_answered(qtbot, confab, f"picture {n}")
    sent = server.requests[-1].json()["messages"]
    urls = [
        part["image_url"]["url"]
        for message in sent
        if isinstance(message["content"], list)
        for part in message["content"]
        if part["type"] == "image_url"
    ]
    assert len(urls) == 3  # each in its own turn, the newest through media as before
    assert [m["content"][0] for m in sent if m["role"] == "user"] == [
        {"type": "text", "text": f"picture {n}"} for n in range(3)
    ]
    # A provider that takes two images per request: the oldest is left out, with a notice.
    provider = confab.controller.provider
    monkeypatch.setattr(provider, "image_limits", replace(provider.image_limits, max_count=2))
    server.stream("POST", PATH, sse("ok"))
    await sent_and_answered(qtbot, confab, "and all three?")
    sent = server.requests[-1].json()["messages"]
    with_images = [m["content"][0]["text"] for m in sent if isinstance(m["content"], list)]
    assert with_images == ["picture 1", "picture 2"]
    assert "1 image(s) from earlier messages were not sent again" in (
        confab.window.statusBar().currentMessage()
    )


async def test_an_attached_images_small_pictures_are_made_off_the_window_thread(
    confab: ConfabApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from gui import thumbnails

    made_on: list[bool] = []
    original = thumbnails.decode

    def decode(data: bytes, side: int) -> QImage:
        made_on.append(threading.current_thread() is threading.main_thread())
        return original(data, side)

    monkeypatch.setattr(thumbnails, "decode", decode)
    drop(confab.window.chat_view.viewport(), [photo(tmp_path / "big.jpg", (3000, 2000))])
    await confab.window.composer.wait_attachments()
    (image,) = confab.window.composer.attachments.images()
    assert made_on == [False, False]  # both sizes, in a worker thread
    small = thumbnails.get(image.data, thumbnails.SIZES[1])
    assert max(small.width(), small.height()) == thumbnails.SIZES[1]
    assert made_on == [False, False]  # the transcript's is found, not decoded again
