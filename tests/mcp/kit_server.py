"""An MCP server written with the SDK, run by the tests as a real process.

``python kit_server.py stdio`` talks over standard input and output; ``python kit_server.py
http PORT`` serves streamable HTTP on 127.0.0.1:PORT/mcp. Its tools cover what a client must
handle: text, images, errors, a crash, a hang, its own PID and environment, and a tool list
that changes while it runs.
"""

from __future__ import annotations

import asyncio
import io
import os
import sys

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.utilities.types import Image

server = MCPServer("kit")


@server.tool()
def add(a: int, b: int) -> str:
    """Add two whole numbers."""
    return str(a + b)


@server.tool()
def echo(text: str) -> str:
    """Say the text back."""
    return text


@server.tool()
def square() -> Image:
    """A small red PNG square."""
    from PIL import Image as Pil

    out = io.BytesIO()
    Pil.new("RGB", (8, 8), "red").save(out, "PNG")
    return Image(data=out.getvalue(), format="png")


@server.tool()
def fail(reason: str) -> str:
    """Always fails, with the reason given."""
    raise ValueError(reason)


@server.tool()
def crash() -> str:
    """Ends the server process in the middle of the call."""
    sys.stdout.flush()
    os._exit(3)


@server.tool()
async def hang() -> str:
    """Never answers."""
    await asyncio.Event().wait()
    return "unreachable"


@server.tool()
def pid() -> str:
    """The server process's PID."""
    return str(os.getpid())


@server.tool()
def environment() -> str:
    """The names of the server's environment variables, one per line."""
    return "\n".join(sorted(os.environ))


@server.tool()
async def unlock(ctx: Context) -> str:
    """Adds the tool 'secret' and says the tool list changed."""

    def secret() -> str:
        """Only there after unlock."""
        return "open sesame"

    server.add_tool(secret, name="secret")
    await ctx.notify_tools_changed()
    return "unlocked"


@server.tool()
def header(name: str, ctx: Context) -> str:
    """The value of one HTTP request header (streamable HTTP only)."""
    return (ctx.headers or {}).get(name.lower(), "")


@server.tool()
def big(size: int) -> str:
    """A text of the given number of characters."""
    return ("0123456789" * (size // 10 + 1))[:size]


if __name__ == "__main__":
    print("kit server starting", file=sys.stderr, flush=True)
    if sys.argv[1:2] == ["http"]:
        server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[2]))
    else:
        server.run("stdio")
