#!/usr/bin/env bash
# Installs the web pages' front-end packages from the lockfile and copies the files the server serves
# into app/web/static/vendor (the pages never load anything from a CDN).
set -euo pipefail
cd "$(dirname "$0")/../app/web"
if ! command -v npm >/dev/null 2>&1; then
  echo "Note: npm is missing; the web pages will work without charts and live search." >&2
  exit 0
fi
stamp="static/vendor/.lock-$(sha256sum package-lock.json | cut -c1-16)"
if [ -f "$stamp" ]; then exit 0; fi
npm ci --no-audit --no-fund --silent
rm -rf static/vendor
mkdir -p static/vendor
cp node_modules/echarts/dist/echarts.common.min.js static/vendor/echarts.min.js
cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
cp node_modules/echarts/LICENSE static/vendor/LICENSE-echarts.txt
cp node_modules/htmx.org/LICENSE static/vendor/LICENSE-htmx.txt
# the phone app: IndexedDB wrapper, map, signature
cp node_modules/idb/build/umd.js static/vendor/idb.umd.js
cp node_modules/idb/LICENSE static/vendor/LICENSE-idb.txt
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css static/vendor/
cp -r node_modules/leaflet/dist/images static/vendor/images
cp node_modules/leaflet/LICENSE static/vendor/LICENSE-leaflet.txt
cp node_modules/signature_pad/dist/signature_pad.umd.min.js static/vendor/signature_pad.umd.min.js
cp node_modules/signature_pad/LICENSE static/vendor/LICENSE-signature_pad.txt
touch "$stamp"
