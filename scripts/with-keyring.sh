#!/usr/bin/env bash
# Run a command inside a private D-Bus session with an unlocked gnome-keyring Secret Service,
# so tests store keys in a real OS keyring without touching the user's own.
# Needs: gnome-keyring dbus-daemon (scripts/install-system-deps.sh installs them on Debian).
# Usage: scripts/with-keyring.sh .venv/bin/python -m pytest
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data"            # keyrings/login.keyring lands here
export XDG_RUNTIME_DIR="$scratch/run"           # control socket dir
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# Must be non-empty: an empty password creates no login collection and every call is "dismissed".
export KEYRING_UNLOCK_PASSWORD="${KEYRING_UNLOCK_PASSWORD:-confab-test-keyring}"
export CONFAB_PRIVATE_KEYRING=1  # tests may use the real service name "confab" here
unset DISPLAY WAYLAND_DISPLAY  # with a display a locked collection pops a prompt and calls block
dbus-run-session -- bash -c '
  eval "$(printf "%s" "$KEYRING_UNLOCK_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
  export GNOME_KEYRING_CONTROL
  unset KEYRING_UNLOCK_PASSWORD
  "$@"
  status=$?
  [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
  exit $status' _ "$@"
