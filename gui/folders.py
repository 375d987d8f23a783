"""Where file dialogs open: the folder the user last took a file from or saved one to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def start_folder(remembered: str) -> str:
    """The remembered folder if it still exists, else Documents, else home; never the
    process's working directory (for a source checkout, the code)."""
    if remembered and Path(remembered).is_dir():
        return remembered
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())
