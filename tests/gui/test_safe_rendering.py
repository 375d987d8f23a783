"""Hostile model output renders inert: no HTML, no remote or file loads, no unsafe links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.render import Renderer
from gui.widgets.chat_view import ChatView
from gui.widgets.message_list import Row, SafeDocument
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.localserver import LocalServer

HOSTILE = (
    "<script>alert('x')</script>\n\n"
    '<img src="http://127.0.0.1:9/track.png"> <b>bold?</b>\n\n'
    "[click](javascript:alert(1)) [local](file:///etc/passwd) [custom](ftp://x/y)\n\n"
    "![remote](http://127.0.0.1:9/pixel.png) ![disk](file:///etc/hostname)\n\n"
    '<a href="javascript:alert(2)">raw link</a> [fine](https://example.com/docs)\n'
)


async def test_hostile_reply_is_inert(qtbot: QtBot, confab: ConfabApp, server: LocalServer) -> None:
    server.stream("POST", PATH, sse(HOSTILE))
    await sent_and_answered(qtbot, confab, "be evil")
    view = confab.window.chat_view
    markup = view.toHtml()
    shown = view.toPlainText()
    assert "<script>alert('x')</script>" in shown  # shown as text
    assert "<b>bold?</b>" in shown
    assert '<img src="http' not in markup
    for bad in ("javascript:", "file:", "ftp:"):
        assert f'href="{bad}' not in markup
    assert 'href="https://example.com/docs"' in markup
    assert 'href="http://127.0.0.1:9/pixel.png"' in markup  # a link to the image, not a load
    view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert view.opened_links == []


def test_view_loads_nothing_from_outside(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    load = SafeDocument.loadResource

    def recording(document: SafeDocument, kind: int, url: QUrl | str) -> object:
        asked.append(QUrl(url).toString())
        return load(document, kind, url)

    monkeypatch.setattr(SafeDocument, "loadResource", recording)
    view = ChatView(Renderer().theme)
    qtbot.addWidget(view)
    images = (
        '<img src="http://127.0.0.1:9/a.png"><img src="file:///etc/hostname"><img src="qrc:/x.png">'
    )
    view.set_rows([Row("x", "assistant", lambda doc: doc.setHtml(images))])
    view.resize(400, 300)
    view.viewport().grab()  # paints synchronously, so every image is asked for
    assert asked  # Qt did ask...
    for url in list(asked):  # ...and got nothing back
        assert load(SafeDocument(), QTextDocument.ResourceType.ImageResource.value, url) is None


def tooltips_of(view: ChatView, href: str) -> list[str]:
    """The tooltip of each piece of text that links to ``href``."""
    found = []
    for row in view.rows:
        block = view.document(row).begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.anchorHref() == href:
                    found.append(fmt.toolTip())
                it += 1
            block = block.next()
    return found


async def test_a_link_cannot_hide_where_it_goes(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    # Right-to-left override and zero-width space: the text would read "paypal.com".
    server.stream(
        "POST", PATH, sse("Log in at [\u202emoc.lapyap\u200b](https://evil.example/login).")
    )
    await sent_and_answered(qtbot, confab, "where do I log in?")
    view = confab.window.chat_view
    shown = view.toPlainText()
    assert "moc.lapyap" in shown
    assert "\u202e" not in shown and "\u200b" not in shown
    assert tooltips_of(view, "https://evil.example/login") == ["https://evil.example/login"]
    view.highlighted.emit(QUrl("https://evil.example/login"))  # the pointer is on the link
    bar = confab.window.statusBar()
    assert bar.currentMessage() == "https://evil.example/login"
    view.highlighted.emit(QUrl())  # and leaves it
    assert bar.currentMessage() == ""
    view.highlighted.emit(QUrl("confab:delete/x"))  # Confab's own actions show no address
    assert bar.currentMessage() == ""
