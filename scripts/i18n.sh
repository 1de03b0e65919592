#!/usr/bin/env bash
# Translations. zh_CN is the source language; English comes from translations/union_inspector_en.ts.
#   bash scripts/i18n.sh update   extract strings from app/ui into both .ts files, fill zh_CN, build the .qm files
#   bash scripts/i18n.sh check    fail if the code has strings the .ts files lack, or any entry is unfinished
# Translate new strings in translations/union_inspector_en.ts (Qt Linguist: .venv/bin/pyside6-linguist),
# then run `update` again to rebuild the .qm files the program loads (app/ui/translations/).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV_BIN:-.venv/bin}
PY=${PYTHON:-$BIN/python}
mode=${1:-check}
mapfile -t sources < <(find app/ui -name '*.py' | sort)
langs=(en zh_CN)

lupdate() {  # lupdate TS_FILE LANG
  "$BIN/pyside6-lupdate" "${sources[@]}" -source-language zh_CN -target-language "$2" \
    -locations none -no-obsolete -silent -ts "$1"
}

case "$mode" in
  update)
    mkdir -p translations app/ui/translations
    for lang in "${langs[@]}"; do
      lupdate "translations/union_inspector_$lang.ts" "$lang"
    done
    "$PY" scripts/ts_tool.py fill-source translations/union_inspector_zh_CN.ts
    for lang in "${langs[@]}"; do
      "$BIN/pyside6-lrelease" -silent "translations/union_inspector_$lang.ts" -qm "app/ui/translations/union_inspector_$lang.qm"
    done
    "$PY" scripts/ts_tool.py unfinished translations/*.ts || echo "Translate the entries above, then run: bash scripts/i18n.sh update"
    ;;
  check)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    status=0
    for lang in "${langs[@]}"; do
      cp "translations/union_inspector_$lang.ts" "$tmp/"
      lupdate "$tmp/union_inspector_$lang.ts" "$lang"
      "$PY" scripts/ts_tool.py unfinished "$tmp/union_inspector_$lang.ts" || status=1
    done
    [ $status -eq 0 ] && echo "translations complete"
    exit $status
    ;;
  *)
    echo "usage: $0 update|check" >&2
    exit 2
    ;;
esac
