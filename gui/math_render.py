"""TeX formulas typeset as pictures: ziamath (pure Python: TeX to MathML to SVG, with its own
STIX Two Math font) makes the SVG, QtSvg draws it at the screen's pixel ratio.

ziamath costs 0.12 s and 23 MB to load (its font's tables), so it loads only when a formula is
first shown, in a worker thread (``load_soon``); until ``loader().loaded`` the renderer shows
formulas as their TeX, and views render them again once it is in. A formula is typeset once per
colour and size (``typeset`` is cached) and drawn once per pixel ratio (``picture``).
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from gui.core import collector

MATH_SCHEME = "math"
"""``<img src="math:KEY">`` in a message's HTML is the formula typeset under KEY."""
_VIEW_BOX = re.compile(r'viewBox="([-\d.e]+) ([-\d.e]+) ([-\d.e]+) ([-\d.e]+)"')


@dataclass(frozen=True)
class Formula:
    """A typeset formula: its SVG, and the picture's size in pixels with the room above and
    below the formula that puts its baseline on the text's (see ``typeset``)."""

    key: str
    tex: str
    svg: bytes
    width: float
    height: float  # of the picture: the formula's, with ``above`` and ``below``
    above: float = 0.0
    below: float = 0.0


_typeset: dict[str, Formula] = {}


class _Loader(QObject):
    loaded = Signal()  # ziamath is in: formulas shown as TeX can be typeset now


_LOADER: _Loader | None = None
_STARTED = threading.Lock()
_started = False


def loader() -> _Loader:
    """The object whose ``loaded`` signal says the typesetter is in (made on first use, on
    the window's thread)."""
    global _LOADER
    if _LOADER is None:
        _LOADER = _Loader()
    return _LOADER


def ready() -> bool:
    """Whether the typesetter is in (``load`` has run)."""
    return _ready.is_set()


_ready = threading.Event()


def load() -> None:
    """Import the typesetter now (a worker thread calls this; so may a test)."""
    from ziamath.config import config
    from ziamath.zmath import Latex  # noqa: F401

    config.svg2 = False  # SVG 1.1 (glyphs as paths, no <symbol>): what QtSvg draws
    _ready.set()


def load_soon() -> None:
    """Start loading the typesetter in a worker thread, once; ``loader().loaded`` follows."""
    global _started
    signal = loader().loaded
    with _STARTED:
        if _started:
            return
        _started = True

    def work() -> None:
        with collector.paused():  # see gui/core/collector.py: a crash otherwise
            load()
        signal.emit()

    threading.Thread(target=work, name="confab-math", daemon=True).start()


@functools.lru_cache(maxsize=1024)
def typeset(
    tex: str, size: float, colour: str, display: bool = False, x_height: float = 0.0
) -> Formula | None:
    """``tex`` typeset at ``size`` pixels in ``colour``; None when it does not parse (call
    it once ``ready()``: it loads the typesetter on the caller's thread otherwise).

    An inline formula's picture is shown with ``vertical-align: middle``, which Qt lays out
    with the picture's middle ``x_height / 4`` above the text's baseline (measured): room is
    added above or below so that the formula's own baseline lands on the text's."""
    load()
    from ziamath.zmath import Latex

    try:
        svg = Latex(tex, size=size, color=colour, inline=not display).svg()
    except Exception:  # latex2mathml and ziamath raise many kinds for TeX they cannot read
        return None
    found = _VIEW_BOX.search(svg)
    if found is None:
        return None
    _x, top, width, height = (float(n) for n in found.groups())
    ascent, descent = -top, height + top
    above = below = 0.0
    if not display:  # above - below = x_height / 2 - ascent + descent
        shift = x_height / 2 - ascent + descent
        above, below = max(0.0, shift), max(0.0, -shift)
    signature = f"{tex}\0{size}\0{colour}\0{display}\0{x_height}"
    key = hashlib.sha1(signature.encode()).hexdigest()[:16]
    formula = Formula(key, tex, svg.encode(), width, height + above + below, above, below)
    _typeset[key] = formula
    return formula


@functools.lru_cache(maxsize=512)
def picture(key: str, ratio: float) -> QImage:
    """The formula under ``key`` drawn at pixel ratio ``ratio`` (an empty image if unknown)."""
    found = _typeset.get(key)
    if found is None:
        return QImage()
    image = QImage(
        max(1, round(found.width * ratio)),
        max(1, round(found.height * ratio)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    drawn = QRectF(0, found.above, found.width, found.height - found.above - found.below)
    painter.scale(ratio, ratio)
    QSvgRenderer(QByteArray(found.svg)).render(painter, drawn)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image
