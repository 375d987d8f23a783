#!/usr/bin/env bash
# Install the Debian packages Confab needs, only those missing. Usage:
#   scripts/install-system-deps.sh test   # keyring for the test suite
#   scripts/install-system-deps.sh run    # libraries the Qt xcb platform needs on a desktop
#   scripts/install-system-deps.sh screen # Xvfb and tools to drive and photograph the app
#   scripts/install-system-deps.sh package # building the bundle: ICU's data tools, gcc, binutils
set -euo pipefail
case "${1:-test}" in
  test) pkgs="gnome-keyring dbus-daemon libsecret-tools libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0" ;;
  run) pkgs="libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
             libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxkbcommon-x11-0 libegl1 libgl1
             libfontconfig1 libdbus-1-3 fonts-dejavu-core" ;;
  screen) pkgs="xvfb xdotool imagemagick" ;;
  package) pkgs="icu-devtools gcc binutils" ;;
  *) echo "usage: $0 test|run|screen|package" >&2; exit 2 ;;
esac
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Please install these packages with your system's package manager:$missing" >&2; exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
