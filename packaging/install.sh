#!/usr/bin/env sh
# Install Confab for this user only, from the unpacked tarball (no root needed):
#   ./install.sh            copies the app to ~/.local/opt/confab, adds a menu entry and icons,
#                           and a `confab` command in ~/.local/bin
#   ./install.sh --remove   takes all of that away again (your chats and settings stay)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app=$HOME/.local/opt/confab
bin=$HOME/.local/bin
entry=$data/applications/confab.desktop
if [ "${1:-}" = "--remove" ]; then
  rm -rf "$app" "$entry" "$bin/confab"
  for size in 48 128 256; do rm -f "$data/icons/hicolor/${size}x${size}/apps/confab.png"; done
  rm -f "$data/icons/hicolor/scalable/apps/confab.svg"
  echo "Confab removed. Your chats and settings are still in ${data}/Confab."
  exit 0
fi
mkdir -p "$app" "$bin" "$data/applications"
rm -rf "$app" && cp -a "$here/confab" "$app"
ln -sf "$app/confab" "$bin/confab"
for size in 48 128 256; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$here/icons/confab-$size.png" "$data/icons/hicolor/${size}x${size}/apps/confab.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/icons/confab.svg" "$data/icons/hicolor/scalable/apps/confab.svg"
sed "s|^Exec=.*|Exec=\"$app/confab\" %F|" "$here/confab.desktop" > "$entry"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "Confab installed: find it in your applications menu, or run $bin/confab"
