#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu machine (or an existing one, quickly): system packages the program and
# its tests need, a virtual environment in .venv, and the project installed in it.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  # Qt's xcb and offscreen platforms
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libfontconfig1 libdbus-1-3
  libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxshmfence1 libasound2
  # CJK fonts: TrueType ones ReportLab can embed in letters, Noto CJK for the screen
  fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-noto-cjk
  # PDF to PNG for looking at letters, a virtual screen, and a database server for the server tests
  poppler-utils xvfb postgresql
  # the web pages' browser tests (Debian's Chromium, driven by Playwright)
  chromium
  # FUSE, for the power-loss test (a file system that drops writes not yet fsynced)
  fuse3
)

missing=()
# npm installs the web pages' front-end packages (Debian's nodejs/npm unless a Node.js is already there)
command -v npm >/dev/null 2>&1 || SYSTEM_PACKAGES+=(nodejs npm)
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Note: missing system packages (install them with your package manager): ${missing[*]}" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Front-end packages of the web pages, from app/web/package-lock.json, copied into app/web/static/vendor
bash scripts/web-assets.sh
