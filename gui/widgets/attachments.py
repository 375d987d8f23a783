"""Images waiting to be sent: thumbnails with a remove button each."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from providers.media import PreparedImage

THUMB = 64


class _Thumb(QWidget):
    removed = Signal(object)

    def __init__(self, image: PreparedImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        picture = QLabel(self)
        pixmap = QPixmap()
        pixmap.loadFromData(image.data)
        picture.setPixmap(
            pixmap.scaled(
                THUMB,
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        picture.setToolTip(
            f"{image.name} · {image.width}×{image.height} · "
            + QLocale().formattedDataSize(len(image.data))
        )
        remove = QToolButton(self)
        remove.setText("✕")
        remove.setAccessibleName(self.tr("Remove {name}").format(name=image.name))
        remove.setToolTip(self.tr("Remove {name}").format(name=image.name))
        remove.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(picture)
        layout.addWidget(remove, alignment=Qt.AlignmentFlag.AlignHCenter)


class AttachmentsBar(QWidget):
    """A row of thumbnails, hidden while empty."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Attached images"))
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)
        self._thumbs: list[_Thumb] = []
        self.setVisible(False)

    def images(self) -> list[PreparedImage]:
        return [thumb.image for thumb in self._thumbs]

    def add(self, image: PreparedImage) -> None:
        thumb = _Thumb(image, self)
        thumb.removed.connect(self._remove)
        self._thumbs.append(thumb)
        self._layout.insertWidget(len(self._thumbs) - 1, thumb)
        self.setVisible(True)
        self.changed.emit()

    def clear(self) -> None:
        for thumb in list(self._thumbs):
            self._remove(thumb)

    def _remove(self, thumb: object) -> None:
        if isinstance(thumb, _Thumb) and thumb in self._thumbs:
            self._thumbs.remove(thumb)
            thumb.deleteLater()
        self.setVisible(bool(self._thumbs))
        self.changed.emit()
