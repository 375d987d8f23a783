"""confab-cli: list providers and models, and stream a chat reply to stdout."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from . import PROVIDERS, get_provider
from .base import AsyncGeneratorProvider, MediaItem, Message
from .chunks import Reasoning, StreamItem, ToolCall, ToolResult, Usage, to_json
from .compare import MAX_TARGETS, CompareTarget, Outcome
from .compare import compare as run_compare
from .errors import MissingKeyError, ProviderError
from .keys import SERVICE, KeyStore
from .mcp_config import parse_servers
from .tool_loop import MAX_STEPS, run_with_tools


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="confab-cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the providers")
    routes = sub.add_parser("routes", help="the providers a routing server offers (gpt4free)")
    models = sub.add_parser("models", help="list a provider's models (live)")
    chat = sub.add_parser("chat", help="send a prompt and stream the reply")
    for p in (routes, models, chat):
        p.add_argument("-p", "--provider", required=True, help="provider name, see `list`")
        p.add_argument("--base-url", help="server address, for local or custom endpoints")
        p.add_argument("--proxy", help="http://, socks5:// or 'none' (default: environment)")
    for p in (models, chat):
        p.add_argument("--via", default="", metavar="ROUTE", help="a routing server's provider")
    chat.add_argument("-m", "--model", default="", help="model (default: the provider's)")
    chat.add_argument(
        "--image", action="append", default=[], metavar="FILE", help="attach an image (repeatable)"
    )
    chat.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="attach an image, a PDF or a text or code file (repeatable)",
    )
    chat.add_argument("--system", help="system prompt")
    chat.add_argument("--temperature", type=float)
    chat.add_argument("--max-tokens", type=int)
    chat.add_argument("--jsonl", action="store_true", help="print one JSON object per chunk")
    chat.add_argument(
        "--mcp", metavar="FILE", help="MCP servers whose tools the model may use (mcpServers JSON)"
    )
    chat.add_argument(
        "--allow-tools",
        action="store_true",
        help="run tool calls without asking (otherwise each is asked on the terminal)",
    )
    chat.add_argument(
        "--max-steps", type=int, default=MAX_STEPS, help="requests one reply may make with tools"
    )
    chat.add_argument("prompt", help="the message to send ('-' reads standard input)")
    compare = sub.add_parser(
        "compare",
        help="send one prompt to 2-4 provider/model pairs at once; one JSON line per chunk",
    )
    compare.add_argument(
        "-p",
        "--target",
        action="append",
        required=True,
        metavar="PROVIDER[:MODEL][@BASE_URL]",
        help="who answers (repeat 2 to 4 times), e.g. LlamaCpp:qwen@http://127.0.0.1:8080/v1",
    )
    compare.add_argument("--proxy", help="http://, socks5:// or 'none' (default: environment)")
    compare.add_argument(
        "--image", action="append", default=[], metavar="FILE", help="attach an image (repeatable)"
    )
    compare.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="attach an image, a PDF or a text or code file (repeatable)",
    )
    compare.add_argument("--system", help="system prompt")
    compare.add_argument("--temperature", type=float)
    compare.add_argument("--max-tokens", type=int)
    compare.add_argument("prompt", help="the message to send ('-' reads standard input)")
    return parser


def find_key(provider: type[AsyncGeneratorProvider]) -> str | None:
    found = KeyStore().for_provider(provider)
    return found.value if found else None


def no_key_help(provider: type[AsyncGeneratorProvider]) -> str:
    """Where a command-line user can put a key, said for the keyring this machine has."""
    variable = f"Set {provider.env_key}" if provider.env_key else "Pass a key"
    if not KeyStore().available():
        return f"no API key is set. {variable}; this machine has no system keyring to keep one in."
    return (
        f"no API key is set. {variable}, or store one in the system keyring: "
        f"keyring set {SERVICE} {provider.get_name()}"
    )


def list_providers() -> int:
    for provider in PROVIDERS:
        flags = [
            f
            for f, on in (
                ("key", provider.needs_auth),
                ("images", provider.supports_images and not provider.images_depend_on_model),
                ("images-if-the-model-can", provider.images_depend_on_model),
                ("routes", provider.supports_routes),
                ("unverified", not provider.working),
            )
            if on
        ]
        print(f"{provider.get_name():<18} {provider.display_name():<34} {' '.join(flags)}")
    return 0


async def list_routes(args: argparse.Namespace) -> int:
    provider = get_provider(args.provider)
    if not provider.supports_routes:
        print(
            f"confab-cli: {provider.get_name()} does not route to other providers", file=sys.stderr
        )
        return 2
    for route in await provider.get_routes(
        api_key=find_key(provider), base_url=args.base_url, proxy=args.proxy
    ):
        flags = " ".join(f for f, on in (("key", route.needs_auth), ("images", route.vision)) if on)
        print(f"{route.name:<28} {route.label:<34} {flags}".rstrip())
    return 0


def require_routes(provider: type[AsyncGeneratorProvider]) -> type[AsyncGeneratorProvider]:
    if not provider.supports_routes:
        raise KeyError(f"{provider.get_name()} does not route to other providers")
    return provider


def route_params(provider: type[AsyncGeneratorProvider], via: str) -> dict[str, Any]:
    """``provider=`` for a routing server's chosen provider (``--via``)."""
    if not via:
        return {}
    require_routes(provider)
    return {"provider": via}


