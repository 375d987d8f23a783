"""Photograph Confab's main screens for review: ``python scripts/screenshots.py [OUT]``.

Runs the real window (on Xvfb under ``make screenshots``, else offscreen) against an
in-process copy of the demo server (its Markdown answer streams at full speed), on throwaway
profiles, and writes PNGs to OUT (default docs/screenshots). A review aid, not a test: open
the pictures.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

if not os.environ.get("DISPLAY"):  # `make screenshots` gives it an X server (Xvfb)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring.backends.fail  # noqa: E402
from aiohttp import web  # noqa: E402
from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from gui.app import ConfabApp, ensure_application  # noqa: E402
from gui.core.conversation import Message  # noqa: E402
from gui.core.local_servers import DEFAULTS, Candidate  # noqa: E402
from gui.event_loop import EventLoop  # noqa: E402
from gui.widgets.composer import image_to_png  # noqa: E402
from providers.keys import KeyStore  # noqa: E402
from providers.media import ImageLimits, prepare  # noqa: E402

SIZE = (1280, 800)
SLOW = "~"  # a prompt starting with it is answered at about 20 words a second


def owl_picture() -> bytes:
    """A small picture to attach: a night-blue square with a round yellow eye, as a PNG."""
    image = QImage(320, 220, QImage.Format.Format_RGB32)
    image.fill(QColor("#1d3557"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#f4d35e"))
    painter.drawEllipse(90, 60, 60, 60)
    painter.drawEllipse(170, 60, 60, 60)
    painter.setBrush(QColor("#111111"))
    painter.drawEllipse(110, 80, 20, 20)
    painter.drawEllipse(190, 80, 20, 20)
    painter.end()
    return image_to_png(image)


def demo_answer() -> str:
    """The demo server's Markdown answer (headings aside: list, code, table, math)."""
    spec = importlib.util.spec_from_file_location("demo_server", ROOT / "scripts/demo-server.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.ANSWER)


async def serve() -> tuple[web.AppRunner, str]:
    answer = demo_answer()
    count = 0

    async def models(_request: web.Request) -> web.Response:
        return web.json_response({"data": [{"id": "demo-model"}, {"id": "demo-vision"}]})

    async def chat(request: web.Request) -> web.StreamResponse:
        nonlocal count
        count += 1
        sent = await request.json()
        if sent.get("tools") and str(sent["messages"][-1].get("content", "")).startswith(TIME):
            return await tool_calls(request)
        if sent["messages"][-1]["role"] == "tool":
            return await times_answer(request, sent["messages"])
        content = sent["messages"][-1]["content"]
        if isinstance(content, list):  # with an image: the text part
            content = " ".join(p["text"] for p in content if p.get("type") == "text")
        if "report.pdf (" in str(content):  # the files shot: a PDF's text and two code files
            return await sse_reply(request, [{"choices": [{"index": 0, "delta": {
                "content": FILES_ANSWER}}]}, {"choices": [{"index": 0, "delta": {},
                "finish_reason": "stop"}]}])  # fmt: skip
        topic = str(content)[:40]
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        pause = 0.05 if topic.startswith(SLOW) else 0.0  # a reply to watch while it streams
        try:
            for word in answer.format(topic=topic.removeprefix(SLOW), number=count).split(" "):
                event = {"choices": [{"index": 0, "delta": {"content": word + " "}}]}
                await response.write(f"data: {json.dumps(event)}\n\n".encode())
                await asyncio.sleep(pause)
            stop = {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            await response.write(f"data: {json.dumps(stop)}\n\ndata: [DONE]\n\n".encode())
        except ConnectionResetError:  # the app stopped the reply (it closes at the end)
            pass
        return response

    app = web.Application()
    app.router.add_get("/v1/models", models)
    app.router.add_post("/v1/chat/completions", chat)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


TIME = "What time is it in Moscow and Tokyo?"
FILES_ANSWER = """**The report** (3 pages) says revenue grew **12 %** while costs stayed flat;
page 2 has the regional table, page 3 the outlook.

**The code** does what the report's appendix asks, with one gap:

- `add.py` adds two numbers, but accepts strings too (`add("1", "2") == "12"`).
- `test_add.py` checks only integers. Add a case for the mix:

```python
def test_add_refuses_text():
    with pytest.raises(TypeError):
        add("1", 2)
```
"""
REPORT_PAGES = [
    "Quarterly report, Q3 2026\n\nRevenue grew 12% to 4.1 million. Costs were flat.",
    "Regions\n\nNorth 1.6 million (+15%)\nSouth 1.4 million (+9%)\nEast 1.1 million (+11%)",
    "Outlook\n\nWe expect growth of 8-10% in Q4. Appendix: the adder must reject text.",
]
ZONES = ("Europe/Moscow", "Asia/Tokyo")


async def sse_reply(request: web.Request, events: list[dict[str, Any]]) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    for event in events:
        await response.write(f"data: {json.dumps(event)}\n\n".encode())
    await response.write(b"data: [DONE]\n\n")
    return response


async def tool_calls(request: web.Request) -> web.StreamResponse:
    """A sentence, then two parallel calls of the time server's get_current_time, in OpenAI's
    streamed shape."""
    opening = "I'll look up the time in both zones."
    events: list[dict[str, Any]] = [{"choices": [{"index": 0, "delta": {"content": opening}}]}]
    for index, zone in enumerate(ZONES):
        start = {"index": index, "id": f"call_{index}", "type": "function"}
        start["function"] = {"name": "get_current_time", "arguments": ""}
        events.append({"choices": [{"index": 0, "delta": {"tool_calls": [start]}}]})
        arguments = json.dumps({"timezone": zone})
        for cut in range(0, len(arguments), 8):
            piece = {"index": index, "function": {"arguments": arguments[cut : cut + 8]}}
            events.append({"choices": [{"index": 0, "delta": {"tool_calls": [piece]}}]})
    events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]})
    return await sse_reply(request, events)


