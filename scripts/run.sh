#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs the scenario runner on the example
# desk day in assets/ (prints its queries' answers). Extra arguments go to parley-sim.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PARLEY_BUILD_DIR:-$root/build}"
bash "$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --parallel 2 --target parley-sim
"$build/tools/parley-sim" "${@:-$root/assets/example_day.jsonl}"
