"""A minimal SOCKS5 server for tests: no auth, CONNECT only, every target sent to one port."""

from __future__ import annotations

import asyncio
import contextlib
import struct


class Socks5Server:
    """Relays each CONNECT to 127.0.0.1:``target_port`` and records the requested host."""

    def __init__(self, target_port: int, *, refuse: bool = False) -> None:
        self.target_port = target_port
        self.refuse = refuse
        """Answer every CONNECT with "connection refused" (SOCKS5 reply 0x05), as a proxy whose
        way out is down does."""
        self.requested: list[tuple[str, int]] = []
        self.url = ""
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> Socks5Server:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"socks5://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"
        return self

    async def stop(self) -> None:
        if self._server:
            self._server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        _version, count = await reader.readexactly(2)
        await reader.readexactly(count)
        writer.write(b"\x05\x00")
        _ver, _cmd, _rsv, atyp = await reader.readexactly(4)
        if atyp == 1:
            host = ".".join(str(b) for b in await reader.readexactly(4))
        elif atyp == 3:
            host = (await reader.readexactly((await reader.readexactly(1))[0])).decode()
        else:
            host = (await reader.readexactly(16)).hex()
        (port,) = struct.unpack("!H", await reader.readexactly(2))
        self.requested.append((host, port))
        if self.refuse:
            writer.write(b"\x05\x05\x00\x01" + bytes(4) + b"\x00\x00")
            await writer.drain()
            writer.close()
            return
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        writer.write(b"\x05\x00\x00\x01" + bytes(4) + b"\x00\x00")
        pumps = [self._pipe(reader, up_writer), self._pipe(up_reader, writer)]
        tasks = [asyncio.ensure_future(p) for p in pumps]
        self._tasks.update(tasks)
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.difference_update(tasks)
        for w in (writer, up_writer):
            w.close()
            with contextlib.suppress(OSError):
                await w.wait_closed()

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            with contextlib.suppress(OSError, RuntimeError):
                writer.write_eof()
