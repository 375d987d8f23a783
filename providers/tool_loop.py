"""The tool loop: the model asks for calls, the user approves them, the results go back, and
the model goes on, streamed at every step, until it answers without calls or the step limit.

It runs any provider with ``supports_tools`` and any toolbox (the MCP hub, or a test's own).
Everything it yields is a stream item: the model's text and chunks as they come, each
``ToolCall`` as the model makes it, and a ``ToolResult`` once that call ran, was declined, or
failed. Stop is cancelling the task that reads it; a running call is cancelled with it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from typing import Any, Protocol

from .base import AsyncGeneratorProvider, Message
from .chunks import StreamItem, ToolCall, ToolResult
from .tools import ToolSpec, call_message, result_message

MAX_STEPS = 10
"""Requests one reply may make before the loop stops asking (a setting)."""

MAX_RESULT_CHARS = 30_000
"""A result longer than this is cut for the model, with a note saying so."""

DECLINED = "The user declined to run this tool."


class Toolbox(Protocol):
    def specs(self) -> list[ToolSpec]: ...

    async def call(self, call: ToolCall) -> ToolResult: ...


Approve = Callable[[ToolCall], Awaitable[bool]]
"""Asks whether a call may run (the user's answer, or a standing "always")."""


async def run_with_tools(
    provider: type[AsyncGeneratorProvider],
    model: str,
    messages: Sequence[Message],
    *,
    toolbox: Toolbox,
    approve: Approve,
    max_steps: int = MAX_STEPS,
    history: list[Message] | None = None,
    **request: Any,
) -> AsyncGenerator[StreamItem, None]:
    """Stream a reply that may use tools. ``history``, when given, receives the turns the
    loop adds (each assistant turn with calls, and each result) as they happen."""
    if not provider.supports_tools:
        raise provider.no_tools()  # before any request (a g4f-style provider may not check)
    turns = list(messages)
    added = history if history is not None else []
    for step in range(1, max_steps + 1):
        text: list[str] = []
        calls: list[ToolCall] = []
        stream = provider.create_async_generator(model, turns, tools=toolbox.specs(), **request)
        async with contextlib.aclosing(stream) as items:
            async for item in items:
                if isinstance(item, str):
                    text.append(item)
                elif isinstance(item, ToolCall):
                    calls.append(item)
                yield item
        if not calls:
            return
        asked = call_message("".join(text), calls)
        turns.append(asked)
        added.append(asked)
        for call in calls:
            if step == max_steps:
                result = ToolResult(call.id, call.name, step_limit_note(max_steps), "limit")
            else:
                result = await run_one(call, toolbox, approve)
            yield result
            turn = result_message(result)
            turns.append(turn)
            added.append(turn)


async def run_one(call: ToolCall, toolbox: Toolbox, approve: Approve) -> ToolResult:
    """One call: refused unread when its arguments did not parse, asked about, then run."""
    if call.invalid is not None:
        return ToolResult(
            call.id,
            call.name,
            "The arguments were not a valid JSON object, so the tool was not run: "
            f"{call.invalid[:500]}",
            "error",
        )
    if not await approve(call):
        return ToolResult(call.id, call.name, DECLINED, "denied")
    started = time.perf_counter()
    result = await toolbox.call(call)
    seconds = result.seconds if result.seconds is not None else time.perf_counter() - started
    text = result.text
    if len(text) > MAX_RESULT_CHARS:
        text = (
            text[:MAX_RESULT_CHARS]
            + f"\n[Cut: the result had {len(result.text):,} characters; the first "
            f"{MAX_RESULT_CHARS:,} are shown.]"
        )
    return ToolResult(call.id, call.name, text, result.status, result.images, seconds)


def step_limit_note(max_steps: int) -> str:
    return (
        f"Not run: this reply reached its limit of {max_steps} steps. Answer with what you "
        "have, or the user can ask you to go on."
    )
