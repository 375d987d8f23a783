"""Python's garbage collector, paused while a worker thread imports heavy libraries.

An import makes much garbage; a collection it sets off runs on the importing thread and
destroys whatever unreachable objects there are, the window's Qt objects (documents, images)
among them: destroyed on the wrong thread, they crashed the process while the window painted.
Paused, the collection happens later on the window's thread. Qt-free.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
