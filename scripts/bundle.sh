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
# A list long enough to be parsed by the import's child process: the bundled program must start it
# (with -v the importer logs the worker's figures when it ran, and says so when it parsed in-process).
"$BIN/python" - "$data/list.csv" <<'PY'
import sys
from app.core.codes import make_credit_code, make_org_code
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("企业名称,统一社会信用代码,住所\n")
    for i in range(25_000):
        out.write(f"示范企业{i},{make_credit_code('91330106' + make_org_code(f'{i:08d}'))},示范路{i}号\n")
PY
imported=$("$exe" -v import "$data/list.csv" --source market --data-dir "$data/import" 2>&1)
echo "$imported" | tail -n 2
if ! grep -q "parse worker: CPU" <<<"$imported" || grep -q "parsing in-process" <<<"$imported"; then
  echo "the bundled import did not use its parse worker" >&2
  exit 1
fi
echo "bundle smoke test passed"