async def times_answer(request: web.Request, messages: list[dict[str, Any]]) -> web.StreamResponse:
    found = [json.loads(m["content"]) for m in messages if m["role"] == "tool"]
    lines = [f"- **{f['timezone']}**: {f['datetime'][11:16]}" for f in found]
    text = "Here are the current times:\n\n" + "\n".join(lines)
    events = [{"choices": [{"index": 0, "delta": {"content": text}}]}]
    events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    return await sse_reply(request, events)


async def signalled(signal: Any, done: Callable[[], bool]) -> None:
    """Wait until ``done()``, looking again each time ``signal`` fires."""
    event = asyncio.Event()
    signal.connect(event.set)
    try:
        while not done():
            event.clear()
            await asyncio.wait_for(event.wait(), 30)
    finally:
        signal.disconnect(event.set)


async def turn(app: ConfabApp, count: int, start: Callable[[], Any]) -> None:
    """Run ``start`` and wait until ``count`` replies have finished and the view caught up."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    finished: list[Message] = []

    def seen(message: Message) -> None:
        finished.append(message)
        if len(finished) == count and not done.done():
            done.set_result(None)

    app.controller.message_finished.connect(seen)
    start()
    await asyncio.wait_for(done, 30)
    app.controller.message_finished.disconnect(seen)
    for _ in range(20):  # the view renders what is left in steps, a turn of the loop each
        await asyncio.sleep(0.01)


async def open_app(base: Path, url: str, **settings: Any) -> ConfabApp:
    profile = Path(tempfile.mkdtemp(dir=base))
    providers = {
        name: {"base_url": url + "/v1", "model": "demo-model"} for name in ("LlamaCpp", "VLLM")
    }
    data = {"provider": "LlamaCpp", "providers": providers, **settings}
    (profile / "settings.json").write_text(json.dumps(data))
    # The demo server stands in for a local LM Studio the setup card finds.
    here = (Candidate("LMStudio", "LM Studio", url + "/v1", "models"), *DEFAULTS)
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()), local_servers=here)
    app.window.resize(*SIZE)
    app.window.show()
    while app._tasks:
        await asyncio.gather(*list(app._tasks))
    return app


def save(widget: QWidget, out: Path, name: str) -> None:
    widget.grab().save(str(out / name))
    print(out / name)


async def shoot(out: Path) -> None:
    runner, url = await serve()
    base = Path(tempfile.mkdtemp(prefix="confab-shots-"))
    shots: list[tuple[str, Callable[[ConfabApp], Awaitable[None]], dict[str, Any]]] = []

    async def empty(app: ConfabApp) -> None:
        save(app.window, out, f"empty-{app.settings.appearance}.png")

    async def chat(app: ConfabApp) -> None:
        owl = prepare(owl_picture(), ImageLimits(), name="owl.png")
        await turn(app, 1, lambda: app.controller.send("Tell me about owls", [owl]))
        app.window.chat_view.scroll_to_bottom()
        save(app.window, out, f"chat-{app.settings.appearance}.png")

    async def compare(app: ConfabApp) -> None:
        app.start_comparing([("LlamaCpp", "demo-model"), ("VLLM", "demo-vision")])
        await turn(app, 2, lambda: app._send("Compare owls and bats", []))
        save(app.window, out, f"compare-{app.settings.appearance}.png")

    async def russian(app: ConfabApp) -> None:
        app.window.resize(1100, 760)  # the window's own first size: the header must fit
        await turn(app, 1, lambda: app.controller.send("Расскажи о совах"))
        save(app.window, out, f"chat-russian-{app.settings.appearance}.png")

    async def streaming(app: ConfabApp) -> None:
        for topic in ("owls", "bats", "cats"):
            app.controller.new_conversation()
            app.controller.send(SLOW + f"Tell me about {topic}")
        await asyncio.sleep(1.5)  # a moment into the replies: a still of work in progress
        save(app.window, out, f"chats-streaming-{app.settings.appearance}.png")
        await app.controller.shutdown()

    async def settings(app: ConfabApp) -> None:
        dialog = app.open_settings()
        dialog.resize(820, 600)
        await asyncio.sleep(0.05)
        save(dialog, out, f"settings-{app.settings.appearance}.png")
        dialog.close()

    async def tools(app: ConfabApp) -> None:
        await signalled(app.tools.changed, app.tools.has_tools)
        bar = app.window.approval
        asked = asyncio.ensure_future(signalled(bar.asked, bar.isVisible))
        finished = asyncio.ensure_future(turn(app, 1, lambda: app.controller.send(TIME)))
        await asked
        await asyncio.sleep(0.1)  # the card says it waits: painted
        save(app.window, out, f"tool-approval-{app.settings.appearance}.png")
        while not finished.done():
            if bar.isVisible():
                bar.allow.click()
            await asyncio.sleep(0.02)
        reply = app.controller.conversation.messages[-1]
        app.window.chat_view._open_steps.add(f"{reply.id}/{reply.tools[0].call.id}")
        app.window.chat_view.tools_changed(reply)
        await asyncio.sleep(0.1)
        save(app.window, out, f"tools-{app.settings.appearance}.png")

    async def files(app: ConfabApp) -> None:
        from tests.pdfs import text_pdf

        folder = Path(tempfile.mkdtemp(dir=base))
        (folder / "report.pdf").write_bytes(text_pdf(REPORT_PAGES))
        (folder / "add.py").write_text("def add(a, b):\n    return a + b\n")
        (folder / "test_add.py").write_text(
            "from add import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
        )
        theme = app.settings.appearance
        composer = app.window.composer
        names = ("report.pdf", "add.py", "test_add.py")
        composer.attach_urls([QUrl.fromLocalFile(str(folder / name)) for name in names])
        await composer.wait_attachments()
        composer.input.setPlainText("Review the report and these two files")
        await asyncio.sleep(0.05)
        save(app.window, out, f"files-composer-{theme}.png")
        preview = composer.preview(composer.attachments.items()[0])  # type: ignore[arg-type]
        await preview.ready
        await asyncio.sleep(0.05)
        save(preview, out, f"files-preview-{theme}.png")
        preview.close()
        await turn(app, 1, composer.submit)
        save(app.window, out, f"files-{theme}.png")

    async def first_run(app: ConfabApp) -> None:
        await asyncio.sleep(0.3)  # the probe's answers (refused at once where nothing runs)
        while app._tasks:
            await asyncio.gather(*list(app._tasks))
        save(app.window, out, f"first-run-{app.settings.appearance}.png")

    light, dark = {"appearance": "light"}, {"appearance": "dark"}
    # The published reference server (mcp-server-time, a dev dependency), run as users run it.
    TIME_SERVER = {"time": {"command": sys.executable, "args": ["-m", "mcp_server_time"]}}
    shots = [
        ("empty", empty, light),
        ("empty", empty, dark),
        ("first-run", first_run, {"provider": "OpenAI", **light}),
        ("chat", chat, light),
        ("chat", chat, dark),
        ("compare", compare, dark),
        ("russian", russian, {"language": "ru", **dark}),
        ("streaming", streaming, light),
        ("settings", settings, light),
        ("tools", tools, {"mcp_servers": TIME_SERVER, **dark}),
        ("tools", tools, {"mcp_servers": TIME_SERVER, **light}),
        ("files", files, light),
        ("files", files, dark),
    ]
    try:
        for _name, take, settings_extra in shots:
            app = await open_app(base, url, **settings_extra)
            try:
                await take(app)
            finally:
                await app.close()
    finally:
        await runner.cleanup()


def main() -> None:
    out = Path(
        sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OUT", ROOT / "docs/screenshots")
    )
    out.mkdir(parents=True, exist_ok=True)
    ensure_application(sys.argv)
    with asyncio.Runner(loop_factory=EventLoop) as runner:
        runner.run(shoot(out))


if __name__ == "__main__":
    main()
