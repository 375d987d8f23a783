"""`confab --smoke URL`, the check CI runs on the packaged app, from a real process against a
real local server: 0 when a whole reply streamed into the window, 1 with the reason if not."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from PIL import Image

from tests.localserver import LocalServer, transcript

NOTHING = "openai-python_parse_nothing_e2aad469b71d.txt"
ENV = {
    **os.environ,
    "QT_QPA_PLATFORM": "offscreen",
    "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
}


async def smoke(url: str, *files: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gui",
        "--smoke",
        url,
        *files,
        env=ENV,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_smoke_streams_one_reply_and_exits_0(server: LocalServer) -> None:
    server.reply("GET", "/v1/models", {"data": [{"id": "local-model"}]})
    server.stream("POST", "/v1/chat/completions", transcript(NOTHING), piece=3)
    code, out, err = await smoke(server.url + "/v1")
    assert code == 0, err
    assert out.startswith("confab smoke: ok, ") and " characters from local-model at " in out
    sent = server.requests[-1].json()
    assert sent["model"] == "local-model"
    assert "smoke test" in sent["messages"][-1]["content"]


async def test_smoke_fails_with_the_reason(server: LocalServer) -> None:
    server.reply("GET", "/v1/models", {"data": [{"id": "local-model"}]})
    server.reply(
        "POST",
        "/v1/chat/completions",
        {"error": {"message": "model is loading", "type": "server_error"}},
        status=503,
    )
    code, _out, err = await smoke(server.url + "/v1")
    assert code == 1
    assert "failed" in err and "model is loading" in err


async def test_smoke_attaches_files_and_says_which_failed(
    server: LocalServer, tmp_path: Path
) -> None:
    picture, text = tmp_path / "picture.png", tmp_path / "notes.txt"
    Image.new("RGB", (40, 30), "teal").save(picture)
    text.write_text("notes, sent as text")
    binary = tmp_path / "notes.bin"
    binary.write_bytes(bytes(range(256)))
    server.reply("GET", "/v1/models", {"data": [{"id": "local-model"}]})
    server.stream("POST", "/v1/chat/completions", transcript(NOTHING), piece=3)
    code, out, err = await smoke(server.url + "/v1", str(picture))
    assert code == 0, err
    assert "for 1 file(s)" in out
    parts = server.requests[-1].json()["messages"][-1]["content"]
    assert [p["type"] for p in parts] == ["text", "image_url"]
    code, out, err = await smoke(server.url + "/v1", str(picture), str(text))
    assert code == 0, err
    parts = server.requests[-1].json()["messages"][-1]["content"]
    assert [p["type"] for p in parts] == ["text", "text", "image_url"]
    assert parts[0]["text"] == "notes.txt:\n```\nnotes, sent as text\n```"
    code, _out, err = await smoke(server.url + "/v1", str(picture), str(binary))
    assert code == 1
    assert "not every file attached" in err and "notes.bin" in err
