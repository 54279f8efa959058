#!/usr/bin/env bash
# Runs the whole suite (npm test) N times in a row (default 10) to flush out flaky tests; not run by CI.
# Stops at the first failing run. Usage: test/repeat.sh [N]
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: how many runs, default 10)" >&2
  exit 2
fi

started=$SECONDS
for ((run = 1; run <= runs; run++)); do
  printf '\n== run %d of %d\n' "$run" "$runs"
  if ! npm test; then
    printf '\nrepeat: run %d of %d failed (%d passed before it, %ds)\n' "$run" "$runs" $((run - 1)) $((SECONDS - started))
    exit 1
  fi
done
printf '\nrepeat: %d of %d runs passed (%ds)\n' "$runs" "$runs" $((SECONDS - started))