async def list_models(args: argparse.Namespace) -> int:
    provider = get_provider(args.provider)
    models = await provider.get_models(
        api_key=find_key(provider),
        base_url=args.base_url,
        proxy=args.proxy,
        **route_params(provider, args.via),
    )
    for model in models:
        print(model.id)
    return 0


def prompt_messages(args: argparse.Namespace) -> list[Message]:
    """The system prompt, if any, and the user's prompt (from standard input for '-')."""
    prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
    messages: list[Message] = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": prompt})
    return messages


async def chat(args: argparse.Namespace) -> int:
    provider = get_provider(args.provider)
    messages = prompt_messages(args)
    media: list[MediaItem] = [(path, None) for path in args.image + args.attach]
    params: dict[str, Any] = {
        "temperature": args.temperature,
        "max_tokens": args.max_tokens,
        **route_params(provider, args.via),
    }
    request: dict[str, Any] = {
        "media": media,
        "api_key": find_key(provider),
        "proxy": args.proxy,
        "base_url": args.base_url,
        **params,
    }
    emit = _emit_json if args.jsonl else TextPrinter()
    async with contextlib.AsyncExitStack() as stack:
        if args.mcp:
            stream = await stack.enter_async_context(
                tool_loop_of(args, provider, messages, request)
            )
        else:
            stream = provider.create_async_generator(args.model, messages, **request)
        items = await stack.enter_async_context(contextlib.aclosing(stream))
        async for item in items:
            emit(item)
    if not args.jsonl:
        sys.stdout.write("\n")
    return 0


@contextlib.asynccontextmanager
async def tool_loop_of(
    args: argparse.Namespace,
    provider: type[AsyncGeneratorProvider],
    messages: list[Message],
    request: dict[str, Any],
) -> AsyncIterator[AsyncGenerator[StreamItem, None]]:
    """The reply through the tool loop, with the ``--mcp`` servers running meanwhile."""
    try:
        text = await asyncio.to_thread(Path(args.mcp).read_text, encoding="utf-8")
    except OSError as exc:
        raise KeyError(f"cannot read {args.mcp}: {exc.strerror}") from None
    configs = parse_servers(text)
    from .mcp_hub import McpHub  # the SDK loads only for a chat with servers

    async with McpHub(configs) as hub:
        for connection in hub.connections:
            if connection.state == "failed":
                tail = connection.stderr_tail(5)
                sys.stderr.write(f"confab-cli: MCP server '{connection.name}' failed: ")
                sys.stderr.write(f"{connection.error}\n" + (f"{tail}\n" if tail else ""))
        yield run_with_tools(
            provider,
            args.model,
            messages,
            toolbox=hub,
            approve=TerminalApproval(hub, allow_all=args.allow_tools),
            max_steps=args.max_steps,
            **request,
        )


