#!/usr/bin/env bash
# The server benchmark (a benchmark, not a test): starts a fresh parley-server on a temporary
# database and a free loopback port, runs parley-load (floors and every measurement) against it,
# prints the table, and stops the server.
#   bench/server/run_server_bench.sh BUILD_DIR [parley-load options, e.g. --agents 200]
# BUILD_DIR is a configured build folder; parley-server and parley-load are built there first. Bounded: parley-load stops
# itself (watchdog, --limit-seconds), and this script gives up after 25 minutes in all.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [parley-load options]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
shift
server_bin=$build/server/parley-server
load_bin=$build/bench/server/parley-load
cmake --build "$build" --target parley-server parley-load --parallel 2 >/dev/null
for bin in "$server_bin" "$load_bin"; do
  [[ -x $bin ]] || { echo "missing $bin (build it first)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/parley-server-bench.XXXXXX")
server_pid=
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    # Open streams hold the server's shutdown until their 15 s keep-alive wait ends.
    for _ in $(seq 250); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# 2 000 streams need more than 2 000 descriptors on both sides.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
password=bench-$RANDOM$RANDOM

PARLEY_ADMIN_PASSWORD=$password "$server_bin" --listen 127.0.0.1:0 --db "$work/parley.db" --rate-limits off \
  >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
port=
for _ in $(seq 300); do
  port=$(sed -n 's|^parley: listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/server.out")
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "parley-server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $port ]] || { echo "parley-server did not start listening" >&2; exit 1; }

echo "# Parley server benchmark"
echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit: $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM; database and floor files in $work ($(df -P "$work" | awk 'NR==2 {print $1}'))"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- server: $server_bin --listen 127.0.0.1:$port --db $work/parley.db (pid $server_pid)"
echo "- generator: $load_bin $*"

status=0
timeout --signal=KILL 1500 "$load_bin" --port "$port" --admin-password "$password" --server-pid "$server_pid" \
  --floor-dir "$work" "$@" || status=$?

echo
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "parley-server died during the run; its log:" >&2
  tail -n 20 "$work/server.log" >&2
  status=1
fi
if [[ $status -ne 0 ]]; then
  echo "parley-load failed (exit $status); last server log lines:" >&2
  tail -n 5 "$work/server.log" >&2
fi
exit $status
