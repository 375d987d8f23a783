#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then around it a per-user tarball (with
# install.sh) and, on Debian/Ubuntu, a .deb. Usage: packaging/build.sh (from `make package`,
# which sets up .venv first). Prints what it built, how big, and how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
started=$(date +%s)
VERSION=$("$PY" -c "import gui; print(gui.__version__)")
"$PY" -m pip install -q -e '.[package]'
scripts/install-system-deps.sh package  # icupkg and genccode cut ICU's data (icu_data.py)
scripts/translations.sh >/dev/null  # the .qm files the bundle carries match their sources
"$PY" - <<'PYEOF'
# The icon PNGs are made from the SVG so only one source is kept.
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QGuiApplication, QIcon
app = QGuiApplication([])
icon = QIcon("resources/icons/confab.svg")
icon.pixmap(256, 256).save("resources/icons/confab.png")
os.makedirs("build/icons", exist_ok=True)
for size in (48, 128, 256):
    icon.pixmap(size, size).save(f"build/icons/confab-{size}.png")
PYEOF
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/confab.spec
size_kb=$(du -sk dist/confab | cut -f1)
echo "Built dist/confab ($((size_kb / 1024)) MB) in $(($(date +%s) - started)) s"

# A tarball for any Linux desktop: unpack, run ./install.sh (per user, no root).
arch=$(uname -m)
stage=build/tarball/confab-${VERSION}
rm -rf build/tarball && mkdir -p "$stage/icons"
cp -a dist/confab "$stage/confab"
cp packaging/install.sh packaging/confab.desktop "$stage/"
cp build/icons/confab-*.png resources/icons/confab.svg "$stage/icons/"
tar -C build/tarball -cf - "confab-${VERSION}" | gzip -1 > "dist/confab-${VERSION}-linux-${arch}.tar.gz"
echo "Built dist/confab-${VERSION}-linux-${arch}.tar.gz"

if command -v dpkg-deb >/dev/null; then
  root=build/deb/confab_${VERSION}
  rm -rf "$root"
  mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/share/applications" "$root/usr/bin" \
    "$root/usr/share/icons/hicolor/scalable/apps"
  cp -a dist/confab "$root/opt/confab"
  ln -s /opt/confab/confab "$root/usr/bin/confab"
  cp packaging/confab.desktop "$root/usr/share/applications/"
  for size in 48 128 256; do
    mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "build/icons/confab-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/confab.png"
  done
  cp resources/icons/confab.svg "$root/usr/share/icons/hicolor/scalable/apps/"
  installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  cat > "$root/DEBIAN/control" <<CTRL
Package: confab
Version: ${VERSION}
Architecture: $(dpkg --print-architecture)
Maintainer: Confab <confab@localhost>
Installed-Size: ${installed_kb}
Depends: libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0, libxcb-image0, libxcb-render-util0, libxcb-shape0, libxcb-randr0, libxcb-xinerama0, libxkbcommon-x11-0, libegl1, libgl1, libfontconfig1, libdbus-1-3
Recommends: gnome-keyring | kwalletmanager
Section: net
Priority: optional
Description: Desktop chat client for large language models
 Streams replies from OpenAI, Anthropic, Gemini, Ollama and OpenAI-compatible
 servers; keeps API keys only in the system keyring.
CTRL
  # The menu and icon caches learn of the new entry at once.
  cat > "$root/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
POST
  cp "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
  chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
  # zstd at a low level: xz took 3.5 of the build's 5 minutes for a few MB less.
  dpkg-deb -Zzstd -z3 --build --root-owner-group "$root" dist/ >/dev/null
  echo "Built dist/confab_${VERSION}_$(dpkg --print-architecture).deb"
fi
echo "Packaging took $(($(date +%s) - started)) s"
