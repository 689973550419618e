#!/usr/bin/env bash
# Runs one golden scenario through the native runner and (if given) the wasm runner under Node;
# fails unless both print exactly the expected output (so they are byte-identical to each other).
# Usage: check_golden.sh NATIVE_SIM WASM_SIM_JS|"" SCENARIO.jsonl   (expected: SCENARIO.expected)
set -u
native=$1 wasm=$2 scenario=$3
expected=${scenario%.jsonl}.expected
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
"$native" "$scenario" > "$work/native.out" || { echo "native runner failed"; status=1; }
if ! cmp -s "$expected" "$work/native.out"; then
  echo "native output differs from $expected:"; diff "$expected" "$work/native.out" | head -40; status=1
fi
if [ -n "$wasm" ]; then
  node --no-experimental-fetch "$wasm" "$scenario" > "$work/wasm.out" || { echo "wasm runner failed"; status=1; }
  if ! cmp -s "$work/native.out" "$work/wasm.out"; then
    echo "wasm output differs from native:"; diff "$work/native.out" "$work/wasm.out" | head -40; status=1
  fi
fi
exit $status
