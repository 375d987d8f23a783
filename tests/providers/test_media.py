"""Images: real files of several formats, made here with Pillow, through providers.media."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat, PngImagePlugin

from providers.errors import MediaError
from providers.media import (
    ImageLimits,
    from_data_uri,
    prepare,
    sniff,
    to_data_uri,
)

LIMITS = ImageLimits(max_side=512, max_bytes=5 * 1024 * 1024)


def encode(image: Image.Image, fmt: str, **kw: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **kw)
    return out.getvalue()


def photo(size: tuple[int, int] = (300, 200)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    image.paste(Image.new("RGB", (size[0] // 2, size[1]), "blue"))
    return image


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [
        ("PNG", "image/png"),
        ("JPEG", "image/jpeg"),
        ("WEBP", "image/webp"),
        ("GIF", "image/png"),
        ("BMP", "image/jpeg"),
        ("TIFF", "image/jpeg"),
    ],
)
def test_formats_become_what_apis_accept(fmt: str, mime: str) -> None:
    prepared = prepare(encode(photo(), fmt), LIMITS, "pic")
    assert prepared.mime == mime
    assert (prepared.width, prepared.height) == (300, 200)
    assert Image.open(io.BytesIO(prepared.data)).format == mime.split("/")[1].upper()


def test_heic_photo_is_converted_to_jpeg() -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    prepared = prepare(encode(photo(), "HEIF"), LIMITS, "IMG_0001.HEIC")
    assert prepared.mime == "image/jpeg"
    assert (prepared.width, prepared.height) == (300, 200)


def test_transparent_tiff_stays_lossless_png() -> None:
    image = Image.new("RGBA", (10, 10), (255, 0, 0, 0))
    assert prepare(encode(image, "TIFF"), LIMITS).mime == "image/png"


def test_long_side_is_shrunk_to_the_limit_keeping_aspect() -> None:
    prepared = prepare(encode(photo((2000, 1000)), "PNG"), LIMITS)
    assert (prepared.width, prepared.height) == (512, 256)


def test_exif_orientation_is_applied_and_metadata_with_gps_is_stripped() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "N", 2: (55.0, 45.0, 0.0)}  # GPSInfo
    exif[0x010F] = "CameraMaker"
    data = encode(photo((300, 200)), "JPEG", exif=exif)
    assert b"CameraMaker" in data
    prepared = prepare(data, LIMITS)
    assert (prepared.width, prepared.height) == (200, 300)
    out = Image.open(io.BytesIO(prepared.data))
    assert not out.getexif()
    assert b"CameraMaker" not in prepared.data


def test_png_text_chunks_are_stripped() -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Location", "secret-home-address")
    prepared = prepare(encode(photo(), "PNG", pnginfo=info), LIMITS)
    assert b"secret-home-address" not in prepared.data


def test_byte_limit_is_met_by_recompressing() -> None:
    noisy = Image.effect_noise((512, 512), 100).convert("RGB")
    data = encode(noisy, "PNG")
    limits = ImageLimits(max_side=512, max_bytes=60_000)
    prepared = prepare(data, limits)
    assert len(prepared.data) <= 60_000
    assert prepared.mime == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        (b"%PDF-1.7\n...", "PDF document"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"hello, plain words", "text"),
        (b"", "empty"),
    ],
)
def test_non_images_are_refused_with_what_they_look_like(data: bytes, hint: str) -> None:
    with pytest.raises(MediaError, match=f"not an image.*{hint}"):
        prepare(data, LIMITS)


def test_truncated_image_is_refused() -> None:
    data = encode(photo(), "PNG")
    with pytest.raises(MediaError):
        prepare(data[: len(data) // 2], LIMITS)


def test_decompression_bomb_is_refused_before_decoding() -> None:
    bomb = encode(Image.new("1", (12_000, 12_000)), "PNG")  # 144 megapixels in a few kB
    assert len(bomb) < 100_000
    with pytest.raises(MediaError, match="pixels"):
        prepare(bomb, LIMITS)


def test_files_and_data_uris_are_inputs(tmp_path: Path) -> None:
    path = tmp_path / "cat.jpg"
    path.write_bytes(encode(photo(), "JPEG"))
    from_path = prepare(path, LIMITS)
    assert from_path.name == "cat.jpg"
    uri = from_path.data_uri()
    assert uri.startswith("data:image/jpeg;base64,")
    assert from_data_uri(uri) == (from_path.data, "image/jpeg")
    assert prepare(uri, LIMITS).mime == "image/jpeg"
    with pytest.raises(MediaError, match="cannot read missing.png"):
        prepare(tmp_path / "missing.png", LIMITS)


def test_data_uri_helpers() -> None:
    assert to_data_uri(b"\x00\x01", "image/png") == "data:image/png;base64,AAE="
    assert from_data_uri("data:text/plain,a%20b") == (b"a b", "text/plain")
    with pytest.raises(MediaError):
        from_data_uri("https://example.com/x.png")


def test_sniff_reads_the_bytes_not_the_name(tmp_path: Path) -> None:
    assert sniff(encode(photo(), "WEBP")) == "WEBP"


def test_sixteen_bit_grayscale_keeps_its_tones() -> None:
    ramp = Image.linear_gradient("L").convert("I").point(lambda v: v * 257).convert("I;16")
    assert Image.open(io.BytesIO(encode(ramp, "PNG"))).mode == "I;16"
    prepared = prepare(encode(ramp, "PNG"), LIMITS)
    out = Image.open(io.BytesIO(prepared.data))
    assert out.mode == "L"
    assert abs(ImageStat.Stat(out).mean[0] - 127.5) < 2  # washed out, it was 254


def test_a_png_with_a_large_text_chunk_is_an_image() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "x" * (2 * 1024 * 1024), zip=True)  # Stable Diffusion style
    prepared = prepare(encode(photo(), "PNG", pnginfo=info), LIMITS)
    assert prepared.mime == "image/png" and (prepared.width, prepared.height) == (300, 200)
    assert b"parameters" not in prepared.data


def test_an_image_prepared_already_is_not_prepared_again() -> None:
    prepared = prepare(encode(photo(), "PNG"), LIMITS)
    assert prepare(prepared, LIMITS) is prepared
    smaller = prepare(prepared, ImageLimits(max_side=100))
    assert (smaller.width, smaller.height) == (100, 67)


def run_isolated(
    code: str, *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Python code in a child process, so a read that blocks or eats memory fails, not hangs."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=Path(__file__).parents[2],
        env=env,
    )


PREPARE_FILE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from providers.errors import MediaError
from providers.media import ImageLimits, prepare
try:
    prepare(sys.argv[1] if len(sys.argv) > 1 else {path!r}, ImageLimits())
except MediaError as exc:
    print(exc.message)
"""


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_a_file_that_is_not_a_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "photo.png"
    if kind == "fifo":
        os.mkfifo(path)  # reading it blocked forever: no writer ever comes
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")  # st_size 0, endless: it read until memory ran out
    else:
        path.mkdir()
    result = run_isolated(PREPARE_FILE.format(path=str(path)))
    assert result.stdout.strip() == (
        "photo.png is not a file Confab can read (a device, pipe or folder)"
    )


