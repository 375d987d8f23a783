"""ICU's data (libicudata, 31 MB in PySide6's wheels) cut to the languages Confab speaks.

Qt formats numbers and dates from its own CLDR tables; ICU serves it for collation (QCollator),
case mapping, normalization, text boundaries and time zones. Every locale's names of
languages, currencies, units and regions, the collation tailorings of other languages, the
legacy code-page converters (Confab reads UTF-8) and the transliterators are never read: they
go, 31 -> 7 MB. What stays: everything that is not per-locale, and the root, English and
Russian locales (another language's collation falls back to root: Unicode order).

The data is the package inside the library (symbol ``icudtNN_dat``); ``icupkg`` (ICU's own
tool, Debian's icu-devtools) removes the items, ``genccode`` writes it back as assembly, and
gcc makes a library with the same soname.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

Entry = tuple[str, str, str]  # (path in the bundle, source path, type), as PyInstaller keeps

NOT_LOCALES = frozenset(
    {
        "pool", "res_index", "supplementalData", "supplementalMetadata", "likelySubtags",
        "metaZones", "timezoneTypes", "windowsZones", "keyTypeData", "zoneinfo64", "tzdbNames",
        "numberingSystems", "plurals", "pluralRanges", "dayPeriods", "grammaticalFeatures",
        "icuver", "icustd", "genderList", "currencyNumericCodes", "units",
    }
)  # fmt: skip
"""Resource bundles with names like a locale's that every locale needs."""

_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")


def unused(items: Iterable[str], languages: Sequence[str]) -> list[str]:
    """The package items Confab never reads: converters, transliterators, and the resource
    bundles of locales other than root and ``languages``."""
    keep = re.compile(rf"^(root|{'|'.join(languages)})(_[A-Za-z0-9]*)*\.res$")
    gone = []
    for item in items:
        name = item.rsplit("/", 1)[-1]
        if item.endswith(".cnv") or item.startswith("translit/"):
            gone.append(item)
        elif name.removesuffix(".res") in NOT_LOCALES:
            continue
        elif _LOCALE.match(name) and not keep.match(name):
            gone.append(item)
    return gone


def _data_of(library: Path) -> tuple[str, bytes]:
    """The data symbol's name and bytes (found with nm and readelf from binutils)."""
    symbols = subprocess.run(
        ["nm", "-S", "-D", "--defined-only", str(library)], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    address, size, _kind, symbol = next(
        line.split() for line in symbols.splitlines() if re.search(r"icudt\d+_dat$", line)
    )
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    start = int(address, 16)
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[2] == "PROGBITS":
            section, offset, length = (int(fields[i], 16) for i in (3, 4, 5))
            if section <= start < section + length:
                at = start - section + offset
                return symbol, library.read_bytes()[at : at + int(size, 16)]
    raise ValueError(f"{symbol} is in no section of {library}")


def trimmed(library: Path, languages: Sequence[str], workdir: Path) -> Path:
    """A copy of ``library`` whose data holds only what ``languages`` need."""
    symbol, data = _data_of(library)
    entry = symbol.removesuffix("_dat")  # icudt73
    package = f"{entry}l.dat"  # items are named after the package file: keep its name
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        here = Path(scratch)
        (here / "in").mkdir()
        (here / "in" / package).write_bytes(data)
        listing = subprocess.run(
            ["icupkg", "-l", str(here / "in" / package)], capture_output=True, text=True,
            check=True,
        ).stdout  # fmt: skip
        (here / "remove.txt").write_text("\n".join(unused(listing.split(), languages)) + "\n")
        subprocess.run(
            ["icupkg", "-r", str(here / "remove.txt"), str(here / "in" / package), package],
            cwd=here, check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            ["genccode", "-a", "gcc", "-e", entry, "-d", str(here), package],
            cwd=here, check=True, capture_output=True,
        )  # fmt: skip
        out = workdir / library.name
        subprocess.run(
            ["gcc", "-shared", "-s", f"-Wl,-soname,{library.name}", "-o", str(out),
             str(here / f"{entry}l_dat.S")],
            check=True,
        )  # fmt: skip
    return out


def with_languages_only(
    binaries: Iterable[Entry], languages: Sequence[str], workdir: str
) -> list[Entry]:
    """``binaries`` with libicudata swapped for one cut to ``languages``."""
    entries = list(binaries)
    for index, (dest, source, kind) in enumerate(entries):
        if PurePosixPath(dest).name.startswith("libicudata.so"):
            entries[index] = (dest, str(trimmed(Path(source), languages, Path(workdir))), kind)
    return entries
