"""Request bodies: attachments' base64 spliced in as it is, everything else as json.dumps
writes it (issue 25: JSON-escaping a 4 MB picture held the window 8 ms)."""

from __future__ import annotations

import base64
import json
import os

from providers.jsonbody import SPLICE_LEAST, Base64Text, json_bytes
from providers.media import PreparedImage

PICTURE = PreparedImage(os.urandom(300_000), "image/png", 600, 400, "p.png")


def test_a_body_with_attachments_reads_back_as_the_same_json() -> None:
    payload = {
        "model": "m",
        "messages": [
            {"role": "user", "content": [
                {"type": "text", "text": 'A "quoted" line\nand a \\ backslash, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'},
                {"type": "image_url", "image_url": {"url": PICTURE.data_uri()}},
            ]},
            {"role": "user", "content": [{"type": "image", "data": PICTURE.base64()}]},
        ],
        "tools": [],
        "n": 1,
        "stream": True,
    }  # fmt: skip
    body = json_bytes(payload)
    assert json.loads(body) == payload
    assert body.count(PICTURE.base64().encode()) == 2  # both in it, as they are


def test_only_long_base64_confab_made_is_spliced() -> None:
    lookalike = Base64Text('"},"model":"other' + "A" * SPLICE_LEAST)  # from a crafted archive
    plain = "B" * SPLICE_LEAST  # a plain str is written by json.dumps
    short = Base64Text(base64.b64encode(b"tiny").decode())
    payload = {"a": lookalike, "b": plain, "c": short}
    body = json_bytes(payload)
    assert json.loads(body) == payload
    assert body == json.dumps(payload).encode()  # nothing was spliced: the same bytes
