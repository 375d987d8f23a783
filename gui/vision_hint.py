"""What the composer says about attached images and the chosen provider and model."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui import i18n
from providers.base import AsyncGeneratorProvider, ModelInfo

translate = QCoreApplication.translate


def vision_hint(
    provider: type[AsyncGeneratorProvider], info: ModelInfo | None, has_images: bool
) -> str:
    """Why the attached images may not be read ("" when they will be, or there are none)."""
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
    if provider.images_depend_on_model and not (info and info.vision):
        return translate(
            "ConfabApp",
            "{provider} reads images only when its model can see; if this one "
            "cannot, the server will say so.",
        ).format(provider=i18n.provider_label(provider))
    return ""
