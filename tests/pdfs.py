"""PDFs made for the tests with fpdf2: text in English and Russian (a real TrueType font, so
the text layer holds Cyrillic), a scanned page (a picture, no text), an encrypted one."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import ziafont
from fpdf import FPDF
from PIL import Image, ImageDraw

FONT = Path(ziafont.__file__).parent / "fonts" / "DejaVuSans.ttf"
"""DejaVu Sans (Latin and Cyrillic), shipped with ziafont, which Confab depends on."""

RUSSIAN = "Привет, мир: это страница на русском языке."


def _document() -> FPDF:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    return pdf


def text_pdf(pages: Sequence[str], *, password: str | None = None) -> bytes:
    """One page per item of ``pages``, each holding that text."""
    pdf = _document()
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    if password is not None:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    return bytes(pdf.output())


def scanned_pdf(pages: int = 1) -> bytes:
    """Pages that are only pictures of text, as a scanner makes them: no text layer."""
    picture = Image.new("RGB", (400, 560), "white")
    ImageDraw.Draw(picture).rectangle((40, 40, 360, 80), fill="black")
    png = io.BytesIO()
    picture.save(png, "PNG")
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(png.getvalue()), x=10, y=10, w=190)
    return bytes(pdf.output())


def long_pdf(pages: int) -> bytes:
    """A report of ``pages`` pages of ordinary prose (the benchmark's 300-page PDF)."""
    line = "The quarterly figures show steady growth across every region we serve. "
    return text_pdf([f"Page {n}. " + line * 30 for n in range(1, pages + 1)])
