#!/usr/bin/env bash
# Builds the fuzz preset and runs every fuzz target (or the ones named) for a
# time budget each, starting from corpus/<target>/. New inputs go to a scratch
# corpus under build/fuzz-runs, never into the committed seeds. Fails on any
# crash, leak or timeout; the crashing input is kept and a command to
# reproduce it is printed.
# Usage: scripts/fuzz.sh [-t SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
while getopts "t:" option; do
  case $option in
    t) seconds=$OPTARG ;;
    *) echo "usage: $0 [-t SECONDS] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

./scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

bin=build/fuzz/bin
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for binary in "$bin"/fuzz_*; do targets+=("${binary##*/fuzz_}"); done
fi

failed=0
for target in "${targets[@]}"; do
  work=build/fuzz-runs/$target
  rm -rf "$work" && mkdir -p "$work/corpus" "$work/crashes"
  cp -r "corpus/$target/." "$work/corpus/"
  dict=()
  [ -f "fuzz/dict/$target.dict" ] && dict=(-dict="fuzz/dict/$target.dict")
  echo "== $target: ${seconds}s"
  if ! "$bin/fuzz_$target" "$work/corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
       -artifact_prefix="$work/crashes/" -print_final_stats=1 >"$work/log" 2>&1; then
    failed=1
    echo "!! $target failed; the last lines of its log ($work/log):"
    tail -n 30 "$work/log"
    for crash in "$work/crashes"/*; do
      [ -e "$crash" ] && echo "   reproduce: $bin/fuzz_$target $crash"
    done
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log" | sed "s/^/   /"
  fi
done
exit $failed
