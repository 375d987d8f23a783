"""What the composer says about attached images and the chosen provider and model."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui import i18n
from providers.base import AsyncGeneratorProvider, ModelInfo

translate = QCoreApplication.translate


def vision_hint(
    provider: type[AsyncGeneratorProvider], info: ModelInfo | None, has_images: bool
) -> str:
    """Why the attached images will not be read: only where that is known (the provider
    reads none, or the model list says the model does not); "" otherwise."""
    if not has_images:
        return ""
    if not provider.supports_images:
        return translate(
            "ConfabApp",
            "{provider} cannot read images; remove them or pick a provider with vision.",
        ).format(provider=i18n.provider_label(provider))
    if info is not None and info.vision is False:
        return translate(
            "ConfabApp", "{model} does not accept images; pick a vision model."
        ).format(model=info.id)
    return ""  # not known to be blind (a local server's model may see): no warning, the
    # server says so if it cannot
