"""A scrolling list of rich-text cards that lays out only what is near the viewport.

Each row (a message, a notice) has its own QTextDocument, built the first time the row comes
near the viewport; rows further away keep a height estimated from their length. One document
per row keeps every edit local: a streaming reply changes its own document, not one that holds
the whole transcript (inserting into a document of 2,000 message frames took 16 ms a frame).

The list draws the cards, routes the mouse to the document under it (links, hover, selecting
text within a card) and lets the keyboard reach every link. The list is one Tab stop: Up and
Down move between messages (the one in focus has a ring), Tab then walks the focused message's
links (its actions) and leaves the list after the last, Shift+Tab walks back to the message and
then leaves; Enter or Space activates a link. A code block wider than the column scrolls
sideways inside its panel (code_panels.py).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import cast

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QGuiApplication,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QStyle, QToolTip, QWidget

from gui import icons, math_render
from gui.render import BAR_MARK, ICON_SCHEME, ICON_SIZE
from gui.theme import COLUMN, PANEL_ALPHA, Theme
from gui.widgets import code_panels
from gui.widgets.code_panels import CodeRun, CodeRuns

GAP = 20  # between cards
PAD = 12  # inside a card
SIDE = 14  # between the cards and the list's edges, at least
TOP = 16  # above the first card: it does not touch the list's top edge
USER_SHARE = 0.75  # a user's bubble is at most this share of the column, on the right
RADIUS = 18.0  # of the user's bubble and the keyboard's focus ring
BOTTOM_SLACK = 24  # within this of the end the list counts as following it


PANEL_RADIUS = 10.0
PANEL_PAD = 8  # above and below a code block's text, inside its panel
BAR_PAD = 6  # above the text of a code block's bar


def _panel_colour(block: QTextBlock) -> QColor | None:
    """The colour of the panel ``block`` is part of, if it is (see theme.PANEL_ALPHA)."""
    if not block.isValid():
        return None
    fmt = block.blockFormat()
    if not fmt.hasProperty(QTextFormat.Property.BackgroundBrush):  # most blocks: cheaply
        return None
    brush = fmt.background()
    if brush.style() == Qt.BrushStyle.NoBrush or brush.color().alpha() != PANEL_ALPHA:
        return None
    colour = QColor(brush.color())
    colour.setAlpha(255)
    return colour


def _with_clip(
    context: QAbstractTextDocumentLayout.PaintContext, clip: QRectF
) -> QAbstractTextDocumentLayout.PaintContext:
    """``context`` (its palette and selections) for drawing only what ``clip`` meets."""
    clipped = QAbstractTextDocumentLayout.PaintContext()
    clipped.palette = context.palette
    clipped.selections = context.selections
    clipped.clip = clip
    return clipped


def _first_block_below(doc: QTextDocument, y: float) -> QTextBlock:
    """The first top-level block whose bottom is below ``y``, by halving: Qt's hitTest walks
    the layout and took a tenth of a millisecond per paint in a long reply. (A block in a
    table is found by its table's own place among the blocks, near enough for painting.)"""
    layout = doc.documentLayout()
    low, high = 0, doc.blockCount() - 1
    while low < high:
        middle = (low + high) // 2
        if layout.blockBoundingRect(doc.findBlockByNumber(middle)).bottom() < y:
            low = middle + 1
        else:
            high = middle
    return doc.findBlockByNumber(max(0, low - 1))


def _bar_above(block: QTextBlock) -> QTextBlock | None:
    """The code block's bar right above ``block``: the block whose text carries BAR_MARK."""
    above = block.previous()
    if not above.isValid():
        return None
    fragments = above.begin()
    while not fragments.atEnd():
        if BAR_MARK in fragments.fragment().charFormat().anchorNames():
            return above
        fragments += 1
    return None


class SafeDocument(QTextDocument):
    """A row's document: resources come only from what was added to it and from Confab's own
    pictures (icons, typeset formulas: ``pictures``), never from a URL."""

    def __init__(
        self, parent: QObject | None = None, pictures: Callable[[QUrl], QImage | None] | None = None
    ):
        super().__init__(parent)
        self._pictures = pictures

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        url = QUrl(name)
        picture = self._pictures(url) if self._pictures is not None else None
        if picture is not None:  # kept: Qt asks again at every paint otherwise
            self.addResource(kind, url, picture)
        return picture


@dataclass(eq=False)
class Row:
    """One card. ``fill`` builds its document; ``chars`` and ``lines`` guess its height."""

    key: str
    kind: str  # "user" | "assistant" | "note" (no card: a notice or the empty state)
    fill: Callable[[QTextDocument], None]
    chars: int = 0
    lines: int = 1
    doc: QTextDocument | None = None
    height: float = 0.0
    width: int = -1  # the text width ``height`` was measured at; -1: only estimated
    code: CodeRuns = field(default_factory=CodeRuns)  # its code panels, scrolled sideways


@dataclass
class _Link:
    row: Row
    start: int
    end: int
    href: str


class MessageList(QAbstractScrollArea):
    """Rows of rich text; ``anchorClicked`` and ``highlighted`` as QTextBrowser has them."""

    anchorClicked = Signal(QUrl)
    highlighted = Signal(QUrl)  # the link under the pointer; an empty URL when it leaves
    top_reached = Signal()  # scrolled to the very top

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.rows: list[Row] = []
        self._tops: list[float] = [float(TOP)]  # tops[i]: where row i starts; [-1]: the end
        self._valid = 0  # tops are right up to this row
        self._settling = False
        self._following = True  # the end is in view and stays so as rows grow (see following)
        self._selection: tuple[Row, QTextCursor] | None = None
        self._press: tuple[Row, int, str, QPoint] | None = None
        self._dragged = False
        self._dragging_mark: tuple[Row, CodeRun, QRectF, float, float] | None = None
        """A wide code panel's bar being dragged: the row, the run, its panel, and where the
        pointer and the shift were when it was pressed."""
        self._hovered = ""
        self._focused: _Link | None = None  # the link the keyboard is on
        self._current = ""  # the key of the row the keyboard is on ("" before it chose one)
        self._empty_widget: QWidget | None = None
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        # paintEvent fills the viewport with the theme's page: opaque, so Qt scrolls it by
        # moving what is on screen (without it, every scroll step painted the whole viewport).
        self.viewport().setAutoFillBackground(False)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.verticalScrollBar().setSingleStep(40)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    def set_empty_widget(self, widget: QWidget) -> None:
        """Show ``widget`` over the viewport while the list has no rows (an empty chat)."""
        widget.setParent(self.viewport())
        self._empty_widget = widget
        widget.setGeometry(self.viewport().rect())
        widget.setVisible(not self.rows)

    def set_list_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.viewport().update()

    # ---- rows --------------------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        self.rows = rows
        self._selection = self._focused = None
        self._current = ""
        self._invalidate(0)

    def insert_rows(self, index: int, rows: list[Row]) -> None:
        """Insert above ``index``; what is on screen stays where it is."""
        anchor = self._anchor()
        self.rows[index:index] = rows
        self._invalidate(index)
        self._settle(anchor=anchor)

    def remove_row(self, key: str) -> None:
        index = self.index_of(key)
        if index is not None:
            anchor = self._anchor()
            del self.rows[index]
            if self._selection is not None and self._selection[0].key == key:
                self._selection = None
            if self._focused is not None and self._focused.row.key == key:
                self._focused = None
            self._invalidate(index)
            self._settle(anchor=anchor)

    def index_of(self, key: str) -> int | None:
        for index in range(len(self.rows) - 1, -1, -1):  # new rows are asked for most
            if self.rows[index].key == key:
                return index
        return None

    def row(self, key: str) -> Row | None:
        index = self.index_of(key)
        return None if index is None else self.rows[index]

    def document(self, row: Row) -> QTextDocument:
        """The row's document, built now if it was not yet."""
        if row.doc is None:
            doc = self.new_document()
            row.fill(doc)
            row.doc = doc
        return row.doc

    def new_document(self) -> QTextDocument:
        """An empty document set up as every card's is: font, link colour, no margin."""
        doc = SafeDocument(self, self._picture)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        t = self.theme
        doc.setDefaultStyleSheet(
            f"a {{ color: {t.link}; }} td {{ background-color: {t.page}; }} "
            f"th {{ background-color: {t.raised}; font-weight: 600; }}"
        )
        doc.setUndoRedoEnabled(False)
        return doc

    def _picture(self, url: QUrl) -> QImage | None:
        """An icon (``icon:name[/token]``) or a typeset formula (``math:key``) at this
        screen's pixel ratio; nothing else."""
        if url.scheme() == ICON_SCHEME:
            name, _, token = url.path().partition("/")
            colour = str(getattr(self.theme, token or "muted", self.theme.muted))
            return icons.image(name, colour, ICON_SIZE, self.devicePixelRatioF())
        if url.scheme() == math_render.MATH_SCHEME:
            return math_render.picture(url.path(), self.devicePixelRatioF())
        return None

    def rebuild(self, key: str) -> None:
        """Build the row's document again from its source (the message changed)."""
        row = self.row(key)
        if row is not None:
            if self._selection is not None and self._selection[0] is row:
                self._selection = None
            if self._focused is not None and self._focused.row is row:
                self._focused = None
            follow = self.following()
            row.doc, row.width = None, -1
            self.changed(row, follow)

    def changed(
        self, row: Row, follow: bool, from_y: float = 0.0, text_from: float | None = None
    ) -> None:
        """The row's document was edited from ``from_y`` (in the document) on: measure it
        again, paint it again from there; stay at the end if ``follow``. ``text_from``: where
        its text changed, when below ``from_y`` (above it, only colours did)."""
        row.width = -1
        text_y = from_y if text_from is None else text_from
        if row.doc is None or not text_y:
            row.code.forget_from(0)
        else:
            row.code.forget_from(_first_block_below(row.doc, text_y).blockNumber())
        index = self.index_of(row.key)
        if index is not None:
            self._invalidate(index, from_y)
            self._settle(follow=follow)

    def toPlainText(self) -> str:
        return "\n".join(self.document(row).toPlainText() for row in self.rows)

    def toHtml(self) -> str:
        return "\n".join(self.document(row).toHtml() for row in self.rows)

    # ---- scrolling ---------------------------------------------------------------------------
    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - BOTTOM_SLACK

    def following(self) -> bool:
        """Whether the list keeps its end in view as rows grow: set by scrolling to the end
        (the user or ``scroll_to_bottom``), cleared by the user scrolling up. Kept as a state,
        not read off the scroll bar at each change, which a row measured anew or a viewport
        resized can leave short of the end for a moment."""
        return self._following

    def scroll_to_bottom(self) -> None:
        self._settle(follow=True)

    def _invalidate(self, index: int, from_y: float = 0.0) -> None:
        """Rows from ``index`` on moved or changed: their tops are recomputed, and the
        viewport is painted again from there (``from_y`` into that row) down."""
        self._forget_tops(index)
        if self._empty_widget is not None and self._empty_widget.isHidden() != bool(self.rows):
            self._empty_widget.setVisible(not self.rows)
        offset = PAD + from_y if from_y else 0.0
        self._repaint_below(self._tops[index] + offset if index < len(self._tops) else 0.0)

    def _forget_tops(self, index: int) -> None:
        """Row ``index`` changed height: the tops of the rows after it are no longer known."""
        self._valid = min(self._valid, index)
        del self._tops[self._valid + 1 :]

    def _repaint_below(self, y: float) -> None:
        """Paint again what is below ``y`` (in list coordinates)."""
        viewport = self.viewport()
        top = max(0, int(y) - self.verticalScrollBar().value())
        if top < viewport.height():
            viewport.update(0, top, viewport.width(), viewport.height() - top)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().scroll(dx, dy)  # what stays on screen is moved, not painted again

    def _update_tops(self) -> None:
        tops = self._tops
        estimate: Callable[[Row], float] | None = None
        for row in self.rows[len(tops) - 1 :]:
            if row.width == -1 and row.height == 0.0:
                estimate = estimate or self._estimator()
                row.height = estimate(row)
            tops.append(tops[-1] + row.height)
        self._valid = len(self.rows)

    def _estimator(self) -> Callable[[Row], float]:
        """A row's height guessed from its characters and lines, at the list's width and font
        as they are now: taken once for all the rows a pass guesses (2,000 of them at a theme
        switch, 10,000 opening a long chat), not asked of Qt again for each."""
        metrics = self.fontMetrics()
        spacing, char_width = metrics.lineSpacing(), max(1, metrics.averageCharWidth())
        per_line: dict[bool, int] = {}  # characters a line holds: in a user's bubble, in a card

        def estimate(row: Row) -> float:
            user = row.kind == "user"
            if user not in per_line:
                per_line[user] = max(1, self._width_for(row.kind) // char_width)
            lines = row.lines + row.chars // per_line[user]
            return (lines + 2) * spacing + 2 * PAD + GAP  # with its header and action row

        return estimate

    def _content_width(self) -> int:
        """The width cards are laid out in: the viewport's as if the scroll bar showed, so
        nothing moves (a user's card on the right) when a growing chat first needs one."""
        bar = self.verticalScrollBar()
        width = self.viewport().width()
        if not bar.isVisible():
            width -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
        return width

    def _column(self) -> tuple[float, int]:
        """Where the column of cards starts and how wide it is: centred, at most COLUMN."""
        content = self._content_width()
        width = max(120, min(content - 2 * SIDE, COLUMN))
        return (content - width) / 2, width

    def _text_width(self, row: Row) -> int:
        return self._width_for(row.kind)

    def _width_for(self, kind: str) -> int:
        """The text width of a row of this kind: a user's bubble takes a share of the column."""
        width = self._column()[1] - 2 * PAD
        if kind == "user":
            width = int(width * USER_SHARE)
        return max(120, width)

    def _lay_out(self, row: Row, doc: QTextDocument) -> None:
        """Give the document the row's text width; a user's bubble then shrinks to its text,
        so what is aligned right in it (the action row) ends where the bubble does."""
        width = self._text_width(row)
        if doc.textWidth() != width:  # setting it, even unchanged, lays everything out again
            doc.setTextWidth(width)
        if row.kind == "user" and (ideal := doc.idealWidth()) < width:
            doc.setTextWidth(int(ideal) + 1)

    def _measure(self, row: Row) -> bool:
        """Lay the row out at the current width; whether its height changed."""
        width = self._text_width(row)
        if row.width == width:
            return False
        doc = self.document(row)
        self._lay_out(row, doc)
        height = doc.size().height() + 2 * PAD + GAP
        row.width = width
        if height == row.height:
            return False
        row.height = height
        return True

    def _row_at_y(self, y: float) -> int:
        self._update_tops()
        return max(0, min(len(self.rows) - 1, bisect.bisect_right(self._tops, y) - 1))

    def _anchor(self) -> tuple[str, float] | None:
        """The row at the top of the viewport and how far into it the viewport starts."""
        if not self.rows or self.following():
            return None
        value = self.verticalScrollBar().value()
        index = self._row_at_y(value)
        return self.rows[index].key, value - self._tops[index]

    def _settle(self, follow: bool = False, anchor: tuple[str, float] | None = None) -> None:
        """Measure the rows around the viewport and set the scroll range; keep the anchor row
        where it was on screen, or stay at the end when following."""
        if self._settling:
            return
        self._settling = True
        try:
            bar = self.verticalScrollBar()
            height = self.viewport().height()
            moved = anchor is not None and not follow  # to a place asked for: the end, or not
            if anchor is None and not follow:
                anchor = self._anchor()
                follow = anchor is None and bool(self.rows) and bar.value() > 0
            value = bar.value()
            for _ in range(6):
                self._update_tops()
                maximum = max(0, int(self._tops[-1]) - height)
                if follow:
                    value = maximum
                elif anchor is not None and (index := self.index_of(anchor[0])) is not None:
                    value = int(self._tops[index] + anchor[1])
                value = max(0, min(value, maximum))
                if not self.rows:
                    break
                first = self._row_at_y(value - height // 2)
                last = self._row_at_y(value + height + height // 2)
                changed: tuple[int, float] | None = None  # the first row whose height changed
                for index in range(first, last + 1):
                    before = self.rows[index].height
                    if self._measure(self.rows[index]) and changed is None:
                        changed = index, before
                if changed is None:
                    break
                # A row that grew or shrank: what is below its card's lower bottom edge moves.
                index, before = changed
                lower = min(before, self.rows[index].height) if before else 0.0
                self._forget_tops(index)
                self._repaint_below(self._tops[index] + lower - GAP - 2)
            self._update_tops()
            maximum = max(0, int(self._tops[-1]) - height)
            bar.setRange(0, maximum)
            bar.setPageStep(height)
            bar.setValue(max(0, min(value, maximum)))
            if follow or moved:
                self._following = follow or self.at_bottom()
        finally:
            self._settling = False

    def _scrolled(self, value: int) -> None:
        if not self._settling:
            self._following = self.at_bottom()  # the user scrolled: to the end, or away
            self._settle()
            if value == 0 and self.rows:
                self.top_reached.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        follow = self.following()
        super().resizeEvent(event)
        if self._empty_widget is not None:
            self._empty_widget.setGeometry(self.viewport().rect())
        self._settle(follow=follow)

    # ---- painting ----------------------------------------------------------------------------
    def _card(self, index: int) -> QRectF:
        """Where row ``index``'s card is, in viewport coordinates."""
        row = self.rows[index]
        y = self._tops[index] - self.verticalScrollBar().value()
        x, width = self._column()
        if row.kind == "user" and row.doc is not None:
            card = min(width * USER_SHARE, row.doc.textWidth() + 2 * PAD)
            x += width - card
            width = int(card)
        return QRectF(x, y, width, row.height - GAP)

    @staticmethod
    def _bubble_height(doc: QTextDocument) -> float:
        """How much of a user's card the bubble covers: all but its last block (the actions)."""
        last = doc.lastBlock()
        above = last.previous() if last.previous().isValid() else last
        return doc.documentLayout().blockBoundingRect(above).bottom() + 2 * PAD

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        # The theme's page, whatever the app's palette and style sheet (which would win over
        # a palette set on the viewport): a compare column or a test may use another theme.
        painter.fillRect(event.rect(), QColor(self.theme.page))
        if not self.rows:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        value = self.verticalScrollBar().value()
        area = event.rect()
        first = self._row_at_y(value + area.top())
        last = self._row_at_y(value + area.bottom())
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Text, QColor(self.theme.text))
        t = self.theme
        current = self.current_row() if self.hasFocus() else None
        for index in range(first, last + 1):
            row = self.rows[index]
            doc = self.document(row)
            if row.width == -1:
                self._lay_out(row, doc)  # not measured yet: lay out for now
            card = self._card(index)
            if row.kind == "user":  # a soft bubble; replies have no box
                # Only the part of a tall bubble near the area: its cut ends lie out of sight.
                bubble = QRectF(card.x(), card.y(), card.width(), self._bubble_height(doc))
                top = max(bubble.top(), area.top() - 2 * RADIUS)
                bottom = min(bubble.bottom(), area.bottom() + 2 * RADIUS)
                path = QPainterPath()
                path.addRoundedRect(
                    QRectF(bubble.x(), top, bubble.width(), bottom - top), RADIUS, RADIUS
                )
                painter.fillPath(path, QColor(t.user_bg))
            if self.hasFocus() and row is current:  # the keyboard's message
                painter.setPen(QPen(QColor(t.accent), 2))
                painter.drawRoundedRect(card.adjusted(-4, -2, 4, 2), RADIUS, RADIUS)
            painter.save()
            painter.translate(card.x() + PAD, card.y() + PAD)
            wide = self._paint_panels(painter, row, doc, area.top() - card.y() - PAD, area.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.palette = palette
            context.clip = QRectF(0, area.top() - card.y() - PAD, card.width(), area.height())
            context.selections = self._selections_for(row)
            if wide:
                self._draw_with_wide_code(painter, row, context, wide)
            else:
                doc.documentLayout().draw(painter, context)
            painter.restore()
        painter.end()

    def _paint_panels(
        self, painter: QPainter, row: Row, doc: QTextDocument, top: float, height: float
    ) -> list[tuple[CodeRun, QRectF]]:
        """Rounded panels behind the code blocks and error cards in view (runs of blocks
        marked with PANEL_ALPHA); a code block's bar (the paragraph above it that carries
        BAR_MARK) in its own shade. Only the blocks in view are looked at: a run that goes on
        above or below the area is drawn past its edge, where its corners are out of sight.
        Returns the code panels in view whose lines are wider than the column, each with the
        part of it (without its bar) that the code is drawn in."""
        wide: list[tuple[CodeRun, QRectF]] = []
        layout = doc.documentLayout()
        bottom = top + height
        block = _first_block_below(doc, top)
        width = doc.textWidth()
        beyond = 2 * PANEL_RADIUS
        while block.isValid() and layout.blockBoundingRect(block).top() <= bottom:
            colour = _panel_colour(block)
            if colour is None:
                block = block.next()
                continue
            first, run = block, layout.blockBoundingRect(block)
            while run.bottom() <= bottom and _panel_colour(block.next()) is not None:
                block = block.next()
                run = run.united(layout.blockBoundingRect(block))
            above = _panel_colour(first.previous()) is not None  # begun above the area
            below = _panel_colour(block.next()) is not None  # going on below it
            panel = QRectF(0, run.top() - PANEL_PAD, width, run.height() + 2 * PANEL_PAD)
            if above:
                panel.setTop(min(panel.top(), top - beyond))
            if below:
                panel.setBottom(max(panel.bottom(), bottom + beyond))
            is_code = colour == QColor(self.theme.code_bg)  # a code block's panel has a bar
            if is_code and (lines := row.code.run_of(first, self._is_code)).width > width:
                wide.append((lines, QRectF(panel)))
            header = _bar_above(first) if is_code and not above else None
            bar = QRectF()
            if header is not None:  # from a little above its text to the code
                text = layout.blockBoundingRect(header)
                bar = QRectF(0, text.top() - BAR_PAD, width, 0)
                bar.setBottom(panel.top())
                panel.setTop(bar.top())
            path = QPainterPath()
            path.addRoundedRect(panel, PANEL_RADIUS, PANEL_RADIUS)
            painter.fillPath(path, colour)
            if header is not None:
                painter.save()
                painter.setClipPath(path)
                painter.fillRect(bar, QColor(self.theme.code_header))
                painter.restore()
            block = block.next()
        return wide

    def _is_code(self, block: QTextBlock) -> bool:
        return _panel_colour(block) == QColor(self.theme.code_bg)

    def _draw_with_wide_code(
        self,
        painter: QPainter,
        row: Row,
        context: QAbstractTextDocumentLayout.PaintContext,
        wide: list[tuple[CodeRun, QRectF]],
    ) -> None:
        """Draw the document with each wide code panel's text clipped to its panel and
        shifted by how far it is scrolled, and the bar that shows where the view is."""
        layout = self.document(row).documentLayout()
        clip = context.clip
        # Between the panels (and what their lines reach past them on either side), band by
        # band: Qt lays out and draws only the blocks a band's clip meets, so no line is drawn
        # twice (once clipped away, once shifted).
        edges = [clip.top()]
        for _, panel in wide:  # in the order of the blocks, top to bottom
            edges += [panel.top(), panel.bottom()]
        edges.append(clip.bottom())
        for band_top, band_bottom in zip(edges[::2], edges[1::2], strict=True):
            band = QRectF(clip.left(), band_top, clip.width(), band_bottom - band_top)
            band = band.intersected(clip)
            if band.isEmpty():
                continue
            painter.save()
            painter.setClipRect(band)
            layout.draw(painter, _with_clip(context, band))
            painter.restore()
        for run, panel in wide:
            if not panel.intersects(clip):  # an empty clip would have Qt draw every block
                continue
            shift = row.code.shift(run, panel.width())
            inside = clip.intersected(panel).translated(shift, 0)
            painter.save()
            painter.setClipRect(panel)
            painter.translate(-shift, 0)
            layout.draw(painter, _with_clip(context, inside))
            painter.restore()
            mark = QPainterPath()
            bar = code_panels.mark_rect(self._run_rect(row, run), run, shift)
            mark.addRoundedRect(bar, bar.height() / 2, bar.height() / 2)
            painter.fillPath(mark, code_panels.mark_colour(self.theme.muted))

    def _run_rect(self, row: Row, run: CodeRun) -> QRectF:
        """A code panel's whole body (without its bar), in its document's coordinates."""
        doc = self.document(row)
        layout = doc.documentLayout()
        top = layout.blockBoundingRect(doc.findBlockByNumber(run.start)).top()
        bottom = layout.blockBoundingRect(doc.findBlockByNumber(run.end)).bottom()
        return QRectF(0, top - PANEL_PAD, doc.textWidth(), bottom - top + 2 * PANEL_PAD)

    def _wide_run_at(self, row: Row, point: QPointF) -> tuple[CodeRun, QRectF] | None:
        """The code panel under ``point`` (in the row's document) if its lines are wider
        than the column, with its body's rectangle."""
        if row.doc is None:
            return None
        for run in row.code.runs:
            if run.width > row.doc.textWidth() and (rect := self._run_rect(row, run)).contains(
                point
            ):
                return run, rect
        return None

    def _unshifted(self, row: Row, point: QPointF) -> QPointF:
        """Where ``point`` (as drawn) is in the row's document: in a code panel scrolled
        sideways, further right by its shift."""
        wide = self._wide_run_at(row, point)
        if wide is None:
            return point
        return point + QPointF(row.code.shift(wide[0], wide[1].width()), 0)

    def _scroll_code(self, row: Row, run: CodeRun, visible: float, by: float) -> bool:
        moved = row.code.scroll(run, visible, by)
        if moved:
            self.viewport().update()
        return moved

    def _selections_for(self, row: Row) -> list[QAbstractTextDocumentLayout.Selection]:
        out = []
        palette = self.palette()
        if self._selection is not None and self._selection[0] is row:
            out.append(self._highlight(self._selection[1], palette))
        if self._focused is not None and self._focused.row is row:
            cursor = QTextCursor(self.document(row))
            cursor.setPosition(self._focused.start)
            cursor.setPosition(self._focused.end, QTextCursor.MoveMode.KeepAnchor)
            out.append(self._highlight(cursor, palette))
        return out

    @staticmethod
    def _highlight(cursor: QTextCursor, palette: QPalette) -> QAbstractTextDocumentLayout.Selection:
        selection = QAbstractTextDocumentLayout.Selection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(palette.highlight())
        fmt.setForeground(palette.highlightedText())
        selection.format = fmt
        return selection

    # ---- the mouse ---------------------------------------------------------------------------
    def _hit(self, pos: QPoint | QPointF) -> tuple[Row, QPointF] | None:
        """The row under ``pos`` (viewport coordinates) and the point in its document."""
        hit = self._hit_drawn(pos)
        return None if hit is None else (hit[0], self._unshifted(*hit))

    def _hit_drawn(self, pos: QPoint | QPointF) -> tuple[Row, QPointF] | None:
        """As _hit, where the point is drawn: not moved by a code panel's sideways scroll."""
        if not self.rows:
            return None
        index = self._row_at_y(self.verticalScrollBar().value() + pos.y())
        card = self._card(index)
        if not card.contains(QPointF(pos)):
            return None
        return self.rows[index], QPointF(pos) - card.topLeft() - QPointF(PAD, PAD)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """A sideways wheel (or Shift with the wheel) over a wide code panel scrolls it."""
        delta = event.angleDelta()
        sideways = delta.x()
        if not sideways and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            sideways = delta.y()
        hit = self._hit_drawn(event.position()) if sideways else None
        wide = self._wide_run_at(*hit) if hit is not None else None
        if hit is not None and wide is not None:
            self._scroll_code(hit[0], wide[0], wide[1].width(), -sideways * code_panels.WHEEL_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def anchor_at(self, pos: QPoint | QPointF) -> str:
        hit = self._hit(pos)
        if hit is None:
            return ""
        row, point = hit
        return str(self.document(row).documentLayout().anchorAt(point))

    def _tooltip(self, link: _Link) -> str:
        """What a link's ``title`` says (an icon action's name)."""
        cursor = QTextCursor(self.document(link.row))
        cursor.setPosition(link.start + 1)
        return str(cursor.charFormat().toolTip())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._hit(event.pos())
            link = None
            if hit is not None and (
                href := self.document(hit[0]).documentLayout().anchorAt(hit[1])
            ):
                link = next((each for each in self._links(hit[0]) if each.href == href), None)
            if link is not None and (text := self._tooltip(link)):
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._focused = None
        drawn = self._hit_drawn(event.position())
        wide = self._wide_run_at(*drawn) if drawn is not None else None
        if drawn is not None and wide is not None and drawn[1].y() >= wide[1].bottom() - PANEL_PAD:
            run, panel = wide  # the bar along the panel's bottom: dragged, it scrolls the code
            shift = drawn[0].code.shift(run, panel.width())
            self._dragging_mark = (drawn[0], run, panel, event.position().x(), shift)
            return
        hit = self._hit(event.position())
        if hit is not None:
            self._current = hit[0].key  # Tab goes on from the message clicked
        if event.button() != Qt.MouseButton.LeftButton or hit is None:
            self._selection = None
            self.viewport().update()
            super().mousePressEvent(event)
            return
        row, point = hit
        doc = self.document(row)
        position = doc.documentLayout().hitTest(point, Qt.HitTestAccuracy.FuzzyHit)
        self._press = (row, position, self.anchor_at(event.position()), event.position().toPoint())
        self._dragged = False
        cursor = QTextCursor(doc)
        cursor.setPosition(max(0, position))
        self._selection = (row, cursor)
        self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging_mark is not None:
            row, run, panel, x, shift = self._dragging_mark
            wanted = code_panels.shift_for_drag(panel, run, shift, event.position().x() - x)
            self._scroll_code(row, run, panel.width(), wanted - row.code.shift(run, panel.width()))
            return
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            row, _, _, start = self._press
            if (event.position().toPoint() - start).manhattanLength() >= 4:
                self._dragged = True
            if self._dragged and self._selection is not None:
                card = self._card(self.index_of(row.key) or 0)
                point = self._unshifted(row, event.position() - card.topLeft() - QPointF(PAD, PAD))
                position = (
                    self.document(row).documentLayout().hitTest(point, Qt.HitTestAccuracy.FuzzyHit)
                )
                if position >= 0:
                    self._selection[1].setPosition(position, QTextCursor.MoveMode.KeepAnchor)
                    self.viewport().update()
            return
        href = self.anchor_at(event.position())
        if href != self._hovered:
            self._hovered = href
            shape = Qt.CursorShape.PointingHandCursor if href else Qt.CursorShape.IBeamCursor
            self.viewport().setCursor(shape)
            self.highlighted.emit(QUrl(href))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging_mark = None
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if self._selection is not None and not self._selection[1].hasSelection():
            self._selection = None
        href = press[2]
        if href and not self._dragged and self.anchor_at(event.position()) == href:
            self.anchorClicked.emit(QUrl(href))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        if hit is None:
            return
        row, point = hit
        doc = self.document(row)
        cursor = QTextCursor(doc)
        cursor.setPosition(max(0, doc.documentLayout().hitTest(point, Qt.HitTestAccuracy.FuzzyHit)))
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        self._selection = (row, cursor)
        self._press = None
        self.viewport().update()

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered:
            self._hovered = ""
            self.highlighted.emit(QUrl())
        super().leaveEvent(event)

    def selected_text(self) -> str:
        if self._selection is None:
            return ""
        return self._selection[1].selection().toPlainText()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy"), self.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(bool(self.selected_text()))
        href = self.anchor_at(self.viewport().mapFromGlobal(event.globalPos()))
        if href.startswith(("http:", "https:", "mailto:")):
            menu.addAction(
                self.tr("Copy Link Address"), lambda: QGuiApplication.clipboard().setText(href)
            )
        menu.exec(event.globalPos())

    def copy(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text.replace("\u2029", "\n"))

    # ---- the keyboard ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        bar = self.verticalScrollBar()
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._focused:
            self.anchorClicked.emit(QUrl(self._focused.href))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and plain and self.rows:
            self.focus_row(self._row_near(+1 if key == Qt.Key.Key_Down else -1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and plain:
            step = code_panels.KEY_STEP if key == Qt.Key.Key_Right else -code_panels.KEY_STEP
            if not self._scroll_focused_code(step):
                super().keyPressEvent(event)
        elif key == Qt.Key.Key_Home and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            bar.setValue(0)
        elif key == Qt.Key.Key_End and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.scroll_to_bottom()
        else:
            super().keyPressEvent(event)  # Page Up/Down scroll

    def _scroll_focused_code(self, by: float) -> bool:
        """Scroll the focused message's wide code panels sideways; whether any moved."""
        row = self.current_row()
        if row is None or row.doc is None:
            return False
        width = row.doc.textWidth()
        moved = [row.code.scroll(run, width, by) for run in row.code.runs if run.width > width]
        if any(moved):
            self.viewport().update()
        return any(moved)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def current_row(self) -> Row | None:
        """The row the keyboard is on: the one it chose, else the newest seen on screen."""
        chosen = self.row(self._current) if self._current else None
        return chosen if chosen is not None or not self.rows else self._row_on_screen()

    def focus_row(self, row: Row) -> None:
        """Put the keyboard on ``row`` (its links follow on Tab) and scroll it into view."""
        self._current, self._focused = row.key, None
        index = self.index_of(row.key)
        if index is not None:
            self._update_tops()
            top, bottom = self._tops[index], self._tops[index] + row.height
            bar = self.verticalScrollBar()
            if top < bar.value() or bottom > bar.value() + self.viewport().height():
                self._settle(anchor=(row.key, -float(GAP)))
        self.viewport().update()

    def _row_on_screen(self) -> Row:
        """The last row that starts in the viewport (the newest message seen), or the top one."""
        value = self.verticalScrollBar().value()
        first = self._row_at_y(value)
        last = self._row_at_y(value + self.viewport().height())
        self._update_tops()
        while last > first and self._tops[last] > value + self.viewport().height() - 2 * PAD:
            last -= 1
        return self.rows[last]

    def _row_near(self, step: int) -> Row:
        current = self.current_row()
        index = self.index_of(current.key) if current is not None else None
        if index is None:
            return self._row_on_screen()
        return self.rows[max(0, min(len(self.rows) - 1, index + step))]

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab walks the focused message's links and then leaves the list; Shift+Tab walks
        back to the message itself and then leaves."""
        row = self.current_row()
        links = list(self._links(row)) if row is not None else []
        focused = self._focused
        starts = [link.start for link in links]
        at = starts.index(focused.start) if focused is not None and focused.start in starts else -1
        next_at = at + 1 if next else at - 1
        if (next or focused is not None) and 0 <= next_at < len(links):
            self._focused = links[next_at]
            self._show_link(self._focused)
            return True
        self._focused = None
        self.viewport().update()
        if not next and focused is not None:
            self.highlighted.emit(QUrl())
            return True  # back on the message itself
        return super().focusNextPrevChild(next)

    def focused_link(self) -> str:
        return self._focused.href if self._focused is not None else ""

    def _links(self, row: Row) -> Iterator[_Link]:
        block = self.document(row).begin()
        current: _Link | None = None
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                fmt = fragment.charFormat()
                href = fmt.anchorHref() if fmt.isAnchor() else ""
                start, end = fragment.position(), fragment.position() + fragment.length()
                if current is not None and (href != current.href or start != current.end):
                    yield current
                    current = None
                if href:
                    if current is None:
                        current = _Link(row, start, end, href)
                    else:
                        current.end = end
                fragments += 1
            block = block.next()
        if current is not None:
            yield current

    def show_found(self, key: str, cursor: QTextCursor) -> None:
        """Select what ``cursor`` selects in row ``key`` (a search hit) and scroll it into view."""
        row = self.row(key)
        index = self.index_of(key)
        if row is None or index is None:
            return
        self._selection = (row, cursor)
        self._measure(row)
        self._invalidate(index)
        doc = self.document(row)
        rect = doc.documentLayout().blockBoundingRect(doc.findBlock(cursor.position()))
        self._settle(anchor=(key, PAD + rect.y() - self.viewport().height() / 3))
        self.viewport().update()

    def _show_link(self, link: _Link) -> None:
        """Scroll so that the focused link is on screen."""
        index = self.index_of(link.row.key)
        if index is None:
            return
        self._measure(link.row)
        self._invalidate(index)
        self._update_tops()
        doc = self.document(link.row)
        block = doc.findBlock(link.start)
        rect = doc.documentLayout().blockBoundingRect(block)
        y = self._tops[index] + PAD + rect.y()
        bar = self.verticalScrollBar()
        if y < bar.value() or y + rect.height() > bar.value() + self.viewport().height():
            self._settle(anchor=(link.row.key, PAD + rect.y() - self.viewport().height() / 3))
        self.highlighted.emit(QUrl(link.href))
        self.viewport().update()
        if text := self._tooltip(link):  # an icon's name, for the keyboard as for the mouse
            line = block.layout().lineForTextPosition(link.start - block.position())
            x = 0.0
            if line.isValid():
                x = cast(tuple[float, int], line.cursorToX(link.start - block.position()))[0]
            point = self._card(index).topLeft() + QPointF(PAD + x, PAD + rect.bottom())
            QToolTip.showText(self.viewport().mapToGlobal(point.toPoint()), text, self.viewport())
