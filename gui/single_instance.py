"""One Confab per profile: a second launch hands its files to the first window and exits.

Two windows on one profile overwrote each other's settings (the last to close won). The
first Confab listens on a local socket named after its profile; a later launch connects,
sends the files it was given, and the first window comes forward and attaches them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
WAIT_MS = 2000


def server_name(profile: Path) -> str:
    """The socket name for a profile: the same folder, however it is spelled, one name."""
    digest = hashlib.sha256(str(profile.resolve()).encode()).hexdigest()[:16]
    return f"confab-{digest}"


def hand_over(profile: Path, files: Sequence[str]) -> bool:
    """Give ``files`` to the Confab already running on ``profile``; False when there is none."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(profile))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(json.dumps({"files": list(files)}).encode() + b"\n")
    socket.waitForBytesWritten(WAIT_MS)
    answered = socket.waitForReadyRead(WAIT_MS) and bytes(socket.readAll().data()) == b"ok\n"
    socket.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for later launches on the same profile."""

    files_received = Signal(list)  # list[str]: paths another launch was given
    activation_requested = Signal()

    def __init__(self, profile: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        name = server_name(profile)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(name):
            # A socket left by a Confab that crashed: nobody answers on it, so it may go.
            # (A live one would have answered hand_over() a moment ago.)
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                log.warning("single-instance socket unavailable: %s", self._server.errorString())
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            message = json.loads(bytes(socket.readLine().data()))
            files = [str(f) for f in message.get("files", [])]
        except (ValueError, AttributeError):
            socket.disconnectFromServer()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        log.info("another launch handed over %d file(s)", len(files))
        self.activation_requested.emit()
        if files:
            self.files_received.emit(files)

    def close(self) -> None:
        self._server.close()
