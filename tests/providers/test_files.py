"""Files besides images: what a file is (from its bytes), the PDF worker on real PDFs, and the
request each family receives on a loopback server, checked against the documented shapes
(providers/file_parts.py names the documents)."""

from __future__ import annotations

import base64
import codecs
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from providers import pdf
from providers.ai365vip import AI365VIP
from providers.anthropic import Anthropic
from providers.base import StreamingProvider
from providers.errors import MediaError
from providers.file_parts import FileLimitError, check
from providers.files import PDF_MIME, PreparedFile, fenced, file_of, text_attachment
from providers.gemini import Gemini
from providers.ollama import Ollama
from providers.openai_compat import LlamaCpp, OpenAI
from tests.localserver import LocalServer, transcript
from tests.pdfs import RUSSIAN, long_pdf, scanned_pdf, text_pdf
from tests.providers.helpers import collect, png_bytes, text

CODE = b"#!/usr/bin/env python3\nprint('hi')\n"
REPORT = text_pdf(["Revenue grew 12%.", RUSSIAN])


# ---- what a file is ------------------------------------------------------------------------
async def test_code_is_text_with_its_language_by_extension_or_shebang() -> None:
    by_name = await file_of(CODE, "main.py")
    by_content = await file_of(CODE, "run")
    assert isinstance(by_name, PreparedFile) and by_name.language == "python"
    assert isinstance(by_content, PreparedFile) and by_content.language == "python"
    assert by_name.part() == {
        "type": "text",
        "text": "main.py:\n```python\n#!/usr/bin/env python3\nprint('hi')\n```",
    }


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + "héllo ✓ мир\n".encode(),
        "héllo ✓ мир\n".encode("utf-16"),  # with its byte order mark
        codecs.BOM_UTF16_BE + "héllo ✓ мир\n".encode("utf-16-be"),
    ],
    ids=["utf-8 bom", "utf-16 le", "utf-16 be"],
)
async def test_text_in_utf8_or_utf16_with_a_bom_is_read(encoded: bytes) -> None:
    file = await file_of(encoded, "notes.txt")
    assert isinstance(file, PreparedFile)
    assert file.text() == "héllo ✓ мир\n"


async def test_a_fence_is_longer_than_any_backticks_inside() -> None:
    readme = "Run:\n```sh\nmake\n```\n"
    part = text_attachment(readme, "README.md").part()["text"]
    assert part.startswith("README.md:\n````markdown\n") and part.endswith("\n````")


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"PK\x03\x04" + bytes(range(256)) * 4, "ZIP archive"),
        (b"\x7fELF" + bytes(range(256)) * 4, "program"),
        (bytes(range(256)) * 8, "not an image, a PDF or text"),
        ("Привет".encode("cp1251") + b"\xff\xfe\x00", "not an image, a PDF or text"),
        (b"   \n", "is empty"),
    ],
    ids=["zip", "elf", "binary", "cp1251", "blank"],
)
async def test_what_cannot_be_sent_says_why(data: bytes, said: str) -> None:
    with pytest.raises(MediaError) as caught:
        await file_of(data, "thing.bin")
    assert said in str(caught.value) and "thing.bin" in str(caught.value)


async def test_images_stay_images() -> None:
    assert await file_of(png_bytes(), "photo.png") is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
async def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(MediaError, match="device, pipe or folder"):
        await file_of(str(fifo), None)


# ---- PDFs in the worker ----------------------------------------------------------------------
async def test_a_pdf_is_read_page_by_page_in_english_and_russian() -> None:
    file = await file_of(REPORT, "report.pdf")
    assert isinstance(file, PreparedFile) and file.mime == PDF_MIME and file.pages == 2
    read = await pdf.read(REPORT, "report.pdf")
    assert read.texts == ("Revenue grew 12%.", RUSSIAN)
    labelled = read.labelled("report.pdf")
    assert labelled.startswith("report.pdf (2 pages)\n\n--- page 1 ---\nRevenue grew 12%.")
    assert f"--- page 2 ---\n{RUSSIAN}" in labelled


async def test_a_scanned_pdf_has_no_text_and_renders_as_images() -> None:
    scan = scanned_pdf(2)
    read = await pdf.read(scan, "scan.pdf")
    assert read.pages == 2 and read.scanned
    [png] = await pdf.render(scan, "scan.pdf", [1], 800)
    assert png.startswith(b"\x89PNG")


