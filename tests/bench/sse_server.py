"""A separate-process OpenAI-style server for the streaming benchmarks.

``python -m tests.bench.sse_server PORT`` serves ``/v1/chat/completions``: the last user message
names a stream shape and a pace, ``"<shape> <tokens per second>"`` (0: as fast as possible), and
the reply is that shape sent one write per SSE event, as real servers send them. It runs in its
own process so that neither its CPU time nor its writes count against the client measured.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys

from aiohttp import web

TOKENS = 20_000
_TOKEN = re.compile(r"\S+\s*|\s+")

CODE = '''```python
def fibonacci(limit: int) -> list[int]:
    """The Fibonacci numbers below ``limit``."""
    numbers = [0, 1]
    while numbers[-1] + numbers[-2] < limit:
        numbers.append(numbers[-1] + numbers[-2])
    return numbers


for value in fibonacci(1000):
    print(f"{value:>5}")
```
'''
SECTION = (
    "## Section {n}\n\nHere is **bold** text, some `inline code`, "
    "a [link](https://example.com/{n}) and a formula $e^{i\\pi} + 1 = 0$.\n\n"
    "- first point about item {n}\n- second point\n"
    "- third point with *emphasis*\n\n" + CODE + "\n| Name | Value | Note |\n|---|---|---|\n"
    "| alpha | {n} | fine |\n| beta | 2 | also fine |\n\n"
)


def words(count: int, paragraph: int) -> str:
    """``count`` words, a blank line after every ``paragraph`` of them (0: never)."""
    out = []
    for n in range(count):
        end = "\n\n" if paragraph and (n + 1) % paragraph == 0 else " "
        out.append(f"word{n}{end}")
    return "".join(out)


def markdown(count: int) -> str:
    text, n = "", 0
    while len(_TOKEN.findall(text)) < count:
        text += SECTION.replace("{n}", str(n))
        n += 1
    return text


def shapes() -> dict[str, list[str]]:
    """Each shape as the tokens a server would send, one per event."""
    texts = {
        "short": words(TOKENS, 40),
        "markdown": markdown(TOKENS),
        "long": words(TOKENS, 0),
        "longcode": "A module:\n\n```python\n"
        + "".join(
            f"def step_{n}(value: int) -> int:\n    return value * {n} + len('{n}')\n\n"
            for n in range(400)
        )[:20_000]
        + "\n```\n\nThat is all.\n",
        "bigcode": "```\n"
        + "x = 1  # one of the lines of a one-megabyte code block\n" * 19_000
        + "```\n",
        "widetable": "| "
        + " | ".join(f"c{n}" for n in range(10_000))
        + " |\n|"
        + "---|" * 10_000
        + "\n| "
        + " | ".join(str(n) for n in range(10_000))
        + " |\n",
    }
    tokens = {name: _TOKEN.findall(text) for name, text in texts.items()}
    tokens["bigcode"] = texts["bigcode"].splitlines(keepends=True)  # a line per event
    return tokens


def event(content: str) -> bytes:
    data = {"choices": [{"index": 0, "delta": {"content": content}}]}
    return f"data: {json.dumps(data)}\n\n".encode()


def app() -> web.Application:
    streams = {name: [event(t) for t in tokens] for name, tokens in shapes().items()}
    stop = {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    tail = f"data: {json.dumps(stop)}\n\ndata: [DONE]\n\n".encode()

    async def chat(request: web.Request) -> web.StreamResponse:
        sent = await request.json()
        shape, _, pace = str(sent["messages"][-1]["content"]).partition(" ")
        events = streams[shape]
        if pace and float(pace):
            events = events[: int(float(pace) * 5)]  # five seconds' worth
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        loop = asyncio.get_running_loop()
        start = loop.time()
        for n, data in enumerate(events):
            await response.write(data)
            if pace and float(pace):
                await asyncio.sleep(max(0.0, start + (n + 1) / float(pace) - loop.time()))
        await response.write(tail)
        return response

    async def models(_request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [{"id": "bench-model"}]})

    application = web.Application()
    application.router.add_post("/v1/chat/completions", chat)
    application.router.add_get("/v1/models", models)
    return application


if __name__ == "__main__":
    print("ready", flush=True)
    web.run_app(app(), host="127.0.0.1", port=int(sys.argv[1]), print=None)
