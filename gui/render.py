r"""Model Markdown to safe rich text for Qt's text documents.

Model output is untrusted: raw HTML is shown as text, images become links (nothing is fetched),
links survive only for http, https and mailto, and code is highlighted with Pygments.

What would freeze the window degrades to something cheap instead: a code block over
``HIGHLIGHT_MAX`` characters is not highlighted, one over ``FOLD_LINES`` lines shows its start
(Copy still copies all of it), and a table too wide or too long to lay out shows as its source.
TeX math ($…$, $$…$$, \(…\), \[…\]) is typeset as pictures (gui/math_render.py); TeX that
does not parse shows as code.
"""

from __future__ import annotations

import contextlib
import functools
import html
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFontInfo, QFontMetricsF, QGuiApplication

from gui.core import collector
from gui.theme import LIGHT, Theme, panel_marker

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from pygments.formatters import HtmlFormatter
    from pygments.lexer import Lexer
    from pygments.token import _TokenType

# markdown-it and Pygments (~0.09 s to import) load with the first message
# rendered, not before the window first shows.

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
COPY_SCHEME = "confab"
HIGHLIGHT_MAX = 50_000  # characters of code highlighted at most (Pygments: ~1 s per MB)
FOLD_LINES = 400  # lines of a code block shown before "Show all N lines"
UNFOLD_LINES = 5000  # a block up to this long can be shown whole; a longer one only copied
TABLE_COLUMNS = 40  # wider tables show as their source: Qt lays out 10,000 columns in seconds
TABLE_CELLS = 4000
ICON_SIZE = 16
MATH_SCALE = 1.15  # formulas a little larger than the text around them, as TeX sets them
CODE_INSET = 12  # code's distance from its panel's sides
BARE = "background-color:transparent"  # a cell drawn on what is behind it
BAR_MARK = "confab-code-bar"  # the anchor name that marks a code block's bar
ICON_SCHEME = "icon"
"""``<img src="icon:copy">`` in a message's HTML is that Lucide icon, tinted ("icon:copy/accent":
in that theme colour; muted by default) and drawn at the screen's pixel ratio by the view."""


translate = QCoreApplication.translate


WARM_LEXERS = ("python", "bash", "javascript", "typescript", "json")
"""Lexers made ready before the first reply: a lexer compiles its rules the first time one is
made (Python's: 27 ms), which would otherwise stall the window at the first code block."""


IMPORTS = threading.RLock()
"""Held while the renderer's libraries are first imported and while Pygments loads a lexer or
style module. ``pygments.lexers`` (and ``pygments.formatters``) replace themselves in
``sys.modules`` as they load, and Python 3.11 hands a second thread that imports one of them at
that moment the module it replaced ("cannot import name 'TextLexer'"): the warm-up thread and
the window's thread must not import them side by side."""


def load_libraries() -> None:
    """Import markdown-it and Pygments, under ``IMPORTS``: a thread that comes
    while another imports them waits for it (once they are loaded this costs a lookup)."""
    with IMPORTS:
        import markdown_it  # noqa: F401
        import mdit_py_plugins.dollarmath
        import mdit_py_plugins.texmath  # noqa: F401
        import pygments.formatters
        import pygments.lexers

        # Their lazy attributes load modules too: load the ones every render uses now.
        _ = pygments.formatters.HtmlFormatter, pygments.lexers.TextLexer


def warm_up() -> None:
    """Import the renderer's libraries now, and make the commonest lexers; the app calls this
    in a worker thread after it starts, so the first reply it renders does not pay for them on
    the window's thread."""
    with IMPORTS, collector.paused():  # not here: see gui/core/collector.py
        load_libraries()
        for language in WARM_LEXERS:
            _lexer(language)


def language_of(info: str) -> str:
    """A code fence's language: the first word after its marker ("" when there is none)."""
    words = info.split(maxsplit=1)
    return words[0] if words else ""


