"""PySide6's feature check on every import answers from the module's names, not its source
(gui/qt_imports.py): no source file is read into linecache, and each module is still told
apart by whether it uses PySide6."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from gui.qt_imports import uses_pyside

IMPORT_TWO = """
import json, linecache, sys
if sys.argv[2] == "load_qt":
    from gui.qt_imports import load_qt
    assert load_qt()
else:
    import PySide6.QtCore
sys.path.insert(0, sys.argv[1])
import plain_module, qt_module
feature = sys.modules["PySide6.support.feature"]
print(json.dumps({
    "read": sorted(Path(f).name for f in linecache.cache if f.startswith(sys.argv[1])),
    "plain": feature.pyside_feature_dict.get("plain_module"),
    "qt": feature.pyside_feature_dict.get("qt_module"),
}))
""".replace("import json,", "from pathlib import Path\nimport json,")


@pytest.mark.parametrize(
    ("how", "read"),
    [("load_qt", []), ("plain import", ["plain_module.py", "qt_module.py"])],
)
def test_imports_after_qt_read_no_source(tmp_path: Path, how: str, read: list[str]) -> None:
    (tmp_path / "plain_module.py").write_text("import json\n\nVALUE = json.dumps(1)\n")
    (tmp_path / "qt_module.py").write_text("from PySide6.QtCore import QObject\n\nBASE = QObject\n")
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_TWO, str(tmp_path), how],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    # PySide6's own check reads both files whole and keeps them; load_qt's reads neither.
    assert seen == {"read": read, "plain": -1, "qt": 0}


def test_a_module_uses_pyside_when_a_name_in_it_came_from_pyside() -> None:
    from PySide6 import QtCore

    def module(**names: object) -> types.ModuleType:
        made = types.ModuleType("made")
        made.__dict__.update(names)
        return made

    assert uses_pyside(module(QtCore=QtCore))
    assert uses_pyside(module(Qt=QtCore.Qt))
    assert uses_pyside(module(Signal=QtCore.Signal))
    assert not uses_pyside(module(json=json, dumps=json.dumps, number=1))
