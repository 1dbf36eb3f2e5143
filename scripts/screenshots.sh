#!/usr/bin/env bash
# The README's pictures: bootstrap the demo (scripts/demo.sh) in a temporary
# folder, install it, run its `make screenshots` (the e2e specs on the real
# stack: uvicorn on SQLite, next build and next start, Debian's Chromium), and
# copy the PNGs into docs/screenshots/; then print the first-load JavaScript of
# the demo's pages (scripts/first_load_js.py) for docs/benchmarks.md.
# Usage: scripts/screenshots.sh   (COPIER, PYTHON and CHROMIUM_PATH are passed on)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$here/scripts/demo.sh" "$work/demo" >/dev/null
make -C "$work/demo" install PYTHON="${PYTHON:-python3}" >/dev/null
make -C "$work/demo" screenshots SCREENSHOTS_DIR="$work/png"

mkdir -p "$here/docs/screenshots"
cp "$work"/png/*.png "$here/docs/screenshots/"
ls "$here/docs/screenshots"

# The build the screenshots ran on, served once more to weigh its pages.
port="${FIRST_LOAD_PORT:-3197}"
(cd "$work/demo/frontend" && exec ./node_modules/.bin/next start -H 127.0.0.1 -p "$port" >/dev/null 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 1; done
"${PYTHON:-python3}" "$here/scripts/first_load_js.py" "$work/demo/frontend" "http://127.0.0.1:$port" \
  / /campaigns /campaigns/new /campaigns/00000000-0000-4000-8000-000000000000
