#!/usr/bin/env bash
# Install everything, then open Frontera Atlas on the bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/frontera "$@"
