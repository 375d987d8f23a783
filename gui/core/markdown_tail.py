"""Where a growing Markdown text can be split into finished blocks and a live tail.

While a reply streams, the view renders finished blocks once and re-renders only the tail, so
the cost of one update does not grow with the length of the reply.
"""

from __future__ import annotations

from dataclasses import dataclass

_FENCES = ("```", "~~~")
MAX_OPEN_LINE = 4096
"""A line still open (no newline yet) longer than this is cut at a space, so that raw text
with no newline at all (1 MB took 179 s) costs each update the same, not ever more."""


def _fence_step(line: str, fence: str) -> str:
    """The open fence after ``line`` ("" when outside code), given the one before it."""
    stripped = line.strip()
    if fence:
        closes = stripped.startswith(fence) and stripped.strip(fence[0]) == ""
        return "" if closes else fence
    if stripped.startswith(_FENCES):
        marker = stripped[0]
        return marker * (len(stripped) - len(stripped.lstrip(marker)))
    return ""


@dataclass
class TailSplitter:
    """Tracks the end of the stable part of a text that only ever grows."""

    stable_end: int = 0
    _fence: str = ""  # the code fence open at stable_end, if any

    def advance(self, text: str) -> int:
        """Move ``stable_end`` past the last blank line outside a code fence, or into an
        over-long open line; return it."""
        position, fence = self.stable_end, self._fence
        while (newline := text.find("\n", position)) != -1:
            line = text[position:newline]
            fence = _fence_step(line, fence)
            if not fence and not line.strip():
                self.stable_end, self._fence = newline + 1, fence
            position = newline + 1
        if not fence and len(text) - max(position, self.stable_end) > MAX_OPEN_LINE:
            start = max(position, self.stable_end)
            keep_from = len(text) - MAX_OPEN_LINE // 2
            space = text.rfind(" ", start, keep_from)
            self.stable_end = (space + 1) if space > start else keep_from
            self._fence = ""
        return self.stable_end

    def open_fence(self, text: str) -> int | None:
        """Where the tail's unclosed code fence starts (its fence line), or None."""
        position, fence = self.stable_end, self._fence
        start: int | None = self.stable_end if fence else None
        for line in text[self.stable_end :].splitlines(keepends=True):
            was_open, fence = bool(fence), _fence_step(line, fence)
            if fence and not was_open:
                start = position
            elif not fence:
                start = None
            position += len(line)
        return start
