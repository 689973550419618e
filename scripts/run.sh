#!/usr/bin/env bash
# The main job: installs what is missing, builds the server and the web workspace, and runs the
# desk on an embedded SQLite file (default ./parley.db). Environment: PARLEY_LISTEN (default
# 127.0.0.1:8080), PARLEY_DB, PARLEY_ADMIN_PASSWORD (first start; else a random one is printed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PARLEY_BUILD_DIR:-$root/build}"
bash "$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --parallel 2
site="$build/wasm/web_client/site"
web_args=()
[ -d "$site" ] && web_args=(--web "$site")
exec "$build/server/parley-server" --listen "${PARLEY_LISTEN:-127.0.0.1:8080}" --db "${PARLEY_DB:-./parley.db}" \
  "${web_args[@]}"
