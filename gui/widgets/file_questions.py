"""Questions about a file, asked without a nested event loop (the dialog opens, the
coroutine waits for its answer): a PDF's password, and whether to cut a PDF to the pages a
provider takes."""

from __future__ import annotations

import asyncio
import functools

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class _Questions(QObject):
    opened = Signal(QDialog)  # a question is on screen, waiting for its answer


@functools.cache
def questions() -> _Questions:
    """Where an opened question is announced (tests answer it; a screen reader could too)."""
    return _Questions()


async def ask_password(parent: QWidget, name: str, *, wrong: bool) -> str | None:
    """A PDF's password from the user (None if they cancel), without a nested event loop."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("pdfPassword")
    dialog.setWindowTitle(QCoreApplication.translate("FileQuestions", "Password needed"))
    dialog.setLabelText(
        QCoreApplication.translate(
            "FileQuestions", "That password did not open {name}. Try again:"
        ).format(name=name)
        if wrong
        else QCoreApplication.translate(
            "FileQuestions", "{name} is protected by a password. Enter it to attach the file:"
        ).format(name=name)
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    answer: asyncio.Future[str | None] = asyncio.get_event_loop().create_future()

    def give(text: str | None) -> None:
        if not answer.done():
            answer.set_result(text)

    dialog.textValueSelected.connect(give)
    dialog.rejected.connect(lambda: give(None))
    dialog.open()
    questions().opened.emit(dialog)
    return await answer


async def ask_to_cut(parent: QWidget, problem: str, name: str, fits: int) -> bool:
    """Whether to send only the first ``fits`` pages of ``name`` (``problem`` says why); with
    ``fits`` 0 it only says so, and the answer is no."""
    box = QMessageBox(parent)
    box.setObjectName("pageLimit")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("FileQuestions", "Too much to send at once"))
    box.setText(problem)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    cut = None
    if fits > 0:
        box.setInformativeText(
            QCoreApplication.translate(
                "FileQuestions",
                "Send only the first {count} pages of {name}, or go back and change the message?",
            ).format(count=fits, name=name)
        )
        cut = box.addButton(
            QCoreApplication.translate("FileQuestions", "Send the first {count} pages").format(
                count=fits
            ),
            QMessageBox.ButtonRole.AcceptRole,
        )
    box.addButton(QMessageBox.StandardButton.Cancel)
    answer: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

    def give(button: object) -> None:
        if not answer.done():
            answer.set_result(cut is not None and button is cut)

    box.buttonClicked.connect(give)
    box.rejected.connect(lambda: give(None))
    box.open()
    questions().opened.emit(box)
    return await answer
