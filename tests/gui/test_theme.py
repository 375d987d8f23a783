"""The colour tokens: every text colour is readable (WCAG AA, 4.5:1) on what it is drawn on."""

from __future__ import annotations

import pytest

from gui.theme import DARK, LIGHT, Theme, contrast


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_text_reaches_aa_contrast_on_every_surface_it_is_drawn_on(theme: Theme) -> None:
    pairs = {
        "text on page": (theme.text, theme.page),
        "text on surface": (theme.text, theme.surface),
        "text on raised": (theme.text, theme.raised),
        "text on code": (theme.text, theme.code_bg),
        "text on inline code": (theme.text, theme.inline_code_bg),
        "text on selection": (theme.text, theme.selection),
        "secondary on page": (theme.muted, theme.page),
        "secondary on surface": (theme.muted, theme.surface),
        "secondary on raised": (theme.muted, theme.raised),
        "secondary on code": (theme.muted, theme.code_bg),
        "secondary on a code block's bar": (theme.muted, theme.code_header),
        "link on page": (theme.accent, theme.page),
        "link on raised": (theme.accent, theme.raised),
        "on accent": (theme.on_accent, theme.accent),
        "error on page": (theme.error, theme.page),
        "error on its card": (theme.error, theme.error_bg),
        "link (Retry) on an error's card": (theme.accent, theme.error_bg),
        "success on page": (theme.success, theme.page),
    }
    low = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < 4.5}
    assert low == {}


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # a known miss
