#!/usr/bin/env bash
# Install everything (system libraries and Python packages), run the static checks (ruff,
# mypy on the model, the import-linter contracts), then the whole test suite headless.
# A failing check fails the run before the tests start. Extra arguments go to pytest; the tests
# run in two processes (PYTEST_WORKERS=0 runs them in this one).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen

echo "== ruff check (lint + import order; config: pyproject.toml [tool.ruff])"
.venv/bin/ruff check --no-fix --output-format concise
echo "== mypy geo (the model; config: pyproject.toml [tool.mypy])"
.venv/bin/mypy geo
echo "== lint-imports (architecture contracts; config: pyproject.toml [tool.importlinter])"
.venv/bin/lint-imports --no-logo
echo "== pytest (two worker processes: each has its own shared store and temporary folders)"
exec .venv/bin/python -m pytest -q -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" "$@"
