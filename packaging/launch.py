"""Entry point for the packaged app (PyInstaller needs a script, not a module)."""

import sys

from gui.__main__ import main

sys.exit(main())
