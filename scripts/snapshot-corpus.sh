#!/usr/bin/env bash
# Writes `scan --json` and `audit --json` of every corpus app to OUT (default /tmp/phoenix-ops-snapshot),
# one file per app and command, to compare two builds byte for byte:
#   scripts/snapshot-corpus.sh /tmp/before && (change, build) && scripts/snapshot-corpus.sh /tmp/after
#   diff -r /tmp/before /tmp/after
# Extra arguments go to both commands (e.g. --cache).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/phoenix-ops-snapshot}; shift || true
corpus=${CORPUS:-$here/../shared/corpus}
mkdir -p "$out"
for d in "$corpus"/apps/*/; do
  app=$(basename "$d")
  for cmd in scan audit; do
    rc=0; node "$here/bin/phoenix-ops.js" "$cmd" "$d" --json "$@" >"$out/$app.$cmd.json" 2>"$out/$app.$cmd.err" || rc=$?
    echo "$rc" >"$out/$app.$cmd.rc"
  done
done
echo "wrote $(ls "$out" | wc -l) files to $out"
