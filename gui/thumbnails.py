"""Small pictures of attached images, decoded at their small size and off the window's thread.

A prepared image is up to 3072 px on its long side; decoding it whole on the window's thread
to show 64 or 180 pixels stalled the window 40 ms (a 12 MP photo, ``make bench``). The composer
makes both sizes in a worker thread when an image is attached (QImage, unlike QPixmap, may be
made off the GUI thread), and the transcript finds them here by the image's bytes: the same
bytes object travels from the composer to the sent message, so the lookup is a hash already
computed. An image from history that is not here yet is decoded at the small size on the spot.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

SIZES = (64, 360)
"""Pixels: the composer's chips; the transcript's pictures (shown 180 wide, crisp at 2×)."""
KEPT = 64  # thumbnails remembered

_cache: OrderedDict[tuple[bytes, int], QImage] = OrderedDict()
_lock = threading.Lock()


def decode(data: bytes, side: int) -> QImage:
    """``data`` decoded to fit ``side`` × ``side``, scaled while decoding where the format
    allows (JPEG), never enlarged."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def make(data: bytes) -> None:
    """Decode every size of ``data`` now (in a worker thread) for ``get`` to find."""
    for side in SIZES:
        _keep(data, side, decode(data, side))


def get(data: bytes, side: int) -> QImage:
    """The thumbnail of ``data`` at ``side``: remembered, or decoded now at that size."""
    with _lock:
        image = _cache.get((data, side))
        if image is not None:
            _cache.move_to_end((data, side))
            return image
    image = decode(data, side)
    _keep(data, side, image)
    return image


def _keep(data: bytes, side: int, image: QImage) -> None:
    """Remember a thumbnail, forgetting the least recently used past KEPT."""
    with _lock:
        _cache[data, side] = image
        while len(_cache) > KEPT:
            _cache.popitem(last=False)
