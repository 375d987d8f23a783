"""The split of a growing reply into finished pieces and a live tail."""

from __future__ import annotations

import pytest

from gui.core.markdown_tail import (
    MAX_TAIL,
    CodeClose,
    CodeLines,
    CodeOpen,
    LiveMarkdown,
    Markdown,
    Piece,
    plain_extension,
)

TEXT = "Intro line\n\nSecond para\nstill second\n\n```python\nx = 1\n\ny = 2\n```\n\nAfter"


def fed(text: str, step: int = 1) -> tuple[list[Piece], LiveMarkdown]:
    """Feed ``text`` as it would stream, ``step`` characters at a time."""
    live, pieces = LiveMarkdown(), []
    for end in range(step, len(text) + step, step):
        pieces += live.feed(text[:end])
    return pieces, live


def test_paragraphs_finish_once_the_next_block_begins() -> None:
    live = LiveMarkdown()
    assert live.feed("Intro line\n\n") == []  # the next block could still be the same list
    assert live.feed("Intro line\n\nSec") == []  # an open line is not scanned yet
    assert live.feed("Intro line\n\nSecond\n") == [Markdown("Intro line\n\n")]
    assert live.tail("Intro line\n\nSecond\n") == "Second\n"


def test_code_streams_line_by_line_and_closes_once() -> None:
    pieces, live = fed(TEXT)
    assert pieces == [
        Markdown("Intro line\n\n"),
        Markdown("Second para\nstill second\n\n"),
        CodeOpen("python"),
        CodeLines("x = 1\n"),
        CodeLines("\n"),
        CodeLines("y = 2\n"),
        CodeClose("python", "x = 1\n\ny = 2\n"),
    ]
    assert live.tail(TEXT) == "\nAfter" and not live.in_code


def source(pieces: list[Piece]) -> str:
    """The Markdown the pieces stand for (fences written as ```)."""
    out = []
    for piece in pieces:
        if isinstance(piece, Markdown | CodeLines):
            out.append(piece.text)
        elif isinstance(piece, CodeOpen):
            out.append(f"```{piece.info}\n")
        else:
            out.append("```\n")
    return "".join(out)


def test_the_split_does_not_depend_on_how_the_text_arrives() -> None:
    finished = TEXT[: TEXT.rindex("\nAfter")]  # the blank line before "After" is still open
    for step in (1, 7, 64, len(TEXT)):
        pieces, live = fed(TEXT, step)
        assert source(pieces) == finished
        assert live.tail(TEXT).strip() == "After"


def test_a_block_that_opens_and_closes_in_one_update_is_one_piece() -> None:
    live = LiveMarkdown()
    assert live.feed(TEXT) == [Markdown(TEXT[: TEXT.index("\nAfter")])]


def test_a_numbered_list_is_not_cut_into_lists_of_one_item() -> None:
    text = "1. one\n\n2. two\n\n   more of two\n\n3. three\n\nAfter the list\n"
    pieces, _ = fed(text)
    assert pieces == [Markdown("1. one\n\n2. two\n\n   more of two\n\n3. three\n\n")]


def test_tilde_fences_and_longer_closers() -> None:
    text = "~~~~\ncode\n~~~\nstill code\n~~~~\n\nafter\n"
    pieces, _ = fed(text)
    assert pieces[-1] == CodeClose("", "code\n~~~\nstill code\n")


def test_a_reply_without_newlines_keeps_a_bounded_tail() -> None:
    # AI365VIP sends raw text; 1 MB with no newline was re-rendered from its start every
    # update (179 s in all). The live tail must stay bounded, whatever the length.
    text = ("lorem ipsum dolor sit amet " * 40_000)[: 1 << 20]
    live, step, shown = LiveMarkdown(), 4096, ""
    for end in range(step, len(text) + step, step):
        for piece in live.feed(text[:end]):
            assert isinstance(piece, Markdown) and piece.joins
            assert piece.text.endswith(" ")  # cut between words
            shown += piece.text
        assert len(live.tail(text[:end])) <= MAX_TAIL + step
    assert shown + live.tail(text) == text


def test_a_huge_code_block_is_handed_over_as_it_arrives() -> None:
    code = "x = 1  # a line\n" * 70_000
    text = "```\n" + code
    live, step, streamed = LiveMarkdown(), 4096, ""
    for end in range(step, len(text) + step, step):
        for piece in live.feed(text[:end]):
            if isinstance(piece, CodeLines):
                streamed += piece.text
        assert live.in_code and len(live.tail(text[:end])) < 20  # at most the open line
    assert streamed == code


def test_a_long_list_is_cut_between_items_when_the_tail_grows_too_long() -> None:
    text = "".join(f"{n}. item number {n} of a long list\n\n" for n in range(1, 400))
    pieces, live = fed(text, step=64)
    assert pieces and all(isinstance(p, Markdown) and not p.joins for p in pieces)
    assert all(p.text.endswith("\n\n") for p in pieces if isinstance(p, Markdown))
    assert len(live.tail(text)) <= MAX_TAIL + 64


def test_a_feed_can_stop_short_of_the_end_of_the_text() -> None:
    # A bounded step hands the splitter part of what arrived, without copying the text.
    whole, step = LiveMarkdown(), LiveMarkdown()
    pieces = whole.feed(TEXT)
    parts: list[Piece] = []
    for end in range(7, len(TEXT) + 7, 7):
        parts += step.feed(TEXT, min(end, len(TEXT)))
        assert step.tail(TEXT, min(end, len(TEXT))) == step.tail(TEXT[:end])
    assert source(parts) == source(pieces) and step.tail(TEXT) == whole.tail(TEXT)


@pytest.mark.parametrize(
    ("shown", "tail", "appended"),
    [
        ("Hello", "Hello world ", " world"),
        ("Hello ", "Hello   world", " world"),
        ("- one", "- one more", " more"),
        ("# Title", "# Title goes on", " goes on"),
        ("> quote", "> quote more", " more"),
        ("1. a", "1. ab", "b"),
        ("Words", "Words  ", ""),
        # Anything that could render differently is rendered again:
        ("1", "1.", None),  # an empty list item
        ("1.", "1. x", None),
        ("**b**", "**b** x", None),  # after a delimiter
        ("x", "x*", None),  # a delimiter
        ("snake", "snake_case", None),
        ("&amp", "&amp;", None),  # an entity completed
        ("Hi", "Hi\nthere", None),  # a new line
        ("a | b", "a | b c", None),  # a table row
        ("  indented", "  indented x", None),
        ("", "x", None),
        ("Other", "Different", None),
    ],
)
def test_plain_words_extend_a_rendered_tail(shown: str, tail: str, appended: str | None) -> None:
    assert plain_extension(shown, tail) == appended
