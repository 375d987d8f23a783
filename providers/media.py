"""Images for vision models: sniff, validate, normalise and convert to and from data URIs.

Everything here is CPU work; the GUI runs it in a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import stat
import struct
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote_to_bytes

from .errors import MediaError, NotAnImageError
from .jsonbody import Base64Text
from .text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PIL import Image

# Pillow is imported where an image is read (in a worker thread), not when the app starts.

MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 80_000_000
"""Refuse images above this many pixels before decoding them (decompression bombs)."""

SENDABLE = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}

NOT_IMAGE_HINTS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", QT_TRANSLATE_NOOP("Providers", "a PDF document")),
    (b"PK\x03\x04", QT_TRANSLATE_NOOP("Providers", "a ZIP archive or office document")),
    (b"\x7fELF", QT_TRANSLATE_NOOP("Providers", "a program")),
    (b"MZ", QT_TRANSLATE_NOOP("Providers", "a Windows program")),
    (b"ID3", QT_TRANSLATE_NOOP("Providers", "an audio file")),
    (b"\x1aE\xdf\xa3", QT_TRANSLATE_NOOP("Providers", "a video file")),
)


@dataclass(frozen=True, slots=True)
class ImageLimits:
    """What one API accepts per image and per request."""

    max_side: int = 2048
    max_bytes: int = 20 * 1024 * 1024
    max_count: int = 10
    formats: frozenset[str] = frozenset(SENDABLE.values())


_MB = 1024 * 1024
_PNG_JPEG = frozenset({"image/png", "image/jpeg"})

IMAGE_LIMITS: dict[str, ImageLimits] = {
    # What each API family documents; media.prepare() enforces them before sending.
    "openai": ImageLimits(max_side=2048, max_bytes=20 * _MB, max_count=10),
    "anthropic": ImageLimits(max_side=1568, max_bytes=5 * _MB, max_count=20),
    "gemini": ImageLimits(max_side=3072, max_bytes=7 * _MB, max_count=16),
    "ollama": ImageLimits(max_side=2048, max_bytes=20 * _MB, max_count=8, formats=_PNG_JPEG),
    "g4f": ImageLimits(max_side=2048, max_bytes=20 * _MB, max_count=10),
}


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """An image ready to send: re-encoded, metadata-free, within the limits."""

    data: bytes
    mime: str
    width: int
    height: int
    name: str = "image"

    def data_uri(self) -> str:
        return to_data_uri(self.data, self.mime)

    def base64(self) -> str:
        return Base64Text(base64.b64encode(self.data).decode("ascii"))

    def fits(self, limits: ImageLimits) -> bool:
        """Whether this can be sent as it is to an API with ``limits``."""
        return (
            max(self.width, self.height) <= limits.max_side
            and len(self.data) <= limits.max_bytes
            and self.mime in limits.formats
        )


MediaInput = bytes | str | os.PathLike[str] | PreparedImage
"""Raw bytes, a path, a ``data:`` URI, or an image prepared already."""


def load(item: MediaInput, name: str | None = None) -> tuple[bytes, str]:
    """The bytes and a display name of a media input, at most MAX_INPUT_BYTES of them."""
    if isinstance(item, PreparedImage):
        return item.data, name or item.name
    if isinstance(item, bytes):
        data, label = item, name or "image"
    elif isinstance(item, str) and item.startswith("data:"):
        data, label = from_data_uri(item)[0], name or "image"
    else:
        path = Path(item)
        data, label = read_file(path), name or path.name
    if len(data) > MAX_INPUT_BYTES:
        raise _too_big(label)
    return data, label


def read_file(path: Path) -> bytes:
    """A regular file's bytes, never more than MAX_INPUT_BYTES + 1: a FIFO, a device such as
    /dev/zero or a folder is refused at once, whatever its name or reported size."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise MediaError(
            QT_TRANSLATE_NOOP(
                "Providers", "{name} is not a file Confab can read (a device, pipe or folder)"
            ),
            name=path.name,
        )
    with os.fdopen(fd, "rb") as file:
        try:
            data = file.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if len(data) > MAX_INPUT_BYTES:
        raise _too_big(path.name)
    return data


