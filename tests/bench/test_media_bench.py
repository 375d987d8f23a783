"""`make bench`: image preparation against Pillow's plain decode of the same bytes."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

import pytest
from PIL import Image

from providers.media import IMAGE_LIMITS, prepare

pytestmark = pytest.mark.bench
JPEG_TARGET = 0.400  # seconds, 24 MP JPEG to data URI (issue 9)


def photo(size: tuple[int, int]) -> Image.Image:
    """Noise over a gradient: compresses like a photo, not like a flat test card."""
    base = Image.radial_gradient("L").resize(size).convert("RGB")
    return Image.blend(base, Image.effect_noise(size, 40).convert("RGB"), 0.5)


def encoded(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, quality=90) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize(
    ("name", "size", "fmt", "target"),
    [
        ("24 MP JPEG", (6000, 4000), "JPEG", JPEG_TARGET),
        ("6 MP PNG photo", (3000, 2000), "PNG", None),
    ],
)
def test_image_to_data_uri(
    name: str, size: tuple[int, int], fmt: str, target: float | None
) -> None:
    data = encoded(photo(size), fmt)
    floor = best_of(3, lambda: Image.open(io.BytesIO(data)).load())
    took = best_of(3, lambda: prepare(data, IMAGE_LIMITS["openai"]).data_uri())
    mark = "" if target is None else (" ok" if took <= target else " MISS") + f" (≤ {target:.1f} s)"
    print(f"\n[bench] {name}: Pillow full decode {floor:6.3f} s   1.00x")
    print(f"[bench] {name}: prepare + data URI {took:6.3f} s   {took / floor:5.2f}x decode{mark}")
