#!/usr/bin/env bash
# Runs the core benchmark once natively and once as WebAssembly under node, from an existing build
# directory (it builds the two benchmark targets there first), and prints native, wasm and wasm/native.
# Usage: bench/run_core_bench.sh [build-dir (default: build)] [parley-core-bench options, e.g. --small]
# Each run is cut off after CORE_BENCH_TIMEOUT seconds (default 55), so the whole script stays
# under two minutes; on an idle 2-vCPU machine the two runs take about 35 s together.
set -uo pipefail

build=${1:-build}
[ $# -gt 0 ] && shift
native="$build/bench/parley-core-bench"
wasm="$build/wasm/bench/parley-core-bench.js"
cmake --build "$build" --target parley-core-bench --parallel 2 >/dev/null || exit 2
[ -d "$build/wasm" ] && { NODE_PATH=/usr/share/nodejs cmake --build "$build/wasm" --target parley-core-bench --parallel 2 >/dev/null || exit 2; }
for f in "$native" "$wasm"; do
  if [ ! -f "$f" ]; then
    echo "run_core_bench: $f not found; build first: cmake -S . -B $build && cmake --build $build -j2" >&2
    exit 2
  fi
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "machine: $(nproc) vCPU ($cpu), $(awk '/^MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM," \
     "load average at start $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version)"
echo "day: $* (defaults: 500 agents, 25 groups, 50 000 sessions, 1 000 000 messages)"

limit=${CORE_BENCH_TIMEOUT:-55}
status=0
native_out=$(timeout "$limit" "$native" "$@") || { echo "run_core_bench: native run failed or timed out ($?)" >&2; status=1; }
wasm_out=$(timeout "$limit" node --no-experimental-fetch "$wasm" "$@") || { echo "run_core_bench: wasm run failed or timed out ($?)" >&2; status=1; }

echo "native: $(printf '%s\n' "$native_out" | head -1)"
echo "wasm:   $(printf '%s\n' "$wasm_out" | head -1)"
printf '%s\n' "$native_out" | grep -E '^# (day commands|handle|replay|stats|reports|days)' | sed 's/^# /native: /'
printf '%s\n' "$wasm_out" | grep -E '^# (day commands|handle|replay|stats|reports|days)' | sed 's/^# /wasm:   /'
digest() { printf '%s\n' "$1" | sed -n 's/.*digest=\([0-9a-f]*\).*/\1/p' | head -1; }
if [ -n "$(digest "$native_out")" ] && [ "$(digest "$native_out")" = "$(digest "$wasm_out")" ]; then
  echo "same day natively and in wasm: yes (event digest $(digest "$native_out"))"
else
  echo "same day natively and in wasm: NO"
  status=1
fi
echo

# Figure lines look like "handle_events_per_s   1234567 /s"; a unit of /s means higher is better.
figures() { printf '%s\n' "$1" | awk 'NF == 3 && $1 ~ /^[a-z_]+$/ && $2 ~ /^-?[0-9.]+$/ { print $1, $2, $3 }'; }
{ figures "$native_out" | sed 's/^/N /'; figures "$wasm_out" | sed 's/^/W /'; } | awk '
  $1 == "N" { if (!($2 in unit)) order[++n] = $2; nat[$2] = $3; unit[$2] = $4 }
  $1 == "W" { if (!($2 in unit)) order[++n] = $2; was[$2] = $3; unit[$2] = $4 }
  END {
    printf "%-26s %14s %14s %12s %12s\n", "figure", "native", "wasm", "wasm/native", "wasm slower"
    for (i = 1; i <= n; i++) {
      k = order[i]
      if (!(k in nat) || !(k in was) || nat[k] == 0 || was[k] == 0) {
        printf "%-26s %14s %14s %12s %12s  %s\n", k, (k in nat) ? nat[k] : "-", (k in was) ? was[k] : "-", "-", "-", unit[k]
        continue
      }
      ratio = was[k] / nat[k]
      slower = unit[k] == "/s" ? nat[k] / was[k] : ratio
      printf "%-26s %14s %14s %12.2f %11.2fx  %s\n", k, nat[k], was[k], ratio, slower, unit[k]
    }
  }'
exit $status
