"""The MCP client against real servers: tests/mcp/kit_server.py (written with the SDK) over
stdio and streamable HTTP, and the published reference server ``mcp-server-time``."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from providers.chunks import ToolCall
from providers.errors import BadRequestError
from providers.mcp_config import ServerConfig, dump_servers, parse_servers

pytest.importorskip("mcp")
from providers.mcp_hub import Connection, McpHub

KIT = str(Path(__file__).parents[1] / "mcp" / "kit_server.py")


def kit(name: str = "kit", **options: Any) -> ServerConfig:
    return ServerConfig(name, command=sys.executable, args=(KIT, "stdio"), **options)


@pytest.fixture
async def hub() -> AsyncIterator[McpHub]:
    async with McpHub([kit(timeout=5)]) as running:
        yield running


def call(tool: str, **arguments: Any) -> ToolCall:
    return ToolCall(f"id-{tool}", tool, arguments)


# --- configuration ---------------------------------------------------------------------------


def test_reads_the_mcp_servers_json_claude_desktop_and_cursor_write() -> None:
    text = json.dumps(
        {
            "mcpServers": {
                "time": {"command": "uvx", "args": ["mcp-server-time"], "env": {"TZ": "UTC"}},
                "docs": {"type": "http", "url": "https://example.com/mcp", "headers": {"X-A": "1"}},
                "remote": {"url": "http://127.0.0.1:9/mcp"},
                "off": {"command": "x", "disabled": True},
            }
        }
    )
    servers = parse_servers(text)
    time, docs, remote, off = servers
    assert (time.command, time.args, time.env, time.transport) == (
        "uvx",
        ("mcp-server-time",),
        {"TZ": "UTC"},
        "stdio",
    )
    assert (docs.url, docs.headers, docs.transport) == (
        "https://example.com/mcp",
        {"X-A": "1"},
        "http",
    )
    assert remote.transport == "http" and not off.enabled
    assert parse_servers(dump_servers(servers)) == servers


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{not json", "not valid JSON"),
        ('{"mcpServers": {"a": {"args": []}}}', "'a' needs a command or a url"),
        ('{"mcpServers": {"a": {"url": "ftp://x"}}}', "needs an http:// or https:// url"),
        ('{"mcpServers": {"a": {"type": "sse", "url": "http://x/sse"}}}', "old SSE transport"),
        ('{"mcpServers": {"a": {"command": "x", "args": "y"}}}', "args must be a list"),
        ("[1, 2]", "expected an object"),
    ],
)
def test_a_bad_entry_gets_a_sentence_naming_it(text: str, says: str) -> None:
    with pytest.raises(BadRequestError, match=says):
        parse_servers(text)


# --- stdio -----------------------------------------------------------------------------------


async def test_lists_tools_and_calls_them(hub: McpHub) -> None:
    [connection] = hub.connections
    assert connection.state == "ready"
    names = {spec.name for spec in hub.specs()}
    assert {"add", "echo", "square", "fail", "hang", "crash"} <= names
    add = next(s for s in hub.specs() if s.name == "add")
    assert add.schema["properties"]["a"]["type"] == "integer"
    result = await hub.call(call("add", a=2, b=3))
    assert (result.text, result.status) == ("5", "ok")
    assert result.seconds is not None


async def test_image_results_come_as_images(hub: McpHub) -> None:
    result = await hub.call(call("square"))
    [(mime, data)] = result.images
    assert mime == "image/png" and data.startswith("iVBORw0KGgo")


async def test_a_tool_error_is_a_result_the_model_reads(hub: McpHub) -> None:
    result = await hub.call(call("fail", reason="disk full"))
    assert result.status == "error" and "fail" in result.text
    assert (await hub.call(call("add", a=1, b=1))).text == "2"


async def test_an_unknown_tool_is_an_error_result(hub: McpHub) -> None:
    result = await hub.call(call("nope"))
    assert result.status == "error" and "no tool named nope" in result.text


async def test_a_hanging_call_times_out_and_the_server_goes_on() -> None:
    async with McpHub([kit(timeout=0.5)]) as hub:
        result = await hub.call(call("hang"))
        assert result.status == "timeout" and "0.5 s" in result.text
        assert (await hub.call(call("echo", text="still here"))).text == "still here"


async def test_stop_cancels_a_running_call(hub: McpHub) -> None:
    task = asyncio.create_task(hub.call(call("hang")))
    await asyncio.sleep(0)  # let the call start: a step of the loop, not a wait for time
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert (await hub.call(call("echo", text="after"))).text == "after"


async def test_a_server_that_crashes_mid_call_fails_with_its_last_words() -> None:
    async with McpHub([kit(timeout=10)]) as hub:
        result = await hub.call(call("crash"))
        [connection] = hub.connections
        assert result.status == "error"
        assert "closed the connection" in result.text
        assert "kit server starting" in result.text  # the end of its stderr
        assert connection.state == "failed"
        again = await hub.call(call("add", a=1, b=1))  # the chat goes on, with a clear answer
        assert again.status == "error" and "no tool named add" in again.text


async def test_a_server_not_installed_fails_clearly_and_others_still_run() -> None:
    missing = ServerConfig("ghost", command="confab-no-such-mcp-server")
    async with McpHub([missing, kit()]) as hub:
        ghost, live = hub.connections
        assert ghost.state == "failed" and "command was not found" in ghost.error
        assert live.state == "ready"
        assert "add" in {s.name for s in hub.specs()}


async def test_a_server_gets_none_of_confabs_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-must-not-leak")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-must-not-leak")
    async with McpHub([kit(env={"KIT_SETTING": "1"})]) as hub:
        names = (await hub.call(call("environment"))).text.split()
    assert "KIT_SETTING" in names
    assert "OPENAI_API_KEY" not in names and "ANTHROPIC_API_KEY" not in names


async def test_stop_leaves_no_process_behind() -> None:
    async with McpHub([kit(), kit("second")]) as hub:
        assert len(hub.specs()) > 0
        pids = []
        for connection in hub.connections:
            result = await connection.call("pid", {})
            pids.append(int(result.content[0].text))  # type: ignore[union-attr]
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


async def test_two_servers_with_the_same_tools_get_distinct_names() -> None:
    async with McpHub([kit("one"), kit("two")]) as hub:
        names = {s.name for s in hub.specs()}
        assert {"one_add", "two_add"} <= names and "add" not in names
        assert hub.server_of("two_add") == hub.connections[1].config
        assert (await hub.call(call("two_add", a=1, b=2))).text == "3"


async def test_a_changed_tool_list_is_read_again() -> None:
    changed = asyncio.Event()

    def on_change(connection: Connection) -> None:
        if any(t.name == "secret" for t in connection.tools):
            changed.set()

    async with McpHub([kit()], on_change=on_change) as hub:
        assert "secret" not in {s.name for s in hub.specs()}
        await hub.call(call("unlock"))
        await asyncio.wait_for(changed.wait(), 10)
        assert (await hub.call(call("secret"))).text == "open sesame"


# --- streamable HTTP -------------------------------------------------------------------------


@pytest.fixture
async def http_kit() -> AsyncIterator[str]:
    """The kit server over streamable HTTP in this process, on a socket bound before it
    serves (so the first request waits in the backlog instead of being refused)."""
    import uvicorn

    sys.path.insert(0, str(Path(KIT).parent))
    try:
        import kit_server
    finally:
        sys.path.pop(0)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        kit_server.server.streamable_http_app(), log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    yield f"http://127.0.0.1:{port}/mcp"
    server.should_exit = True
    await task
    sock.close()


async def test_streamable_http_server_with_headers(http_kit: str) -> None:
    remote = ServerConfig("remote", url=http_kit, headers={"Authorization": "Bearer tok-123"})
    async with McpHub([remote]) as hub:
        assert hub.connections[0].state == "ready", hub.connections[0].error
        assert (await hub.call(call("add", a=20, b=22))).text == "42"
        assert (await hub.call(call("header", name="Authorization"))).text == "Bearer tok-123"


async def test_an_http_server_that_is_not_there_fails_clearly() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    async with McpHub([ServerConfig("gone", url=f"http://127.0.0.1:{port}/mcp")]) as hub:
        [gone] = hub.connections
        assert gone.state == "failed" and gone.error


# --- a published server ------------------------------------------------------------------------


async def test_the_reference_time_server() -> None:
    pytest.importorskip("mcp_server_time")
    time = ServerConfig("time", command=sys.executable, args=("-m", "mcp_server_time"))
    async with McpHub([time]) as hub:
        assert hub.connections[0].state == "ready", hub.connections[0].error
        assert "get_current_time" in {s.name for s in hub.specs()}
        result = await hub.call(call("get_current_time", timezone="Europe/Moscow"))
        assert result.status == "ok"
        assert json.loads(result.text)["timezone"] == "Europe/Moscow"
