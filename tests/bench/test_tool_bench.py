"""`make bench`: what the tool loop itself costs, with the tool's own time taken out.

A local OpenAI-compatible server answers with a recorded tool-call stream (one write per SSE
event), the kit MCP server (tests/mcp/kit_server.py, stdio) runs the call, and the server
answers the second request. The loop's overhead is the time from the model's tool call
reaching the loop to the next request reaching the server, less the call's own time; the
floor beside it is the SDK's bare ``call_tool`` of the same tool in the same run.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pytest
from aiohttp import web

from providers.chunks import ToolCall, ToolResult
from providers.mcp_config import ServerConfig
from providers.openai_compat import LlamaCpp
from providers.tool_loop import run_with_tools
from tests.localserver import LocalServer, openai_tool_call, transcript

pytestmark = pytest.mark.bench
pytest.importorskip("mcp")

ROUNDS = 20
TARGET = 0.020  # s, the model's tool call to the next request, tool time excluded (issue 23)
KIT = str(Path(__file__).parents[1] / "mcp" / "kit_server.py")


async def allow(call: ToolCall) -> bool:
    return True


async def test_tool_loop_overhead(server: LocalServer) -> None:
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    from providers.mcp_hub import McpHub

    calls = openai_tool_call("add", {"a": 2, "b": 3})
    answer = transcript("openai-python_parse_nothing_e2aad469b71d.txt")
    arrivals: list[float] = []
    turn = [0]

    async def handler(request: web.Request) -> web.StreamResponse:
        arrivals.append(time.perf_counter())
        body = calls if turn[0] % 2 == 0 else answer
        turn[0] += 1
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for event in body.split(b"\n\n"):
            await response.write(event + b"\n\n")
        await response.write_eof()
        return response

    server.route("POST", "/v1/chat/completions", handler)
    overheads: list[float] = []
    async with McpHub([ServerConfig("kit", command=sys.executable, args=(KIT, "stdio"))]) as hub:
        for _ in range(ROUNDS):
            arrivals.clear()
            called = 0.0
            tool_time = 0.0
            async for item in run_with_tools(
                LlamaCpp,
                "m",
                [{"role": "user", "content": "2 + 3?"}],
                toolbox=hub,
                approve=allow,
                base_url=server.url + "/v1",
            ):
                if isinstance(item, ToolCall):
                    called = time.perf_counter()
                elif isinstance(item, ToolResult):
                    tool_time = item.seconds or 0.0
            overheads.append(arrivals[1] - called - tool_time)

    bare: list[float] = []
    params = StdioServerParameters(command=sys.executable, args=[KIT, "stdio"])
    async with Client(params) as client:
        for _ in range(ROUNDS):
            started = time.perf_counter()
            await client.call_tool("add", {"a": 2, "b": 3})
            bare.append(time.perf_counter() - started)

    median, worst = statistics.median(overheads), max(overheads)
    floor = statistics.median(bare)
    print(
        f"\ntool loop overhead (call -> next request, tool time out): median "
        f"{median * 1000:.1f} ms, worst {worst * 1000:.1f} ms; the SDK's bare call_tool "
        f"{floor * 1000:.2f} ms (median/floor {median / floor:.1f}x); target <= "
        f"{TARGET * 1000:.0f} ms: {'ok' if median <= TARGET else 'MISS'}"
    )
