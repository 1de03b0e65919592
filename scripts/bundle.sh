#!/usr/bin/env bash
# Builds the desktop bundle for this platform with PyInstaller (dist/union-inspector/) and smoke-tests
# it: the bundled program's health check must pass in an empty data folder.
#   bash scripts/bundle.sh            build and smoke-test
#   bash scripts/bundle.sh --no-build smoke-test an existing dist/union-inspector
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV_BIN:-.venv/bin}
if [ "${1:-}" != "--no-build" ]; then
  if [ ! -x "$BIN/pyinstaller" ]; then
    "$BIN/python" -m pip install -q -e ".[build]"
  fi
  start=$(date +%s)
  "$BIN/pyinstaller" --noconfirm --clean --log-level WARN installers/union-inspector.spec
  echo "bundle built in $(( $(date +%s) - start )) s: $(du -sh dist/union-inspector | cut -f1)"
fi
exe=dist/union-inspector/union-inspector
[ -x "$exe" ] || exe=dist/union-inspector/union-inspector.exe
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export QT_QPA_PLATFORM=offscreen
# A build machine has no unlocked keyring to hold the database key: the smoke test uses a data passphrase,
# as a laptop without one would.
export UNION_INSPECTOR_PASSPHRASE="${UNION_INSPECTOR_PASSPHRASE:-bundle smoke test}"
"$exe" --version
"$exe" check --data-dir "$data"
"$exe" backup --data-dir "$data" >/dev/null
"$exe" audit-verify --data-dir "$data"
"$exe" ui-selftest --data-dir "$data/ui" --language en
echo "bundle smoke test passed"
