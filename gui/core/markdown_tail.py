"""A growing Markdown reply as finished pieces and a live tail.

While a reply streams, the view renders each finished piece once and re-renders only the tail,
so the cost of an update is bounded by what arrived, not by the length of the reply:

- Markdown outside code is finished at a blank line, once the next block has begun and is not
  the same list going on (so a numbered list is not cut into lists of one item each);
- a code block streams line by line as it arrives (``CodeLines``) and is closed once
  (``CodeClose``), when its fence closes;
- a tail that grows too long without a boundary (one long paragraph, raw text with no newline,
  a very long list) is cut at a line break or between words (``Markdown(joins=True)``: the
  next piece continues the same paragraph).

Every character of the text is scanned once, whatever the number of updates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_CONTINUES = re.compile(r"^(\s|[-*+]\s|\d{1,9}[.)]\s)")
"""A line that goes on with the block above a blank line: indented, or a list item."""
MAX_TAIL = 4096
"""Longest tail re-rendered on every update; longer, it is cut (between words at worst), so
raw text with no newline at all (1 MB took 179 s) costs each update the same, not ever more."""


@dataclass(frozen=True, slots=True)
class Markdown:
    """Finished Markdown; ``joins``: cut inside a paragraph, the next piece continues it."""

    text: str
    joins: bool = False


@dataclass(frozen=True, slots=True)
class CodeOpen:
    info: str  # what follows the fence marker: the language, usually


@dataclass(frozen=True, slots=True)
class CodeLines:
    text: str  # complete lines of the open code block, newlines included


@dataclass(frozen=True, slots=True)
class CodeClose:
    info: str
    code: str  # the whole block, without its fences


Piece = Markdown | CodeOpen | CodeLines | CodeClose


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and stripped.strip(fence[0]) == ""


class LiveMarkdown:
    """Feed the whole text each time it grows; get the pieces finished since the last feed.
    ``tail(text)`` is what is not finished yet, and ``in_code`` says it is a code line."""

    def __init__(self, start: int = 0) -> None:
        """``start``: where in the text the Markdown begins (what comes before is not its)."""
        self.done = start  # text before this is in pieces already
        self._line = start  # start of the first line not scanned yet
        self._fence = ""  # the open code fence ("" outside code)
        self._info = ""
        self._code_start = 0
        self._blank = -1  # end of a blank line after which a block may be finished
        self._between = -1  # the latest blank line inside a block (between list items)

    @property
    def in_code(self) -> bool:
        return bool(self._fence)

    def feed(self, text: str, end: int | None = None) -> list[Piece]:
        """The pieces finished since the last feed, in ``text`` up to ``end`` (the text so far,
        or the part of it a bounded step takes). A code block that opened and closed within
        them, and the Markdown around it, come as one piece: one render, not many."""
        first = self.done
        pieces = self._scan(text, len(text) if end is None else end)
        if len(pieces) < 2 or not isinstance(pieces[-1], Markdown | CodeClose):
            return pieces
        if any(isinstance(p, Markdown) and p.joins for p in pieces):
            return pieces
        if isinstance(pieces[0], CodeLines | CodeClose):  # a block that began in an earlier feed
            return pieces
        return [Markdown(text[first : self.done])]

    def _scan(self, text: str, end: int) -> list[Piece]:
        pieces: list[Piece] = []
        while (newline := text.find("\n", self._line, end)) != -1:
            start, self._line = self._line, newline + 1
            line = text[start:newline]
            if self._fence:
                if _closes(line, self._fence):
                    if self.done < start:
                        pieces.append(CodeLines(text[self.done : start]))
                    pieces.append(CodeClose(self._info, text[self._code_start : start]))
                    self._fence, self.done, self._blank = "", self._line, -1
                continue
            if (fence := _FENCE.match(line)) is not None:
                self._markdown_upto(text, start, pieces)
                self._fence, self._info = fence.group(1), fence.group(2).strip()
                pieces.append(CodeOpen(self._info))
                self._code_start = self.done = self._line
            elif not line.strip():
                if self._blank == -1:
                    self._blank = self._line
            elif self._blank != -1:
                if _CONTINUES.match(line):
                    self._between = self._blank
                else:
                    self._markdown_upto(text, self._blank, pieces)
                self._blank = -1
        if self._fence and self.done < self._line:
            pieces.append(CodeLines(text[self.done : self._line]))
            self.done = self._line
        elif not self._fence and end - self.done > MAX_TAIL:
            self._cut_long_tail(text, end, pieces)
        return pieces

    def tail(self, text: str, end: int | None = None) -> str:
        return text[self.done : end]

    def _markdown_upto(self, text: str, end: int, pieces: list[Piece]) -> None:
        if end > self.done:
            if text[self.done : end].strip():
                pieces.append(Markdown(text[self.done : end]))
            self.done = end
        self._blank = self._between = -1

    def _cut_long_tail(self, text: str, end: int, pieces: list[Piece]) -> None:
        keep_from = end - MAX_TAIL // 2
        between = max(self._blank, self._between)
        if between > self.done:  # a blank line, between the items of a long list
            self._markdown_upto(text, between, pieces)
            return
        newline = text.rfind("\n", self.done, min(keep_from, self._line))
        if newline != -1:
            pieces.append(Markdown(text[self.done : newline + 1], joins=True))
            self.done = newline + 1
            return
        space = text.rfind(" ", self.done, keep_from)
        end = space + 1 if space != -1 else keep_from
        pieces.append(Markdown(text[self.done : end], joins=True))
        self.done = end


_PLAIN_ADDED = re.compile(r"[^\n\r\\`*_~\[\]()<>!&;$|#=+{}^]*")
"""Text that cannot open, close or complete any Markdown syntax (no new line either)."""
_PLAIN_END = re.compile(r"[^\W_]|[.,:;?'\"-]")
"""A last character after which more words cannot change how it renders (not a delimiter)."""
_MARKER = re.compile(r"(?:#{1,6}|[-*+]|\d{1,9}[.)])(?= |$)|>")
"""What makes a line a heading, a list item or a quote (also alone: "1." is a list item)."""
_WORDS = {"": re.compile(r"[^\W_]"), ">": re.compile(r"> ?[^\W_]")}
_MARKED_WORDS = re.compile(r"\S+ [^\W_]")
"""How a line of words starts: after a marker, one space (none needed after a quote's)."""


def _marker(text: str, line_start: int) -> str:
    found = _MARKER.match(text, line_start)
    return found.group() if found else ""


def plain_extension(shown: str, tail: str) -> str | None:
    """What to append to the rendering of ``shown`` (a Markdown tail) for it to show
    ``tail``, when ``tail`` is ``shown`` with plain words more on its last line: the same
    words, runs of spaces as one. None when ``tail`` must be rendered again.

    At a reading pace most updates are such words, and appending them costs far less than
    rendering the tail again. The rule is strict on purpose: anything that could change how
    the line renders (a delimiter, a new line, a table, a line that turns into a list item)
    means None."""
    base = shown.rstrip()
    if not base or not tail.startswith(shown) or "|" in tail:
        return None
    added = tail[len(base) :]
    if _PLAIN_ADDED.fullmatch(added) is None or _PLAIN_END.fullmatch(base[-1]) is None:
        return None
    line_start = base.rfind("\n") + 1
    marker = _marker(base, line_start)
    if marker != _marker(tail, line_start):
        return None
    words = _WORDS.get(marker, _MARKED_WORDS)
    if words.match(base, line_start) is None:  # "1." alone is an empty list item
        return None
    return re.sub(r"[ \t]+", " ", added).rstrip()
