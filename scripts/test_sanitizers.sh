#!/usr/bin/env bash
# On demand, not part of scripts/test.sh: builds the native core, server, tools and their tests with
# AddressSanitizer + UndefinedBehaviorSanitizer (CMakePresets.json, preset "asan") and runs every CTest
# suite of that build; any sanitizer finding fails the test that hit it. Prints how long it took.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
cd "$root"
start=$(date +%s)
status=0
cmake --workflow --preset asan || status=$?
echo "sanitizer run: $(( $(date +%s) - start )) s, exit status $status"
exit $status