PEAK_MEMORY = """
import concurrent.futures, sys
from pathlib import Path
from providers.media import ImageLimits, prepare

def peak_kb():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the parent, so a child of a
    # pytest grown past the decode's peak measured nothing (0.0 and 0.0).
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0])

data = open(sys.argv[1], "rb").read()
count = int(sys.argv[2])
base = peak_kb()
with concurrent.futures.ThreadPoolExecutor(count) as pool:
    list(pool.map(lambda _: prepare(data, ImageLimits()), range(count)))
print((peak_kb() - base) / 1024)
"""


def test_four_huge_images_at_once_are_decoded_one_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "huge.webp"
    Image.linear_gradient("L").resize((8000, 6250)).save(path, "WEBP", quality=1, method=0)

    def peak_mb(count: int) -> float:
        # One malloc arena, so memory freed by one decode is what the next one reuses.
        env = {**os.environ, "MALLOC_ARENA_MAX": "1"}
        result = run_isolated(PEAK_MEMORY, str(path), str(count), timeout=120, env=env)
        assert result.returncode == 0, result.stderr
        return float(result.stdout)

    one, four = peak_mb(1), peak_mb(4)
    # 50 MP each: decoded together they took four times the memory of one (here 3.0 GB
    # against 0.77 GB; 5.4 GB at 79 MP).
    assert four < 1.5 * one, (one, four)
