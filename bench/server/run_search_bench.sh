#!/usr/bin/env bash
# The search benchmark (a benchmark, not a test): seeds a temporary database with a generated desk of
# N messages (default 1 000 000) through the server's own log and index writes, starts parley-server on
# it (on a free loopback port), measures GET /api/v1/search with its floors, and stops the server.
#   bench/server/run_search_bench.sh BUILD_DIR [--messages N] [--rounds R] [--keep]
# --keep leaves the seeded database (and its plan) in the temporary folder for later looks.
# BUILD_DIR is a configured build folder; parley-server and parley-search-bench are built there first.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [--messages N] [--rounds R] [--keep]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
shift
messages=1000000
rounds=400
keep=
while [[ $# -gt 0 ]]; do
  case $1 in
    --messages) messages=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
server_bin=$build/server/parley-server
bench_bin=$build/bench/server/parley-search-bench
cmake --build "$build" --target parley-server parley-search-bench --parallel 2 >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/parley-search-bench.XXXXXX")
server_pid=
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n $keep ]]; then echo "- kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "# Parley search benchmark"
echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit: $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM; database in $work"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- seed: $bench_bin seed --db $work/parley.db --messages $messages"
timeout --signal=KILL 3600 "$bench_bin" seed --db "$work/parley.db" --messages "$messages"

password=bench-$RANDOM$RANDOM
started=$(date +%s)
PARLEY_ADMIN_PASSWORD=$password "$server_bin" --listen 127.0.0.1:0 --db "$work/parley.db" --rate-limits off \
  >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
port=
for _ in $(seq 3000); do
  port=$(sed -n 's|^parley: listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/server.out")
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "parley-server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
[[ -n $port ]] || { echo "parley-server did not start listening" >&2; exit 1; }
echo
echo "- server: $server_bin --db $work/parley.db, listening after $(( $(date +%s) - started )) s (the log replayed); RSS $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$server_pid/status)"
echo "- measure: $bench_bin measure --db $work/parley.db --port $port --rounds $rounds"
timeout --signal=KILL 1200 "$bench_bin" measure --db "$work/parley.db" --port "$port" --admin-password "$password" \
  --rounds "$rounds"
echo
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