class TerminalApproval:
    """Asks on the terminal before each call: y (once), a (always this tool), n (decline).
    Without a terminal to ask on, a call is declined and the reason said."""

    def __init__(self, hub: Any, *, allow_all: bool = False) -> None:
        self._hub = hub
        self._allow_all = allow_all
        self._always: set[str] = set()

    async def __call__(self, call: ToolCall) -> bool:
        server = self._hub.server_of(call.name)
        if self._allow_all or call.name in self._always or (server and server.trusted):
            return True
        if not sys.stdin.isatty():
            sys.stderr.write(
                f"confab-cli: not running {call.name}: standard input is not a terminal to "
                "ask on; pass --allow-tools to run tool calls without asking\n"
            )
            return False
        arguments = json.dumps(call.arguments, ensure_ascii=False, indent=2)
        where = f" ({server.name})" if server else ""
        sys.stderr.write(f"\nRun {call.name}{where} with {arguments}?\n[y]es / [a]lways / [N]o: ")
        sys.stderr.flush()
        answer = (await asyncio.to_thread(sys.stdin.readline)).strip().lower()
        if answer in ("a", "always"):
            self._always.add(call.name)
        return answer in ("y", "yes", "a", "always")


async def compare(args: argparse.Namespace) -> int:
    """Every target's reply at once, as JSON lines tagged with the target's index; a last
    line per target says how it ended. Exit 0 when every target answered, 1 otherwise."""
    targets = [CompareTarget.parse(spec) for spec in args.target]
    if not 2 <= len(targets) <= MAX_TARGETS:
        raise KeyError(f"compare takes 2 to {MAX_TARGETS} targets (-p), not {len(targets)}")
    for index, target in enumerate(targets):
        _print_json({"target": index, "type": "target", "label": target.label})

    def sink(index: int, item: StreamItem | None, outcome: Outcome) -> None:
        if item is not None:
            _print_json({"target": index, **to_json(item)})
            return
        end: dict[str, Any] = {"target": index, "type": "end", **outcome.summary()}
        if outcome.error is not None:
            error = outcome.error
            end["error"] = {"kind": error.kind, "message": str(error)}
        _print_json(end)

    outcomes = await run_compare(
        targets,
        prompt_messages(args),
        sink,
        keys=lambda target: find_key(target.provider),
        media=[(path, None) for path in args.image + args.attach],
        proxy=args.proxy,
        temperature=args.temperature,
        max_tokens=args.max_tokens,
    )
    return 0 if all(o.error is None for o in outcomes) else 1


def _print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def _emit_json(item: StreamItem) -> None:
    print(json.dumps(to_json(item), ensure_ascii=False), flush=True)


class TextPrinter:
    """Reply text to stdout; reasoning and token counts to stderr, each on its own lines."""

    def __init__(self) -> None:
        self._in_reasoning = False

    def __call__(self, item: StreamItem) -> None:
        if isinstance(item, str):
            if self._in_reasoning:
                sys.stderr.write("\n")
                self._in_reasoning = False
            sys.stdout.write(item)
            sys.stdout.flush()
        elif isinstance(item, Reasoning) and item.token:
            sys.stderr.write(item.token)
            self._in_reasoning = True
        elif isinstance(item, Usage):
            sys.stderr.write(
                f"\n[{item.prompt_tokens} prompt + {item.completion_tokens} reply tokens]\n"
            )
        elif isinstance(item, ToolCall):
            arguments = json.dumps(item.arguments, ensure_ascii=False)
            sys.stderr.write(f"\n[tool call {item.name} {arguments}]\n")
        elif isinstance(item, ToolResult):
            took = f", {item.seconds:.2f} s" if item.seconds is not None else ""
            sys.stderr.write(f"[{item.name}: {item.status}{took}] {item.text[:2000]}\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "list":
            return list_providers()
        commands = {"routes": list_routes, "models": list_models, "compare": compare}
        runner = commands.get(args.command, chat)
        return asyncio.run(runner(args))
    except ProviderError as exc:
        if isinstance(exc, MissingKeyError):
            exc.message = no_key_help(get_provider(args.provider))
        if getattr(args, "jsonl", False):
            print(json.dumps({"type": "error", "kind": exc.kind, "message": str(exc)}), flush=True)
        print(f"\nconfab-cli: {exc}", file=sys.stderr)
        return 1
    except KeyError as exc:
        print(f"confab-cli: {exc.args[0]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
