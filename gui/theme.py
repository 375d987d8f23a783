"""Confab's look in one place: colour tokens for light and dark, sizes, the Qt palette and
style sheet built from them, and the choice of System / Light / Dark.

Widgets' style sheets and rendered messages (gui/render.py) read the same ``Theme``, so a
change of theme reaches everything. Tokens start from shared/LOOK.md; every text colour keeps
at least 4.5:1 contrast on the surfaces it is drawn on (tests/gui/test_theme.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

APPEARANCES = ("", "light", "dark")  # "" follows the system's colour scheme
COLUMN = 760  # the conversation and the composer: a centred column at most this wide


@dataclass(frozen=True)
class Theme:
    """The colour tokens of one theme."""

    dark: bool = False
    page: str = "#ffffff"  # the conversation
    surface: str = "#f7f7f8"  # sidebar and header
    raised: str = "#f2f3f5"  # composer, popups, the user's bubble
    border: str = "#e3e4e8"
    text: str = "#1f2328"
    muted: str = "#646973"  # times, figures, placeholders
    accent: str = "#2563e0"  # send, links, focus (LOOK.md: #2F6FEB, 4.1:1 on raised)
    on_accent: str = "#ffffff"
    code_bg: str = "#f6f8fa"
    code_header: str = "#eaecef"  # a code block's bar (language, Copy)
    inline_code_bg: str = "#eff1f3"
    error: str = "#c4314b"
    error_bg: str = "#fdecee"  # an error's card
    success: str = "#1a7f37"
    selection: str = "#cfe0ff"

    @property
    def link(self) -> str:
        return self.accent

    @property
    def user_bg(self) -> str:
        return self.raised

    @property
    def math(self) -> str:
        return self.text

    @property
    def pygments_style(self) -> str:
        return "monokai" if self.dark else "friendly"


LIGHT = Theme()
DARK = Theme(
    dark=True,
    page="#1e1f22",
    surface="#17181a",
    raised="#2a2b2f",
    border="#34363b",
    text="#e6e7ea",
    muted="#9aa0a8",
    accent="#6ea1ff",
    on_accent="#0b1220",
    code_bg="#141517",
    code_header="#26272b",
    inline_code_bg="#2c2e33",
    error="#ff7a8a",
    error_bg="#3a1d22",
    success="#56d364",
    selection="#2b4a80",
)


PANEL_ALPHA = 1
"""A block whose background has this alpha is part of a panel (a code block): invisible as
Qt would paint it, and drawn by the view as a rounded panel in the colour it carries."""


def panel_marker(colour: str) -> str:
    """The #aarrggbb that marks a block as part of a panel in ``colour`` (see PANEL_ALPHA)."""
    return f"#{PANEL_ALPHA:02x}{colour.removeprefix('#')}"


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def palette(theme: Theme) -> QPalette:
    """The Fusion palette of a theme: what plain Qt widgets and dialogs are drawn with."""
    p = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: theme.surface,
        roles.WindowText: theme.text,
        roles.Base: theme.page,
        roles.AlternateBase: theme.raised,
        roles.Text: theme.text,
        roles.Button: theme.raised,
        roles.ButtonText: theme.text,
        roles.BrightText: theme.error,
        roles.Highlight: theme.selection,
        roles.HighlightedText: theme.text,
        roles.Link: theme.accent,
        roles.LinkVisited: theme.accent,
        roles.PlaceholderText: theme.muted,
        roles.ToolTipBase: theme.raised,
        roles.ToolTipText: theme.text,
        roles.Light: theme.page,
        roles.Midlight: theme.raised,
        roles.Mid: theme.border,
        roles.Dark: theme.border,
        roles.Shadow: theme.border,
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    p.setColor(QPalette.ColorGroup.Disabled, roles.Base, QColor(theme.surface))
    return p


