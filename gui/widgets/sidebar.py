"""Past conversations, pinned first then newest, grouped Pinned / Today / Yesterday / Previous
7 days / Older, with full-text search and a mark on chats that are streaming a reply. Rows
never move under the pointer: while it is over the list, a new order waits until it leaves.

A group's heading is drawn above its first chat (by the list's delegate), not as a row of its
own: every row is a chat, for the keyboard as for the code."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QKeySequence, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gui.core.history import ConversationSummary
from gui.icons import icon
from gui.texts import QT_TRANSLATE_NOOP, Texts

from .plain_text import plain_tooltip

STREAMING_MARK = "● "
PINNED_MARK = "★ "
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3  # the heading drawn above a group's first chat
HEADING = 28  # its height
MORE = 18  # the "…" on a hovered chat


def group_of(summary: ConversationSummary, today: date) -> int:
    """0 pinned, 1 today, 2 yesterday, 3 the 7 days before, 4 older."""
    if summary.pinned:
        return 0
    days = (today - datetime.fromtimestamp(summary.updated).date()).days
    return 1 if days <= 0 else 2 if days == 1 else 3 if days <= 7 else 4


def more_rect(row: QRect) -> QRect:
    """Where a chat row's "…" (its menu) is: at its right end."""
    return QRect(row.right() - MORE - 6, row.center().y() - MORE // 2, MORE, MORE)


def chat_rect(row: QRect, headed: bool) -> QRect:
    """The part of a row that is the chat, below its group's heading if it has one."""
    return row.adjusted(0, HEADING, 0, 0) if headed else row


class _Headed(QStyledItemDelegate):
    """Draws a group's heading above the chat that starts it."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(GROUP_ROLE):
            size.setHeight(size.height() + HEADING)
        return size

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        heading = index.data(GROUP_ROLE)
        if heading:
            painter.save()
            font = QFont(option.font)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            font.setWeight(QFont.Weight.DemiBold)
            painter.setFont(font)
            palette: QPalette = option.palette
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            rect: QRect = option.rect
            area = QRect(rect.x() + 8, rect.y() + 8, rect.width() - 8, HEADING - 8)
            painter.drawText(
                area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, heading
            )
            painter.restore()
            option = QStyleOptionViewItem(option)
            option.rect = rect.adjusted(0, HEADING, 0, 0)
        super().paint(painter, option, index)
        if option.state & QStyle.StateFlag.State_MouseOver:  # the chat's "…" menu, on hover
            icon("ellipsis").paint(painter, more_rect(option.rect))


class Sidebar(QWidget):
    new_requested = Signal()
    open_requested = Signal(str)
    search_changed = Signal(str)
    delete_requested = Signal(str)
    rename_requested = Signal(str, str)  # id, new title
    pin_requested = Signal(str, bool)  # id, pinned

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = Texts("Sidebar")
        self.new_button = QPushButton(icon("square-pen"), "", self)
        self.texts.set(self.new_button.setText, QT_TRANSLATE_NOOP("Sidebar", "New chat"))
        self.new_button.setObjectName("newChat")
        self.texts.set(self.new_button.setAccessibleName, QT_TRANSLATE_NOOP("Sidebar", "New chat"))
        self.new_button.clicked.connect(self.new_requested)
        self.search = QLineEdit(self)
        self.texts.set(
            self.search.setAccessibleName, QT_TRANSLATE_NOOP("Sidebar", "Search conversations")
        )
        self.texts.set(self.search.setPlaceholderText, QT_TRANSLATE_NOOP("Sidebar", "Search"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self.search_changed)
        self.list = QListWidget(self)
        self.texts.set(self.list.setAccessibleName, QT_TRANSLATE_NOOP("Sidebar", "Conversations"))
        self.list.setItemDelegate(_Headed(self.list))
        # A long title ends in "…" within the column; it never scrolls the list sideways.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemActivated.connect(self._open)
        self.list.itemClicked.connect(self._open)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.rename_action = self._action(
            QT_TRANSLATE_NOOP("Sidebar", "&Rename chat…"), QKeySequence(Qt.Key.Key_F2)
        )
        self.rename_action.triggered.connect(self._rename)
        self.pin_action = self._action(
            QT_TRANSLATE_NOOP("Sidebar", "&Pin or unpin chat"), QKeySequence("Ctrl+P")
        )
        self.pin_action.triggered.connect(self._toggle_pin)
        self.delete_action = self._action(
            QT_TRANSLATE_NOOP("Sidebar", "&Delete chat"),
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.delete_action.triggered.connect(self._delete)
        self.empty = QLabel(self)
        self.empty.setObjectName("sidebarEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty.setVisible(False)
        self._latest: tuple[list[ConversationSummary], str, set[str]] = ([], "", set())
        self.list.installEventFilter(self)
        self.list.viewport().installEventFilter(self)
        self.list.setMouseTracking(True)
        self.more_menu: QMenu | None = None  # the "…" menu last opened
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)

    def _action(self, text: str, shortcut: QKeySequence) -> QAction:
        """``text``: a source (``QT_TRANSLATE_NOOP``), kept in ``self.texts``."""
        action = QAction(self.list)
        self.texts.set(action.setText, text)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.list.addAction(action)
        return action

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
            self._fill(*self._latest)  # group headings, "Untitled", the empty list's note
        super().changeEvent(event)

    def show_conversations(
        self,
        items: Sequence[ConversationSummary],
        current: str,
        streaming: Collection[str] = (),
    ) -> None:
        """Show these chats; while the pointer is over the list, the same chats keep the
        order they are shown in (the new one comes when the pointer leaves)."""
        self._latest = (list(items), current, set(streaming))
        if self.list.underMouse() and {s.id for s in items} == set(self.shown_ids()):
            place = {key: index for index, key in enumerate(self.shown_ids())}
            items = sorted(items, key=lambda summary: place[summary.id])
        self._fill(items, current, streaming)

    def shown_ids(self) -> list[str]:
        """The chats' ids in the order their rows are shown."""
        return [
            str(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and self._open_more(event.position().toPoint())
        ):
            return True
        if watched is self.list and event.type() == QEvent.Type.Leave:
            items, current, streaming = self._latest
            if [s.id for s in items] != self.shown_ids():
                self._fill(items, current, streaming)
        return super().eventFilter(watched, event)

    def _fill(
        self,
        items: Sequence[ConversationSummary],
        current: str,
        streaming: Collection[str],
    ) -> None:
        scrolled = self.list.verticalScrollBar().value()
        self.list.clear()
        headings = [
            self.tr("Pinned"),
            self.tr("Today"),
            self.tr("Yesterday"),
            self.tr("Previous 7 days"),
            self.tr("Older"),
        ]
        today, group = date.today(), -1
        searching = bool(self.search.text().strip())  # hits in order of relevance: no groups
        for summary in items:
            title = summary.title or self.tr("Untitled")
            mark = (STREAMING_MARK if summary.id in streaming else "") + (
                PINNED_MARK if summary.pinned else ""
            )
            item = QListWidgetItem(mark + title)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, summary.pinned)
            item.setData(Qt.ItemDataRole.UserRole + 2, title)
            if (this := group_of(summary, today)) != group and not searching:
                item.setData(GROUP_ROLE, headings[this])
                group = this
            tip = title + (
                "\n" + self.tr("A reply is streaming") if summary.id in streaming else ""
            )
            item.setToolTip(plain_tooltip(tip))
            if summary.id in streaming:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
            if summary.id == current:
                item.setSelected(True)
                self.list.setCurrentItem(item)
        self.list.verticalScrollBar().setValue(scrolled)
        self.empty.setText(self.tr("No chats match") if searching else self.tr("No chats yet"))
        self.empty.setVisible(not items)

    def _open_more(self, point: QPoint) -> bool:
        """A click on a chat's "…": its menu (rename, pin, delete), for that chat."""
        item = self.list.itemAt(point)
        if item is None:
            return False
        row = chat_rect(self.list.visualItemRect(item), bool(item.data(GROUP_ROLE)))
        if not more_rect(row).contains(point):
            return False
        self.list.setCurrentItem(item)
        item.setSelected(True)
        self.more_menu = QMenu(self)
        self.more_menu.addActions(self.list.actions())
        self.more_menu.popup(self.list.viewport().mapToGlobal(more_rect(row).bottomLeft()))
        return True

    def _current(self) -> tuple[str, bool, str] | None:
        items = self.list.selectedItems()
        if not items:
            return None
        item = items[0]
        return (
            str(item.data(Qt.ItemDataRole.UserRole)),
            bool(item.data(Qt.ItemDataRole.UserRole + 1)),
            str(item.data(Qt.ItemDataRole.UserRole + 2)),
        )

    def _delete(self) -> None:
        if (current := self._current()) is not None:
            self.delete_requested.emit(current[0])

    def _toggle_pin(self) -> None:
        if (current := self._current()) is not None:
            self.pin_requested.emit(current[0], not current[1])

    def _rename(self) -> None:
        if (current := self._current()) is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rename chat"))
        dialog.setLabelText(self.tr("Title:"))
        dialog.setTextValue(current[2])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda text: self.rename_requested.emit(current[0], text))
        dialog.open()

    def _open(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
