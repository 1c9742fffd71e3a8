#!/usr/bin/env bash
# Fails when src/protocol/generated does not match what proto/ generates (someone edited one without the other).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash scripts/gen-proto.sh "$tmp" >/dev/null
diff -q "$tmp/danmaku.js" src/protocol/generated/danmaku.js >/dev/null && diff -q "$tmp/danmaku.d.ts" src/protocol/generated/danmaku.d.ts >/dev/null || {
  echo "src/protocol/generated is stale: run npm run gen" >&2
  exit 1
}
