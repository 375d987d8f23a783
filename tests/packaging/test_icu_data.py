"""ICU's data cut to Confab's languages (packaging/icu_data.py): which items go, and, where
ICU's tools are installed, a real library cut and loaded by Qt that still sorts Russian."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
from icu_data import trimmed, unused

ITEMS = [
    "root.res", "en.res", "en_GB.res", "ru.res", "ru_UA.res", "de.res", "de_.res", "zh_Hant.res",
    "pool.res", "res_index.res", "zoneinfo64.res", "plurals.res", "coll/root.res",
    "coll/ru.res", "coll/de.res", "coll/ucadata.icu", "brkitr/root.res", "brkitr/cjdict.dict",
    "brkitr/word.brk", "ibm-943_P15A-2003.cnv", "cnvalias.icu", "translit/el_Latn.res",
    "uprops.icu", "nfc.nrm", "lang/de.res", "lang/ru.res",
]  # fmt: skip


def test_only_other_languages_converters_and_transliterators_go() -> None:
    assert unused(ITEMS, ["en", "ru"]) == [
        "de.res", "de_.res", "zh_Hant.res", "coll/de.res", "ibm-943_P15A-2003.cnv",
        "translit/el_Latn.res", "lang/de.res",
    ]  # fmt: skip


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("icupkg", "genccode", "gcc", "nm", "readelf")),
    reason="ICU's tools (icu-devtools), gcc and binutils: scripts/install-system-deps.sh package",
)
def test_the_cut_library_still_sorts_russian_in_qt(tmp_path: Path) -> None:
    import PySide6

    qt_lib = Path(PySide6.__file__).parent / "Qt" / "lib"
    [library] = qt_lib.glob("libicudata.so.*[0-9]")
    cut = trimmed(library, ["en", "ru"], tmp_path)
    assert cut.stat().st_size < library.stat().st_size / 3
    check = (
        "from PySide6.QtCore import QCollator, QLocale\n"
        "c = QCollator(QLocale('ru'))\n"
        "print(' '.join(sorted(['яблоко', 'ёж', 'Жук', 'арбуз', 'ель'], key=c.sortKey)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", check],
        env={"LD_LIBRARY_PATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["арбуз", "ёж", "ель", "Жук", "яблоко"], out.stderr