def icon_img(name: str, colour: str = "muted") -> str:
    """A Lucide icon in a message's HTML, on the line's middle."""
    return (
        f'<img src="{ICON_SCHEME}:{name}/{colour}" width="{ICON_SIZE}" height="{ICON_SIZE}" '
        'style="vertical-align:middle">'
    )


HOSTILE_MARKS = "[*_`("
HOSTILE_SHARE = 0.3
HOSTILE_LEAST = 2000


def hostile(text: str) -> bool:
    """Whether ``text`` is mostly the punctuation Markdown's inline rules scan back and forth
    (thousands of ``[``, ``*``, ``_``, backticks or parentheses): parsing such text takes
    markdown-it a quarter of a second and more, on the window's thread. No reply a person
    reads looks like that (Python code has a few per cent); it is shown as typed instead."""
    if len(text) < HOSTILE_LEAST:
        return False
    marks = sum(text.count(mark) for mark in HOSTILE_MARKS)
    return marks >= HOSTILE_LEAST and marks > len(text) * HOSTILE_SHARE


def is_safe_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES


class Renderer:
    """Markdown renderer with Confab's safety rules; one per theme."""

    def __init__(self, theme: Theme = LIGHT, typeset_math: bool = True) -> None:
        self.theme = theme
        self.typeset_math = typeset_math
        self.math_waiting = False  # a formula was shown as TeX: the typesetter was not in yet
        self.unfolded: set[str] = set()  # code blocks shown whole, by Copy id (message/n)
        self._copy = ""  # the Copy links' prefix while rendering a message
        self.next_code = 0  # the number the next code block's Copy link gets

    @functools.cached_property
    def _md(self) -> MarkdownIt:
        load_libraries()
        from markdown_it import MarkdownIt
        from mdit_py_plugins.dollarmath import dollarmath_plugin
        from mdit_py_plugins.texmath import texmath_plugin

        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        md.enable(["table", "strikethrough"])
        # "$5 and $6" stays money: no space inside the dollars, no digit right outside them.
        md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
        md.use(texmath_plugin, delimiters="brackets")  # \(…\) and \[…\]
        md.validateLink = is_safe_link  # type: ignore[method-assign]
        # markdown-it binds rules to its own renderer, so each rule is a closure over self.
        for name, rule in (
            ("fence", self._fence),
            ("code_block", self._fence),
            ("image", self._image),
            ("code_inline", self._code_inline),
            ("table_open", self._table_open),
            ("math_inline", self._math_inline),
            ("math_inline_double", self._math_block),
            ("math_block", self._math_block),
            ("math_block_label", self._math_block),
        ):
            md.add_render_rule(name, _as_rule(rule))
        md.core.ruler.push("honest_links", _honest_links)
        md.core.ruler.push("wide_tables", _wide_tables)
        return md

    @functools.cached_property
    def _formatter(self) -> HtmlFormatter[str]:
        load_libraries()
        from pygments.formatters import HtmlFormatter

        with IMPORTS:  # the style's module is imported on first use
            return HtmlFormatter(nowrap=True, noclasses=True, style=self.theme.pygments_style)

    def render(self, text: str, copy: str = "", first_code: int = 0) -> str:
        """``text`` as rich text; code blocks get Copy links ``<copy>/<n>`` numbered from
        ``first_code`` when ``copy`` is given (the message's id). Text that is mostly
        Markdown's punctuation is shown as typed (``hostile``)."""
        if hostile(text):
            self.next_code = first_code  # it has no code blocks
            return self.plain(text)
        self._copy, self.next_code = copy, first_code
        try:
            return str(self._md.render(text))
        finally:
            self._copy = ""

    def code_blocks(self, text: str) -> list[str]:
        """The code of each block in ``text``, in the order Copy links number them."""
        if hostile(text):
            return []
        return [
            token.content.rstrip("\n")
            for token in self._md.parse(text)
            if token.type in ("fence", "code_block")
        ]

    def plain(self, text: str) -> str:
        """Text shown as typed (user messages, streaming code): escaped, line breaks kept."""
        return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"

    def code_label(self, language: str, copy: str) -> str:
        """The bar above a code block: its language, then Copy. A paragraph whose language
        carries the anchor name BAR_MARK: the view paints the bar behind it (a block's own
        colour would be lost where a streaming reply inserts it, merged into the block it lands
        in; a table kept it, but cost a fifth of the time a reply with code took to stream)."""
        if not language and not copy:
            return ""
        t = self.theme
        copy_label = translate("Renderer", "Copy")
        link = (
            f'&nbsp;&nbsp;&nbsp;&nbsp;<a href="{COPY_SCHEME}:copy/{copy}" '
            f'style="text-decoration:none; color:{t.muted}">'
            f"{icon_img('copy')}&nbsp;{copy_label}</a>"
            if copy
            else ""
        )
        name = html.escape(language) or translate("Renderer", "code")
        return (
            f'<p style="margin:10px 0 0 0; font-size:small; color:{t.muted}">'
            f'&nbsp;&nbsp;&nbsp;<a name="{BAR_MARK}" style="color:{t.muted}; '
            f'text-decoration:none">{name}</a>{link}</p>'
        )

    def code(self, code: str, language: str = "", copy: str = "") -> str:
        lines = code.count("\n") + 1
        shown = code
        limit = UNFOLD_LINES if copy and copy in self.unfolded else FOLD_LINES
        if lines > limit:
            shown = first_lines(code, limit)
        if len(shown) > HIGHLIGHT_MAX:
            body = html.escape(shown)
        else:
            from pygments import highlight

            body = highlight(shown, _lexer(language), self._formatter) if shown else ""
        t = self.theme
        more = self.folded_lines(lines - limit, copy) if lines > limit else ""
        return (
            f"{self.code_label(language, copy)}"
            f'<pre style="background:{panel_marker(t.code_bg)}; white-space:pre; '
            f"margin:10px {CODE_INSET}px 20px "
            f'{CODE_INSET}px">'
            f"{body}</pre>{more}"
        )

    def tokens(self, code: str, language: str) -> Iterator[tuple[int, _TokenType, str]]:
        """Pygments' tokens of ``code`` with their offsets, made as they are asked for: the
        chat view colours a streamed block a few hundred tokens at a time."""
        return iter(_lexer(language).get_tokens_unprocessed(code))

    def token_style(self, token: _TokenType) -> dict[str, Any]:
        """Colour, bold and italic of a token in this theme's Pygments style."""
        return dict(self._formatter.style.style_for_token(token))

    def folded_lines(self, count: int, copy: str = "") -> str:
        """The note under a code block shown only in part: Show all (``copy``, the block's
        Copy id, when it is short enough to lay out whole), else how many lines are not."""
        locale = QLocale()
        style = f"color:{self.theme.muted}; font-size:small; margin:0 0 8px 0"
        total = count + FOLD_LINES
        if copy and copy not in self.unfolded and total <= UNFOLD_LINES:
            label = translate("Renderer", "Show all {count} lines").format(
                count=locale.toString(total)
            )
            return f'<p style="{style}"><a href="{COPY_SCHEME}:unfoldcode/{copy}">{label}</a></p>'
        text = translate("Renderer", "… {count} more lines, not shown (Copy copies them all)")
        return f'<p style="{style}">{html.escape(text.format(count=locale.toString(count)))}</p>'

    def _inline_code(self, text: str) -> str:
        """``text`` as inline code (escaped)."""
        return f'<code style="background:{self.theme.inline_code_bg}">{html.escape(text)}</code>'

    def _formula(self, tex: str, display: bool) -> str:
        """A formula typeset as a picture; TeX that does not parse as code, never dropped;
        its source between dollars when ``typeset_math`` is off (what Copy gives)."""
        if not self.typeset_math:
            return html.escape(f"$${tex}$$" if display else f"${tex}$")
        from gui import math_render

        if not math_render.ready():  # it loads in the background; the view renders again
            math_render.load_soon()
            self.math_waiting = True
            return self._inline_code(tex)
        font = QGuiApplication.font()
        size = round(QFontInfo(font).pixelSize() * MATH_SCALE, 1)
        x_height = round(QFontMetricsF(font).xHeight(), 1)
        found = math_render.typeset(tex, size, self.theme.math, display, x_height)
        if found is None:
            return self._inline_code(tex)
        return (
            f'<img src="{math_render.MATH_SCHEME}:{found.key}" width="{found.width:.1f}" '
            f'height="{found.height:.1f}" style="vertical-align:middle">'
        )

    def _math_inline(self, tokens: Sequence[Token], idx: int) -> str:
        return self._formula(tokens[idx].content.strip(), display=False)

    def _math_block(self, tokens: Sequence[Token], idx: int) -> str:
        # A centred table of one cell, not a centred paragraph: HTML inserted into a streaming
        # reply merges its first paragraph into the block it lands in, alignment lost, so the
        # formula sat on the left until the finished reply was rendered again. A table keeps it.
        return (
            '<table align="center" cellspacing="0" cellpadding="0" style="margin:6px 0">'
            f'<tr><td style="{BARE}">{self._formula(tokens[idx].content.strip(), display=True)}'
            "</td></tr></table>"
        )

    def _fence(self, tokens: Sequence[Token], idx: int) -> str:
        token = tokens[idx]
        language = language_of(token.info)
        copy = ""
        if self._copy:
            copy = f"{self._copy}/{self.next_code}"
            self.next_code += 1
        return self.code(token.content.rstrip("\n"), language, copy)

    def _image(self, tokens: Sequence[Token], idx: int) -> str:
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = token.content or translate("Renderer", "image")
        label = html.escape(translate("Renderer", "[image: {description}]").format(description=alt))
        if is_safe_link(src):
            return f'<a href="{html.escape(src, quote=True)}">{label}</a>'
        return label

    def _code_inline(self, tokens: Sequence[Token], idx: int) -> str:
        return self._inline_code(tokens[idx].content)

    def _table_open(self, _tokens: Sequence[Token], _idx: int) -> str:
        border = self.theme.border
        return (  # with room above: after a code block it touched the block's background
            f'<table border="0" cellspacing="1" cellpadding="6" bgcolor="{border}" '
            'style="margin-top:16px; margin-bottom:8px">'
        )


INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Zero-width and bidi control characters: in a link's text they can make it read as
another address ("moc.lapyap" shown as "paypal.com")."""


@functools.lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer:
    """The lexer for a fence's language, plain text for one Pygments does not know. Looking
    one up by name takes ~0.5 ms (longer than lexing a short block); a lexer is reusable.
    Made under ``IMPORTS``: finding a lexer imports its module."""
    load_libraries()
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    with IMPORTS:
        lexer: Lexer = TextLexer()
        if language:
            with contextlib.suppress(ClassNotFound):
                lexer = get_lexer_by_name(language)
    return lexer


def first_lines(text: str, count: int) -> str:
    """The first ``count`` lines of ``text``, each with its newline (all of it if fewer)."""
    end = 0
    for _ in range(count):
        found = text.find("\n", end)
        if found == -1:
            return text
        end = found + 1
    return text[:end]


def _wide_tables(state: StateCore) -> None:
    """Tables Qt cannot lay out quickly become a code block of their source."""
    from markdown_it.token import Token

    tokens = state.tokens
    lines = state.src.split("\n")
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "table_open" or token.map is None:
            out.append(token)
            index += 1
            continue
        close = index
        while tokens[close].type != "table_close":
            close += 1
        cells = sum(1 for t in tokens[index:close] if t.type in ("th_open", "td_open"))
        columns = sum(1 for t in tokens[index:close] if t.type == "th_open")
        if columns <= TABLE_COLUMNS and cells <= TABLE_CELLS:
            out.extend(tokens[index : close + 1])
        else:
            source = Token("code_block", "code", 0)
            source.content = "\n".join(lines[token.map[0] : token.map[1]])
            source.map = token.map
            out.append(source)
        index = close + 1
    state.tokens = out


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
