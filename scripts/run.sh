#!/usr/bin/env bash
# Sets up (first time) and opens the program; with no data yet it opens on the demo district.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${UNION_INSPECTOR_HOME:-}" ]; then
  export UNION_INSPECTOR_HOME="$PWD/.data"
fi
exec .venv/bin/union-inspector gui --demo-if-empty "$@"
