"""A file's preview in a window of its own: a PDF's first page (drawn by the PDF worker, off
the window's thread), or the start of a text file; with Save as… to write it out again."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.folders import start_folder
from gui.i18n import provider_error
from providers import pdf
from providers.errors import MediaError
from providers.files import PreparedFile

from .attachments import file_detail
from .plain_text import plain_label

log = logging.getLogger(__name__)
PREVIEW_LINES = 400  # of a text file
PAGE_SIDE = 900  # pixels, the longer side of a PDF's first page


class FilePreview(QDialog):
    """Esc closes it. ``ready`` is done once the preview is drawn (a PDF's page comes later)."""

    def __init__(self, file: PreparedFile, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filePreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("File: {name}").format(name=file.name))
        self.file, self.folder = file, folder
        self.saved_to: Path | None = None
        layout = QVBoxLayout(self)
        about = plain_label(self)
        about.setText(f"{file.name} · {file_detail(file)}")
        layout.addWidget(about)
        self.status = plain_label(self)
        self.status.hide()
        self.page = QLabel(self)
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        if file.is_pdf:
            self.page.setText(self.tr("Drawing the first page…"))
            self.text.hide()
            layout.addWidget(self.page, 1)
            self.ready: asyncio.Future[None] = asyncio.ensure_future(self._draw_first_page())
        else:
            lines = file.text().split("\n")
            shown = "\n".join(lines[:PREVIEW_LINES])
            if len(lines) > PREVIEW_LINES:
                shown += "\n" + self.tr("… {count} more lines").format(
                    count=len(lines) - PREVIEW_LINES
                )
            self.text.setPlainText(shown)  # plain text: nothing in a file is run or fetched
            self.page.hide()
            layout.addWidget(self.text, 1)
            self.ready = asyncio.get_event_loop().create_future()
            self.ready.set_result(None)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        save = buttons.addButton(self.tr("Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 820 if file.is_pdf else 560)

    async def _draw_first_page(self) -> None:
        try:
            [png] = await pdf.render(self.file.data, self.file.name, [0], PAGE_SIDE)
        except MediaError as exc:
            self.page.setText(provider_error(exc, named=False))
            return
        image = QImage.fromData(png)
        self.page.setPixmap(
            QPixmap.fromImage(image).scaled(
                680,
                740,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def save_as(self) -> QFileDialog:
        folder = start_folder(self.folder)
        dialog = QFileDialog(self, self.tr("Save file"), str(Path(folder) / self.file.name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._write)
        dialog.open()
        return dialog

    def _write(self, path: str) -> None:
        target = Path(path)
        try:
            target.write_bytes(self.file.data)
        except OSError as exc:
            log.warning("could not save %s: %s", target, exc.strerror)
            self.status.setText(self.tr("Could not save: {why}").format(why=exc.strerror or exc))
            self.status.show()
            return
        self.saved_to = target
