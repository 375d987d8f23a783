"""What waits to be sent: image thumbnails and file chips (type icon, name, pages or size),
each with a remove button; a click on a chip previews the file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from gui import thumbnails
from gui.icons import icon
from gui.texts import QT_TRANSLATE_NOOP, Texts
from providers.files import Attachment, PreparedFile
from providers.media import PreparedImage

from .plain_text import plain_label

THUMB = thumbnails.SIZES[0]
CHIP_NAME_WIDTH = 180  # a long file name is elided in the middle past this


def file_icon(file: PreparedFile) -> str:
    """The Lucide icon of a file chip: code, or a document."""
    return "file-code" if file.language and file.language != "markdown" else "file-text"


def data_size(count: int) -> str:
    """A size as file managers write it: "13.5 KB", "2.1 MB" (in the locale's digits)."""
    return QLocale().formattedDataSize(count, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def file_detail(file: PreparedFile) -> str:
    """What a chip says beside the name: a PDF's pages, a text file's size."""
    size = data_size(len(file.data))
    if file.is_pdf:
        pages = QLocale().toString(file.pages)
        return QCoreApplication.translate("FileChip", "{pages} pages · {size}").format(
            pages=pages, size=size
        )
    return size


class _Thumb(QWidget):
    removed = Signal(object)

    def __init__(self, image: PreparedImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: Attachment = image
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        picture = QLabel(self)
        picture.setPixmap(QPixmap.fromImage(thumbnails.get(image.data, THUMB)))
        picture.setToolTip(
            f"{image.name} · {image.width}×{image.height} · " + data_size(len(image.data))
        )
        layout.addWidget(picture)
        layout.addWidget(_remove_button(self, image.name), alignment=Qt.AlignmentFlag.AlignHCenter)


class FileChip(QFrame):
    """One file: its type icon, name and pages or size; × removes it, a click previews it."""

    removed = Signal(object)
    preview = Signal(object)  # the PreparedFile

    def __init__(self, file: PreparedFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileChip")
        self.item: Attachment = file
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("{name}, press Space to preview").format(name=file.name))
        self.setToolTip(self.tr("{name} · click to preview").format(name=file.name))
        glyph = QLabel(self)
        glyph.setPixmap(icon(file_icon(file)).pixmap(QSize(20, 20)))
        name = plain_label(self)
        metrics = name.fontMetrics()
        name.setText(metrics.elidedText(file.name, Qt.TextElideMode.ElideMiddle, CHIP_NAME_WIDTH))
        detail = plain_label(self)
        detail.setObjectName("chipDetail")
        detail.setText(file_detail(file))
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(name)
        words.addWidget(detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.setSpacing(8)
        row.addWidget(glyph)
        row.addLayout(words)
        row.addWidget(_remove_button(self, file.name), 0, Qt.AlignmentFlag.AlignTop)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.preview.emit(self.item)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return):
            self.preview.emit(self.item)
            return
        super().keyPressEvent(event)


def _remove_button(owner: _Thumb | FileChip, name: str) -> QToolButton:
    remove = QToolButton(owner)
    remove.setIcon(icon("x"))
    remove.setIconSize(QSize(14, 14))
    remove.setAutoRaise(True)
    text = QCoreApplication.translate("AttachmentsBar", "Remove {name}").format(name=name)
    remove.setAccessibleName(text)
    remove.setToolTip(text)
    remove.clicked.connect(lambda: owner.removed.emit(owner))
    return remove


class AttachmentsBar(QWidget):
    """A row of thumbnails and file chips, hidden while empty."""

    changed = Signal()
    preview_requested = Signal(object)  # a PreparedFile
    taken_out = Signal(object)  # an Attachment the user took out with its ×

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = Texts("AttachmentsBar")
        self.texts.set(
            self.setAccessibleName, QT_TRANSLATE_NOOP("AttachmentsBar", "Attached files")
        )
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)
        self._items: list[_Thumb | FileChip] = []
        self.setVisible(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
        super().changeEvent(event)

    def items(self) -> list[Attachment]:
        """Everything attached, in order."""
        return [widget.item for widget in self._items]

    def images(self) -> list[PreparedImage]:
        return [a for a in self.items() if isinstance(a, PreparedImage)]

    def add(self, item: Attachment, order: float = float("inf")) -> None:
        """Show ``item``; among items given an ``order``, in that order (files dropped
        together take different times to read, and show in the order they were dropped)."""
        widget: _Thumb | FileChip
        if isinstance(item, PreparedFile):
            widget = FileChip(item, self)
            widget.preview.connect(self.preview_requested)
        else:
            widget = _Thumb(item, self)
        widget.setProperty("order", order)
        widget.removed.connect(self._take_out)
        index = next(
            (i for i, w in enumerate(self._items) if w.property("order") > order),
            len(self._items),
        )
        self._items.insert(index, widget)
        self._layout.insertWidget(index, widget)
        self.setVisible(True)
        self.changed.emit()

    def replace(self, old: Attachment, new: Attachment) -> None:
        """Put ``new`` where ``old`` is (a PDF cut to its first pages)."""
        attached = self.items()
        self.clear()
        for item in attached:
            self.add(new if item is old else item)

    def clear(self) -> None:
        for widget in list(self._items):
            self._remove(widget)

    def _take_out(self, widget: _Thumb | FileChip) -> None:
        self._remove(widget)
        self.taken_out.emit(widget.item)

    def _remove(self, widget: object) -> None:
        if isinstance(widget, _Thumb | FileChip) and widget in self._items:
            self._items.remove(widget)
            widget.deleteLater()
        self.setVisible(bool(self._items))
        self.changed.emit()
