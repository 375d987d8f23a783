"""``confab --smoke URL``: prove a build works end to end, without a person.

Opens the real window on a throwaway profile, picks the OpenAI-compatible server at ``URL``
(llama.cpp-style: no key), attaches the image files given (each must prepare: decode, rotate,
strip, shrink), sends one prompt through the composer and waits for the streamed reply.
Then lists and calls a tool of an in-process MCP server through the SDK's client (the bundle
holds all the SDK needs), and typesets a formula. Prints one line and returns 0 when all of it
worked, 1 otherwise. CI runs it against
the packaged app (``make package-check``), with a HEIC photo among the files.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl

from gui import math_render
from gui.app import ConfabApp
from gui.core.conversation import Message, Status

PROVIDER = "LlamaCpp"
PROMPT = "Confab smoke test: say hello."
TIMEOUT_S = 60.0


async def smoke(url: str, files: Sequence[str] = ()) -> int:
    """Stream one reply from ``url`` through a real window, with ``files`` (absolute paths)
    attached; the process's exit code."""
    with tempfile.TemporaryDirectory(prefix="confab-smoke-") as scratch:
        profile = Path(scratch)
        settings = {"provider": PROVIDER, "providers": {PROVIDER: {"base_url": url}}}
        (profile / "settings.json").write_text(json.dumps(settings))
        app = ConfabApp(profile)
        app.window.show()
        started = time.monotonic()
        try:
            async with asyncio.timeout(TIMEOUT_S):
                composer = app.window.composer
                composer.attach_urls([QUrl.fromLocalFile(f) for f in files])
                await composer.wait_attachments()
                if len(composer.attachments.items()) != len(files):
                    problem = composer.notice.text()
                    print(f"confab smoke: not every file attached: {problem}", file=sys.stderr)
                    return 1
                reply = await _answer(app)
        except TimeoutError:
            print(f"confab smoke: no whole reply from {url} in {TIMEOUT_S:.0f} s", file=sys.stderr)
            return 1
        finally:
            await app.close()
        if reply.status is not Status.DONE or not reply.text.strip():
            why = reply.error or reply.status.value
            print(f"confab smoke: the reply from {url} failed: {why}", file=sys.stderr)
            return 1
        if (broken := await _mcp_round_trip()) is not None:
            print(f"confab smoke: MCP tools do not work: {broken}", file=sys.stderr)
            return 1
        if (broken := await _pdf_round_trip()) is not None:
            print(f"confab smoke: PDFs cannot be read: {broken}", file=sys.stderr)
            return 1
        if (broken := _collation()) is not None:
            print(f"confab smoke: ICU's data is missing what Qt needs: {broken}", file=sys.stderr)
            return 1
        formula = math_render.typeset(r"\frac{a}{b}", 16.0, "#000000")
        if formula is None or math_render.picture(formula.key, 1.0).isNull():
            print("confab smoke: TeX could not be typeset (ziamath or its font)", file=sys.stderr)
            return 1
        images = f" for {len(files)} file(s)" if files else ""
        print(
            f"confab smoke: ok, {len(reply.text)} characters from {reply.model or '?'} at {url}"
            f"{images} in {time.monotonic() - started:.2f} s"
        )
        return 0


async def _mcp_round_trip() -> str | None:
    """The MCP SDK as the bundle has it: an in-process server's tool listed and called through
    the SDK's client (what a stdio or HTTP server's call runs through); None when it works."""
    import importlib

    importlib.import_module("providers.mcp_hub")  # as gui/tools_host.py imports it
    from mcp import Client
    from mcp.server.mcpserver import MCPServer

    server = MCPServer("smoke")

    @server.tool()
    def add(a: int, b: int) -> str:
        return str(a + b)

    async with Client(server) as client:
        tools = [tool.name for tool in (await client.list_tools()).tools]
        answer = await client.call_tool("add", {"a": 2, "b": 3})
    text = getattr(answer.content[0], "text", "") if answer.content else ""
    return None if tools == ["add"] and text == "5" else f"tools {tools}, add(2, 3) = {text!r}"


def _collation() -> str | None:
    """Russian sorted as Russian (ICU's collation data, which the bundle cuts to the
    languages Confab speaks); None when it is."""
    from PySide6.QtCore import QCollator, QLocale

    words = ["яблоко", "ёж", "Жук", "арбуз", "ель"]
    collator = QCollator(QLocale("ru"))
    ordered = sorted(words, key=collator.sortKey)
    return None if ordered == ["арбуз", "ёж", "ель", "Жук", "яблоко"] else f"sorted {ordered}"


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF saying ``text`` in Helvetica (a font every reader has built in)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


async def _pdf_round_trip() -> str | None:
    """The PDF worker as the bundle starts it (the app itself with --pdf-worker): a page's
    text read back; None when it works."""
    from providers import pdf

    try:
        read = await pdf.read(tiny_pdf("Confab smoke"), "smoke.pdf")
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if read.texts == ("Confab smoke",) else f"read {read.texts!r}"


async def _answer(app: ConfabApp) -> Message:
    """Send the prompt as a user does, through the composer; the finished reply."""
    while app._tasks:  # the model list, so the model sent is one the server has
        await asyncio.gather(*list(app._tasks), return_exceptions=True)
    finished: asyncio.Future[Message] = asyncio.get_running_loop().create_future()

    def done(message: Message) -> None:
        if message.role == "assistant" and not finished.done():
            finished.set_result(message)

    app.controller.message_finished.connect(done)
    composer = app.window.composer
    composer.input.setPlainText(PROMPT)
    composer.submit()
    return await finished
