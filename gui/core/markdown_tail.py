"""Where a growing Markdown text can be split into finished blocks and a live tail.

While a reply streams, the view renders finished blocks once and re-renders only the tail, so
the cost of one update does not grow with the length of the reply.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TailSplitter:
    """Tracks the end of the stable part of a text that only ever grows."""

    stable_end: int = 0
    _in_fence: bool = False
    _fence: str = ""

    def advance(self, text: str) -> int:
        """Move ``stable_end`` to the last blank line outside a code fence; return it."""
        position = self.stable_end
        in_fence, fence = self._in_fence, self._fence
        while True:
            newline = text.find("\n", position)
            if newline == -1:
                break
            line = text[position:newline]
            stripped = line.strip()
            if in_fence:
                if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                    in_fence = False
            elif stripped.startswith(("```", "~~~")):
                marker = stripped[0]
                in_fence, fence = True, marker * (len(stripped) - len(stripped.lstrip(marker)))
            elif not stripped:
                self.stable_end, self._in_fence, self._fence = newline + 1, in_fence, fence
            position = newline + 1
        return self.stable_end

    def tail_in_fence(self, text: str) -> bool:
        """Whether the tail sits inside an unclosed code fence (render it plainly)."""
        in_fence, fence = self._in_fence, self._fence
        for line in text[self.stable_end :].splitlines():
            stripped = line.strip()
            if in_fence and stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                in_fence = False
            elif not in_fence and stripped.startswith(("```", "~~~")):
                marker = stripped[0]
                in_fence, fence = True, marker * (len(stripped) - len(stripped.lstrip(marker)))
        return in_fence