def style_sheet(theme: Theme) -> str:
    """What the palette cannot say: surfaces, rounded shapes, quiet borders, focus rings."""
    t = theme
    return f"""
QMainWindow, QDialog {{ background: {t.surface}; }}
QToolBar#chatToolbar {{ background: {t.surface}; border: none; padding: 4px 8px; spacing: 6px; }}
QToolBar#chatToolbar QComboBox {{
    background: {t.raised}; border: 1px solid {t.border}; border-radius: 8px;
    padding: 3px 8px; min-height: 22px;
}}
QToolButton {{ border: none; border-radius: 6px; padding: 4px; }}
QToolButton:hover {{ background: {t.raised}; }}
QToolButton:focus {{ border: 2px solid {t.accent}; }}
QSplitter::handle {{ background: {t.surface}; }}
MessageList, ChatView {{ border: none; }}
QListWidget {{ background: {t.surface}; border: none; outline: none; }}
QListWidget::item {{ padding: 6px 8px; border-radius: 8px; }}
QListWidget::item:selected {{ background: {t.selection}; color: {t.text}; }}
QListWidget::item:hover:!selected {{ background: {t.raised}; }}
QLineEdit, QPlainTextEdit {{
    background: {t.page}; border: 1px solid {t.border}; border-radius: 8px; padding: 4px 8px;
    selection-background-color: {t.selection}; selection-color: {t.text};
}}
QLineEdit:focus, QPlainTextEdit:focus {{
    border: 1px solid {t.accent};
}}
QPushButton {{
    background: {t.raised}; border: 1px solid {t.border}; border-radius: 8px;
    padding: 5px 12px; color: {t.text};
}}
QPushButton:hover {{ border-color: {t.muted}; }}
QPushButton:focus {{ border: 2px solid {t.accent}; }}
QPushButton:disabled {{ color: {t.muted}; }}
QWidget#conversationColumn {{ background: {t.page}; }}
QFrame#composerBox {{
    background: {t.raised}; border: 1px solid {t.border}; border-radius: 24px;
}}
QFrame#composerBox QPlainTextEdit {{
    background: transparent; border: none; padding: 0; margin: 0;
    selection-background-color: {t.selection}; selection-color: {t.text};
}}
QToolButton#attachButton {{ border-radius: 18px; }}
QToolButton#sendButton {{ background: {t.accent}; border-radius: 18px; }}
QToolButton#sendButton:hover {{ background: {t.accent}; border: 2px solid {t.border}; }}
QToolButton#sendButton:focus {{ border: 2px solid {t.text}; }}
QPushButton#newChat {{
    text-align: left; padding: 7px 10px; background: transparent; font-weight: 600;
}}
QPushButton#newChat:hover {{ background: {t.raised}; }}
QFrame#approvalBar {{
    background: {t.raised}; border: 1px solid {t.border}; border-radius: 12px;
}}
QFrame#approvalBar QLabel {{ border: none; background: transparent; }}
QFrame#approvalBar QPlainTextEdit {{
    background: {t.page}; border: 1px solid {t.border}; border-radius: 8px; padding: 4px;
}}
QFrame#keyBanner {{
    background: {t.raised}; border: 1px solid {t.border}; border-radius: 12px; margin: 8px 12px;
}}
QLabel#chatTitle {{ font-weight: 600; padding: 0 12px; }}
QWidget#welcome {{ background: transparent; }}
QLabel#greeting {{ color: {t.text}; }}
QLabel#privacy, QLabel#setupStatus {{ color: {t.muted}; }}
QLabel#setupTitle {{ font-weight: 600; }}
QPushButton#suggestion {{
    background: {t.raised}; border: 1px solid {t.border}; border-radius: 12px;
    padding: 12px 14px; text-align: left; min-height: 40px;
}}
QPushButton#suggestion:hover {{ border-color: {t.muted}; }}
QPushButton#suggestion:focus {{ border: 2px solid {t.accent}; }}
QFrame#setupCard {{
    background: {t.page}; border: 1px solid {t.border}; border-radius: 12px;
}}
QPushButton#useServer {{ background: {t.accent}; color: {t.on_accent}; border: none; }}
QPushButton#useServer:focus {{ border: 2px solid {t.text}; }}
QFrame#compareColumn {{
    background: {t.page}; border: 1px solid {t.border}; border-radius: 12px;
}}
QFrame#compareColumn QLabel {{ border: none; }}
QLabel#compareFooter, QLabel#compareNote {{ color: {t.muted}; }}
QListWidget#settingsPages {{ background: {t.surface}; }}
QListWidget#settingsPages::item {{ padding: 8px 10px; }}
QStatusBar {{ background: {t.surface}; color: {t.muted}; }}
QToolTip {{ background: {t.raised}; color: {t.text}; border: 1px solid {t.border}; }}
"""


def system_is_dark(scheme: Qt.ColorScheme) -> bool:
    """Whether the platform asks for dark: its colour scheme, else (a desktop that says
    none) the palette it started Confab with."""
    global _platform_dark
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    if _platform_dark is None:  # read before Confab sets its own palette
        _platform_dark = QGuiApplication.palette().window().color().lightness() < 128
    return _platform_dark


_platform_dark: bool | None = None


class Appearance(QObject):
    """The theme in use: the user's choice (System, Light or Dark), following the system's
    colour scheme live when the choice is System. ``changed`` carries the new Theme."""

    changed = Signal(object)  # Theme

    def __init__(self, choice: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choice = choice if choice in APPEARANCES else ""
        self._system_dark = system_is_dark(QGuiApplication.styleHints().colorScheme())
        self.theme = self._decide()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    def _decide(self) -> Theme:
        if self.choice == "dark" or (not self.choice and self._system_dark):
            return DARK
        return LIGHT

    def choose(self, choice: str) -> None:
        """System ("") , "light" or "dark"; applied at once."""
        self.choice = choice if choice in APPEARANCES else ""
        self.refresh()

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system_dark = scheme == Qt.ColorScheme.Dark
        if not self.choice:
            self.refresh()

    def refresh(self) -> None:
        theme = self._decide()
        if theme != self.theme:
            self.theme = theme
            self.apply()
            self.changed.emit(theme)

    def apply(self) -> None:
        """Style the application: Fusion (the same on every desktop), the palette, the sheet."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(palette(self.theme))
        app.setStyleSheet(style_sheet(self.theme))

    def close(self) -> None:
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._system_changed)
