"""The PDF worker: PDFium in a process of its own, so a hostile file can use up neither the
window's memory nor its time, and a crash inside PDFium ends only this process.

``python providers/pdf_worker.py`` (or the packaged app with ``--pdf-worker``) reads one request
from stdin: a JSON line (``op`` and its arguments), then the PDF's bytes; it writes one JSON
line: the answer, or ``{"error": kind, "detail": text}``. ``providers.pdf`` is its only caller.

Ops: ``read`` (page count, each page's text, up to ``max_pages``); ``render`` (the ``pages``
given, as PNG, the longer side at most ``max_side``); ``unlock`` (the PDF without its password);
``first_pages`` (a PDF of the first ``count`` pages).
"""

from __future__ import annotations

import base64
import io
import json
import sys
from typing import Any

MEMORY_LIMIT = 1536 * 1024 * 1024
"""Address space the worker may use; PDFium asking for more fails instead of swapping."""


def limit_resources(cpu_seconds: int) -> None:
    """Cap this process's memory and CPU time where the system allows it (POSIX)."""
    try:
        import resource
    except ImportError:  # Windows: the parent's wall-clock limit still applies
        return
    for kind, value in ((resource.RLIMIT_AS, MEMORY_LIMIT), (resource.RLIMIT_CPU, cpu_seconds)):
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, hard))


def run(request: dict[str, Any], data: bytes) -> dict[str, Any]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=request.get("password") or None)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            return {
                "error": "password",
                "detail": "wrong password" if request.get("password") else "",
            }
        return {"error": "broken", "detail": str(exc)}
    op = request["op"]
    if op == "read":
        return _read(pdf, int(request.get("max_pages") or len(pdf)))
    if op == "render":
        return {"png": [_render(pdf, i, int(request["max_side"])) for i in request["pages"]]}
    if op == "unlock":
        return {"pdf": _saved(pdf, flags=pdfium.raw.FPDF_REMOVE_SECURITY)}
    if op == "first_pages":
        part = pdfium.PdfDocument.new()
        part.import_pages(pdf, list(range(min(int(request["count"]), len(pdf)))))
        return {"pdf": _saved(part)}
    return {"error": "broken", "detail": f"unknown op {op!r}"}


def _read(pdf: Any, max_pages: int) -> dict[str, Any]:
    texts = []
    for index in range(min(len(pdf), max_pages)):
        text = pdf[index].get_textpage().get_text_bounded()
        texts.append(text.replace("\r\n", "\n").replace("\r", "\n").strip())
    return {"pages": len(pdf), "texts": texts}


def _render(pdf: Any, index: int, max_side: int) -> str:
    page = pdf[index]
    width, height = page.get_size()  # points, 1/72 inch
    scale = min(max_side / max(width, height, 1), 200 / 72)  # at most 200 dpi
    image = page.render(scale=scale).to_pil()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return base64.b64encode(out.getvalue()).decode("ascii")


def _saved(pdf: Any, flags: int = 0) -> str:
    out = io.BytesIO()
    pdf.save(out, flags=flags)
    return base64.b64encode(out.getvalue()).decode("ascii")


def main() -> int:
    header = sys.stdin.buffer.readline()
    request = json.loads(header)
    limit_resources(int(request.get("cpu_seconds") or 60))
    data = sys.stdin.buffer.read()
    try:
        answer = run(request, data)
    except MemoryError:
        answer = {"error": "memory", "detail": ""}
    except Exception as exc:  # PDFium's errors and broken structures: the parent says which
        answer = {"error": "broken", "detail": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
