"""Model Markdown to safe rich text for QTextBrowser.

Model output is untrusted: raw HTML is shown as text, images become links (nothing is fetched),
links survive only for http, https and mailto, and code is highlighted with Pygments.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
COPY_SCHEME = "confab"


def is_safe_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES


@dataclass(frozen=True)
class Theme:
    """Colours for rendered messages, taken from the window palette (light or dark)."""

    dark: bool = False
    text: str = "#1f2328"
    muted: str = "#656d76"
    link: str = "#0969da"
    code_bg: str = "#f6f8fa"
    border: str = "#d0d7de"
    user_bg: str = "#eef4ff"
    error: str = "#cf222e"

    @property
    def pygments_style(self) -> str:
        return "monokai" if self.dark else "friendly"


DARK = Theme(
    dark=True,
    text="#e6edf3",
    muted="#8d96a0",
    link="#4493f8",
    code_bg="#161b22",
    border="#30363d",
    user_bg="#1c2a3f",
    error="#ff7b72",
)
LIGHT = Theme()


@dataclass
class CodeBlocks:
    """Code of every rendered block, so a Copy link can find it by number."""

    blocks: list[str] = field(default_factory=list)

    def add(self, code: str) -> int:
        self.blocks.append(code)
        return len(self.blocks) - 1


class Renderer:
    """Markdown renderer with Confab's safety rules; one per theme."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        self.theme = theme
        self._formatter = HtmlFormatter(nowrap=True, noclasses=True, style=theme.pygments_style)
        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        md.enable(["table", "strikethrough"])
        md.validateLink = is_safe_link  # type: ignore[method-assign]
        # markdown-it binds rules to its own renderer, so each rule is a closure over self.
        for name, rule in (
            ("fence", self._fence),
            ("code_block", self._fence),
            ("image", self._image),
            ("code_inline", self._code_inline),
            ("table_open", self._table_open),
        ):
            md.add_render_rule(name, _as_rule(rule))
        md.core.ruler.push("honest_links", _honest_links)
        self._md = md
        self._codes: CodeBlocks | None = None

    def render(self, text: str, codes: CodeBlocks | None = None) -> str:
        self._codes = codes
        try:
            return str(self._md.render(text))
        finally:
            self._codes = None

    def plain(self, text: str) -> str:
        """Text shown as typed (user messages, streaming code): escaped, line breaks kept."""
        return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"

    def code(self, code: str, language: str = "", codes: CodeBlocks | None = None) -> str:
        try:
            lexer = get_lexer_by_name(language) if language else TextLexer()
        except ClassNotFound:
            lexer = TextLexer()
        body = highlight(code, lexer, self._formatter) if code else ""
        t = self.theme
        links = ""
        if codes is not None:
            number = codes.add(code)
            label = html.escape(language) + " · " if language else ""
            links = (
                f'<p style="margin:6px 0 0 0; color:{t.muted}; font-size:small">{label}'
                f'<a href="{COPY_SCHEME}:copy/{number}">Copy</a></p>'
            )
        return (
            f'{links}<pre style="background:{t.code_bg}; padding:8px; margin:2px 0 8px 0">'
            f"{body}</pre>"
        )

    def _fence(self, tokens: Sequence[Token], idx: int) -> str:
        token = tokens[idx]
        language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        return self.code(token.content.rstrip("\n"), language, self._codes)

    def _image(self, tokens: Sequence[Token], idx: int) -> str:
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = html.escape(token.content or "image")
        if is_safe_link(src):
            return f'<a href="{html.escape(src, quote=True)}">[image: {alt}]</a>'
        return f"[image: {alt}]"

    def _code_inline(self, tokens: Sequence[Token], idx: int) -> str:
        content = html.escape(tokens[idx].content)
        return f'<code style="background:{self.theme.code_bg}">{content}</code>'

    def _table_open(self, _tokens: Sequence[Token], _idx: int) -> str:
        border = self.theme.border
        return f'<table border="1" cellspacing="0" cellpadding="4" style="border-color:{border}">'


INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Zero-width and bidi control characters: in a link's text they can make it read as
another address ("moc.lapyap" shown as "paypal.com")."""


def _honest_links(state: StateCore) -> None:
    """Strip invisible and bidi characters from link text, and give every link its target as
    a tooltip, so what a link says and where it goes can be compared."""
    for block in state.tokens:
        depth = 0
        for token in block.children or []:
            if token.type == "link_open":
                depth += 1
                token.attrSet("title", str(token.attrGet("href") or ""))
            elif token.type == "link_close":
                depth -= 1
            elif depth and token.type in ("text", "code_inline"):
                token.content = INVISIBLE.sub("", token.content)


def _as_rule(method: Callable[[Sequence[Token], int], str]) -> Callable[..., str]:
    def rule(_renderer: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
        return method(tokens, idx)

    return rule
