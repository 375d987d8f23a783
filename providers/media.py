"""Images for vision models: sniff, validate, normalise and convert to and from data URIs.

Everything here is CPU work; the GUI runs it in a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import MediaError

MediaInput = bytes | str | os.PathLike[str]
"""Raw bytes, a path, or a ``data:`` URI."""

MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 80_000_000
"""Refuse images above this many pixels before decoding them (decompression bombs)."""

SENDABLE = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}

_NOT_IMAGE_HINTS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"ID3", "an audio file"),
    (b"\x1aE\xdf\xa3", "a video file"),
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
        return base64.b64encode(self.data).decode("ascii")


def load(item: MediaInput, name: str | None = None) -> tuple[bytes, str]:
    """The bytes and a display name of a media input."""
    if isinstance(item, bytes):
        return item, name or "image"
    if isinstance(item, str) and item.startswith("data:"):
        data, _mime = from_data_uri(item)
        return data, name or "image"
    path = Path(item)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise MediaError(
                f"{path.name} is {size / 1e6:.0f} MB; images over "
                f"{MAX_INPUT_BYTES // 1_000_000} MB are not accepted"
            )
        return path.read_bytes(), name or path.name
    except OSError as exc:
        raise MediaError(f"cannot read {path.name}: {exc.strerror or exc}") from None


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
    _register_plugins()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return str(image.format)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise MediaError(f"this file is not an image ({_describe(data)})") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError("this image has too many pixels to open safely") from None


def _describe(data: bytes) -> str:
    if not data:
        return "it is empty"
    for magic, what in _NOT_IMAGE_HINTS:
        if data.startswith(magic):
            return f"it looks like {what}"
    try:
        data[:512].decode("utf-8")
        return "it looks like text"
    except UnicodeDecodeError:
        return "its format is not one Confab can read"


def prepare(item: MediaInput, limits: ImageLimits, name: str | None = None) -> PreparedImage:
    """Validate and normalise one image for an API with ``limits``.

    Reads the real type from the bytes, refuses non-images and decompression bombs, applies the
    EXIF orientation, drops all metadata (GPS included), shrinks the long side to the limit and
    re-encodes to a format the API takes, compressing further if the bytes are still too many.
    """
    data, label = load(item, name)
    fmt = sniff(data)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise MediaError(
                    f"{label} is {opened.width}×{opened.height} pixels; "
                    f"images over {MAX_PIXELS // 1_000_000} megapixels are refused"
                )
            opened.seek(0)  # first frame of an animation
            image = ImageOps.exif_transpose(opened)
            image.load()
    except MediaError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise MediaError(f"{label} could not be decoded: {exc}") from None
    if max(image.size) > limits.max_side:
        image.thumbnail((limits.max_side, limits.max_side), Image.Resampling.LANCZOS)
    target = _target_format(fmt, image, limits)
    encoded = _encode(image, target)
    while len(encoded) > limits.max_bytes:
        if target != "JPEG" and "image/jpeg" in limits.formats:
            target = "JPEG"
        else:
            image = image.resize((max(1, image.width * 3 // 4), max(1, image.height * 3 // 4)))
        encoded = _encode(image, target)
    return PreparedImage(encoded, SENDABLE[target], image.width, image.height, label)


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
        image.save(out, "JPEG", quality=88, optimize=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=88)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=False)
    return out.getvalue()


def to_data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def from_data_uri(uri: str) -> tuple[bytes, str]:
    """The bytes and MIME type of a ``data:`` URI (base64 or percent-encoded)."""
    if not uri.startswith("data:") or "," not in uri:
        raise MediaError("not a data URI")
    header, payload = uri[5:].split(",", 1)
    params = header.split(";")
    mime = params[0] or "text/plain"
    try:
        if "base64" in params[1:]:
            return base64.b64decode(payload, validate=False), mime
        return unquote_to_bytes(payload), mime
    except (binascii.Error, ValueError):
        raise MediaError("the data URI is not valid base64") from None
