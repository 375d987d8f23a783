#!/usr/bin/env bash
# Update resources/translations/confab_*.ts from the code (pyside6-lupdate), then compile the
# .qm files the app loads (pyside6-lrelease). Usage: scripts/translations.sh [--check]
#   --check: fail if the .ts files lack a string the code has, or a .qm is older than its .ts.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
out=resources/translations
mapfile -t sources < <(git ls-files -co --exclude-standard 'gui/*.py' 'providers/*.py' | sort)
update() {  # $1: folder to write the .ts files in
  for lang in en ru; do
    [ "$1" = "$out" ] || cp "$out/confab_$lang.ts" "$1/" 2>/dev/null || true
    "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none -source-language en \
      -target-language "$lang" "${sources[@]}" -ts "$1/confab_$lang.ts"
  done
}
if [ "${1:-}" = "--check" ]; then
  scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
  update "$scratch"
  for lang in en ru; do
    if ! cmp -s "$scratch/confab_$lang.ts" "$out/confab_$lang.ts"; then
      echo "$out/confab_$lang.ts is not up to date with the code: run scripts/translations.sh" >&2
      diff -u "$out/confab_$lang.ts" "$scratch/confab_$lang.ts" | head -40 >&2
      exit 1
    fi
  done
  exit 0
fi
update "$out"
for lang in en ru; do
  "$BIN/pyside6-lrelease" -silent "$out/confab_$lang.ts" -qm "$out/confab_$lang.qm"
done
