#!/usr/bin/env python3
"""Print the faults x provider families table from tests/providers/test_error_paths.py.

Runs that file once with pytest and turns each test (a fault) and parameter (a family)
into a cell: "pass", "FAIL" or "n/a" where a fault does not apply to a family.
Usage: .venv/bin/python scripts/fault-table.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = ["OpenAI", "Anthropic", "Gemini", "Ollama", "BackendApi", "AI365VIP"]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.xml"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/providers/test_error_paths.py",
                f"--junitxml={report}",
            ],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        cases = ET.parse(report).getroot().iter("testcase")
        table: dict[str, dict[str, str]] = {}
        for case in cases:
            match = re.fullmatch(r"test_(\w+)\[(.+)\]", case.get("name", ""))
            if not match:
                continue
            fault, params = match.groups()
            family = params.rsplit("-", 1)[-1]  # the family is the last parameter
            extra = params.removesuffix(family).strip("-").split("-")[0]  # the status, if any
            row = f"{fault.replace('_', ' ')}" + (f" ({extra})" if extra else "")
            failed = case.find("failure") is not None or case.find("error") is not None
            table.setdefault(row, {})[family] = "FAIL" if failed else "pass"
    print("| fault | " + " | ".join(FAMILIES) + " |")
    print("|---|" + "---|" * len(FAMILIES))
    for row, cells in table.items():
        print(f"| {row} | " + " | ".join(cells.get(f, "n/a") for f in FAMILIES) + " |")
    failures = sum(v == "FAIL" for cells in table.values() for v in cells.values())
    passes = sum(v == "pass" for cells in table.values() for v in cells.values())
    print(f"\n{len(table)} faults x {len(FAMILIES)} families: {passes} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
