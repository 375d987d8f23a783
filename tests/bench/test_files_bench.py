"""`make bench`: a 300-page PDF's text, read by Confab's PDF worker (a process of its own, with
limits) against the bare library reading the same bytes in this process; and the worst
lateness of a 5 ms timer in a real window while the PDF is dropped and read."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from gui.app import ConfabApp
from gui.startup_probe import StallMeter
from providers import pdf
from tests.gui.helpers import next_signal, settled
from tests.localserver import LocalServer
from tests.pdfs import long_pdf

pytestmark = pytest.mark.bench
PAGES = 300
RATIO_TARGET = 2.0  # the worker's start and hand-over, at most as long again as the reading
STALL_TARGET = 0.016  # s: one frame at 60 Hz


def mark(ok: bool) -> str:
    return "ok" if ok else "MISS"


def bare_read(data: bytes) -> list[str]:
    """pypdfium2 alone: every page's text, as its documentation shows."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    return [document[i].get_textpage().get_text_bounded() for i in range(len(document))]


async def test_a_300_page_pdf(confab: ConfabApp, tmp_path: Path) -> None:
    books = [long_pdf(PAGES) + b"\n%" + str(n).encode() for n in range(4)]  # 4 hashes: no cache
    bare_read(books[0])  # the library loaded once, as the worker's import is part of its cost
    floors, reads = [], []
    for book in books[:3]:
        start = time.perf_counter()
        texts = bare_read(book)
        floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        read = await pdf.read(book, "book.pdf")
        reads.append(time.perf_counter() - start)
        assert read.pages == PAGES and len(texts) == PAGES
    floor, took = min(floors), min(reads)
    path = tmp_path / "book.pdf"
    path.write_bytes(books[3])
    composer = confab.window.composer
    with StallMeter() as late:
        composer.attach_urls([QUrl.fromLocalFile(str(path))])
        await composer.wait_attachments()
    assert [a.name for a in composer.attachments.items()] == ["book.pdf"]
    ratio = took / floor
    print(
        f"\n[bench] {PAGES}-page PDF: pypdfium2 alone, in process  {floor * 1000:6.0f} ms   1.00x"
    )
    print(
        f"[bench] {PAGES}-page PDF: Confab's PDF worker         {took * 1000:6.0f} ms   "
        f"{ratio:5.2f}x   ≤ {RATIO_TARGET:.1f}x  {mark(ratio <= RATIO_TARGET)}"
    )
    print(
        f"[bench] {PAGES}-page PDF dropped on the window: 5 ms timer late, worst "
        f"{late.worst * 1000:.0f} ms, p99 {late.p99 * 1000:.0f} ms   "
        f"≤ {STALL_TARGET * 1000:.0f} ms  {mark(late.worst <= STALL_TARGET)}"
    )


async def test_attaching_and_sending_a_12_mp_png(
    confab: ConfabApp, server: LocalServer, tmp_path: Path
) -> None:
    """The window's worst stall while a 12 MP photo is dropped and prepared, and while it is
    sent and shown in the transcript (issue 25: ≤ 16 ms each). The sleep is no
    synchronisation: it lets the picture paint inside the measured time."""
    from tests.bench.test_media_bench import encoded, photo
    from tests.gui.test_chat_window import PATH, sse

    path = tmp_path / "photo.png"
    path.write_bytes(encoded(photo((4000, 3000)), "PNG"))
    composer = confab.window.composer
    with StallMeter() as attaching:
        composer.attach_urls([QUrl.fromLocalFile(str(path))])
        await composer.wait_attachments()
        await settled(confab)  # what attaching starts (its bytes kept ahead) ends as one types
    assert len(composer.attachments.images()) == 1
    server.stream("POST", PATH, sse("A photo."))
    finished = next_signal(confab.controller.message_finished)
    with StallMeter() as sending:
        composer.input.setPlainText("What is this?")
        composer.submit()
        await finished
        await asyncio.sleep(0.1)  # the transcript paints the picture
    for what, late in (("attaching", attaching), ("sending", sending)):
        print(
            f"\n[bench] 12 MP PNG, {what}: 5 ms timer late, worst {late.worst * 1000:.0f} ms, "
            f"p99 {late.p99 * 1000:.0f} ms   ≤ {STALL_TARGET * 1000:.0f} ms  "
            f"{mark(late.worst <= STALL_TARGET)}",
            end="",
        )
    print()