def _unreadable(path: Path, exc: OSError) -> MediaError:
    return MediaError(
        QT_TRANSLATE_NOOP("Providers", "cannot read {name}: {why}"),
        name=path.name,
        why=exc.strerror or exc,
    )


def _too_big(label: str) -> MediaError:
    return MediaError(
        QT_TRANSLATE_NOOP(
            "Providers", "{name} is over {size} MB; files that large are not accepted"
        ),
        name=label,
        size=MAX_INPUT_BYTES // 1_000_000,
    )


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_TEXT_CHUNKS = frozenset({b"tEXt", b"zTXt", b"iTXt"})


def without_png_text(data: bytes) -> bytes:
    """A PNG without its text chunks (comments, XMP, prompts): metadata that is stripped anyway,
    and that Pillow refuses to open past its text size limit. Other data comes back as is."""
    if not data.startswith(_PNG_SIGNATURE):
        return data
    out, pos = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    dropped = False
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        end = pos + 12 + length
        if data[pos + 4 : pos + 8] in _PNG_TEXT_CHUNKS:
            dropped = True
        else:
            out.append(data[pos:end])
        pos = end
    return b"".join(out) if dropped else data


class PixelBudget:
    """Bounds how many pixels are decoded at once across threads: four 79-megapixel photos
    dropped together are decoded one after another, not all at once (5 GB)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._used = 0
        self._changed = threading.Condition()

    @contextmanager
    def hold(self, pixels: int) -> Iterator[None]:
        want = min(pixels, self._limit)
        with self._changed:
            self._changed.wait_for(lambda: self._used + want <= self._limit)
            self._used += want
        try:
            yield
        finally:
            with self._changed:
                self._used -= want
                self._changed.notify_all()


DECODING = PixelBudget(MAX_PIXELS)


def _register_plugins() -> None:
    """Teach Pillow HEIC/HEIF (loaded on first use: it is not needed to start the app)."""
    global _plugins_registered
    if _plugins_registered:
        return
    _plugins_registered = True
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # optional: without it HEIC files get the "not an image" message
        return
    register_heif_opener()


_plugins_registered = False


def sniff(data: bytes) -> str:
    """The Pillow format name of image bytes (JPEG, PNG, HEIF...), or MediaError."""
    from PIL import Image, UnidentifiedImageError

    _register_plugins()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return str(image.format)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _not_an_image(data) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError(
            QT_TRANSLATE_NOOP("Providers", "this image has too many pixels to open safely")
        ) from None


def _not_an_image(data: bytes) -> NotAnImageError:
    """Why ``data`` is not an image, as far as its first bytes tell."""
    if not data:
        return NotAnImageError(
            QT_TRANSLATE_NOOP("Providers", "this file is not an image (it is empty)")
        )
    for magic, what in NOT_IMAGE_HINTS:
        if data.startswith(magic):
            return NotAnImageError(
                QT_TRANSLATE_NOOP("Providers", "this file is not an image (it looks like {what})"),
                what=what,
            )
    try:
        data[:512].decode("utf-8")
        return NotAnImageError(
            QT_TRANSLATE_NOOP("Providers", "this file is not an image (it looks like text)")
        )
    except UnicodeDecodeError:
        return NotAnImageError(
            QT_TRANSLATE_NOOP(
                "Providers", "this file is not an image (its format is not one Confab can read)"
            )
        )


def prepare(item: MediaInput, limits: ImageLimits, name: str | None = None) -> PreparedImage:
    """Validate and normalise one image for an API with ``limits``.

    Reads the real type from the bytes, refuses non-images and decompression bombs, shrinks
    the long side to the limit while decoding (JPEG draft, reduce), then applies the EXIF
    orientation, drops all metadata (GPS included) and re-encodes to a format the API takes,
    compressing further if the bytes are still too many. An image prepared already for these
    limits is returned as it is.
    """
    if isinstance(item, PreparedImage) and item.fits(limits):
        return item
    data, label = load(item, name)
    data = without_png_text(data)
    fmt = sniff(data)
    image = _decode(data, label, limits.max_side)
    target = _target_format(fmt, image, limits)
    encoded = _encode(image, target)
    while len(encoded) > limits.max_bytes:
        if target != "JPEG" and "image/jpeg" in limits.formats:
            target = "JPEG"
        else:
            image = image.resize((max(1, image.width * 3 // 4), max(1, image.height * 3 // 4)))
        encoded = _encode(image, target)
    return PreparedImage(encoded, SENDABLE[target], image.width, image.height, label)


def _decode(data: bytes, label: str, max_side: int) -> Image.Image:
    """The first frame, no larger than ``max_side``, upright, in 8 bits per channel."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as opened:
            pixels = opened.width * opened.height
            if pixels > MAX_PIXELS:
                raise MediaError(
                    QT_TRANSLATE_NOOP(
                        "Providers",
                        "{name} is {width}×{height} pixels; images over {most} megapixels are "
                        "refused",
                    ),
                    name=label,
                    width=opened.width,
                    height=opened.height,
                    most=MAX_PIXELS // 1_000_000,
                )
            with DECODING.hold(pixels):
                opened.seek(0)  # first frame of an animation
                # Shrinking before the full decode lets JPEG decode at 1/2, 1/4 or 1/8 scale
                # and other formats reduce() before resampling; rotating comes after, on the
                # small image. The box keeps the aspect: JPEG's draft scales by the short side.
                scale = min(1.0, max_side / max(opened.size))
                opened.draft(None, (int(opened.width * scale), int(opened.height * scale)))
                opened.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
                opened.load()
                image = ImageOps.exif_transpose(opened) or opened
                image.load()
    except MediaError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise MediaError(
            QT_TRANSLATE_NOOP("Providers", "{name} could not be decoded: {why}"),
            name=label,
            why=exc,
        ) from None
    return _eight_bit(image)


