"""confab-cli chat --mcp: the tool loop as a real process, with real MCP servers (the published
mcp-server-time, and tests/mcp/kit_server.py) and a local OpenAI-compatible server."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import sys
from pathlib import Path

import pytest

from providers.tool_loop import DECLINED
from tests.localserver import LocalServer, openai_tool_call, transcript
from tests.providers.test_cli import run_cli

pytest.importorskip("mcp_server_time")

KIT = str(Path(__file__).parents[1] / "mcp" / "kit_server.py")
ANSWER = "openai-python_parse_nothing_e2aad469b71d.txt"


def servers_file(tmp_path: Path, **servers: dict[str, object]) -> str:
    path = tmp_path / "mcp.json"
    path.write_text(json.dumps({"mcpServers": servers}))
    return str(path)


TIME = {"command": sys.executable, "args": ["-m", "mcp_server_time"]}


async def chat(server: LocalServer, servers: str, *args: str) -> tuple[int, str, str]:
    """confab-cli chat against the local server with the servers file, and ``args``."""
    return await run_cli(
        "chat", "-p", "LlamaCpp", "--base-url", server.url + "/v1", "--mcp", servers, *args
    )


def time_loop(server: LocalServer) -> None:
    """The model asks the time in Moscow, then answers."""
    server.stream_in_turn(
        "POST",
        "/v1/chat/completions",
        [
            openai_tool_call("get_current_time", {"timezone": "Europe/Moscow"}),
            transcript(ANSWER),
        ],
    )


async def test_a_loop_against_the_reference_time_server(
    server: LocalServer, tmp_path: Path
) -> None:
    time_loop(server)
    code, out, err = await chat(
        server,
        servers_file(tmp_path, time=TIME),
        "--allow-tools",
        "--jsonl",
        "What time is it in Moscow?",
    )
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    kinds = [line["type"] for line in lines]
    assert kinds.index("tool_call") < kinds.index("tool_result") < kinds.index("text")
    call = next(line for line in lines if line["type"] == "tool_call")
    result = next(line for line in lines if line["type"] == "tool_result")
    assert call["name"] == "get_current_time" and call["arguments"] == {"timezone": "Europe/Moscow"}
    assert result["status"] == "ok" and result["call_id"] == call["id"]
    assert json.loads(result["text"])["timezone"] == "Europe/Moscow"
    first, second = (r.json() for r in server.requests)
    assert "get_current_time" in {t["function"]["name"] for t in first["tools"]}
    tool_turn = second["messages"][-1]
    assert tool_turn["role"] == "tool" and tool_turn["tool_call_id"] == call["id"]
    assert "Europe/Moscow" in tool_turn["content"]


async def test_without_a_terminal_to_ask_on_a_call_is_declined(
    server: LocalServer, tmp_path: Path
) -> None:
    time_loop(server)
    code, _out, err = await chat(server, servers_file(tmp_path, time=TIME), "What time is it?")
    assert code == 0
    assert "standard input is not a terminal" in err and "--allow-tools" in err
    assert "[get_current_time: denied" in err
    assert server.requests[1].json()["messages"][-1]["content"] == DECLINED


async def test_asks_on_the_terminal_before_a_call(server: LocalServer, tmp_path: Path) -> None:
    time_loop(server)
    leader, follower = pty.openpty()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "providers",
        "chat",
        "-p",
        "LlamaCpp",
        "--base-url",
        server.url + "/v1",
        "--mcp",
        servers_file(tmp_path, time=TIME),
        "--jsonl",
        "What time is it in Moscow?",
        stdin=follower,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    os.close(follower)
    assert proc.stderr is not None
    asked = b""
    while b"[y]es / [a]lways / [N]o" not in asked:
        asked += await asyncio.wait_for(proc.stderr.read(200), 60)
        assert asked, "the CLI ended without asking"
    assert b"Run get_current_time (time)" in asked and b'"timezone": "Europe/Moscow"' in asked
    os.write(leader, b"y\n")
    out, _err = await asyncio.wait_for(proc.communicate(), 60)
    os.close(leader)
    assert proc.returncode == 0
    results = [json.loads(x) for x in out.splitlines() if b'"tool_result"' in x]
    assert [r["status"] for r in results] == ["ok"]


async def test_a_server_that_will_not_start_is_reported_and_the_chat_goes_on(
    server: LocalServer, tmp_path: Path
) -> None:
    server.stream("POST", "/v1/chat/completions", transcript(ANSWER))
    servers = servers_file(
        tmp_path,
        ghost={"command": "confab-no-such-server"},
        kit={"command": sys.executable, "args": [KIT, "stdio"]},
    )
    code, out, err = await chat(server, servers, "Hello")
    assert code == 0
    assert "MCP server 'ghost' failed: the command was not found" in err
    assert out.startswith("I'm unable to provide real-time weather updates.")
    assert "echo" in {t["function"]["name"] for t in server.requests[0].json()["tools"]}


async def test_a_bad_servers_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "mcp.json"
    bad.write_text('{"mcpServers": {"x": {"args": []}}}')
    code, _out, err = await run_cli("chat", "-p", "LlamaCpp", "--mcp", str(bad), "Hi")
    assert code == 1 and "server 'x' needs a command or a url" in err
    code, _out, err = await run_cli("chat", "-p", "LlamaCpp", "--mcp", str(tmp_path / "no"), "Hi")
    assert code == 2 and "cannot read" in err
