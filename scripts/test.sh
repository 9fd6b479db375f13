#!/usr/bin/env bash
# Installs what is missing, builds and runs the whole test suite.
# Usage: scripts/test.sh [PRESET...]   (default: dev; CI adds asan)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh

# Style first: it takes seconds and fails the same way on every machine.
./scripts/check-style.sh

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(dev)
# Each phase says how long it took, so a CI log is its own timing table.
for preset in "${presets[@]}"; do
  echo "== ${preset}: configure, build, test"
  started=$SECONDS
  cmake --preset "${preset}"
  cmake --build --preset "${preset}"
  echo "== ${preset}: configured and built in $((SECONDS - started)) s"
  started=$SECONDS
  ctest --preset "${preset}"
  echo "== ${preset}: tests passed in $((SECONDS - started)) s"
done
