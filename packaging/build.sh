#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then a .deb around it (on Debian/Ubuntu).
# Usage: packaging/build.sh   (from `make package`, which sets up .venv first)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
VERSION=$("$PY" -c "import gui; print(gui.__version__)")
"$PY" -m pip install -q -e '.[package]'
"$PY" - <<'PYEOF'
# The icon PNG is made from the SVG so only one source is kept.
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QGuiApplication, QIcon
app = QGuiApplication([])
QIcon("resources/icons/confab.svg").pixmap(256, 256).save("resources/icons/confab.png")
PYEOF
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/confab.spec
echo "Built dist/confab ($(du -sh dist/confab | cut -f1))"

if command -v dpkg-deb >/dev/null; then
  root=build/deb/confab_${VERSION}
  rm -rf "$root"
  mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/bin"
  cp -a dist/confab "$root/opt/confab"
  ln -s /opt/confab/confab "$root/usr/bin/confab"
  cp packaging/confab.desktop "$root/usr/share/applications/"
  cp resources/icons/confab.png "$root/usr/share/icons/hicolor/256x256/apps/confab.png"
  cat > "$root/DEBIAN/control" <<CTRL
Package: confab
Version: ${VERSION}
Architecture: $(dpkg --print-architecture)
Maintainer: Confab <confab@localhost>
Depends: libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0, libxkbcommon-x11-0, libegl1, libfontconfig1
Recommends: gnome-keyring | kwalletmanager
Description: Desktop chat client for large language models
 Streams replies from OpenAI, Anthropic, Gemini, Ollama and OpenAI-compatible
 servers; keeps API keys only in the system keyring.
CTRL
  dpkg-deb --build --root-owner-group "$root" dist/ >/dev/null
  echo "Built dist/confab_${VERSION}_$(dpkg --print-architecture).deb"
fi
