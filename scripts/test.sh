#!/usr/bin/env bash
# Sets up (first time) and runs every check CI runs: ruff, mypy and the test suite (benchmarks apart).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check app tests
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
if [ -f scripts/postgres.sh ]; then
  # A throwaway PostgreSQL cluster for the server tests; skipped with a note where none can run.
  eval "$(bash scripts/postgres.sh start)" || true
  trap 'bash scripts/postgres.sh stop >/dev/null 2>&1 || true' EXIT
fi
.venv/bin/python -m pytest "$@"
