"""An attached image shown large, in a window of its own, fitted to the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from providers.media import PreparedImage

from .plain_text import plain_label


class ImageViewer(QDialog):
    """Esc (as any dialog) or a click closes it; the image is scaled down to fit, never up."""

    def __init__(self, image: PreparedImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageViewer")
        self.setWindowTitle(self.tr("Image: {name}").format(name=image.name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picture = QImage.fromData(image.data)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        room = screen.size() * 0.9
        if picture.width() > room.width() or picture.height() > room.height():
            picture = picture.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.picture = QLabel(self)
        self.picture.setPixmap(QPixmap.fromImage(picture))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        area = QScrollArea(self)
        area.setWidget(self.picture)
        area.setWidgetResizable(True)
        caption = plain_label(self)
        caption.setText(f"{image.name} · {image.width}×{image.height}")
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addWidget(caption)
        self.resize(picture.width() + 40, picture.height() + 60)

    def mousePressEvent(self, event: object) -> None:
        self.close()
