"""Entry point for the packaged app (PyInstaller needs a script, not a module).

``--pdf-worker`` makes this process the PDF worker (providers/pdf_worker.py), which the app
starts through its own executable, having no separate Python to run it with."""

import sys

if sys.argv[1:2] == ["--pdf-worker"]:
    from providers.pdf_worker import main as worker

    sys.exit(worker())

from gui.__main__ import main

sys.exit(main())
