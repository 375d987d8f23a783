"""A paced OpenAI-compatible server for looking at Confab by hand: ``python scripts/demo-server.py
PORT [TOKENS_PER_SECOND]``. Each reply streams a Markdown answer about the prompt, one SSE event
per token. It is a demo and screenshot aid, not a test fixture."""

from __future__ import annotations

import asyncio
import json
import sys

from aiohttp import web

ANSWER = (  # a long code line, in two strings: it scrolls sideways in its panel
    """Answer {number}: here is what I know about **{topic}**.

1. It has been studied for a long time, and most of what is written is accurate.
2. The short version: it is more interesting than it first looks.

```python
def describe(topic: str) -> str:
    return f"{{topic}} is worth a closer look, say field guides, papers"""
    """ and everyone who watched one at dusk"
```

| Aspect | Note |
|---|---|
| History | long |
| Open questions | many |

The classic identity is $e^{{i\\pi}} + 1 = 0$, and a sum reads

$$\\sum_{{k=1}}^{{n}} k = \\frac{{n(n+1)}}{{2}}$$

In short, {topic} rewards patience. Ask me about any part of it and I will go deeper.
"""
)


async def models(_request: web.Request) -> web.Response:
    return web.json_response(
        {"object": "list", "data": [{"id": "demo-model"}, {"id": "demo-vision"}]}
    )


async def chat(request: web.Request) -> web.StreamResponse:
    sent = await request.json()
    topic = str(sent["messages"][-1]["content"])[:40]
    pace = float(request.app["pace"])
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    request.app["answers"] += 1
    for word in ANSWER.format(topic=topic, number=request.app["answers"]).split(" "):
        event = {"choices": [{"index": 0, "delta": {"content": word + " "}}]}
        await response.write(f"data: {json.dumps(event)}\n\n".encode())
        await asyncio.sleep(1 / pace)
    stop = {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    await response.write(f"data: {json.dumps(stop)}\n\ndata: [DONE]\n\n".encode())
    return response


def main() -> None:
    app = web.Application()
    app["pace"] = float(sys.argv[2]) if len(sys.argv) > 2 else 8.0
    app["answers"] = 0
    app.router.add_get("/v1/models", models)
    app.router.add_post("/v1/chat/completions", chat)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)


if __name__ == "__main__":
    main()
