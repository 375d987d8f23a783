"""Small visual faults a new user saw (issue 21, item 12), each measured in a real view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Conversation, Message, Status
from gui.render import Renderer
from gui.theme import LIGHT
from gui.widgets.chat_view import ChatView
from gui.widgets.message_list import TOP
from tests.gui.test_chat_view import view_with


def tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def test_a_display_formula_is_centred_while_it_streams_and_after(qtbot: QtBot) -> None:
    view = view_with(qtbot)
    reply = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(reply)
    row = view.row(reply.id)
    assert row is not None
    text = "The sum:\n\n$$\\sum_{k=1}^{n} k$$\n\nDone, and more words follow here.\n\n"
    for end in range(1, len(text) + 1, 3):
        reply.text = text[:end]
        view.update_live(reply)
    (streamed,) = tables(view.document(row))
    assert streamed.format().alignment() & Qt.AlignmentFlag.AlignHCenter  # before: left
    reply.status = Status.DONE
    view.finish_message(reply)
    view.rebuild(reply.id)
    (rendered,) = tables(view.document(row))
    assert rendered.format().alignment() & Qt.AlignmentFlag.AlignHCenter


def test_a_table_after_a_code_block_has_room_above_it() -> None:
    doc = QTextDocument()
    doc.setHtml(Renderer(LIGHT).render("```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"))
    doc.setTextWidth(500)
    layout = doc.documentLayout()
    code = doc.find("code").block()
    table = tables(doc)[-1]  # after the code block's bar
    gap = layout.frameBoundingRect(table).top() - layout.blockBoundingRect(code).bottom()
    assert gap >= 8  # before: 0, the table's border on the code's background


def test_a_users_card_stays_put_when_the_scroll_bar_appears(qtbot: QtBot) -> None:
    view = view_with(qtbot, Message("user", "first question"))
    view.show()
    assert not view.verticalScrollBar().isVisible()
    before = view._card(0)
    for n in range(12):
        view.add_message(Message("assistant", f"answer {n}\n\n" + "words " * 80, model="m"))
    assert view.verticalScrollBar().maximum() > 0
    QApplication.processEvents()  # the scroll area shows its bar in a posted layout event
    assert view.verticalScrollBar().isVisible()
    after = view._card(0)
    assert (after.x(), after.width()) == (before.x(), before.width())  # before: moved 14 px


def test_the_first_card_does_not_touch_the_top_edge(qtbot: QtBot) -> None:
    view = view_with(qtbot, Message("user", "hello"))
    view.show()
    assert view._card(0).top() >= TOP > 0


def link_width(view: ChatView, message: Message, href: str) -> float:
    row = view.row(message.id)
    assert row is not None
    link = next(link for link in view._links(row) if link.href == href)
    doc = view.document(row)
    block = doc.findBlock(link.start)
    line = block.layout().lineForTextPosition(link.start - block.position())
    start = line.cursorToX(link.start - block.position())[0]
    end = line.cursorToX(link.end - block.position())[0]
    return float(end - start)


def test_the_branch_arrows_are_wide_enough_to_hit(qtbot: QtBot) -> None:
    first = Message("assistant", "Red.", model="m")
    conversation = Conversation(messages=[Message("user", "A colour?"), first])
    second = conversation.add_sibling(Message("assistant", "Blue.", model="m"), first)
    conversation.messages[-1] = second
    view = ChatView(LIGHT)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show_conversation(conversation)
    assert link_width(view, second, f"confab:branch/{second.id}/-1") >= 16  # before: ~6 px


def test_copying_a_code_block_says_copied_on_the_block(qtbot: QtBot) -> None:
    reply = Message("assistant", "Run:\n\n```bash\nls -la\n```\n", model="m")
    view = view_with(qtbot, Message("user", "How?"), reply)
    view.anchorClicked.emit(QUrl(f"confab:copy/{reply.id}/0"))
    assert QGuiApplication.clipboard().text() == "ls -la"
    row = view.row(reply.id)
    assert row is not None
    assert "bash    Copied ✓\n" in view.document(row).toPlainText()  # on its bar
    view.rebuild(reply.id)  # what the timer does after a moment
    assert "Copied" not in view.document(row).toPlainText()
    assert "\ufffc Copy" in view.document(row).toPlainText()  # the icon and its word
    QGuiApplication.clipboard().clear()


async def test_an_attachment_problem_does_not_follow_into_another_chat(
    qtbot: QtBot, confab: ConfabApp, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.bin"
    notes.write_bytes(b"\x00\x01 not an image")
    composer = confab.window.composer
    composer.attach_urls([QUrl.fromLocalFile(str(notes))])
    await composer.wait_attachments()
    assert composer.notice.isVisibleTo(confab.window) and "notes.bin" in composer.notice.text()
    confab.new_chat()
    assert not composer.notice.isVisibleTo(confab.window)  # before: it stayed
