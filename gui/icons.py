"""Confab's icons: Lucide's SVGs (resources/icons/lucide), drawn at any size in the colour of
the current palette, so one icon serves light and dark themes and every scale."""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from gui.core.paths import RESOURCES

FOLDER = RESOURCES / "icons" / "lucide"


@functools.lru_cache(maxsize=256)
def _renderer(name: str, colour: str) -> QSvgRenderer:
    svg = (FOLDER / f"{name}.svg").read_text(encoding="utf-8").replace("currentColor", colour)
    return QSvgRenderer(QByteArray(svg.encode()))


def _colour(mode: QIcon.Mode) -> str:
    """The palette's text colour for an icon in ``mode`` (read when drawn: a theme change
    reaches every icon without making them again)."""
    palette = QGuiApplication.palette()
    if mode is QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    if mode is QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText).name()
    return palette.color(QPalette.ColorRole.ButtonText).name()


class _Tinted(QIconEngine):
    def __init__(self, name: str, colour: str = "") -> None:
        super().__init__()
        self.name, self.colour = name, colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        _renderer(self.name, self.colour or _colour(mode)).render(painter, rect.toRectF())

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _Tinted(self.name, self.colour)

    def key(self) -> str:
        return "confab-tinted"


def icon(name: str, colour: str = "") -> QIcon:
    """Lucide icon ``name`` in ``colour`` (a #rrggbb), or in the palette's text colour."""
    return QIcon(_Tinted(name, colour))


@functools.lru_cache(maxsize=256)
def image(name: str, colour: str, size: int, ratio: float = 1.0) -> QImage:
    """Lucide icon ``name`` in ``colour`` as an image ``size`` logical pixels square, drawn at
    the pixel ratio ``ratio`` (crisp on HiDPI): what rendered messages show as icons."""
    pixels = max(1, round(size * ratio))
    picture = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    picture.fill(Qt.GlobalColor.transparent)
    if (FOLDER / f"{name}.svg").is_file():
        painter = QPainter(picture)
        _renderer(name, colour).render(painter)
        painter.end()
    picture.setDevicePixelRatio(ratio)
    return picture