async def test_an_encrypted_pdf_asks_for_its_password_and_opens_with_it() -> None:
    locked = text_pdf(["the secret plan"], password="s3cret")
    with pytest.raises(pdf.PdfPasswordError) as asked:
        await file_of(locked, "plan.pdf")
    assert not asked.value.wrong and "protected by a password" in str(asked.value)
    with pytest.raises(pdf.PdfPasswordError) as wrong:
        await pdf.unlock(locked, "plan.pdf", "guess")
    assert wrong.value.wrong
    opened = await pdf.unlock(locked, "plan.pdf", "s3cret")
    assert (await pdf.read(opened, "plan.pdf")).texts == ("the secret plan",)


@pytest.mark.parametrize(
    "data", [REPORT[: len(REPORT) // 3], b"%PDF-1.7\n" + b"garbage " * 500], ids=["cut", "junk"]
)
async def test_a_broken_pdf_gets_a_message_not_a_crash(data: bytes) -> None:
    with pytest.raises(MediaError, match="damaged or not a PDF"):
        await file_of(data, "broken.pdf")


async def test_a_pdf_past_the_time_limit_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "TIME_LIMIT", 0.001)  # no worker starts and reads this fast
    with pytest.raises(MediaError, match="took too long"):
        await pdf.read(long_pdf(20), "slow.pdf")


async def test_a_worker_that_dies_gets_a_message_not_a_hang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crash = [sys.executable, "-c", "import os; os.abort()"]  # as PDFium crashing would
    monkeypatch.setattr(pdf, "worker_command", lambda: crash)
    with pytest.raises(MediaError, match="damaged or not a PDF"):
        await pdf.read(long_pdf(2), "crash.pdf")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
def test_the_worker_cannot_take_more_memory_than_its_limit() -> None:
    """What a hostile PDF asking PDFium for gigabytes meets: a MemoryError in the worker (which
    answers "needs more memory"), never the machine's memory."""
    import subprocess

    from providers import pdf_worker

    grab = (
        "import sys; sys.path.insert(0, sys.argv[1]); import pdf_worker\n"
        "pdf_worker.limit_resources(10)\n"
        "try:\n    bytearray(pdf_worker.MEMORY_LIMIT)\nexcept MemoryError:\n    print('refused')"
    )
    folder = str(Path(pdf_worker.__file__).parent)
    out = subprocess.run([sys.executable, "-c", grab, folder], capture_output=True, text=True)
    assert out.stdout.strip() == "refused", out.stderr


async def test_a_text_file_past_any_context_is_refused() -> None:
    with pytest.raises(MediaError, match="at most 1500000 go in one message"):
        await file_of(b"x" * 1_500_001, "huge.log")


async def test_the_first_pages_make_a_pdf_of_their_own() -> None:
    first = await pdf.first_pages(long_pdf(5), "long.pdf", 2)
    assert (await pdf.read(first, "long.pdf")).pages == 2


def test_the_packaged_app_starts_the_worker_through_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert pdf.worker_command() == [sys.executable, "--pdf-worker"]


# ---- limits ----------------------------------------------------------------------------------
def _with_pdf(data: bytes, name: str = "big.pdf") -> list[dict[str, Any]]:
    part = PreparedFile(data, PDF_MIME, name).part()
    return [{"role": "user", "content": [part, {"type": "text", "text": "Summarise"}]}]


async def test_too_many_pages_for_the_provider_says_how_many_fit() -> None:
    with pytest.raises(FileLimitError) as caught:
        await check(Anthropic, _with_pdf(long_pdf(120)))
    assert caught.value.fits == 100 and caught.value.name == "big.pdf"
    assert caught.value.pdf == 0
    assert "120 pages" in str(caught.value) and "at most 100" in str(caught.value)
    await check(Gemini, _with_pdf(long_pdf(120)))  # Gemini reads up to 1,000


async def test_the_pdf_to_cut_is_told_by_its_place_not_its_name() -> None:
    """Two files may share a name (two report.pdf from two folders): the longer one is the
    one that would be cut, and the error says which by its place."""
    [short] = _with_pdf(long_pdf(10), "report.pdf")[0]["content"][:1]
    long = _with_pdf(long_pdf(120), "report.pdf")
    long[0]["content"].insert(0, short)
    with pytest.raises(FileLimitError) as caught:
        await check(Anthropic, long)
    assert caught.value.pdf == 1 and caught.value.fits == 90


async def test_scanned_pages_over_the_image_limit_are_refused_not_cut() -> None:
    with pytest.raises(FileLimitError) as caught:
        await check(Ollama, _with_pdf(scanned_pdf(Ollama.image_limits.max_count + 2)))
    assert caught.value.fits == Ollama.image_limits.max_count


# ---- what each family receives ---------------------------------------------------------------
ANSWERS = {
    "openai": ("/v1/chat/completions", "openai-python_parse_nothing_e2aad469b71d.txt", "/v1"),
    "anthropic": ("/v1/messages", "anthropic-sdk-python_basic_response.txt", "/v1"),
    "gemini": ("/v1beta/models/gemini-2.0-flash:streamGenerateContent", "gemini-testdata_googleai_streaming-success-basic-reply-short.txt", "/v1beta"),  # noqa: E501
    "ollama": ("/api/chat", "DERIVED_ollama_api_chat_stream.ndjson", ""),
}  # fmt: skip


async def _send(
    server: LocalServer, provider: type[StreamingProvider], family: str, media: list[Any]
) -> dict[str, Any]:
    path, answer, base = ANSWERS[family]
    server.stream("POST", path, transcript(answer))
    items = await collect(
        provider.create_async_generator(
            "gemini-2.0-flash",
            [{"role": "user", "content": "Summarise"}],
            media=media,
            api_key="k",
            base_url=server.url + base,
        )
    )
    assert text(items)
    body: dict[str, Any] = server.requests[-1].json()
    return body


FILES = [(REPORT, "report.pdf"), (CODE, "main.py")]
CODE_BLOCK = fenced("main.py", "python", CODE.decode())
PDF_B64 = base64.b64encode(REPORT).decode()


async def test_openai_gets_the_pdf_as_a_file_part(server: LocalServer) -> None:
    body = await _send(server, OpenAI, "openai", FILES)
    assert body["messages"] == [
        {
            "role": "user",
            "content": [
                {
                    "type": "file",
                    "file": {
                        "filename": "report.pdf",
                        "file_data": f"data:application/pdf;base64,{PDF_B64}",
                    },
                },
                {"type": "text", "text": CODE_BLOCK},
                {"type": "text", "text": "Summarise"},
            ],
        }
    ]


async def test_anthropic_gets_a_document_block(server: LocalServer) -> None:
    body = await _send(server, Anthropic, "anthropic", FILES)
    assert body["messages"] == [
        {
            "role": "user",
            "content": [
                {
                    "type": "document",
                    "source": {"type": "base64", "media_type": "application/pdf", "data": PDF_B64},
                    "title": "report.pdf",
                },
                {"type": "text", "text": f"{CODE_BLOCK}\n\nSummarise"},
            ],
        }
    ]


async def test_gemini_gets_inline_pdf_data_before_the_question(server: LocalServer) -> None:
    body = await _send(server, Gemini, "gemini", FILES)
    assert body["contents"] == [
        {
            "role": "user",
            "parts": [
                {"inline_data": {"mime_type": "application/pdf", "data": PDF_B64}},
                {"text": f"{CODE_BLOCK}\n\nSummarise"},
            ],
        }
    ]


READ_AS_TEXT = (
    "report.pdf (2 pages)\n\n--- page 1 ---\nRevenue grew 12%.\n\n--- page 2 ---\n" + RUSSIAN
)


@pytest.mark.parametrize(
    ("provider", "family"), [(Ollama, "ollama"), (LlamaCpp, "openai")], ids=["ollama", "llama.cpp"]
)
async def test_servers_without_pdfs_get_its_text_with_page_markers(
    server: LocalServer, provider: type[StreamingProvider], family: str
) -> None:
    body = await _send(server, provider, family, FILES)
    [message] = body["messages"]
    assert message["content"] == f"{READ_AS_TEXT}\n\n{CODE_BLOCK}\n\nSummarise"


async def test_a_scanned_pdf_goes_as_page_images_to_a_vision_server(server: LocalServer) -> None:
    body = await _send(server, LlamaCpp, "openai", [(scanned_pdf(2), "scan.pdf")])
    [message] = body["messages"]
    kinds = [part["type"] for part in message["content"]]
    assert kinds == ["text", "image_url", "image_url", "text"]
    assert message["content"][0]["text"] == "scan.pdf (2 pages, scanned: one image each)"
    assert message["content"][1]["image_url"]["url"].startswith("data:image/png;base64,")


async def test_a_scanned_pdf_to_a_provider_without_images_is_refused() -> None:
    with pytest.raises(MediaError, match="a scan") as caught:
        await collect(
            AI365VIP.create_async_generator(
                "m", [{"role": "user", "content": "?"}], media=[(scanned_pdf(), "scan.pdf")]
            )
        )
    assert caught.value.provider == AI365VIP.display_name()
