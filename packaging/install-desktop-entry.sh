#!/usr/bin/env bash
# Add Frontera Atlas to the desktop menu of the current user (freedesktop.org systems).
# Run after scripts/setup.sh; the entry starts this checkout's .venv/bin/frontera.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
mkdir -p "$apps" "$icons"
cp "$here/frontera-atlas.svg" "$icons/frontera-atlas.svg"
sed "s#^Exec=frontera#Exec=$repo/.venv/bin/frontera#" "$here/frontera-atlas.desktop" > "$apps/frontera-atlas.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
echo "Installed $apps/frontera-atlas.desktop"
