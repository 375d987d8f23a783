"""The tool calls a reply made, kept with the reply: where in its text each was made, what it
asked and what came back; and the reply written out again as the turns a provider reads.

A reply that used tools is one message in the conversation tree (one card on screen, one
thing to regenerate or branch from). Its steps say at which character of its text each call
was made; ``api_turns`` splits the text there into the assistant turns with calls and the
tool turns with results that the provider sent and received, so the next request re-sends
them in its own family's format.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from providers.chunks import ToolCall, ToolResult
from providers.tools import call_message, result_message

from .text import QT_TRANSLATE_NOOP

NOT_FINISHED = QT_TRANSLATE_NOOP("Core", "The call did not finish: the reply was stopped.")
"""The result a provider is sent for a call that never got one (every call needs one)."""


@dataclass
class ToolStep:
    """One call of a reply: made after ``at`` characters of the reply's text."""

    at: int
    call: ToolCall
    result: ToolResult | None = None
    server: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "server": self.server,
            "call": asdict(self.call),
            "result": asdict(self.result) if self.result else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ToolStep:
        call = data["call"]
        result = data.get("result")
        return cls(
            at=int(data.get("at") or 0),
            server=str(data.get("server") or ""),
            call=ToolCall(
                str(call["id"]),
                str(call["name"]),
                dict(call.get("arguments") or {}),
                call.get("invalid"),
                call.get("signature"),
            ),
            result=ToolResult(
                str(result["call_id"]),
                str(result["name"]),
                str(result.get("text") or ""),
                str(result.get("status") or "ok"),
                tuple((str(m), str(d)) for m, d in result.get("images") or ()),
                result.get("seconds"),
            )
            if result
            else None,
        )


def steps_from_json(data: Any) -> list[ToolStep]:
    """Steps from their JSON list (history file or archive); anything unreadable: none."""
    if not isinstance(data, list):
        return []
    steps = []
    for entry in data:
        try:
            steps.append(ToolStep.from_json(entry))
        except (KeyError, TypeError, ValueError):
            continue
    return steps


def segments(text: str, steps: list[ToolStep]) -> list[tuple[str, list[ToolStep]]]:
    """The reply's text cut where calls were made: each piece with the calls made after it
    (the last piece, the text after the last call, with none)."""
    groups: dict[int, list[ToolStep]] = {}
    for step in steps:
        groups.setdefault(step.at, []).append(step)
    pieces = []
    start = 0
    for at in sorted(groups):
        pieces.append((text[start:at], groups[at]))
        start = max(start, at)
    pieces.append((text[start:], []))
    return pieces


def api_turns(text: str, steps: list[ToolStep]) -> list[dict[str, Any]]:
    """A reply with tool steps as the turns the provider saw: for each point where calls were
    made, the text up to it with those calls, then their results; then the rest of the text."""
    turns: list[dict[str, Any]] = []
    for piece, group in segments(text, steps):
        if not group:
            if piece:
                turns.append({"role": "assistant", "content": piece})
            continue
        turns.append(call_message(piece, [s.call for s in group]))
        for step in group:
            result = step.result or ToolResult(step.call.id, step.call.name, NOT_FINISHED, "error")
            turns.append(result_message(result))
    return turns