def _eight_bit(image: Image.Image) -> Image.Image:
    """16-bit grayscale (``I;16``, or ``I`` from older decoders) scaled to 8 bits: converting
    it straight would clip every value above 255 to white."""
    if image.mode != "I" and not image.mode.startswith("I;16"):
        return image
    _, high = image.getextrema()
    if isinstance(high, int | float) and high > 255:
        image = image.point(lambda value: value / 256)
    return image.convert("L")


def _target_format(fmt: str, image: Image.Image, limits: ImageLimits) -> str:
    if fmt == "GIF":  # animated or not, the first frame as PNG is what every API reads
        fmt = "PNG"
    if SENDABLE.get(fmt) in limits.formats:
        return fmt
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if has_alpha or "image/jpeg" not in limits.formats:
        return "PNG"
    return "JPEG"


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=88)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=88)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            image = image.convert("RGBA")
        image.save(out, "PNG", compress_level=1)  # level 6 took 2 s on a photo; size is the cap
    return out.getvalue()


def to_data_uri(data: bytes, mime: str) -> Base64Text:
    return Base64Text(f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}")


def from_data_uri(uri: str) -> tuple[bytes, str]:
    """The bytes and MIME type of a ``data:`` URI (base64 or percent-encoded)."""
    if not uri.startswith("data:") or "," not in uri:
        raise MediaError(QT_TRANSLATE_NOOP("Providers", "not a data URI"))
    header, payload = uri[5:].split(",", 1)
    params = header.split(";")
    mime = params[0] or "text/plain"
    try:
        if "base64" in params[1:]:
            return base64.b64decode(payload, validate=False), mime
        return unquote_to_bytes(payload), mime
    except (binascii.Error, ValueError):
        raise MediaError(
            QT_TRANSLATE_NOOP("Providers", "the data URI is not valid base64")
        ) from None
