"""The split between rendered-for-good Markdown blocks and the live tail."""

from __future__ import annotations

from gui.core.markdown_tail import MAX_OPEN_LINE, TailSplitter

TEXT = "Intro line\n\nSecond para\nstill second\n\n```python\nx = 1\n\ny = 2\n```\n\nAfter"


def test_stable_end_stops_at_blank_lines_outside_code() -> None:
    splitter = TailSplitter()
    assert splitter.advance("Intro") == 0
    assert splitter.advance("Intro line\n\nSec") == len("Intro line\n\n")
    assert TEXT[: splitter.advance(TEXT)].endswith("```\n\n")


def test_blank_line_inside_a_fence_is_not_a_boundary() -> None:
    text = TEXT[: TEXT.index("y = 2")]
    splitter = TailSplitter()
    end = splitter.advance(text)
    assert text[:end].endswith("still second\n\n")
    assert text[splitter.open_fence(text) or 0 :].startswith("```python")


def test_growing_text_gives_the_same_result_as_the_whole() -> None:
    splitter = TailSplitter()
    for n in range(len(TEXT) + 1):
        splitter.advance(TEXT[:n])
    assert splitter.stable_end == TailSplitter().advance(TEXT)
    assert splitter.open_fence(TEXT) is None


def test_tilde_fences_and_longer_closers() -> None:
    text = "~~~~\ncode\n\n~~~\nstill code\n~~~~\n\nafter\n"
    splitter = TailSplitter()
    assert text[: splitter.advance(text)].endswith("~~~~\n\n")


def test_a_reply_without_newlines_keeps_a_bounded_tail() -> None:
    # AI365VIP sends raw text; 1 MB with no newline was re-rendered from its start every
    # update (179 s in all). The live tail must stay bounded, whatever the length.
    text = ("lorem ipsum dolor sit amet " * 40_000)[: 1 << 20]
    splitter = TailSplitter()
    step = 4096
    for end in range(step, len(text) + step, step):
        stable = splitter.advance(text[:end])
        assert min(end, len(text)) - stable <= MAX_OPEN_LINE + step
        assert stable == 0 or text[stable - 1] == " "  # cut between words


def test_an_open_code_fence_is_not_cut_inside_a_line() -> None:
    text = "```\n" + "x" * 20_000
    assert TailSplitter().advance(text) == 0
