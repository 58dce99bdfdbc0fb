#!/usr/bin/env bash
# Create .venv at the repository root and install sitrep with its test tools. Everything comes from PyPI by name;
# nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

# Offline web-map assets for `sitrep serve` (Leaflet, world-atlas Natural Earth borders, topojson-client), pinned
# in web/package-lock.json. The copies in src/sitrep/static/vendor/ are committed, so this only refreshes them.
if command -v npm >/dev/null 2>&1; then
  if (cd web && npm ci --silent --no-audit --no-fund >/dev/null 2>&1); then
    mkdir -p src/sitrep/static/vendor/images
    cp web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css src/sitrep/static/vendor/
    cp web/node_modules/leaflet/dist/images/*.png src/sitrep/static/vendor/images/
    cp web/node_modules/topojson-client/dist/topojson-client.min.js src/sitrep/static/vendor/
    cp web/node_modules/world-atlas/countries-50m.json src/sitrep/static/vendor/
  else
    echo "setup: npm ci in web/ failed; keeping the committed copies in src/sitrep/static/vendor/" >&2
  fi
fi
