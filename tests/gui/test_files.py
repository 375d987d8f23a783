"""Files in a chat, on a real window: PDFs and code dropped as chips, previewed, sent the way
the provider takes them, kept in history and sent again on the next turn; a locked PDF asks
for its password; a PDF over the provider's pages offers to send the pages that fit; a long
paste becomes a file."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.attachments import files_in
from gui.core.history import HistoryStore
from gui.widgets.attachments import FileChip
from gui.widgets.file_preview import FilePreview
from gui.widgets.file_questions import questions
from providers.files import PDF_MIME, PreparedFile
from providers.keys import KeyStore
from tests.gui.conftest import write_settings
from tests.gui.helpers import next_signal, settled
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.gui.test_images import drop
from tests.localserver import LocalServer, transcript
from tests.pdfs import RUSSIAN, long_pdf, text_pdf

CODE = "def add(a, b):\n    return a + b\n"


def files(tmp_path: Path) -> list[Path]:
    report = tmp_path / "report.pdf"
    report.write_bytes(text_pdf(["Revenue grew 12%.", RUSSIAN]))
    (tmp_path / "add.py").write_text(CODE)
    (tmp_path / "test_add.py").write_text("from add import add\n\nassert add(1, 2) == 3\n")
    return [report, tmp_path / "add.py", tmp_path / "test_add.py"]


def chips(app: ConfabApp) -> list[FileChip]:
    return app.window.composer.attachments.findChildren(FileChip)


async def test_a_pdf_and_two_code_files_go_as_chips_and_as_text_to_a_local_server(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, tmp_path: Path
) -> None:
    drop(confab.window.composer.input.viewport(), files(tmp_path))
    await confab.window.composer.wait_attachments()
    assert sorted(c.item.name for c in chips(confab)) == ["add.py", "report.pdf", "test_add.py"]
    pdf_chip = next(c for c in chips(confab) if c.item.name == "report.pdf")
    assert "2 pages" in " ".join(label.text() for label in pdf_chip.findChildren(QLabel))
    server.stream("POST", PATH, sse("Revenue grew; the tests pass."))
    reply = await sent_and_answered(qtbot, confab, "Review these")
    [message] = server.requests[-1].json()["messages"]
    sent = message["content"]
    assert isinstance(sent, str)  # llama.cpp reads no PDFs: their text, with page markers
    assert "report.pdf (2 pages)\n\n--- page 1 ---\nRevenue grew 12%." in sent
    assert f"add.py:\n```python\n{CODE}```" in sent and "test_add.py:\n```python\n" in sent
    assert sent.endswith("Review these")
    # The transcript shows the message's chips; a click opens the preview, Save as… writes it.
    prompt = confab.controller.conversation.find(reply.parent_id or "")
    assert prompt is not None and len(files_in(prompt.attachments)) == 3
    row = confab.window.chat_view.row(prompt.id)
    assert row is not None
    html = confab.window.chat_view.document(row).toHtml()
    assert "report.pdf" in html and "add.py" in html and "2 pages" in html
    index = next(i for i, a in enumerate(prompt.attachments) if a.name == "report.pdf")
    confab.window.chat_view.anchorClicked.emit(QUrl(f"confab:file/{prompt.id}/{index}"))
    preview = confab.window.chat_view.viewer
    assert isinstance(preview, FilePreview) and preview.isVisible()
    await preview.ready
    assert not preview.page.pixmap().isNull()  # the first page, drawn by the PDF worker
    preview._write(str(tmp_path / "again.pdf"))
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "report.pdf").read_bytes()
    preview.close()


async def test_files_are_kept_in_history_and_sent_again_next_turn(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, tmp_path: Path, profile: Path
) -> None:
    drop(confab.window.composer.input.viewport(), files(tmp_path)[:2])
    await confab.window.composer.wait_attachments()
    server.stream("POST", PATH, sse("Noted."))
    await sent_and_answered(qtbot, confab, "Read these")
    server.stream("POST", PATH, sse("It adds."))
    await sent_and_answered(qtbot, confab, "What does add do?")
    first, _answer, follow_up = server.requests[-1].json()["messages"]
    assert "report.pdf (2 pages)" in first["content"] and "add.py:\n```python" in first["content"]
    assert follow_up == {"role": "user", "content": "What does add do?"}
    store = HistoryStore(profile / "history.sqlite3")
    try:
        chat = store.load(confab.controller.conversation.id)
        assert chat is not None
        kept = files_in(chat.messages[0].attachments)
        assert [(f.name, f.mime, f.pages) for f in kept] == [
            ("report.pdf", PDF_MIME, 2),
            ("add.py", "text/plain", 0),
        ]
        assert kept[1].language == "python" and kept[1].text() == CODE
    finally:
        store.close()


async def test_a_long_paste_becomes_a_text_file(confab: ConfabApp) -> None:
    log = "\n".join(f"12:00:{n % 60:02} worker {n} ok" for n in range(400))
    mime = QMimeData()
    mime.setText(log)
    confab.window.composer.input.insertFromMimeData(mime)
    assert confab.window.composer.input.toPlainText() == ""
    [pasted] = confab.window.composer.attachments.items()
    assert isinstance(pasted, PreparedFile) and pasted.text() == log
    short = QMimeData()
    short.setText("a few words")
    confab.window.composer.input.insertFromMimeData(short)
    assert confab.window.composer.input.toPlainText() == "a few words"


async def test_a_locked_pdf_asks_for_its_password(
    qtbot: QtBot, confab: ConfabApp, tmp_path: Path
) -> None:
    locked = tmp_path / "plan.pdf"
    locked.write_bytes(text_pdf(["the plan"], password="s3cret"))
    composer = confab.window.composer
    asked = next_signal(questions().opened)
    composer.attach_urls([QUrl.fromLocalFile(str(locked))])
    for answer in ("guess", "s3cret"):
        (dialog,) = await asked
        assert isinstance(dialog, QInputDialog) and "plan.pdf" in dialog.labelText()
        assert ("did not open" in dialog.labelText()) == (answer == "s3cret")
        dialog.setTextValue(answer)
        asked = next_signal(questions().opened)
        dialog.accept()
    await composer.wait_attachments()
    [opened] = composer.attachments.items()
    assert isinstance(opened, PreparedFile) and opened.pages == 1
    assert opened.data != locked.read_bytes()  # sent without its password


@pytest.fixture
async def anthropic_app(server: LocalServer, profile: Path) -> AsyncIterator[ConfabApp]:
    """The app on a local server speaking Anthropic's Messages API (no key: not Anthropic's
    own address, so the server decides)."""
    server.reply("GET", "/v1/models", {"data": [{"id": "claude-test", "type": "model"}]})
    write_settings(profile, "Anthropic", server.url + "/v1", model="claude-test")
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    app.window.show()
    await settled(app)
    yield app
    await app.close()


async def send_a_long_book(qtbot: QtBot, app: ConfabApp, tmp_path: Path) -> QMessageBox:
    """Attach a 120-page PDF and send it to Anthropic's API (100 pages at most): the question
    that comes up."""
    book = tmp_path / "book.pdf"
    book.write_bytes(long_pdf(120))
    app.window.composer.attach_urls([QUrl.fromLocalFile(str(book))])
    await app.window.composer.wait_attachments()
    qtbot.keyClicks(app.window.composer.input, "Summarise")
    asked = next_signal(questions().opened)
    app.window.composer.submit()
    (box,) = await asked
    assert isinstance(box, QMessageBox) and box.objectName() == "pageLimit"
    assert "120 pages" in box.text()
    return box


async def test_a_pdf_over_the_page_limit_is_offered_cut_to_what_fits(
    qtbot: QtBot, anthropic_app: ConfabApp, server: LocalServer, tmp_path: Path
) -> None:
    app = anthropic_app
    server.stream("POST", "/v1/messages", transcript("anthropic-sdk-python_basic_response.txt"))
    finished = asyncio.ensure_future(next_signal(app.controller.message_finished))
    box = await send_a_long_book(qtbot, app, tmp_path)
    [cut] = [b for b in box.findChildren(QPushButton) if "first 100 pages" in b.text()]
    cut.click()
    await finished
    [message] = server.requests[-1].json()["messages"]
    [document, question] = message["content"]
    assert document["type"] == "document" and question["text"] == "Summarise"
    prompt = app.controller.conversation.messages[0]
    [sent] = files_in(prompt.attachments)
    assert sent.pages == 100  # what was sent is what the chat keeps


async def test_cancelling_the_cut_gives_the_message_back(
    qtbot: QtBot, anthropic_app: ConfabApp, tmp_path: Path
) -> None:
    app = anthropic_app
    box = await send_a_long_book(qtbot, app, tmp_path)
    given_back = next_signal(app.window.composer.attachments.changed)
    box.reject()
    await given_back
    assert app.window.composer.input.toPlainText() == "Summarise"
    assert [a.name for a in app.window.composer.attachments.items()] == ["book.pdf"]
    assert app.controller.conversation.messages == []


async def test_earlier_pdfs_past_the_page_limit_are_left_out_oldest_first_and_said(
    qtbot: QtBot, anthropic_app: ConfabApp, server: LocalServer, tmp_path: Path
) -> None:
    app = anthropic_app
    answer = transcript("anthropic-sdk-python_basic_response.txt")
    for name in ("first.pdf", "second.pdf", "third.pdf"):
        (tmp_path / name).write_bytes(long_pdf(40))
        app.window.composer.attach_urls([QUrl.fromLocalFile(str(tmp_path / name))])
        await app.window.composer.wait_attachments()
        server.stream("POST", "/v1/messages", answer)
        await sent_and_answered(qtbot, app, f"Read {name}")
    titles = [
        block["title"]
        for message in server.requests[-1].json()["messages"]
        if isinstance(message["content"], list)
        for block in message["content"]
        if block["type"] == "document"
    ]
    assert titles == ["second.pdf", "third.pdf"]  # 40 + 40 of 100 pages; the first left out
    assert "were not sent again: first.pdf" in app.window.statusBar().currentMessage()
