"""Where the user writes: multi-line input, images, Send that turns into Stop."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMimeData,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QImage, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import thumbnails
from gui.folders import start_folder
from gui.i18n import provider_error
from gui.icons import icon
from gui.texts import QT_TRANSLATE_NOOP, Texts
from gui.theme import COLUMN, LIGHT, Theme
from providers.errors import MediaError
from providers.files import LANGUAGES, Attachment, PreparedFile, prepare_attachment, text_attachment
from providers.media import ImageLimits, MediaInput, PreparedImage, load
from providers.pdf import PdfPasswordError, unlock

from .attachments import AttachmentsBar
from .file_preview import FilePreview
from .file_questions import ask_password
from .plain_text import plain_label

log = logging.getLogger(__name__)
MAX_LINES = 10  # the message field grows to this many lines, then scrolls
IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.heic"
TEXT_PATTERNS = " ".join(f"*.{ext}" for ext in (*LANGUAGES, "txt", "log"))
PASTE_AS_FILE = 5000
"""A paste longer than this many characters becomes a text file chip, not a flood of text."""


def image_to_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs say bytes; runtime wants str
    buffer.close()
    return bytes(data.data())


class PromptEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line; Tab moves on to the next control, except
    inside a code fence (or with Ctrl), where it is a tab; images pasted or dropped become
    attachments."""

    submit = Signal()
    files = Signal(object)  # list[QUrl]
    image = Signal(QImage)
    long_text = Signal(str)  # pasted text too long for the field: it becomes a file

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.textChanged.connect(self.fit)

    def fit(self) -> None:
        """Grow with the text from one line to MAX_LINES, then scroll."""
        lines = max(1, int(self.document().documentLayout().documentSize().height()))
        spacing = self.fontMetrics().lineSpacing()
        margins = self.contentsMargins()
        frame = 2 * int(self.document().documentMargin()) + margins.top() + margins.bottom()
        height = min(lines, MAX_LINES) * spacing + frame + 2
        policy = Qt.ScrollBarPolicy
        scrolls = policy.ScrollBarAsNeeded if lines > MAX_LINES else policy.ScrollBarAlwaysOff
        if self.verticalScrollBarPolicy() != scrolls:
            self.setVerticalScrollBarPolicy(scrolls)
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()  # a narrower box wraps the text onto more lines

    def in_code_fence(self) -> bool:
        """Whether the cursor is inside a ``` block that is still open."""
        before = self.toPlainText()[: self.textCursor().position()]
        fences = sum(1 for line in before.split("\n") if line.lstrip().startswith("```"))
        return fences % 2 == 1

    def focusNextPrevChild(self, next: bool) -> bool:
        if next and self.in_code_fence():
            return False  # keyPressEvent writes the tab
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submit.emit()
            return
        if event.key() == Qt.Key.Key_Tab and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier or self.in_code_fence()
        ):
            self.insertPlainText("\t")
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or _has_files(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if _has_files(source):
            self.files.emit([u for u in source.urls() if u.isLocalFile()])
        elif source.hasImage():
            self.image.emit(QImage(source.imageData()))
        elif source.hasText() and len(source.text()) > PASTE_AS_FILE:
            self.long_text.emit(source.text())
        else:
            super().insertFromMimeData(source)


def named(name: str, problem: str) -> str:
    """A problem with a file, saying which file (once: most sentences name it already)."""
    return problem if name in problem else f"{name}: {problem}"


def _has_files(source: QMimeData) -> bool:
    return source.hasUrls() and any(url.isLocalFile() for url in source.urls())


def local_path(url: QUrl) -> str:
    """A dropped file's path as the OS spells it. On POSIX a name is bytes: toLocalFile()
    turns bytes that are not UTF-8 into U+FFFD, a path that does not exist."""
    if os.name != "posix":
        return url.toLocalFile()
    encoded = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    return os.fsdecode(unquote_to_bytes(encoded))


def shown_name(name: str) -> str:
    """A file name fit to show and store: undecodable bytes as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class Composer(QWidget):
    """Input, attachments and the Send/Stop button."""

    send_requested = Signal(str, object)  # text, list[Attachment]
    attached = Signal(object)  # an Attachment, prepared and shown
    stop_requested = Signal()
    folder_used = Signal(str)  # a file picked from it: where the next pick starts

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = Texts("Composer")
        self.limits = ImageLimits()
        self.files_folder = ""  # the folder files were last picked from ("" for Documents)
        self._busy = False
        self._pending: set[asyncio.Task[None]] = set()
        self._started = 0  # files begun reading: each one's place among the attachments
        self._problems: list[str] = []  # this drop's or paste's attachment problems
        self._hint = ""  # what the chosen provider or model can do with the images
        self._on_accent = LIGHT.on_accent  # the send button's glyph (set_theme changes it)
        self.attachments = AttachmentsBar(self)
        self.notice = plain_label(self)
        self.notice.setObjectName("composerNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.editing = QLabel(self)
        self.texts.set(
            self.editing.setText,
            QT_TRANSLATE_NOOP(
                "Composer",
                "Editing a message: sending it starts a new branch, and the original stays. "
                "Esc cancels.",
            ),
        )
        self.editing.setObjectName("editingNotice")
        self.editing.setWordWrap(True)
        self.editing.setVisible(False)
        self.input = PromptEdit(self)
        self.input.setObjectName("promptInput")
        self.texts.set(self.input.setAccessibleName, QT_TRANSLATE_NOOP("Composer", "Message"))
        self.texts.set(self.input.setPlaceholderText, QT_TRANSLATE_NOOP("Composer", "Ask anything"))
        self.texts.set(
            self.input.setToolTip,
            QT_TRANSLATE_NOOP(
                "Composer",
                "Enter sends, Shift+Enter starts a new line. Drop or paste images and files.",
            ),
        )
        self.input.submit.connect(self.submit)
        self.input.files.connect(self.attach_urls)
        self.input.image.connect(self.attach_image)
        self.input.long_text.connect(self.attach_text)
        self.attachments.preview_requested.connect(self.preview)
        self.previewer: FilePreview | None = None
        self.attach_button = self._icon_button("paperclip", "attachButton")
        self.texts.set(
            self.attach_button.setAccessibleName, QT_TRANSLATE_NOOP("Composer", "Attach files")
        )
        self.texts.set(
            self.attach_button.setToolTip,
            QT_TRANSLATE_NOOP("Composer", "Attach images, PDFs, text or code"),
        )
        self.attach_button.clicked.connect(self.pick_files)
        self.send_button = self._icon_button("arrow-up", "sendButton")
        self.send_button.clicked.connect(self._send_or_stop)
        self.set_busy(False)
        # One rounded box: the chips above the text, attach and send inside it, at its foot.
        self.box = QFrame(self)
        self.box.setObjectName("composerBox")
        self.box.setMaximumWidth(COLUMN)  # as wide as the conversation's column, at most
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.input, 1, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        inside = QVBoxLayout(self.box)
        inside.setContentsMargins(10, 8, 8, 8)
        inside.addWidget(self.attachments)
        inside.addLayout(row)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.box, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 12)
        layout.addWidget(self.editing)
        layout.addWidget(self.notice)
        layout.addLayout(centred)
        self.input.fit()

    def _icon_button(self, name: str, object_name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(object_name)
        button.setIcon(icon(name))
        button.setIconSize(QSize(20, 20))
        button.setFixedSize(36, 36)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    # ---- sending ---------------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if not busy and self._hint == self._busy_hint():
            self.show_hint("")
        label = self.tr("Stop") if busy else self.tr("Send")
        self.send_button.setText(label)  # not shown: the icon says it; tooltip and reader do
        self.send_button.setAccessibleName(label)
        self.send_button.setToolTip(
            self.tr("Stop the reply (Esc)") if busy else self.tr("Send (Enter)")
        )
        self.send_button.setIcon(icon("square" if busy else "arrow-up", self._on_accent))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
            self.set_busy(self._busy)  # Send or Stop, in the new language
        super().changeEvent(event)

    def set_theme(self, theme: Theme) -> None:
        self._on_accent = theme.on_accent
        self.set_busy(self._busy)

    def _busy_hint(self) -> str:
        return self.tr("A reply is still coming in: press Esc to stop it, or wait for it.")

    def _send_or_stop(self) -> None:
        if self._busy:
            self.stop_requested.emit()
        else:
            self.submit()

    def submit(self) -> None:
        text = self.input.toPlainText().strip()
        images = self.attachments.items()
        if not text and not images:
            return
        if self._busy:
            self.show_hint(self._busy_hint())
            return
        if self._pending:
            self.show_hint(self.tr("Files are still being prepared; send again in a moment."))
            return
        self.input.clear()
        self.attachments.clear()
        self._problems.clear()
        self.show_hint("")
        self.send_requested.emit(text, images)

    def set_draft(self, text: str, images: Sequence[Attachment]) -> None:
        self.input.setPlainText(text)
        self.attachments.clear()
        for image in images:
            self.attachments.add(image)
        self._problems.clear()  # the last chat's "not an image" is no news in this one
        self._show_notice()

    def show_editing(self, editing: bool) -> None:
        self.editing.setVisible(editing)

    # ---- images ----------------------------------------------------------------------------
    def show_hint(self, text: str) -> None:
        """Say what the provider or model can do with the attached images ("" clears it)."""
        self._hint = text
        self._show_notice()

    def problems(self) -> list[str]:
        """The attachment problems of the last drop, paste or pick."""
        return list(self._problems)

    def _show_notice(self) -> None:
        text = "\n".join([*self._problems, *([self._hint] if self._hint else [])])
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def pick_files(self) -> QFileDialog:
        filters = ";;".join(
            [
                self.tr("Images, PDFs and text ({patterns})").format(
                    patterns=f"{IMAGE_PATTERNS} *.pdf {TEXT_PATTERNS}"
                ),
                self.tr("Images ({patterns})").format(patterns=IMAGE_PATTERNS),
                self.tr("PDF documents (*.pdf)"),
                self.tr("All files (*)"),
            ]
        )
        folder = start_folder(self.files_folder)
        dialog = QFileDialog(self, self.tr("Attach files"), folder, filters)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(self._picked)
        dialog.open()
        return dialog

    def _picked(self, paths: list[str]) -> None:
        if paths:
            self.folder_used.emit(os.path.dirname(paths[0]))
        self.attach_urls([QUrl.fromLocalFile(p) for p in paths])

    def attach_urls(self, urls: Sequence[QUrl]) -> None:
        self._new_batch()
        for url in urls:
            if url.isLocalFile():
                path = local_path(url)
                self._start(path, shown_name(os.path.basename(path)))
            else:
                self._report(
                    self.tr("{address} is not a local file; save it first.").format(
                        address=url.toString()
                    )
                )

    def attach_image(self, image: QImage) -> None:
        self._new_batch()
        if image.isNull():
            self._report(self.tr("The pasted content is not an image Confab can read."))
            return
        self._start(image_to_png(image), self.tr("pasted image.png"))

    def attach_text(self, text: str) -> None:
        """A long paste, attached as a text file the model is sent whole."""
        self._new_batch()
        self.attachments.add(text_attachment(text, self.tr("pasted text.txt")))

    def preview(self, file: PreparedFile) -> FilePreview:
        self.previewer = FilePreview(file, self.files_folder, self)
        self.previewer.show()
        return self.previewer

    def _new_batch(self) -> None:
        """A new drop, paste or pick: the last one's problems are no longer news."""
        self._problems.clear()
        self._show_notice()

    def _report(self, problem: str) -> None:
        """Add one attachment problem to the notice: a drop of five bad files shows five."""
        self._problems.append(problem)
        self._show_notice()

    def _start(self, data: MediaInput, name: str) -> None:
        self._started += 1
        task = asyncio.ensure_future(self._prepare(data, name, self._started))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _prepare(self, data: MediaInput, name: str, order: int) -> None:
        """Read, check and shrink off the window's thread (Pillow in a worker thread, PDFs in
        the PDF worker process), so the window never waits on a file."""
        prepared: Attachment | None
        try:
            prepared = await prepare_attachment(data, self.limits, name)
            if isinstance(prepared, PreparedImage):  # its small pictures, off this thread too
                await asyncio.to_thread(thumbnails.make, prepared.data)
        except PdfPasswordError as exc:
            prepared = await self._unlock(data, name, exc)
        except MediaError as exc:
            self._report(named(name, provider_error(exc, named=False)))
            return
        except Exception as exc:  # a slot's exception would only be printed: show it instead
            self._report(
                self.tr("{name} could not be attached: {error}").format(name=name, error=exc)
            )
            return
        if prepared is not None:
            self.attachments.add(prepared, order)
            self.attached.emit(prepared)
            log.info("attached %s", name)

    async def _unlock(
        self, data: MediaInput, name: str, problem: PdfPasswordError
    ) -> Attachment | None:
        """Ask for a PDF's password until it opens or the user gives up; the PDF is attached
        without it (a model's server cannot open a locked PDF)."""
        raw = data if isinstance(data, bytes) else None
        while True:
            password = await ask_password(self, name, wrong=problem.wrong)
            if password is None:
                self._report(self.tr("{name} was not attached: it needs its password.").format(
                    name=name))  # fmt: skip
                return None
            try:
                if raw is None:
                    raw = (await asyncio.to_thread(load, data, name))[0]
                return await prepare_attachment(
                    await unlock(raw, name, password), self.limits, name
                )
            except PdfPasswordError as again:
                problem = again
            except MediaError as exc:
                self._report(named(name, provider_error(exc, named=False)))
                return None

    async def wait_attachments(self) -> None:
        while self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
