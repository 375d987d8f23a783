"""Drop shared libraries nothing in the bundle loads: the ones collected only for a plugin the
spec removed (the GTK theme's GTK, Pango, Cairo... stack), and anything else no kept module
or plugin needs. Roots are Python extension modules, Qt plugins (dlopen'ed by Qt), libraries
loaded with ctypes (PDFium) and libpython; every other library stays only if a root needs it,
directly or through others (ELF DT_NEEDED, read with readelf from binutils)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import PurePosixPath

Entry = tuple[str, str, str]  # (path in the bundle, source path, type) as PyInstaller keeps them


def needed(source: str) -> list[str]:
    out = subprocess.run(
        ["readelf", "-d", source], capture_output=True, text=True, check=False
    ).stdout
    return [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]


DLOPENED = ("libpdfium",)
"""Libraries Python code loads with ctypes: nothing links to them."""


def is_root(dest: str) -> bool:
    name = PurePosixPath(dest).name
    return (
        name.startswith(DLOPENED)
        or ".cpython-" in name
        or name.endswith(".abi3.so")
        or "/plugins/" in dest.replace("\\", "/")
        or name.startswith("libpython")
    )


def reachable(binaries: Iterable[Entry]) -> list[Entry]:
    """The entries a root needs, the roots included, in their original order."""
    entries = list(binaries)
    by_name = {PurePosixPath(dest).name: entry for entry in entries for dest in [entry[0]]}
    keep: set[str] = set()
    todo = [PurePosixPath(e[0]).name for e in entries if is_root(e[0])]
    while todo:
        name = todo.pop()
        if name in keep or name not in by_name:
            continue
        keep.add(name)
        todo.extend(needed(by_name[name][1]))
    return [e for e in entries if PurePosixPath(e[0]).name in keep]


def without_hevc_encoder(binaries: Iterable[Entry], stub_source: str, workdir: str) -> list[Entry]:
    """libx265 swapped for a stub with the same name and soname (see x265_stub.c)."""
    entries = list(binaries)
    for index, (dest, _source, kind) in enumerate(entries):
        name = PurePosixPath(dest).name
        if name.startswith("libx265"):
            stub = str(PurePosixPath(workdir) / name)
            subprocess.run(
                [
                    "gcc",
                    "-shared",
                    "-fPIC",
                    "-O2",
                    "-s",
                    f"-Wl,-soname,{name}",
                    "-o",
                    stub,
                    stub_source,
                ],
                check=True,
            )
            entries[index] = (dest, stub, kind)
    return entries
