#!/usr/bin/env bash
# npm test's checks before tap: what `npm run gen:check`, `build`, `lint` and `typecheck:test` do,
# two at a time (CI has two cores; each tool uses one) and with src/ type-checked once, not twice.
# ESLint's typed rules and the test type-check read the SDK's declarations, so build:sdk goes first.
# Each step's output is kept and printed only when it fails.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
# tap runs the compiled tests (dist/test/): none may be left from a test file since deleted or renamed.
rm -rf dist/test
trap 'rm -rf "$logs"' EXIT

# step NAME COMMAND...: runs COMMAND; on failure prints its output under NAME and returns 1.
step() {
  local name=$1
  shift
  "$@" >"$logs/$name" 2>&1 && return 0
  echo "pretest: $name failed ($*):" >&2
  cat "$logs/$name" >&2
  return 1
}

step gen:check npm run gen:check --silent &
gen=$!
# tap's Test class is built for the plugin set in package.json (no TypeScript plugin: the tests run
# compiled). The runner rebuilds a mismatched build itself but starts that run's test processes with the
# old build's loaders, so build it here, beside the SDK and before anything reads tap's types.
step tap:build npx tap build &
tapbuild=$!
step build:sdk npm run build:sdk --silent || exit 1
wait "$tapbuild" || exit 1

step eslint npx eslint . &
lint=$!
# The test project is the build's project plus test/: one compile checks both and emits dist/
# (dist/test/ too, the tests npm test runs).
{
  step tsc npx tsc -p tsconfig.test.json --noEmit false &&
    step build:web npm run build:web --silent &&
    step prettier npx prettier --check .
} &
build=$!

status=0
for job in "$gen" "$lint" "$build"; do
  wait "$job" || status=1
done
exit "$status"
