"""How messages look (issue 22): a centred column, replies without a box, the user's bubble,
quiet icon actions named on hover and on keyboard focus, code in a rounded panel with a bar."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPaintEvent,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from gui import math_render
from gui.core.conversation import Conversation, Message, Status
from gui.theme import COLUMN, DARK, LIGHT, Theme
from gui.widgets import code_panels
from gui.widgets.chat_view import ChatView
from gui.widgets.message_list import MessageList
from tests.gui.helpers import action_names, next_signal

CODE = "Run it:\n\n```bash\nls -la\n```\n\nDone."


def shown(qtbot: QtBot, *messages: Message, theme: Theme = LIGHT, width: int = 1400) -> ChatView:
    view = ChatView(theme)
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.show()
    view.show_conversation(Conversation(messages=list(messages)))
    return view


def picture(view: ChatView) -> QImage:
    return view.viewport().grab().toImage()


def test_the_conversation_is_a_centred_column(qtbot: QtBot) -> None:
    reply = Message("assistant", "A reply " * 200, model="m")
    view = shown(qtbot, Message("user", "Hello"), reply)
    user, answer = view._card(0), view._card(1)
    assert answer.width() <= COLUMN  # before: the window's whole width
    middle = view._content_width() / 2
    assert abs(answer.center().x() - middle) <= 1
    assert user.right() == answer.right()  # the bubble ends where the column does
    assert user.width() < answer.width() / 2  # and is as wide as its text


def test_a_reply_has_no_box_and_the_users_message_a_bubble(qtbot: QtBot) -> None:
    reply = Message("assistant", "Plain words", model="m")
    for theme in (LIGHT, DARK):
        view = shown(qtbot, Message("user", "Hello there"), reply, theme=theme)
        image = picture(view)
        bubble, answer = view._card(0), view._card(1)
        inside = QPoint(int(bubble.center().x()), int(bubble.top() + 4))
        assert image.pixelColor(inside).name() == theme.user_bg
        edge = [
            image.pixelColor(int(answer.left()) + 1, y).name()
            for y in range(int(answer.top()), int(answer.bottom()))
        ]
        assert set(edge) == {theme.page}  # before: a bordered card


async def test_actions_are_icons_named_on_hover_and_on_keyboard_focus(qtbot: QtBot) -> None:
    reply = Message("assistant", "An answer.", model="m")
    view = shown(qtbot, Message("user", "Hello"), reply)
    assert action_names(view, reply.id) == ["Copy", "Copy Markdown", "Regenerate", "Delete"]
    row = view.row(reply.id)
    assert row is not None
    assert "Copy" not in view.document(row).toPlainText()  # icons, not words
    view.setFocus()
    view.focus_row(row)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.focused_link() == f"confab:copytext/{reply.id}"
    assert QToolTip.isVisible() and QToolTip.text() == "Copy"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QToolTip.text() == "Copy Markdown"
    QToolTip.hideText()


def test_a_code_block_is_a_panel_with_a_bar(qtbot: QtBot) -> None:
    reply = Message("assistant", CODE, model="m")
    for theme in (LIGHT, DARK):
        view = shown(qtbot, reply, theme=theme)
        row = view.row(reply.id)
        assert row is not None
        doc = view.document(row)
        layout = doc.documentLayout()
        card = view._card(0)
        image = picture(view)
        code = layout.blockBoundingRect(doc.find("ls -la").block())
        language = layout.blockBoundingRect(doc.find("bash").block())
        origin = card.topLeft().toPoint() + QPoint(12, 12)  # the card's padding
        bar = origin + QPoint(int(card.width() / 2), int(language.top()))
        body = origin + QPoint(int(card.width() / 2), int(code.center().y()))
        assert image.pixelColor(bar).name() == theme.code_header
        assert image.pixelColor(body).name() == theme.code_bg
        corner = origin + QPoint(0, int(language.top()) - 6)  # the bar's rounded corner
        assert image.pixelColor(corner).name() != theme.code_header


def images_in(view: ChatView, message_id: str) -> list[str]:
    row = view.row(message_id)
    assert row is not None
    doc = view.document(row)
    names, block = [], doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            fragments += 1
        block = block.next()
    return names


def test_math_is_typeset_and_tex_that_does_not_parse_stays_as_code(qtbot: QtBot) -> None:
    math_render.load()  # the typesetter is in (the lazy path has its own test)
    tex = (
        "Inline $e^{i\\pi}+1=0$, \\(a^2\\), then\n\n$$\\sum_{k=1}^{n} k$$\n\n"
        "\\[x_1\\]\n\nBad: $\\frac{1}{$"
    )
    reply = Message("assistant", tex, model="m")
    view = shown(qtbot, reply)
    formulas = [name for name in images_in(view, reply.id) if name.startswith("math:")]
    assert len(formulas) == 4  # before: Unicode text, no pictures
    row = view.row(reply.id)
    assert row is not None
    doc = view.document(row)
    picture = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(formulas[0]))
    assert isinstance(picture, QImage) and not picture.isNull()
    inked = [
        picture.pixelColor(x, y).alpha()
        for x in range(picture.width())
        for y in range(picture.height())
    ]
    assert max(inked) > 0  # drawn, not an empty box
    assert "\\frac{1}{" in doc.toPlainText()  # shown as it came, as code
    view.anchorClicked.emit(QUrl(f"confab:copytext/{reply.id}"))
    copied = QGuiApplication.clipboard().text()
    assert (
        "$e^{i\\pi}+1=0$" in copied and "$$\\sum_{k=1}^{n} k$$" in copied
    )  # the TeX, not pictures


def test_a_formula_follows_the_theme(qtbot: QtBot) -> None:
    math_render.load()
    reply = Message("assistant", "$x^2$", model="m")
    light = images_in(shown(qtbot, reply, theme=LIGHT), reply.id)
    dark = images_in(shown(qtbot, reply, theme=DARK), reply.id)
    assert light and dark and light != dark  # drawn again in the dark theme's text colour


def test_a_streaming_reply_shows_a_cursor_at_its_end_until_it_finishes(qtbot: QtBot) -> None:
    reply = Message("assistant", status=Status.STREAMING, model="m")
    view = shown(qtbot)
    view.add_message(reply)
    reply.text = "The first words of a reply"
    view.update_live(reply)
    at = view.live_cursor()
    assert at is not None
    row = view.row(reply.id)
    assert row is not None
    end = view.document(row).lastBlock().layout().lineAt(0).naturalTextWidth()
    assert at.left() > view._card(0).left() + end  # after the last word
    colour = picture(view).pixelColor(at.center().toPoint()).name()
    assert colour == LIGHT.accent  # drawn, not only computed
    reply.status = Status.DONE
    view.finish_message(reply)
    assert view.live_cursor() is None


async def test_formulas_shown_before_the_typesetter_loaded_are_typeset_when_it_has(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ziamath costs 23 MB and 0.12 s: it loads in a worker thread when a formula first shows.
    monkeypatch.setattr(math_render, "_ready", threading.Event())
    monkeypatch.setattr(math_render, "_started", False)
    reply = Message("assistant", "Area: $\\pi r^2$.", model="m")
    loaded = asyncio.ensure_future(next_signal(math_render.loader().loaded))
    view = shown(qtbot, reply)
    assert not [n for n in images_in(view, reply.id) if n.startswith("math:")]
    row = view.row(reply.id)
    assert row is not None and "\\pi r^2" in view.document(row).toPlainText()  # TeX meanwhile
    await loaded
    assert [n for n in images_in(view, reply.id) if n.startswith("math:")]  # typeset now


def test_a_failed_reply_is_a_card_with_retry(qtbot: QtBot) -> None:
    reply = Message("assistant", "Partial", model="m", status=Status.FAILED, error="HTTP 500")
    for theme in (LIGHT, DARK):
        view = shown(qtbot, reply, theme=theme)
        row = view.row(reply.id)
        assert row is not None
        doc = view.document(row)
        assert f"confab:retry/{reply.id}" in [link.href for link in view._links(row)]
        found = doc.find("HTTP 500")
        rect = doc.documentLayout().blockBoundingRect(found.block())
        card = view._card(0)
        inside = QPoint(int(card.right() - 20), int(card.top() + 12 + rect.center().y()))
        assert picture(view).pixelColor(inside).name() == theme.error_bg


def test_the_model_picker_marks_models_that_read_images_or_use_tools(qtbot: QtBot) -> None:
    from gui.widgets.model_picker import ModelPicker
    from providers.anthropic import Anthropic
    from providers.base import ModelInfo

    picker = ModelPicker()
    qtbot.addWidget(picker)
    models = [
        ModelInfo("llava", vision=True),
        ModelInfo("text-only"),
        ModelInfo("caller", tools=True),
        *Anthropic.static_models()[:1],
    ]
    picker.set_models(models, "")
    assert not picker.itemIcon(0).isNull() and picker.itemIcon(1).isNull()
    assert not picker.itemIcon(2).isNull()
    tips = [picker.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(4)]
    assert tips == ["Reads images", None, "Uses tools", "Uses tools"]


def test_a_long_code_block_folds_and_shows_all_of_its_lines_on_request(qtbot: QtBot) -> None:
    code = "".join(f"line_{n} = {n}\n" for n in range(500))
    reply = Message("assistant", f"Here:\n\n```python\n{code}```\n", model="m")
    view = shown(qtbot, reply)
    row = view.row(reply.id)
    assert row is not None
    doc = view.document(row)
    assert "line_399 " in doc.toPlainText() and "line_400 " not in doc.toPlainText()
    unfold = f"confab:unfoldcode/{reply.id}/0"
    assert unfold in [link.href for link in view._links(row)]
    assert "Show all 500 lines" in doc.toPlainText()
    view.anchorClicked.emit(QUrl(unfold))
    doc = view.document(row)
    assert "line_499 " in doc.toPlainText()  # all of it now
    assert unfold not in [link.href for link in view._links(row)]


class _Watched(ChatView):
    """A view that notes the height of each area it is asked to paint."""

    painted: list[int]

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted.append(event.rect().height())
        super().paintEvent(event)


def test_scrolling_moves_what_is_on_screen_instead_of_painting_it_all(qtbot: QtBot) -> None:
    # Before: the viewport, no longer filled by Qt, was not opaque, so Qt painted all of it at
    # every scroll step of a streaming reply (470 px a paint on average instead of 100).
    view = _Watched(LIGHT)
    view.painted = []
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.show_conversation(Conversation(messages=[Message("user", f"line {n}") for n in range(80)]))
    qtbot.waitExposed(view)
    QApplication.processEvents()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    QApplication.processEvents()
    view.painted.clear()
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 30)
    QApplication.processEvents()
    assert view.painted and max(view.painted) <= 60  # the 30 px that came into view


LONG_LINE = "total = add(" + ", ".join(f"term{n}" for n in range(60)) + ")"


def wheel(view: ChatView, at: QPointF, delta: QPoint, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    global_at = view.viewport().mapToGlobal(at)
    event = QWheelEvent(
        at, global_at, QPoint(), delta, Qt.MouseButton.NoButton, modifiers,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), event)


def word_at(view: ChatView, qtbot: QtBot, at: QPointF) -> str:
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at.toPoint())
    return view.selected_text()


def test_a_long_code_line_scrolls_sideways_inside_its_panel(qtbot: QtBot) -> None:
    # Before: the line wrapped into many lines of its panel; before that, it laid the card
    # out 2,950 px wide, cut off at the column.
    reply = Message("assistant", f"x\n\n```python\nshort = 1\n{LONG_LINE}\n```\n", model="m")
    view = shown(qtbot, reply, width=900)
    row = view.row(reply.id)
    assert row is not None
    doc = view.document(row)
    block = doc.find("total").block()
    assert block.layout().lineCount() == 1  # one line, as it was written
    card = view._card(0)
    origin = card.topLeft() + QPointF(12, 12)  # the card's padding
    line = doc.documentLayout().blockBoundingRect(block)
    y = origin.y() + line.center().y()
    image = picture(view)
    past = {image.pixelColor(int(card.right()) - 6, int(y) + dy).name() for dy in range(-6, 7)}
    assert past == {LIGHT.page}  # nothing drawn past the panel

    start = QPointF(origin.x() + 40, y)
    first = word_at(view, qtbot, start)
    assert first == "total"
    wheel(view, start, QPoint(-240, 0))  # two notches of a sideways wheel
    (run,) = row.code.runs
    shifted = row.code.shift(run, doc.textWidth())
    assert shifted > 0
    after = word_at(view, qtbot, start)
    expected = QTextCursor(doc)
    expected.setPosition(
        doc.documentLayout().hitTest(
            start - origin + QPointF(shifted, 0), Qt.HitTestAccuracy.FuzzyHit
        )
    )
    expected.select(QTextCursor.SelectionType.WordUnderCursor)
    assert after == expected.selectedText() != first  # what is drawn there is what is hit

    wheel(view, start, QPoint(0, 120), shift=True)  # Shift and the wheel: back to the left
    assert row.code.shift(run, doc.textWidth()) < shifted
    top = view.verticalScrollBar().value()
    wheel(view, start, QPoint(0, -120))  # the plain wheel scrolls the list, not the code
    assert row.code.shift(run, doc.textWidth()) < shifted
    assert view.verticalScrollBar().value() >= top

    view.setFocus()
    view.focus_row(row)
    for _ in range(100):  # Right goes to the line's end, and no further
        qtbot.keyClick(view, Qt.Key.Key_Right)
    most = row.code.shift(run, doc.textWidth())
    assert most == pytest.approx(run.width - doc.textWidth())
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert row.code.shift(run, doc.textWidth()) < most


def test_the_bar_under_a_wide_code_block_drags_it_sideways(qtbot: QtBot) -> None:
    reply = Message("assistant", f"```\n{LONG_LINE}\n```\n", model="m")
    view = shown(qtbot, reply, width=900)
    row = view.row(reply.id)
    assert row is not None
    image = picture(view)
    (run,) = row.code.runs
    panel = view._run_rect(row, run)
    origin = view._card(0).topLeft() + QPointF(12, 12)
    bar = code_panels.mark_rect(panel, run, 0.0).translated(origin)
    assert image.pixelColor(bar.center().toPoint()).name() != LIGHT.code_bg  # it is drawn
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=bar.center().toPoint())
    qtbot.mouseMove(view.viewport(), (bar.center() + QPointF(80, 0)).toPoint())
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=(bar.center() + QPointF(80, 0)).toPoint()
    )
    assert row.code.shift(run, panel.width()) == pytest.approx(
        code_panels.shift_for_drag(panel, run, 0.0, 80)
    )
    assert view.selected_text() == ""  # a drag of the bar selects nothing


def test_a_streaming_code_line_does_not_wrap_and_its_panel_grows_as_lines_come(
    qtbot: QtBot,
) -> None:
    view = shown(qtbot, width=900)
    streaming = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(streaming)
    streaming.text = "x\n\n```\nshort = 1\n"
    view.update_live(streaming)
    QApplication.processEvents()
    live = view.row(streaming.id)
    assert live is not None
    view.viewport().repaint()
    assert not [run for run in live.code.runs if run.width > view.document(live).textWidth()]
    streaming.text += f"{LONG_LINE}\nmore"
    view.update_live(streaming)
    QApplication.processEvents()
    view.viewport().repaint()
    doc = view.document(live)
    assert doc.find("total").block().layout().lineCount() == 1
    assert [run for run in live.code.runs if run.width > doc.textWidth()]  # it now scrolls


async def test_colouring_a_closed_block_in_steps_does_not_measure_its_lines_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: each colouring step counted as a change of text from where it coloured, so the
    # next paint measured the rest of the block's lines again (3-8 ms a paint, 400 lines).
    from gui.widgets import chat_view

    view = shown(qtbot, width=900)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    message.text = "```python\n" + "".join(f"def f{n}(x):\n    return x\n" for n in range(150))
    view.update_live(message)
    view.viewport().repaint()
    measured: list[int] = []
    counted = code_panels.line_width
    monkeypatch.setattr(code_panels, "line_width", lambda b: measured.append(1) or counted(b))
    monkeypatch.setattr(chat_view, "STEP_SECONDS", 0.0)  # a step: one piece, or 64 tokens
    message.text += "```\n"
    steps = 0
    view.update_live(message)
    done = next_signal(view.reply_shown)
    message.status = Status.DONE
    view.finish_message(message)
    while not done.done():
        view.viewport().repaint()  # a paint between steps, as the window has
        steps += 1
        await asyncio.sleep(0)  # one turn of the loop: the next step (no timing involved)
    await done
    assert steps > 5  # it was coloured in steps
    assert len(measured) < 3 * 300  # a few walks of its 300 lines (before: 5,091 lines)


def test_the_text_around_wide_code_panels_is_drawn(qtbot: QtBot) -> None:
    # Text between wide panels is drawn in bands of its own (each line once, not clipped
    # away from a whole draw): each paragraph around two wide blocks shows, unshifted.
    code = f"```python\n{LONG_LINE}\n```"
    text = f"above\n\n{code}\n\nbetween\n\n{code}\n\nbelow"
    reply = Message("assistant", text, model="m")
    view = shown(qtbot, reply, width=900)
    row = view.row(reply.id)
    assert row is not None
    doc = view.document(row)
    origin = view._card(0).topLeft() + QPointF(12, 12)  # the card's padding
    image = picture(view)
    assert [run.width > doc.textWidth() for run in row.code.runs] == [True, True]
    for word in ("above", "between", "below"):
        block = doc.find(word).block()
        rect = doc.documentLayout().blockBoundingRect(block).translated(origin)
        inked = {
            image.pixelColor(x, y).name()
            for x in range(int(rect.left()), int(rect.left()) + 60)
            for y in range(int(rect.top()), int(rect.bottom()))
        }
        assert inked - {LIGHT.page}, word  # its letters are there


def test_a_long_wide_code_block_is_one_panel_however_far_below_it_goes_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: with the block begun above the area, each of its lines below the area made a
    # panel of its own, and each wide one a draw of the document: 146 draws for this paint, and
    # a 111 px strip of a narrow column with code took 4-6 ms to paint (0.5 ms now).
    code = "\n".join(f"{LONG_LINE}  # {n}" for n in range(300))
    reply = Message("assistant", f"x\n\n```python\n{code}\n```\n", model="m")
    view = shown(qtbot, reply, width=900)
    view.verticalScrollBar().setValue(400)  # the block begins above the area, ends far below
    drawn: list[int] = []
    original = MessageList._draw_with_wide_code

    def draw(self: MessageList, painter: Any, row: Any, context: Any, wide: list[Any]) -> None:
        drawn.append(len(wide))
        original(self, painter, row, context, wide)

    monkeypatch.setattr(MessageList, "_draw_with_wide_code", draw)
    picture(view)
    assert drawn == [1]
