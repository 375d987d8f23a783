"""Code blocks whose lines are wider than the column scroll sideways inside their panel.

A code block's lines do not wrap (``QTextBlockFormat.nonBreakableLines``, ``white-space:pre``),
so a long line keeps its shape. The list draws the part of each code panel in view clipped to
the panel and shifted by the panel's own offset, with a thin bar along the panel's bottom that
shows where the view is. The offset follows the wheel (sideways, or with Shift), a drag of that
bar, and Left / Right on the focused message.

What a panel reaches is measured once per run of code lines and then only for the lines a
streaming reply adds (``CodeRun.end`` grows), never all of a long block at every paint: walking
400 lines of a block took 2 ms. Only a change of text measures again (from where it changed):
colouring a closed block in place, a few hundred tokens a step, does not (a block measured
again after each of its colouring steps cost 3-8 ms a paint).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QTextBlock, QTextDocument

MARK_HEIGHT = 3.0  # the bar under the code that shows where the view is
MARK_INSET = 10.0  # between that bar and the panel's sides
MARK_BOTTOM = 3.0  # between that bar and the panel's bottom edge (in its padding)
MARK_ALPHA = 110
KEY_STEP = 60.0  # what Left / Right scroll by
WHEEL_STEP = 0.5  # pixels per eighth of a degree of the wheel: 60 px a notch


@dataclass
class CodeRun:
    """Consecutive blocks of one code panel: the numbers of its first and last block, and
    how wide its widest line is with the panel's insets (``width``)."""

    start: int
    end: int
    width: float


def line_width(block: QTextBlock) -> float:
    """How wide ``block`` is laid out, its margins included."""
    layout = block.layout()
    widest = max(
        (layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount())), default=0
    )
    fmt = block.blockFormat()
    return float(fmt.leftMargin() + widest + fmt.rightMargin())


class CodeRuns:
    """One row's code panels as far as they were seen, and how far each is scrolled."""

    def __init__(self) -> None:
        self.runs: list[CodeRun] = []
        self.shifts: dict[int, float] = {}  # by a run's first block: kept when rebuilt

    def forget_from(self, number: int) -> None:
        """The document's text changed from block ``number`` on: runs that begin there are
        measured again when seen, and runs that reach there stop before it (what they measured
        above stays)."""
        self.runs = [run for run in self.runs if run.start < number]
        for run in self.runs:
            run.end = min(run.end, number - 1)

    def run_of(self, block: QTextBlock, is_code: Callable[[QTextBlock], bool]) -> CodeRun:
        """The run ``block`` (a code line) belongs to; found or measured, and grown by the
        code lines that came after it since it was last seen. ``is_code`` tells a block of
        a code panel."""
        number = block.blockNumber()
        run = next((run for run in self.runs if run.start <= number <= run.end), None)
        if run is None:
            first = block
            while True:
                above = first.previous()
                if not above.isValid() or not is_code(above):
                    break
                known = next(
                    (r for r in self.runs if r.start <= above.blockNumber() <= r.end), None
                )
                if known is not None:
                    run = known
                    break
                first = above
            if run is None:
                run = CodeRun(first.blockNumber(), first.blockNumber(), line_width(first))
                self.runs.append(run)
        doc: QTextDocument = block.document()
        following = doc.findBlockByNumber(run.end + 1)
        while following.isValid() and is_code(following):
            run.width = max(run.width, line_width(following))
            run.end = following.blockNumber()
            following = following.next()
        return run

    def shift(self, run: CodeRun, visible: float) -> float:
        """How far ``run`` is scrolled, within what its text reaches past ``visible``."""
        most = max(0.0, run.width - visible)
        return min(self.shifts.get(run.start, 0.0), most)

    def scroll(self, run: CodeRun, visible: float, by: float) -> bool:
        """Scroll ``run`` by ``by`` pixels (within its ends); whether it moved."""
        before = self.shift(run, visible)
        after = max(0.0, min(before + by, run.width - visible))
        self.shifts[run.start] = after
        return after != before


def mark_rect(panel: QRectF, run: CodeRun, shift: float) -> QRectF:
    """Where the bar that shows the view of a wide panel is drawn, in the panel's
    coordinates: along its bottom, as long as the share of the code in view."""
    track = panel.width() - 2 * MARK_INSET
    share = panel.width() / run.width if run.width > 0 else 1.0
    length = max(24.0, track * share)
    most = run.width - panel.width()
    x = panel.left() + MARK_INSET + (track - length) * (shift / most if most > 0 else 0.0)
    return QRectF(x, panel.bottom() - MARK_BOTTOM - MARK_HEIGHT, length, MARK_HEIGHT)


def mark_colour(muted: str) -> QColor:
    colour = QColor(muted)
    colour.setAlpha(MARK_ALPHA)
    return colour


def shift_for_drag(panel: QRectF, run: CodeRun, shift: float, dx: float) -> float:
    """The shift that dragging the bar of a wide panel by ``dx`` from ``shift`` gives."""
    mark = mark_rect(panel, run, shift)
    travel = panel.width() - 2 * MARK_INSET - mark.width()
    most = run.width - panel.width()
    return shift + dx * most / travel if travel > 0 else shift
