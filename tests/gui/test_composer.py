"""The composer (issue 22): one rounded box that grows with the text, attach and send inside
it, send turning into Stop while the chat streams."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from gui.widgets.composer import MAX_LINES, Composer


def composer(qtbot: QtBot) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    return widget


def test_the_message_field_grows_from_one_line_to_ten(qtbot: QtBot) -> None:
    widget = composer(qtbot)
    field = widget.input
    one = field.height()
    assert one < 2 * field.fontMetrics().lineSpacing() + 12  # before: 140 px for any text
    field.setPlainText("line\n" * 4 + "line")
    five = field.height()
    assert five > one
    field.setPlainText("line\n" * 40)
    most = field.height()
    assert most > five
    assert most <= MAX_LINES * field.fontMetrics().lineSpacing() + 12
    field.setPlainText("word " * 400)  # one long paragraph: wrapped lines count too
    assert field.height() == most
    field.clear()
    assert field.height() == one


def test_attach_and_send_sit_inside_the_box_and_send_becomes_stop(qtbot: QtBot) -> None:
    widget = composer(qtbot)
    buttons = widget.box.findChildren(QToolButton)
    assert widget.attach_button in buttons and widget.send_button in buttons
    send = widget.send_button
    assert (send.accessibleName(), send.toolTip()) == ("Send", "Send (Enter)")
    idle = send.icon().pixmap(20, 20).toImage()
    widget.set_busy(True)
    assert (send.accessibleName(), send.toolTip()) == ("Stop", "Stop the reply (Esc)")
    assert send.icon().pixmap(20, 20).toImage() != idle  # a square, not the arrow
    with qtbot.waitSignal(widget.stop_requested):
        send.click()
    widget.set_busy(False)
    assert send.accessibleName() == "Send"
